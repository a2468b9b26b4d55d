// Links already shared keep loading: tests/wasm/fixtures/urls-v1.json holds URLs written by the
// v1 page (url-state.js at the commit named in the file) and the state each decoded to then.
// Today's reader must decode them to the same state, with no new notice, and the engine must
// accept the configuration the page makes of that state.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { readUrlState } from '../../web/js/ground/url-state.js';
import { toEngineConfig } from '../../web/js/ground/state.js';
import { loadEngine } from './support/engine.mjs';

const fixture = JSON.parse(await readFile(new URL('./fixtures/urls-v1.json', import.meta.url), 'utf8'));
const plain = (s) => JSON.parse(JSON.stringify(s, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v === Infinity ? 'Infinity' : v)));
const engine = await loadEngine();

test('the fixture holds links of every kind the v1 page writes', () => {
  assert.ok(fixture.cases.length >= 15, `${fixture.cases.length} cases`);
});

for (const c of fixture.cases) {
  test(`v1 link "${c.name}" decodes as it did and trains`, () => {
    const { state, notices } = readUrlState(c.url);
    assert.deepEqual(plain(state), c.state, `state of ${c.url}`);
    assert.deepEqual(notices, c.notices ?? [], `notices of ${c.url}`);
    // As the page does: custom points go in with setData after the session is made.
    const config = toEngineConfig(state);
    const custom = state.data.custom;
    const session = engine.createSession(custom ? { ...config, data: { ...config.data, source: 'generated' } } : config);
    try {
      if (custom) session.setData(custom, { keepNetwork: false });
      const before = session.evaluate().trainLoss;
      assert.ok(Number.isFinite(before), `${c.url}: initial loss ${before}`);
      const record = session.stepEpoch();
      assert.equal(session.epoch, 1);
      assert.ok(Number.isFinite(record.trainLoss), `${c.url}: loss after one epoch ${record.trainLoss}`);
    } finally {
      session.dispose();
    }
  });
}
