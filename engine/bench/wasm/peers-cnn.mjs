// W6 peers: the small CNN of the native W6 (engine/bench/cnn_workload.h) trained in Node by
// two JavaScript libraries, for comparison with nnplay:
//   convnetjs  ConvNetJS 0.3.0 (plain JS, trains sample by sample, updates every 32)
//   tfjs-wasm  TensorFlow.js 4.22 layers API on the WASM backend (SIMD, single thread: the
//              backend has no threads in Node), model.trainOnBatch per batch of 32
// Both: 28×28×1 → conv 5×5×8 same → ReLU → max pool 2 → conv 5×5×16 same → ReLU → max pool 2
// → flatten → dense 10 → softmax, categorical cross-entropy, SGD lr 0.01 (no momentum, no
// decay), batch 32, on the shipped Fashion-MNIST subset (web/data/fashion-mnist.bin) if
// present, else seeded random images. The timing scheme is runner.cpp's: calibrate each peer
// to a fixed number of batches per repetition (≥ --min-time), interleave the repetitions,
// report medians of wall-clock and CPU-time samples/s.
//
// usage: node engine/bench/wasm/peers-cnn.mjs [--reps N] [--min-time S] [--quick] [--only IDS]
//                                             [--native BIN] [--json]
//   --native BIN   also run BIN --only W6 (nnplay_bench) with the same --reps/--min-time and
//                  print nnplay/peer ratios
//   --json         table on stderr, ONE JSON line (schema nnplay-bench/1, bench "peers-cnn") on stdout
//   --trace-loss N instead of timing: train each peer N batches from fresh weights and print
//                  the mean loss of each quarter (do the peers learn like nnplay's W6?)
// Nothing is downloaded: the tfjs backend reads its .wasm from node_modules (the script
// checks that no fetch() happens and reports the file it read).
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { leadingComment, readOptions } from './options.mjs';
import { measurePeers } from './peer-timing.mjs';
import { loadTfjsWasm } from './tfjs-wasm.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const require = createRequire(import.meta.url);

const SIDE = 28, PIXELS = SIDE * SIDE, CLASSES = 10, BATCH = 32, LEARNING_RATE = 0.01;

// ---- options ----------------------------------------------------------------------------

