// Runs the PyTorch exports in real PyTorch.
//  - Sequence page: for each model kind (LSTM, GRU, simple RNN, causal transformer, sinusoidal
//    positions, attention + layer norm) trains a small model in the engine, runs the exported
//    script on test samples and compares the outputs with the engine's (≤ 1e-4).
//  - Fashion-MNIST page: trains the small CNN and the MLP preset one epoch on 2,000 shipped
//    images, writes the shipped 2,000 test images as IDX files, runs the exported script (it
//    prints its test accuracy) and compares its predicted classes with the engine's. Not part of `npm test` (PyTorch is ~170 Debian
// packages): `apt-get install --no-install-recommends python3-torch`, then
//   node build-scripts/check-pytorch.mjs
// Prints one line per model (max |torch − engine|) and exits non-zero if any differs by > 1e-4.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { createEngine } from '../web/js/engine.js';
import { pytorchSequenceScript } from '../web/js/export/index.js';
import { pytorchImageScript } from '../web/js/export/pytorch-script.js';
import { PRESETS } from '../web/js/ground/image-architecture.js';
import { sessionConfig } from '../web/js/ground/fashion-mnist-models.js';

const run = promisify(execFile);
const TOLERANCE = 1e-4;
// Debian's python3 (where apt puts torch), unless PYTHON names another.
const PYTHON = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

// Executes the exported script (its own print silenced), then feeds the samples given on stdin.
const HARNESS = `import contextlib, io, json, sys
import torch
namespace = {}
with contextlib.redirect_stdout(io.StringIO()):
    exec(compile(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1], "exec"), namespace)
model = namespace["model"]
steps, features = int(sys.argv[2]), int(sys.argv[3])
outputs = []
with torch.no_grad():
    for sample in json.loads(sys.stdin.read()):
        x = torch.tensor(sample, dtype=torch.float32).reshape(1, steps, features)
        outputs.append(model(x).reshape(-1).tolist())
print(json.dumps({"torch": torch.__version__, "outputs": outputs}))
`;

const MODELS = {
  lstm: [{ task: 'first_bit', length: 12 }, [{ kind: 'lstm', units: 8 }, { kind: 'dense', units: 2 }]],
  gru: [{ task: 'copy', length: 6, symbols: 5 }, [
    { kind: 'embedding', vocabulary: 5, dimension: 4 }, { kind: 'gru', units: 6, returnSequences: true }, { kind: 'dense_per_step', units: 5 }]],
  simple_rnn: [{ task: 'sum_of_sines', length: 10 }, [{ kind: 'simple_rnn', units: 6 }, { kind: 'dense', units: 1 }]],
  transformer_causal: [{ task: 'reverse', length: 6, symbols: 6 }, [
    { kind: 'embedding', vocabulary: 6, dimension: 8 }, { kind: 'positional_encoding', encoding: 'learned' },
    { kind: 'transformer_block', heads: 2, ffUnits: 16, causal: true }, { kind: 'dense_per_step', units: 6 }]],
  transformer_sinusoidal: [{ task: 'parity', length: 6 }, [
    { kind: 'dense_per_step', units: 4 }, { kind: 'positional_encoding', encoding: 'sinusoidal' },
    { kind: 'transformer_block', heads: 1, ffUnits: 8 }, { kind: 'flatten' }, { kind: 'dense', units: 2 }]],
  attention_layer_norm: [{ task: 'sort', length: 5, symbols: 5 }, [
    { kind: 'embedding', vocabulary: 5, dimension: 4 }, { kind: 'self_attention', heads: 2 }, { kind: 'layer_norm' },
    { kind: 'dense_per_step', units: 5 }]],
};

const engine = await createEngine({ wasmBinary: await readFile(new URL('../web/wasm/engine.wasm', import.meta.url)) });
const dir = await mkdtemp(join(tmpdir(), 'nnplay-pytorch-'));
let failed = false;
try {
  for (const [name, [task, layers]] of Object.entries(MODELS)) {
    const session = engine.createSequenceSession({ task: { trainSamples: 200, testSamples: 20, seed: 2, ...task }, network: { seed: 3, layers } });
    session.train(50);
    const [steps, features] = session.describe().inputShape;
    const path = join(dir, `${name}.py`);
    await writeFile(path, pytorchSequenceScript(session.saveModel()));
    const samples = [0, 1, 7, 19].map((i) => session.views(i));
    const child = run(PYTHON, ['-c', HARNESS, path, String(steps), String(features)], { maxBuffer: 1 << 24 });
    child.child.stdin.end(JSON.stringify(samples.map((v) => Array.from(v.input))));
    let result;
    try {
      result = JSON.parse((await child).stdout);
    } catch (e) {
      console.log(`${name}: the script did not run in PyTorch: ${(e.stderr || e.message).trim().split('\n').slice(-3).join(' | ')}`);
      failed = true;
      session.dispose();
      continue;
    }
    let worst = 0;
    result.outputs.forEach((out, k) => {
      const want = samples[k].output;
      if (out.length !== want.length) throw new Error(`${name}: PyTorch gives ${out.length} outputs, the engine ${want.length}`);
      out.forEach((y, i) => { worst = Math.max(worst, Math.abs(y - want[i])); });
    });
    const ok = worst <= TOLERANCE;
    failed ||= !ok;
    console.log(`${name}: PyTorch ${result.torch}, ${samples.length} test samples × ${samples[0].output.length} outputs, max |torch − engine| = ${worst.toExponential(2)} ${ok ? 'OK' : 'DIFFERS'}`);
    session.dispose();
  }
  failed = (await checkImageModels()) || failed;
} finally {
  await rm(dir, { recursive: true, force: true });
}

