// Every error path: the right error type, a message naming the argument or setting, the
// session unchanged where the call is atomic, and still usable afterwards.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { assertUsable, engineError, loadEngine, stateOf, throwsError } from './support/engine.mjs';

const engine = await loadEngine();
const s = engine.createSession();
s.stepEpoch();
s.stepBatch();
after(() => s.dispose());

// fn() throws as described, leaves the session exactly as it was, and the session still trains.
function refused(fn, type, name, ...patterns) {
  const before = stateOf(s);
  const error = throwsError(fn, type, name, ...patterns);
  assert.deepEqual(stateOf(s), before, `session changed by the failed call (${error.message})`);
  assertUsable(s);
  return error;
}
const typeError = (fn, ...p) => refused(fn, TypeError, 'TypeError', ...p);
const rangeError = (fn, ...p) => refused(fn, RangeError, 'RangeError', ...p);
const invalid = (fn, ...p) => refused(fn, Error, 'InvalidArgument', ...p);

test('bad network specs', () => {
  invalid(() => s.configure({ network: { layers: [{ kind: 'convolution', units: 3 }], loss: 'mse' } }),
    /network\.layers\[0\]\.kind/, /convolution/);
  invalid(() => s.configure({ network: { layers: [{ kind: 'dense' }], loss: 'mse' } }), /network\.layers\[0\]\.units/);
  invalid(() => s.update({ network: { hidden: [{ units: 4, activation: 'swish' }] } }), /network\.hidden\[0\]\.activation/, /swish/);
  invalid(() => s.update({ network: { output: { loss: 'hinge' } } }), /network\.output\.loss/);
  typeError(() => s.update({ network: { hidden: [{ units: '4' }] } }), /update\(patch\)/, /network\.hidden\[0\]\.units must be a whole number/, /"4"/);
  typeError(() => s.update({ network: { hidden: 4 } }), /network\.hidden must be an array/);
  typeError(() => s.update({ network: { hidden: [null] } }), /network\.hidden\[0\] must be an object, got null/);
  typeError(() => s.update({ network: { hidden: [{ units: 4, batchNorm: 'yes' }] } }), /batchNorm must be true or false/);
});

test('zero-width and out-of-range layers', () => {
  rangeError(() => s.update({ network: { hidden: [{ units: 0 }] } }), /network\.hidden\[0\]\.units/, /from 1 to 100000/, /got 0/);
  rangeError(() => s.configure({ network: { layers: [{ kind: 'dense', units: 0 }], loss: 'mse' } }), /network\.layers\[0\]\.units/);
  rangeError(() => s.update({ network: { hidden: [{ units: 2.5 }] } }), /whole number/, /2\.5/);
  rangeError(() => s.update({ network: { hidden: [{ units: 3, dropout: 1 }] } }), /network\.hidden\[0\]\.dropout/, /≤ 0\.99/);
});

test('bad dataset options', () => {
  invalid(() => s.update({ data: { kind: 'galaxy' } }), /data\.kind/, /"galaxy"/, /circle, xor/);
  rangeError(() => s.update({ data: { points: 2 } }), /data\.points must be a whole number from 4 to 100000, got 2/);
  rangeError(() => s.update({ data: { noise: -0.1 } }), /data\.noise/);
  rangeError(() => s.update({ data: { testFraction: 0.95 } }), /data\.testFraction/, /0\.9/);
  rangeError(() => s.update({ data: { seed: -1 } }), /data\.seed/);
  typeError(() => s.update({ data: { noise: 'high' } }), /data\.noise must be a number, got the text "high"/);
  invalid(() => s.update({ data: { features: ['x1', 'x1'] } }), /data\.features/, /twice/);
  invalid(() => s.update({ data: { features: ['x3'] } }), /x3/);
  invalid(() => s.update({ data: { source: 'custom' } }), /no custom points/);
});

