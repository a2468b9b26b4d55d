// The learner's work is never lost (pages/playground/recovery.js): the playground autosaves its
// model file and address in IndexedDB while it trains; a reload, a killed training worker and
// an engine that stops all end with the same network back (same epoch, same weights) and a
// notice with a Discard button.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, assertClean, screenshot, settle, startSuite, watchConsole, watchRequests, waitForFrames } from './support.mjs';

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

/** A fresh browser context (its own IndexedDB) with the playground open. */
async function open(t, query = '?v=1&data=circle&layers=6:tanh,4:tanh') {
  const context = await suite.browser.newContext(DESKTOP);
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watchRequests(page, watchConsole(page));
  await page.goto(suite.url + query);
  await waitForFrames(page, 1);
  return { page, problems };
}

/** The saved record, read straight from IndexedDB: {epoch, step, savedAt, query, parameters}. */
const savedRecord = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const request = indexedDB.open('nnplay', 1);
  request.onerror = () => reject(request.error);
  request.onsuccess = () => {
    if (!request.result.objectStoreNames.contains('autosave')) { request.result.close(); resolve(null); return; }
    const get = request.result.transaction('autosave').objectStore('autosave').get('playground');
    get.onsuccess = () => {
      const r = get.result;
      request.result.close();
      resolve(r ? { epoch: r.epoch, step: r.step, savedAt: r.savedAt, query: r.query, parameters: JSON.parse(r.model).parameters.map(Math.fround) } : null);
    };
  };
}));

/** What the page runs now: epoch, step and the weights of the last frame. */
const engineState = (page) => page.evaluate(() => ({
  epoch: Number(document.querySelector('#epoch').textContent.replace(/[^\d]/g, '')),
  parameters: Array.from(window.nnplay.actions.renderer.parameters),
}));

async function trainUntilSaved(page, minEpoch) {
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction((e) => (window.nnplay.autosave.saved?.epoch ?? 0) >= e, minEpoch, { timeout: 20000 });
}

const noticeText = (page) => page.locator('.notice', { hasText: 'Restored your network' }).textContent();

