// Every Session method on its ordinary path (errors: errors.test.mjs; grid: grid.test.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadEngine, sessionFactory } from './support/engine.mjs';

const engine = await loadEngine();
const session = sessionFactory(engine);

test('config is canonical: every default filled in, and it configures an identical session', () => {
  const s = session();
  const c = s.config;
  assert.deepEqual(Object.keys(c).sort(), ['data', 'network', 'optimizer', 'training']);
  assert.equal(c.data.kind, 'circle');
  assert.equal(c.optimizer.learningRate, 0.03);
  assert.equal(c.training.batchSize, 10);
  assert.deepEqual(c.network.hidden.map((h) => h.units), [4, 2]);
  // Round trips for both network forms and every layer kind.
  const explicit = {
    network: {
      layers: [{ kind: 'dense', units: 5 }, { kind: 'batch_norm' }, { kind: 'activation', activation: 'leaky_relu' },
        { kind: 'dropout', rate: 0.1 }, { kind: 'dense', units: 1 }, { kind: 'activation', activation: 'sigmoid' }],
      loss: 'binary_cross_entropy',
    },
  };
  for (const config of [c, explicit]) {
    const a = session(config);
    const b = session(a.config);
    assert.deepEqual(b.config, a.config);
    assert.deepEqual(b.parameters(), a.parameters());
  }
});

test('configure replaces, update merges; both say whether the network was rebuilt', () => {
  const s = session();
  s.stepEpoch();
  const params = s.parameters().slice();
  assert.equal(s.update({ optimizer: { learningRate: 0.1 } }), false);
  assert.equal(s.config.optimizer.learningRate, 0.1);
  assert.deepEqual(s.parameters(), params, 'a learning-rate change keeps the weights');
  assert.equal(s.epoch, 1);
  assert.equal(s.update({ network: { hidden: [{ units: 3, activation: 'relu' }] } }), true);
  assert.equal(s.epoch, 0);
  assert.equal(s.describe().neuronLayers[0].units, 3);
  assert.equal(s.configure({ data: { kind: 'moons' } }), true);
  assert.equal(s.config.optimizer.learningRate, 0.03, 'configure() resets what it does not mention');
  assert.deepEqual(s.config.network.hidden.map((h) => h.units), [4, 2]);
  assert.equal(s.configure(), true, 'configure() with no argument: the defaults (other data: rebuilt)');
  assert.equal(s.config.data.kind, 'circle');
  assert.equal(s.configure({}), false, 'the same configuration again keeps the network');
});

test('describe() reports architecture, offsets and sizes', () => {
  const s = session({ data: { kind: 'blobs', classes: 4, points: 200 }, network: { hidden: [{ units: 5 }] } });
  const d = s.describe();
  assert.equal(d.inputs, 2);
  assert.equal(d.dimensions, 2);
  assert.deepEqual(d.features, ['x1', 'x2']);
  assert.equal(d.outputs, 4);
  assert.equal(d.classes, 4);
  assert.equal(d.task, 'multiclass');
  assert.equal(d.outputActivation, 'softmax');
  assert.equal(d.loss, 'categorical_cross_entropy');
  assert.equal(d.parameterCount, 2 * 5 + 5 + 5 * 4 + 4);
  assert.equal(d.trainSize + d.testSize, 200);
  assert.deepEqual(d.bounds, { xMin: -6, xMax: 6, yMin: -6, yMax: 6 });
  assert.equal(d.batchesPerEpoch, Math.ceil(d.trainSize / 10));
  assert.deepEqual(d.neuronLayers.map((l) => [l.inputs, l.units, l.weightOffset, l.biasOffset]),
    [[2, 5, 0, 10], [5, 4, 15, 35]]);
  d.layers.push('mutated');  // a fresh object each time
  assert.notEqual(s.describe().layers.at(-1), 'mutated');
});

test('setData takes flat typed arrays or arrays of points; data() gives row-major copies', () => {
  const s = session({ data: { testFraction: 0 } });
  const points = [[1, 1], [-1, -1], [1, -1], [-1, 1], [2, 2], [-2, -2]];
  const labels = [1, 1, 0, 0, 1, 1];
  s.setData({ points, labels });
  assert.equal(s.config.data.source, 'custom');
  assert.equal(s.describe().classes, 2, 'classes inferred from whole-number labels');
  const d = s.data();
  assert.equal(d.test.points.length, 0);
  assert.ok(d.train.points instanceof Float32Array);
  // The split shuffles: compare as sets of (x, y, label).
  const rows = (part) => Array.from(part.labels, (l, i) => `${part.points[2 * i]},${part.points[2 * i + 1]}:${l}`).sort();
  assert.deepEqual(rows(d.train), points.map((p, i) => `${p[0]},${p[1]}:${labels[i]}`).sort());

  const flat = new Float32Array(points.flat());
  s.setData({ points: flat, labels: new Float32Array(labels), dims: 2, classes: 3 });
  assert.equal(s.describe().outputs, 3, 'three classes: softmax over 3 outputs');
  s.setData({ points: [[0.5], [1.5], [2.5], [3.5]], labels: [0.1, 0.2, 0.3, 0.45] });
  assert.equal(s.describe().task, 'regression', 'fractional labels: regression');
  assert.equal(s.describe().dimensions, 1);
  assert.deepEqual(s.describe().features, [], 'features apply to 2-D data only');
});

