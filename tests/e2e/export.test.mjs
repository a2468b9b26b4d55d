// Export: Keras and PyTorch scripts (py_compile + an AST check of what they build, for a
// matrix of configurations), the Export dialog's PNGs, loss CSV and scripts, model files with
// clear errors, and the single-file build opened from file:// in Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ARTIFACTS, DESKTOP, assertClean, openTestPage, screenshot, settle, startSuite, watchConsole } from './support.mjs';
import { kerasScript } from '../../web/js/export/keras-script.js';
import { pytorchScript } from '../../web/js/export/pytorch-script.js';
import { historyCsv } from '../../web/js/export/history-csv.js';
import { defaultState, optimizerDefaults } from '../../web/js/ground/state.js';
import { DATASETS, OPTIMIZERS, OUTPUT_HEADS } from '../../web/js/ground/catalog.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// Lists, for each script, every call (dotted name, positional and keyword arguments as
// source text), every function defined and every constant assigned at the top level.
const AST_SUMMARY = `
import ast, json, sys
def dotted(n):
    if isinstance(n, ast.Name): return n.id
    if isinstance(n, ast.Attribute):
        d = dotted(n.value)
        return d + "." + n.attr if d else None
out = {}
for path in sys.argv[1:]:
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    calls, defs, consts = [], [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and dotted(node.func):
            calls.append({"name": dotted(node.func), "args": [ast.unparse(a) for a in node.args],
                          "kwargs": {k.arg: ast.unparse(k.value) for k in node.keywords if k.arg}})
        elif isinstance(node, ast.FunctionDef):
            defs.append(node.name)
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try: consts[node.targets[0].id] = ast.literal_eval(node.value)
            except Exception: consts[node.targets[0].id] = "<expression>"
    out[path] = {"calls": calls, "defs": defs, "consts": consts}
print(json.dumps(out))
`;

/** A spread of configurations: every data set, optimizer, output head and layer option. */
function configurations() {
  const out = [];
  const kinds = OPTIMIZERS.map((o) => o.id);
  DATASETS.forEach((entry, i) => {
    const s = defaultState();
    s.data.kind = entry.kind;
    if (entry.classes) s.data.classes = entry.classes;
    if (['and', 'or', 'xor_gate'].includes(entry.kind)) s.data.testPercent = 0;
    const kind = kinds[i % kinds.length];
    s.optimizer = { ...s.optimizer, ...optimizerDefaults(kind), kind, learningRate: [0.03, 0.1, 0.001][i % 3], weightDecay: i % 4 === 1 ? 0.01 : 0 };
    const task = entry.kind.startsWith('regression') ? 'regression' : entry.classes ? 'multiclass' : 'binary';
    const heads = OUTPUT_HEADS[task];
    s.network.head = heads[i % heads.length].id;
    s.network.hidden = [
      { units: 5, activation: ['tanh', 'relu', 'leaky_relu', 'sigmoid', 'linear'][i % 5], dropout: i % 3 === 0 ? 0.2 : 0, batchNorm: i % 2 === 1 },
      ...(i % 4 === 3 ? [] : [{ units: 3, activation: 'tanh', dropout: 0, batchNorm: false }]),
    ];
    s.network.initializer = ['auto', 'xavier_normal', 'he_uniform', 'uniform_small', 'auto', 'he_normal', 'xavier_uniform'][i % 7];
    s.features = [['x1', 'x2'], ['x1', 'x2', 'x1_squared', 'x2_squared'], ['x1_x2'], ['sin_x1', 'sin_x2', 'x1']][i % 4];
    s.training = { batchSize: [10, 1, 32, 500][i % 4], regularization: ['none', 'l1', 'l2'][i % 3], regularizationRate: i % 3 ? 0.003 : 0 };
    out.push({ name: `${entry.id}-${kind}-${s.network.head}`, state: s, epochs: i * 7 });
  });
  const none = defaultState();
  none.network.hidden = [];
  none.optimizer = { ...none.optimizer, ...optimizerDefaults('adam'), kind: 'adam' };
  out.push({ name: 'no-hidden-layer-adam', state: none, epochs: 0 });
  const custom = defaultState();
  custom.data.custom = { points: new Float32Array([0.5, 1, -2, 3.25, 4, -1, -3, -3, 1, 1]), labels: new Float32Array([0, 1, 2, 1, 0]), classes: 3, bounds: [-6, 6, -6, 6] };
  out.push({ name: 'custom-points-3-classes', state: custom, epochs: 12 });
  return out;
}

