// Sequence models through the JavaScript API (issue 13): a session from a task and a layer
// list, training deterministic per seed, views of one sample in one call, forecasting and
// character sampling, and errors that name the setting or the layer.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, test } from 'node:test';

import { EngineError } from '../../web/js/engine.js';
import { loadEngine, repoRoot, throwsError } from './support/engine.mjs';

const engine = await loadEngine();
const made = [];
after(() => made.forEach((s) => s.dispose()));
const session = (config) => {
  const s = engine.createSequenceSession(config);
  made.push(s);
  return s;
};

const reverse = () => ({
  task: { task: 'reverse', length: 6, symbols: 6, trainSamples: 400, testSamples: 50, seed: 1 },
  network: {
    seed: 1,
    layers: [
      { kind: 'embedding', vocabulary: 6, dimension: 16 },
      { kind: 'positional_encoding', encoding: 'learned' },
      { kind: 'transformer_block', heads: 2, ffUnits: 32 },
      { kind: 'dense_per_step', units: 6 },
    ],
  },
  optimizer: { kind: 'adam', learningRate: 0.003 },
});

test('a transformer session trains the reverse task; the same seed gives the same run', () => {
  const a = session(reverse());
  const b = session(reverse());
  const before = a.evaluate();
  a.train(200);
  b.train(200);
  assert.deepEqual(a.history(), b.history());
  assert.equal(a.history().length, 3 * 200);
  const after = a.evaluate();
  assert.ok(after.loss < before.loss, `test loss ${before.loss} → ${after.loss}`);
  assert.ok(Number.isNaN(after.mse));
  const d = a.describe();
  assert.equal(d.target, 'class_per_step');
  assert.deepEqual(d.inputShape, [6, 1]);
  assert.deepEqual(d.outputShape, [6, 6]);
  assert.equal(d.layers[2].kind, 'transformer_block');
  assert.deepEqual(a.config.network.inputShape, [6, 1]);
});

test('views return every recurrent and attention layer of one sample in one call', () => {
  const s = session({
    task: { task: 'first_bit', length: 8, trainSamples: 100, testSamples: 20 },
    network: { layers: [
      { kind: 'gru', units: 5, returnSequences: true },
      { kind: 'self_attention', heads: 1 },
      { kind: 'lstm', units: 3 },
      { kind: 'dense', units: 2 },
    ] },
  });
  s.train(3);
  const v = s.views(4);
  assert.equal(v.sample, 4);
  assert.equal(v.input.length, 8);
  assert.equal(v.output.length, 2);
  assert.deepEqual(v.layers.map((l) => l.kind), ['gru', 'self_attention', 'lstm']);
  const [gru, attention, lstm] = v.layers;
  assert.deepEqual(gru.gates, ['update', 'reset', 'candidate']);
  assert.equal(gru.hidden.length, 8 * 5);
  assert.equal(gru.gateValues.length, 8 * 3 * 5);
  assert.equal(gru.gradientNorms.length, 8);
  assert.ok(gru.gradientNorms.every((x) => x > 0));
  assert.equal(lstm.gates.length, 4);
  assert.equal(attention.attention.length, 1);
  const map = attention.attention[0];
  for (let q = 0; q < 8; q++) {
    const row = map.slice(q * 8, q * 8 + 8).reduce((x, y) => x + y, 0);
    assert.ok(Math.abs(row - 1) < 1e-4, `row ${q} sums to ${row}`);
  }
  throwsError(() => s.views(20), EngineError, 'InvalidArgument', /test sample 20/);
});

test('a signal session forecasts; a character session samples from the shipped text', async () => {
  const signal = session({
    task: { task: 'sum_of_sines', length: 12, trainSamples: 200, testSamples: 60 },
    network: { layers: [{ kind: 'lstm', units: 8 }, { kind: 'dense', units: 1 }] },
  });
  signal.train(20);
  const f = signal.forecast(30, 40);
  assert.equal(f.length, 70);
  assert.ok(f.every(Number.isFinite));
  assert.equal(signal.testSignal().length, 60 + 12);
  assert.ok(Number.isFinite(signal.evaluate().relativeMse));

  const text = await readFile(new URL('web/data/moby-dick.txt', repoRoot), 'utf8');
  const chars = session({
    task: { task: 'characters', length: 16, trainSamples: 300, testSamples: 50, text },
    network: { layers: [
      { kind: 'embedding', vocabulary: 67, dimension: 16 },
      { kind: 'lstm', units: 32, returnSequences: true },
      { kind: 'dense_per_step', units: 67 },
    ] },
  });
  const d = chars.describe();
  assert.equal(d.classes, 67, 'the text has 67 different characters');
  assert.ok(!d.alphabet.includes('#'));
  chars.train(10);
  const sample = chars.sampleText('Call me ', 80, 0.7, 3);
  assert.equal(sample.length, 80);
  assert.equal(chars.sampleText('Call me ', 80, 0.7, 3), sample);
  throwsError(() => chars.sampleText('a~', 5), EngineError, 'InvalidArgument', /'~'/);
  throwsError(() => chars.sampleText('a', 5, 0), RangeError, 'RangeError', /temperature/);
});

