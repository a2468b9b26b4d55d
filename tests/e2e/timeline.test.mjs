// The rewind timeline in Chromium (issue 11, item 3): scrubbing back to epoch k shows epoch k's
// parameters (bit-identical to a fresh run of k epochs) and its loss; "Continue from here"
// trains on exactly as that fresh run would; Undo returns to where training was; the
// scrubber works from the keyboard and says how much of its 20 MB it holds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openTestPage, screenshot, settle, startSuite, PHONE } from './support.mjs';

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

const QUERY = '?data=circle&opt=adam&lr=0.01&speed=max';

async function playUntilPaused(page) {
  await page.click('#play');
  await page.waitForFunction(() => window.nnplay.monitor?.stoppedAt > 0 && !document.querySelector('#play').classList.contains('running'), null, { timeout: 60000 });
  await settle(page);
}

/** Parameters and training loss of a fresh engine session trained `epochs` epochs, in the page. */
function freshRun(page, epochs) {
  return page.evaluate(async (n) => {
    const { createEngine } = await import('./js/engine.js');
    const { toEngineConfig } = await import('./js/ground/state.js');
    const engine = await createEngine();
    const s = engine.createSession(toEngineConfig(window.nnplay.state));
    for (let i = 0; i < n; i++) s.stepEpoch();
    const out = { parameters: Array.from(s.parameters()), trainLoss: s.evaluate().trainLoss };
    s.dispose();
    return out;
  }, epochs);
}

const shownParameters = (page) => page.evaluate(() => Array.from(window.nnplay.insight.parameters));
const timeline = (page) => page.evaluate(() => window.nnplay.insight.timeline);
const epoch = (page) => page.locator('#epoch').textContent();

test('scrub to epoch k, continue from there, then undo', async (t) => {
  const { page, problems } = await openTestPage(t, suite, `${QUERY}&stop=30`);
  await playUntilPaused(page);
  const at30 = await shownParameters(page);
  let tl = await timeline(page);
  assert.deepEqual(tl.epochs, Array.from({ length: 30 }, (_, i) => i + 1));
  // Keyboard: Home = the first saved epoch, → steps one saved epoch on.
  await page.focus('#timeline-scrubber');
  await page.keyboard.press('Home');
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => window.nnplay.insight.timeline?.viewing === 9);
  await settle(page);
  assert.equal(await epoch(page), '10');
  const fresh10 = await freshRun(page, 10);
  assert.deepEqual(await shownParameters(page), fresh10.parameters, 'epoch 10\'s parameters, bit for bit');
  const expectedLoss = await page.evaluate(async (v) => (await import('./js/ground/validate.js')).formatNumber(v, 4), fresh10.trainLoss);
  assert.equal(await page.locator('#train-loss').textContent(), expectedLoss, 'the readout shows epoch 10\'s loss');
  assert.match(await page.locator('#timeline-readout').textContent(), /^Showing epoch 10 \(training loss [0-9.]+\)/);
  await screenshot(page, 'timeline-scrubbed');

  await page.click('#timeline-continue');
  for (let i = 0; i < 5; i++) {
    const before = Number(await epoch(page));
    await page.click('#step-epoch');
    await page.waitForFunction((e) => Number(document.querySelector('#epoch').textContent) > e, before);
  }
  await settle(page);
  assert.equal(await epoch(page), '15');
  assert.deepEqual(await shownParameters(page), (await freshRun(page, 15)).parameters, 'the branch trains like a fresh run');
  tl = await timeline(page);
  assert.deepEqual(tl.epochs, Array.from({ length: 15 }, (_, i) => i + 1));
  assert.equal(tl.canUndo, true);
  const history = await page.evaluate(() => window.nnplay.history.at(-1).epoch);
  assert.ok(history <= 15, 'the charts dropped the discarded epochs');

  await page.click('#timeline-undo');
  await page.waitForFunction(() => document.querySelector('#epoch').textContent === '30');
  await settle(page);
  assert.deepEqual(await shownParameters(page), at30, 'back to epoch 30 as it was');
  assert.equal((await timeline(page)).epochs.length, 30);
  assert.ok(await page.evaluate(() => window.nnplay.history.at(-1).epoch) >= 30, 'the charts have the undone run again');
  assertClean(problems);
});

test('"Back to now" returns unchanged; Play from the past returns to now first', async (t) => {
  const { page, problems } = await openTestPage(t, suite, `${QUERY}&stop=12`);
  await playUntilPaused(page);
  const now = await shownParameters(page);
  await page.focus('#timeline-scrubber');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => window.nnplay.insight.timeline?.viewing === 0);
  assert.equal(await epoch(page), '1');
  await page.click('#timeline-present');
  await page.waitForFunction(() => window.nnplay.insight.timeline?.viewing === null);
  await settle(page);
  assert.equal(await epoch(page), '12');
  assert.deepEqual(await shownParameters(page), now);
  // Play while looking at epoch 1: training goes on from now (12), not from the past.
  await page.focus('#timeline-scrubber');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => window.nnplay.insight.timeline?.viewing === 0);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('#epoch').textContent) > 12);
  await page.click('#play');
  await settle(page);
  const t2 = await timeline(page);
  assert.equal(t2.viewing, null);
  assert.equal(t2.epochs[0], 1, 'the earlier epochs were kept (thinned)');
  assert.equal(String(t2.epochs.at(-1)), await epoch(page), 'and every new epoch was saved');
  assertClean(problems);
});

test('the timeline stays within its 20 MB budget over 10,000 epochs', async (t) => {
  const { page, problems } = await openTestPage(t, suite, '?data=gaussians&n=20&test=0&batch=20&speed=max&stop=10000');
  await playUntilPaused(page);
  assert.equal(await epoch(page), '10000');
  const tl = await timeline(page);
  assert.ok(tl.bytes <= 20 * 1024 * 1024, `${tl.bytes} bytes`);
  assert.equal(tl.epochs[0], 1);
  assert.equal(tl.epochs.at(-1), 10000);
  assert.match(await page.locator('.timeline-memory').textContent(), /MB of 20 MB$/);
  assert.match(await page.locator('#timeline-scrubber').getAttribute('data-tip'), /within 20 MB/);
  assertClean(problems);
});

test('phone: the scrubber and its buttons fit 360 px', async (t) => {
  const { page, problems } = await openTestPage(t, suite, `${QUERY}&stop=5`, PHONE);
  await playUntilPaused(page);
  await page.locator('#timeline').scrollIntoViewIfNeeded();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide`);
  await screenshot(page, 'timeline-phone');
  assertClean(problems);
});
