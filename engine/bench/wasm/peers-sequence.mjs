// W7 peers: the two sequence models of the native W7 (engine/bench/sequence_workload.h) in
// TensorFlow.js 4.22 (layers API, WASM backend from node_modules: SIMD, single thread, as the
// backend runs in Node), next to nnplay's WASM build through the JavaScript API, in ONE
// process with interleaved repetitions (the WASM/TF.js ratio is of the same moments):
//   W7.lstm         input 50×1 (a sum of two sines) → LSTM 64, last state → dense 1, MSE
//   W7.transformer  32 tokens of 16 symbols (reverse task) → embedding 64 → sinusoidal
//                   positions → 2 × post-norm transformer block (4 heads, feed-forward 128,
//                   ReLU) → per-step dense 16 → softmax, cross-entropy averaged over steps
// Both: batch 32, Adam lr 0.003 (β 0.9 / 0.999, ε 1e-8), no gradient clipping; TF.js trains
// with model.trainOnBatch per batch. ConvNetJS (the other W6 peer) has no recurrent or
// attention layers, so it has no W7 row.
// Timing: runner.cpp's scheme (calibrate each peer to a fixed number of batches per
// repetition ≥ --min-time, interleave the repetitions, medians of wall-clock and CPU-time
// samples/s).
//
// usage: node engine/bench/wasm/peers-sequence.mjs [--reps N] [--min-time S] [--quick] [--only IDS]
//                                                  [--native BIN] [--json] [--trace-loss N]
//   --only IDS     W7.lstm and/or W7.transformer (default both)
//   --native BIN   also run BIN --only W7.lstm,W7.transformer (nnplay_bench) with the same
//                  --reps/--min-time and print its rows and ratios
//   --json         table on stderr, ONE JSON line (schema nnplay-bench/1, bench "peers-sequence") on stdout
//   --trace-loss N instead of timing: train each implementation N batches from fresh weights and
//                  print the mean loss of each quarter (does each one learn?)
//   --stock-layer-norm  the transformer with tf.layers.layerNormalization instead of the custom
//                  LayerNorm (for the record: see LayerNorm below for why it is not the default)
// Nothing is downloaded: the tfjs backend reads its .wasm from node_modules (the script checks
// that no fetch() happens and reports the file it read).
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { W7_CONFIGS, W7_PARAMETERS } from './sequence-configs.mjs';
import { leadingComment, readOptions } from './options.mjs';
import { measurePeers } from './peer-timing.mjs';
import { loadTfjsWasm } from './tfjs-wasm.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');

// The TF.js models follow these (W7_CONFIGS in sequence-configs.mjs are nnplay's).
const BATCH = 32, SAMPLES = 2048, LEARNING_RATE = 0.003;
const LSTM = { length: 50, units: 64, parameters: W7_PARAMETERS['W7.lstm'] };
const TRANSFORMER = { length: 32, symbols: 16, width: 64, heads: 4, ffUnits: 128, blocks: 2, parameters: W7_PARAMETERS['W7.transformer'] };
const MODELS = ['W7.lstm', 'W7.transformer'];

// ---- options ----------------------------------------------------------------------------

