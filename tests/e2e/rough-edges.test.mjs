// Rough edges a new learner hit (issue 11, item 6), each checked the way it was seen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openTestPage, screenshot, settle, startSuite } from './support.mjs';

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
