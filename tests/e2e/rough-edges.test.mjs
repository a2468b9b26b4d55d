// Rough edges a new learner hit (issue 11, item 6), each checked the way it was seen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ARTIFACTS, DESKTOP, PHONE, assertClean, openTestPage, screenshot, settle, startSuite, waitForFrames, watchConsole, watchRequests } from './support.mjs';
import { canvasTexts, overlappingTexts, recordCanvasText } from './canvas-text.mjs';

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

/** How many points of each corner (00, 01, 10, 11) a part of the data holds. */
const cornersOf = (page, part) => page.evaluate((p) => {
  const { points } = window.nnplay.data[p];
  const seen = [0, 0, 0, 0];
  for (let i = 0; i < points.length; i += 2) seen[2 * (points[i] > 0.5) + (points[i + 1] > 0.5)]++;
  return seen;
}, part);

test('a gate in the free playground has jittered copies of every corner in both the training and the test set', async (t) => {
  const { page, problems } = await openTestPage(t, suite, '?data=and&noise=0.5');
  await settle(page);
  const train = await cornersOf(page, 'train'), testSet = await cornersOf(page, 'test');
  assert.equal(train.reduce((a, b) => a + b) + testSet.reduce((a, b) => a + b), 300, 'the 300 points of the Points field');
  for (let c = 0; c < 4; c++) {
    assert.ok(train[c] > 0 && testSet[c] > 0, `corner ${c} in both sets: train ${train}, test ${testSet}`);
  }
  // Choosing a gate keeps the test share (it used to be forced to 0 % with a notice).
  await page.click('button.thumb:has-text("XOR gate")');
  await settle(page);
  assert.equal(await page.evaluate(() => window.nnplay.state.data.testPercent), 30);
  assert.ok((await cornersOf(page, 'test')).every((n) => n > 0), 'XOR: every corner in the test set');
  await screenshot(page, 'rough-gate');
  assertClean(problems);
});

test('the 2-4-1 XOR lesson still trains on the bare 4-point truth table', async (t) => {
  const { page, problems } = await openTestPage(t, suite, '?lesson=xor-mlp');
  await settle(page);
  const sizes = await page.evaluate(() => [window.nnplay.data.train.labels.length, window.nnplay.data.test.labels.length]);
  assert.deepEqual(sizes, [4, 0]);
  assertClean(problems);
});

test('after Clear (0 points) the readouts no longer show the old loss and accuracy', async (t) => {
  const { page, problems } = await openTestPage(t, suite, '');
  await page.click('#step-epoch');
  await page.waitForFunction(() => document.querySelector('#train-loss').textContent !== '–');
  await page.click('#clear-points');
  await page.waitForFunction(() => window.nnplay.state.data.custom?.labels.length === 0);
  await settle(page);
  for (const id of ['train-loss', 'test-loss', 'train-accuracy', 'test-accuracy']) {
    assert.equal(await page.locator(`#${id}`).textContent(), '–', `#${id} after Clear`);
  }
  assertClean(problems);
});

// ---- Tooltips never cover their control nor what it changes ----

const boxOf = (page, selector) => page.locator(selector).first().boundingBox();
const overlap = (a, b) => Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x))
  * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** Points at `selector` (or clicks it) and waits for its own tip; returns the tip's box. */
async function tipOf(page, selector, { click = false } = {}) {
  await page.mouse.move(1, 1);
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  if (click) await page.click(selector); else await page.hover(selector);
  await page.waitForFunction((s) => {
    const tip = document.querySelector('.tooltip');
    return tip && !tip.hidden && tip.textContent === document.querySelector(s).dataset.tip;
  }, selector);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return boxOf(page, '.tooltip');
}

