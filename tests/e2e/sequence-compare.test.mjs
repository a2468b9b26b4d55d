// The sequence page's compare mode (issue 13, item 3) in Chromium: the page's presets raced on
// one task and seed. With seed 1, "remember the first bit" over 30 steps: the comparison
// finishes, the LSTM reaches ≥ 95 % and the simple RNN stays below it, the LSTM's figure is
// exactly what the page's own LSTM reaches (same preset, same seed), one line per model;
// Pause / Resume / Stop / Run again by keyboard; the URL opens the comparison and an invalid
// value falls back without an error; a 360 px phone and embed mode; no main-thread task over 50 ms.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertClean, measureTraining, openTestPage, PHONE, screenshot, startSuite } from './support.mjs';

let suite;
before(async () => { suite = await startSuite(); });
after(() => suite.close());

const open = (t, query = '', options) => openTestPage(t, suite, `sequence.html${query}`, options);
const compareState = (page) => page.evaluate(() => window.nnplay.compare.state());
const waitForPhase = (page, phase, timeout = 240000) =>
  page.waitForFunction((p) => window.nnplay.compare.state().phase === p, phase, { timeout, polling: 250 });
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

// Pixels of a canvas near `hex` (read from a copy: no readback warnings).
const pixelsOf = (page, selector, hex) => page.evaluate(({ sel, hex }) => {
  const c = document.querySelector(sel);
  const copy = document.createElement('canvas');
  copy.width = c.width; copy.height = c.height;
  const ctx = copy.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(c, 0, 0);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 200 && Math.abs(d[i] - want[0]) + Math.abs(d[i + 1] - want[1]) + Math.abs(d[i + 2] - want[2]) < 40) n++;
  }
  return n;
}, { sel: selector, hex });

const COLOURS = { simple_rnn: '#D55E00', lstm: '#0072B2', gru: '#009E73', transformer: '#CC79A7' };

