// The real-data page with convolutional networks (issue 12): the editable layer list (presets,
// add/remove/reorder by keyboard, shapes after each layer, impossible shapes refused with the
// layer named and nothing changed, the architecture in the address), queued Step-epoch clicks,
// the tap feedback on a phone, the learned filters and the feature maps of a clicked test
// image, and — with a fixed seed — the small CNN reaching ≥ 87.5 % test accuracy and beating
// the MLP after the same number of epochs (both figures and the seconds per epoch reported).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { DESKTOP, PHONE, assertClean, recordLongTasks, screenshot, startSuite, watchConsole, watchRequests } from './support.mjs';

// Both networks: Adam, learning rate 0.003, batch 64, seed 1, the same EPOCHS. Measured with the
// native CLI on the same images (another batch order): the small CNN reaches 87.2 % after 3
// epochs and 88.1 % after 7–8 at this learning rate (87.4–87.6 % after 7–8 at 0.001).
const EPOCHS = Number(process.env.NNPLAY_CNN_EPOCHS ?? 8);
const LEARNING_RATE = '0.003';

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

async function open(t, query = '', options = DESKTOP) {
  const context = await suite.browser.newContext({ ...options, acceptDownloads: true });
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watchRequests(page, watchConsole(page));
  await recordLongTasks(page);
  await page.goto(`${suite.url}mnist.html${query}`);
  await page.waitForFunction(() => window.nnplayMnist?.ready && window.nnplayMnist.latest[window.nnplayMnist.view], null, { timeout: 60000 });
  return { page, problems };
}

const shapes = (page) => page.locator('#arch-list .arch-shape').allTextContents();