function parseOptions(argv) {
  const { options: o, usage } = readOptions(argv, {
    script: 'peers-sequence.mjs',
    defaults: { reps: 5, minSeconds: 1, native: null, traceLoss: 0, stockLayerNorm: false },
    quick: { reps: 2, minSeconds: 0.2 },
    help: () => leadingComment(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8'), 29),
    extra: {
      '--native': (o, next, { usage }) => { o.native = next() ?? usage('--native needs the path of nnplay_bench'); },
      '--trace-loss': (o, next, { number }) => { o.traceLoss = Math.round(number('--trace-loss', next(), 4, 100000)); },
      '--stock-layer-norm': (o) => { o.stockLayerNorm = true; },
    },
  });
  for (const id of o.only) if (!MODELS.includes(id)) usage(`unknown model "${id}" (known: ${MODELS.join(', ')})`);
  return o;
}

// ---- the data for TF.js (the same kinds of sample as nnplay's tasks, sequence_tasks.cpp) ----

// mulberry32: a small seeded generator.
function generator(seed) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// sum_of_sines: windows of T values of 0.6·sin(2πs/20 + φ) + 0.3·sin(2πs/7.3 + 2φ), target the
// value after the window (window n starts at step n).
function sumOfSines(T, count, phase = 1) {
  const signal = Float32Array.from({ length: count + T + 1 },
    (_, s) => 0.6 * Math.sin(2 * Math.PI * s / 20 + phase) + 0.3 * Math.sin(2 * Math.PI * s / 7.3 + 2 * phase));
  const inputs = new Float32Array(count * T), targets = new Float32Array(count);
  for (let n = 0; n < count; n++) {
    inputs.set(signal.subarray(n, n + T), n * T);
    targets[n] = signal[n + T];
  }
  return { inputs, targets };
}

// reverse: T random tokens; the class at step t is the token at step T−1−t.
function reverseTokens(T, symbols, count) {
  const next = generator(1);
  const inputs = new Float32Array(count * T), targets = new Float32Array(count * T);
  for (let n = 0; n < count; n++) {
    for (let t = 0; t < T; t++) inputs[n * T + t] = Math.floor(next() * symbols);
    for (let t = 0; t < T; t++) targets[n * T + t] = inputs[n * T + T - 1 - t];
  }
  return { inputs, targets };
}

// ---- TensorFlow.js --------------------------------------------------------------------------

async function loadTfjs() {
  const loaded = await loadTfjsWasm();
  const { tf } = loaded;
  // tfjs-layers' orthogonal initializer (the LSTM's recurrent kernel) calls chained tensor
  // methods, which only the @tensorflow/tfjs umbrella package registers (not installed here):
  // add the ones it uses, as the ops they stand for.
  const methods = { flatten() { return tf.reshape(this, [this.size]); },
                    stridedSlice(begin, end, strides) { return tf.stridedSlice(this, begin, end, strides); },
                    sign() { return tf.sign(this); }, transpose(perm) { return tf.transpose(this, perm); },
                    reshape(shape) { return tf.reshape(this, shape); } };
  for (const [name, method] of Object.entries(methods)) tf.Tensor.prototype[name] ??= method;
  return loaded;
}

// The layers TF.js lacks, as custom layers built from tf ops (all of them run in WASM).
function customLayers(tf, tfl) {
  // Token ids → vectors as one-hot(ids)·E. tf.layers.embedding gathers rows, but the gradient
  // of a gather is UnsortedSegmentSum, which tfjs-backend-wasm 4.22 does not have; the one-hot
  // product computes the same output and the same dL/dE (16 × 64 table, U(−0.05, 0.05) as nnplay).
  class OneHotEmbedding extends tfl.layers.Layer {
    static className = 'OneHotEmbedding';
    constructor(config) { super(config); this.vocabulary = config.vocabulary; this.dimension = config.dimension; }
    build() {
      this.table = this.addWeight('table', [this.vocabulary, this.dimension], 'float32',
                                  tfl.initializers.randomUniform({ minval: -0.05, maxval: 0.05 }));
      this.built = true;
    }
    computeOutputShape(shape) { return [...shape, this.dimension]; }
    call(inputs) {
      return tf.tidy(() => {
        const ids = (Array.isArray(inputs) ? inputs[0] : inputs);
        const [N, T] = ids.shape;
        const oneHot = tf.oneHot(tf.cast(tf.reshape(ids, [N * T]), 'int32'), this.vocabulary);
        return tf.reshape(tf.matMul(oneHot, this.table.read()), [N, T, this.dimension]);
      });
    }
  }
  // + P, the fixed sinusoidal table of nnplay's positional_encoding (no parameters).
  class SinusoidalPositions extends tfl.layers.Layer {
    static className = 'SinusoidalPositions';
    constructor(config) {
      super(config);
      const { steps: T, width: D } = config;
      const p = new Float32Array(T * D);
      for (let t = 0; t < T; t++) {
        for (let j = 0; j < D; j++) {
          const angle = t * Math.pow(10000, -(j - (j % 2)) / D);
          p[t * D + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
        }
      }
      this.table = tf.keep(tf.tensor3d(p, [1, T, D]));
    }
    computeOutputShape(shape) { return shape; }
    call(inputs) { return tf.tidy(() => tf.add(Array.isArray(inputs) ? inputs[0] : inputs, this.table)); }
  }
  // Multi-head scaled dot-product self-attention, nnplay's self_attention: Q, K, V = X·W + b
  // (one D×3D product), per head softmax(Q_h·K_hᵀ/√d)·V_h, heads concatenated, ·W_o + b_o.
  // 4·D² + 4·D parameters, Glorot-uniform kernels, zero biases.
  class MultiHeadSelfAttention extends tfl.layers.Layer {
    static className = 'MultiHeadSelfAttention';
    constructor(config) { super(config); this.heads = config.heads; }
    build(shape) {
      const D = shape[shape.length - 1];
      const glorot = tfl.initializers.glorotUniform({});
      this.qkvKernel = this.addWeight('qkv_kernel', [D, 3 * D], 'float32', glorot);
      this.qkvBias = this.addWeight('qkv_bias', [3 * D], 'float32', tfl.initializers.zeros());
      this.outKernel = this.addWeight('out_kernel', [D, D], 'float32', glorot);
      this.outBias = this.addWeight('out_bias', [D], 'float32', tfl.initializers.zeros());
      this.built = true;
    }
    computeOutputShape(shape) { return shape; }
    call(inputs) {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? inputs[0] : inputs;
        const [N, T, D] = x.shape, H = this.heads, d = D / H;
        const qkv = tf.add(tf.matMul(tf.reshape(x, [N * T, D]), this.qkvKernel.read()), this.qkvBias.read());
        // [N·T, 3D] → [3, N, H, T, d]
        const split = tf.transpose(tf.reshape(qkv, [N, T, 3, H, d]), [2, 0, 3, 1, 4]);
        const [q, k, v] = tf.unstack(split).map((m) => tf.reshape(m, [N * H, T, d]));
        const weights = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(d)));
        const context = tf.reshape(tf.transpose(tf.reshape(tf.matMul(weights, v), [N, H, T, d]), [0, 2, 1, 3]), [N * T, D]);
        return tf.reshape(tf.add(tf.matMul(context, this.outKernel.read()), this.outBias.read()), [N, T, D]);
      });
    }
  }
  // Layer normalization over the last axis, nnplay's layer_norm: (x − μ)/sqrt(σ² + ε)·γ + β,
  // biased σ², ε 1e-5, γ = 1 and β = 0 at the start. Why not tf.layers.layerNormalization: it
  // tiles γ and β to the whole [N, T, D] batch (a workaround for tfjs issue 2120 in its source),
  // and Tile's gradient is one Slice and one Add per copy — 2 × 1,024 kernels per layer per
  // batch here, ~5 s of a ~5.5 s batch (see --stock-layer-norm). Broadcasting ops compute the
  // same values and gradients.
  class LayerNorm extends tfl.layers.Layer {
    static className = 'LayerNorm';
    constructor(config) { super(config); this.epsilon = config.epsilon; }
    build(shape) {
      const D = shape[shape.length - 1];
      this.gamma = this.addWeight('gamma', [D], 'float32', tfl.initializers.ones());
      this.beta = this.addWeight('beta', [D], 'float32', tfl.initializers.zeros());
      this.built = true;
    }
    computeOutputShape(shape) { return shape; }
    call(inputs) {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? inputs[0] : inputs;
        const { mean, variance } = tf.moments(x, -1, true);
        const normalized = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.epsilon)));
        return tf.add(tf.mul(normalized, this.gamma.read()), this.beta.read());
      });
    }
  }
  return { OneHotEmbedding, SinusoidalPositions, MultiHeadSelfAttention, LayerNorm };
}