test('setData with keepNetwork keeps weights and progress when the network still fits', () => {
  const s = session();
  const points = new Float32Array([1, 1, -1, -1, 1, -1, -1, 1, 2, 2, -2, -2]);
  const labels = new Float32Array([1, 1, 0, 0, 1, 1]);
  s.setData({ points, labels, classes: 2 });
  s.stepEpoch();
  const params = s.parameters().slice();
  s.setData({ points: points.subarray(0, 10), labels: labels.subarray(0, 5), classes: 2 }, { keepNetwork: true });
  assert.deepEqual(s.parameters(), params);
  assert.equal(s.epoch, 1);
  s.setData({ points, labels, classes: 2 });
  assert.equal(s.epoch, 0, 'without keepNetwork training restarts');
});

test('stepBatch, stepEpoch, train and the progress getters agree', () => {
  const s = session();
  const perEpoch = s.batchesPerEpoch;
  assert.equal(perEpoch, s.describe().batchesPerEpoch);
  const b = s.stepBatch();
  assert.deepEqual(Object.keys(b).sort(), ['batch', 'batchesPerEpoch', 'epoch', 'epochCompleted', 'loss']);
  assert.equal(b.epoch, 1);
  assert.equal(b.batch, 0);
  assert.equal(b.batchesPerEpoch, perEpoch);
  assert.equal(b.epochCompleted, false);
  assert.ok(b.loss > 0 && b.loss < 5, `loss ${b.loss}`);
  assert.equal(s.batchCursor, 1);
  assert.equal(s.step, 1);
  const r = s.stepEpoch();
  assert.equal(r.epoch, 1);
  assert.equal(r.step, perEpoch);
  assert.equal(s.batchCursor, 0);
  assert.equal(s.epoch, 1);
  assert.equal(s.train(2 * perEpoch + 3), 2, 'epochs completed');
  assert.equal(s.epoch, 3);
  assert.equal(s.batchCursor, 3);
  assert.equal(s.step, 3 * perEpoch + 3);
});

test('history() has one record per epoch; evaluate() reports without recording', () => {
  const s = session({ data: { kind: 'regression_plane', points: 100 } });
  for (let i = 0; i < 3; i++) s.stepEpoch();
  const h = s.history();
  assert.equal(h.length, 3);
  assert.deepEqual(h.map((r) => r.epoch), [1, 2, 3]);
  for (const r of h) {
    assert.deepEqual(Object.keys(r).sort(), ['epoch', 'step', 'testAccuracy', 'testLoss', 'trainAccuracy', 'trainLoss']);
    assert.equal(r.trainAccuracy, null, 'accuracy is null (NaN) for regression');
    assert.ok(r.trainLoss > 0);
  }
  // history(from): only the records a caller does not hold yet (a frame must not copy them all).
  assert.deepEqual(s.history(1), h.slice(1));
  assert.deepEqual(s.history(3), []);
  assert.deepEqual(s.history(99), [], 'past the end: nothing');
  for (const bad of [-1, 0.5, NaN, '1']) assert.throws(() => s.history(bad), RangeError, String(bad));
  const e = s.evaluate();
  assert.equal(e.trainLoss, h[2].trainLoss, 'same weights, same loss');
  assert.equal(s.history().length, 3);
  const noTest = session({ data: { testFraction: 0 } });
  assert.equal(noTest.stepEpoch().testLoss, null, 'no test set: null');
});

test('training lowers the loss, and reset() re-draws the same weights from the seed', () => {
  const s = session();
  const initial = s.parameters().slice();
  const before = s.evaluate().trainLoss;
  s.train(30 * s.batchesPerEpoch);
  assert.ok(s.history().at(-1).trainLoss < before, `loss ${before} → ${s.history().at(-1).trainLoss}`);
  s.takeSnapshot();
  s.reset();
  assert.deepEqual(s.parameters(), initial);
  assert.equal(s.epoch, 0);
  assert.equal(s.step, 0);
  assert.deepEqual(s.history(), []);
  assert.deepEqual(s.snapshots(), [], 'reset clears snapshots');
  s.reset(7);
  assert.notDeepEqual(s.parameters(), initial);
  assert.equal(s.config.network.seed, 7);
});