function parseOptions(argv) {
  const { options: o, usage } = readOptions(argv, {
    script: 'peers-cnn.mjs',
    defaults: { reps: 5, minSeconds: 1, native: null, traceLoss: 0 },
    quick: { reps: 2, minSeconds: 0.2 },
    help: () => leadingComment(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8'), 20),
    extra: {
      '--native': (o, next, { usage }) => { o.native = next() ?? usage('--native needs the path of nnplay_bench'); },
      '--trace-loss': (o, next, { number }) => { o.traceLoss = Math.round(number('--trace-loss', next(), 4, 100000)); },
    },
  });
  for (const id of o.only) if (!['convnetjs', 'tfjs-wasm'].includes(id)) usage(`unknown peer "${id}"`);
  return o;
}

// ---- the images (as engine/bench/cnn_workload.cpp) --------------------------------------------

function loadImages() {
  const file = join(root, 'web/data/fashion-mnist.bin');
  const train = 10000, test = 2000;
  if (fs.existsSync(file) && fs.statSync(file).size === (train + test) * (PIXELS + 1)) {
    const bytes = fs.readFileSync(file);
    const pixels = new Float32Array(train * PIXELS);
    for (let i = 0; i < pixels.length; i++) pixels[i] = bytes[i] / 255;
    const labels = Uint8Array.from(bytes.subarray(train * PIXELS, train * PIXELS + train));
    return { count: train, pixels, labels, source: 'Fashion-MNIST subset (10000 training images)' };
  }
  // mulberry32: a small seeded generator (the images are noise; only their size matters).
  let s = 1;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const count = 2048;
  const pixels = Float32Array.from({ length: count * PIXELS }, next);
  const labels = Uint8Array.from({ length: count }, () => Math.floor(next() * CLASSES));
  return { count, pixels, labels, source: 'seeded random 28x28 images (web/data/fashion-mnist.bin not found)' };
}

// ---- peers: each returns { name, parameters, restart(), batch() → loss } -------------------------

function convnetjsPeer(images) {
  const convnetjs = require('convnetjs');
  const layers = [
    { type: 'input', out_sx: SIDE, out_sy: SIDE, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 8, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'softmax', num_classes: CLASSES },  // ConvNetJS adds the dense (fc) layer before it
  ];
  // Vol layout: w[(y·sx + x)·depth + d]; one channel, so the row-major image as it is.
  const vols = [];
  for (let n = 0; n < images.count; n++) {
    const v = new convnetjs.Vol(SIDE, SIDE, 1, 0.0);
    v.w.set(images.pixels.subarray(n * PIXELS, (n + 1) * PIXELS));
    vols.push(v);
  }
  let net, trainer, cursor = 0;
  const peer = {
    name: 'convnetjs', library: 'ConvNetJS 0.3.0', driver: 'Trainer.train per sample (SGD step every 32)',
    restart() {
      net = new convnetjs.Net();
      net.makeLayers(layers);
      trainer = new convnetjs.Trainer(net, { method: 'sgd', learning_rate: LEARNING_RATE, momentum: 0,
                                             batch_size: BATCH, l1_decay: 0, l2_decay: 0 });
      cursor = 0;
    },
    batch() {
      let loss = 0;
      for (let k = 0; k < BATCH; k++) {
        loss += trainer.train(vols[cursor], images.labels[cursor]).cost_loss;
        cursor = (cursor + 1) % images.count;
      }
      return loss / BATCH;
    },
  };
  peer.restart();
  peer.parameters = net.getParamsAndGrads().reduce((sum, pg) => sum + pg.params.length, 0);
  return peer;
}

// tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel (tensorflow/tfjs issue 8474),
// so training any conv2d fails there. This replaces Conv2D's gradient with one built from
// kernels the backend has: for stride 1 and dilation 1 (all W6 uses),
//   dW[i, j, c, f] = Σ_{n, y, x} xPadded[n, y + i, x + j, c] · dy[n, y, x, f]
// is a valid convolution of xPadded seen as C images of N channels ([C, Hp, Wp, N]) with dy
// seen as an H'×W' filter from N to F channels ([H', W', N, F]). dx keeps the stock kernel
// (Conv2DBackpropInput, present in the backend). Everything still runs in WASM.
function registerConv2DFilterGradient(tf) {
  const previousWarn = console.warn;
  console.warn = () => {};  // "Overriding the gradient for 'Conv2D'": expected here
  tf.registerGradient({
    kernelName: 'Conv2D',
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, [x, filter], attrs) => {
      const strides = typeof attrs.strides === 'number' ? [attrs.strides, attrs.strides] : attrs.strides;
      const dilations = attrs.dilations ?? 1;
      if (strides.some((s) => s !== 1) || (Array.isArray(dilations) ? dilations.some((d) => d !== 1) : dilations !== 1) ||
          attrs.dataFormat !== 'NHWC' || typeof attrs.pad !== 'string') {
        throw new Error('peers-cnn: the replacement Conv2D gradient supports stride 1, dilation 1, NHWC, same/valid only');
      }
      const [k1, k2] = filter.shape;
      const padding = (k) => (attrs.pad === 'same' ? [Math.floor((k - 1) / 2), k - 1 - Math.floor((k - 1) / 2)] : [0, 0]);
      return {
        x: () => tf.conv2dTranspose(dy, filter, x.shape, strides, attrs.pad),
        filter: () => tf.tidy(() => {
          const padded = tf.pad(x, [[0, 0], padding(k1), padding(k2), [0, 0]]);
          const images = tf.transpose(padded, [3, 1, 2, 0]);   // [C, Hp, Wp, N]
          const kernels = tf.transpose(dy, [1, 2, 0, 3]);      // [H', W', N, F]
          return tf.transpose(tf.conv2d(images, kernels, 1, 'valid'), [1, 2, 0, 3]);  // [k1, k2, C, F]
        }),
      };
    },
  });
  console.warn = previousWarn;
}