const OPTIMIZER_CLASSES = {
  keras: { sgd: 'keras.optimizers.SGD', momentum: 'keras.optimizers.SGD', nesterov: 'keras.optimizers.SGD', rmsprop: 'keras.optimizers.RMSprop', adagrad: 'keras.optimizers.Adagrad', adam: 'keras.optimizers.Adam' },
  pytorch: { sgd: 'torch.optim.SGD', momentum: 'torch.optim.SGD', nesterov: 'torch.optim.SGD', rmsprop: 'torch.optim.RMSprop', adagrad: 'torch.optim.Adagrad', adam: 'torch.optim.Adam' },
};
const GENERATOR = { circle: 'make_circle', xor: 'make_xor', gaussians: 'make_blobs', blobs: 'make_blobs', spiral: 'make_spiral', multi_spiral: 'make_spiral', moons: 'make_moons', and: 'make_gate', or: 'make_gate', xor_gate: 'make_gate', regression_plane: 'make_regression', regression_gaussians: 'make_regression' };
const num = (text) => Number(text);

/** Checks one script's summary against the configuration it came from. */
function checkScript(framework, { state: s, epochs }, summary, where) {
  const calls = (name) => summary.calls.filter((c) => c.name === name);
  const one = (name) => {
    const found = calls(name);
    assert.equal(found.length, 1, `${where}: expected one call of ${name}, found ${found.length}`);
    return found[0];
  };
  const c = summary.consts;
  assert.equal(c.BATCH_SIZE, s.training.batchSize, `${where}: BATCH_SIZE`);
  assert.equal(c.LEARNING_RATE, s.optimizer.learningRate, `${where}: LEARNING_RATE`);
  assert.equal(c.EPOCHS, epochs >= 1 ? epochs : 100, `${where}: EPOCHS`);
  assert.equal(c.DATA_SEED, s.data.seed, `${where}: DATA_SEED`);
  assert.equal(c.WEIGHT_SEED, s.network.seed, `${where}: WEIGHT_SEED`);
  assert.equal(c.TEST_FRACTION, s.data.testPercent / 100, `${where}: TEST_FRACTION`);
  for (const f of ['make_data', 'split', 'features']) assert.ok(summary.defs.includes(f), `${where}: def ${f}`);
  if (s.data.custom) assert.equal(c.POINTS, '<expression>', `${where}: the custom points are written out`);
  else assert.ok(summary.defs.includes(GENERATOR[s.data.kind]), `${where}: def ${GENERATOR[s.data.kind]}`);
  const stacked = summary.calls.find((x) => x.name === 'np.stack' && x.args[0]?.includes('x1') || x.name === 'np.stack' && x.args[0]?.includes('x2'));
  assert.equal(stacked.args[0].split(',').length, s.features.length, `${where}: ${s.features.length} input features in ${stacked.args[0]}`);

  const hidden = s.network.hidden;
  const bn = hidden.filter((h) => h.batchNorm).length;
  const dropouts = hidden.filter((h) => h.dropout > 0).map((h) => h.dropout);
  const leaky = hidden.filter((h) => h.activation === 'leaky_relu').length;
  const o = s.optimizer;
  const optimizer = one(OPTIMIZER_CLASSES[framework][o.kind]);
  if (framework === 'keras') {
    const dense = calls('layers.Dense');
    assert.equal(dense.length, hidden.length + 1, `${where}: Dense layers`);
    assert.deepEqual(dense.slice(0, -1).map((d) => num(d.args[0])), hidden.map((h) => h.units), `${where}: units`);
    assert.deepEqual(calls('layers.BatchNormalization').map((b) => [b.kwargs.momentum, b.kwargs.epsilon]), Array(bn).fill(['0.9', '1e-05']), `${where}: batch norm`);
    assert.deepEqual(calls('layers.Dropout').map((d) => num(d.args[0])), dropouts, `${where}: dropout`);
    assert.equal(calls('layers.LeakyReLU').filter((l) => l.kwargs.negative_slope === '0.01').length, leaky, `${where}: leaky ReLU`);
    assert.equal(optimizer.kwargs.learning_rate, 'LEARNING_RATE');
    if (o.kind === 'momentum' || o.kind === 'nesterov') assert.equal(num(optimizer.kwargs.momentum), o.momentum, `${where}: momentum`);
    if (o.kind === 'nesterov') assert.equal(optimizer.kwargs.nesterov, 'True');
    if (o.kind === 'rmsprop') assert.deepEqual([num(optimizer.kwargs.rho), num(optimizer.kwargs.epsilon)], [o.rho, Number(Math.sqrt(o.epsilon).toPrecision(6))], `${where}: RMSprop`);
    if (o.kind === 'adagrad') assert.deepEqual([optimizer.kwargs.initial_accumulator_value, num(optimizer.kwargs.epsilon)], ['0.0', o.epsilon]);
    if (o.kind === 'adam') assert.deepEqual([optimizer.kwargs.beta_1, optimizer.kwargs.beta_2, optimizer.kwargs.epsilon].map(num), [o.beta1, o.beta2, o.epsilon]);
    assert.equal(optimizer.kwargs.weight_decay === undefined ? 0 : num(optimizer.kwargs.weight_decay), o.weightDecay, `${where}: weight decay`);
    const reg = s.training.regularizationRate > 0 ? s.training.regularization : 'none';
    if (reg === 'l2') assert.equal(num(one('regularizers.L2').args[0]), s.training.regularizationRate / 2, `${where}: L2 = λ/2`);
    if (reg === 'l1') assert.equal(num(one('regularizers.L1').args[0]), s.training.regularizationRate, `${where}: L1`);
    const fit = one('model.fit');
    assert.equal(fit.kwargs.batch_size, 'BATCH_SIZE');
    assert.equal(fit.kwargs.epochs, 'EPOCHS');
    one('keras.Sequential');
    one('model.compile');
  } else {
    const dense = calls('dense');
    assert.equal(dense.length, hidden.length + 1, `${where}: Linear layers`);
    assert.deepEqual(dense.slice(0, -1).map((d) => num(d.args[1])), hidden.map((h) => h.units), `${where}: units`);
    assert.equal(num(dense[0].args[0]), s.features.length, `${where}: inputs`);
    assert.deepEqual(calls('nn.BatchNorm1d').map((b) => [b.kwargs.momentum, b.kwargs.eps]), Array(bn).fill(['0.1', '1e-05']), `${where}: batch norm`);
    assert.deepEqual(calls('nn.Dropout').map((d) => num(d.args[0])), dropouts, `${where}: dropout`);
    assert.equal(calls('nn.LeakyReLU').filter((l) => l.args[0] === '0.01').length, leaky, `${where}: leaky ReLU`);
    if (o.kind === 'momentum' || o.kind === 'nesterov') assert.equal(num(optimizer.kwargs.momentum), o.momentum);
    if (o.kind === 'nesterov') assert.equal(optimizer.kwargs.nesterov, 'True');
    if (o.kind === 'rmsprop') assert.deepEqual([num(optimizer.kwargs.alpha), num(optimizer.kwargs.eps)], [o.rho, Number(Math.sqrt(o.epsilon).toPrecision(6))]);
    if (o.kind === 'adam') assert.equal(optimizer.kwargs.betas, `(${o.beta1}, ${o.beta2})`);
    assert.equal(c.WEIGHT_DECAY, o.weightDecay, `${where}: WEIGHT_DECAY`);
    one('torch.manual_seed');
    one('optimizer.step');
    one('loss.backward');
  }
}

