// The lessons in headless Chromium: each opens by its URL, runs for a bounded time and must
// show the phenomenon it teaches (AND converges, XOR does not, the MLP solves XOR, the
// comparisons order as expected, batch norm speeds training up, the autoencoder link works).
// The numbers for seed 1 were measured with the native CLI (`nnplay compare`); the checks
// leave room around them. Every failure message states the numbers seen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, assertClean, openPage, openTestPage, screenshot, startSuite, watchConsole, watchRequests } from './support.mjs';
import { LESSONS } from '../../web/js/lessons/lesson-catalog.js';
import { RULES } from '../../web/js/ground/rules.js';
import { PageMode } from '../../web/js/lessons/page-mode.js';

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

const open = (t, query, options = DESKTOP) => openTestPage(t, suite, query, options);

const number = (s) => Number(String(s).replace(/[^\d.eE+-]/g, '').replace(/^$/, 'NaN'));

/** Controls without a label or tooltip (the playground's own check, over visible controls). */
async function unlabelledControls(page) {
  return page.evaluate(() => {
    const out = [];
    for (const c of document.querySelectorAll('button, input, select, textarea, [role="button"], a[href]')) {
      if (!c.checkVisibility() || c.matches('.visually-hidden, .skip-link') || c.type === 'hidden') continue;
      const label = c.labels?.[0];
      const name = c.getAttribute('aria-label') || label?.textContent.trim() || c.textContent.trim();
      const tip = c.dataset.tip || label?.dataset.tip || c.closest('[data-tip]')?.dataset.tip || c.querySelector('option:checked')?.title;
      if (!name || !tip) out.push(`${c.tagName} #${c.id} "${name}" tip=${tip}`);
    }
    return out;
  });
}

// ---- perceptron ----

async function perceptronReady(page) {
  await page.waitForFunction(() => document.querySelector('#perceptron-status')?.dataset.epoch !== undefined, null, { timeout: 10000 });
}
const perceptronStatus = (page) => page.locator('#perceptron-status').evaluate((n) => ({ ...n.dataset, text: n.textContent }));
const weights = (page) => page.locator('[data-weights]').getAttribute('data-weights').then((w) => w.split(',').map(Number));
const planeHash = (page) => page.evaluate(() => {
  const d = document.querySelector('.perceptron-canvas').toDataURL();
  let h = 0;
  for (let i = 0; i < d.length; i++) h = (h * 31 + d.charCodeAt(i)) | 0;
  return h;
});

// ---- compare ----

/** Max speed, Run, wait until every run has trained its epochs; returns the table rows. */
async function runComparison(page, timeout = 30000) {
  await page.waitForSelector('#compare-table tbody tr');
  await page.locator('#compare-speed').fill('11');   // the last stop: max
  const started = Date.now();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('.compare-summary')?.dataset.finished === 'true', null, { timeout });
  const seconds = (Date.now() - started) / 1000;
  const rows = await page.$$eval('#compare-table tbody tr', (trs) => trs.map((tr) => ({
    label: tr.querySelector('th').textContent.trim(),
    epochs: Number(tr.dataset.epochs), train: Number(tr.dataset.train), test: Number(tr.dataset.test),
    gap: Number(tr.dataset.gap), norm: Number(tr.dataset.norm), cells: [...tr.cells].map((c) => c.textContent),
  })));
  const summary = await page.locator('.compare-summary').evaluate((n) => ({ ...n.dataset, text: n.textContent }));
  return { rows, summary, seconds };
}

const byLabel = (rows, label) => rows.find((r) => r.label === label) ?? assert.fail(`no run "${label}" in ${JSON.stringify(rows.map((r) => r.label))}`);
const epochsOrNever = (r, budget) => (r.epochs > 0 ? r.epochs : budget + 1);
const show = (rows) => rows.map((r) => `${r.label}: epochs ${r.epochs || 'not reached'}, train ${r.train.toPrecision(3)}, test ${r.test.toPrecision(3)}, gap ${r.gap.toPrecision(3)}, ‖w‖ ${r.norm.toPrecision(3)}`).join('; ');