// The replacement against the definition on a small odd-sized case (N 2, 7×5, C 3, F 4, 3×3
// same): the largest difference relative to the largest |dW|.
function checkConv2DFilterGradient(tf) {
  const N = 2, H = 7, W = 5, C = 3, F = 4, k = 3, pad = 1;
  const values = (n, seed) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);
  const xv = values(N * H * W * C, 1), wv = values(k * k * C * F, 2), rv = values(N * H * W * F, 3);
  const expected = new Float64Array(k * k * C * F);
  for (let n = 0; n < N; n++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++)
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
      const yy = y + i - pad, xx = x + j - pad;
      if (yy < 0 || yy >= H || xx < 0 || xx >= W) continue;
      for (let c = 0; c < C; c++) for (let f = 0; f < F; f++)
        expected[((i * k + j) * C + c) * F + f] += xv[((n * H + yy) * W + xx) * C + c] * rv[((n * H + y) * W + x) * F + f];
    }
  const actual = tf.tidy(() => {
    const x = tf.tensor4d(xv, [N, H, W, C]), r = tf.tensor4d(rv, [N, H, W, F]);
    const gradient = tf.grad((w) => tf.sum(tf.mul(tf.conv2d(x, w, 1, 'same'), r)));
    return gradient(tf.tensor4d(wv, [k, k, C, F])).dataSync();
  });
  let worst = 0, scale = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  if (!(worst <= 1e-5 * scale)) throw new Error(`peers-cnn: the replacement Conv2D filter gradient is wrong (max diff ${worst}, scale ${scale})`);
  return worst / scale;
}

async function tfjsWasmPeer(images) {
  const { tf, tfl, library, wasmFile } = await loadTfjsWasm();
  registerConv2DFilterGradient(tf);
  const gradientCheck = checkConv2DFilterGradient(tf);

  const batches = [];
  for (let start = 0; start + BATCH <= images.count; start += BATCH) {
    const oneHot = new Float32Array(BATCH * CLASSES);
    for (let k = 0; k < BATCH; k++) oneHot[k * CLASSES + images.labels[start + k]] = 1;
    batches.push({
      x: tf.tensor4d(images.pixels.subarray(start * PIXELS, (start + BATCH) * PIXELS), [BATCH, SIDE, SIDE, 1]),
      y: tf.tensor2d(oneHot, [BATCH, CLASSES]),
    });
  }
  let model, cursor = 0;
  const peer = {
    name: 'tfjs-wasm', library,
    driver: 'model.trainOnBatch per batch of 32 (Conv2D filter gradient from wasm kernels, see registerConv2DFilterGradient)',
    wasmFile,
    gradientCheck,
    restart() {
      if (model) model.dispose();
      model = tfl.sequential({ layers: [
        tfl.layers.conv2d({ inputShape: [SIDE, SIDE, 1], filters: 8, kernelSize: 5, padding: 'same', activation: 'relu' }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'same', activation: 'relu' }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: CLASSES, activation: 'softmax' }),
      ] });
      model.compile({ optimizer: tf.train.sgd(LEARNING_RATE), loss: 'categoricalCrossentropy' });
      cursor = 0;
    },
    async batch() {
      const { x, y } = batches[cursor];
      cursor = (cursor + 1) % batches.length;
      return model.trainOnBatch(x, y);  // resolves with the loss (reads it back: a sync per batch)
    },
  };
  peer.restart();
  peer.parameters = model.countParams();
  return peer;
}

// ---- timing ---------------------------------------------------------------------------------