describe('export as code', () => {
  test('Keras and PyTorch scripts compile and build what the playground runs, for every data set, optimizer and head', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'nnplay-export-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const cases = configurations();
    const files = [];
    for (const c of cases) {
      for (const [framework, make] of [['keras', kerasScript], ['pytorch', pytorchScript]]) {
        const path = join(dir, `${c.name}-${framework}.py`.replace(/[^\w.-]/g, '_'));
        await writeFile(path, make(c.state, { epochs: c.epochs }));
        files.push({ path, framework, c });
      }
    }
    // Syntax: every script byte-compiles.
    await run('python3', ['-m', 'py_compile', ...files.map((f) => f.path)]).catch((error) => {
      assert.fail(`py_compile failed:\n${error.stderr}`);
    });
    await writeFile(join(dir, 'summary.py'), AST_SUMMARY);
    const { stdout } = await run('python3', [join(dir, 'summary.py'), ...files.map((f) => f.path)], { maxBuffer: 64 << 20 });
    const summaries = JSON.parse(stdout);
    for (const f of files) checkScript(f.framework, f.c, summaries[f.path], `${f.c.name} (${f.framework})`);
    assert.equal(files.length, 2 * (DATASETS.length + 2));
  });

  test('the loss history CSV has a header with units and one row per record', () => {
    const text = historyCsv([
      { epoch: 0, step: 0, trainLoss: 0.7071, testLoss: 0.70112345678, trainAccuracy: 0.5, testAccuracy: 0.54444 },
      { epoch: 1.5, step: 32, trainLoss: 0.5, testLoss: null, trainAccuracy: 0.75, testAccuracy: null },
    ], { lossName: 'binary cross-entropy', regression: false });
    assert.equal(text, 'epoch (passes over the training set),step (weight updates),training loss (binary cross-entropy),test loss (binary cross-entropy),training accuracy (%),test accuracy (%)\r\n'
      + '0,0,0.7071,0.701123,50.00,54.44\r\n1.5,32,0.5,,75.00,\r\n');
    assert.equal(historyCsv([{ epoch: 2, step: 9, trainLoss: 0.1, testLoss: 0.2, trainAccuracy: null, testAccuracy: null }], { lossName: 'mean squared error', regression: true }),
      'epoch (passes over the training set),step (weight updates),training loss (mean squared error),test loss (mean squared error)\r\n2,9,0.1,0.2\r\n');
  });
});

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