describe('lesson definitions', () => {
  test('every lesson opens from its URL alone, and its settings survive the address the page writes', () => {
    assert.equal(LESSONS.length, 14);
    assert.equal(new Set(LESSONS.map((l) => l.id)).size, 14, 'lesson ids are unique');
    for (const lesson of LESSONS) {
      for (const part of ['title', 'todo', 'watch', 'why']) assert.ok(lesson[part]?.length > 20 || part === 'title', `${lesson.id}.${part}`);
      const mode = new PageMode(`?lesson=${lesson.id}`);
      assert.deepEqual(mode.problems, [], lesson.id);
      const expected = { perceptron: 'perceptron', playground: 'playground', compare: 'compare', link: 'link' }[lesson.kind];
      assert.equal(mode.mode, expected, `${lesson.id} opens the ${expected} stage`);
      if (!lesson.state) continue;
      const state = lesson.state();
      assert.ok(state.network.hidden.every((h) => h.units <= RULES.units.max), `${lesson.id}: at most ${RULES.units.max} neurons per layer (the page's limit)`);
      // The page rewrites the address with every setting (and the lesson, through the page's
      // link format): reading it back is exact.
      const written = `?${mode.links.write(state)}`;
      assert.match(written, new RegExp(`lesson=${lesson.id}`));
      const { state: reread, notices } = mode.links.read(written, lesson.state());
      assert.deepEqual(notices, [], `${lesson.id}: ${notices.join(' | ')}`);
      assert.deepEqual(reread, state, lesson.id);
    }
  });

  test('a bad lesson id or comparison value in the link is named, not fatal', () => {
    const mode = new PageMode('?lesson=nope');
    assert.equal(mode.mode, 'playground');
    assert.match(mode.problems.join(' '), /"lesson": "nope" is not a lesson/);
    const bad = new PageMode('?lesson=compare-activations&values=sigmoid,swish&target=-1');
    assert.deepEqual(bad.comparison.values, ['sigmoid', 'tanh', 'relu'], 'the lesson\'s values are kept');
    assert.equal(bad.comparison.target, 0.1);
    assert.equal(bad.problems.length, 2, bad.problems.join(' | '));
  });
});