/** Asserts the tip covers none of `selectors` (its control first). */
async function assertClear(page, tip, selectors, where) {
  for (const s of selectors) {
    const b = await boxOf(page, s);
    assert.ok(b, `${s} is on the page (${where})`);
    assert.equal(overlap(tip, b), 0, `${where}: the tip ${JSON.stringify(tip)} covers ${s} ${JSON.stringify(b)}`);
  }
  const view = page.viewportSize();
  assert.ok(tip.x >= 0 && tip.y >= 0 && tip.x + tip.width <= view.width, `${where}: the tip is inside the viewport`);
}

for (const [name, options] of [['1280×800', DESKTOP], ['360×740', PHONE]]) {
  test(`tooltips of the training buttons keep clear of the epoch counter at ${name}`, async (t) => {
    const { page, problems } = await openTestPage(t, suite, '', options);
    await settle(page);
    for (const id of ['#play', '#step-epoch', '#step-batch', '#reset']) {
      await assertClear(page, await tipOf(page, id), [id, '#toolbar .epoch-counter'], `${id} hovered`);
    }
    // Clicked: Play becomes Pause and the counter starts moving under the pointer.
    const tip = await tipOf(page, '#play', { click: true });
    await assertClear(page, tip, ['#play', '#toolbar .epoch-counter'], '#play clicked');
    await screenshot(page, `rough-tip-play-${options === PHONE ? 'phone' : 'desktop'}`);
    await page.click('#play');
    assertClean(problems);
  });

  test(`the weight editor is not covered by the tip of the neuron clicked nor of its own fields at ${name}`, async (t) => {
    const { page, problems } = await openTestPage(t, suite, '', options);
    await settle(page);
    const neuron = '.node:not(.input)';
    await tipOf(page, neuron);
    await page.click(neuron);
    await page.waitForSelector('.popover:not([hidden])');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const tip = await boxOf(page, '.tooltip');
    if (tip) await assertClear(page, tip, ['.popover'], 'after clicking a neuron');
    for (const field of ['#weight-edit-0', '#weight-edit-1']) {
      await page.focus(field);
      await page.waitForFunction((s) => document.querySelector('.tooltip').textContent === document.querySelector(s).dataset.tip, field);
      await assertClear(page, await boxOf(page, '.tooltip'), [field, '.popover'], `${field} focused`);
    }
    await screenshot(page, `rough-tip-editor-${options === PHONE ? 'phone' : 'desktop'}`);
    assertClean(problems);
  });

  test(`compare mode: the Run / Run again tip keeps clear of its epoch counter at ${name}`, async (t) => {
    const { page, problems } = await openTestPage(t, suite, '?compare=optimizer&epochs=3', options);
    await page.waitForSelector('#compare-table tbody tr');
    const run = '.compare-controls .play';
    await assertClear(page, await tipOf(page, run), [run, '.compare-controls .epoch-counter'], 'Run hovered');
    await page.click(run);
    await page.waitForFunction(() => document.querySelector('.compare-summary')?.dataset.finished === 'true', null, { timeout: 30000 });
    await assertClear(page, await tipOf(page, run), [run, '.compare-controls .epoch-counter'], 'Run again hovered');
    assertClean(problems);
  });
}

// ---- Overlaps: canvas labels and the network diagram ----

/** openTestPage with the canvas text recorder installed before the page loads. */
async function openRecording(t, query, options = DESKTOP) {
  const context = await suite.browser.newContext(options);
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watchRequests(page, watchConsole(page));
  await recordCanvasText(page);
  await page.goto(suite.url + query);
  await waitForFrames(page, 1);
  await settle(page);
  return { page, problems };
}