test('NaN, negative and otherwise impossible optimizer settings', () => {
  rangeError(() => s.update({ optimizer: { learningRate: NaN } }), /optimizer\.learningRate/, /got NaN/);
  rangeError(() => s.update({ optimizer: { learningRate: -0.1 } }), /optimizer\.learningRate must be a finite number ≥ 0/, /got -0\.1/);
  rangeError(() => s.update({ optimizer: { learningRate: Infinity } }), /optimizer\.learningRate/, /Infinity/);
  rangeError(() => s.update({ optimizer: { momentum: 1 } }), /optimizer\.momentum/, /< 1/);
  rangeError(() => s.update({ optimizer: { epsilon: 0 } }), /optimizer\.epsilon/, /> 0/);
  typeError(() => s.update({ optimizer: { learningRate: 'fast' } }), /optimizer\.learningRate must be a number/);
  invalid(() => s.update({ optimizer: { kind: 'lbfgs' } }), /optimizer\.kind/, /lbfgs/);
  invalid(() => s.configure({ optimizer: { learningRate: 0.1 } }), /optimizer\.kind/);  // configure: kind is required
  rangeError(() => s.update({ training: { batchSize: 0 } }), /training\.batchSize/);
  rangeError(() => s.update({ training: { regularizationRate: -1 } }), /training\.regularizationRate/);
  invalid(() => s.update({ training: { regularization: 'l3' } }), /training\.regularization/, /l3/);
});

test('unknown fields and non-object configurations', () => {
  typeError(() => s.configure({ colour: 1 }), /configure\(config\): unknown setting "colour"/, /data, network, optimizer, training/);
  typeError(() => s.update({ optimizer: { learningrate: 0.1 } }), /unknown setting "optimizer\.learningrate"/, /learningRate/);
  typeError(() => s.update({ network: { hidden: [{ units: 2, size: 3 }] } }), /unknown setting "network\.hidden\[0\]\.size"/);
  typeError(() => s.configure('{"data": {}}'), /configure\(config\): config must be an object, got the text/);
  typeError(() => s.update([]), /update\(patch\): patch must be an object, got an array/);
  typeError(() => s.update(null), /patch must be an object, got null/);
});

test('a null in a patch removes the field (its default returns)', () => {
  s.update({ optimizer: { learningRate: 0.2 } });
  assert.equal(s.config.optimizer.learningRate, 0.2);
  s.update({ optimizer: { learningRate: null } });
  assert.equal(s.config.optimizer.learningRate, 0.01, 'the SGD default');
  s.update({ optimizer: { learningRate: 0.03 } });
});

test('out-of-range weight and bias indices', () => {
  const layers = s.describe().neuronLayers;  // 2→4→2→1
  assert.deepEqual(layers.map((l) => [l.inputs, l.units]), [[2, 4], [4, 2], [2, 1]]);
  rangeError(() => s.getWeight(0, 2, 0), /getWeight\(layer, from, to\): from 2 does not exist: layer 0 has 2 inputs \(0 to 1\)/);
  rangeError(() => s.getWeight(0, 0, 4), /to 4 does not exist: layer 0 has 4 neurons/);
  rangeError(() => s.setWeight(3, 0, 0, 1), /layer 3 does not exist: the network has 3 neuron layers \(0 to 2\)/);
  rangeError(() => s.setWeight(-1, 0, 0, 1), /layer must be a whole number from 0/, /got -1/);
  rangeError(() => s.getWeight(0.5, 0, 0), /layer must be a whole number/);
  typeError(() => s.getWeight('0', 0, 0), /layer must be a whole number, got the text "0"/);
  rangeError(() => s.getBias(2, 1), /getBias\(layer, neuron\): neuron 1 does not exist: layer 2 has 1 neurons/);
  rangeError(() => s.setBias(1, 2, 0), /neuron 2 does not exist/);
  rangeError(() => s.setWeight(0, 0, 0, NaN), /setWeight\(layer, from, to, value\): value must be a finite number/, /NaN/);
  rangeError(() => s.setBias(0, 0, 1e7), /value/, /10000000/);
  typeError(() => s.setBias(0, 0, '1'), /value must be a number/);
});

