// Hostile-input corpus through the public JS API (web/js/engine.js): ≥ 300 generated, seeded
// cases — configurations with wrong types, NaN/±Infinity, negative/zero/huge sizes, 100 layers,
// 10⁶ units, unknown names, __proto__/constructor keys; data with NaN, mismatched lengths, 0 or
// 10⁶ points; model files truncated, of the wrong version or shapes, with NaN weights, 10⁴-deep
// nesting or huge arrays; calls in the wrong order and after dispose().
// Each case must end in success or an Error whose message names the problem, never a
// WebAssembly RuntimeError / abort / unreachable, and within a time bound (a synchronous call
// cannot be interrupted: a slow case is reported as a hang). The same engine must still train
// correctly after every 40 cases and at the end. A failure prints the case (seed + description).
// Reproduce one case: HOSTILE_SEED=<seed> node --test tests/wasm/hostile-corpus.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadEngine } from './support/engine.mjs';
import { rng } from './support/seeded-random.mjs';

const BASE_SEED = 20261204;
const CASES = 360;
const CASE_TIME_MS = 5000;
const CHECK_EVERY = 40;


const HOSTILE_VALUES = [NaN, Infinity, -Infinity, -1, 0, -0, 0.5, 1e6, 1e308, -1e308, 2 ** 53, 2 ** 31, 'tanh', '',
  '<img src=x onerror=alert(1)>', null, true, [], {}, [1, 2], { units: 3 }, 'constructor', '__proto__', 1e-320];
const CONFIG_PATHS = [
  'data.kind', 'data.points', 'data.noise', 'data.classes', 'data.seed', 'data.testFraction', 'data.features',
  'data.task', 'data.source', 'network.hidden', 'network.hidden.0.units', 'network.hidden.0.activation',
  'network.hidden.0.dropout', 'network.hidden.0.batchNorm', 'network.output.activation', 'network.output.loss',
  'network.seed', 'network.initializer', 'network.layers', 'network.loss', 'optimizer.kind', 'optimizer.learningRate',
  'optimizer.momentum', 'optimizer.beta1', 'optimizer.beta2', 'optimizer.epsilon', 'optimizer.weightDecay',
  'training.batchSize', 'training.shuffle', 'training.regularization', 'training.regularizationRate', 'training.seed',
  'unknown', 'data.unknownSetting', 'network.hidden.0.unknown',
];
const SMALL = { data: { kind: 'xor', points: 60 }, network: { hidden: [{ units: 3, activation: 'tanh' }] } };

function setPath(object, path, value) {
  const keys = path.split('.');
  let o = object;
  for (const k of keys.slice(0, -1)) {
    if (o[k] === null || typeof o[k] !== 'object') o[k] = /^\d+$/.test(keys[keys.indexOf(k) + 1]) ? [{}] : {};
    o = o[k];
  }
  o[keys.at(-1)] = value;
  return object;
}

const clone = (v) => JSON.parse(JSON.stringify(v));

// ---- case generators: each returns {description, run(engine, scratch)} ----