describe('sequence compare mode', () => {
  test('remember the first bit, length 30, seed 1: the LSTM ≥ 95 %, the simple RNN below it; one line per model', async (t) => {
    const { page, problems } = await open(t, '?task=first_bit&len=30&seed=1&compare=simple_rnn,lstm,transformer&steps=600');
    // The link opens the comparison with its models and steps.
    assert.equal(await page.locator('#seq-compare-body').isVisible(), true);
    assert.equal(await page.locator('#seq-compare-toggle').getAttribute('aria-expanded'), 'true');
    for (const [arch, on] of Object.entries({ simple_rnn: true, lstm: true, gru: false, transformer: true })) {
      assert.equal(await page.locator(`#seq-compare-${arch}`).isChecked(), on, arch);
    }
    assert.equal(await page.locator('#seq-compare-steps').inputValue(), '600');
    // Run with the keyboard; the page stays responsive while the three models train.
    await page.locator('#seq-compare-run').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#seq-compare-run').textContent === 'Pause');
    await page.waitForFunction(() => window.nnplay.compareFrames > 5);   // past the set-up: the worker built and tested the models
    // Up to three windows of 2.5 s (as compare.test.mjs): on this shared 2-core machine another
    // process can stall one frame's commit; a clean window shows the page's own work stays in budget.
    const windows = [];
    for (let i = 0; i < 3; i++) {
      const w = await measureTraining(page, 'compareFrames');
      windows.push({ rate: Number(w.rate.toFixed(1)), long: w.long });
      if (w.long.length === 0) break;
    }
    t.diagnostic(`compare frames per second and long tasks, per window: ${JSON.stringify(windows)}`);
    assert.ok(windows.some((w) => w.long.length === 0), `main-thread tasks over 50 ms while comparing: ${JSON.stringify(windows)}`);
    assert.ok(windows.every((w) => w.rate >= 5), `the charts updated too rarely: ${JSON.stringify(windows)}`);
    await waitForPhase(page, 'finished');
    const s = await compareState(page);
    const scores = Object.fromEntries(s.models.map((m) => [m.arch, m.finalAccuracy]));
    const message = `test accuracy after 600 steps: ${JSON.stringify(scores)}; weights ${JSON.stringify(Object.fromEntries(s.models.map((m) => [m.arch, m.parameters])))}; ` +
      `training time (ms) ${JSON.stringify(Object.fromEntries(s.models.map((m) => [m.arch, Math.round(m.trainMs)])))}`;
    t.diagnostic(message);
    assert.deepEqual(s.models.map((m) => m.arch), ['simple_rnn', 'lstm', 'transformer']);
    for (const m of s.models) {
      assert.equal(m.error, null, m.error);
      assert.equal(m.step, 600, `${m.arch} trained 600 steps`);
      assert.equal(m.testedAt, 600, `${m.arch} was tested at step 600`);
      assert.ok(m.steps.length >= 20, `${m.arch}: ${m.steps.length} points on its line`);
    }
    assert.ok(scores.lstm >= 0.95, message);
    assert.ok(scores.simple_rnn < scores.lstm, message);
    assert.equal(await page.locator('#seq-compare-run').textContent(), 'Run again');
    // One line per model: the key lists three, and each model's colour is on both charts.
    assert.deepEqual(await page.locator('#seq-compare-legend li').evaluateAll((l) => l.map((x) => x.dataset.arch)), ['simple_rnn', 'lstm', 'transformer']);
    for (const arch of s.models.map((m) => m.arch)) {
      for (const canvas of ['#seq-compare-accuracy', '#seq-compare-loss']) {
        assert.ok(await pixelsOf(page, canvas, COLOURS[arch]) > 50, `${arch}'s line on ${canvas}`);
      }
    }
    assert.equal(await pixelsOf(page, '#seq-compare-accuracy', COLOURS.gru), 0, 'no line for the GRU, which did not race');
    // The table: final test accuracy and loss, weights and time for each model.
    const rows = await page.locator('#seq-compare-table tbody tr').evaluateAll((rs) => rs.map((r) => [...r.cells].map((c) => c.textContent)));
    t.diagnostic(`table: ${JSON.stringify(rows)}`);
    assert.equal(rows.length, 3);
    for (const row of rows) {
      assert.match(row[1], /^\d+\.\d %$/);
      assert.match(row[2], /^\d+\.\d{4}$/);
      assert.match(row[3], /^[\d,]+$/);
      assert.match(row[4], /^\d+(\.\d)? s$/);
    }
    assert.match(await page.locator('#seq-compare-progress').textContent(), /^step 600 of 600$/);
    const summary = await page.locator('#seq-compare-summary').textContent();
    t.diagnostic(summary);
    assert.match(summary, /^After 600 steps: LSTM/);
    await page.locator('#seq-compare').scrollIntoViewIfNeeded();
    await page.locator('#seq-compare-charts, .seq-compare-charts').scrollIntoViewIfNeeded();
    await screenshot(page, 'sequence-compare-desktop');
    // The compared LSTM is the page's own LSTM preset with the same seed: the same figure.
    await page.evaluate(() => window.nnplay.playUntil(600));
    await page.waitForFunction(() => window.nnplay.lastStep >= 600, null, { timeout: 60000 });
    const own = await page.evaluate(() => window.nnplay.evaluate());
    const lstm = s.models.find((m) => m.arch === 'lstm');
    t.diagnostic(`the page's own LSTM after 600 steps: accuracy ${own.accuracy}, loss ${own.loss}; compared: ${lstm.finalAccuracy}, ${lstm.finalLoss}`);
    assert.equal(own.accuracy, lstm.finalAccuracy);
    assert.equal(own.loss, lstm.finalLoss);
    assertClean(problems);
  });

  test('Pause, Resume, Stop and Run again with the keyboard; the choice of models goes into the URL and back', async (t) => {
    const { page, problems } = await open(t, '?task=reverse&len=8&sym=8&compare=lstm,gru&steps=3000');
    const run = page.locator('#seq-compare-run');
    await run.focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => window.nnplay.compare.state().models.some((m) => m.step > 0));
    await page.keyboard.press('Space');   // Pause
    await waitForPhase(page, 'paused', 20000);
    assert.equal(await run.textContent(), 'Resume');
    // Frames the worker posted before it saw the Pause may still arrive: wait for its answer.
    await page.waitForFunction(() => window.nnplay.compare.state().settled, null, { timeout: 20000 });
    const paused = (await compareState(page)).models.map((m) => m.step);
    await page.waitForTimeout(400);
    assert.deepEqual((await compareState(page)).models.map((m) => m.step), paused, 'nothing trains while paused');
    assert.equal(paused[0], paused[1], 'the models grow together');
    await page.keyboard.press('Space');   // Resume
    await waitForPhase(page, 'running', 20000);
    await page.locator('#seq-compare-stop').focus();
    await page.keyboard.press('Enter');   // Stop
    await waitForPhase(page, 'stopped', 20000);
    assert.equal(await run.textContent(), 'Run again');
    assert.equal(await page.locator('#seq-compare-stop').isDisabled(), true);
    assert.match(await page.locator('#seq-compare-table-title').textContent(), /stopped/);
    // A new choice: the GRU out, the transformer in, 40 steps; Run again finishes.
    await page.locator('#seq-compare-gru').uncheck();
    assert.equal(await run.isDisabled(), true, 'one model is no race');
    await page.locator('#seq-compare-transformer').check();
    await page.locator('#seq-compare-steps').fill('40');
    await page.locator('#seq-compare-steps').press('Tab');
    assert.match(page.url(), /[?&]compare=lstm,transformer(&|$)/);
    assert.match(page.url(), /[?&]steps=40(&|$)/);
    await run.focus();
    await page.keyboard.press('Enter');
    await waitForPhase(page, 'finished', 60000);
    const s = await compareState(page);
    assert.deepEqual(s.models.map((m) => [m.arch, m.step]), [['lstm', 40], ['transformer', 40]]);
    // The URL opens the same comparison.
    const again = await open(t, page.url().slice(page.url().indexOf('?')));
    assert.deepEqual(await again.page.evaluate(() => { const st = window.nnplay.state(); return [st.compare, st.compareSteps, st.task, st.length]; }),
      [['lstm', 'transformer'], 40, 'reverse', 8]);
    assert.equal(await again.page.locator('#seq-compare-transformer').isChecked(), true);
    // Closing compare mode takes it out of the URL.
    await again.page.locator('#seq-compare-toggle').click();
    assert.doesNotMatch(again.page.url(), /compare=/);
    assertClean(problems);
    assertClean(again.problems);
  });

  test('invalid compare values in the URL fall back without an error; a 360 px phone in embed mode fits', async (t) => {
    // (tests/unit/seq-compare-url.test.mjs tries more values; here: the page opens with no error)
    for (const query of ['?compare=bogus,,lstm;drop&steps=-5', '?compare=%3Cscript%3E&steps=1e9']) {
      const { page, problems } = await open(t, query);
      const st = await page.evaluate(() => window.nnplay.state());
      assert.deepEqual([st.compare, st.compareSteps], [['simple_rnn', 'lstm', 'transformer'], 600], query);
      assert.equal(await page.locator('#seq-compare-body').isVisible(), true, query);
      assertClean(problems);
    }
    // The lesson sets the race up and opens it.
    const lesson = await open(t, '?task=copy');
    await lesson.page.locator('[data-lesson="race"]').click();
    await lesson.page.waitForFunction(() => document.querySelector('#seq-compare-body').checkVisibility());
    assert.deepEqual(await lesson.page.evaluate(() => { const st = window.nnplay.state(); return [st.task, st.length, st.seed, st.compare]; }),
      ['first_bit', 30, 1, ['simple_rnn', 'lstm', 'transformer']]);
    assert.match(lesson.page.url(), /[?&]compare=simple_rnn,lstm,transformer(&|$)/);
    assertClean(lesson.problems);
    const { page, problems } = await open(t, '?embed&task=first_bit&len=12&compare=simple_rnn,lstm,gru,transformer&steps=40', PHONE);
    assert.equal(await page.locator('#seq-compare-body').isVisible(), true);
    assert.ok(await overflow(page) <= 0, `the page is ${await overflow(page)} px wider than the phone`);
    await page.locator('#seq-compare-run').click();
    await waitForPhase(page, 'finished', 120000);
    assert.ok(await overflow(page) <= 0, `with results, the page is ${await overflow(page)} px wider than the phone`);
    for (const selector of ['#seq-compare-table', '#seq-compare-accuracy', '.seq-compare-controls']) {
      const box = await page.locator(selector).boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 360 + 0.5, `${selector} fits: ${JSON.stringify(box)}`);
    }
    await page.locator('.seq-compare-setup').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector('#seq-compare').scrollIntoView());
    await screenshot(page, 'sequence-compare-phone-setup');
    await page.locator('#seq-compare-log').check();   // the loss axis in decades
    await page.evaluate(() => document.querySelector('#seq-compare-loss').scrollIntoView());
    await screenshot(page, 'sequence-compare-phone-results');
    assertClean(problems);
  });
});