function lstmModel(tf, tfl) {
  const model = tfl.sequential({ layers: [
    // recurrentActivation: TF.js' default is hardSigmoid; nnplay's gates use the logistic.
    tfl.layers.lstm({ inputShape: [LSTM.length, 1], units: LSTM.units, recurrentActivation: 'sigmoid', unitForgetBias: true }),
    tfl.layers.dense({ units: 1 }),
  ] });
  model.compile({ optimizer: tf.train.adam(LEARNING_RATE, 0.9, 0.999, 1e-8), loss: 'meanSquaredError' });
  return model;
}

function transformerModel(tf, tfl, custom, stockLayerNorm) {
  const { length: T, symbols: V, width: D, heads, ffUnits } = TRANSFORMER;
  const tokens = tfl.input({ shape: [T] });
  let x = new custom.OneHotEmbedding({ vocabulary: V, dimension: D }).apply(tokens);
  x = new custom.SinusoidalPositions({ steps: T, width: D }).apply(x);
  for (let b = 0; b < TRANSFORMER.blocks; b++) {
    // Post-norm, as nnplay's transformer_block: u = LN(x + attention(x)), y = LN(u + FF(u)).
    const norm = () => (stockLayerNorm ? tfl.layers.layerNormalization({ epsilon: 1e-5 }) : new custom.LayerNorm({ epsilon: 1e-5 }));
    const attended = new custom.MultiHeadSelfAttention({ heads }).apply(x);
    const u = norm().apply(tfl.layers.add().apply([x, attended]));
    const hidden = tfl.layers.dense({ units: ffUnits, activation: 'relu' }).apply(u);
    const ff = tfl.layers.dense({ units: D }).apply(hidden);
    x = norm().apply(tfl.layers.add().apply([u, ff]));
  }
  const probabilities = tfl.layers.dense({ units: V, activation: 'softmax' }).apply(x);
  const model = tfl.model({ inputs: tokens, outputs: probabilities });
  // categoricalCrossentropy on [N, T, V]: the mean over the N·T steps, as nnplay's per-step loss.
  model.compile({ optimizer: tf.train.adam(LEARNING_RATE, 0.9, 0.999, 1e-8), loss: 'categoricalCrossentropy' });
  return model;
}

