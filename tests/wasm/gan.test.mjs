// The GAN through the JavaScript API (issue 14): the ring of 8 Gaussians with the default
// settings covers ≥ 6 modes within 3,000 generator steps (seed 1), the collapse preset ≤ 2;
// views in one call; argument checks; model round trip.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { loadEngine, throwsError } from './support/engine.mjs';

const engine = await loadEngine();
const made = [];
after(() => made.forEach((g) => g.dispose()));
const gan = (settings) => {
  const g = engine.createGan(settings);
  made.push(g);
  return g;
};

test('default settings cover ≥ 6 of 8 ring modes in 3,000 steps; the collapse preset ≤ 2', () => {
  const good = gan(engine.ganPreset('default'));
  good.train(3000);
  const covered = good.coverage(1000).covered;
  const bad = gan(engine.ganPreset('collapse'));
  bad.train(3000);
  const collapsed = bad.coverage(1000).covered;
  const message = `default covers ${covered} of 8 modes, the collapse preset ${collapsed} of 8`;
  assert.ok(covered >= 6, message);
  assert.ok(collapsed <= 2, message);
  assert.equal(good.last().generatorSteps, 3000);
  assert.equal(good.history().length, 4 * 3000);
});

test('evaluate returns every view in one call, sized by its options', () => {
  const g = gan({ seed: 3 });
  g.step();
  const v = g.evaluate({ resolution: 10, samples: 20, gridLines: 5 });
  assert.equal(v.probability.length, 100);
  assert.equal(v.samples.length, 40);
  assert.equal(v.arrows.length, 40);
  assert.equal(v.warpedGrid.length, 50);
  assert.ok(v.probability.every((p) => p >= 0 && p <= 1));
  assert.ok(v.arrows.some((a) => a !== 0));
});

test('steps, k and the loss: counters and determinism', () => {
  const a = gan({ seed: 4, discriminatorSteps: 2, loss: 'minimax' });
  const b = gan({ seed: 4, discriminatorSteps: 2, loss: 'minimax' });
  a.stepDiscriminator();
  const r = a.stepGenerator();
  assert.deepEqual([r.discriminatorSteps, r.generatorSteps], [1, 1]);
  a.reset();
  a.train(20);
  b.train(20);
  assert.deepEqual(a.history(), b.history());
  assert.equal(a.last().discriminatorSteps, 40);
  a.setDiscriminatorSteps(1);
  a.setLoss('non_saturating');
  a.setOptimizer('generator', { kind: 'sgd', learningRate: 0.05 });
  assert.equal(a.settings.generator.optimizer.kind, 'sgd');
  assert.equal(a.settings.discriminatorSteps, 1);
});

test('custom targets and model files', () => {
  const g = gan({ seed: 2, noise: { dims: 1, distribution: 'uniform' } });
  g.setCustomTarget([[0.1, 0.2], [0.3, -0.4]]);
  assert.deepEqual(Array.from(g.targetPoints()).map((v) => Math.round(v * 10) / 10), [0.1, 0.3, 0.2, -0.4]);
  g.train(5);
  const file = g.saveModel();
  const h = gan();
  h.loadModel(file);
  assert.equal(h.settings.target, 'custom');
  assert.equal(h.settings.noise.dims, 1);
  assert.equal(h.last().generatorSteps, 5);
  throwsError(() => h.loadModel('{"format": "x"}'), Error, 'ModelFormatError', /not a GAN model/);
});

test('bad arguments are named', () => {
  throwsError(() => engine.createGan({ target: 'donut' }), RangeError, 'RangeError', /settings\.target/);
  throwsError(() => engine.createGan({ noise: { dims: 3 } }), RangeError, 'RangeError', /settings\.noise\.dims/);
  throwsError(() => engine.createGan({ generator: { layers: [{ units: 0 }] } }), RangeError, 'RangeError', /layers\[0\]\.units/);
  throwsError(() => engine.ganPreset('nope'), Error, 'InvalidArgument', /unknown GAN preset/);
  const g = gan();
  throwsError(() => g.train(-1), RangeError, 'RangeError', /steps/);
  throwsError(() => g.setLoss('hinge'), RangeError, 'RangeError', /loss/);
  throwsError(() => g.evaluate({ resolution: 1 }), RangeError, 'RangeError', /options\.resolution/);
  throwsError(() => g.setCustomTarget([1, 2, 3]), RangeError, 'RangeError', /pairs/);
});
