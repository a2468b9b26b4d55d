// The training monitor in the playground: stop conditions from the settings / URL pause
// training with a sentence saying why; early stopping marks the best epoch; a bouncing loss
// (learning rate 50 on spiral) is flagged with advice while a converging run is not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openTestPage, screenshot, settle, startSuite } from './support.mjs';

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

const monitor = (page) => page.evaluate(() => window.nnplay.monitor);
const note = (page) => page.locator('#monitor-note');
async function playUntilPaused(page) {
  await page.click('#play');
  await page.waitForFunction(() => window.nnplay.monitor?.stoppedAt > 0 && !document.querySelector('#play').classList.contains('running'), null, { timeout: 30000 });
  await settle(page);
}

test('stop at epoch N from the URL: training pauses at N and says so', async (t) => {
  const { page, problems } = await openTestPage(t, suite, '?data=circle&speed=max&stop=40');
  assert.equal(await page.inputValue('#stop-epoch'), '40');
  await playUntilPaused(page);
  assert.equal(await page.locator('#epoch').textContent(), '40', 'paused exactly at epoch 40');
  assert.match(await note(page).textContent(), /Stopped at epoch 40, as set\./);
  assertClean(problems);
});

// In the page, learning rate 50 on spiral pushes a weight past 1000 in the first epoch and the
// existing divergence check pauses it; 10 keeps the weights below that and only bounces.
test('a learning rate of 10 on spiral is flagged within 100 epochs, with what to try', async (t) => {
  const { page, problems } = await openTestPage(t, suite, '?data=spiral&lr=10&speed=max&stop=100');
  await playUntilPaused(page);
  const m = await monitor(page);
  assert.equal(m.trend, 'oscillating', JSON.stringify(m));
  assert.match(await note(page).textContent(), /bouncing up and down.*Lower the learning rate/);
  await screenshot(page, 'monitor-oscillation');
  assertClean(problems);
});

test('the default circle is never flagged over 1000 epochs', async (t) => {
  const { page, problems } = await openTestPage(t, suite, '?speed=max&stop=1000');
  await playUntilPaused(page);
  const m = await monitor(page);
  assert.equal(m.trend, 'healthy', JSON.stringify(m));
  assert.equal(await note(page).textContent(), 'Stopped at epoch 1000, as set.');
  assertClean(problems);
});

test('early stopping on an overfitting network says where the best epoch was', async (t) => {
  // 30 noisy training points and a large network trained with Adam: the test loss turns up.
  const { page, problems } = await openTestPage(t, suite, '?data=circle&n=60&noise=1&test=50&opt=adam&lr=0.03&layers=16:tanh,16:tanh&speed=max&patience=15&stop=3000');
  await playUntilPaused(page);
  const m = await monitor(page);
  assert.equal(m.stop, 'early_stopping', JSON.stringify(m));
  const text = await note(page).textContent();
  assert.match(text, new RegExp(`Early stopping at epoch \\d+: the test loss has not improved for 15 epochs; the best was [0-9.e-]+ at epoch ${m.bestEpoch}\\.`));
  // The settings travel in the URL.
  await page.waitForFunction(() => location.search.includes('patience=15'));
  await screenshot(page, 'monitor-early-stopping');
  assertClean(problems);
});

test('stop settings typed in the panel go to the URL; 0 turns them off', async (t) => {
  const { page, problems } = await openTestPage(t, suite, '');
  await page.fill('#stop-accuracy', '90');
  await page.press('#stop-accuracy', 'Enter');
  await page.waitForFunction(() => location.search.includes('stopacc=90'));
  await page.fill('#stop-accuracy', '0');
  await page.press('#stop-accuracy', 'Enter');
  await page.waitForFunction(() => !location.search.includes('stopacc'));
  assertClean(problems);
});
