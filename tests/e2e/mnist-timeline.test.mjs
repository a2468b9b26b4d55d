// The rewind timeline on the real-data page (mnist.html, classifier, MLP preset): three Step
// epochs fill the scrubber with three epochs; scrubbing back (arrow keys) to epoch 1 shows epoch
// 1's test accuracy and confusion matrix as the page showed them then; "Continue from here"
// drops epochs 2–3 and Undo brings epoch 3 back; the memory budget is stated; a new network
// (the CNN preset) starts an empty timeline.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, assertClean, screenshot, startSuite, watchConsole, watchRequests } from './support.mjs';

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

async function open(t, options = DESKTOP) {
  const context = await suite.browser.newContext(options);
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watchRequests(page, watchConsole(page));
  await page.goto(`${suite.url}mnist.html?view=classifier`);
  await page.waitForFunction(() => window.nnplayMnist?.ready && window.nnplayMnist.latest.classifier, null, { timeout: 30000 });
  return { page, problems };
}

/** What the classifier shows: epoch, test accuracy readout, the confusion matrix (data and cells). */
const shown = (page) => page.evaluate(() => ({
  epoch: document.querySelector('#epoch').textContent,
  accuracy: document.querySelector('#c-test-accuracy').textContent,
  confusion: Array.from(window.nnplayMnist.latest.classifier.confusion),
  cells: document.querySelector('#confusion').textContent,
  predicted: Array.from(window.nnplayMnist.latest.classifier.predicted),
}));
const timeline = (page) => page.evaluate(() => window.nnplayMnist.timeline);
const settledAt = (page, epoch) => page.waitForFunction((e) => window.nnplayMnist.settled && document.querySelector('#epoch').textContent === e
  && Math.floor(window.nnplayMnist.latest.classifier.epoch) === Number(e), String(epoch), { timeout: 20000, polling: 50 });

async function stepEpoch(page, epoch) {
  await page.locator('#step-epoch').click();
  await settledAt(page, epoch);
}

