// The real-data page (mnist.html) in headless Chromium: Fashion-MNIST loads with progress,
// the 784-128-64-10 classifier reaches ≥ 80 % test accuracy within 3 epochs without long
// main-thread tasks, the confusion matrix, test grid and weights render, the drawing pad
// drives the probabilities, the autoencoder's 2-D codes separate classes and the code plane
// decodes a click, models save and load, and the page works on a 360 px phone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { DESKTOP, PHONE, assertClean, recordLongTasks, screenshot, startSuite, watchConsole, watchRequests } from './support.mjs';
import { classify, reconstructionError, nearestCentroidAccuracy } from '../../web/js/worker/image-metrics.js';
import { fitLikeTheData } from '../../web/js/mnist/draw-pad.js';

describe('real-data page: measures and the pad\'s fitting (Node)', () => {
  test('classify: prediction, cross-entropy, accuracy and confusion from column-major softmax outputs', () => {
    // 3 rows × 2 classes, column-major: class 0 column then class 1 column.
    const out = Float32Array.from([0.9, 0.2, 0.6, 0.1, 0.8, 0.4]);
    const r = classify(out, 3, Uint8Array.from([0, 1, 1]), 2);
    assert.deepEqual(Array.from(r.predicted), [0, 1, 0]);
    assert.equal(r.accuracy, 2 / 3);
    assert.ok(Math.abs(r.loss - -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3) < 1e-6, `loss ${r.loss}`);
    assert.deepEqual(Array.from(r.confusion), [1, 0, 1, 1]);  // row = true class
  });

  test('reconstruction error is the mean over all pixels; codes in separate clusters give 100 %', () => {
    const inputs = new Float32Array(2 * 784).fill(0.5);
    const out = new Float32Array(2 * 784).fill(0.5);
    out[0] = 1.5;  // row 0, pixel 0 off by 1
    assert.ok(Math.abs(reconstructionError(out, 2, inputs) - 1 / (2 * 784)) < 1e-9);
    const codes = Float32Array.from([0, 0.1, 5, 5.1, 0, 0.1, 5, 5.1]);  // x then y, 4 rows
    assert.equal(nearestCentroidAccuracy(codes, 4, Uint8Array.from([0, 0, 1, 1]), 2), 1);
    assert.equal(nearestCentroidAccuracy(codes, 4, Uint8Array.from([0, 1, 0, 1]), 2), 0.5);
  });

  test('fitLikeTheData crops a small drawing, scales its longer side to 28 pixels and centres it', () => {
    const ink = new Float32Array(784);
    for (let y = 2; y < 9; y++) for (let x = 3; x < 6; x++) ink[y * 28 + x] = 1;  // 3 wide, 7 tall, top left
    const fitted = fitLikeTheData(ink);
    const rows = [], cols = [];
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) if (fitted[y * 28 + x] > 0.5) { rows.push(y); cols.push(x); }
    assert.equal(Math.min(...rows), 0);
    assert.equal(Math.max(...rows), 27);
    const centre = (Math.min(...cols) + Math.max(...cols)) / 2;
    assert.ok(Math.abs(centre - 13.5) <= 1, `centred at column ${centre}`);
    assert.ok(Math.max(...cols) - Math.min(...cols) + 1 <= 13, `width ${Math.max(...cols) - Math.min(...cols) + 1} (3/7 of 28 = 12)`);
    assert.deepEqual(Array.from(fitLikeTheData(new Float32Array(784))), new Array(784).fill(0));
  });
});

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

/** Opens mnist.html; waits until the images are loaded and the first network is ready. */
async function open(t, query = '', options = DESKTOP, { beforeLoad } = {}) {
  const context = await suite.browser.newContext({ ...options, acceptDownloads: true });
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watchRequests(page, watchConsole(page));
  await recordLongTasks(page);
  if (beforeLoad) await beforeLoad(page, context);
  const started = Date.now();
  await page.goto(`${suite.url}mnist.html${query}`);
  await page.waitForFunction(() => window.nnplayMnist?.ready && window.nnplayMnist.latest[window.nnplayMnist.view], null, { timeout: 30000 });
  return { page, problems, loadMs: Date.now() - started };
}

/** Step epoch on an untrained network; waits until epoch 1 is measured and the page has caught up. */
async function stepFirstEpoch(page) {
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await page.waitForFunction(() => window.nnplayMnist.records.at(-1)?.epoch >= 1 && window.nnplayMnist.settled, null, { timeout: 20000 });
}

