// The page's pure modules, run in Node (no browser): the URL format, CSV reading, custom
// point encoding, number validation and the bounded chart history.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readUrlState, writeUrlState } from '../../web/js/ground/url-state.js';
import { defaultState, toEngineConfig, fromEngineConfig } from '../../web/js/ground/state.js';
import { parseCsv, toCsv, boundsFor } from '../../web/js/ground/csv.js';
import { encodePoints, decodePoints, quantisePoints } from '../../web/js/ground/points-codec.js';
import { readNumber } from '../../web/js/ground/validate.js';
import { MetricHistory } from '../../web/js/ground/history.js';

describe('URL state', () => {
  test('every setting survives a round trip through the link', () => {
    const s = defaultState();
    Object.assign(s.data, { kind: 'multi_spiral', classes: 4, noise: 0.35, points: 450, testPercent: 20, seed: 7 });
    s.features = ['x1', 'x2', 'sin_x1'];
    s.network.hidden = [{ units: 7, activation: 'relu', dropout: 0.2, batchNorm: true }, { units: 3, activation: 'leaky_relu', dropout: 0, batchNorm: false }];
    s.network.head = 'sigmoid:mse';
    s.network.initializer = 'he_normal';
    s.network.seed = 42;
    s.optimizer = { kind: 'adam', learningRate: 0.003, momentum: 0.9, rho: 0.9, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.01 };
    s.training = { batchSize: 32, regularization: 'l2', regularizationRate: 0.001 };
    s.view = { speed: Infinity, discretize: true, showTest: false, logScale: true };
    const { state, notices } = readUrlState(`?${writeUrlState(s)}`);
    assert.deepEqual(notices, []);
    assert.deepEqual(state, s);
  });

  test('custom points round-trip exactly once snapped to the link grid', () => {
    const s = defaultState();
    s.data.custom = quantisePoints({ points: Float32Array.from([1.23456, -2.5, 5.9, 0.001]), labels: Float32Array.from([0, 2]), classes: 3, bounds: [-6, 6, -6, 6] });
    const { state, notices } = readUrlState(`?${writeUrlState(s)}`);
    assert.deepEqual(notices, []);
    assert.deepEqual(Array.from(state.data.custom.points), Array.from(s.data.custom.points));
    assert.deepEqual(Array.from(state.data.custom.labels), [0, 2]);
    assert.equal(state.data.custom.classes, 3);
  });

  test('bad values keep their defaults and are each named in a notice', () => {
    const { state, notices } = readUrlState('?v=9&lr=-1&n=abc&layers=4:tanh,0:relu&features=x9&opt=adamw&speed=7&discretize=yes&zzz=1&pts=AAAA&box=1,0,0,1');
    const d = defaultState();
    assert.equal(state.optimizer.learningRate, d.optimizer.learningRate);
    assert.equal(state.data.points, d.data.points);
    assert.deepEqual(state.network.hidden, d.network.hidden);
    assert.deepEqual(state.features, d.features);
    assert.equal(state.optimizer.kind, 'sgd');
    assert.equal(state.view.speed, 60);
    assert.equal(state.data.custom, null);
    for (const key of ['version "9"', '"lr"', '"n"', '"layers"', '"features"', '"opt"', '"speed"', '"discretize"', '"zzz" is unknown', 'custom points']) {
      assert.ok(notices.some((n) => n.includes(key)), `no notice mentions ${key}: ${notices.join(' | ')}`);
    }
  });

  test('garbage never throws', () => {
    for (const q of ['?%E0%A4%A', '?v=1&pts=@@@', '?layers=' + ':'.repeat(500), '?=&&=&v', '?data=__proto__&lr=1e999']) {
      const { state } = readUrlState(q);
      assert.ok(state.network.hidden.length >= 0);
    }
  });

  test('the engine configuration follows the state, and a model file maps back', () => {
    const s = defaultState();
    s.network.head = 'tanh:mse';
    s.features = ['x1_x2', 'x1'];
    const config = toEngineConfig(s);
    assert.deepEqual(config.network.output, { activation: 'tanh', loss: 'mse' });
    assert.deepEqual(config.data.features, ['x1', 'x1_x2'], 'features in catalog order');
    assert.equal(config.data.testFraction, 0.3);
    assert.equal(config.optimizer.momentum, undefined, 'SGD sends no momentum');
    const back = fromEngineConfig({ ...config, data: { ...config.data, features: ['x1', 'x1_x2'] } }, s);
    assert.equal(back.network.head, 'tanh:mse');
    assert.throws(() => fromEngineConfig({ ...config, network: { layers: [] } }, s), /explicit layer stack/);
  });
});