test('malformed model files throw ModelFormatError and change nothing', () => {
  const good = s.saveModel();
  const e = refused(() => s.loadModel('{"format": "nnplay-model", '), Error, 'ModelFormatError', /not valid JSON/);
  assert.ok(e instanceof Error);
  refused(() => s.loadModel('{}'), Error, 'ModelFormatError', /not an nnplay model/);
  refused(() => s.loadModel(good.slice(0, good.length / 2)), Error, 'ModelFormatError', /not valid JSON/);
  const wrongVersion = { ...JSON.parse(good), version: 99 };
  refused(() => s.loadModel(wrongVersion), Error, 'ModelFormatError', /version 99/);
  const shortParameters = JSON.parse(good);
  shortParameters.parameters.pop();
  refused(() => s.loadModel(shortParameters), Error, 'ModelFormatError', /parameters/);
  const badNumber = JSON.parse(good);
  badNumber.parameters[0] = 'one';
  refused(() => s.loadModel(badNumber), Error, 'ModelFormatError', /parameters\[0\]/);
  const noSession = JSON.parse(good);
  delete noSession.session;
  refused(() => s.loadModel(noSession), Error, 'ModelFormatError', /playground settings/);
  typeError(() => s.loadModel(42), /loadModel\(model\): model must be the text of a model file/);
  typeError(() => s.loadModel(null), /got null/);
});

test('training that diverges throws TrainingDiverged; a snapshot recovers', () => {
  const d = engine.createSession({
    data: { kind: 'spiral' },
    network: { hidden: [{ units: 8, activation: 'relu' }], output: { activation: 'linear' } },
    optimizer: { kind: 'sgd', learningRate: 10 },
  });
  try {
    const id = d.takeSnapshot();
    const e = throwsError(() => { for (let i = 0; i < 50; i++) d.stepEpoch(); }, Error, 'TrainingDiverged', /Lower the learning rate/);
    assert.ok(e instanceof Error);
    d.restoreSnapshot(id);
    assert.ok(d.parameters().every(Number.isFinite));
    d.update({ optimizer: { learningRate: 0.001 } });
    const r = d.stepEpoch();
    assert.ok(Number.isFinite(r.trainLoss), `loss after recovering: ${r.trainLoss}`);
  } finally {
    d.dispose();
  }
});

test('bad data', () => {
  typeError(() => s.setData(5), /setData\(data\): data must be an object/);
  typeError(() => s.setData({ points: 'x', labels: [0] }), /data\.points must be a Float32Array or an array of numbers/);
  typeError(() => s.setData({ points: [0, 'a'], labels: [0] }), /data\.points\[1\] must be a number/);
  rangeError(() => s.setData({ points: [0, NaN], labels: [0] }), /data\.points\[1\] must be a finite number/, /NaN/);
  rangeError(() => s.setData({ points: [[0, 0], [1]], labels: [0, 1] }), /data\.points\[1\] has 1 coordinates, expected 2/);
  rangeError(() => s.setData({ points: [0, 0, 1], labels: [0, 1] }), /data\.points has 3 values but 2 labels × 2 coordinates need 4/);
  rangeError(() => s.setData({ points: [], labels: [] }), /data\.labels is empty/);
  rangeError(() => s.setData({ points: [0, 0, 1, 1], labels: [0, 2], classes: 2 }), /data\.labels\[1\] is 2, not a class index from 0 to 1/);
  rangeError(() => s.setData({ points: [0, 0], labels: [0], classes: -1 }), /data\.classes/);
  rangeError(() => s.setData({ points: [0, 0], labels: [0], dims: 0 }), /dims must be a whole number from 1/);
  typeError(() => s.setData({ points: [0, 0], labels: [0] }, { keepNetwork: 1 }), /options\.keepNetwork must be true or false/);
});

