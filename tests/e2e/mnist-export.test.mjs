// Export of the Fashion-MNIST page's classifier as Keras and PyTorch scripts (issue 12): for the
// MLP and the small CNN presets, both scripts are downloaded from the page, byte-compiled and
// read with Python's ast module: the layers in order with their arguments, the weight copies
// (with Keras's channels-last transposes) and the trained values, which must equal the model
// file's parameters slice by slice. A layer list with an odd 'same' padding, batch norm on an
// image and average pooling is checked without the browser. TensorFlow and PyTorch are not
// needed: nothing is imported, everything is checked statically.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DESKTOP, PHONE, assertClean, screenshot, startSuite, watchConsole, watchRequests } from './support.mjs';
import { kerasImageScript } from '../../web/js/export/keras-script.js';
import { pytorchImageScript } from '../../web/js/export/pytorch-script.js';
import { decodeArchitecture, parameterCount } from '../../web/js/ground/image-architecture.js';

const run = promisify(execFile);

// For each script: the layers given to keras.Sequential / nn.Sequential (name, positional and
// keyword arguments as source text), every set_weights / copy_ call as source text, the
// functions defined, DATA_DIR, and each PARAMETERS entry decoded (shape, values).
const AST_SUMMARY = `
import ast, base64, json, struct, sys
def dotted(n):
    if isinstance(n, ast.Name): return n.id
    if isinstance(n, ast.Attribute):
        d = dotted(n.value)
        return d + "." + n.attr if d else None
def call(c):
    return {"name": dotted(c.func), "args": [ast.unparse(a) for a in c.args],
            "kwargs": {k.arg: ast.unparse(k.value) for k in c.keywords if k.arg}}
out = {}
for path in sys.argv[1:]:
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    layers, loads, defs, consts = [], [], [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and dotted(node.func) in ("keras.Sequential", "nn.Sequential"):
            items = node.args[0].elts if dotted(node.func) == "keras.Sequential" else node.args
            layers = [call(c) for c in items]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("set_weights", "copy_"):
            loads.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.FunctionDef):
            defs.append(node.name)
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id in ("DATA_DIR", "PARAMETERS"):
            consts[node.targets[0].id] = ast.literal_eval(node.value)
    parameters = {}
    for key, (shape, text) in consts.pop("PARAMETERS").items():
        raw = base64.b64decode(text)
        parameters[key] = {"shape": list(shape), "values": list(struct.unpack("<%df" % (len(raw) // 4), raw))}
    out[path] = {"layers": layers, "loads": [text for _, text in sorted(loads)], "defs": defs, "consts": consts, "parameters": parameters}
print(json.dumps(out))
`;

/** py_compile, then the AST summary of each path. */
async function summarize(dir, paths) {
  await run('python3', ['-m', 'py_compile', ...paths]).catch((error) => assert.fail(`py_compile failed:\n${error.stderr}`));
  await writeFile(join(dir, 'summary.py'), AST_SUMMARY);
  const { stdout } = await run('python3', [join(dir, 'summary.py'), ...paths], { maxBuffer: 256 << 20 });
  return JSON.parse(stdout);
}

const L = (name, args = [], kwargs = {}) => ({ name, args, kwargs });