// One TF.js peer: { name, parameters, restart(), batch() → loss }.
function tfjsPeer(tfjs, id, stockLayerNorm) {
  const { tf, tfl } = tfjs;
  const custom = customLayers(tf, tfl);
  const batches = [];
  if (id === 'W7.lstm') {
    const d = sumOfSines(LSTM.length, SAMPLES);
    for (let s = 0; s + BATCH <= SAMPLES; s += BATCH) {
      batches.push({ x: tf.tensor3d(d.inputs.subarray(s * LSTM.length, (s + BATCH) * LSTM.length), [BATCH, LSTM.length, 1]),
                     y: tf.tensor2d(d.targets.subarray(s, s + BATCH), [BATCH, 1]) });
    }
  } else {
    const { length: T, symbols: V } = TRANSFORMER;
    const d = reverseTokens(T, V, SAMPLES);
    for (let s = 0; s + BATCH <= SAMPLES; s += BATCH) {
      const oneHot = new Float32Array(BATCH * T * V);
      for (let k = 0; k < BATCH * T; k++) oneHot[k * V + d.targets[s * T + k]] = 1;
      batches.push({ x: tf.tensor2d(d.inputs.subarray(s * T, (s + BATCH) * T), [BATCH, T]),
                     y: tf.tensor3d(oneHot, [BATCH, T, V]) });
    }
  }
  let model, cursor = 0;
  const peer = {
    id, name: 'tfjs-wasm', library: tfjs.library,
    driver: 'model.trainOnBatch per batch of 32' + (id === 'W7.transformer'
      ? ` (custom layers: one-hot embedding, positions, attention${stockLayerNorm ? '; STOCK tf.layers.layerNormalization' : ', layer norm'})` : ''),
    restart() {
      if (model) model.dispose();
      model = id === 'W7.lstm' ? lstmModel(tf, tfl) : transformerModel(tf, tfl, custom, stockLayerNorm);
      cursor = 0;
    },
    async batch() {
      const { x, y } = batches[cursor];
      cursor = (cursor + 1) % batches.length;
      return model.trainOnBatch(x, y);  // resolves with the loss (reads it back: a sync per batch)
    },
  };
  const warn = console.warn;
  console.warn = () => {};  // the orthogonal initializer's "slowness may result" for 64×256: untimed
  peer.restart();
  console.warn = warn;
  peer.parameters = model.countParams();
  const previousRestart = peer.restart;
  peer.restart = () => { console.warn = () => {}; previousRestart(); console.warn = warn; };
  return peer;
}

// ---- nnplay WASM through the JavaScript API ----------------------------------------------------

async function loadNnplay() {
  const wasmBinary = fs.readFileSync(join(root, 'web/wasm/engine.wasm'));
  const { createEngine } = await import(pathToFileURL(join(root, 'web/js/engine.js')).href);
  return createEngine({ wasmBinary });
}

function nnplayPeer(engine, id) {
  const session = engine.createSequenceSession(W7_CONFIGS[id]);
  return {
    id, name: 'nnplay-wasm', library: `nnplay ${engine.version} WASM (web/wasm, Eigen SIMD "${engine.simd}")`,
    driver: 'session.step() per batch of 32 (JS API)',
    parameters: session.describe().parameters,
    restart() { session.reset(); },
    batch() { return session.step().loss; },
  };
}

// ---- timing ---------------------------------------------------------------------------------

