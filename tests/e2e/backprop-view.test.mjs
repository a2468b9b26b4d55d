// See inside training (issue 11, items 1–2) in Chromium: the backprop view draws the same
// gradients a fresh engine session computes for the same state, with a per-layer gradient
// chart and a link read-out; the step-through walks one point through a 2-3-3 network (the
// playground gives two classes one sigmoid output, so 2-3-2 cannot be built there) and
// shows δ values equal to a float64 hand computation; "Check gradients" gives a verdict.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openTestPage, screenshot, settle, startSuite, PHONE } from './support.mjs';

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

const insight = (page) => page.evaluate(() => window.nnplay.insight);

async function stepEpochs(page, n) {
  for (let i = 0; i < n; i++) {
    const before = Number(await page.locator('#epoch').textContent());
    await page.click('#step-epoch');
    await page.waitForFunction((e) => Number(document.querySelector('#epoch').textContent) > e, before);
  }
  await settle(page);
}

test('the backprop view draws the gradients session.gradients() gives for the same state', async (t) => {
  const { page, problems } = await openTestPage(t, suite, '?data=circle&opt=adam&lr=0.01');
  await stepEpochs(page, 3);
  await page.check('#backprop-view');
  await page.waitForFunction(() => window.nnplay.insight?.backprop && window.nnplay.insight.trace);
  await settle(page);
  const shown = await insight(page);
  // A fresh engine in the page, the same configuration, the same three epochs.
  const expected = await page.evaluate(async () => {
    const { createEngine } = await import('./js/engine.js');
    const { toEngineConfig } = await import('./js/ground/state.js');
    const engine = await createEngine();
    const s = engine.createSession(toEngineConfig(window.nnplay.state));
    for (let i = 0; i < 3; i++) s.stepEpoch();
    const g = Array.from(s.gradients());
    s.dispose();
    return g;
  });
  assert.equal(shown.backprop.gradients.length, expected.length);
  assert.deepEqual(Array.from(shown.backprop.gradients), expected, 'bit-identical to a fresh session');
  assert.ok(expected.some((v) => Math.abs(v) > 1e-6), 'gradients are not all zero');
  // Drawn: the links carry the scaled gradients, the neurons a ring for δ.
  const drawn = await page.evaluate(() => window.nnplay.insight.linkValues);
  assert.ok(drawn.some((v) => Math.abs(v) > 0.1));
  assert.ok(await page.locator('.diagram .node[data-delta]').count() >= 7, 'every neuron has a δ ring');
  // The gradient-norm chart shows one series per neuron layer.
  assert.equal(await page.locator('.norm-key > span').count(), 3);
  // The link read-out through the keyboard: choose a link in the list.
  await page.selectOption('#backprop-link', '1');
  const info = await page.locator('.link-info').textContent();
  assert.match(info, /gradient dL\/dw -?[0-9.e-]+; Adam m -?[0-9.e-]+, v [0-9.e-]+; effective step size [0-9.e-]+; next update -?[0-9.e-]+/);
  await screenshot(page, 'backprop-view');
  // Off: the frames stop carrying gradients and the links show weights again.
  await page.uncheck('#backprop-view');
  await settle(page);
  assert.equal(await page.evaluate(() => window.nnplay.insight.linkValues), null);
  await stepEpochs(page, 1);
  assert.equal(await page.evaluate(() => window.nnplay.insight.backprop), null, 'frames carry no gradients while the view is off');
  assertClean(problems);
});