// The exported image classifier sees the same test images as the engine (as IDX files, which
// the script reads from DATA_DIR): the classes it predicts must be the engine's.
async function checkImageModels() {
  const data = new URL('../web/data/', import.meta.url);
  const manifest = JSON.parse(await readFile(new URL('fashion-mnist.json', data), 'utf8'));
  const bytes = await readFile(new URL(manifest.file, data));
  const PIXELS = 784, TRAIN = 2000;
  const part = (p, count) => ({ images: bytes.subarray(p.imagesOffset, p.imagesOffset + count * PIXELS), labels: bytes.subarray(p.labelsOffset, p.labelsOffset + count) });
  const train = part(manifest.train, TRAIN), test = part(manifest.test, manifest.test.count);
  const toFloat = (u8) => Float32Array.from(u8, (v) => v / 255);
  const idx = (magic, dims, body) => {
    const header = Buffer.alloc(4 + 4 * dims.length);
    header.writeUInt32BE(magic, 0);
    dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
    return Buffer.concat([header, Buffer.from(body)]);
  };
  const dataDir = join(dir, 'fashion-mnist');
  await mkdir(dataDir);
  await writeFile(join(dataDir, 't10k-images-idx3-ubyte'), idx(0x803, [test.labels.length, 28, 28], test.images));
  await writeFile(join(dataDir, 't10k-labels-idx1-ubyte'), idx(0x801, [test.labels.length], test.labels));
  const testX = toFloat(test.images);
  let failed = false;
  for (const name of ['cnn', 'mlp']) {
    const layers = PRESETS[name].layers;
    const session = engine.createSession({ data: { kind: 'circle', points: 20 }, network: { hidden: [] } });
    // As the page does (worker/image-session.js): the images first, then the network.
    session.setData({ points: toFloat(train.images), labels: train.labels, dims: PIXELS, classes: 10 }, { keepNetwork: true });
    session.configure(sessionConfig('classifier', { learningRate: 0.001, batchSize: 32 }, layers));
    session.stepEpoch();
    // The outputs are n × 10, column-major (engine.d.ts); 500 images per call keep the CNN's
    // im2col buffers small, as the page does.
    const n = test.labels.length;
    const engineClasses = [];
    for (let start = 0; start < n; start += 500) {
      const rows = Math.min(500, n - start);
      const out = session.evaluatePoints(testX.subarray(start * PIXELS, (start + rows) * PIXELS), PIXELS).output;
      for (let r = 0; r < rows; r++) {
        let best = 0;
        for (let k = 1; k < 10; k++) if (out[k * rows + r] > out[best * rows + r]) best = k;
        engineClasses.push(best);
      }
    }
    const engineAccuracy = engineClasses.filter((c, n) => c === test.labels[n]).length / test.labels.length;
    const model = JSON.parse(session.saveModel());
    session.dispose();
    const script = pytorchImageScript(layers, model, { epochs: 1 })
      .replace('DATA_DIR = "fashion-mnist"', `DATA_DIR = ${JSON.stringify(dataDir)}`)
      + 'print("CLASSES", json.dumps(probabilities.argmax(dim=1).tolist()))\n';
    const path = join(dir, `${name}-image.py`);
    await writeFile(path, 'import json\n' + script);
    let stdout;
    try {
      ({ stdout } = await run(PYTHON, [path], { maxBuffer: 1 << 24 }));
    } catch (e) {
      console.log(`image ${name}: the script did not run in PyTorch: ${(e.stderr || e.message).trim().split('\n').slice(-3).join(' | ')}`);
      failed = true;
      continue;
    }
    const printed = /test accuracy: ([\d.]+) %/.exec(stdout)?.[1];
    const torchClasses = JSON.parse(stdout.split('CLASSES ')[1]);
    const differ = torchClasses.filter((c, n) => c !== engineClasses[n]).length;
    // Two float32 implementations may round a near-tie differently: at most 2 images of 2,000.
    const ok = differ <= 2;
    failed ||= !ok;
    console.log(`image ${name}: the script prints test accuracy ${printed} %, the engine ${(100 * engineAccuracy).toFixed(2)} %; ` +
      `${differ} of ${test.labels.length} predicted classes differ ${ok ? 'OK' : 'DIFFERS'}`);
  }
  return failed;
}
process.exit(failed ? 1 : 0);