function configCase(r) {
  const kind = r.int(8);
  if (kind === 0) {
    const n = r.pick([100, 300, 1000]);
    const layers = Array.from({ length: n }, () => ({ units: r.pick([1, 2, 4]), activation: 'relu' }));
    return { description: `configure: ${n} hidden layers`, run: (e, s) => s().configure({ ...SMALL, network: { hidden: layers } }) };
  }
  if (kind === 1) {
    const units = r.pick([1e6, 1e5, 2 ** 31, 50000]);
    const count = r.pick([1, 2, 3]);
    return { description: `configure: ${count} layers of ${units} units`,
      run: (e, s) => s().configure({ network: { hidden: Array.from({ length: count }, () => ({ units })) } }) };
  }
  if (kind === 2) {
    // Keys that are dangerous on JS objects, as parsed JSON (own properties, not prototypes).
    const key = r.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']);
    const where = r.pick(['', 'data', 'network', 'optimizer', 'network.hidden.0']);
    const text = where === '' ? `{"${key}": {"polluted": 1}}`
      : `{${where.split('.').map((k) => (/^\d+$/.test(k) ? '' : `"${k}": `)).join('').replace(/""/g, '')}${where.includes('hidden') ? '[{' : '{'}"${key}": {"polluted": 1}}${where.includes('hidden') ? ']' : ''}}`;
    return { description: `configure: "${key}" key in ${where || 'the root'}: ${text}`,
      run: (e, s) => {
        let parsed;
        try { parsed = JSON.parse(text); } catch { parsed = JSON.parse(`{"${key}": {"polluted": 1}}`); }
        try { s().configure(parsed); } finally {
          assert.equal({}.polluted, undefined, 'Object.prototype was polluted');
        }
      } };
  }
  if (kind === 3) {
    const name = r.pick(['activation', 'kind', 'loss', 'initializer', 'regularization', 'features']);
    const value = r.pick(['swish', 'TANH', ' tanh', 'constructor', '__proto__', 'x3', '💥', 'a'.repeat(10000)]);
    const paths = { activation: 'network.hidden.0.activation', kind: r.pick(['data.kind', 'optimizer.kind']),
      loss: 'network.output.loss', initializer: 'network.initializer', regularization: 'training.regularization',
      features: 'data.features' };
    const v = name === 'features' ? [value] : value;
    return { description: `configure: unknown name ${paths[name]} = ${JSON.stringify(v).slice(0, 40)}`,
      run: (e, s) => s().configure(setPath(clone(SMALL), paths[name], v)) };
  }
  if (kind === 4) {
    const layers = r.pick([
      [{ kind: 'dense', units: 0 }],
      [{ kind: 'dense', units: 4 }, { kind: 'activation', activation: 'softmax' }],
      [{ kind: 'dropout', rate: 1.5 }, { kind: 'dense', units: 1 }],
      [{ kind: 'batch_norm', momentum: NaN }, { kind: 'dense', units: 1 }],
      [{ kind: 'mystery' }],
      [],
      [{ kind: 'dense', units: 1 }, { kind: 'activation', activation: 'sigmoid' }],
    ]);
    return { description: `configure: explicit layers ${JSON.stringify(layers)}`,
      run: (e, s) => s().configure({ ...SMALL, network: { layers, loss: r.pick(['mse', 'binary_cross_entropy', 'nope']) } }) };
  }
  // A random path set to a random hostile value, through configure, update or a new session.
  const path = r.pick(CONFIG_PATHS);
  const value = r.pick(HOSTILE_VALUES);
  const how = r.pick(['configure', 'update', 'createSession']);
  const config = setPath(clone(SMALL), path, value);
  return { description: `${how}: ${path} = ${String(JSON.stringify(value) ?? value).slice(0, 40)} (${typeof value})`,
    run: (e, s) => {
      if (how === 'configure') s().configure(config);
      else if (how === 'update') s().update(setPath({}, path, value));
      else e.createSession(config).dispose();
    } };
}

