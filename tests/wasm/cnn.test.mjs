// A CNN through the JavaScript API: network.inputShape with an explicit stack, shape errors
// that name the layer, the two CNN views (conv filters, feature maps of one image) as one
// call each, and a model file with a wrong conv kernel refused without changing anything.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { EngineError } from '../../web/js/engine.js';
import { engineLayers, PRESETS, inferShapes, decodeArchitecture, encodeArchitecture } from '../../web/js/ground/image-architecture.js';
import { loadEngine, sessionFactory, throwsError } from './support/engine.mjs';

const engine = await loadEngine();
const session = sessionFactory(engine);

// 30 images of 1×8×8 in 3 classes (a bright row, column or diagonal), row-major.
function images() {
  const points = new Float32Array(30 * 64), labels = new Float32Array(30);
  for (let n = 0; n < 30; n++) {
    const label = n % 3, k = (n * 7) % 8;
    labels[n] = label;
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) {
      const on = label === 0 ? y === k : label === 1 ? x === k : x === y;
      points[n * 64 + y * 8 + x] = on ? 1 : ((n * 13 + y * 5 + x * 3) % 7) / 40;
    }
  }
  return { points, labels, dims: 64, classes: 3 };
}

const CNN = {
  data: { source: 'custom', testFraction: 0 },
  network: {
    inputShape: [1, 8, 8], loss: 'categorical_cross_entropy', seed: 2,
    layers: [
      { kind: 'conv2d', filters: 3, kernel: 3, padding: 'same' }, { kind: 'activation', activation: 'relu' },
      { kind: 'max_pool2d', size: 2 }, { kind: 'flatten' }, { kind: 'dense', units: 3 }, { kind: 'activation', activation: 'softmax' },
    ],
  },
  optimizer: { kind: 'adam', learningRate: 0.01 },
  training: { batchSize: 10 },
};

function cnnSession() {
  const s = session({ data: { kind: 'circle', points: 20 }, network: { hidden: [] } });
  s.setData(images());
  s.configure(CNN);
  return s;
}

test('network.inputShape builds a CNN that trains; the configuration keeps the shape', () => {
  const s = cnnSession();
  const d = s.describe();
  assert.deepEqual(d.layers.map((l) => l.kind), ['conv2d', 'activation', 'max_pool2d', 'flatten', 'dense', 'activation']);
  assert.equal(d.layers[0].outputs, 3 * 8 * 8);
  assert.equal(d.parameterCount, 3 * 9 + 3 + 48 * 3 + 3);
  assert.deepEqual(s.config.network.inputShape, [1, 8, 8]);
  const before = s.evaluate().trainLoss;
  for (let i = 0; i < 15; i++) s.stepEpoch();
  assert.ok(s.history().at(-1).trainLoss < before);
});

test('shape errors name the layer and both shapes, and change nothing', () => {
  const s = cnnSession();
  s.stepEpoch();
  const params = s.parameters().slice();
  const config = s.config;
  const stack = [{ kind: 'conv2d', filters: 2, kernel: 4, padding: 'valid', stride: 2 }, { kind: 'conv2d', filters: 2, kernel: 5, padding: 'valid' },
    { kind: 'flatten' }, { kind: 'dense', units: 3 }];
  throwsError(() => s.update({ network: { layers: stack } }), EngineError, 'InvalidArgument',
    /layer 2 \(conv2d\): a 5×5 valid convolution does not fit a 3×3 input/);
  throwsError(() => s.update({ network: { inputShape: [1, 4, 4] } }), EngineError, 'InvalidArgument',
    /network\.inputShape 1×4×4 describes 16 values per point, but the data gives 64/);
  throwsError(() => s.update({ network: { inputShape: [1, 'eight', 8] } }), TypeError, 'TypeError', /network\.inputShape\[1\]/);
  throwsError(() => s.update({ network: { layers: [{ kind: 'conv2d', filters: 0, kernel: 3 }] } }), RangeError, 'RangeError', /filters/);
  assert.deepEqual(s.parameters(), params);
  assert.deepEqual(s.config, config);
  assert.equal(s.epoch, 1);
});

