// The playground page in headless Chromium: training controls, data editing, network and
// settings changes reaching the engine, sharing, divergence, keyboard and phone use.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, assertClean, openTestPage, screenshot, settle, startSuite, surfaceHash, text, waitForFrames } from './support.mjs';

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

/** Opens a page for one test; closes it at the end (the test asserts it stayed clean). */
const open = (t, query = '', options = DESKTOP) => openTestPage(t, suite, query, options);

const number = (s) => Number(String(s).replace(/[^\d.eE+-]/g, ''));

describe('playground page', () => {
  test('loads with named controls, labels and tooltips on every control', async (t) => {
    const { page, problems } = await open(t);
    assert.equal(await page.title(), 'nnplay — a neural network playground');
    for (const name of ['Play', 'Step epoch', 'Step batch', 'Reset', 'Share']) {
      assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, `button "${name}"`);
    }
    assert.equal(await page.getByLabel('Epoch', { exact: true }).textContent(), '0');
    assert.match(await page.getByLabel('Training loss', { exact: true }).textContent(), /^\d/);
    assert.match(await page.getByLabel('Test loss', { exact: true }).textContent(), /^\d/);
    // Every visible control: an accessible name and a tooltip (data-tip on it or its label).
    const missing = await page.evaluate(() => {
      const out = [];
      for (const c of document.querySelectorAll('button, input, select, textarea, [role="button"]')) {
        if (c.closest('[hidden]') || c.classList.contains('visually-hidden') || c.type === 'hidden') continue;
        const label = c.labels?.[0];
        const name = c.getAttribute('aria-label') || label?.textContent.trim() || c.textContent.trim()
          || (c.getAttribute('aria-labelledby') && document.getElementById(c.getAttribute('aria-labelledby'))?.textContent);
        const tip = c.dataset.tip || label?.dataset.tip || c.closest('[data-tip]')?.dataset.tip || c.querySelector('option:checked')?.title;
        if (!name || !tip) out.push(`${c.tagName} #${c.id} name=${name} tip=${tip}`);
      }
      return out;
    });
    assert.deepEqual(missing, [], 'controls without a label or tooltip');
    assert.equal(await page.locator('link[rel="icon"]').getAttribute('href'), 'data:,');
    await screenshot(page, 'desktop-initial');
    assertClean(problems);
  });

  test('Step epoch advances the counter to 1 and changes the surface', async (t) => {
    const { page, problems } = await open(t);
    const before = await surfaceHash(page);
    await page.getByRole('button', { name: 'Step epoch' }).click();
    await page.waitForFunction(() => document.querySelector('#epoch').textContent === '1');
    await settle(page);
    assert.notEqual(await surfaceHash(page), before, 'the surface pixels did not change');
    await page.getByRole('button', { name: 'Step batch' }).click();
    await page.waitForFunction(() => /batch 1 of/.test(document.querySelector('#batch-progress').textContent));
    assert.equal(await page.getByLabel('Epoch', { exact: true }).textContent(), '1');
    assertClean(problems);
  });

  test('Play for two seconds on the circle lowers the training loss', async (t) => {
    const { page, problems } = await open(t, '?v=1&data=circle');
    const start = number(await text(page, '#train-loss'));
    await page.getByRole('button', { name: 'Play' }).click();
    assert.equal(await page.getByRole('button', { name: 'Pause' }).count(), 1, 'Play should become Pause');
    await page.waitForTimeout(2000);
    await page.getByRole('button', { name: 'Pause' }).click();
    await settle(page);
    const end = number(await text(page, '#train-loss'));
    const epochs = number(await text(page, '#epoch'));
    assert.ok(end < start * 0.7, `training loss ${start} → ${end} after ${epochs} epochs`);
    assert.ok(epochs >= 60, `only ${epochs} epochs in 2 s at 60 epochs/s`);
    const history = await page.evaluate(() => window.nnplay.history.length);
    assert.ok(history > 20, `the charts hold ${history} records`);
    await screenshot(page, 'desktop-trained-circle');
    assertClean(problems);
  });

  test('dataset, layers, activation and optimizer changes reach the engine', async (t) => {
    const { page, problems } = await open(t);
    await page.getByRole('button', { name: 'Spiral', exact: true }).click();
    await page.getByRole('button', { name: '+ Add layer' }).click();
    await page.getByRole('button', { name: 'Add a neuron to layer 1' }).click();
    await page.getByLabel('Activation of layer 2').selectOption('relu');
    await page.getByLabel('Optimizer').selectOption('adam');
    await page.waitForFunction(() => window.nnplay.structure?.neuronLayers.length === 4
      && window.nnplay.structure.optimizerSlots.includes('second_moment'));
    const s = await page.evaluate(() => window.nnplay.structure);
    assert.deepEqual(s.neuronLayers.map((l) => [l.units, l.activation]), [[5, 'tanh'], [2, 'relu'], [2, 'tanh'], [1, 'sigmoid']]);
    assert.equal(await page.getByRole('button', { name: 'Spiral', exact: true }).getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('#opt-beta1').isVisible(), true, 'Adam shows β₁');
    assert.match(await text(page, '.col-head:nth-of-type(3)'), /relu/);
    // Bad input: a message in the page, the previous value kept.
    const rate = page.getByLabel('Learning rate η');
    await rate.fill('-1');
    await rate.press('Enter');
    assert.match(await text(page, '#learning-rate-error'), /Learning rate: "-1" is out of range/);
    await rate.fill('NaN');
    await rate.press('Enter');
    assert.match(await text(page, '#learning-rate-error'), /not a number/);
    assert.equal(await page.evaluate(() => window.nnplay.state.optimizer.learningRate), 0.03);
    assertClean(problems);
  });

  test('clicking the surface adds a point; a CSV with a bad row reports its line', async (t) => {
    const { page, problems } = await open(t);
    const box = await page.locator('.surface-points').boundingBox();
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.3);
    await page.waitForFunction(() => window.nnplay.structure.trainSize + window.nnplay.structure.testSize === 301);
    assert.match(await text(page, '.editor .hint[aria-live]'), /301 custom points/);
    await page.getByText('Paste CSV').click();
    await page.getByLabel('CSV text (x1,x2,label per line)').fill('x1,x2,label\n1,2,0\n3,oops,1\n-1,-2,1\n0.5,0.5,0\n2,2,1\n');
    await page.getByRole('button', { name: 'Import pasted CSV' }).click();
    const notice = page.locator('[data-notice="csv"]');
    await notice.waitFor();
    assert.match(await notice.textContent(), /Imported 4 points/);
    assert.match(await notice.textContent(), /line 3: "oops" \(x2\) is not a number/);
    await page.waitForFunction(() => window.nnplay.structure.trainSize + window.nnplay.structure.testSize === 4);
    assertClean(problems);
  });

  test('the Share link opens the same configuration in a new page', async (t) => {
    const { page, problems } = await open(t);
    await page.getByRole('button', { name: 'XOR', exact: true }).click();
    await page.getByLabel('Learning rate η').fill('0.1');
    await page.getByLabel('Learning rate η').press('Enter');
    await page.getByRole('button', { name: 'Add a neuron to layer 2' }).click();
    await page.getByRole('button', { name: 'Input x₁²' }).click();
    await page.getByLabel('Discretize').check();
    const box = await page.locator('.surface-points').boundingBox();
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.2, { modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Share' }).click();
    const link = await page.locator('#share-link').inputValue();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/\?v=1&/);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    const original = await page.evaluate(() => JSON.stringify(window.nnplay.state, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v, (x) => Math.round(x * 1000)) : v)));
    const other = await open(t, link.slice(suite.url.length));
    const copy = await other.page.evaluate(() => JSON.stringify(window.nnplay.state, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v, (x) => Math.round(x * 1000)) : v)));
    assert.equal(copy, original);
    assert.equal(await other.page.locator('.notice').count(), 0, 'a valid link gives no notice');
    // The address bar follows the configuration too (a reload keeps the work).
    await page.waitForFunction(() => /[?&]lr=0\.1(&|$)/.test(location.search));
    assertClean(problems);
    assertClean(other.problems);
  });

  test('a malformed link opens with defaults and says what was ignored', async (t) => {
    const { page, problems } = await open(t, '?v=1&lr=abc&layers=0:tanh&bogus=1&pts=@@&data=circle');
    const notices = await page.locator('.notice').allTextContents();
    const all = notices.join('\n');
    assert.match(all, /"lr" was ignored.*not a number/);
    assert.match(all, /"layers" was ignored/);
    assert.match(all, /"bogus" is unknown/);
    assert.match(all, /custom points could not be read/);
    assert.equal(await page.evaluate(() => window.nnplay.state.optimizer.learningRate), 0.03);
    await page.getByRole('button', { name: 'Step epoch' }).click();
    await page.waitForFunction(() => document.querySelector('#epoch').textContent === '1');
    assertClean(problems);
  });

  test('a diverging run pauses with an explanation and can be restored', async (t) => {
    const { page, problems } = await open(t, '?v=1&data=spiral&layers=4:relu,2:relu&lr=10');
    await page.getByRole('button', { name: 'Play' }).click();
    const notice = page.locator('[data-notice="diverged"]');
    await notice.waitFor({ timeout: 8000 });
    assert.match(await notice.textContent(), /Training diverged/);
    assert.match(await notice.textContent(), /[Ll]ower the learning rate/);
    await page.getByRole('button', { name: 'Play' }).waitFor();
    await screenshot(page, 'desktop-diverged');
    const restore = notice.getByRole('button', { name: /Lower learning rate to 1 and restore|Reset network/ }).first();
    await restore.click();
    await settle(page);
    assert.ok(Number.isFinite(number(await text(page, '#train-loss'))), 'a finite loss after recovering');
    assertClean(problems);
  });

  test('keyboard: Space, arrows and R drive training; typing does not', async (t) => {
    const { page, problems } = await open(t);
    await page.locator('body').click({ position: { x: 5, y: 790 } });
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('#epoch').textContent === '1');
    await page.keyboard.press('Shift+ArrowRight');
    await page.waitForFunction(() => /batch 1 of/.test(document.querySelector('#batch-progress').textContent));
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Play' }).waitFor();
    await page.keyboard.press('r');
    await page.waitForFunction(() => document.querySelector('#epoch').textContent === '0');
    // In a text field, R is a letter and Space a space.
    const rate = page.getByLabel('Learning rate η');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('#epoch').textContent === '1');
    await rate.focus();
    await page.keyboard.press('r');
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    assert.equal(await text(page, '#epoch'), '1');
    assert.equal(await page.getByRole('button', { name: 'Play' }).count(), 1);
    // Tab reaches the controls with a visible focus ring.
    await page.locator('body').click({ position: { x: 5, y: 790 } });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(ring, 'none', 'the focused control shows an outline');
    // A neuron shown large on focus.
    await page.getByRole('button', { name: 'Layer 1, neuron 1' }).focus();
    assert.match(await text(page, '.surface-caption'), /layer 1, neuron 1/);
    assertClean(problems);
  });

  test('a weight can be read and edited from the diagram', async (t) => {
    const { page, problems } = await open(t);
    await page.getByRole('button', { name: 'Layer 1, neuron 2' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const input = dialog.getByLabel('Weight from input x₁');
    assert.match(await input.inputValue(), /^-?\d/);
    await input.fill('2.5');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await settle(page);
    await page.getByRole('button', { name: 'Layer 1, neuron 2' }).click();
    assert.equal(await page.getByRole('dialog').getByLabel('Weight from input x₁').inputValue(), '2.5');
    await page.keyboard.press('Escape');
    assertClean(problems);
  });
});

