// Shared by tests/wasm/*.test.mjs: loads web/js/engine.js in Node (which needs the .wasm bytes:
// Node's fetch cannot read a file path) and checks errors precisely.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after } from 'node:test';

import { createEngine, EngineError } from '../../../web/js/engine.js';

export const repoRoot = new URL('../../../', import.meta.url);

export async function loadEngine() {
  return createEngine({ wasmBinary: await readFile(new URL('web/wasm/engine.wasm', repoRoot)) });
}

// session(config) for one test file: engine.createSession(config), every session it made
// disposed once the file's tests are done.
export function sessionFactory(engine) {
  const sessions = [];
  after(() => sessions.forEach((s) => s.dispose()));
  return (config) => {
    const s = engine.createSession(config);
    sessions.push(s);
    return s;
  };
}

// fn() must throw an instance of `type` (TypeError, RangeError, EngineError or Error) whose
// name is `name` and whose message matches every pattern. Returns the error.
export function throwsError(fn, type, name, ...patterns) {
  let caught = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected ${name} but nothing was thrown`);
  assert.ok(caught instanceof type, `expected an instance of ${type.name}, got ${caught?.constructor?.name}: ${caught?.message}`);
  assert.equal(caught.name, name, `error name (message: ${caught.message})`);
  for (const p of patterns) assert.match(caught.message, p);
  return caught;
}

export const engineError = (fn, name, ...patterns) => throwsError(fn, EngineError, name, ...patterns);

// The network, data and progress a session exposes, for "unchanged" and "identical" checks.
export function stateOf(session) {
  return {
    config: session.config,
    parameters: session.parameters().slice(),
    optimizer: session.optimizerState(),
    epoch: session.epoch,
    step: session.step,
    batchCursor: session.batchCursor,
    history: session.history(),
  };
}

// A session still works: one more batch trains and moves the step counter.
export function assertUsable(session) {
  const step = session.step;
  const r = session.stepBatch();
  assert.ok(Number.isFinite(r.loss), `loss after the error: ${r.loss}`);
  assert.equal(session.step, step + 1);
}
