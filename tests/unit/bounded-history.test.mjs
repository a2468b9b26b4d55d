// The GAN and sequence workers' chart history: bounded however long the run, the shape of the
// whole run kept, the newest record always last.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BoundedHistory } from '../../web/js/worker/bounded-history.js';

/** Records (step, step²) for steps from … to−1, flat. */
const records = (from, to) => Float64Array.from({ length: 2 * (to - from) }, (_, i) => (i % 2 ? (from + (i >> 1)) ** 2 : from + (i >> 1)));
const steps = (h) => Array.from(h.copy().filter((_, i) => i % 2 === 0));

test('below its capacity it keeps every record', () => {
  const h = new BoundedHistory(2, 8);
  h.append(records(0, 5));
  assert.deepEqual(steps(h), [0, 1, 2, 3, 4]);
  assert.equal(h.seen, 5);
  assert.deepEqual(Array.from(h.copy().subarray(8, 10)), [4, 16], 'records stay whole');
});

test('a long run stays within the capacity, spans the whole run evenly and ends with the newest record', () => {
  const h = new BoundedHistory(2, 64);
  for (let from = 0; from < 100000; from += 777) h.append(records(from, Math.min(100000, from + 777)));
  const kept = steps(h);
  assert.equal(h.seen, 100000);
  assert.ok(kept.length <= 64 && kept.length >= 32, `${kept.length} records kept`);
  assert.equal(kept[0], 0);
  assert.equal(kept.at(-1), 99999, 'the newest record is last');
  const gaps = kept.slice(1, -1).map((s, i) => s - kept[i]);
  assert.equal(new Set(gaps).size, 1, `even spacing: ${gaps}`);
  const copy = h.copy();
  for (let i = 0; i < copy.length; i += 2) assert.equal(copy[i + 1], copy[i] ** 2, 'each record stays whole');
});

test('one record at a time gives the same records as one large append; clear starts over', () => {
  const a = new BoundedHistory(2, 16), b = new BoundedHistory(2, 16);
  a.append(records(0, 1000));
  for (let s = 0; s < 1000; s++) b.append(records(s, s + 1));
  assert.deepEqual(a.copy(), b.copy());
  a.clear();
  assert.equal(a.seen, 0);
  assert.deepEqual(a.copy(), new Float64Array(0));
  a.append(records(0, 3));
  assert.deepEqual(steps(a), [0, 1, 2]);
});

test('update() follows a run and starts over when the run restarts', () => {
  const run = { records: records(0, 50) };
  const from = (n) => run.records.subarray(2 * n);
  const h = new BoundedHistory(2, 16);
  h.update(49, from);
  assert.equal(h.seen, 50);
  assert.equal(h.newestStep, 49);
  h.update(49, from);
  assert.equal(h.seen, 50, 'nothing new');
  run.records = records(0, 3);   // reset, then 3 steps
  h.update(2, from);
  assert.deepEqual(steps(h), [0, 1, 2]);
});