test('deep sigmoid gradients vanish towards the input, ReLU ones do not (gradient-norm chart)', async (t) => {
  const ratio = async (layers) => {
    const { page, context } = await openTestPage(t, suite, `?data=circle&layers=${layers}`);
    await page.check('#backprop-view');
    await stepEpochs(page, 2);
    const norms = await page.evaluate(() => window.nnplay.insight.normRecords.at(-1));
    await context.close();
    return norms.layer0 / norms.layer5;
  };
  const sigmoid = await ratio(Array(6).fill('8:sigmoid').join(','));
  const relu = await ratio(Array(6).fill('8:relu').join(','));
  t.diagnostic(`first/last hidden layer gradient norm: sigmoid ${sigmoid.toExponential(2)}, relu ${relu.toExponential(2)}`);
  assert.ok(sigmoid < 0.05, `sigmoid: first/last hidden gradient norm ${sigmoid}`);
  assert.ok(relu > 5 * sigmoid, `relu ${relu} vs sigmoid ${sigmoid}`);
});

test('the step-through of a 2-3-3 network shows δ equal to a float64 hand computation', async (t) => {
  const { page, problems } = await openTestPage(t, suite, '?data=blobs&classes=3&layers=3:tanh');
  await stepEpochs(page, 2);
  await page.click('.step-through-open');
  await page.fill('#trace-point', '4');
  await page.press('#trace-point', 'Enter');
  await page.waitForFunction(() => window.nnplay.insight?.trace?.index === 3);
  await settle(page);
  const s = await page.evaluate(() => {
    const r = window.nnplay;
    return { params: Array.from(r.insight.parameters), layers: r.structure.neuronLayers,
      point: Array.from(r.data.train.points.slice(6, 8)), label: r.data.train.labels[3], trace: r.insight.trace };
  });
  // Hand computation, float64: z1 = x·W1 + b1, a1 = tanh z1, z2 = a1·W2 + b2, y = softmax z2,
  // δ2 = y − t, δ1 = (W2 δ2) ⊙ (1 − a1²).
  const [l1, l2] = s.layers;
  const w = (l, from, to) => s.params[l.weightOffset + to * l.inputs + from];
  const a1 = [0, 1, 2].map((j) => Math.tanh(w(l1, 0, j) * s.point[0] + w(l1, 1, j) * s.point[1] + s.params[l1.biasOffset + j]));
  assert.equal(l2.units, 3, 'three softmax outputs');
  const z2 = [0, 1, 2].map((k) => s.params[l2.biasOffset + k] + a1.reduce((sum, a, j) => sum + w(l2, j, k) * a, 0));
  const m = Math.max(...z2);
  const e = z2.map((z) => Math.exp(z - m));
  const y = e.map((v) => v / e.reduce((p, q) => p + q));
  const d2 = y.map((v, k) => v - (k === s.label ? 1 : 0));
  const d1 = a1.map((a, j) => d2.reduce((sum, d, k) => sum + w(l2, j, k) * d, 0) * (1 - a * a));
  const close = (a, b, tol) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
  s.trace.deltas[l2.denseLayer].forEach((d, k) => assert.ok(close(d, d2[k], 1e-5), `δ output ${k}: ${d} vs ${d2[k]}`));
  s.trace.deltas[l1.denseLayer].forEach((d, j) => assert.ok(close(d, d1[j], 1e-5), `δ hidden ${j}: ${d} vs ${d1[j]}`));

  // The stages advance: input, forward ×2, loss, backward ×2, update.
  const title = () => page.locator('.stage-title').textContent();
  assert.equal(await title(), '1. Input');
  const next = page.getByRole('button', { name: 'Next ›' });
  for (const expected of ['2. Forward: layer 1', '3. Forward: output layer', '4. Loss', '5. Backward: output layer']) {
    await next.click();
    assert.equal(await title(), expected);
  }
  // The δ shown in the table and beside the neurons are the hand-computed ones (4 digits).
  const shown = await page.locator('.stage-table tbody td:nth-child(2)').allTextContents();
  shown.forEach((text, k) => assert.ok(close(Number(text), d2[k], 2e-3), `table δ ${k}: ${text} vs ${d2[k]}`));
  assert.equal(await page.locator('.stage-value').count(), 3);
  await next.click();
  assert.equal(await title(), '6. Backward: layer 1');
  const hidden = await page.locator('.stage-table tbody td:nth-child(2)').allTextContents();
  hidden.forEach((text, j) => assert.ok(close(Number(text), d1[j], 2e-3), `table δ hidden ${j}: ${text} vs ${d1[j]}`));
  await next.click();
  assert.equal(await title(), '7. Update');
  assert.ok(await next.isDisabled());
  // Keyboard: the focus stays on a working button; ← goes back.
  await page.keyboard.press('ArrowLeft');
  assert.equal(await title(), '6. Backward: layer 1');
  await screenshot(page, 'step-through');
  // A point number out of range is explained, not traced.
  await page.fill('#trace-point', '9999');
  await page.press('#trace-point', 'Enter');
  assert.match(await page.locator('.step-through .field-error').textContent(), /Choose a whole number from 1 to \d+/);
  assertClean(problems);
});