const open = (t, query, options = DESKTOP) => openTestPage(t, suite, query, { ...options, acceptDownloads: true });

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** Width and height from a PNG's IHDR chunk (and a check of the signature). */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('the Export dialog', () => {
  test('downloads the surface and network PNGs, the loss CSV and the Keras / PyTorch scripts', async (t) => {
    const { page, problems } = await open(t, '?v=1&data=moons&layers=6:relu:bn,4:tanh:d0.1&opt=adam&lr=0.01&reg=l2&regrate=0.001');
    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step epoch' }).click();
    await page.waitForFunction(() => document.querySelector('#epoch').textContent === '5');
    await settle(page);
    const button = page.getByRole('button', { name: 'Export', exact: true });
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.waitFor();
    await screenshot(page, 'export-dialog');

    const surface = await download(page, () => dialog.getByRole('button', { name: 'Output surface' }).click());
    assert.equal(surface.name, 'nnplay-surface.png');
    const [sw, sh] = pngSize(surface.bytes);
    const css = await page.locator('.surface-heat').evaluate((c) => [c.width, c.height]);
    assert.equal(sw, css[0], 'the PNG has the surface canvas\'s width');
    assert.ok([22, 38].includes(sh - css[1]), `the PNG is the surface plus a caption of one or two lines: ${sw}×${sh} for a ${css.join('×')} canvas`);
    const network = await download(page, () => dialog.getByRole('button', { name: 'Network diagram' }).click());
    assert.equal(network.name, 'nnplay-network.png');
    const [nw, nh] = pngSize(network.bytes);
    assert.ok(nw > 300 && nh > 200, `network PNG ${nw}×${nh}`);
    assert.match(await dialog.locator('#export-status').textContent(), /Saved nnplay-network\.png \(\d+ × \d+ pixels\)/);
    const { writeFile: save } = await import('node:fs/promises');
    await save(`${ARTIFACTS}export-surface.png`, surface.bytes);
    await save(`${ARTIFACTS}export-network.png`, network.bytes);

    const csv = await download(page, () => dialog.getByRole('button', { name: 'Loss history (CSV)' }).click());
    assert.equal(csv.name, 'nnplay-loss-history.csv');
    const rows = csv.bytes.toString('utf8').trim().split('\r\n');
    assert.equal(rows[0], 'epoch (passes over the training set),step (weight updates),training loss (binary cross-entropy),test loss (binary cross-entropy),training accuracy (%),test accuracy (%)');
    const last = rows.at(-1).split(',').map(Number);
    assert.equal(rows.length, 1 + 6, `header + epochs 0…5: ${rows.length} lines`);
    assert.equal(last[0], 5);
    const shownLoss = Number(await page.locator('#train-loss').textContent());
    assert.ok(Math.abs(last[2] - shownLoss) < 1e-3 * Math.max(1, shownLoss), `CSV training loss ${last[2]} vs shown ${shownLoss}`);
    assert.ok(last[4] >= 0 && last[4] <= 100, `accuracy in percent: ${last[4]}`);

    const dir = await mkdtemp(join(tmpdir(), 'nnplay-dialog-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const keras = await download(page, () => dialog.getByRole('button', { name: 'Download .py' }).click());
    assert.equal(keras.name, 'nnplay_keras.py');
    assert.equal(keras.bytes.toString('utf8'), await dialog.locator('#export-code').inputValue());
    assert.match(keras.bytes.toString('utf8'), /EPOCHS = 5 {3}# the playground had trained 5 epochs/);
    // Keyboard: the framework tabs follow the arrow keys.
    await dialog.getByRole('tab', { name: 'Keras' }).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await dialog.getByRole('tab', { name: 'PyTorch' }).getAttribute('aria-selected'), 'true');
    const torch = await download(page, () => dialog.getByRole('button', { name: 'Download .py' }).click());
    assert.equal(torch.name, 'nnplay_pytorch.py');
    assert.match(torch.bytes.toString('utf8'), /torch\.optim\.Adam\(model\.parameters\(\), lr=LEARNING_RATE/);
    for (const f of [keras, torch]) await writeFile(join(dir, f.name), f.bytes);
    await run('python3', ['-m', 'py_compile', join(dir, keras.name), join(dir, torch.name)]);
    await dialog.getByRole('button', { name: 'Copy code' }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), torch.bytes.toString('utf8'));

    // Every control in the dialog: a name and a tooltip.
    const missing = await page.evaluate(() => [...document.querySelectorAll('#export-dialog :is(button, textarea)')]
      .filter((c) => !(c.dataset.tip && (c.getAttribute('aria-label') || c.labels?.[0]?.textContent || c.textContent.trim())))
      .map((c) => c.outerHTML.slice(0, 80)));
    assert.deepEqual(missing, []);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await button.evaluate((b) => b === document.activeElement), true, 'focus returns to Export');
    assertClean(problems);
  });

  test('model files: a saved model loads back; each kind of bad file gets a message that names the problem', async (t) => {
    const { page, problems } = await open(t, '?v=1&data=gaussians');
    await page.getByRole('button', { name: 'Step epoch' }).click();
    await page.waitForFunction(() => document.querySelector('#epoch').textContent === '1');
    await settle(page);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    const model = await download(page, () => dialog.getByRole('button', { name: 'Model (JSON)' }).click());
    assert.equal(model.name, 'nnplay-model.json');
    const json = JSON.parse(model.bytes.toString('utf8'));
    assert.equal(json.format, 'nnplay-model');
    await page.keyboard.press('Escape');

    const notice = page.locator('[data-notice="model"]');
    const cases = [
      ['empty.json', '', /could not be loaded.*not valid JSON.*line 1, column 1.*Nothing was changed/s],
      ['points.csv', 'x1,x2,label\n1,2,0\n', /could not be loaded.*not valid JSON.*expects a \.json file made with Save model/s],
      ['other.json', '{"name": "something else"}', /could not be loaded.*not an nnplay model.*"format" field/s],
      ['short.json', model.bytes.toString('utf8').replace('"parameters":[', '"parameters":[0.5,'), /could not be loaded.*parameters has \d+ values but the network needs \d+/s],
      ['truncated.json', model.bytes.toString('utf8').slice(0, 300), /could not be loaded.*not valid JSON.*line 1, column \d+/s],
    ];
    for (const [name, text, pattern] of cases) {
      await page.locator('#model-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await notice.waitFor();
      const message = await notice.textContent();
      assert.match(message, pattern, `${name}: ${message}`);
      assert.doesNotMatch(message, /model file:/, `${name}: the engine's "model file:" prefix repeats the title`);
      await notice.getByRole('button', { name: 'Dismiss message' }).click();
      await notice.waitFor({ state: 'detached' });
    }
    assert.equal(await page.evaluate(() => window.nnplay.state.data.kind), 'gaussians', 'nothing changed');
    // The good file still loads.
    await page.getByRole('button', { name: 'XOR', exact: true }).click();
    await page.waitForFunction(() => window.nnplay.state.data.kind === 'xor');
    await page.locator('#model-file').setInputFiles({ name: 'gaussians.json', mimeType: 'application/json', buffer: model.bytes });
    await page.waitForFunction(() => window.nnplay.state.data.kind === 'gaussians');
    await settle(page);
    assert.equal(await page.locator('#epoch').textContent(), '1');
    assertClean(problems);
  });
});