for (const [name, options] of [['1280×800', DESKTOP], ['360×740', PHONE]]) {
  test(`the input plane's axis titles touch no tick label, gates included, at ${name}`, async (t) => {
    for (const data of ['and', 'or', 'xor_gate', 'circle']) {
      const { page, problems } = await openRecording(t, `?data=${data}`, options);
      const texts = await canvasTexts(page, '.surface-points');
      assert.ok(texts.some((x) => x.text === 'x₂') && texts.some((x) => x.text === 'x₁'), `${data}: both titles drawn`);
      assert.ok(texts.length >= 8, `${data}: tick labels drawn (${texts.map((x) => x.text)})`);
      assert.deepEqual(overlappingTexts(texts), [], `${data}: overlapping labels on the input plane`);
      const box = await page.locator('.surface-points').boundingBox();
      for (const x of texts) assert.ok(x.left >= 0 && x.right <= box.width, `${data}: "${x.text}" inside the canvas`);
      if (data === 'and') await screenshot(page, `rough-gate-axes-${options === PHONE ? 'phone' : 'desktop'}`);
      assertClean(problems);
    }
  });
}

test('a 480×360 embed: "No training yet" stays inside the loss chart\'s plot, clear of the axes', async (t) => {
  const { page, problems } = await openRecording(t, '?v=1&data=spiral&embed', { viewport: { width: 480, height: 360 } });
  for (const chart of ['#loss-chart', '#accuracy-chart']) {
    if (!(await page.locator(chart).isVisible())) continue;
    const texts = await canvasTexts(page, chart);
    const hint = texts.filter((x) => /No training yet|press Play|Step epoch/.test(x.text));
    assert.ok(hint.length > 0, `${chart}: the placeholder is drawn (${texts.map((x) => x.text)})`);
    assert.deepEqual(overlappingTexts(texts), [], `${chart}: overlapping labels`);
    // Right of every y tick label: the plot starts there.
    const yLabels = texts.filter((x) => !hint.includes(x) && x.right < 60);
    const axis = Math.max(...yLabels.map((x) => x.right));
    for (const h of hint) assert.ok(h.left > axis, `${chart}: "${h.text}" starts at ${h.left}, left of the y axis at ${axis}`);
  }
  await screenshot(page, 'rough-embed-480');
  assertClean(problems);
});

for (const [name, options] of [['1280×800', DESKTOP], ['360×740', PHONE]]) {
  test(`an 8×16 network diagram fits its panel without scrolling sideways at ${name}`, async (t) => {
    const { page, problems } = await openRecording(t, `?layers=${Array(8).fill(16).join(',')}`, options);
    const diagram = page.locator('.diagram');
    await diagram.scrollIntoViewIfNeeded();
    const { scrollWidth, clientWidth } = await diagram.evaluate((d) => ({ scrollWidth: d.scrollWidth, clientWidth: d.clientWidth }));
    assert.ok(scrollWidth <= clientWidth, `no horizontal scrolling: content ${scrollWidth} px in ${clientWidth} px`);
    const panel = await diagram.boundingBox();
    const boxes = await page.$$eval('.diagram .node, .diagram .col-head, .diagram .node-label', (els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { kind: e.className, text: e.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }));
    assert.equal(boxes.filter((b) => b.kind.startsWith('node') && !b.kind.includes('label')).length, 7 + 8 * 16 + 1);
    for (const b of boxes) {
      assert.ok(b.left >= panel.x - 0.5 && b.right <= panel.x + panel.width + 0.5, `${b.kind} "${b.text}" inside the panel: ${b.left}–${b.right} vs ${panel.x}–${panel.x + panel.width}`);
    }
    const heads = boxes.filter((b) => b.kind === 'col-head');
    assert.equal(heads.length, 10);
    assert.deepEqual(overlappingTexts(heads.map((h) => ({ ...h, text: h.text }))), [], 'column headings apart');
    const nodes = boxes.filter((b) => b.kind.startsWith('node') && !b.kind.includes('label'));
    assert.deepEqual(overlappingTexts(nodes.map((n, i) => ({ ...n, text: String(i) }))), [], 'nodes apart');
    await diagram.screenshot({ path: `${ARTIFACTS}rough-diagram-8x16-${options === PHONE ? 'phone' : 'desktop'}.png` });
    assertClean(problems);
  });
}