test('bad training, evaluation and snapshot arguments', () => {
  rangeError(() => s.train(0), /train\(batches\): batches must be a whole number from 1/, /got 0/);
  rangeError(() => s.train(1.5), /batches/);
  typeError(() => s.train('10'), /batches must be a whole number, got the text "10"/);
  rangeError(() => s.reset(-1), /reset\(seed\): seed must be a whole number from 0 to 9007199254740991/);
  rangeError(() => s.evaluateGrid({ resolution: 0 }), /evaluateGrid\(grid\): grid\.resolution must be a whole number from 1 to 1024, got 0/);
  rangeError(() => s.evaluateGrid({ resolution: 2000 }), /grid\.resolution/);
  typeError(() => s.evaluateGrid({ resolution: '64' }), /grid\.resolution must be a whole number/);
  rangeError(() => s.evaluateGrid({ xMin: 1, xMax: -1 }), /grid\.xMin \(1\) must be below grid\.xMax \(-1\)/);
  rangeError(() => s.evaluateGrid({ yMin: NaN }), /grid\.yMin must be a finite number/);
  typeError(() => s.evaluateGrid(3), /grid must be an object/);
  rangeError(() => s.evaluatePoints([0, 0, 1]), /evaluatePoints\(points, dims\): points has 3 values, not a multiple of dims \(2\)/);
  rangeError(() => s.evaluatePoints([0, 0, 1], 3), /dims is 3 but the data has 2 coordinates per point/);
  rangeError(() => s.evaluatePoints([]), /points is empty/);
  invalid(() => s.restoreSnapshot(99), /snapshot 99 does not exist/);
  invalid(() => s.deleteSnapshot(99), /snapshot 99 does not exist/);
  typeError(() => s.restoreSnapshot('1'), /restoreSnapshot\(id\): id must be a whole number/);
  rangeError(() => s.setParameters(new Float32Array(3)), /setParameters\(values\): expected 25 parameters, got 3/);
  const p = s.parameters().slice();
  p[4] = Infinity;
  rangeError(() => s.setParameters(p), /values\[4\] must be a finite number/);
  typeError(() => s.setParameters({ length: 25 }), /values must be a Float32Array or an array of numbers, got an object/);
});

test('engine errors that JS cannot foresee arrive as InvalidArgument', () => {
  const cube = engine.createSession();
  try {
    cube.setData({ points: [[0, 0, 0], [1, 1, 1], [2, 2, 2], [3, 3, 3]], labels: [0, 1, 0, 1] });
    throwsError(() => cube.evaluateGrid({ resolution: 4 }), Error, 'InvalidArgument', /a grid needs 2-D data/, /3 coordinates/);
    const points = cube.evaluatePoints([[0, 0, 0]]);
    assert.equal(points.rows, 1, 'still usable');
  } finally {
    cube.dispose();
  }
});

test('errors never leak memory or abort the module', () => {
  for (let i = 0; i < 50; i++) {  // warm-up: the error slot's string, embind's caches
    try { s.update({ data: { kind: 'galaxy' } }); } catch { /* expected */ }
    try { s.loadModel('{}'); } catch { /* expected */ }
  }
  const before = engine.memoryUsage();
  for (let i = 0; i < 2000; i++) {
    assert.throws(() => s.update({ data: { kind: 'galaxy' } }), { name: 'InvalidArgument' });
    assert.throws(() => s.loadModel('{"format": 1}'), { name: 'ModelFormatError' });
    assert.throws(() => s.restoreSnapshot(12345), { name: 'InvalidArgument' });
  }
  const afterwards = engine.memoryUsage();
  assert.equal(afterwards.allocatedBytes, before.allocatedBytes, 'bytes allocated after 6000 engine errors');
  assert.equal(afterwards.heapBytes, before.heapBytes);
  assertUsable(s);
});