describe('real-data page: convolutional networks', () => {
  test('the layer list: presets, shapes, keyboard editing, refused shapes, Build and the address', async (t) => {
    const { page, problems } = await open(t, '?view=classifier');
    assert.equal(await page.locator('#arch-preset').inputValue(), 'mlp');
    assert.deepEqual(await shapes(page), ['→ 1×28×28', '→ 128', '→ 64', '→ 10']);
    assert.equal(await page.locator('#weights-panel').isVisible(), true);

    // The small CNN preset builds at once: conv 5×5×8 → pool 2 → conv 5×5×16 → pool 2 → dense 10.
    await page.locator('#arch-preset').selectOption('cnn');
    await page.waitForFunction(() => window.nnplayMnist.ready && window.nnplayMnist.architecture.some((l) => l.kind === 'conv'));
    assert.deepEqual(await shapes(page), ['→ 1×28×28', '→ 8×28×28', '→ 8×14×14', '→ 16×14×14', '→ 16×7×7', '→ 10']);
    assert.match(page.url(), /[?&]arch=cnn/);
    assert.match(await page.locator('#c-network-line').textContent(), /11,274 weights and biases/);
    assert.equal(await page.locator('#filters-panel').isVisible(), true);
    assert.equal(await page.locator('#weights-panel').isVisible(), false);

    // Keyboard: a valid 5×5 conv at the end of 1×28 → … → 16×7×7 fits; one more pool
    // (3×3) and it does not: the row is marked, the message names the layer, Build is off.
    const add = async (kind) => {
      await page.locator('#arch-add-kind').selectOption(kind);
      await page.locator('#arch-add').focus();
      await page.keyboard.press('Enter');
    };
    await add('pool');
    assert.equal((await shapes(page))[5], '→ 16×3×3');
    await add('conv');
    await page.locator('#arch-5-padding').selectOption('valid');
    assert.equal((await shapes(page))[6], '→ ✗');
    assert.match(await page.locator('#arch-message').textContent(), /Layer 6 \(Conv\): a 5×5 valid convolution does not fit a 3×3 input/);
    assert.equal(await page.locator('.arch-row.refused').count(), 1);
    assert.equal(await page.locator('#arch-build').isDisabled(), true);
    assert.match(page.url(), /[?&]arch=cnn/, 'nothing changed while the list is wrong');
    // Kernel 3 fits the 3×3 map; then reorder with the keyboard: move the new conv up.
    await page.locator('#arch-5-kernel').fill('3');
    await page.locator('#arch-5-kernel').press('Enter');
    await page.locator('#arch-5-kernel').blur();
    assert.equal((await shapes(page))[6], '→ 8×1×1');
    await page.getByRole('button', { name: 'Move layer 6 up' }).focus();
    await page.keyboard.press('Enter');
    assert.equal((await shapes(page))[5], '→ 8×5×5', 'the 3×3 valid conv now sees the 7×7 map');
    // Remove both additions with the keyboard: back to the preset.
    await page.getByRole('button', { name: 'Remove layer 6' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Remove layer 5' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#arch-preset').inputValue(), 'cnn');

    // A custom network: Dense 32 after the CNN; Build rebuilds and writes it to the address.
    await add('dense');
    await page.locator('#arch-4-units').fill('32');
    await page.locator('#arch-4-units').press('Enter');
    await page.locator('#arch-4-units').blur();
    assert.equal((await shapes(page))[5], '→ 32');
    await page.locator('#arch-build').click();
    await page.waitForFunction(() => window.nnplayMnist.ready && window.nnplayMnist.architecture.length === 5);
    assert.match(page.url(), /arch=c8k5_m2_c16k5_m2_d32/);
    assert.match(await page.locator('#c-network-line').textContent(), /5 layers/);
    await screenshot(page, 'mnist-cnn-architecture-desktop');

    // A link with an impossible architecture falls back with a notice naming the layer.
    const other = await open(t, '?arch=c4k5v_m2_m2_m2_c4k5v');
    assert.match(await other.page.locator('.notice-warning').textContent(), /layer 5 \(Conv\): a 5×5 valid convolution does not fit a 3×3 input/);
    assert.equal(await other.page.locator('#arch-preset').inputValue(), 'mlp');
    assertClean(problems);
    assertClean(other.problems);
  });

  test('the CNN lesson: parameter counts side by side, preset buttons, the measured table fills', async (t) => {
    const { page, problems } = await open(t, '?view=classifier&lesson=cnn');
    const lesson = page.locator('#cnn-lesson');
    assert.equal(await lesson.isVisible(), true);
    assert.match(await lesson.locator('.lesson-counts').textContent(), /MLP 784-128-64-10109,386small CNN11,274/);
    assert.match(await lesson.textContent(), /100,480.*208/s);
    await lesson.getByRole('button', { name: 'Use the small CNN' }).click();
    await page.waitForFunction(() => window.nnplayMnist.ready && window.nnplayMnist.architecture.some((l) => l.kind === 'conv'));
    assert.match(page.url(), /lesson=cnn/);
    await page.locator('#step-epoch').click();
    await page.waitForFunction(() => document.querySelectorAll('#cnn-lesson .lesson-results tbody tr').length === 1, null, { timeout: 180000 });
    assert.match(await lesson.locator('.lesson-results tbody').textContent(), /small CNN1\d+\.\d %\d+\.\d/);
    await screenshot(page, 'mnist-cnn-lesson');
    assertClean(problems);
  });

  test('a CNN model saves and loads through the page with its layers; a wrong conv kernel is refused', async (t) => {
    const { page, problems } = await open(t, '?view=classifier&arch=c4k3_m2');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save model' }).click()]);
    const text = await readFile(await download.path(), 'utf8');
    const model = JSON.parse(text);
    assert.deepEqual(model.session.fashionMnist.architecture, [
      { kind: 'conv', filters: 4, kernel: 3, stride: 1, padding: 'same', activation: 'relu' }, { kind: 'pool', size: 2, type: 'max' }]);
    assert.deepEqual(model.network.inputShape, [1, 28, 28]);
    const weights = model.parameters.slice(0, 36);
    // Another architecture, then the file: the list, the address and the weights come back.
    await page.locator('#arch-preset').selectOption('mlp');
    await page.waitForFunction(() => window.nnplayMnist.ready && !window.nnplayMnist.architecture.some((l) => l.kind === 'conv'));
    await page.setInputFiles('#model-file', { name: 'cnn.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForFunction(() => window.nnplayMnist.ready && window.nnplayMnist.architecture.some((l) => l.kind === 'conv'), null, { timeout: 60000 });
    assert.deepEqual(await shapes(page), ['→ 1×28×28', '→ 4×28×28', '→ 4×14×14', '→ 10']);
    assert.match(page.url(), /arch=c4k3_m2/);
    // A file whose conv kernel does not match its weights: a clear error, the network stays.
    const bad = structuredClone(model);
    bad.network.layers[0].kernel = 5;
    bad.session.config.network.layers[0].kernel = 5;
    await page.setInputFiles('#model-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await page.waitForSelector('.notice-error');
    assert.match(await page.locator('.notice-error').textContent(), /parameters has 7890 values but the network needs 7954/);
    assert.deepEqual(await shapes(page), ['→ 1×28×28', '→ 4×28×28', '→ 4×14×14', '→ 10']);
    const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save model' }).click()]);
    assert.deepEqual(JSON.parse(await readFile(await again.path(), 'utf8')).parameters.slice(0, 36), weights);
    assertClean(problems);
  });

  test('quick Step-epoch clicks queue up and the button says how many are left', async (t) => {
    const { page, problems } = await open(t, '?view=classifier');
    const step = page.locator('#step-epoch');
    // Both clicks and the reading of the label in one task, so the first epoch cannot finish
    // between them (an MLP epoch can be quicker than a Playwright round trip).
    const label = await step.evaluate((button) => { button.click(); button.click(); return button.textContent; });
    assert.match(label, /Step epoch \(2 to go\)/);
    await page.waitForFunction(() => Number(document.querySelector('#epoch').textContent) >= 2 && window.nnplayMnist.settled, null, { timeout: 120000 });
    assert.equal(await page.locator('#epoch').textContent(), '2', 'both clicks were trained, one epoch each');
    assert.equal((await step.textContent()).trim(), '»Step epoch');
    assertClean(problems);
  });

  test('phone: a tap on the pad says it added a dot; the CNN views fit 360 px', async (t) => {
    const { page, problems } = await open(t, '?view=classifier&arch=cnn', PHONE);
    const pad = page.locator('#pad');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => /added a dot/i.test(document.querySelector('#pad-status').textContent));
    await page.waitForFunction(() => window.nnplayMnist.featureMaps?.length === 4);
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.equal(fits, true, 'the page scrolls sideways');
    await page.locator('#arch-list').scrollIntoViewIfNeeded();
    await screenshot(page, 'mnist-cnn-phone-architecture');
    await page.locator('#feature-maps').scrollIntoViewIfNeeded();
    await screenshot(page, 'mnist-cnn-phone-maps');
    assertClean(problems);
  });

  test(`fixed seed: the small CNN reaches ≥ 87.5 % and beats the MLP after ${EPOCHS} epochs; filters and feature maps show`, async (t) => {
    const results = {};
    for (const arch of ['cnn', 'mlp']) {
      const { page, problems } = await open(t, `?view=classifier&arch=${arch}`);
      const load = [];
      const started = Date.now();
      await page.locator('#c-learning-rate').selectOption(LEARNING_RATE);
      await page.waitForFunction(() => window.nnplayMnist.settled);
      // The page's own frame rate while it trains: requestAnimationFrame callbacks counted.
      const budgetFrom = await page.evaluate(() => {
        window.__animationFrames = 0;
        const count = () => { window.__animationFrames++; if (!window.__stopCounting) requestAnimationFrame(count); };
        requestAnimationFrame(count);
        return performance.now();
      });
      for (let i = 0; i < EPOCHS; i++) await page.locator('#step-epoch').click();
      const timer = setInterval(() => load.push(loadavg()[0]), 1000);
      try {
        await page.waitForFunction((n) => window.nnplayMnist.records.at(-1)?.epoch >= n && window.nnplayMnist.settled, EPOCHS, { timeout: EPOCHS * 120000, polling: 250 });
      } finally {
        clearInterval(timer);
      }
      const seconds = (Date.now() - started) / 1000;
      const info = await page.evaluate((from) => ({
        fps: (window.__stopCounting = true, (1000 * window.__animationFrames) / (performance.now() - from)),
        records: window.nnplayMnist.records,
        long: window.__longTasks.filter((e) => e.start >= from).map((e) => Math.round(e.duration)),
      }), budgetFrom);
      const last = info.records.at(-1);
      results[arch] = { accuracy: last.testAccuracy, secondsPerEpoch: seconds / EPOCHS, long: info.long, load: load.length ? Math.max(...load) : loadavg()[0] };
      t.diagnostic(`${arch}: test accuracy ${(last.testAccuracy * 100).toFixed(2)} % after ${EPOCHS} epochs, ` +
        `${(seconds / EPOCHS).toFixed(1)} s per epoch, page ${info.fps.toFixed(0)} frames/s, main-thread tasks > 50 ms: ${JSON.stringify(info.long)}, load average up to ${results[arch].load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores`);
      if (arch === 'cnn') {
        // The filters of both conv layers, and the feature maps of a clicked test image.
        await page.locator('#filters').scrollIntoViewIfNeeded();
        assert.equal(await page.locator('#filters canvas').count(), 2);
        const size = await page.evaluate(() => [...document.querySelectorAll('#filters canvas')].map((c) => [c.width, c.height]));
        assert.deepEqual(size, [[8 * 6 - 1, 5], [8 * 6 - 1, 16 * 6 - 1]]);
        await page.locator('.test-item').first().click();
        await page.waitForFunction(() => window.nnplayMnist.featureMaps?.length === 4 && document.querySelectorAll('#feature-maps canvas').length === 4 &&
          /^Feature maps of test image/.test(document.querySelector('#maps-caption').textContent));
        assert.deepEqual(await page.evaluate(() => window.nnplayMnist.featureMaps.map((m) => m.shape.join('×'))), ['8×28×28', '8×14×14', '16×14×14', '16×7×7']);
        assert.equal(await page.locator('#feature-maps canvas').count(), 4);
        await page.locator('#feature-maps').scrollIntoViewIfNeeded();
        await screenshot(page, 'mnist-cnn-desktop-maps');
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, 'mnist-cnn-desktop');
      }
      assertClean(problems);
      await page.context().close();
    }
    t.diagnostic(`RESULT small CNN ${(results.cnn.accuracy * 100).toFixed(2)} % vs MLP ${(results.mlp.accuracy * 100).toFixed(2)} % after ${EPOCHS} epochs; ` +
      `${results.cnn.secondsPerEpoch.toFixed(1)} s vs ${results.mlp.secondsPerEpoch.toFixed(1)} s per epoch`);
    assert.ok(results.cnn.accuracy >= 0.875, `the small CNN reached ${(results.cnn.accuracy * 100).toFixed(2)} %`);
    assert.ok(results.cnn.accuracy > results.mlp.accuracy, 'the CNN did not beat the MLP');
    // Long tasks and seconds per epoch are reported above (the machine is shared; see the load).
  });
});