test('parameters() and gradients() are views laid out as describe() says', () => {
  const s = session();
  const d = s.describe();
  const p = s.parameters();
  assert.ok(p instanceof Float32Array);
  assert.equal(p.length, d.parameterCount);
  const l = d.neuronLayers[1];
  // weight(from, to) = p[weightOffset + to·inputs + from]; bias(j) = p[biasOffset + j]
  assert.equal(s.getWeight(1, 3, 1), p[l.weightOffset + 1 * l.inputs + 3]);
  assert.equal(s.getBias(1, 1), p[l.biasOffset + 1]);
  s.stepBatch();
  const g = s.gradients();
  assert.equal(g.length, d.parameterCount);
  assert.ok(g.some((v) => v !== 0), 'a step leaves gradients');
});

test('setParameters, setWeight and setBias change exactly what they name', () => {
  const s = session();
  const n = s.describe().parameterCount;
  const values = Float32Array.from({ length: n }, (_, i) => (i - n / 2) / n);
  s.setParameters(values);
  assert.deepEqual(s.parameters(), values);
  s.setParameters(Array.from(values, (v) => -v));  // plain arrays too
  assert.equal(s.parameters()[1], -values[1]);
  s.setParameters(s.parameters());  // its own view: copied before the engine reads it
  assert.equal(s.parameters()[1], -values[1]);
  s.setWeight(0, 1, 2, 0.75);
  assert.equal(s.getWeight(0, 1, 2), 0.75);
  s.setBias(2, 0, -0.5);
  assert.equal(s.getBias(2, 0), -0.5);
  const l = s.describe().neuronLayers[2];
  assert.equal(s.parameters()[l.biasOffset], -0.5);
});

test('optimizerState() copies the step and every slot', () => {
  const s = session({ optimizer: { kind: 'adam' } });
  assert.deepEqual(s.describe().optimizerSlots, ['first_moment', 'second_moment']);
  s.stepBatch();
  const st = s.optimizerState();
  assert.equal(st.step, 1);
  assert.deepEqual(Object.keys(st.slots), ['first_moment', 'second_moment']);
  assert.equal(st.slots.first_moment.length, s.describe().parameterCount);
  assert.ok(st.slots.second_moment.some((v) => v > 0));
  s.stepBatch();
  assert.notDeepEqual(s.optimizerState().slots.first_moment, st.slots.first_moment, 'a copy, not a view');
  const sgd = session();
  assert.deepEqual(sgd.optimizerState(), { step: 0, slots: {} });
});

test('snapshots: take, list, restore, delete', () => {
  const s = session();
  s.stepEpoch();
  const id = s.takeSnapshot();
  const list = s.snapshots();
  assert.equal(list.length, 1);
  assert.deepEqual(Object.keys(list[0]).sort(), ['epoch', 'id', 'step', 'trainLoss']);
  assert.equal(list[0].id, id);
  assert.equal(list[0].epoch, 1);
  assert.equal(list[0].trainLoss, s.history()[0].trainLoss);
  const id2 = s.takeSnapshot();
  assert.notEqual(id2, id);
  s.deleteSnapshot(id);
  assert.deepEqual(s.snapshots().map((x) => x.id), [id2]);
  s.update({ network: { hidden: [{ units: 2 }] } });
  assert.deepEqual(s.snapshots(), [], 'a rebuilt network clears snapshots');
});

test('saveModel() writes a versioned JSON model; loadModel() accepts text or an object', () => {
  const s = session();
  s.stepEpoch();
  const text = s.saveModel();
  const model = JSON.parse(text);
  assert.equal(model.format, 'nnplay-model');
  assert.equal(model.version, 1);
  assert.equal(model.parameters.length, s.describe().parameterCount);
  const t = session({ data: { kind: 'xor' } });
  t.loadModel(model);
  assert.deepEqual(t.parameters(), s.parameters());
  assert.deepEqual(t.config, s.config);
});

test('checkGradients() agrees with finite differences', () => {
  const s = session();
  s.stepEpoch();
  const r = s.checkGradients();
  assert.equal(r.precision, 'float32');
  assert.ok(r.checked > 0, `checked ${r.checked}`);
  // float32 central differences: tiny gradients make the relative error noisy, the absolute one is telling.
  assert.ok(r.maxAbsoluteError < 1e-3, `max absolute error ${r.maxAbsoluteError} (worst: ${r.worst})`);
  assert.ok(r.maxRelativeError < 0.5, `max relative error ${r.maxRelativeError} (worst: ${r.worst})`);
  assert.match(r.worst, /parameter \d+/);
});