test('Fashion-MNIST classifier: scrub back to epoch 1, continue from there, undo; a new network clears the timeline', async (t) => {
  const { page, problems } = await open(t);
  const at = {};
  for (const epoch of [1, 2, 3]) {
    await stepEpoch(page, epoch);
    at[epoch] = await shown(page);
  }
  let tl = await timeline(page);
  assert.deepEqual(tl.epochs, [1, 2, 3], `the scrubber holds ${JSON.stringify(tl.epochs)}`);
  assert.equal(tl.viewing, null);
  assert.notDeepEqual(at[1].confusion, at[3].confusion, 'epochs 1 and 3 have different confusion matrices');

  // The budget is stated beside the buttons and in the scrubber's tooltip.
  assert.match(await page.locator('.timeline-memory').textContent(), /^[0-9.]+ MB of 20 MB$/);
  assert.match(await page.locator('#timeline-scrubber').getAttribute('data-tip'), /within 20 MB\. Arrow keys/);
  assert.ok(Number(await page.locator('.timeline-memory').getAttribute('data-bytes')) > 3 * 4 * 100000, 'three snapshots of > 100,000 weights');

  // Keyboard: two steps left from epoch 3.
  await page.focus('#timeline-scrubber');
  await page.keyboard.press('ArrowLeft');
  await settledAt(page, 2);
  await page.keyboard.press('ArrowLeft');
  await settledAt(page, 1);
  tl = await timeline(page);
  assert.equal(tl.viewing, 0);
  const past = await shown(page);
  assert.equal(past.accuracy, at[1].accuracy, 'epoch 1\'s test accuracy, as shown at epoch 1');
  assert.deepEqual(past.confusion, at[1].confusion, 'epoch 1\'s confusion matrix');
  assert.deepEqual(past.predicted, at[1].predicted, 'epoch 1\'s predictions on the test images');
  assert.notDeepEqual(past.confusion, at[3].confusion);
  assert.notEqual(past.cells, at[3].cells, 'the confusion matrix drawn is not epoch 3\'s');
  assert.match(await page.locator('#timeline-readout').textContent(), new RegExp(`^Showing epoch 1 \\(test accuracy ${at[1].accuracy}\\); training is paused\\.`));
  assert.equal(await page.locator('#timeline-present').isEnabled(), true);
  const chartEpochs = await page.evaluate(() => window.nnplayMnist.records.map((r) => r.epoch));
  assert.ok(chartEpochs.at(-1) >= 3, `looking back does not add to the charts (${chartEpochs})`);
  await page.locator('#timeline').scrollIntoViewIfNeeded();
  await screenshot(page, 'mnist-timeline-desktop');

  // Continue from here: epochs 2 and 3 go (the charts too); Undo brings epoch 3 back.
  await page.locator('#timeline-continue').click();
  await page.waitForFunction(() => window.nnplayMnist.timeline?.canUndo && window.nnplayMnist.timeline.viewing === null && window.nnplayMnist.settled);
  tl = await timeline(page);
  assert.deepEqual(tl.epochs, [1]);
  assert.equal(await page.locator('#epoch').textContent(), '1');
  const branched = await page.evaluate(() => window.nnplayMnist.records.map((r) => r.epoch));
  assert.ok(branched.at(-1) <= 1, `the charts dropped epochs 2–3 (${branched})`);

  await page.locator('#timeline-undo').click();
  await page.waitForFunction(() => window.nnplayMnist.timeline?.canUndo === false && window.nnplayMnist.timeline.epochs.length === 3);
  await settledAt(page, 3);
  const undone = await shown(page);
  assert.equal(undone.accuracy, at[3].accuracy, 'epoch 3\'s test accuracy again');
  assert.deepEqual(undone.confusion, at[3].confusion, 'epoch 3\'s confusion matrix again');
  assert.ok((await page.evaluate(() => window.nnplayMnist.records.at(-1).epoch)) >= 3, 'the charts have epochs 2–3 again');

  // Scrub back, then "Back to now".
  await page.focus('#timeline-scrubber');
  await page.keyboard.press('ArrowLeft');
  await settledAt(page, 2);
  await page.locator('#timeline-present').click();
  await settledAt(page, 3);
  assert.equal((await timeline(page)).viewing, null);
  assert.deepEqual((await shown(page)).confusion, at[3].confusion);

  // A new network (the architecture editor's CNN preset builds at once) has no past.
  await page.locator('#arch-preset').selectOption('cnn');
  await page.waitForFunction(() => window.nnplayMnist.ready && window.nnplayMnist.timeline?.epochs.length === 0 && document.querySelector('#epoch').textContent === '0', null, { timeout: 20000 });
  assert.equal(await page.locator('#timeline-scrubber').isDisabled(), true);
  assertClean(problems);
});

test('the timeline fits a 360 px phone', async (t) => {
  const { page, problems } = await open(t, PHONE);
  await stepEpoch(page, 1);
  await page.locator('#timeline').scrollIntoViewIfNeeded();
  const box = await page.evaluate(() => {
    const rects = [...document.querySelectorAll('#timeline input, #timeline button, #timeline output, #timeline .timeline-memory')].map((n) => n.getBoundingClientRect());
    return { right: Math.max(...rects.map((r) => r.right)), width: document.documentElement.clientWidth, rects: rects.map((r) => [r.left, r.top, r.right, r.bottom]) };
  });
  assert.ok(box.right <= box.width, `the timeline's controls end at ${box.right} px in a ${box.width} px page`);
  const overlaps = [];
  box.rects.forEach((a, i) => box.rects.slice(i + 1).forEach((b) => {
    if (a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5) overlaps.push([a, b]);
  }));
  assert.deepEqual(overlaps, [], 'no two timeline controls overlap');
  await screenshot(page, 'mnist-timeline-phone');
  assertClean(problems);
});
