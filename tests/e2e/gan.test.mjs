// The GAN page (issue 14) in Chromium: loads cleanly, the default settings cover ≥ 6 of the
// ring's 8 modes within 3,000 generator steps (seed 1) and the collapse preset ≤ 2, the
// heatmap, samples and arrows are drawn, and no main-thread task exceeds 50 ms while training.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertClean, openTestPage, PHONE, screenshot, startSuite, measureTraining } from './support.mjs';

let suite;
before(async () => { suite = await startSuite(); });
after(() => suite.close());

const open = (t, query = '', options) => openTestPage(t, suite, `gan.html${query}`, options);

// Plays until exactly `steps` generator steps have been taken (the worker stops there).
async function trainTo(page, steps) {
  await page.evaluate((n) => window.nnplay.playUntil(n), steps);
  await page.waitForFunction((n) => window.nnplay.lastSteps >= n, steps, { timeout: 30000 });
}

// The field canvas's pixels, read from a copy made for reading (several readbacks of the
// page's own canvas would make Chromium warn).
const FIELD_PIXELS = `(() => {
  const c = document.getElementById('gan-field');
  const copy = document.createElement('canvas');
  copy.width = c.width; copy.height = c.height;
  const ctx = copy.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(c, 0, 0);
  return { data: ctx.getImageData(0, 0, c.width, c.height).data };
})()`;

