// The sequence page's Keras / PyTorch export in Chromium: "Keras script" and "PyTorch script"
// download nnplay-sequence-keras.py / nnplay-sequence-pytorch.py of the current model; both
// compile (python3 -m py_compile) and hold the trained weights of the page's model file.
// (tests/unit/python-sequence.test.mjs checks every layout in detail.)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { assertClean, openTestPage, startSuite } from './support.mjs';
import { weightsOf } from '../unit/support/python-weights.mjs';

const run = promisify(execFile);
let suite;
before(async () => { suite = await startSuite(); });
after(() => suite.close());

const decode = (text) => { const b = Buffer.from(text, 'base64'); return Array.from(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length))); };

test('Keras script and PyTorch script download the trained LSTM as Python that compiles', async (t) => {
  const { page, problems } = await openTestPage(t, suite, 'sequence.html?task=first_bit&len=6&arch=lstm&seed=2&speed=5000');
  await page.evaluate(() => window.nnplay.playUntil(10));
  await page.waitForFunction(() => window.nnplay.lastStep >= 10, null, { timeout: 45000 });
  await page.waitForFunction(() => document.getElementById('seq-play').getAttribute('aria-pressed') === 'false');
  const [saved] = await Promise.all([page.waitForEvent('download'), page.locator('#seq-save').click()]);
  const model = JSON.parse(await readFile(await saved.path(), 'utf8'));
  assert.match(await page.locator('#seq-export-keras').getAttribute('data-tip'), /Keras/);
  assert.match(await page.locator('#seq-export-pytorch').getAttribute('data-tip'), /PyTorch/);
  const scripts = {};
  for (const [id, name] of [['seq-export-keras', 'nnplay-sequence-keras.py'], ['seq-export-pytorch', 'nnplay-sequence-pytorch.py']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`#${id}`).click()]);
    assert.equal(download.suggestedFilename(), name);
    const path = await download.path();
    await run('python3', ['-m', 'py_compile', path]).catch((e) => assert.fail(`py_compile ${name}:\n${e.stderr}`));
    scripts[name] = { path, text: await readFile(path, 'utf8') };
  }
  assert.match(scripts['nnplay-sequence-keras.py'].text, /layers\.LSTM\(32, activation="tanh", recurrent_activation="sigmoid", return_sequences=False, name="lstm_1"\)/);
  assert.match(scripts['nnplay-sequence-pytorch.py'].text, /nn\.LSTM\(1, 32, batch_first=True\)/);
  // The preset LSTM (32 units on 1 value per step): PyTorch's weight_ih_l0 (128 × 1) is the
  // engine's W (1 × 128) values as they are; Keras's kernel (1 × 128) too; the dense head follows.
  const torch = await weightsOf(scripts['nnplay-sequence-pytorch.py'].path);
  const keras = await weightsOf(scripts['nnplay-sequence-keras.py'].path);
  const W = Array.from(Float32Array.from(model.parameters.slice(0, 128)));
  assert.deepEqual(torch['lstm_1.weight_ih_l0'][0], [128, 1]);
  assert.deepEqual(decode(torch['lstm_1.weight_ih_l0'][1]), W);
  assert.deepEqual(decode(keras['lstm_1.kernel'][1]), W);
  const total = (weights) => Object.entries(weights).filter(([k]) => !k.endsWith('bias_hh_l0'))
    .reduce((n, [, [shape]]) => n + shape.reduce((a, b) => a * b, 1), 0);
  assert.equal(total(keras), model.parameters.length, 'the Keras script holds every weight');
  assert.equal(total(torch), model.parameters.length, 'the PyTorch script holds every weight (and a zero bias_hh)');
  assertClean(problems);
});
