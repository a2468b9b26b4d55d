// The module: loading, version, SIMD, sessions' lifetime.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { createEngine, EngineError } from '../../web/js/engine.js';
import { loadEngine, repoRoot, throwsError } from './support/engine.mjs';

const engine = await loadEngine();

test('version matches the project version', async () => {
  const pkg = JSON.parse(await readFile(new URL('package.json', repoRoot), 'utf8'));
  assert.equal(engine.version, pkg.version);
});

test('Eigen vectorizes with SSE2 (translated to WASM SIMD)', () => {
  // Falls back to scalar code silently if a compile flag changes (TOOLCHAIN.md).
  assert.match(engine.simd, /SSE2/, `SimdInstructionSetsInUse() = "${engine.simd}"`);
});

test('createEngine checks its options and loads from bytes', async () => {
  await assert.rejects(createEngine(5), (e) => e instanceof TypeError && /options must be an object/.test(e.message));
  await assert.rejects(createEngine(null), TypeError);
  const bytes = await readFile(new URL('web/wasm/engine.wasm', repoRoot));
  const second = await createEngine({ wasmBinary: bytes });
  assert.equal(second.version, engine.version);
  assert.notEqual(second, engine);
});

test('sessions come from createSession or new engine.Session, with a config or without', () => {
  const a = engine.createSession();
  const b = new engine.Session({ data: { kind: 'xor' } });
  assert.ok(a instanceof engine.Session);
  assert.equal(a.config.data.kind, 'circle');
  assert.equal(b.config.data.kind, 'xor');
  a.dispose();
  b.dispose();
});

test('a bad configuration at construction throws and creates nothing', () => {
  const before = engine.memoryUsage().allocatedBytes;
  throwsError(() => engine.createSession({ colour: 1 }), TypeError, 'TypeError', /unknown setting "colour"/);
  const e = throwsError(() => new engine.Session({ data: { kind: 'galaxy' } }), EngineError, 'InvalidArgument',
    /data\.kind/, /found "galaxy"/, /spiral/);
  assert.ok(e instanceof Error);
  assert.equal(engine.memoryUsage().allocatedBytes, before, 'bytes still allocated after two failed constructions');
});

test('after dispose() every method throws "this session was disposed"; dispose() again is harmless', () => {
  const s = engine.createSession();
  s.dispose();
  s.dispose();
  const calls = {
    configure: () => s.configure({}), update: () => s.update({}), config: () => s.config, describe: () => s.describe(),
    setData: () => s.setData({ points: [0, 0], labels: [0] }), data: () => s.data(), stepBatch: () => s.stepBatch(),
    stepEpoch: () => s.stepEpoch(), train: () => s.train(1), reset: () => s.reset(), evaluate: () => s.evaluate(),
    history: () => s.history(), epoch: () => s.epoch, step: () => s.step, batchCursor: () => s.batchCursor,
    batchesPerEpoch: () => s.batchesPerEpoch, evaluateGrid: () => s.evaluateGrid({ resolution: 2 }),
    evaluatePoints: () => s.evaluatePoints([0, 0]), parameters: () => s.parameters(), gradients: () => s.gradients(),
    setParameters: () => s.setParameters([1]), getWeight: () => s.getWeight(0, 0, 0), setWeight: () => s.setWeight(0, 0, 0, 1),
    getBias: () => s.getBias(0, 0), setBias: () => s.setBias(0, 0, 1), optimizerState: () => s.optimizerState(),
    takeSnapshot: () => s.takeSnapshot(), restoreSnapshot: () => s.restoreSnapshot(1), deleteSnapshot: () => s.deleteSnapshot(1),
    snapshots: () => s.snapshots(), saveModel: () => s.saveModel(), loadModel: () => s.loadModel('{}'),
    checkGradients: () => s.checkGradients(),
  };
  for (const [name, call] of Object.entries(calls)) {
    assert.throws(call, (e) => e instanceof Error && e.message === 'this session was disposed', `${name} after dispose`);
  }
});

test('memoryUsage reports the WASM heap and the bytes allocated', () => {
  const m = engine.memoryUsage();
  assert.ok(m.heapBytes >= 16 * 1024 * 1024, `heapBytes ${m.heapBytes}`);
  assert.ok(m.allocatedBytes > 0 && m.allocatedBytes < m.heapBytes, `allocatedBytes ${m.allocatedBytes}`);
  const s = engine.createSession();
  assert.ok(engine.memoryUsage().allocatedBytes > m.allocatedBytes, 'a session allocates');
  s.dispose();
  assert.equal(engine.memoryUsage().allocatedBytes, m.allocatedBytes, 'dispose frees everything');
});