describe('single-file build', () => {
  const DIST = join(ROOT, 'dist/nnplay.html');

  /** The newest modification time under a folder (the build's inputs). */
  async function newest(dir) {
    let latest = 0;
    for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !/\.(html|js|mjs|css|wasm|json|bin|txt)$/.test(entry.name)) continue;
      latest = Math.max(latest, (await stat(join(entry.parentPath ?? entry.path, entry.name))).mtimeMs);
    }
    return latest;
  }

  test('dist/nnplay.html opens from file://, loads nothing else, trains, and holds the real-data page', async (t) => {
    // Build it when missing or older than its inputs: bundling takes about a second once
    // web/wasm is built (npm test builds it first; build-single builds it otherwise).
    const built = await stat(DIST).catch(() => null);
    const inputs = Math.max(await newest(join(ROOT, 'web')), await newest(join(ROOT, 'build-scripts/single')));
    if (!built || built.mtimeMs < inputs) {
      const ready = await Promise.all(['web/wasm/engine.wasm', 'web/data/fashion-mnist.bin'].map((f) => stat(join(ROOT, f)).catch(() => null)));
      const script = ready.every(Boolean) ? ['node', ['build-scripts/single/bundle.mjs']] : ['build-scripts/build-single', []];
      await run(script[0], script[1], { cwd: ROOT, timeout: 240000 });
    }
    const html = await readFile(DIST, 'utf8');
    const size = Buffer.byteLength(html);
    // Mostly the Fashion-MNIST subset (base64); the bound catches a bundle that lost or doubled it.
    assert.ok(size > 500e3 && size < 6e6, `dist/nnplay.html is ${(size / 1024).toFixed(0)} KB`);
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+rel="stylesheet"/, 'no external script or stylesheet');

    const context = await suite.browser.newContext(DESKTOP);
    t.after(() => context.close());
    const page = await context.newPage();
    const problems = watchConsole(page);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const workers = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.goto(`file://${DIST}?v=1&data=circle`);
    await page.waitForFunction(() => (window.nnplay?.framesDrawn ?? 0) >= 1, null, { timeout: 15000 });
    const start = Number(await page.locator('#train-loss').textContent());
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => Number(document.querySelector('#epoch').textContent) >= 60, null, { timeout: 15000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await settle(page);
    const end = Number(await page.locator('#train-loss').textContent());
    const epochs = await page.locator('#epoch').textContent();
    assert.ok(end < 0.7 * start, `training loss ${start} → ${end} after ${epochs} epochs`);
    assert.ok(workers.length >= 1 && workers.every((u) => u.startsWith('blob:')), `workers: ${workers.join(', ')}`);
    const outside = requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && !u.startsWith(`file://${DIST}`));
    assert.deepEqual(outside, [], 'the single file fetched other files');
    assert.match(await page.locator('#engine-info').textContent(), /engine \d+\.\d+\.\d+, SIMD: SSE, SSE2/);
    await screenshot(page, 'single-file');
    // The Fashion-MNIST page is in the same file, with a class-balanced subset of the images.
    await page.getByRole('link', { name: 'Real data' }).click();
    await page.waitForFunction(() => window.nnplayMnist?.ready, null, { timeout: 20000 });
    assert.match(new URL(page.url()).search, /page=fashion-mnist|view=/);
    assert.match(await page.locator('#data-size').textContent(), /^2,000 training and 500 test images$/);
    await page.getByRole('button', { name: 'Step epoch' }).click();
    await page.waitForFunction(() => document.querySelector('#epoch').textContent === '1' && !window.nnplayMnist.running, null, { timeout: 15000 });
    const accuracy = await page.evaluate(() => window.nnplayMnist.records.at(-1)?.testAccuracy);
    assert.ok(accuracy > 0.5, `test accuracy after one epoch on the inlined subset: ${accuracy}`);
    assert.equal(await page.locator('#fashion-mnist-licence').count(), 1, 'the licence text is in the file');
    await screenshot(page, 'single-file-fashion-mnist');
    await page.getByRole('link', { name: '← Playground' }).click();
    await page.waitForFunction(() => (window.nnplay?.framesDrawn ?? 0) >= 1, null, { timeout: 15000 });
    // Embed mode works from the single file too (an LMS page can frame the uploaded file).
    await page.goto(`file://${DIST}?v=1&data=xor&embed&show=playback,surface`);
    await page.waitForFunction(() => (window.nnplay?.framesDrawn ?? 0) >= 1, null, { timeout: 15000 });
    assert.equal(await page.locator('.tools').isVisible(), false);
    assert.ok(workers.some((u) => u.startsWith('blob:')) && workers.every((u) => u.startsWith('blob:')), `workers: ${workers.join(', ')}`);
    const outsideLater = requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && !u.startsWith(`file://${DIST}`));
    assert.deepEqual(outsideLater, [], 'the single file fetched other files');
    assertClean(problems);
  });

  test('the GAN and sequence pages are in the file too; their links, lessons and addresses stay inside it', async (t) => {
    // dist/nnplay.html is (re)built by the test above.
    const context = await suite.browser.newContext(DESKTOP);
    t.after(() => context.close());
    const page = await context.newPage();
    const problems = watchConsole(page);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    // The character model: its text is inline in the workers.
    await page.goto(`file://${DIST}?page=sequences&task=characters&len=24`);
    await page.waitForFunction(() => (window.nnplay?.framesDrawn ?? 0) >= 1, null, { timeout: 20000 });
    await page.locator('#seq-step').click();
    await page.waitForFunction(() => window.nnplay.lastStep >= 1, null, { timeout: 20000 });
    assert.match(await page.locator('#seq-params').textContent(), /output 24×67/, 'the 67-character alphabet of the shipped text');
    // A page that rewrites its address keeps its place in the file.
    await page.locator('#seq-seed').fill('5');
    await page.locator('#seq-seed').press('Enter');
    await page.waitForFunction(() => /seed=5/.test(location.search));
    assert.match(new URL(page.url()).search, /^\?page=sequences&/);
    await screenshot(page, 'single-file-sequences');
    // The header's links lead to the other pages of the file.
    await page.getByRole('link', { name: 'GAN' }).click();
    await page.waitForFunction(() => (window.nnplay?.framesDrawn ?? 0) >= 1 && window.nnplay.lastSteps !== undefined, null, { timeout: 20000 });
    assert.match(new URL(page.url()).search, /^\?page=gan/);
    await page.getByRole('button', { name: 'Step both' }).click();
    await page.waitForFunction(() => window.nnplay.lastSteps >= 1, null, { timeout: 20000 });
    // A lesson on another page: its Open button (a link to sequence.html?…) opens it here.
    await page.goto(`file://${DIST}?lesson=rnn-forget`);
    await page.waitForFunction(() => (window.nnplay?.framesDrawn ?? 0) >= 1, null, { timeout: 20000 });
    await page.locator('#lesson-open-link').click();
    await page.waitForFunction(() => typeof window.nnplay?.state === 'function' && (window.nnplay.framesDrawn ?? 0) >= 1, null, { timeout: 20000 });
    const state = await page.evaluate(() => window.nnplay.state());
    assert.deepEqual([state.task, state.length, state.arch], ['first_bit', 30, 'simple_rnn']);
    const outside = requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && !u.startsWith(`file://${DIST}`));
    assert.deepEqual(outside, [], 'the single file fetched other files');
    assertClean(problems);
  });
});