// The layers each preset must become (ast.unparse writes strings with single quotes).
const EXPECTED = {
  cnn: {
    keras: [
      L('keras.Input', [], { shape: '(28, 28, 1)' }),
      L('layers.Conv2D', ['8', '5'], { strides: '1', padding: "'same'", name: "'conv_1'" }), L('layers.Activation', ["'relu'"]),
      L('layers.MaxPooling2D', ['2']),
      L('layers.Conv2D', ['16', '5'], { strides: '1', padding: "'same'", name: "'conv_2'" }), L('layers.Activation', ["'relu'"]),
      L('layers.MaxPooling2D', ['2']),
      L('layers.Permute', ['(3, 1, 2)']), L('layers.Flatten'),
      L('layers.Dense', ['10'], { name: "'output'" }), L('layers.Activation', ["'softmax'"]),
    ],
    pytorch: [
      L('nn.Conv2d', ['1', '8', '5'], { stride: '1', padding: '2' }), L('nn.ReLU'), L('nn.MaxPool2d', ['2']),
      L('nn.Conv2d', ['8', '16', '5'], { stride: '1', padding: '2' }), L('nn.ReLU'), L('nn.MaxPool2d', ['2']),
      L('nn.Flatten'), L('nn.Linear', ['784', '10']), L('nn.Softmax', [], { dim: '1' }),
    ],
    // name, shape in the engine's layout, in the order of the flat parameter vector
    arrays: [['conv_1.weight', [8, 1, 5, 5]], ['conv_1.bias', [8]], ['conv_2.weight', [16, 8, 5, 5]], ['conv_2.bias', [16]], ['output.weight', [10, 784]], ['output.bias', [10]]],
    kerasLoads: [
      "model.get_layer('conv_1').set_weights([parameter('conv_1.weight').transpose(2, 3, 1, 0), parameter('conv_1.bias')])",
      "model.get_layer('conv_2').set_weights([parameter('conv_2.weight').transpose(2, 3, 1, 0), parameter('conv_2.bias')])",
      "model.get_layer('output').set_weights([parameter('output.weight').T, parameter('output.bias')])",
    ],
    pytorchLoads: [
      "model[0].weight.copy_(torch.from_numpy(parameter('conv_1.weight')))", "model[0].bias.copy_(torch.from_numpy(parameter('conv_1.bias')))",
      "model[3].weight.copy_(torch.from_numpy(parameter('conv_2.weight')))", "model[3].bias.copy_(torch.from_numpy(parameter('conv_2.bias')))",
      "model[7].weight.copy_(torch.from_numpy(parameter('output.weight')))", "model[7].bias.copy_(torch.from_numpy(parameter('output.bias')))",
    ],
  },
  mlp: {
    keras: [
      L('keras.Input', [], { shape: '(28, 28, 1)' }), L('layers.Permute', ['(3, 1, 2)']), L('layers.Flatten'),
      L('layers.Dense', ['128'], { name: "'dense_1'" }), L('layers.Activation', ["'relu'"]),
      L('layers.Dense', ['64'], { name: "'dense_2'" }), L('layers.Activation', ["'relu'"]),
      L('layers.Dense', ['10'], { name: "'output'" }), L('layers.Activation', ["'softmax'"]),
    ],
    pytorch: [
      L('nn.Flatten'), L('nn.Linear', ['784', '128']), L('nn.ReLU'), L('nn.Linear', ['128', '64']), L('nn.ReLU'),
      L('nn.Linear', ['64', '10']), L('nn.Softmax', [], { dim: '1' }),
    ],
    arrays: [['dense_1.weight', [128, 784]], ['dense_1.bias', [128]], ['dense_2.weight', [64, 128]], ['dense_2.bias', [64]], ['output.weight', [10, 64]], ['output.bias', [10]]],
    kerasLoads: ['dense_1', 'dense_2', 'output'].map((n) => `model.get_layer('${n}').set_weights([parameter('${n}.weight').T, parameter('${n}.bias')])`),
    pytorchLoads: [[1, 'dense_1'], [3, 'dense_2'], [5, 'output']].flatMap(([i, n]) => [
      `model[${i}].weight.copy_(torch.from_numpy(parameter('${n}.weight')))`, `model[${i}].bias.copy_(torch.from_numpy(parameter('${n}.bias')))`]),
  },
};

/** The common parts: the IDX loader, DATA_DIR, the test-set evaluation. */
function checkCommon(s, where) {
  for (const name of ['load_idx', 'load_fashion_mnist', 'parameter']) assert.ok(s.defs.includes(name), `${where}: defines ${name}() (has ${s.defs})`);
  assert.equal(s.consts.DATA_DIR, 'fashion-mnist', `${where}: DATA_DIR`);
}

/** Each array: the right shape, and exactly the model file's values at its place in the flat vector. */
function checkArrays(s, arrays, parameters, where) {
  assert.deepEqual(Object.keys(s.parameters), arrays.map(([k]) => k), `${where}: PARAMETERS keys`);
  let offset = 0;
  for (const [key, shape] of arrays) {
    const a = s.parameters[key];
    const count = shape.reduce((x, y) => x * y, 1);
    assert.deepEqual(a.shape, shape, `${where}: ${key} shape`);
    assert.equal(a.values.length, count, `${where}: ${key} holds ${a.values.length} values, the shape needs ${count}`);
    for (let i = 0; i < count; i++) {
      if (a.values[i] !== Math.fround(parameters[offset + i])) {
        assert.fail(`${where}: ${key}[${i}] = ${a.values[i]} but the model file's parameter ${offset + i} is ${parameters[offset + i]}`);
      }
    }
    offset += count;
  }
  assert.equal(offset, parameters.length, `${where}: the arrays cover all ${parameters.length} parameters`);
}

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