describe('model files and failures', () => {
  test('a saved model loads back with its weights; a malformed file is refused', async (t) => {
    const { page, problems } = await open(t, '?v=1&data=moons&layers=5:relu');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => Number(document.querySelector('#epoch').textContent) >= 20);
    await page.getByRole('button', { name: 'Pause' }).click();
    await settle(page);
    const saved = { epoch: await text(page, '#epoch'), loss: await text(page, '#train-loss') };
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save model' }).click()]);
    const model = await download.path().then((p) => import('node:fs/promises').then((fs) => fs.readFile(p)));
    await page.getByRole('button', { name: 'Circle', exact: true }).click();
    await page.locator('#model-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"nnplay-model","version":1,"network":3}') });
    const notice = page.locator('[data-notice="model"]');
    await notice.waitFor();
    assert.match(await notice.textContent(), /could not be loaded.*network.*Nothing was changed/s);
    assert.equal(await page.evaluate(() => window.nnplay.state.data.kind), 'circle');
    await page.locator('#model-file').setInputFiles({ name: 'moons.json', mimeType: 'application/json', buffer: model });
    await page.waitForFunction(() => window.nnplay.state.data.kind === 'moons');
    await settle(page);
    assert.deepEqual({ epoch: await text(page, '#epoch'), loss: await text(page, '#train-loss') }, saved);
    assert.deepEqual(await page.evaluate(() => window.nnplay.state.network.hidden.map((h) => [h.units, h.activation])), [[5, 'relu']]);
    assertClean(problems);
  });

  test('an engine that cannot load gives a message, not a frozen page', async (t) => {
    const context = await suite.browser.newContext(DESKTOP);
    t.after(() => context.close());
    await context.route('**/engine.wasm', (route) => route.fulfill({ status: 404, body: 'missing' }));
    const page = await context.newPage();
    await page.goto(suite.url);
    const notice = page.locator('[data-notice="fatal"]');
    await notice.waitFor({ timeout: 8000 });
    assert.match(await notice.textContent(), /engine could not be loaded.*Reload/s);
    await page.getByRole('button', { name: 'Play' }).click();
    assert.equal(await page.getByRole('button', { name: 'Play' }).count(), 1, 'Play stays Play');
  });
});