/** Trains until `done(records)` holds (checked in the page) or the timeout; then pauses. */
async function trainUntil(page, done, timeout) {
  await page.getByRole('button', { name: 'Play' }).click();
  try {
    // As the playground's test: the budget window opens 300 ms after Play was pressed.
    await page.waitForTimeout(300);
    const since = await page.evaluate(() => performance.now());
    await page.waitForFunction(done, since, { timeout, polling: 100 });
  } finally {
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForFunction(() => window.nnplayMnist.settled);
  }
  return page.evaluate(() => window.nnplayMnist.records);
}


describe('real-data page (Fashion-MNIST)', () => {
  test('loads the images with a progress indicator and keeps the licence notice in view', async (t) => {
    const seen = [];
    const { page, problems, loadMs } = await open(t, '', DESKTOP, {
      beforeLoad: async (p, context) => {
        // ~30 MB/s: the 9.4 MB arrive in a few hundred milliseconds, in many pieces.
        const cdp = await context.newCDPSession(p);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 5, downloadThroughput: 30e6, uploadThroughput: -1 });
        await p.exposeFunction('__progress', (text) => seen.push(text));
        await p.addInitScript(() => {
          new MutationObserver(() => {
            const s = document.querySelector('#load-status');
            if (s) window.__progress(s.textContent);
          }).observe(document, { subtree: true, childList: true, characterData: true });
        });
      },
    });
    const percents = [...new Set(seen.map((s) => /Downloading Fashion-MNIST: (\d+) %/.exec(s)?.[1]).filter(Boolean).map(Number))];
    t.diagnostic(`loaded and ready in ${loadMs} ms; progress seen: ${percents.join(', ')} %`);
    assert.ok(percents.some((p) => p > 0 && p < 100), `no intermediate progress was shown (${percents.join(', ')})`);
    assert.equal(percents.at(-1), 100);
    assert.ok(seen.some((s) => /Preparing the network/.test(s)), 'the preparation step was not announced');
    assert.equal(await page.locator('#loading').isHidden(), true, 'the loading panel stays after loading');
    const long = await page.evaluate(() => window.__longTasks.map((e) => Math.round(e.duration)));
    t.diagnostic(`main-thread long tasks while loading: ${JSON.stringify(long)}`);
    assert.ok(long.every((d) => d < 200), `the page froze while loading: tasks of ${long.join(', ')} ms`);

    // The licence notice is visible where the images are shown, and its text is served.
    const credit = page.locator('.data-credit');
    assert.equal(await credit.isVisible(), true);
    assert.match(await credit.textContent(), /Fashion-MNIST.*Zalando SE.*MIT licence.*10,000 training and 2,000 test images/s);
    const licence = await page.request.get(`${suite.url}data/FASHION-MNIST-LICENSE.txt`);
    assert.equal(licence.status(), 200);
    assert.match(await licence.text(), /Zalando SE/);

    // Every visible control: an accessible name and a tooltip.
    const missing = await page.evaluate(() => {
      const out = [];
      for (const c of document.querySelectorAll('button, input, select, textarea, [role="button"], a.button')) {
        if (c.closest('[hidden]') || c.classList.contains('visually-hidden') || c.type === 'hidden') continue;
        const label = c.labels?.[0];
        const name = c.getAttribute('aria-label') || label?.textContent.trim() || c.textContent.trim();
        const tip = c.dataset.tip || label?.dataset.tip || c.closest('[data-tip]')?.dataset.tip;
        if (!name || !tip) out.push(`${c.tagName} #${c.id} name=${name} tip=${tip}`);
      }
      return out;
    });
    assert.deepEqual(missing, [], 'controls without a label or tooltip');
    assert.equal(await page.getByRole('link', { name: '← Playground' }).getAttribute('href'), 'index.html');
    assertClean(problems);
  });

  test('the classifier reaches ≥ 80 % test accuracy within 3 epochs, with no long task; matrix, grid and weights render', async (t) => {
    const { page, problems } = await open(t, '?view=classifier');
    assert.equal(await page.getByRole('tab', { name: 'Classifier' }).getAttribute('aria-selected'), 'true');
    const started = Date.now();
    // Until 80 % or 3 epochs, and for at least 2.5 s (the window for the long-task budget).
    const records = await trainUntil(page, (since) => {
      window.__budgetFrom = since;
      const r = window.nnplayMnist.records;
      const done = (r.some((x) => x.testAccuracy >= 0.8) || (r.at(-1)?.epoch ?? 0) >= 3) && performance.now() - since > 2500;
      if (done) window.__budgetTo = performance.now();
      return done;
    }, 40000);
    const seconds = (Date.now() - started) / 1000;
    const long = await page.evaluate(() => window.__longTasks.filter((e) => e.start >= window.__budgetFrom && e.start < window.__budgetTo).map((e) => Math.round(e.duration)));
    const reached = records.find((r) => r.testAccuracy >= 0.8);
    const best = Math.max(...records.map((r) => r.testAccuracy));
    t.diagnostic(`test accuracy ${(best * 100).toFixed(1)} % (≥ 80 % first at epoch ${reached?.epoch.toFixed(2)}), ` +
      `${records.at(-1).epoch.toFixed(2)} epochs in ${seconds.toFixed(1)} s, long tasks ${JSON.stringify(long)}`);
    assert.ok(reached, `test accuracy stayed below 80 % for 3 epochs: ${records.map((r) => `${r.epoch.toFixed(2)}:${(r.testAccuracy * 100).toFixed(1)}`).join(' ')}`);
    assert.ok(reached.epoch <= 3, `80 % first reached at epoch ${reached.epoch}`);
    assert.deepEqual(long, [], 'main-thread tasks over 50 ms while training');
    assert.ok(records.length >= 3, `the charts hold only ${records.length} records`);

    // Read-out and confusion matrix agree with the worker's measurement.
    const latest = await page.evaluate(() => {
      const e = window.nnplayMnist.latest.classifier;
      return { accuracy: e.testAccuracy, confusion: Array.from(e.confusion) };
    });
    assert.equal(await page.getByLabel('Test accuracy', { exact: true }).textContent(), `${(latest.accuracy * 100).toFixed(1)} %`);
    const cells = await page.locator('#confusion td').allTextContents();
    assert.equal(cells.length, 100);
    assert.deepEqual(cells.map(Number), latest.confusion);
    assert.equal(latest.confusion.reduce((a, b) => a + b, 0), 2000);
    const diagonal = latest.confusion.filter((_, i) => i % 11 === 0).reduce((a, b) => a + b, 0);
    assert.equal(diagonal / 2000, latest.accuracy);
    await page.locator('#confusion td').first().hover();
    assert.match(await page.locator('#confusion-detail').textContent(), /T-shirt\/top recognised correctly: \d+ of 200 test images/);

    // The test grid: 40 images with answers; mistakes framed; "mistakes" shows only mistakes.
    const items = page.locator('.test-item:not([hidden])');
    assert.equal(await items.count(), 40);
    const wrongShown = await page.locator('.test-item.wrong:not([hidden])').count();
    const wrongCaptions = await page.locator('.test-item:not([hidden]) .answer', { hasText: '✗' }).count();
    assert.equal(wrongShown, wrongCaptions, 'every mistake has a ✗ and a frame');
    await page.getByLabel('Show', { exact: true }).first().selectOption('mistakes');
    assert.equal(await page.locator('.test-item:not([hidden])').count(), Math.min(40, 2000 - diagonal));
    assert.equal(await page.locator('.test-item.wrong:not([hidden])').count(), Math.min(40, 2000 - diagonal));
    assert.equal(await page.locator('#test-count').textContent(), `${Math.min(40, 2000 - diagonal)} of ${2000 - diagonal}`);
    // A confusion cell (Shirt taken for T-shirt/top) filters the grid to its images.
    const shirtAsTop = latest.confusion[6 * 10 + 0];
    await page.locator('#confusion td[data-true="6"][data-pred="0"]').click();
    assert.equal(await page.locator('.test-item:not([hidden])').count(), Math.min(40, shirtAsTop));
    // Keyboard: arrows move through the matrix without stepping an epoch.
    await page.keyboard.press('ArrowRight');
    assert.match(await page.locator('#confusion-detail').textContent(), /^Shirt taken for Trouser/);

    // First-layer weights: 128 tiles of 28×28 (+1 px gaps), and the "what training changed" view.
    await page.locator('.weights-panel').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('#weights').width !== 300);
    const size = await page.evaluate(() => ({ w: document.querySelector('#weights').width, h: document.querySelector('#weights').height }));
    assert.equal(size.w * size.h > 0 && (size.w + 1) % 29 === 0 && (size.h + 1) % 29 === 0, true, `weights canvas ${size.w}×${size.h}`);
    assert.equal(((size.w + 1) / 29) * ((size.h + 1) / 29), 128);
    await page.getByLabel('Show', { exact: true }).last().selectOption('change');
    await screenshot(page, 'mnist-desktop-classifier');
    assertClean(problems);
  });

  test('drawing on the pad (mouse, keyboard) changes the class probabilities live', async (t) => {
    const { page, problems } = await open(t, '?view=classifier');
    await stepFirstEpoch(page);
    const pad = page.locator('#pad');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    const stroke = async (points) => {
      await page.mouse.move(box.x + box.width * points[0][0], box.y + box.height * points[0][1]);
      await page.mouse.down();
      for (const [x, y] of points.slice(1)) await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 6 });
      await page.mouse.up();
    };
    const prediction = () => page.evaluate(() => window.nnplayMnist.prediction);
    assert.equal(await prediction(), null);
    // Two legs: a pair of trousers.
    await stroke([[0.3, 0.1], [0.3, 0.95]]);
    await page.waitForFunction(() => window.nnplayMnist.prediction !== null);
    const first = await prediction();
    assert.equal(first.length, 10);
    assert.ok(Math.abs(first.reduce((a, b) => a + b, 0) - 1) < 1e-3, `probabilities sum to ${first.reduce((a, b) => a + b, 0)}`);
    await stroke([[0.3, 0.1], [0.7, 0.1], [0.7, 0.95]]);
    await page.waitForFunction((p) => JSON.stringify(window.nnplayMnist.prediction) !== JSON.stringify(p), first);
    const second = await prediction();
    const moved = Math.max(...second.map((p, i) => Math.abs(p - first[i])));
    t.diagnostic(`after stroke 1: ${top(first)}; after stroke 2: ${top(second)} (largest change ${moved.toFixed(3)})`);
    assert.ok(moved > 0.001, 'the probabilities did not change');
    // The bars show the answer.
    const best = second.indexOf(Math.max(...second));
    assert.equal(await page.locator('#probabilities li.best .name').textContent(), (await page.evaluate(() => window.nnplayMnist.classes))[best]);
    assert.match(await page.locator('#pad-status').textContent(), /^The network says: /);

    // Keyboard: the pad takes focus; Shift+arrows paint a line; Space does not start training.
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForFunction(() => document.querySelector('#probabilities .value').textContent === '–');
    await pad.focus();
    await page.keyboard.press('Space');
    for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.waitForFunction(() => window.nnplayMnist.prediction !== null && document.querySelector('#probabilities .value').textContent !== '–');
    assert.equal(await page.evaluate(() => window.nnplayMnist.running), false, 'Space on the pad started training');
    // A test image on the pad.
    const before = JSON.stringify(await prediction());
    await page.getByRole('button', { name: 'Load a test image' }).click();
    await page.waitForFunction((b) => JSON.stringify(window.nnplayMnist.prediction) !== b, before);
    assert.match(await page.locator('#pad-status').textContent(), /The network says|is on the pad/);
    await screenshot(page, 'mnist-desktop-pad');
    assertClean(problems);
  });

  test('the autoencoder (the lessons\' link) trains; its 2-D codes separate classes; a click on the plane decodes', async (t) => {
    const { page, problems } = await open(t, '?view=autoencoder');
    assert.equal(await page.getByRole('tab', { name: 'Autoencoder' }).getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('#autoencoder-view').isVisible(), true);
    const untrained = await page.evaluate(() => window.nnplayMnist.latest.autoencoder.separation);
    const started = Date.now();
    const records = await trainUntil(page, () => (window.nnplayMnist.records.at(-1)?.epoch ?? 0) >= 1, 40000);
    const s = await page.evaluate(() => {
      const e = window.nnplayMnist.latest.autoencoder;
      const labels = window.nnplayMnist.testLabels;
      const codes = e.codes, n = codes.length / 2;
      const c = Array.from({ length: 10 }, () => [0, 0, 0]);
      for (let i = 0; i < n; i++) { const k = c[labels[i]]; k[0] += codes[i]; k[1] += codes[n + i]; k[2]++; }
      for (const k of c) { k[0] /= k[2]; k[1] /= k[2]; }
      const spread = new Array(10).fill(0);
      for (let i = 0; i < n; i++) { const k = c[labels[i]]; spread[labels[i]] += (codes[i] - k[0]) ** 2 + (codes[n + i] - k[1]) ** 2; }
      for (let k = 0; k < 10; k++) spread[k] = Math.sqrt(spread[k] / c[k][2]);
      let pairs = 0, bestRatio = 0;
      for (let a = 0; a < 10; a++) {
        for (let b = a + 1; b < 10; b++) {
          const ratio = Math.hypot(c[a][0] - c[b][0], c[a][1] - c[b][1]) / Math.sqrt((spread[a] ** 2 + spread[b] ** 2) / 2);
          if (ratio > 2) pairs++;
          bestRatio = Math.max(bestRatio, ratio);
        }
      }
      // Nearest class centre, computed here (not the page's figure).
      let correct = 0;
      for (let i = 0; i < n; i++) {
        let best = 0, bestD = Infinity;
        c.forEach((k, j) => { const d = (codes[i] - k[0]) ** 2 + (codes[n + i] - k[1]) ** 2; if (d < bestD) { bestD = d; best = j; } });
        if (best === labels[i]) correct++;
      }
      return { n, pairs, bestRatio, nearest: correct / n, page: e.separation, loss: e.testLoss, trouser: c[1] };
    });
    t.diagnostic(`after ${records.at(-1).epoch.toFixed(2)} epochs (${((Date.now() - started) / 1000).toFixed(1)} s): test MSE ${s.loss.toFixed(4)}, ` +
      `nearest-centre accuracy ${(s.nearest * 100).toFixed(1)} % (untrained ${(untrained * 100).toFixed(1)} %, chance 10 %), ` +
      `${s.pairs} of 45 class pairs with centres > 2× the within-class spread apart (largest ratio ${s.bestRatio.toFixed(2)})`);
    assert.equal(s.n, 2000);
    assert.ok(s.nearest >= 0.35, `nearest-centre accuracy ${s.nearest}`);
    assert.ok(s.nearest > untrained + 0.05, `no better than the untrained codes (${untrained} → ${s.nearest})`);
    assert.ok(s.pairs >= 5, `only ${s.pairs} class pairs separated`);
    assert.ok(Math.abs(s.page - s.nearest) < 1e-9, `the page's figure ${s.page} differs from the test's ${s.nearest}`);
    assert.ok(records.at(-1).testLoss < records[0].testLoss * 0.5, `test loss ${records[0].testLoss} → ${records.at(-1).testLoss}`);

    // Click the plane at the trousers' centre: the decoded image appears (and looks like something).
    const plane = page.locator('#latent');
    await plane.scrollIntoViewIfNeeded();
    const box = await plane.boundingBox();
    const where = await page.evaluate(([x, y]) => window.nnplayMnist.codePlanePoint(x, y), s.trouser);
    await page.mouse.click(box.x + where[0], box.y + where[1]);
    await page.waitForFunction(() => window.nnplayMnist.decoded !== null);
    const decoded = await page.evaluate(() => ({ ...window.nnplayMnist.decoded, image: Array.from(window.nnplayMnist.decoded.image) }));
    const mean = decoded.image.reduce((a, b) => a + b, 0) / decoded.image.length;
    t.diagnostic(`clicked (${decoded.x.toFixed(2)}, ${decoded.y.toFixed(2)}) near the trouser centre (${s.trouser[0].toFixed(2)}, ${s.trouser[1].toFixed(2)}); mean decoded brightness ${mean.toFixed(3)}`);
    assert.ok(Math.hypot(decoded.x - s.trouser[0], decoded.y - s.trouser[1]) < 0.05 * Math.max(1, Math.abs(s.trouser[0]), Math.abs(s.trouser[1])) + 0.1, 'the decoded point is not where the click was');
    assert.equal(decoded.image.length, 784);
    assert.ok(mean > 0.03 && mean < 0.9, `decoded image mean ${mean}`);
    assert.match(await page.locator('#decoded-caption').textContent(), /Decoded from the code/);
    // Keyboard: arrows move the cross and decode again.
    await plane.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((x) => window.nnplayMnist.decoded.x > x, decoded.x);
    // The decoder's map behind the dots.
    await page.getByLabel('Show decoded images behind the dots').check();
    await page.waitForTimeout(300);
    await screenshot(page, 'mnist-desktop-autoencoder');
    assertClean(problems);
  });

  test('switching views keeps each network; a saved model loads back exactly', async (t) => {
    const { page, problems } = await open(t, '?view=classifier');
    await stepFirstEpoch(page);
    const trained = await page.evaluate(() => window.nnplayMnist.latest.classifier.testAccuracy);
    // To the autoencoder and back: the classifier comes back as it was.
    await page.getByRole('tab', { name: 'Autoencoder' }).click();
    await page.waitForFunction(() => window.nnplayMnist.ready && window.nnplayMnist.latest.autoencoder);
    assert.match(page.url(), /\?view=autoencoder$/);
    await page.getByRole('tab', { name: 'Classifier' }).click();
    await page.waitForFunction(() => window.nnplayMnist.ready && window.nnplayMnist.view === 'classifier');
    await page.waitForFunction((a) => window.nnplayMnist.latest.classifier.testAccuracy === a && window.nnplayMnist.records.length > 1, trained, { timeout: 5000 });
    assert.match(page.url(), /\?view=classifier$/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save model' }).click()]);
    const file = await download.path();
    const text = await readFile(file, 'utf8');
    const model = JSON.parse(text);
    t.diagnostic(`model file ${download.suggestedFilename()}: ${(text.length / 1e6).toFixed(2)} MB`);
    assert.equal(download.suggestedFilename(), 'nnplay-fashion-mnist-classifier.json');
    assert.equal(model.format, 'nnplay-model');
    assert.equal(model.session.customData, undefined, 'the images went into the file');
    assert.ok(text.length < 15e6, `model file of ${text.length} bytes`);

    await page.getByRole('button', { name: 'Reset' }).click();
    await page.waitForFunction((a) => window.nnplayMnist.latest.classifier.testAccuracy < 0.5 && window.nnplayMnist.latest.classifier.step === 0, trained);
    await page.setInputFiles('#model-file', file);
    await page.waitForFunction((a) => window.nnplayMnist.ready && window.nnplayMnist.latest.classifier.testAccuracy === a, trained, { timeout: 15000 });
    assert.equal(await page.locator('#epoch').textContent(), '1');
    // A file that is not a model: a clear message, the network stays.
    await page.setInputFiles('#model-file', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await page.waitForSelector('.notice-error');
    assert.match(await page.locator('.notice-error').textContent(), /notes\.json is not an nnplay model file/);
    assert.equal(await page.evaluate(() => window.nnplayMnist.latest.classifier.testAccuracy), trained);
    assertClean(problems);
  });

  test('phone (360 px): one column, no sideways scrolling; a tap paints; both views fit', async (t) => {
    const { page, problems } = await open(t, '?view=classifier', PHONE);
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.equal(await fits(), true, 'the page scrolls sideways');
    for (const name of ['Play', 'Step epoch', 'Reset']) assert.equal(await page.getByRole('button', { name, exact: true }).isVisible(), true, name);
    const pad = page.locator('#pad');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    assert.ok(box.width >= 240, `the pad is ${box.width} px wide`);
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => window.nnplayMnist.prediction !== null);
    const table = await page.locator('#confusion table').boundingBox();
    assert.ok(table.width <= 344, `the confusion matrix is ${table.width} px wide`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'mnist-phone-classifier');
    await page.getByRole('tab', { name: 'Autoencoder' }).click();
    await page.waitForFunction(() => window.nnplayMnist.ready && window.nnplayMnist.view === 'autoencoder' && window.nnplayMnist.latest.autoencoder);
    assert.equal(await fits(), true, 'the autoencoder view scrolls sideways');
    const plane = await page.locator('#latent').boundingBox();
    assert.ok(plane.width >= 300, `the code plane is ${plane.width} px wide`);
    await screenshot(page, 'mnist-phone-autoencoder');
    assertClean(problems);
  });

  test('an unknown view in the link falls back to the classifier with a notice', async (t) => {
    const { page, problems } = await open(t, '?view=digits');
    assert.equal(await page.evaluate(() => window.nnplayMnist.view), 'classifier');
    assert.match(await page.locator('.notice-warning').textContent(), /view "digits", which does not exist/);
    assertClean(problems);
  });
});

function top(p) {
  const i = p.indexOf(Math.max(...p));
  return `class ${i} at ${(p[i] * 100).toFixed(1)} %`;
}