test('bad configs name the setting or the layer', () => {
  throwsError(() => engine.createSequenceSession({ task: { task: 'translate' }, network: { layers: [{ kind: 'lstm' }] } }),
    RangeError, 'RangeError', /config\.task\.task/, /reverse/);
  throwsError(() => engine.createSequenceSession({ task: { task: 'copy', length: 1 }, network: { layers: [{ kind: 'lstm' }] } }),
    RangeError, 'RangeError', /config\.task\.length/);
  throwsError(() => engine.createSequenceSession({ task: { task: 'first_bit' }, network: { layers: [] } }),
    TypeError, 'TypeError', /config\.network\.layers/);
  throwsError(() => engine.createSequenceSession({
    task: { task: 'reverse', length: 5 },
    network: { layers: [{ kind: 'embedding', vocabulary: 8, dimension: 4 }, { kind: 'lstm', units: 4 }, { kind: 'dense_per_step', units: 8 }] },
  }), EngineError, 'InvalidArgument', /layer 3 \(dense_per_step\)/, /returnSequences/);
  throwsError(() => engine.createSequenceSession({
    task: { task: 'first_bit', length: 5 },
    network: { layers: [{ kind: 'lstm', units: 4 }] },
  }), EngineError, 'InvalidArgument', /first_bit/, /dense of 2 units/);
  throwsError(() => engine.createSequenceSession({
    task: { task: 'first_bit', length: 5 },
    network: { layers: [{ kind: 'lsmt', units: 4 }, { kind: 'dense', units: 2 }] },
  }), EngineError, 'InvalidArgument', /lsmt/, /lstm/);
});

test('a model file restores a sequence session; a bad file is refused and changes nothing', async () => {
  const a = session(reverse());
  a.train(30);
  const file = a.saveModel();
  const parsed = JSON.parse(file);
  assert.equal(parsed.format, 'nnplay-sequence');
  assert.equal(parsed.version, 1);
  assert.equal(parsed.steps, 30);
  const b = session({
    task: { task: 'first_bit', length: 5, trainSamples: 50, testSamples: 10 },
    network: { layers: [{ kind: 'gru', units: 3 }, { kind: 'dense', units: 2 }] },
  });
  b.loadModel(file);
  assert.deepEqual(b.config, a.config);
  assert.equal(b.last().step, 30);
  assert.deepEqual(b.evaluate(), a.evaluate());
  assert.deepEqual(b.views(2).output, a.views(2).output);
  a.train(5);
  b.train(5);
  assert.deepEqual(b.last(), a.last(), 'training continues as if it had not stopped');
  b.loadModel(parsed);   // the parsed object works too
  assert.equal(b.last().step, 30);

  const before = b.saveModel();
  const refused = (bad, ...patterns) => {
    throwsError(() => b.loadModel(bad), EngineError, 'ModelFormatError', ...patterns);
    assert.equal(b.saveModel(), before, 'a refused file changes nothing');
  };
  refused(file.slice(0, file.length / 2), /not valid JSON/);
  refused({ ...parsed, version: 7 }, /version 7 is not supported/);
  refused({ ...parsed, format: 'nnplay-gan' }, /not a sequence model file/, /GAN page/);
  refused({ ...parsed, parameters: parsed.parameters.slice(1) }, /model\.parameters has \d+ values but the network needs \d+/);
  const nan = structuredClone(parsed);
  nan.parameters[4] = null;   // what JSON.stringify writes for NaN
  refused(nan, /model\.parameters\[4\] must be a finite number, found null/);
  const wide = structuredClone(parsed);
  wide.config.network.layers[0].dimension = 12;
  refused(wide, /model\.parameters has/);
  throwsError(() => b.loadModel(42), TypeError, 'TypeError', /loadModel\(model, text\)/);
  throwsError(() => b.loadModel(file, 3), TypeError, 'TypeError', /text must be a string/);
  b.train(1);   // the session still works
  assert.equal(b.last().step, 31);

  // A character model keeps its alphabet, not its text: loading it needs the text.
  const text = await readFile(new URL('web/data/moby-dick.txt', repoRoot), 'utf8');
  const chars = session({
    task: { task: 'characters', length: 12, trainSamples: 100, testSamples: 20, text },
    network: { layers: [
      { kind: 'embedding', vocabulary: 67, dimension: 8 },
      { kind: 'gru', units: 8, returnSequences: true },
      { kind: 'dense_per_step', units: 67 },
    ] },
  });
  chars.train(3);
  const charFile = chars.saveModel();
  assert.equal(JSON.parse(charFile).alphabet, chars.describe().alphabet);
  assert.equal(JSON.parse(charFile).config.task.text, undefined);
  assert.ok(charFile.length < 100000, `${charFile.length} characters: the book is not in the file`);
  throwsError(() => b.loadModel(charFile), EngineError, 'ModelFormatError', /character model/, /give the text/);
  b.loadModel(charFile, text);
  assert.deepEqual(b.evaluate(), chars.evaluate());
  assert.equal(b.sampleText('Call me ', 40, 0.7, 2), chars.sampleText('Call me ', 40, 0.7, 2));
});
