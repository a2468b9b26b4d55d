// Sequence model files in Chromium (issue 13): train a few steps, Save model, load the file
// into a fresh page: the same test score, and the settings come into the controls and the URL.
// A corrupted file shows a message in the status line and the page keeps its model and works.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertClean, openTestPage, startSuite } from './support.mjs';

let suite;
before(async () => { suite = await startSuite(); });
after(() => suite.close());

const open = (t, query = '') => openTestPage(t, suite, `sequence.html${query}`);
const status = (page) => page.locator('#seq-status').textContent();

describe('sequence model files', () => {
  test('a saved model loads into a fresh page with the same test score; a corrupted file is refused', async (t) => {
    const source = await open(t, '?task=reverse&len=6&sym=6&arch=gru&seed=3&lr=0.02&speed=5000');
    await source.page.evaluate(() => window.nnplay.playUntil(40));
    await source.page.waitForFunction(() => window.nnplay.lastStep >= 40, null, { timeout: 45000 });
    const trained = await source.page.evaluate(() => window.nnplay.evaluate());
    const [download] = await Promise.all([source.page.waitForEvent('download'), source.page.locator('#seq-save').click()]);
    assert.equal(download.suggestedFilename(), 'nnplay-sequence.json');
    const file = await download.path();

    const { page, problems } = await open(t, '');
    for (let i = 1; i <= 3; i++) {   // a page with a run of its own: its chart records must go
      await page.locator('#seq-step').click();
      await page.waitForFunction((n) => window.nnplay.lastStep === n, i);
    }
    // The Load model button from the keyboard: Space opens the file chooser (and does not press Play).
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('label[for="seq-load"]').press(' ')]);
    assert.equal(await page.locator('#seq-play').getAttribute('aria-pressed'), 'false', 'Space on Load model did not start training');
    await chooser.setFiles(file);
    await page.waitForFunction(() => window.nnplay.state().task === 'reverse' && window.nnplay.lastStep === 40, null, { timeout: 20000 });
    const state = await page.evaluate(() => window.nnplay.state());
    assert.deepEqual({ task: state.task, length: state.length, symbols: state.symbols, arch: state.arch, layers: state.layers, seed: state.seed, lr: state.lr },
      { task: 'reverse', length: 6, symbols: 6, arch: 'gru', layers: null, seed: 3, lr: 0.02 });
    assert.match(await status(page), /Model loaded: reverse, [\d,]+ weights, trained 40 steps/);
    assert.equal(await page.locator('#seq-task').inputValue(), 'reverse');
    assert.equal(await page.locator('#seq-steps').textContent(), '40');
    assert.match(page.url(), /task=reverse/);
    assert.match(page.url(), /arch=gru/);
    const loaded = await page.evaluate(() => window.nnplay.evaluate());
    assert.deepEqual(loaded, trained, 'the loaded model scores the test set exactly as the saved one');
    const steps = (p) => p.evaluate(() => Array.from(window.nnplay.lastFrame().history).filter((_, i) => i % 3 === 0));
    const range = (n) => Array.from({ length: n }, (_, i) => i + 1);
    assert.deepEqual(await steps(page), range(40), 'the chart shows the loaded model\'s history, not this page\'s 3 steps');

    // A corrupted file: the status line says why, the model stays, training goes on.
    const text = await (await import('node:fs/promises')).readFile(file, 'utf8');
    await page.locator('#seq-load').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, text.length / 2)) });
    await page.waitForFunction(() => /not loaded/.test(document.getElementById('seq-status').textContent));
    assert.match(await status(page), /The model was not loaded: the sequence model is not valid JSON/);
    const version = JSON.parse(text);
    version.version = 9;
    await page.locator('#seq-load').setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(version)) });
    await page.waitForFunction(() => /version 9/.test(document.getElementById('seq-status').textContent));
    assert.match(await status(page), /version 9 is not supported/);
    assert.deepEqual(await page.evaluate(() => window.nnplay.evaluate()), trained, 'a refused file changes nothing');
    await page.locator('#seq-step').click();
    await page.waitForFunction(() => window.nnplay.lastStep === 41);
    assert.deepEqual(await steps(page), range(41), 'the loaded history goes on');
    assert.equal((await page.evaluate(() => window.nnplay.state())).task, 'reverse');
    assertClean(source.problems);
    assertClean(problems);
  });

  test('a character model file holds the alphabet, not the book, and loads with the shipped text', async (t) => {
    const source = await open(t, '?task=characters&len=16&arch=transformer&seed=2');
    await source.page.evaluate(() => window.nnplay.playUntil(3));
    await source.page.waitForFunction(() => window.nnplay.lastStep >= 3, null, { timeout: 45000 });
    const trained = await source.page.evaluate(() => window.nnplay.evaluate());
    const [download] = await Promise.all([source.page.waitForEvent('download'), source.page.locator('#seq-save').click()]);
    const text = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
    const file = JSON.parse(text);
    assert.equal(file.alphabet.length, 67);
    assert.equal(file.config.task.text, undefined);

    const { page, problems } = await open(t, '?task=parity&arch=simple_rnn');
    await page.locator('#seq-load').setInputFiles({ name: 'chars.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForFunction(() => window.nnplay.state().task === 'characters' && window.nnplay.lastStep === 3, null, { timeout: 20000 });
    const state = await page.evaluate(() => window.nnplay.state());
    assert.deepEqual({ length: state.length, arch: state.arch, layers: state.layers, seed: state.seed }, { length: 16, arch: 'transformer', layers: null, seed: 2 });
    assert.deepEqual(await page.evaluate(() => window.nnplay.evaluate()), trained);
    assert.equal(await page.locator('#seq-text-figure').isVisible(), true, 'the text sampler appears for the loaded character model');
    assertClean(source.problems);
    assertClean(problems);
  });
});
