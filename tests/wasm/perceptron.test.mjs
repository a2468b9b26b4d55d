import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadEngine, throwsError } from './support/engine.mjs';

const engine = await loadEngine();

test('the perceptron converges on AND at the same epoch as the native CLI', () => {
  const p = engine.createPerceptron({ gate: 'and', learningRate: 1 });
  const first = p.step();
  assert.equal(first.sample, 0);
  assert.equal(first.epoch, 1);
  const last = p.train(100);
  assert.equal(last.converged, true);
  const s = p.state();
  assert.equal(s.convergedEpoch, 6);  // `nnplay perceptron --gate and` prints epoch 6
  assert.deepEqual(s.weights, [2, 1]);
  assert.equal(s.bias, -2);
  assert.equal(s.mistakesPerEpoch.at(-1), 0);
  const grid = p.evaluateGrid({ resolution: 2 });
  assert.deepEqual(Array.from(grid), [0, 1, 0, 0]);  // only (1, 1), top right, is on
  p.dispose();
  assert.throws(() => p.step(), /disposed/);
});

test('the perceptron never converges on XOR', () => {
  const p = engine.createPerceptron({ gate: 'xor' });
  p.train(1000);
  const s = p.state();
  assert.equal(s.convergedEpoch, 0);
  assert.equal(s.epoch, 1000);
  assert.ok(s.mistakesPerEpoch.every((m) => m > 0));
  p.reset();
  assert.equal(p.state().epoch, 0);
  p.dispose();
});

test('bad perceptron options are refused before reaching the engine', () => {
  throwsError(() => engine.createPerceptron({ gate: 'nand' }), RangeError, 'RangeError', /gate/);
  throwsError(() => engine.createPerceptron({ learningRate: 0 }), RangeError, 'RangeError', /learningRate/);
  throwsError(() => engine.createPerceptron({ learningRate: NaN }), RangeError, 'RangeError', /learningRate/);
});

test('evaluateFrom decodes points of an autoencoder code plane in one call', () => {
  const s = engine.createSession({
    data: { task: 'autoencoder' },
    network: { hidden: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'linear' }, { units: 4, activation: 'tanh' }] },
  });
  const points = [];
  for (let i = 0; i < 50; i++) points.push([i / 50, 1 - i / 50, 0.5, (i % 5) / 5]);
  s.setData({ points, labels: points.map((_, i) => i % 2), classes: 2 });
  assert.equal(s.describe().outputs, 4);
  const r = s.evaluateFrom(1, [[0, 0], [1, -1], [0.5, 0.25]]);
  assert.equal(r.rows, 3);
  assert.equal(r.inputs, null);
  assert.equal(r.output.length, 12);
  assert.equal(r.neuronLayers[0], null);
  assert.equal(r.neuronLayers[1], null);
  assert.equal(r.neuronLayers[2].length, 12);
  for (const v of r.output) assert.ok(v > 0 && v < 1);
  throwsError(() => s.evaluateFrom(1, [[0, 0, 0]]), RangeError, 'RangeError', /2 values/);
  throwsError(() => s.evaluateFrom(3, [[0, 0]]), RangeError, 'RangeError', /layer/);
  s.dispose();
});