describe('lessons in the browser', () => {
  test('the Lessons menu lists the fourteen lessons; one opens in place, Back returns, Leave goes to the playground', async (t) => {
    const { page, problems } = await open(t, '');
    const button = page.getByRole('button', { name: 'Lessons' });
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const links = page.locator('#lessons-menu ol a');
    assert.equal(await links.count(), 14);
    assert.deepEqual(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))), LESSONS.map((l) => `?lesson=${l.id}`));
    // Keyboard: the first lesson has focus, ↓ moves, Escape closes and returns focus.
    assert.equal(await page.evaluate(() => document.activeElement.dataset.lesson), 'perceptron-and');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.lesson), 'perceptron-xor');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#lessons-menu').isHidden(), true);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'lessons-button');
    await screenshot(page, 'lessons-menu-closed');
    await button.click();
    await page.getByRole('link', { name: /A 2-layer network solves XOR/ }).click();
    await page.waitForFunction(() => window.nnplay.structure?.neuronLayers[0].activation === 'sigmoid');
    assert.match(page.url(), /lesson=xor-mlp/);
    assert.equal(await page.evaluate(() => window.nnplay.state.data.kind), 'xor_gate');
    assert.match(await page.locator('.lesson-where').textContent(), /Lesson 3 of 14/);
    await page.goBack();
    await page.waitForFunction(() => window.nnplay.state.data.kind === 'circle');
    assert.equal(await page.locator('.lesson-current').isHidden(), true, 'back in the playground');
    await page.goForward();
    await page.waitForFunction(() => window.nnplay.state.data.kind === 'xor_gate');
    await page.getByRole('button', { name: 'Leave lesson' }).click();
    assert.doesNotMatch(page.url(), /lesson=/);
    assert.equal(await page.evaluate(() => document.body.dataset.mode), 'playground');
    assert.equal(await page.evaluate(() => window.nnplay.state.data.kind), 'xor_gate', 'the lesson\'s settings stay to play with');
    assertClean(problems);
  });

  test('1. perceptron on AND: the rule step by step, the line moves, converged at epoch 6', async (t) => {
    const { page, problems } = await open(t, '?lesson=perceptron-and');
    await perceptronReady(page);
    assert.equal(await page.title(), 'Perceptron on the AND gate — nnplay');
    assert.match(await page.locator('#lesson-panel').textContent(), /What to watch/);
    const start = await planeHash(page);
    const step = page.getByRole('button', { name: 'Step', exact: true });
    for (let i = 0; i < 3; i++) await step.click();
    assert.equal(await page.locator('#perceptron-step-text').getAttribute('data-changed'), 'false', '(1, 0) with zero weights: no mistake');
    assert.deepEqual(await weights(page), [0, 0, 0]);
    await step.click();   // (1, 1), target 1, output 0: the first correction
    const text = await page.locator('#perceptron-step-text').textContent();
    assert.match(text, /sample \(1, 1\) with target t = 1/);
    assert.match(text, /so y = 0/);
    assert.match(text, /w₁ ← 0 \+ 1·\(1 − 0\)·1 = 1/, text);
    assert.match(text, /b ← 0 \+ 1·\(1 − 0\) = 1/, text);
    assert.deepEqual(await weights(page), [1, 1, 1]);
    assert.notEqual(await planeHash(page), start, 'the line and the regions moved');
    await page.getByRole('button', { name: 'Run 100 epochs' }).click();
    const status = await perceptronStatus(page);
    assert.equal(status.convergedEpoch, '6', status.text);
    assert.match(status.text, /Converged at epoch 6/);
    assert.equal(await page.locator('.perceptron-mistakes').getAttribute('aria-label'), 'Mistakes per epoch: 1, 3, 3, 2, 1, 0.');
    assert.deepEqual(await weights(page), [2, 1, -2]);
    assert.equal(await page.locator('#perceptron-truth tr[data-ok="true"]').count(), 4, 'all four samples correct');
    await screenshot(page, 'lesson-1-perceptron-and');
    assert.deepEqual(await unlabelledControls(page), []);
    assertClean(problems);
  });

  test('2. perceptron on XOR: no epoch without a mistake, the weights cycle', async (t) => {
    const { page, problems } = await open(t, '?lesson=perceptron-xor');
    await perceptronReady(page);
    await page.getByRole('button', { name: 'Run 100 epochs' }).click();
    const status = await perceptronStatus(page);
    const mistakes = await page.locator('.perceptron-mistakes').getAttribute('aria-label');
    assert.equal(status.convergedEpoch, '0', status.text);
    assert.equal(status.epoch, '100', status.text);
    assert.equal(status.cycle, '2', `the epoch-end weights repeat from epoch 2: ${status.text}`);
    assert.match(status.text, /XOR is not linearly separable/);
    assert.match(mistakes, /4, 4 \(the last 20 epochs\)\.$/, mistakes);
    assert.ok(await page.locator('#perceptron-truth tr[data-ok="false"]').count() >= 1, 'some sample is always wrong');
    await screenshot(page, 'lesson-2-perceptron-xor');
    assertClean(problems);
  });

  test('perceptron keys: → steps, Space plays and pauses, R resets; the explanation folds and re-opens', async (t) => {
    const { page, problems } = await open(t, '?lesson=perceptron-and');
    await perceptronReady(page);
    await page.locator('#perceptron-title').click();   // focus in the page, not on a control
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.match(await page.locator('#perceptron-step-text').textContent(), /sample \(0, 1\)/);
    assert.equal(await page.evaluate(() => Number(document.querySelector('#epoch').textContent)), 0, 'the playground did not train');
    await page.keyboard.press(' ');
    assert.equal(await page.locator('#perceptron-play .label').textContent(), 'Pause');
    await page.waitForFunction(() => /sample \(1, 0\)|sample \(1, 1\)/.test(document.querySelector('#perceptron-step-text').textContent), null, { timeout: 5000 });
    await page.keyboard.press(' ');
    assert.equal(await page.locator('#perceptron-play .label').textContent(), 'Play');
    await page.keyboard.press('r');
    assert.equal((await perceptronStatus(page)).epoch, '0');
    assert.deepEqual(await weights(page), [0, 0, 0]);
    const toggle = page.locator('#lesson-explanation-button');
    await toggle.click();
    assert.equal(await page.locator('#lesson-panel').isHidden(), true);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await page.locator('#lesson-panel').isVisible(), true);
    const long = await page.evaluate(() => window.__longTasks.map((e) => Math.round(e.duration)));
    t.diagnostic(`long tasks since load: ${JSON.stringify(long)}`);
    assertClean(problems);
  });

  test('3. the 2-4-1 sigmoid network solves XOR, its hidden neurons on show', async (t) => {
    const { page, problems } = await open(t, '?lesson=xor-mlp');
    await page.waitForFunction(() => window.nnplay.structure?.neuronLayers.length === 2);
    const s = await page.evaluate(() => window.nnplay.structure);
    assert.deepEqual(s.neuronLayers.map((l) => [l.units, l.activation]), [[4, 'sigmoid'], [1, 'sigmoid']]);
    assert.equal(s.loss, 'mse');
    assert.deepEqual([s.trainSize, s.testSize, s.batchesPerEpoch], [4, 0, 1], 'all four points, full batch');
    const state = await page.evaluate(() => window.nnplay.state);
    assert.deepEqual([state.optimizer.kind, state.optimizer.learningRate, state.training.batchSize], ['sgd', 1, 4]);
    for (let j = 1; j <= 4; j++) {
      const box = await page.getByRole('button', { name: `Layer 1, neuron ${j}`, exact: true }).boundingBox();
      assert.ok(box && box.width >= 20 && box.height >= 20, `hidden neuron ${j}'s thumbnail is visible (${JSON.stringify(box)})`);
    }
    await page.locator('#speed').fill('10');   // 1000 epochs per second: about a second to solve it
    const started = Date.now();
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => Number(document.querySelector('#train-loss').textContent) < 0.01, null, { timeout: 20000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    const loss = number(await page.locator('#train-loss').textContent());
    const accuracy = await page.locator('#train-accuracy').textContent();
    const epochs = number(await page.locator('#epoch').textContent());
    t.diagnostic(`XOR solved: loss ${loss} after ${epochs} epochs (${((Date.now() - started) / 1000).toFixed(1)} s), accuracy ${accuracy}`);
    assert.equal(accuracy, '100.0 %', `accuracy ${accuracy} at loss ${loss}, epoch ${epochs}`);
    assert.ok(epochs >= 500 && epochs < 5000, `loss < 0.01 after ${epochs} epochs (the CLI's run: 0.0083 at epoch 1000)`);
    await screenshot(page, 'lesson-3-xor-mlp');
    assertClean(problems);
  });

  test('4. activations: ReLU reaches the target first, then tanh, sigmoid last', async (t) => {
    const { page, problems } = await open(t, '?lesson=compare-activations');
    const { rows, seconds } = await runComparison(page);
    t.diagnostic(`${seconds.toFixed(1)} s: ${show(rows)}`);
    const [sigmoid, tanh, relu] = ['sigmoid', 'tanh', 'ReLU'].map((l) => byLabel(rows, l));
    assert.ok(relu.epochs > 0 && tanh.epochs > 0, show(rows));
    assert.ok(relu.epochs < tanh.epochs, `ReLU ${relu.epochs} vs tanh ${tanh.epochs}`);
    assert.ok(epochsOrNever(tanh, 300) < epochsOrNever(sigmoid, 300), `tanh ${tanh.epochs} vs sigmoid ${sigmoid.epochs || 'not reached'}`);
    assert.match(await page.locator('.compare-summary').textContent(), /First to reach a training loss of 0\.1: ReLU/);
    await screenshot(page, 'lesson-4-activations');
    assertClean(problems);
  });

  test('5. momentum reaches the target where plain SGD does not', async (t) => {
    const { page, problems } = await open(t, '?lesson=compare-momentum');
    const { rows, seconds } = await runComparison(page);
    t.diagnostic(`${seconds.toFixed(1)} s: ${show(rows)}`);
    const [sgd, momentum] = ['SGD', 'Momentum'].map((l) => byLabel(rows, l));
    assert.ok(momentum.epochs > 0, show(rows));
    assert.ok(momentum.epochs < epochsOrNever(sgd, 500), show(rows));
    assert.ok(momentum.train < 0.5 * sgd.train, `final training loss: momentum ${momentum.train}, SGD ${sgd.train}`);
    await screenshot(page, 'lesson-5-momentum');
    assertClean(problems);
  });

  test('6. L2 narrows the train/test gap and shrinks the weights of an overfitting net', async (t) => {
    const { page, problems } = await open(t, '?lesson=compare-l2');
    const { rows, seconds } = await runComparison(page);
    t.diagnostic(`${seconds.toFixed(1)} s: ${show(rows)}`);
    const [plain, l2] = ['no L2', 'L2 λ = 0.01'].map((l) => byLabel(rows, l));
    assert.ok(plain.train < 0.1 && plain.gap > 0.2, `without L2 it must overfit first: ${show([plain])}`);
    assert.ok(l2.gap < 0.8 * plain.gap, `gap: L2 ${l2.gap}, none ${plain.gap}`);
    assert.ok(l2.norm < 0.5 * plain.norm, `weight norm: L2 ${l2.norm}, none ${plain.norm}`);
    assert.equal(await page.locator('#compare-log').isChecked(), true, 'the lesson shows the loss on a log scale');
    await screenshot(page, 'lesson-6-l2');
    assertClean(problems);
  });

  test('7. dropout narrows the train/test gap of the same overfitting net', async (t) => {
    const { page, problems } = await open(t, '?lesson=compare-dropout');
    const { rows, seconds } = await runComparison(page);
    t.diagnostic(`${seconds.toFixed(1)} s: ${show(rows)}`);
    const [plain, dropout] = ['no dropout', 'dropout 0.5'].map((l) => byLabel(rows, l));
    assert.ok(plain.train < 0.1 && plain.gap > 0.2, `without dropout it must overfit first: ${show([plain])}`);
    assert.ok(dropout.gap < 0.8 * plain.gap, `gap: dropout ${dropout.gap}, none ${plain.gap}`);
    assert.ok(dropout.test < plain.test, `test loss: dropout ${dropout.test}, none ${plain.test}`);
    await screenshot(page, 'lesson-7-dropout');
    assertClean(problems);
  });

  test('8. batch norm reaches the target loss in fewer epochs, and the speed-up is shown', async (t) => {
    const { page, problems } = await open(t, '?lesson=compare-batchnorm');
    const { rows, summary, seconds } = await runComparison(page);
    t.diagnostic(`${seconds.toFixed(1)} s: ${show(rows)}; speed-up ${summary.speedUp}`);
    const [without, withBn] = ['without batch norm', 'with batch norm'].map((l) => byLabel(rows, l));
    assert.ok(withBn.epochs > 0, show(rows));
    assert.ok(withBn.epochs < epochsOrNever(without, 400), show(rows));
    assert.equal(summary.fastest, 'with batch norm');
    assert.ok(Number(summary.speedUp) >= 1.5, `speed-up ${summary.speedUp} (seed 1 measured natively: 132 / 42 = 3.1)`);
    assert.match(summary.text, /with batch norm, after \d+ epochs; without batch norm needed \d+ \([\d.]+× as many\)/, summary.text);
    await screenshot(page, 'lesson-8-batchnorm');
    assertClean(problems);
  });

  test('9. the autoencoder lesson opens on the Fashion-MNIST page with its text and a way back', async (t) => {
    const { page, problems } = await open(t, '?lesson=autoencoder');
    assert.equal(await page.evaluate(() => document.body.dataset.mode), 'link');
    const link = page.getByRole('link', { name: /Open the autoencoder/ });
    assert.equal(await link.getAttribute('href'), 'mnist.html?view=autoencoder&lesson=autoencoder');
    assert.match(await page.locator('#lesson-panel').textContent(), /code plane/);
    await screenshot(page, 'lesson-9-autoencoder');
    assertClean(problems);
    await link.click();
    await page.waitForURL(/mnist\.html\?view=autoencoder&lesson=autoencoder$/);
    await page.waitForFunction(() => window.nnplayMnist?.ready, null, { timeout: 30000 });
    // The autoencoder view shows, under the lesson's bar and explanation (what to do, watch, why).
    assert.equal(await page.evaluate(() => window.nnplayMnist.view), 'autoencoder');
    assert.ok(await page.locator('#autoencoder-view').isVisible());
    assert.match(await page.locator('.lesson-where').textContent(), /Lesson 9 of 14\s*An autoencoder/);
    const panel = page.locator('#lesson-panel');
    for (const heading of ['What to do', 'What to watch', 'Why it happens']) assert.ok(await panel.getByRole('heading', { name: heading }).isVisible(), heading);
    assert.match(await panel.textContent(), /Autoencoder tab, press Play/);
    assert.equal(await panel.getByRole('link', { name: /Open the autoencoder/ }).count(), 0, 'no link to the page it is on');
    assert.ok(!(await page.locator('#lesson-next').isDisabled()), 'lessons 10-14 follow');
    // Hide / show the explanation, like lessons 1–8.
    await page.getByRole('button', { name: 'Hide explanation' }).click();
    assert.ok(await panel.isHidden());
    await page.getByRole('button', { name: 'Show explanation' }).click();
    assert.ok(await panel.isVisible());
    // The lessons menu leads back to the playground's lessons.
    await page.getByRole('button', { name: 'Lessons' }).click();
    assert.equal(await page.locator('#lessons-menu a[data-lesson="xor-mlp"]').getAttribute('href'), 'index.html?lesson=xor-mlp');
    assert.equal(await page.locator('#lessons-menu a[aria-current="page"]').getAttribute('data-lesson'), 'autoencoder');
    await page.keyboard.press('Escape');
    await screenshot(page, 'lesson-9-mnist-autoencoder');
    assertClean(problems);
    // Previous: lesson 8 on the playground.
    await page.locator('#lesson-previous').click();
    await page.waitForURL(/index\.html\?lesson=compare-batchnorm$/);
    await page.waitForFunction(() => document.querySelector('.lesson-where')?.textContent.includes('Lesson 8 of 14'));
    assertClean(problems);
  });

  test('10-14. the CNN, sequence and GAN lessons open their pages with the lesson\'s settings', async (t) => {
    const { page, problems } = await open(t, '?lesson=rnn-forget');
    assert.equal(await page.evaluate(() => document.body.dataset.mode), 'link');
    assert.match(await page.locator('.lesson-where').textContent(), /Lesson 11 of 14\s*Why RNNs forget/);
    assert.match(await page.locator('#lesson-panel').textContent(), /vanishing gradient/);
    await screenshot(page, 'lesson-11-rnn-forget');
    assertClean(problems);
    // What each link's page must show: the lesson's settings, read back from the page.
    const expected = {
      cnn: async (p) => {
        await p.waitForFunction(() => window.nnplayMnist?.ready, null, { timeout: 30000 });
        assert.ok(await p.locator('#cnn-lesson').isVisible(), 'the CNN lesson panel');
      },
      'rnn-forget': (p) => sequenceState(p, { task: 'first_bit', length: 30, arch: 'simple_rnn', lr: 0.01 }),
      'lstm-gates': (p) => sequenceState(p, { task: 'first_bit', length: 30, arch: 'lstm', lr: 0.01 }),
      attention: (p) => sequenceState(p, { task: 'reverse', length: 8, symbols: 8, arch: 'transformer', lr: 0.003 }),
      gan: async (p) => {
        await p.waitForFunction(() => (window.nnplay?.framesDrawn ?? 0) > 0);
        assert.ok(await p.locator('#gan-lesson-title').isVisible(), 'the GAN lesson');
      },
    };
    async function sequenceState(p, settings) {
      await p.waitForFunction(() => (window.nnplay?.framesDrawn ?? 0) > 0, null, { timeout: 30000 });
      const state = await p.evaluate(() => window.nnplay.state());
      for (const [key, value] of Object.entries(settings)) assert.equal(state[key], value, `${key} in ${p.url()}`);
    }
    for (const lesson of LESSONS.filter((l) => l.kind === 'link' && l.id !== 'autoencoder')) {
      const opened = await open(t, `?lesson=${lesson.id}`);
      const link = opened.page.locator('#lesson-open-link');
      assert.equal(await link.textContent(), lesson.open.text, lesson.id);
      assert.equal(await link.getAttribute('href'), lesson.href);
      await link.click();
      await opened.page.waitForURL((url) => url.pathname.endsWith(lesson.href.split('?')[0]));
      await expected[lesson.id](opened.page);
      assertClean(opened.problems);
    }
  });

  test('9. on the Fashion-MNIST page: Leave lesson keeps the page; a wrong lesson is named', async (t) => {
    for (const [options, name] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
      const context = await suite.browser.newContext(options);
      t.after(() => context.close());
      const page = await context.newPage();
      const problems = watchRequests(page, watchConsole(page));
      await page.goto(`${suite.url}mnist.html?view=autoencoder&lesson=autoencoder`);
      await page.waitForFunction(() => window.nnplayMnist?.ready, null, { timeout: 30000 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= options.viewport.width, `${name}: no sideways scrolling (${width} px)`);
      await screenshot(page, `lesson-9-mnist-${name}`);
      await page.getByRole('button', { name: 'Leave lesson' }).click();
      assert.equal(await page.locator('#lesson-bar').count(), 0);
      assert.ok(new URL(page.url()).search === '?view=autoencoder', page.url());
      assertClean(problems);
    }
    const context = await suite.browser.newContext(DESKTOP);
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${suite.url}mnist.html?lesson=flying`);
    await page.waitForSelector('[data-notice="lesson"]');
    assert.match(await page.locator('[data-notice="lesson"]').textContent(), /the lesson "flying", which does not exist/);
  });

  test('phone width: the lessons fit 360 px and keep every control labelled', async (t) => {
    for (const id of ['perceptron-and', 'compare-batchnorm']) {
      const { page, problems, context } = await openPage(suite, `?lesson=${id}`, PHONE);
      try {
        if (id.startsWith('perceptron')) await perceptronReady(page);
        else await page.waitForSelector('#compare-table tbody tr');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 360, `${id}: the page is ${width} px wide at a 360 px viewport`);
        assert.deepEqual(await unlabelledControls(page), [], id);
        await screenshot(page, `phone-lesson-${id}`);
        await page.locator(id.startsWith('perceptron') ? '.perceptron-plane-panel' : '.compare-body').scrollIntoViewIfNeeded();
        await screenshot(page, `phone-lesson-${id}-stage`);
        assertClean(problems);
      } finally {
        await context.close();
      }
    }
  });
});
