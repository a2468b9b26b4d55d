// The rewind timeline's worker logic (web/js/worker/timeline-host.js) on the real engine:
// a snapshot per epoch, bit-identical rewinds, branching that trains exactly like a fresh run,
// Undo, and the memory budget over 10,000 epochs measured in the engine's own allocations.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TimelineHost, TIMELINE_BUDGET_BYTES } from '../../web/js/worker/timeline-host.js';
import { loadEngine, sessionFactory } from './support/engine.mjs';

const engine = await loadEngine();
const session = sessionFactory(engine);

function timelineFor(s) {
  const events = [];
  const host = new TimelineHost(() => s, {
    changed: () => events.push('changed'), branched: (e) => events.push(`branched ${e}`), rejoined: () => events.push('rejoined'),
  });
  return { host, events };
}

const trainEpochs = (host, s, n) => host.train(n * s.batchesPerEpoch - s.batchCursor);

test('one snapshot per epoch; viewing epoch k restores exactly the parameters trained to epoch k', () => {
  const config = { data: { kind: 'circle', points: 120 }, optimizer: { kind: 'adam', learningRate: 0.01 } };
  const s = session(config);
  const { host } = timelineFor(s);
  host.train(7 * s.batchesPerEpoch + 3);   // 7 epochs and 3 batches, in one call
  assert.deepEqual(host.summary().epochs, [1, 2, 3, 4, 5, 6, 7]);
  const now = s.parameters().slice();
  host.view(3);
  const fresh = session(config);
  for (let i = 0; i < 4; i++) fresh.stepEpoch();
  assert.equal(s.epoch, 4);
  assert.deepEqual(s.parameters().slice(), fresh.parameters().slice(), 'bit-identical to epoch 4');
  assert.deepEqual(s.evaluate(), fresh.evaluate());
  host.leavePast();
  assert.deepEqual(s.parameters().slice(), now, 'back to now, nothing lost');
  assert.equal(host.summary().viewing, null);
});

test('continue from here trains exactly like a fresh run; Undo brings the later history back', () => {
  const config = { data: { kind: 'xor', points: 100 }, optimizer: { kind: 'momentum', learningRate: 0.05 } };
  const s = session(config);
  const { host, events } = timelineFor(s);
  trainEpochs(host, s, 10);
  const at10 = s.parameters().slice();
  host.view(4);             // epoch 5
  host.continueHere();
  assert.deepEqual(events.slice(-1), ['branched 5']);
  assert.deepEqual(host.summary().epochs, [1, 2, 3, 4, 5]);
  assert.equal(host.summary().canUndo, true);
  trainEpochs(host, s, 3);
  const fresh = session(config);
  for (let i = 0; i < 8; i++) fresh.stepEpoch();
  assert.deepEqual(s.parameters().slice(), fresh.parameters().slice(), 'epoch 5 + 3 = a fresh run of 8');
  assert.deepEqual(s.optimizerState(), fresh.optimizerState());
  host.undo();
  assert.equal(s.epoch, 10);
  assert.deepEqual(s.parameters().slice(), at10);
  assert.deepEqual(host.summary().epochs, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(s.history().length, 10, 'the engine history is the undone run\'s');
  assert.equal(s.snapshots().length, 10, 'the branch\'s snapshots were freed');
  assert.throws(() => host.undo(), /nothing to undo/);
  assert.throws(() => host.view(99), /no saved epoch number 100/);
});

test('over 10,000 epochs the snapshots stay within the 20 MB budget (the engine\'s own allocations)', () => {
  // A larger network (8×16, Adam: 3 values per parameter) so that the budget is what binds.
  const s = session({ data: { kind: 'gaussians', points: 20, testFraction: 0 }, training: { batchSize: 20 },
    network: { hidden: Array(8).fill({ units: 16 }) }, optimizer: { kind: 'adam', learningRate: 0.001 } });
  const { host } = timelineFor(s);
  const base = engine.memoryUsage().allocatedBytes;
  let largest = 0;
  for (let done = 0; done < 10000; done += 500) {
    trainEpochs(host, s, 500);
    const t = host.summary();
    assert.ok(t.bytes <= TIMELINE_BUDGET_BYTES, `estimate ${t.bytes}`);
    largest = Math.max(largest, engine.memoryUsage().allocatedBytes - base);
  }
  const t = host.summary();
  assert.equal(s.epoch, 10000);
  assert.equal(t.epochs[0], 1, 'the first epoch is kept');
  assert.equal(t.epochs.at(-1), 10000, 'the newest epoch is kept');
  assert.ok(t.epochs.length >= 20, `${t.epochs.length} snapshots kept`);
  assert.ok(largest <= TIMELINE_BUDGET_BYTES, `the engine holds ${largest} bytes more than before`);
  // Thinned evenly: no stretch of the run is left without snapshots.
  const gaps = t.epochs.slice(1).map((e, i) => e - t.epochs[i]);
  assert.ok(Math.max(...gaps) <= 3 * (10000 / gaps.length), JSON.stringify(gaps));
});