describe('CSV and points', () => {
  test('bad rows are reported by line; good rows are kept', () => {
    const r = parseCsv('x1,x2,label\n1,2,0\n\n# a comment\n3,oops,1\n4,5\n-1,-2,1\n0,0,9\n2,2,1.5', { regression: false });
    assert.deepEqual(r.points, [1, 2, -1, -2]);
    assert.deepEqual(r.labels, [0, 1]);
    assert.equal(r.classes, 2);
    assert.ok(r.header);
    assert.deepEqual(r.errors.map((e) => e.line), [5, 6, 8, 9]);
    assert.match(r.errors[0].message, /"oops" \(x2\) is not a number/);
    assert.match(r.errors[1].message, /expected 3 values/);
  });

  test('regression labels are numbers; export reads back', () => {
    const r = parseCsv('1;2;0.25\n3\t4\t-0.5', { regression: true });
    assert.deepEqual(r.labels, [0.25, -0.5]);
    assert.equal(r.classes, 0);
    const again = parseCsv(toCsv(Float32Array.from(r.points), Float32Array.from(r.labels)), { regression: true });
    assert.deepEqual(again.labels, r.labels);
    assert.deepEqual(boundsFor([0, 0, 10, 5], null), [-1, 11, -0.5, 5.5]);
    assert.deepEqual(boundsFor([0, 0, 1, 1], [-6, 6, -6, 6]), [-6, 6, -6, 6]);
  });

  test('point links reject truncated or foreign data', () => {
    const custom = { points: Float32Array.from([0, 0, 1, 1]), labels: Float32Array.from([0, 1]), classes: 2, bounds: [-6, 6, -6, 6] };
    const text = encodePoints(custom);
    assert.throws(() => decodePoints(text.slice(0, -3), custom.bounds), /length/);
    assert.throws(() => decodePoints('!!', custom.bounds), /characters/);
    assert.equal(decodePoints(text, custom.bounds).labels.length, 2);
  });
});

describe('numbers and history', () => {
  test('readNumber explains what was wrong', () => {
    assert.deepEqual(readNumber('0,5', { name: 'x', min: 0, max: 1 }), { ok: true, value: 0.5 });
    assert.match(readNumber('NaN', { name: 'Learning rate', min: 0 }).message, /Learning rate: "NaN" is not a number/);
    assert.match(readNumber('-1', { name: 'Learning rate', min: 0 }).message, /out of range; enter a number ≥ 0/);
    assert.match(readNumber('1.5', { name: 'Neurons', min: 1, max: 16, integer: true }).message, /not a whole number/);
    assert.match(readNumber('', { name: 'Seed', min: 0 }).message, /Seed: enter/);
    assert.match(readNumber('1e999', { name: 'x' }).message, /not finite/);
  });

  test('the chart history stays bounded over a long run and keeps both ends', () => {
    const h = new MetricHistory(100);
    for (let e = 0; e <= 100000; e++) h.push({ epoch: e, trainLoss: 1 / (e + 1) });
    const v = h.view();
    assert.ok(v.length <= 101, `${v.length} records kept`);
    assert.equal(v[0].epoch, 0);
    assert.equal(v.at(-1).epoch, 100000);
    h.truncateFrom(50000);
    assert.ok(h.view().every((r) => r.epoch < 50000));
  });
});