describe('GAN page', () => {
  test('default settings cover ≥ 6 ring modes in 3,000 steps; the collapse preset ≤ 2', async (t) => {
    // speed 1500 steps/s: 3,000 steps in a few seconds (the worker trains in ~10 ms slices).
    const { page, problems } = await open(t, '?speed=1500');
    await trainTo(page, 3000);
    const steps = await page.evaluate(() => window.nnplay.lastSteps);
    const good = await page.evaluate(() => window.nnplay.coverage());
    await screenshot(page, 'gan-default');
    const collapse = await open(t, '?preset=collapse&speed=1500');
    await trainTo(collapse.page, 3000);
    const collapseSteps = await collapse.page.evaluate(() => window.nnplay.lastSteps);
    const bad = await collapse.page.evaluate(() => window.nnplay.coverage());
    await screenshot(collapse.page, 'gan-collapse');
    const message = `default: ${good.covered} of 8 modes after ${steps} steps; collapse: ${bad.covered} of 8 after ${collapseSteps} steps`;
    t.diagnostic(message);
    assert.equal(steps, 3000);
    assert.equal(collapseSteps, 3000);
    assert.ok(good.covered >= 6, message);
    assert.ok(bad.covered <= 2, message);
    assertClean(problems);
    assertClean(collapse.problems);
  });

  test('heatmap, samples and arrows are drawn; no main-thread task over 50 ms while training', async (t) => {
    const { page, problems } = await open(t, '?speed=300');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(300);
    // Two windows of 2.5 s, as compare.test.mjs: on this shared 2-core machine (the worker
    // trains on one core, Chromium's other processes share the other) a stall from outside the
    // page can reach one frame; a clean window shows the page's own frames stay within budget.
    // Seen: single tasks of 50-62 ms in some runs, none in most (draw() itself takes ~1 ms).
    const windows = [];
    for (let i = 0; i < 2; i++) {
      const w = await measureTraining(page);
      windows.push({ rate: Number(w.rate.toFixed(1)), long: w.long });
      if (w.long.length === 0) break;
    }
    t.diagnostic(`frames per second and long tasks, per window: ${JSON.stringify(windows)}`);
    assert.ok(windows.some((w) => w.long.length === 0), `main-thread tasks over 50 ms while training: ${JSON.stringify(windows)}`);
    assert.ok(windows[0].rate >= 30, `the views updated ${windows[0].rate} times per second`);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(200);
    // Samples and arrows: compare with only the heatmap shown.
    const count = (kind) => page.evaluate(([k, read]) => {
      const d = eval(read).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
        if (k === 'tinted' ? Math.min(r, g, b) < 240 : k === 'fake' ? r > 90 && r < 140 && g < 60 && b > 100 && b < 150 : r < 80 && g < 60 && b < 80) n++;
      }
      return k === 'tinted' ? n / (d.length / 4) : n;
    }, [kind, FIELD_PIXELS]);
    const fakePixels = await count('fake');
    await page.locator('#gan-show-arrows').uncheck();
    await page.locator('#gan-show-samples').uncheck();
    const darkWithout = await count('dark');
    // Heatmap: D(x) tints the field (white only where D is unsure, 0.5). Any one corner can be
    // white at the moment of the Pause, so the check is on the share of tinted pixels.
    const tinted = await count('tinted');
    await page.locator('#gan-show-arrows').check();
    const darkWith = await count('dark');
    t.diagnostic(`tinted share ${tinted.toFixed(3)}, sample pixels ${fakePixels}, arrow pixels ${darkWith - darkWithout}`);
    assert.ok(tinted > 0.3, `only ${(100 * tinted).toFixed(1)} % of the field is tinted by the heatmap`);
    assert.ok(fakePixels > 200, `only ${fakePixels} pixels of generated samples`);
    assert.ok(darkWith - darkWithout > 100, `arrows added ${darkWith - darkWithout} dark pixels`);
    assertClean(problems);
  });

  test('Play pressed while the worker rebuilds stays on: a frame from before the Play cannot turn it off', async (t) => {
    // The change and the click land in one task, so the worker answers the rebuild with a
    // frame ("not playing") only after the page has already asked it to play.
    const { page, problems } = await open(t, '?speed=200');
    await page.waitForFunction(() => window.nnplay.framesDrawn > 0);
    await page.evaluate(() => {
      const target = document.getElementById('gan-target');
      target.value = target.value === 'ring' ? 'moons' : 'ring';
      target.dispatchEvent(new Event('change'));
      document.getElementById('gan-play').click();
    });
    const before = await page.evaluate(() => window.nnplay.lastSteps);
    await page.waitForFunction((n) => window.nnplay.lastSteps > n + 20, before, { timeout: 30000 });
    assert.equal(await page.locator('#gan-play').getAttribute('aria-pressed'), 'true', 'the button says Play while the worker trains');
    await page.locator('#gan-play').click();
    await page.getByRole('button', { name: 'Play' }).waitFor();
    // Frames the worker posted before it saw the Pause may still arrive: wait for its answer.
    await page.waitForFunction(() => window.nnplay.settled(), null, { timeout: 20000 });
    const paused = await page.evaluate(() => window.nnplay.lastSteps);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.nnplay.lastSteps), paused, 'training went on after Pause');
    assertClean(problems);
  });

  test('fits a 360 px phone; URL state and embed mode', async (t) => {
    const { page, problems } = await open(t, '?k=3&loss=minimax&g=16:tanh,8&seed=4', PHONE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
    const state = await page.evaluate(() => window.nnplay.state());
    assert.equal(state.k, 3);
    assert.equal(state.loss, 'minimax');
    assert.deepEqual(state.generator, [{ units: 16, activation: 'tanh' }, { units: 8, activation: 'relu' }]);
    assert.equal(await page.locator('#gan-k').inputValue(), '3');
    await screenshot(page, 'gan-phone');
    // Draw your own target; Space plays and pauses.
    const desk = await open(t, '');
    await desk.page.locator('#gan-target').selectOption('custom');
    const box = await desk.page.locator('#gan-field').boundingBox();
    for (let i = 0; i < 5; i++) await desk.page.mouse.click(box.x + box.width * (0.3 + 0.1 * i), box.y + box.height * 0.5);
    await desk.page.waitForFunction(() => window.nnplay.state().custom.length === 5);
    assert.match(desk.page.url(), /target=custom/);
    assert.match(desk.page.url(), /pts=/);
    await desk.page.keyboard.press('Space');
    await desk.page.getByRole('button', { name: 'Pause' }).waitFor();
    await desk.page.keyboard.press('Space');
    await desk.page.getByRole('button', { name: 'Play' }).waitFor();
    // Model file: save both networks, load them into a fresh page.
    const [download] = await Promise.all([desk.page.waitForEvent('download'), desk.page.locator('#gan-save').click()]);
    const file = await download.path();
    const fresh = await open(t, '?seed=9');
    // The Load model button from the keyboard: Space opens the file chooser (and does not press Play).
    const [chooser] = await Promise.all([fresh.page.waitForEvent('filechooser'), fresh.page.locator('label[for="gan-load"]').press(' ')]);
    assert.equal(await fresh.page.locator('#gan-play').getAttribute('aria-pressed'), 'false', 'Space on Load model started training');
    await chooser.setFiles(file);
    await fresh.page.waitForFunction(() => window.nnplay.state().target === 'custom');
    const loaded = await fresh.page.evaluate(() => window.nnplay.state());
    assert.equal(loaded.custom.length, 5);
    assert.equal(loaded.seed, 1);
    assert.equal(await fresh.page.locator('#gan-target').inputValue(), 'custom');
    assertClean(desk.problems);
    assertClean(fresh.problems);
    const embedded = await open(t, '?embed');
    assert.equal(await embedded.page.locator('.gan-lesson').isVisible(), false);
    assertClean(problems);
    assertClean(embedded.problems);
  });
});
