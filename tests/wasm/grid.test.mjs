// evaluateGrid / evaluatePoints: shapes, layout (column-major, top row first) and values.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadEngine, sessionFactory } from './support/engine.mjs';

const engine = await loadEngine();
const session = sessionFactory(engine);

const near = (actual, expected, tolerance, what) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual}, expected ${expected} ± ${tolerance}`);

test('the grid: one row per cell, top-left first, every neuron layer with its width', () => {
  const s = session();  // 2 → 4 tanh → 2 tanh → 1 sigmoid
  s.train(50);
  const g = s.evaluateGrid({ resolution: 10, xMin: -6, xMax: 6, yMin: -6, yMax: 6 });
  assert.equal(g.rows, 100);
  assert.equal(g.resolution, 10);
  assert.equal(g.inputs.length, 100 * 2);
  // Column-major rows × 2: x values first, then y. Cell (i, j) = row j·10 + i; row 0 at the top.
  near(g.inputs[0], -5.4, 1e-5, 'x of the top-left cell');
  near(g.inputs[100], 5.4, 1e-5, 'y of the top-left cell');
  near(g.inputs[9], 5.4, 1e-5, 'x of the top-right cell');
  near(g.inputs[99], 5.4, 1e-5, 'x of the last cell');
  near(g.inputs[199], -5.4, 1e-5, 'y of the last (bottom-right) cell');
  assert.equal(g.output.length, 100);
  for (let r = 0; r < 100; r++) assert.ok(g.output[r] > 0 && g.output[r] < 1, `sigmoid output ${g.output[r]} at row ${r}`);
  assert.deepEqual(g.neuronLayers.map((l) => l.length), [400, 200, 100]);
  for (const layer of g.neuronLayers.slice(0, 2)) {
    for (const v of layer) assert.ok(v >= -1 && v <= 1, `tanh neuron value ${v}`);
  }
  assert.deepEqual(g.neuronLayers[2], g.output, 'the last neuron layer is the output');
  // Views into WASM memory, not copies.
  assert.equal(g.output.buffer, s.parameters().buffer);
});

test('grid values equal the network computed by hand from its parameters', () => {
  const s = session({ network: { hidden: [] } });  // logistic regression: σ(w1·x + w2·y + b)
  s.train(40);
  const [w1, w2, b] = s.parameters();
  const g = s.evaluateGrid({ resolution: 7, xMin: -3, xMax: 4, yMin: -2, yMax: 5 });
  for (let r = 0; r < g.rows; r++) {
    const x = -3 + (r % 7 + 0.5);
    const y = 5 - (Math.floor(r / 7) + 0.5);
    near(g.inputs[r], x, 1e-5, `x of row ${r}`);
    near(g.inputs[g.rows + r], y, 1e-5, `y of row ${r}`);
    near(g.output[r], 1 / (1 + Math.exp(-(w1 * x + w2 * y + b))), 1e-6, `output of row ${r}`);
  }
});

test('evaluatePoints gives the grid\'s values for the same points', () => {
  const s = session({ data: { kind: 'spiral' }, network: { hidden: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'relu' }] } });
  s.train(100);
  const g = s.evaluateGrid({ resolution: 16 });
  const rows = g.rows;
  const points = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    points[2 * r] = g.inputs[r];
    points[2 * r + 1] = g.inputs[rows + r];
  }
  const gridOutput = g.output.slice();
  const gridHidden = g.neuronLayers[1].slice();
  const p = s.evaluatePoints(points);
  assert.equal(p.rows, rows);
  assert.equal(p.resolution, undefined);
  assert.deepEqual(p.output, gridOutput);
  assert.deepEqual(p.neuronLayers[1], gridHidden);
  const one = s.evaluatePoints([[points[0], points[1]]]);
  assert.equal(one.rows, 1);
  assert.equal(one.output[0], gridOutput[0]);
});

test('bounds default to describe().bounds', () => {
  const s = session({ data: { kind: 'xor_gate' } });
  assert.deepEqual(s.describe().bounds, { xMin: -0.5, xMax: 1.5, yMin: -0.5, yMax: 1.5 });
  const g = s.evaluateGrid({ resolution: 4 });
  near(g.inputs[0], -0.25, 1e-6, 'x of the top-left cell');
  near(g.inputs[g.rows], 1.25, 1e-6, 'y of the top-left cell');
  assert.equal(s.evaluateGrid().resolution, 50, 'default resolution');
});

test('features widen the inputs; multi-class outputs are softmax columns', () => {
  const f = session({ data: { features: ['x1', 'x2', 'x1_squared', 'sin_x2'] } });
  const g = f.evaluateGrid({ resolution: 5 });
  assert.equal(g.inputs.length, 25 * 4);
  for (let r = 0; r < 25; r++) {
    near(g.inputs[2 * 25 + r], g.inputs[r] ** 2, 1e-4, `x1² of row ${r}`);
    near(g.inputs[3 * 25 + r], Math.sin(g.inputs[25 + r]), 1e-5, `sin(x2) of row ${r}`);
  }
  const m = session({ data: { kind: 'blobs', classes: 3 } });
  m.train(30);
  const o = m.evaluateGrid({ resolution: 8 });
  assert.equal(o.output.length, 64 * 3);
  for (let r = 0; r < 64; r++) {
    const sum = o.output[r] + o.output[64 + r] + o.output[128 + r];
    near(sum, 1, 1e-5, `softmax sum of row ${r}`);
  }
});

test('neuron layers of an explicit stack: one per dense layer, after its activation', () => {
  const s = session({
    network: {
      layers: [{ kind: 'dense', units: 5 }, { kind: 'batch_norm' }, { kind: 'activation', activation: 'relu' },
        { kind: 'dropout', rate: 0.3 }, { kind: 'dense', units: 3 }, { kind: 'activation', activation: 'sigmoid' },
        { kind: 'dense', units: 1 }, { kind: 'activation', activation: 'sigmoid' }],
      loss: 'binary_cross_entropy',
    },
  });
  const d = s.describe();
  assert.deepEqual(d.neuronLayers.map((l) => [l.units, l.activation]), [[5, 'relu'], [3, 'sigmoid'], [1, 'sigmoid']]);
  const g = s.evaluateGrid({ resolution: 6 });
  assert.deepEqual(g.neuronLayers.map((l) => l.length), [36 * 5, 36 * 3, 36]);
  assert.ok(g.neuronLayers[0].every((v) => v >= 0), 'relu outputs');
});

test('views are detached when WASM memory grows: re-fetch after every call', async () => {
  const own = await loadEngine();  // its own memory, so the growth does not affect the other tests
  const s = own.createSession({ network: { hidden: [{ units: 16 }, { units: 16 }] } });
  try {
    const small = s.evaluateGrid({ resolution: 8 });
    const params = s.parameters();
    const heap = own.memoryUsage().heapBytes;
    const big = s.evaluateGrid({ resolution: 1024 });  // ~1 M rows × 37 columns of floats: memory grows
    assert.ok(own.memoryUsage().heapBytes > heap, 'memory grew');
    assert.equal(small.output.length, 0, 'an old view is detached');
    assert.equal(params.length, 0, 'an old parameters() view is detached');
    assert.equal(big.output.length, 1024 * 1024);
    assert.equal(s.parameters().length, s.describe().parameterCount, 're-fetched views work');
  } finally {
    s.dispose();
  }
});
