// The sequence page (issue 13) in Chromium: the phenomena with the page's presets and fixed
// seeds (the LSTM remembers the first bit over 30 steps, the simple RNN falls behind; a transformer
// reverses 8 symbols and its attention forms the anti-diagonal; an LSTM predicts a sum of
// sines within 1 % of its variance), the views draw, keyboard and URL state, a 360 px phone,
// embed mode, and no main-thread task over 50 ms while training.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertClean, openTestPage, PHONE, screenshot, startSuite, measureTraining } from './support.mjs';

let suite;
before(async () => { suite = await startSuite(); });
after(() => suite.close());

const open = (t, query = '', options) => openTestPage(t, suite, `sequence.html${query}`, options);

// Plays until exactly `steps` training steps (the worker stops there) and waits for the frame.
async function trainTo(page, steps) {
  await page.evaluate((n) => window.nnplay.playUntil(n), steps);
  await page.waitForFunction((n) => window.nnplay.lastStep >= n, steps, { timeout: 45000 });
}
const testScore = (page) => page.evaluate(() => window.nnplay.evaluate());

// Share of a canvas's pixels that are not white (read from a copy: no readback warnings).
const inked = (page, selector) => page.evaluate((sel) => {
  const c = document.querySelector(sel);
  const copy = document.createElement('canvas');
  copy.width = c.width; copy.height = c.height;
  const ctx = copy.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(c, 0, 0);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) n++;
  return n / (d.length / 4);
}, selector);

describe('sequence page', () => {
  test('remember the first bit over 30 steps: the LSTM ≥ 95 %, the simple RNN at least 10 points behind', async (t) => {
    const scores = {};
    for (const arch of ['lstm', 'simple_rnn']) {
      const { page, problems } = await open(t, `?task=first_bit&len=30&arch=${arch}&speed=5000`);
      await trainTo(page, 600);
      scores[arch] = (await testScore(page)).accuracy;
      await screenshot(page, `sequence-first-bit-${arch}`);
      assertClean(problems);
    }
    const message = `test accuracy after 600 steps: ${JSON.stringify(scores)}`;
    t.diagnostic(message);
    assert.ok(scores.lstm >= 0.95, message);
    assert.ok(scores.simple_rnn <= scores.lstm - 0.1, message);
  });

  test('a transformer reverses 8 symbols; its attention forms the anti-diagonal', async (t) => {
    const { page, problems } = await open(t, '?task=reverse&len=8&sym=8&arch=transformer&lr=0.003&speed=5000');
    await trainTo(page, 1500);
    const score = await testScore(page);
    const mirrored = await page.evaluate(() => {
      const layer = window.nnplay.lastFrame().views.layers.find((l) => l.attention);
      const T = layer.steps;
      let sum = 0;
      for (let q = 0; q < T; q++) sum += Math.max(...layer.attention.map((a) => a[q * T + (T - 1 - q)]));
      return sum / T;
    });
    await page.locator('#seq-attention-figure').scrollIntoViewIfNeeded();
    await screenshot(page, 'sequence-attention');
    const message = `per-token test accuracy ${score.accuracy}, mean attention on the mirrored step ${mirrored}`;
    t.diagnostic(message);
    assert.ok(score.accuracy >= 0.95, message);
    assert.ok(mirrored > 0.5, message);
    assert.ok(await inked(page, '#seq-attention canvas') > 0.05, 'the attention map is drawn');
    assertClean(problems);
  });

  test('an LSTM predicts a sum of sines within 1 % of its variance; prediction and free run are drawn', async (t) => {
    const { page, problems } = await open(t, '?task=sum_of_sines&arch=lstm&speed=5000');
    await trainTo(page, 600);
    const score = await testScore(page);
    t.diagnostic(`test MSE ${(100 * score.relativeMse).toFixed(3)} % of the variance`);
    assert.ok(score.relativeMse < 0.01, `test MSE is ${(100 * score.relativeMse).toFixed(3)} % of the variance`);
    assert.equal(await page.locator('#seq-signal-figure').isVisible(), true);
    assert.ok(await inked(page, '#seq-signal') > 0.03, 'the signal chart is drawn');
    await page.locator('#seq-signal-figure').scrollIntoViewIfNeeded();
    await screenshot(page, 'sequence-signal');
    assertClean(problems);
  });

  test('views draw while training, with no main-thread task over 50 ms; keyboard and layer editing', async (t) => {
    const { page, problems } = await open(t, '?task=first_bit&len=20&arch=lstm&speed=200');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await page.waitForTimeout(300);
    const result = await measureTraining(page);
    t.diagnostic(`frames ${result.rate.toFixed(1)}/s, long tasks ${JSON.stringify(result.long)}`);
    assert.deepEqual(result.long, [], 'main-thread tasks over 50 ms while training');
    assert.ok(result.rate >= 20, `the views updated ${result.rate.toFixed(1)} times per second`);
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Play' }).waitFor();
    for (const selector of ['#seq-loss', '#seq-accuracy', '#seq-hidden', '#seq-grad']) {
      assert.ok(await inked(page, selector) > 0.02, `${selector} is drawn`);
    }
    assert.equal(await page.locator('#seq-gates canvas').count(), 3, 'input, forget and output gates');
    assert.ok(await inked(page, '#seq-gates canvas') > 0.05);
    const steps = Number(await page.locator('#seq-steps').textContent());
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => Number(document.querySelector('#seq-steps').textContent) === n + 1, steps);
    await screenshot(page, 'sequence-desktop');
    // The layer list is editable: a GRU instead of the LSTM; the URL keeps the edited list.
    await page.locator('#seq-layer-0-kind').selectOption('gru');
    await page.waitForFunction(() => document.querySelector('#seq-params').textContent.includes('weights'));
    await page.waitForFunction(() => [...document.querySelectorAll('#seq-view-layer option')].some((o) => o.textContent.includes('gru')));
    assert.match(page.url(), /layers=gru/);
    // A layer list that does not fit says which layer and why.
    await page.locator('#seq-layer-1-kind').selectOption('dense_per_step');
    await page.waitForFunction(() => /dense_per_step/.test(document.querySelector('#seq-status').textContent));
    assertClean(problems);
  });

  test('character model writes text at a chosen temperature', async (t) => {
    const { page, problems } = await open(t, '?task=characters&len=24&arch=lstm&speed=5000&temp=0.5');
    await trainTo(page, 100);
    await page.locator('#seq-generate').click();
    await page.waitForFunction(() => document.querySelector('#seq-generated').textContent.length > 250);
    const text = await page.locator('#seq-generated').textContent();
    t.diagnostic(JSON.stringify(text.slice(0, 120)));
    assert.ok(text.startsWith('Call me Ishmael. '));
    assert.equal(await page.locator('#seq-temperature-value').textContent(), '0.50');
    assertClean(problems);
  });

  test('fits a 360 px phone; URL state and embed mode', async (t) => {
    const { page, problems } = await open(t, '?task=reverse&len=10&sym=6&arch=gru&seed=4', PHONE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
    const state = await page.evaluate(() => window.nnplay.state());
    assert.equal(state.task, 'reverse');
    assert.equal(state.length, 10);
    assert.equal(state.symbols, 6);
    assert.equal(state.arch, 'gru');
    assert.equal(await page.locator('#seq-length').inputValue(), '10');
    await screenshot(page, 'sequence-phone');
    const embedded = await open(t, '?embed');
    assert.equal(await embedded.page.locator('.seq-lessons').isVisible(), false);
    assertClean(problems);
    assertClean(embedded.problems);
  });
});