describe('autosave and recovery', () => {
  test('a reload in the middle of training restores the same network, with a notice and Discard', async (t) => {
    const { page, problems } = await open(t);
    assert.equal(await page.evaluate(() => window.nnplay.autosave.enabled), true);
    await trainUntilSaved(page, 20);
    await page.reload();
    await page.waitForFunction(() => window.nnplay?.autosave?.restoredFrom, null, { timeout: 10000 });
    const record = await savedRecord(page);
    const restored = await page.evaluate(() => window.nnplay.autosave.restoredFrom);
    assert.deepEqual([restored.epoch, restored.step], [record.epoch, record.step]);
    assert.ok(record.epoch >= 20, `saved at epoch ${record.epoch}`);
    await page.waitForFunction((e) => document.querySelector('#epoch').textContent.replace(/[^\d]/g, '') === String(e), record.epoch);
    const now = await engineState(page);
    assert.deepEqual(now.parameters, record.parameters, 'the weights are those saved');
    assert.match(await noticeText(page), new RegExp(`Restored your network from \\d\\d?:\\d\\d(?: [AP]M)? \\(epoch ${record.epoch}\\)\\.`));
    assert.equal(await page.evaluate(() => window.nnplay.state.data.kind), 'circle');
    assert.equal(await page.getByRole('button', { name: 'Play' }).isVisible(), true, 'restored paused');
    await screenshot(page, 'recovery-restored');

    // Training continues from there.
    await page.getByRole('button', { name: 'Step epoch' }).click();
    await page.waitForFunction((e) => document.querySelector('#epoch').textContent.replace(/[^\d]/g, '') === String(e + 1), record.epoch);

    // Discard: the saved network is forgotten and the weights start again.
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.waitForFunction(() => document.querySelector('#epoch').textContent === '0');
    assert.equal(await savedRecord(page), null);
    await page.reload();
    await waitForFrames(page, 1);
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.nnplay.autosave.restoredFrom), null);
    assert.equal(await page.locator('.notice', { hasText: 'Restored' }).count(), 0);
    assertClean(problems);
  });

  test('a killed training worker is noticed and the page recovers the same epoch and weights', async (t) => {
    const { page, problems } = await open(t);
    await trainUntilSaved(page, 10);
    // Stop training, save, then kill the worker: nothing is lost.
    await page.getByRole('button', { name: 'Pause' }).click();
    const saved = await page.evaluate(() => window.nnplay.autosave.saveNow());
    await page.waitForFunction((e) => document.querySelector('#epoch').textContent.replace(/[^\d]/g, '') === String(e), saved.epoch);
    await settle(page);
    const before = await engineState(page);
    const started = Date.now();
    const reloaded = page.waitForEvent('load', { timeout: 40000 });
    await page.evaluate(() => window.nnplay.actions.client.terminate());
    await reloaded;
    await page.waitForFunction(() => window.nnplay?.autosave?.restoredFrom, null, { timeout: 10000 });
    const seconds = (Date.now() - started) / 1000;
    await page.waitForFunction((e) => document.querySelector('#epoch').textContent.replace(/[^\d]/g, '') === String(e), saved.epoch);
    const after = await engineState(page);
    assert.deepEqual(after.parameters, before.parameters, 'the same weights');
    assert.match(await noticeText(page), new RegExp(`^The training worker stopped answering\\. Restored your network from \\d\\d?:\\d\\d(?: [AP]M)? \\(epoch ${saved.epoch}\\)\\.`));
    // 12 s of silence (recovery.js SILENT_WORKER_MS), then the reload; the bound leaves room for a busy machine.
    assert.ok(seconds < 30, `recovered in ${seconds.toFixed(1)} s`);
    console.log(`killed worker: recovered in ${seconds.toFixed(1)} s`);
    // It trains again.
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction((e) => Number(document.querySelector('#epoch').textContent.replace(/[^\d]/g, '')) > e + 5, saved.epoch);
    await screenshot(page, 'recovery-after-crash');
    assertClean(problems);
  });

  test('a worker that crashes while training (an uncaught error) recovers the last autosave', async (t) => {
    const { page, problems } = await open(t);
    await trainUntilSaved(page, 10);
    const saved = await page.evaluate(() => window.nnplay.autosave.saved);
    // The worker's onerror path: what a crash inside the worker looks like to the page.
    const reloaded = page.waitForEvent('load', { timeout: 10000 });
    await page.evaluate(() => { setTimeout(() => window.nnplay.actions.client.emit('fatal', { message: 'The training worker stopped: RuntimeError: unreachable' })); });
    await reloaded;
    await page.waitForFunction(() => window.nnplay?.autosave?.restoredFrom, null, { timeout: 10000 });
    const restored = await page.evaluate(() => window.nnplay.autosave.restoredFrom);
    const record = await savedRecord(page);
    assert.ok(restored.epoch >= saved.epoch, `restored epoch ${restored.epoch}, saved ${saved.epoch}`);
    assert.equal(restored.epoch, record.epoch);
    await page.waitForFunction((e) => document.querySelector('#epoch').textContent.replace(/[^\d]/g, '') === String(e), record.epoch);
    assert.deepEqual((await engineState(page)).parameters, record.parameters);
    assert.match(await noticeText(page), /^The training worker stopped: RuntimeError: unreachable Restored your network from/);
    // A second crash right after a recovery is not reloaded again (no loop): the learner sees it.
    await page.evaluate(() => window.nnplay.actions.client.emit('fatal', { message: 'The training worker stopped: again' }));
    await page.locator('.notice', { hasText: 'The training engine stopped.' }).waitFor();
    assertClean(problems);
  });

  test('a link with other settings keeps them; the saved network waits behind a Restore button', async (t) => {
    const { page, problems } = await open(t);
    await trainUntilSaved(page, 5);
    await page.getByRole('button', { name: 'Pause' }).click();
    const saved = await page.evaluate(() => window.nnplay.autosave.saveNow());
    await page.goto(`${suite.url}?v=1&data=xor`);
    await waitForFrames(page, 1);
    const offer = page.locator('.notice', { hasText: 'is saved on this computer' });
    await offer.waitFor();
    assert.equal(await page.evaluate(() => [window.nnplay.state.data.kind, document.querySelector('#epoch').textContent].join()), 'xor,0');
    await offer.getByRole('button', { name: 'Restore it' }).click();
    await page.waitForFunction(() => window.nnplay.autosave.restoredFrom);
    await page.waitForFunction((e) => document.querySelector('#epoch').textContent.replace(/[^\d]/g, '') === String(e), saved.epoch);
    assert.equal(await page.evaluate(() => window.nnplay.state.data.kind), 'circle');
    assertClean(problems);
  });

  test('embedded frames and lessons neither save nor restore', async (t) => {
    const { page, problems } = await open(t, '?v=1&data=circle&embed');
    assert.equal(await page.evaluate(() => window.nnplay.autosave.enabled), false);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(3500);
    assert.equal(await savedRecord(page), null);
    assertClean(problems);
  });
});