function runNative(bin, options) {
  const out = execFileSync(bin, ['--only', 'W6', '--json', '--reps', String(options.reps), '--min-time', String(options.minSeconds)],
                           { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const w = JSON.parse(out.trim().split('\n').pop()).workloads.find((x) => x.id === 'W6');
  return { name: 'nnplay-native', library: `nnplay ${bin.replace(root + '/', '')} (float32)`, driver: w.driver,
           median: w.median, min: w.min, max: w.max, cpuMedian: w.cpuMedian, cpuShare: w.cpuShare, parameters: 11274 };
}

// ---- main -----------------------------------------------------------------------------------

const options = parseOptions(process.argv.slice(2));
const out = options.json ? process.stderr : process.stdout;
const images = loadImages();
const wanted = (id) => options.only.size === 0 || options.only.has(id);
const peers = [];
if (wanted('convnetjs')) peers.push(convnetjsPeer(images));
if (wanted('tfjs-wasm')) peers.push(await tfjsWasmPeer(images));
for (const p of peers) {
  if (p.parameters !== 11274) throw new Error(`${p.name} has ${p.parameters} parameters, not the 11274 of W6`);
}
out.write(`W6 peers: CNN 28x28x1 conv5x5x8-relu-pool2-conv5x5x16-relu-pool2-dense10-softmax (11274 parameters), CCE, SGD lr ${LEARNING_RATE}, batch ${BATCH}\n`);
out.write(`data: ${images.source}; node ${process.version}; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}\n`);
for (const p of peers) {
  if (p.wasmFile === undefined) continue;
  out.write(`${p.name}: .wasm read from ${p.wasmFile || '(none recorded)'}, no fetch; replacement Conv2D filter gradient ` +
            `matches the definition (max relative difference ${p.gradientCheck.toExponential(1)})\n`);
}
if (options.traceLoss) {
  for (const p of peers) {
    p.restart();
    const quarter = Math.floor(options.traceLoss / 4), means = [];
    for (let q = 0; q < 4; q++) {
      let sum = 0;
      for (let b = 0; b < quarter; b++) sum += await p.batch();
      means.push((sum / quarter).toFixed(4));
    }
    out.write(`${p.name}: mean loss per ${quarter} batches: ${means.join(', ')}\n`);
  }
  process.exit(0);
}
out.write(`${options.reps} repetitions x >= ${options.minSeconds} s per peer, interleaved ...\n\n`);
await measurePeers(peers, options, BATCH);
const rows = [...peers];
if (options.native) rows.push(runNative(options.native, options));

const f = (v) => (v >= 1000 ? `${(v / 1000).toFixed(3)} k` : `${v.toFixed(1)}  `).padStart(10);
out.write(`${'peer'.padEnd(14)} ${'median'.padStart(10)} ${'min'.padStart(10)} ${'max'.padStart(10)} ${'cpu median'.padStart(10)} ${'cpu%'.padStart(5)}  samples/s, library\n`);
for (const r of rows) {
  out.write(`${r.name.padEnd(14)} ${f(r.median)} ${f(r.min)} ${f(r.max)} ${f(r.cpuMedian)} ${(100 * r.cpuShare).toFixed(0).padStart(4)}%  ${r.library}; ${r.driver}\n`);
}
const ratios = {};
const nnplay = rows.find((r) => r.name === 'nnplay-native');
if (nnplay) {
  out.write('\n');
  for (const p of peers) {
    ratios[`nnplay-native/${p.name}`] = { ofMedians: nnplay.median / p.median, ofCpuMedians: nnplay.cpuMedian / p.cpuMedian };
    out.write(`nnplay native / ${p.name}: ${(nnplay.median / p.median).toFixed(2)}x (wall-clock medians), ` +
              `${(nnplay.cpuMedian / p.cpuMedian).toFixed(2)}x (CPU-time medians)\n`);
  }
}
if (options.json) {
  process.stdout.write(JSON.stringify({
    schema: 'nnplay-bench/1', bench: 'peers-cnn', node: process.version, data: images.source,
    repetitions: options.reps, minSeconds: options.minSeconds,
    workloads: rows.map((r) => ({ id: `W6.${r.name}`, library: r.library, driver: r.driver, unit: 'samples/s',
                                  median: r.median, min: r.min, max: r.max, cpuMedian: r.cpuMedian, cpuShare: r.cpuShare,
                                  rates: r.rates, cpuRates: r.cpuRates })),
    ratios,
  }) + '\n');
}