test('clicking a training point on the surface follows it in the step-through', async (t) => {
  const { page, problems } = await openTestPage(t, suite, '?data=gaussians');
  await page.click('.step-through-open');
  await settle(page);
  const target = await page.evaluate(() => {
    const d = window.nnplay.data.train;
    return { x: d.points[20], y: d.points[21], count: d.labels.length };
  });
  // The surface's plot area: 34 px left margin, 8 px right and top (surface-view.js M).
  const box = await page.locator('.surface-points').boundingBox();
  const bounds = await page.evaluate(() => window.nnplay.structure.bounds);
  const plot = box.width - 34 - 8;
  const px = box.x + 34 + ((target.x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * plot;
  const py = box.y + 8 + ((bounds.yMax - target.y) / (bounds.yMax - bounds.yMin)) * plot;
  await page.mouse.click(px, py);
  // The nearest training point to the click: point 11, or one drawn on top of it.
  await page.waitForFunction(() => window.nnplay.insight?.trace && document.querySelector('#trace-point').value !== '1');
  const chosen = await page.evaluate(() => {
    const i = Number(document.querySelector('#trace-point').value) - 1;
    const d = window.nnplay.data.train;
    return { i, x: d.points[2 * i], y: d.points[2 * i + 1], traced: window.nnplay.insight.trace.index };
  });
  assert.ok(Math.hypot(chosen.x - target.x, chosen.y - target.y) < 0.1, JSON.stringify({ chosen, target }));
  await page.waitForFunction((i) => window.nnplay.insight.trace.index === i, chosen.i);
  // The followed point is ringed on the surface, where it was clicked.
  await page.waitForSelector('.traced-marker:not([hidden])');
  const ring = await page.locator('.traced-marker').boundingBox();
  assert.ok(Math.hypot(ring.x + ring.width / 2 - px, ring.y + ring.height / 2 - py) < 12, JSON.stringify({ ring, px, py }));
  const after = await page.evaluate(() => window.nnplay.data.train.labels.length);
  assert.equal(after, target.count, 'the click picked a point instead of adding one');
  assertClean(problems);
});

test('"Check gradients" runs the shipped checker and gives a plain-words verdict', async (t) => {
  const { page, problems } = await openTestPage(t, suite, '?data=circle');
  await stepEpochs(page, 2);
  await page.click('.check-gradients');
  const result = page.locator('.gradient-check-result');
  await page.waitForFunction(() => /agree|disagree/.test(document.querySelector('.gradient-check-result').textContent));
  t.diagnostic(await result.textContent());
  assert.match(await result.textContent(), /^✓ Gradients agree\. Largest relative difference [0-9.e-]+ over \d+ gradients \(float32\)\./);
  assertClean(problems);
});

test('phone: the backprop view and step-through fit a 360 px screen', async (t) => {
  const { page, problems } = await openTestPage(t, suite, '?data=circle', PHONE);
  await page.check('#backprop-view');
  await page.click('.step-through-open');
  await page.waitForFunction(() => window.nnplay.insight?.trace);
  await settle(page);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide`);
  await page.locator('#insight').scrollIntoViewIfNeeded();
  await screenshot(page, 'backprop-phone');
  assertClean(problems);
});