test('convFilters: one call, a view of filters × channels × k × k weights', () => {
  const s = cnnSession();
  const f = s.convFilters(0);
  assert.deepEqual([f.filters, f.channels, f.size], [3, 1, 3]);
  assert.ok(f.weights instanceof Float32Array);
  assert.equal(f.weights.length, 27);
  assert.deepEqual(Array.from(f.weights), Array.from(s.parameters().slice(0, 27)));
  throwsError(() => s.convFilters(4), RangeError, 'RangeError', /layer 4 is a dense layer, not a conv2d layer/);
  throwsError(() => s.convFilters(6), RangeError, 'RangeError', /layer/);
});

test('featureMaps: every layer for one image in one call, shapes and values consistent', () => {
  const s = cnnSession();
  for (let i = 0; i < 3; i++) s.stepEpoch();
  const { points } = images();
  const image = points.slice(4 * 64, 5 * 64);
  const maps = s.featureMaps(image);
  assert.deepEqual(maps.map((m) => m.shape), [[3, 8, 8], [3, 8, 8], [3, 4, 4], [48], [3], [3]]);
  assert.deepEqual(maps.map((m) => m.kind), ['conv2d', 'activation', 'max_pool2d', 'flatten', 'dense', 'activation']);
  const copies = maps.map((m) => m.values.slice());
  // Max pool of channel 1 at (1, 2) is the largest of its 2×2 window after the ReLU.
  const relu = copies[1], pool = copies[2];
  const window = [0, 1].flatMap((dy) => [0, 1].map((dx) => relu[64 + (2 + dy) * 8 + (4 + dx)]));
  assert.equal(pool[16 + 1 * 4 + 2], Math.max(...window));
  // The probabilities match evaluatePoints on the same image.
  const out = s.evaluatePoints(image, 64).output;
  for (let c = 0; c < 3; c++) assert.ok(Math.abs(out[c] - copies[5][c]) < 1e-6);
  throwsError(() => s.featureMaps(image.slice(0, 10)), RangeError, 'RangeError', /image has 10 values but the data has 64/);
});

test('a model file with a wrong conv kernel is refused and nothing changes', () => {
  const s = cnnSession();
  s.stepEpoch();
  const params = s.parameters().slice();
  const file = JSON.parse(s.saveModel());
  file.network.layers[0].kernel = 5;
  file.session.config.network.layers[0].kernel = 5;
  throwsError(() => s.loadModel(file), EngineError, 'ModelFormatError', /parameters has 177 values but the network needs 225/);
  assert.deepEqual(s.parameters(), params);
  s.loadModel(s.saveModel());
  assert.deepEqual(s.parameters(), params);
});

test("the page's presets build in the engine with the shapes the page shows", () => {
  const s = session({ data: { kind: 'circle', points: 20 }, network: { hidden: [] } });
  const points = new Float32Array(10 * 784).map((_, i) => (i % 17) / 17);
  s.setData({ points, labels: Float32Array.from({ length: 10 }, (_, i) => i), dims: 784, classes: 10 });
  for (const [name, preset] of Object.entries(PRESETS)) {
    s.configure({ data: { source: 'custom', testFraction: 0 }, network: { inputShape: [1, 28, 28], layers: engineLayers(preset.layers), loss: 'categorical_cross_entropy' } });
    const { shapes } = inferShapes(preset.layers);
    const widths = s.describe().layers.map((l) => l.outputs);
    const size = (shape) => shape.reduce((a, b) => a * b, 1);
    for (const shape of shapes) assert.ok(widths.includes(size(shape)), `${name}: ${shape} is one of the engine's layer widths`);
    assert.deepEqual(decodeArchitecture(encodeArchitecture(preset.layers)), preset.layers);
  }
  assert.equal(s.describe().parameterCount, 208 + 3216 + 7850, 'small CNN: conv 5×5×8, conv 5×5×16 (same), dense 10');
  // The page refuses what the engine refuses, naming the same layer.
  const bad = decodeArchitecture('c4k5v_m2_m2_m2_c4k5v_d10');
  assert.match(inferShapes(bad).error.message, /layer 5 \(Conv\): a 5×5 valid convolution does not fit a 3×3 input/);
  throwsError(() => s.configure({ data: { source: 'custom', testFraction: 0 }, network: { inputShape: [1, 28, 28], layers: engineLayers(bad), loss: 'categorical_cross_entropy' } }),
    EngineError, 'InvalidArgument', /layer 6 \(conv2d\): a 5×5 valid convolution does not fit a 3×3 input/);
});