function dataCase(r) {
  const kind = r.int(7);
  const n = r.pick([0, 1, 2, 10, 100]);
  const dims = r.pick([1, 2, 3]);
  const points = Float32Array.from({ length: n * dims }, () => r.next() * 2 - 1);
  const labels = Array.from({ length: n }, () => r.int(2));
  if (kind === 0) {
    const at = r.int(Math.max(1, n * dims));
    const bad = r.pick([NaN, Infinity, -Infinity]);
    if (points.length) points[at] = bad;
    return { description: `setData: ${n}×${dims} points with ${bad} at ${at}`, run: (e, s) => s().setData({ points, labels, dims }) };
  }
  if (kind === 1) {
    return { description: `setData: ${n} labels, ${n * dims + 1} values for dims ${dims}`,
      run: (e, s) => s().setData({ points: Float32Array.from({ length: n * dims + 1 }), labels, dims }) };
  }
  if (kind === 2) {
    const big = r.pick([1e6, 1e6 + 1]);
    return { description: `setData: ${big} points of 2 coordinates`,
      run: (e, s) => {
        const session = s();
        session.setData({ points: new Float32Array(big * 2).map((_, i) => (i % 7) / 7), labels: new Float32Array(big).map((_, i) => i % 2), dims: 2 });
        session.update({ training: { batchSize: 10 } });
        session.train(2);
      } };
  }
  if (kind === 3) {
    const bad = r.pick([-1, 0.5, 7, NaN, 1e9]);
    return { description: `setData: label ${bad} with classes ${r.pick([2, 0, undefined])}`,
      run: (e, s) => s().setData({ points: [[0, 0], [1, 1], [0, 1]], labels: [0, 1, bad], classes: 2 }) };
  }
  if (kind === 4) {
    const value = r.pick([null, 'points', 42, { length: 4 }, [[1], [1, 2]], [[NaN, 1]], [[]], new Array(5)]);
    return { description: `setData: points = ${JSON.stringify(value)}`, run: (e, s) => s().setData({ points: value, labels: [0, 1] }) };
  }
  if (kind === 5) {
    const dimsBad = r.pick([0, -1, 1.5, NaN, 1e6, 2 ** 32]);
    return { description: `setData: dims ${dimsBad}`, run: (e, s) => s().setData({ points: new Float32Array(8), labels: [0, 1], dims: dimsBad }) };
  }
  return { description: `setData: ${n}×${dims} valid points then train and evaluate`,
    run: (e, s) => {
      const session = s();
      session.setData({ points, labels, dims }, { keepNetwork: r.next() < 0.5 });
      session.train(3);
      session.evaluatePoints(points, dims);
      if (dims === 2) session.evaluateGrid({ resolution: 8 });
    } };
}

let savedModel = null;  // a valid model file, made once
function modelCase(r) {
  const kind = r.int(9);
  const base = () => JSON.parse(savedModel);
  const mutate = (description, edit) => ({ description: `loadModel: ${description}`,
    run: (e, s) => { const m = base(); edit(m); s().loadModel(typeof m === 'string' ? m : JSON.stringify(m)); } });
  switch (kind) {
    case 0: {
      const cut = r.int(savedModel.length);
      return { description: `loadModel: truncated at ${cut} of ${savedModel.length}`, run: (e, s) => s().loadModel(savedModel.slice(0, cut)) };
    }
    case 1: {
      const v = r.pick([0, 2, 999, -1, '1', null, 1.5, NaN]);
      return mutate(`version ${v}`, (m) => { m.version = v; });
    }
    case 2: {
      const drop = 1 + r.int(3);
      return mutate(`parameters ${drop} short`, (m) => { m.parameters.length -= drop; });
    }
    case 3: {
      const bad = r.pick([null, 'NaN', '1e999', 1e308 * 10, {}, []]);
      return mutate(`weight ${JSON.stringify(bad)}`, (m) => { m.parameters[r.int(m.parameters.length)] = bad; });
    }
    case 4: {
      const depth = r.pick([1e4, 1e5]);
      const field = r.pick(['parameters', 'network', 'session', 'optimizer', 'root']);
      return { description: `loadModel: ${depth}-deep nesting in ${field}`,
        run: (e, s) => {
          const nested = '['.repeat(depth) + ']'.repeat(depth);
          const text = field === 'root' ? nested : savedModel.replace(`"${field}":`, `"${field}": ${nested}, "x${field}":`);
          s().loadModel(text);
        } };
    }
    case 5: {
      const size = r.pick([1e6, 3e6]);
      const field = r.pick(['parameters', 'state', 'order']);
      return mutate(`${size}-element ${field}`, (m) => {
        const huge = new Array(size).fill(0.5);
        if (field === 'order' && m.progress) m.progress.order = huge;
        else m[field] = huge;
      });
    }
    case 6: {
      const path = r.pick(['network.layers.0.units', 'network.inputs', 'optimizer.step', 'progress.epoch',
        'progress.cursor', 'network.layers', 'session', 'format', 'dropoutRng.state', 'optimizer.slots']);
      const value = r.pick(HOSTILE_VALUES);
      return mutate(`${path} = ${String(JSON.stringify(value)).slice(0, 30)}`, (m) => setPath(m, path, value));
    }
    case 7: {
      const at = r.int(savedModel.length);
      const ch = r.pick(['"', '{', '}', ',', '\u0000', '\ufeff', 'é', '\\']);
      return { description: `loadModel: ${JSON.stringify(ch)} at ${at}`,
        run: (e, s) => s().loadModel(savedModel.slice(0, at) + ch + savedModel.slice(at + 1)) };
    }
    default: {
      const value = r.pick(['', 'null', '[]', '{}', 42, null, undefined, '{"format":"nnplay-model"}', '\ufeff' + savedModel]);
      return { description: `loadModel(${String(JSON.stringify(value)).slice(0, 40)})`, run: (e, s) => s().loadModel(value) };
    }
  }
}