function runNative(bin, ids, options) {
  const out = execFileSync(bin, ['--only', ids.join(','), '--json', '--reps', String(options.reps), '--min-time', String(options.minSeconds)],
                           { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const run = JSON.parse(out.trim().split('\n').pop());
  return ids.map((id) => {
    const w = run.workloads.find((x) => x.id === id);
    return { id, name: 'nnplay-native', library: `nnplay ${bin.replace(root + '/', '')} (${run.flags})`, driver: w.driver,
             median: w.median, min: w.min, max: w.max, cpuMedian: w.cpuMedian, cpuShare: w.cpuShare,
             rates: w.rates, cpuRates: w.cpuRates };
  });
}

// ---- main -----------------------------------------------------------------------------------

const options = parseOptions(process.argv.slice(2));
const out = options.json ? process.stderr : process.stdout;
const ids = MODELS.filter((id) => options.only.size === 0 || options.only.has(id));
const tfjs = await loadTfjs();
const engine = await loadNnplay();
const peers = [];
for (const id of ids) {
  peers.push(nnplayPeer(engine, id), tfjsPeer(tfjs, id, options.stockLayerNorm));
  const expected = id === 'W7.lstm' ? LSTM.parameters : TRANSFORMER.parameters;
  for (const p of peers.filter((x) => x.id === id)) {
    if (p.parameters !== expected) throw new Error(`${id} ${p.name} has ${p.parameters} parameters, not ${expected}`);
  }
}
out.write(`W7 peers: LSTM 64 on 50x1 -> dense 1, MSE (${LSTM.parameters} parameters); 2 post-norm transformer blocks ` +
          `d64/4 heads/ff128 on 32 tokens of 16, per-step softmax CE (${TRANSFORMER.parameters} parameters); ` +
          `batch ${BATCH}, Adam lr ${LEARNING_RATE}, no clipping\n`);
out.write(`node ${process.version}; ${tfjs.library}, .wasm read from ${tfjs.wasmFile || '(none recorded)'}, no fetch; ` +
          `load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}\n`);
if (options.traceLoss) {
  for (const p of peers) {
    p.restart();
    const quarter = Math.floor(options.traceLoss / 4), means = [];
    for (let q = 0; q < 4; q++) {
      let sum = 0;
      for (let b = 0; b < quarter; b++) sum += await p.batch();
      means.push((sum / quarter).toFixed(4));
    }
    out.write(`${p.id} ${p.name}: mean loss per ${quarter} batches: ${means.join(', ')}\n`);
  }
  process.exit(0);
}
out.write(`${options.reps} repetitions x >= ${options.minSeconds} s per peer, interleaved ...\n\n`);
await measurePeers(peers, options, BATCH);
const rows = [...peers];
if (options.native) rows.push(...runNative(options.native, ids, options));

const f = (v) => (v >= 1000 ? `${(v / 1000).toFixed(3)} k` : `${v.toFixed(1)}  `).padStart(10);
out.write(`${'model'.padEnd(15)} ${'peer'.padEnd(14)} ${'median'.padStart(10)} ${'min'.padStart(10)} ${'max'.padStart(10)} ` +
          `${'cpu median'.padStart(10)} ${'cpu%'.padStart(5)}  samples/s, library\n`);
for (const r of rows) {
  out.write(`${r.id.padEnd(15)} ${r.name.padEnd(14)} ${f(r.median)} ${f(r.min)} ${f(r.max)} ${f(r.cpuMedian)} ` +
            `${(100 * r.cpuShare).toFixed(0).padStart(4)}%  ${r.library}; ${r.driver}\n`);
}
out.write('\n');
const ratios = {};
const find = (id, name) => rows.find((r) => r.id === id && r.name === name);
for (const id of ids) {
  const wasm = find(id, 'nnplay-wasm'), tfw = find(id, 'tfjs-wasm'), native = find(id, 'nnplay-native');
  const pairs = [[wasm, tfw, 3], [native, tfw, null], [wasm, native, null]];
  for (const [a, b, target] of pairs) {
    if (!a || !b) continue;
    const key = `${a.name}/${b.name}`, wall = a.median / b.median, cpu = a.cpuMedian / b.cpuMedian;
    (ratios[id] ??= {})[key] = { ofMedians: wall, ofCpuMedians: cpu };
    out.write(`${id} ${key}: ${wall.toFixed(2)}x (wall-clock medians), ${cpu.toFixed(2)}x (CPU-time medians)` +
              (target ? `; target >= ${target}x: ${wall >= target ? 'met' : 'NOT met'} (cpu-time: ${cpu >= target ? 'met' : 'NOT met'})` : '') + '\n');
  }
}
if (options.json) {
  process.stdout.write(JSON.stringify({
    schema: 'nnplay-bench/1', bench: 'peers-sequence', node: process.version,
    repetitions: options.reps, minSeconds: options.minSeconds,
    workloads: rows.map((r) => ({ id: `${r.id}.${r.name}`, model: r.id, peer: r.name, library: r.library, driver: r.driver,
                                  unit: 'samples/s', median: r.median, min: r.min, max: r.max, cpuMedian: r.cpuMedian,
                                  cpuShare: r.cpuShare, rates: r.rates, cpuRates: r.cpuRates })),
    ratios,
  }) + '\n');
}
process.exit(0);
