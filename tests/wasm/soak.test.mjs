// A bounded soak (tests/wasm/support/soak.mjs; build-scripts/soak runs the long one): 10⁴
// training steps with grid evaluations, getters, save/load and reconfiguration between
// slices, then 100 sessions created, used and disposed. WASM memory must be flat after the
// warm-up: HEAP8 does not grow and malloc's bytes stay within 4 KB (a high-water mark, no leak).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadEngine } from './support/engine.mjs';
import { runSoak } from './support/soak.mjs';

test('soak: 10⁴ steps with evaluation, getters, save/load and reconfigure, then 100 sessions: WASM memory stays flat', async () => {
  const engine = await loadEngine();
  const r = runSoak(engine, { steps: 10000, sessions: 100 });
  console.log(`soak: ${r.steps} steps, HEAP8 ${r.heapWarm} → ${r.heapEnd} bytes, allocated ${r.allocatedWarm} → ${r.allocatedEnd} bytes; `
    + `${r.sessions} sessions: HEAP8 ${r.sessionsHeapBefore} → ${r.sessionsHeapEnd}, allocated ${r.sessionsAllocatedBefore} → ${r.sessionsAllocatedEnd} (${r.seconds.toFixed(1)} s)`);
  assert.equal(r.steps, 10000);
  assert.equal(r.heapEnd, r.heapWarm, 'HEAP8 grew during training');
  // malloc's bytes may rise by a high-water mark of reused buffers (the model text varies by a few
  // digits), as in memory.test.mjs; a leak per step or per cycle would be far above this.
  assert.ok(r.allocatedEnd - r.allocatedWarm <= 4096, `malloc holds ${r.allocatedEnd - r.allocatedWarm} more bytes after training`);
  assert.equal(r.sessionsHeapEnd, r.sessionsHeapBefore, 'HEAP8 grew over the sessions');
  assert.ok(r.sessionsAllocatedEnd - r.sessionsAllocatedBefore <= 4096, `malloc holds ${r.sessionsAllocatedEnd - r.sessionsAllocatedBefore} more bytes after the sessions`);
  assert.ok(r.seconds < 30, `the bounded soak took ${r.seconds.toFixed(1)} s`);
});