describe('phone and performance', () => {
  test('works on a 360×740 touch screen', async (t) => {
    const { page, problems } = await open(t, '', PHONE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    // The header's tools must not cover the training controls (they fold into "More").
    const rows = await page.evaluate(() => {
      const box = (el) => el.getBoundingClientRect();
      const tools = [...document.querySelectorAll('.tools > *, .tools-menu > *')]
        .filter((el) => el.getClientRects().length > 0).map(box);
      const controls = [...document.querySelectorAll('#toolbar button')].map(box);
      const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      return tools.flatMap((a) => controls.filter((b) => overlaps(a, b))).length;
    });
    assert.equal(rows, 0, 'header tools overlap the Play/Step/Reset buttons');
    assert.equal(await page.locator('#export').isVisible(), false, 'Export folds into the More menu');
    await page.getByRole('button', { name: 'More ▾' }).tap();
    await page.locator('#export').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.locator('#export').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Play' }).tap();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await page.waitForTimeout(600);
    await page.getByRole('button', { name: 'Pause' }).tap();
    const box = await page.locator('.surface-points').boundingBox();
    await page.touchscreen.tap(box.x + box.width * 0.6, box.y + box.height * 0.4);
    await page.waitForFunction(() => window.nnplay.structure.trainSize + window.nnplay.structure.testSize === 301);
    await screenshot(page, 'phone-top');
    await page.locator('#network-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-network');
    assertClean(problems);
  });

  test('training the default network on the spiral: no long task, ≥ 30 surface updates/s', async (t) => {
    const { page, problems } = await open(t, '?v=1&data=spiral');
    await page.waitForTimeout(300);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(300);
    const result = await page.evaluate(() => new Promise((resolve) => {
      const t0 = performance.now();
      const frames0 = window.nnplay.surfaceFrames;
      setTimeout(() => {
        const seconds = (performance.now() - t0) / 1000;
        resolve({
          rate: (window.nnplay.surfaceFrames - frames0) / seconds,
          long: window.__longTasks.filter((e) => e.start >= t0).map((e) => Math.round(e.duration)),
          epochs: Number(document.querySelector('#epoch').textContent),
        });
      }, 2500);
    }));
    t.diagnostic(`surface updates ${result.rate.toFixed(1)}/s, long tasks ${JSON.stringify(result.long)}, epoch ${result.epochs}`);
    assert.deepEqual(result.long, [], 'main-thread tasks over 50 ms while training');
    assert.ok(result.rate >= 30, `the surface updated ${result.rate.toFixed(1)} times per second`);
    assertClean(problems);
  });
});