async function openPage(t, query, options = DESKTOP) {
  const context = await suite.browser.newContext({ ...options, acceptDownloads: true });
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watchRequests(page, watchConsole(page));
  await page.goto(`${suite.url}mnist.html${query}`);
  await page.waitForFunction(() => window.nnplayMnist?.ready && window.nnplayMnist.latest[window.nnplayMnist.view], null, { timeout: 30000 });
  return { page, problems };
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

describe('Fashion-MNIST page: Keras and PyTorch export', () => {
  test('the MLP and the small CNN, each as a Keras and a PyTorch script with its trained weights', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'nnplay-mnist-export-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    for (const arch of ['mlp', 'cnn']) {
      const { page, problems } = await openPage(t, `?view=classifier&arch=${arch}`);
      // A few mini-batches first, so that the weights are no longer the starting ones.
      await page.locator('#play').click();
      await page.waitForTimeout(800);
      await page.locator('#play').click();   // paused: the model file and the scripts hold the same weights
      const model = JSON.parse((await download(page, () => page.locator('#save-model').click())).text);
      const files = {};
      for (const framework of ['keras', 'pytorch']) {
        await page.locator('#export-code summary').click();
        assert.equal(await page.locator(`#export-${framework}`).isVisible(), true, `${arch}: the ${framework} choice shows`);
        if (arch === 'cnn' && framework === 'keras') await screenshot(page, 'mnist-export-menu-desktop');
        const file = await download(page, () => page.locator(`#export-${framework}`).click());
        assert.equal(file.name, `nnplay-fashion-mnist-${framework}.py`);
        assert.equal(await page.locator('#export-code').getAttribute('open'), null, 'the menu closes after a choice');
        files[framework] = join(dir, `${arch}-${framework}.py`);
        await writeFile(files[framework], file.text);
      }
      const summaries = await summarize(dir, Object.values(files));
      const e = EXPECTED[arch];
      for (const framework of ['keras', 'pytorch']) {
        const s = summaries[files[framework]];
        const where = `${arch} (${framework})`;
        assert.deepEqual(s.layers, e[framework], `${where}: the layers\n${JSON.stringify(s.layers)}`);
        assert.deepEqual(s.loads, e[`${framework}Loads`], `${where}: the weight copies`);
        checkCommon(s, where);
        checkArrays(s, e.arrays, model.parameters, where);
      }
      assertClean(problems);
    }
  });

  test('an odd "same" padding, batch norm on an image and average pooling (no browser)', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'nnplay-mnist-export-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    // conv 4×4, stride 1, 'same' on 28: 3 padding rows, 1 above and 2 below (the engine's and Keras's rule).
    const layers = decodeArchitecture('c4k4_b_a2_c3k3s2v.tanh_f_o25_d16_b');
    const n = parameterCount(layers);
    const model = { parameters: Array.from({ length: n }, (_, i) => (i % 97) / 97 - 0.5), state: Array.from({ length: 2 * 4 * 28 * 28 + 32 }, (_, i) => 1 + (i % 7)) };
    const paths = { keras: join(dir, 'odd-keras.py'), pytorch: join(dir, 'odd-pytorch.py') };
    await writeFile(paths.keras, kerasImageScript(layers, model, { epochs: 3 }));
    await writeFile(paths.pytorch, pytorchImageScript(layers, model, { epochs: 3 }));
    const s = await summarize(dir, Object.values(paths));
    const k = s[paths.keras], p = s[paths.pytorch];
    assert.deepEqual(k.layers.map((l) => l.name), ['keras.Input', 'layers.Conv2D', 'layers.Activation',
      'layers.Permute', 'layers.Reshape', 'layers.BatchNormalization', 'layers.Reshape', 'layers.Permute', 'layers.AveragePooling2D',
      'layers.Conv2D', 'layers.Activation', 'layers.Permute', 'layers.Flatten', 'layers.Dropout', 'layers.Dense', 'layers.Activation', 'layers.BatchNormalization',
      'layers.Dense', 'layers.Activation']);
    assert.deepEqual(k.layers[1], L('layers.Conv2D', ['4', '4'], { strides: '1', padding: "'same'", name: "'conv_1'" }));
    assert.deepEqual(k.layers[9], L('layers.Conv2D', ['3', '3'], { strides: '2', padding: "'valid'", name: "'conv_2'" }));
    // Batch norm on an image: one statistic per channel and pixel, over the values flattened channels first.
    assert.deepEqual(k.layers.slice(3, 8), [L('layers.Permute', ['(3, 1, 2)']), L('layers.Reshape', ['(3136,)']),
      L('layers.BatchNormalization', [], { axis: '-1', momentum: '0.9', epsilon: '1e-05', name: "'batch_norm_1'" }), L('layers.Reshape', ['(4, 28, 28)']), L('layers.Permute', ['(2, 3, 1)'])]);
    assert.equal(k.layers[16].kwargs.axis, '-1');
    assert.ok(k.loads.includes("model.get_layer('batch_norm_1').set_weights([parameter('batch_norm_1.gamma').reshape(-1), parameter('batch_norm_1.beta').reshape(-1), parameter('batch_norm_1.running_mean').reshape(-1), parameter('batch_norm_1.running_variance').reshape(-1)])"), k.loads.join('\n'));
    assert.deepEqual(p.layers.slice(0, 7), [
      L('nn.ZeroPad2d', ['(1, 2, 1, 2)']), L('nn.Conv2d', ['1', '4', '4'], { stride: '1' }), L('nn.ReLU'),
      L('nn.Flatten'), L('nn.BatchNorm1d', ['3136'], { momentum: '0.1', eps: '1e-05' }), L('nn.Unflatten', ['1', '(4, 28, 28)']), L('nn.AvgPool2d', ['2']),
    ]);
    assert.deepEqual(p.layers[7], L('nn.Conv2d', ['4', '3', '3'], { stride: '2' }));   // 14×14 → 6×6, valid
    assert.deepEqual(p.layers.slice(8).map((l) => l.name), ['nn.Tanh', 'nn.Flatten', 'nn.Dropout', 'nn.Linear', 'nn.ReLU', 'nn.BatchNorm1d', 'nn.Linear', 'nn.Softmax']);
    assert.deepEqual(p.layers[11], L('nn.Linear', ['108', '16']));
    assert.ok(p.loads.includes("model[4].running_var.copy_(torch.from_numpy(parameter('batch_norm_1.running_variance').reshape(-1)))"), p.loads.join('\n'));
    for (const [script, where] of [[k, 'keras'], [p, 'pytorch']]) {
      checkCommon(script, where);
      assert.deepEqual(script.parameters['batch_norm_1.running_mean'].shape, [4, 28, 28]);
      assert.equal(script.parameters['batch_norm_1.running_mean'].values[0], 1, `${where}: running statistics come from the model's state`);
      assert.deepEqual(script.parameters['dense_1.weight'].shape, [16, 108]);
    }
    // A model file that does not fit the layers is refused with the numbers.
    assert.throws(() => kerasImageScript(layers, { parameters: model.parameters.slice(1), state: model.state }), /fewer parameters|needs?/);
  });

  test('the Export menu on a phone: reachable, closes with Escape, nothing overflows', async (t) => {
    const { page, problems } = await openPage(t, '?view=classifier&arch=cnn', PHONE);
    const summary = page.locator('#export-code summary');
    await summary.scrollIntoViewIfNeeded();
    await summary.click();
    assert.equal(await page.locator('#export-pytorch').isVisible(), true);
    const box = await page.locator('.export-code-choices').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 360, `the menu fits the screen: ${JSON.stringify(box)}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'no sideways scrolling');
    await screenshot(page, 'mnist-export-menu-phone');
    await page.locator('#export-keras').focus();
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#export-code').getAttribute('open'), null, 'Escape closes the menu');
    assert.equal(await page.evaluate(() => document.activeElement.matches('#export-code summary')), true, 'focus returns to Export');
    assertClean(problems);
  });
});