function callCase(r) {
  const calls = [
    ['evaluateFrom before any evaluation', (s) => s.evaluateFrom(0, new Float32Array(3))],
    ['evaluateFrom the output layer', (s) => s.evaluateFrom(1, new Float32Array(1))],
    ['restoreSnapshot of an unknown id', (s) => s.restoreSnapshot(r.pick([0, -1, 99, 1.5, NaN, 2 ** 40]))],
    ['deleteSnapshot twice', (s) => { const id = s.takeSnapshot(); s.deleteSnapshot(id); s.deleteSnapshot(id); }],
    ['setWeight out of range', (s) => s.setWeight(r.pick([-1, 0, 5, NaN]), r.pick([0, 9, -1]), r.pick([0, 9]), r.pick([1, NaN, 1e7]))],
    ['setBias out of range', (s) => s.setBias(r.pick([0, 3, -1]), r.pick([0, 99, Infinity]), r.pick([0.5, NaN]))],
    ['getWeight with strings', (s) => s.getWeight('0', '0', '0')],
    ['setParameters wrong length', (s) => s.setParameters(new Float32Array(r.pick([0, 1, 1e6])))],
    ['setParameters with NaN', (s) => { const p = s.parameters().slice(); p[0] = NaN; s.setParameters(p); }],
    ['train with hostile counts', (s) => s.train(r.pick([0, -1, NaN, 1.5, 1e12, '10']))],
    ['evaluateGrid hostile', (s) => s.evaluateGrid({ resolution: r.pick([0, 4096, 1024, 1.5, NaN]), xMin: r.pick([NaN, 0, 1e31]) })],
    ['evaluatePoints hostile', (s) => s.evaluatePoints(r.pick([[], [[NaN, 1]], new Float32Array(3), 'x']), r.pick([2, 0, 3]))],
    ['reset hostile seed', (s) => s.reset(r.pick([-1, 2 ** 53, NaN, 1.5, '1']))],
    ['100 snapshots then restore each', (s) => { const ids = Array.from({ length: 100 }, () => s.takeSnapshot()); ids.forEach((id) => s.restoreSnapshot(id)); }],
    ['checkGradients then train', (s) => { s.checkGradients(); s.train(2); }],
    ['save, reconfigure, load', (s) => { const m = s.saveModel(); s.configure({ data: { kind: 'spiral' } }); s.loadModel(m); s.train(1); }],
  ];
  const afterDispose = r.next() < 0.25;
  const [name, fn] = r.pick(calls);
  return { description: `${afterDispose ? 'after dispose: ' : ''}${name}`,
    run: (e, s) => {
      const session = s();
      if (afterDispose) {
        session.dispose();
        session.dispose();  // a second dispose does nothing
      }
      fn(session);
    } };
}

const GENERATORS = [configCase, dataCase, modelCase, callCase];

// ---- the outcome contract ----

function classify(error) {
  if (error === undefined) return null;
  if (error instanceof WebAssembly.RuntimeError) return `WebAssembly.RuntimeError: ${error.message}`;
  if (!(error instanceof Error)) return `threw a non-Error: ${String(error)}`;
  const m = error.message ?? '';
  if (/unreachable|RuntimeError|abort|memory access out of bounds|out of memory|null function|call stack/i.test(m)) {
    return `${error.name}: ${m}`;
  }
  if (m.length < 12 || /unknown engine error/.test(m)) return `a message that names nothing: ${error.name}: "${m}"`;
  return null;
}

const TRAINING_CHECK = { data: { kind: 'xor', points: 200, noise: 0 }, network: { hidden: [{ units: 8, activation: 'tanh' }] },
  optimizer: { kind: 'adam', learningRate: 0.03 }, training: { batchSize: 10 } };

// The same engine still trains: loss falls by half and accuracy reaches 90 % on XOR.
function assertTrainsCorrectly(engine, when) {
  const s = engine.createSession(TRAINING_CHECK);
  try {
    const before = s.evaluate().trainLoss;
    s.train(600);
    const after = s.evaluate();
    assert.ok(after.trainLoss < before / 2 && after.trainAccuracy >= 0.9,
      `${when}: training no longer works (loss ${before} → ${after.trainLoss}, accuracy ${after.trainAccuracy})`);
  } finally {
    s.dispose();
  }
}

test('hostile-input corpus: every case ends in success or a named Error, and the engine still trains', async () => {
  const engine = await loadEngine();
  {
    const s = engine.createSession({ ...SMALL, network: { hidden: [{ units: 3, batchNorm: true, dropout: 0.1 }] }, optimizer: { kind: 'adam' } });
    s.train(20);
    savedModel = s.saveModel();
    s.dispose();
  }
  assertTrainsCorrectly(engine, 'before the corpus');
  const only = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : null;
  const failures = [];
  let aborts = 0, hangs = 0, succeeded = 0, refused = 0, cases = 0;
  for (let i = 0; i < CASES; ++i) {
    const seed = BASE_SEED + i;
    if (only !== null && seed !== only) continue;
    const r = rng(seed);
    const c = GENERATORS[i % GENERATORS.length](r);
    const sessions = [];
    const scratch = () => { const s = engine.createSession(SMALL); sessions.push(s); return s; };
    const start = performance.now();
    let error;
    try {
      c.run(engine, scratch);
    } catch (e) {
      error = e;
    }
    const ms = performance.now() - start;
    sessions.forEach((s) => s.dispose());
    cases++;
    const problem = classify(error);
    if (problem) {
      aborts++;
      failures.push(`seed ${seed} (${c.description}): ${problem}`);
    } else if (ms > CASE_TIME_MS) {
      hangs++;
      failures.push(`seed ${seed} (${c.description}): took ${Math.round(ms)} ms (bound ${CASE_TIME_MS} ms)`);
    }
    if (error) refused++;
    else succeeded++;
    if (cases % CHECK_EVERY === 0) assertTrainsCorrectly(engine, `after case ${seed}`);
  }
  assertTrainsCorrectly(engine, 'after the corpus');
  console.log(`hostile corpus: ${cases} cases, ${aborts} aborts, ${hangs} hangs (${succeeded} succeeded, ${refused} refused with a named Error)`);
  assert.deepEqual(failures, [], `failing cases:\n${failures.join('\n')}`);
  if (only === null) assert.ok(cases >= 300, `only ${cases} cases`);
});
