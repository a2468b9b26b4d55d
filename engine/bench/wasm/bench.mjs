// nnplay's WASM benchmark: the native benchmark's workloads W1–W4 (engine/bench/workloads.cpp),
// W6 (the small CNN, engine/bench/cnn_workload.cpp) and W7 (an LSTM and a small transformer,
// engine/bench/sequence_workload.cpp),
// plus W5 (the default playground net drawn at 100×100), run in Node through the JavaScript
// API (web/js/engine.js) on the SHIPPED build in web/wasm. build-scripts/bench-wasm runs it
// alternately with both native builds and prints the WASM/native ratios.
//
// usage: node engine/bench/wasm/bench.mjs [--reps N] [--min-time S] [--only IDS] [--json]
//                                         [--quick] [--diagnostics] [--list] [--web DIR]
// The timing scheme is runner.cpp's: each workload is warmed up and calibrated to a fixed
// number of calls per repetition (≥ --min-time), repetitions are INTERLEAVED across
// workloads, an untimed restart (session.reset()) precedes each repetition, and both wall
// time and this process's CPU time are recorded. --json prints the table on stderr and ONE
// JSON line (schema nnplay-bench/1, bench "wasm") on stdout.
// Exit status: 0 ok, 1 a check failed (e.g. engine.simd without SSE2), 2 usage.
import { readFileSync, statSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');

const USAGE = `bench.mjs — nnplay's WASM engine throughput through the JavaScript API (float32)

usage: node engine/bench/wasm/bench.mjs [--reps N] [--min-time S] [--only IDS] [--json] [--quick] [--diagnostics] [--list] [--web DIR]
  --reps N         repetitions per workload, interleaved across workloads (default 9)
  --min-time S     minimum seconds per repetition and workload (default 0.3)
  --only IDS       run only these workloads, e.g. --only W1,W4
  --json           table on stderr, ONE JSON line on stdout
  --quick          --reps 3 --min-time 0.05 (a smoke test, not a measurement)
  --diagnostics    also run the ".raw" / ".perEpoch" rows (where the JS API's own cost shows)
  --list           list the workloads and exit
  --web DIR        measure another build: DIR/js/engine.js + DIR/wasm/engine.{mjs,wasm}
                   (default: web/, the shipped build; e.g. a copy of engine.js next to a test build)
`;

// ---- options ----------------------------------------------------------------------------

function parseOptions(argv) {
  const { options: o, usage } = readOptions(argv, {
    script: 'bench.mjs',
    hint: 'Run "node engine/bench/wasm/bench.mjs --help" for the options.\n',
    defaults: { reps: 9, minSeconds: 0.3, list: false, diagnostics: false, web: join(root, 'web') },
    quick: { reps: 3, minSeconds: 0.05 },
    help: () => USAGE,
    extra: {
      '--diagnostics': (o) => { o.diagnostics = true; },
      '--list': (o) => { o.list = true; },
      '--web': (o, next, { usage }) => { o.web = resolve(next() ?? usage('--web needs a directory')); },
    },
  });
  const known = WORKLOADS.map((w) => w.id);
  for (const id of o.only) if (!known.includes(id)) usage(`unknown workload "${id}" (known: ${known.join(', ')})`);
  return o;
}

import { W7_CONFIGS, W7_PARAMETERS } from './sequence-configs.mjs';
import { readOptions } from './options.mjs';

// ---- the engine's PCG32 (engine/core/rng.cpp), for W3's data ------------------------------
// Native W3 draws its inputs with Rng(1).uniform() and its labels with Rng.below(10); the same
// generator here gives the same 8,192 × 784 values. 64-bit state as two uint32 halves.

class Pcg32 {
  constructor(seed) {
    this.hi = 0; this.lo = 0;
    // increment = (0xda3e39cb94b95bdb << 1) | 1 (mod 2^64)
    this.incHi = 0xb47c7397; this.incLo = 0x2972b7b7;
    this.next();
    this.#add(Math.floor(seed / 2 ** 32) >>> 0, seed >>> 0);
    this.next();
  }
  #add(hi, lo) {
    const l = this.lo + lo;
    this.lo = l >>> 0;
    this.hi = (this.hi + hi + (l > 0xffffffff ? 1 : 0)) >>> 0;
  }
  next() {  // nextU32()
    const oldHi = this.hi, oldLo = this.lo;
    // state = old × 6364136223846793005 + increment (mod 2^64); multiplier 0x5851f42d_4c957f2d
    const mHi = 0x5851f42d, mLo = 0x4c957f2d;
    const [pHi, pLo] = mul32(oldLo, mLo);
    this.hi = (pHi + Math.imul(oldHi, mLo) + Math.imul(oldLo, mHi)) >>> 0;
    this.lo = pLo;
    this.#add(this.incHi, this.incLo);
    // xorShifted = ((old >> 18) ^ old) >> 27, truncated to 32 bits; rotation = old >> 59
    const sHi = (oldHi >>> 18) ^ oldHi;
    const sLo = ((oldLo >>> 18) | (oldHi << 14)) ^ oldLo;
    const x = ((sLo >>> 27) | (sHi << 5)) >>> 0;
    const r = oldHi >>> 27;
    return ((x >>> r) | (x << ((32 - r) & 31))) >>> 0;
  }
  uniform() {
    const high = this.next() >>> 5, low = this.next() >>> 6;
    return (high * 2 ** 26 + low) / 2 ** 53;
  }
  below(bound) {
    const threshold = (2 ** 32 - bound) % bound;
    for (;;) {
      const r = this.next();
      if (r >= threshold) return r % bound;
    }
  }
}

// Full 64-bit product of two uint32 as [high, low] uint32 halves.
function mul32(a, b) {
  const aL = a & 0xffff, aH = a >>> 16, bL = b & 0xffff, bH = b >>> 16;
  const ll = aL * bL, lh = aL * bH, hl = aH * bL, hh = aH * bH;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  const lo = ((mid & 0xffff) * 0x10000 + (ll & 0xffff)) >>> 0;
  const hi = (hh + (lh >>> 16) + (hl >>> 16) + Math.floor(mid / 0x10000)) >>> 0;
  return [hi, lo];
}

// Values the native Rng(1) gives (printed by a C++ check against engine/core/rng.cpp):
// the first three uniform() cast to float, and below(10) right after W3's 784·8192 inputs.
const RNG_REFERENCE = { uniforms: [0.93902373313903809, 0.96977156400680542, 0.30470737814903259], labels: [0, 5, 9, 7, 9] };

function checkRngPort() {
  const r = new Pcg32(1);
  const got = RNG_REFERENCE.uniforms.map(() => Math.fround(r.uniform()));
  if (got.some((v, i) => v !== RNG_REFERENCE.uniforms[i])) {
    throw new Error(`the PCG32 port disagrees with engine/core/rng.cpp: first uniforms ${got} instead of ${RNG_REFERENCE.uniforms}`);
  }
}

// W3's data exactly as mnistSizedProblem() in workloads.cpp: inputs column by column
// (feature j of sample i is draw j·8192 + i), then the labels. Row-major for setData.
function mnistSizedData() {
  const samples = 8192, features = 784, classes = 10;
  const rng = new Pcg32(1);
  const points = new Float32Array(samples * features);
  for (let j = 0; j < features; j++) {
    for (let i = 0; i < samples; i++) points[i * features + j] = rng.uniform();
  }
  const labels = new Float32Array(samples);
  for (let i = 0; i < samples; i++) labels[i] = rng.below(classes);
  const head = Array.from(labels.subarray(0, RNG_REFERENCE.labels.length));
  if (head.some((v, i) => v !== RNG_REFERENCE.labels[i])) {
    throw new Error(`W3 labels ${head} differ from the native generator's ${RNG_REFERENCE.labels}`);
  }
  return { points, labels, dims: features, classes };
}

// ---- the workloads ------------------------------------------------------------------------
// Each: id, title, driver (the JS calls), unit, workPerCall, differs (what is not the same as
// the native row it is compared with), native (that row's id), make(ctx) → {call, restart}.

const tanh = (units) => ({ units, activation: 'tanh' });
const SGD = (learningRate) => ({ kind: 'sgd', learningRate });

// The circle problem of W1 (workloads.cpp circleProblem()): all 500 points train (no test set).
const W1_CONFIG = {
  data: { kind: 'circle', points: 500, noise: 0, seed: 1, testFraction: 0 },
  network: { hidden: [tanh(8), tanh(8)], output: { activation: 'sigmoid', loss: 'binary_cross_entropy' }, seed: 1 },
  optimizer: SGD(0.03),
  training: { batchSize: 10, shuffle: true, seed: 1 },
};
const W2_CONFIG = {  // xorProblem(): the XOR gate's 4 rows (without points the session makes 300 rows), noise 0, full batch, no shuffle (as `nnplay xor`)
  data: { kind: 'xor_gate', points: 4, noise: 0, seed: 1, testFraction: 0 },
  network: { hidden: [{ units: 4, activation: 'sigmoid' }], output: { activation: 'sigmoid', loss: 'mse' }, seed: 1 },
  optimizer: SGD(1),
  training: { batchSize: 4, shuffle: false, seed: 1 },
};
const W3_CONFIG = (shuffle) => ({  // mnistSizedProblem(); the data comes by setData
  data: { testFraction: 0 },
  network: { hidden: [{ units: 128, activation: 'relu' }, { units: 64, activation: 'relu' }],
             output: { activation: 'softmax', loss: 'categorical_cross_entropy' }, seed: 1 },
  optimizer: SGD(0.01),
  training: { batchSize: 32, shuffle, seed: 1 },
});
const W4_CONFIG = {  // GridRun: 2-8-8-8-1 tanh, sigmoid output, over the circle's bounds
  data: { kind: 'circle', points: 500, noise: 0, seed: 1, testFraction: 0 },
  network: { hidden: [tanh(8), tanh(8), tanh(8)], output: { activation: 'sigmoid', loss: 'binary_cross_entropy' }, seed: 1 },
  optimizer: SGD(0.03),
};
const W3_BATCHES = 255;
// W6 (engine/bench/cnn_workload.cpp): the small CNN of issue 12 on the shipped images.
const W6_CONFIG = {
  data: { source: 'custom', testFraction: 0 },
  network: {
    inputShape: [1, 28, 28], loss: 'categorical_cross_entropy', seed: 1,
    layers: [
      { kind: 'conv2d', filters: 8, kernel: 5, padding: 'same' }, { kind: 'activation', activation: 'relu' }, { kind: 'max_pool2d', size: 2 },
      { kind: 'conv2d', filters: 16, kernel: 5, padding: 'same' }, { kind: 'activation', activation: 'relu' }, { kind: 'max_pool2d', size: 2 },
      { kind: 'flatten' }, { kind: 'dense', units: 10 }, { kind: 'activation', activation: 'softmax' },
    ],
  },
  optimizer: SGD(0.01),
  training: { batchSize: 32, shuffle: false, seed: 1 },
};
const W6_BATCHES = 8;

// The 10,000 training images of web/data/fashion-mnist.bin (layout: build-scripts/build-data.mjs).
function fashionMnistTrain() {
  const bytes = readFileSync(join(root, 'web/data/fashion-mnist.bin'));
  const n = 10000;
  const points = new Float32Array(n * 784);
  for (let i = 0; i < points.length; i++) points[i] = bytes[i] / 255;
  return { points, labels: Float32Array.from(bytes.subarray(n * 784, n * 785)), dims: 784, classes: 10 };
}  // one short of an epoch (256 batches): no per-epoch evaluation

// W7 (engine/bench/sequence_workload.cpp): an LSTM and a 2-block transformer, through
// engine.createSequenceSession with the native configs (sequence-configs.mjs).
const W7_BATCHES = 4;

const SPLIT_NOTE = 'the session\'s split (testFraction 0) permutes the training rows once, so batches hold other points than natively (same count, same work)';
const CALL_NOTE = (calls) => `${calls} (argument check, embind call, error-slot read)`;

const WORKLOADS = [
  {
    id: 'W1', native: 'W1', unit: 'samples/s', workPerCall: 500,
    title: '2-8-8-1 tanh, sigmoid+BCE, circle 500, batch 10, SGD lr 0.03',
    driver: 'session.train(50): one epoch per JS call (Trainer::stepBatch ×50: shuffle, per-epoch eval)',
    differs: `same work as native W1 (Trainer, shuffle, per-epoch Eval pass over the 500 points, no test set); ${SPLIT_NOTE}; +1 JS→WASM call per epoch`,
    make: ({ engine }) => sessionWorkload(engine, W1_CONFIG, { trainSize: 500, testSize: 0, batchesPerEpoch: 50, parameterCount: 105 },
      (s) => () => s.train(50)),
  },
  {
    id: 'W2', native: 'W2', unit: 'epochs/s', workPerCall: 1000,
    title: 'XOR 2-4-1 sigmoid, MSE, SGD lr 1, full batch (4 points)',
    driver: 'session.train(1000): 1000 epochs per JS call (one step + a 4-point eval each)',
    differs: `same work as native W2 (one SGD step and one Eval pass over 4 points per epoch, history grows by one record); the split permutes the 4 rows; +1 JS→WASM call per 1000 epochs`,
    make: ({ engine }) => sessionWorkload(engine, W2_CONFIG, { trainSize: 4, testSize: 0, batchesPerEpoch: 1, parameterCount: 17 },
      (s) => () => s.train(1000)),
  },
  {
    id: 'W3', native: 'W3', unit: 'samples/s', workPerCall: W3_BATCHES * 32,
    title: '784-128-64-10 ReLU, softmax+CCE, batch 32, 8192 random samples, SGD lr 0.01',
    driver: `session.reset(); session.train(${W3_BATCHES}) per JS call (shuffle off)`,
    differs: `native W3 drives forward/backward/step on contiguous row blocks directly; here the Trainer does it, and each call also re-initializes the weights (reset) and copies the 8192×784 training set once (the epoch's gather, identity order) for its ${W3_BATCHES} batches; no per-epoch evaluation (the epoch never completes); ${SPLIT_NOTE}`,
    make: ({ engine, w3data }) => sessionWorkload(engine, W3_CONFIG(false), W3_EXPECTED, (s) => () => {
      s.reset();
      return s.train(W3_BATCHES);
    }, w3data()),
  },
  {
    id: 'W3.trainer', native: 'W3.trainer', unit: 'samples/s', workPerCall: 8192,
    title: '784-128-64-10 ReLU, softmax+CCE, batch 32, 8192 random samples, SGD lr 0.01',
    driver: 'session.train(256): one epoch per JS call (shuffle, gather, 256 batches, Eval pass over 8192)',
    differs: `same work as native W3.trainer (Trainer::stepEpoch with shuffle and the per-epoch Eval pass over the 8192 training points, no test set); ${SPLIT_NOTE}`,
    make: ({ engine, w3data }) => sessionWorkload(engine, W3_CONFIG(true), W3_EXPECTED, (s) => () => s.train(256), w3data()),
  },
  {
    id: 'W4', native: 'W4', unit: 'grids/s', workPerCall: 1,
    title: '2-8-8-8-1 tanh (sigmoid out), 256x256 grid as one batch',
    driver: 'session.evaluateGrid({resolution: 256})',
    differs: 'native W4 is Network::forward(Eval) on a prebuilt grid; here each call also fills the 65,536 grid points, copies them through the x1,x2 features, and returns views of the output and of every neuron layer',
    make: ({ engine }) => sessionWorkload(engine, W4_CONFIG, { trainSize: 500, testSize: 0, parameterCount: 177 }, (s) => () => {
      const g = s.evaluateGrid({ resolution: 256 });
      return g.output[0] + g.output[g.rows - 1];
    }),
  },
  {
    id: 'W5', native: null, unit: 'evaluations/s', workPerCall: 1,
    title: 'default session (2-4-2-1 tanh, sigmoid out), 100x100 grid, output + every neuron',
    driver: 'createSession() with no config; session.evaluateGrid({resolution: 100})',
    differs: 'no native counterpart; target >= 600 evaluations/s (10 x what 60 fps needs)',
    make: ({ engine }) => sessionWorkload(engine, undefined, { trainSize: 210, testSize: 90, parameterCount: 25 }, (s) => () => {
      const g = s.evaluateGrid({ resolution: 100 });
      let x = g.output[g.rows - 1];
      for (const layer of g.neuronLayers) x += layer[layer.length - 1];
      return x;
    }),
  },
  {
    id: 'W6', native: 'W6', unit: 'samples/s', workPerCall: W6_BATCHES * 32,
    title: 'CNN conv5x5x8-relu-pool2-conv5x5x16-relu-pool2-dense10, softmax+CCE, batch 32, SGD lr 0.01, Fashion-MNIST subset',
    driver: `session.train(${W6_BATCHES}) per JS call (network.inputShape [1, 28, 28], shuffle off)`,
    differs: `native W6 drives forward/backward/step on contiguous row blocks; here the Trainer gathers each batch; ${W6_BATCHES} batches per call, no per-epoch evaluation within a repetition; ${SPLIT_NOTE}`,
    // The image shape needs the images first: set the data on a plain session, then configure.
    make: ({ engine, w6data }) => sessionWorkload(engine, { network: { hidden: [] } }, {}, (s) => {
      s.configure(W6_CONFIG);
      const d = s.describe();
      if (d.trainSize !== 10000 || d.parameterCount !== 11274) throw new Error(`W6 set-up: ${d.trainSize} images, ${d.parameterCount} parameters`);
      return () => s.train(W6_BATCHES);
    }, w6data()),
  },
  {
    id: 'W7.lstm', native: 'W7.lstm', unit: 'samples/s', workPerCall: W7_BATCHES * 32,
    title: 'LSTM 64 on sum_of_sines 50x1, last state -> dense 1, MSE, batch 32, Adam lr 0.003',
    driver: `sequenceSession.train(${W7_BATCHES}) per JS call (SequenceSession::step: gather, forward, loss, backward, Adam)`,
    differs: `same work as native W7.lstm (SequenceSession::step per batch, same config and data); +1 JS→WASM call per ${W7_BATCHES} batches`,
    make: ({ engine }) => sequenceWorkload(engine, 'W7.lstm', (s) => () => s.train(W7_BATCHES).loss),
  },
  {
    id: 'W7.transformer', native: 'W7.transformer', unit: 'samples/s', workPerCall: W7_BATCHES * 32,
    title: '2 transformer blocks d64 4 heads ff128 on reverse 32 tokens/16 symbols, per-step softmax CE, batch 32, Adam lr 0.003',
    driver: `sequenceSession.train(${W7_BATCHES}) per JS call (SequenceSession::step: gather, forward, loss, backward, Adam)`,
    differs: `same work as native W7.transformer (SequenceSession::step per batch, same config and data); +1 JS→WASM call per ${W7_BATCHES} batches`,
    make: ({ engine }) => sequenceWorkload(engine, 'W7.transformer', (s) => () => s.train(W7_BATCHES).loss),
  },
  // ---- diagnostics (--diagnostics): how much of a gap is the JS API's own cost ----
  {
    id: 'W2.perEpoch', native: 'W2', unit: 'epochs/s', workPerCall: 1, diagnostic: true,
    title: 'XOR 2-4-1 sigmoid, MSE, SGD lr 1, full batch (4 points)',
    driver: 'session.stepEpoch(): one JS call per epoch (returns an EpochRecord object)',
    differs: 'as W2 but one JS→WASM call per epoch: shows the per-call cost of the API',
    make: ({ engine }) => sessionWorkload(engine, W2_CONFIG, { trainSize: 4, testSize: 0 }, (s) => () => s.stepEpoch().epoch),
  },
  {
    id: 'W1.raw', native: 'W1', unit: 'samples/s', workPerCall: 500, diagnostic: true,
    title: '2-8-8-1 tanh, sigmoid+BCE, circle 500, batch 10, SGD lr 0.03',
    driver: 'direct embind handle.train(50) (no engine.js)',
    differs: 'as W1 without engine.js (no argument check, no error-slot read)',
    make: ({ module }) => rawWorkload(module, W1_CONFIG, (h) => () => h.train(50)),
  },
  {
    id: 'W4.raw', native: 'W4', unit: 'grids/s', workPerCall: 1, diagnostic: true,
    title: '2-8-8-8-1 tanh (sigmoid out), 256x256 grid as one batch',
    driver: 'direct embind handle.evaluateGrid(256, -6, 6, -6, 6) (no engine.js)',
    differs: 'as W4 without engine.js (no argument check, no error-slot read)',
    make: ({ module }) => rawWorkload(module, W4_CONFIG, (h) => () => {
      const out = h.evaluateGrid(256, -6, 6, -6, 6).output;
      return out[0] + out[out.length - 1];
    }),
  },
  {
    id: 'W5.raw', native: null, unit: 'evaluations/s', workPerCall: 1, diagnostic: true,
    title: 'default session (2-4-2-1 tanh, sigmoid out), 100x100 grid',
    driver: 'direct embind handle.evaluateGrid(100, -6, 6, -6, 6) (no engine.js)',
    differs: 'as W5 without engine.js (no argument check, no error-slot read)',
    make: ({ module }) => rawWorkload(module, {}, (h) => () => {
      const out = h.evaluateGrid(100, -6, 6, -6, 6).output;
      return out[out.length - 1];
    }),
  },
];

const W3_EXPECTED = { inputs: 784, outputs: 10, classes: 10, trainSize: 8192, testSize: 0, batchesPerEpoch: 256, parameterCount: 109386 };

// A session built through the JS API, checked against the native problem's shape.
function sessionWorkload(engine, config, expected, makeCall, data) {
  const s = engine.createSession(config);
  if (data) s.setData(data);
  const d = s.describe();
  for (const [key, value] of Object.entries(expected)) {
    if (d[key] !== value) throw new Error(`workload set-up: describe().${key} is ${d[key]}, expected ${value}`);
  }
  return { call: makeCall(s), restart: () => s.reset() };
}

// A sequence session (W7) from its shared config, checked against the native parameter count.
function sequenceWorkload(engine, id, makeCall) {
  const s = engine.createSequenceSession(W7_CONFIGS[id]);
  const parameters = s.describe().parameters;
  if (parameters !== W7_PARAMETERS[id]) throw new Error(`${id} set-up: ${parameters} parameters, expected ${W7_PARAMETERS[id]}`);
  return { call: makeCall(s), restart: () => s.reset() };
}

// A session driven through the raw embind handle (a second module instance), for diagnostics.
function rawWorkload(module, config, makeCall) {
  const h = module.newSession(JSON.stringify(config));
  if (module.HEAP32[module.errorKindAddress() >> 2] !== 0) throw new Error(module.takeErrorMessage());
  return { call: makeCall(h), restart: () => h.reset() };
}

// ---- timing (runner.cpp's scheme) ---------------------------------------------------------

let checksum = 0;

function timeCalls(w, calls) {
  if (w.restart) w.restart();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let sum = 0;
  for (let i = 0; i < calls; i++) sum += w.call();
  const wall = (performance.now() - t0) / 1e3;
  const c = process.cpuUsage(cpu0);
  checksum += sum;
  return { wall, cpu: (c.user + c.system) / 1e6 };
}

// Warm-up (V8 compiles WASM first with its baseline compiler and re-compiles hot functions
// with TurboFan in the background: run ~warmSeconds before measuring), then calls per
// repetition so that one repetition lasts ≥ minSeconds.
function calibrate(w, minSeconds, warmSeconds) {
  const start = performance.now();
  let calls = 1;
  while ((performance.now() - start) / 1e3 < warmSeconds) {
    const t = timeCalls(w, calls).wall;
    if (t < 0.02) calls *= 2;
  }
  calls = 1;
  const probe = Math.min(0.05, minSeconds / 4);
  for (;;) {
    const t = timeCalls(w, calls).wall;
    if (t >= probe) return Math.max(1, Math.ceil(minSeconds * calls / t));
    calls *= t > 0 ? Math.min(100, Math.max(2, Math.floor(probe / t * 1.2))) : 100;
  }
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b), n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

function measureInterleaved(workloads, instances, o) {
  const warm = Math.max(0.1, Math.min(0.5, o.minSeconds * 2));
  const results = workloads.map((w, i) => ({ callsPerRepetition: calibrate(instances[i], o.minSeconds, warm), rates: [], cpuRates: [] }));
  const progress = process.stderr.isTTY;
  for (let rep = 0; rep < o.reps; rep++) {
    if (progress) process.stderr.write(`  repetition ${rep + 1}/${o.reps}\r`);
    workloads.forEach((w, i) => {
      const r = results[i];
      const t = timeCalls(instances[i], r.callsPerRepetition);
      const work = r.callsPerRepetition * w.workPerCall;
      r.rates.push(work / t.wall);
      r.cpuRates.push(work / t.cpu);
    });
  }
  if (progress) process.stderr.write(`${' '.repeat(40)}\r`);
  for (const r of results) {
    r.median = median(r.rates);
    r.min = Math.min(...r.rates);
    r.max = Math.max(...r.rates);
    r.cpuMedian = median(r.cpuRates);
    r.cpuShare = median(r.rates.map((x, k) => x / r.cpuRates[k]));
  }
  return results;
}

// ---- output -------------------------------------------------------------------------------

const human = (v) => !Number.isFinite(v) ? 'n/a'
  : v >= 1e9 ? `${(v / 1e9).toFixed(3)} G` : v >= 1e6 ? `${(v / 1e6).toFixed(3)} M`
  : v >= 1e3 ? `${(v / 1e3).toFixed(3)} k` : `${v.toFixed(3)}  `;

const loadAverage = () => { try { return readFileSync('/proc/loadavg', 'utf8').split(' ')[0]; } catch { return '?'; } };

// Raw, gzip -9 and brotli sizes of what a page downloads.
function fileSizes(wasmDir, apiFile) {
  const files = { 'engine.wasm': join(wasmDir, 'engine.wasm'), 'engine.mjs': join(wasmDir, 'engine.mjs'),
                  'engine.js': apiFile };
  const out = {};
  for (const [name, path] of Object.entries(files)) {
    const bytes = readFileSync(path);
    out[name] = { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length,
                  brotli: brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
                  modified: statSync(path).mtime.toISOString() };
  }
  return out;
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  const selected = WORKLOADS.filter((w) => o.only.size ? o.only.has(w.id) : !w.diagnostic || o.diagnostics);
  if (o.list) {
    for (const w of WORKLOADS) {
      console.log(`${w.id.padEnd(15)} ${w.unit.padEnd(14)} ${w.title}${w.diagnostic ? '  [--diagnostics]' : ''}\n${''.padEnd(30)}driver: ${w.driver}`);
    }
    return 0;
  }
  const out = o.json ? process.stderr : process.stdout;
  const print = (s = '') => out.write(s + '\n');

  // engine.js imports ../wasm/engine.mjs: by default the shipped build is the one measured.
  const wasmDir = join(o.web, 'wasm'), apiFile = join(o.web, 'js/engine.js');
  const wasmBinary = readFileSync(join(wasmDir, 'engine.wasm'));
  const { createEngine } = await import(pathToFileURL(apiFile).href);
  const engine = await createEngine({ wasmBinary });
  // A second, raw module instance for the ".raw" diagnostics (no engine.js in between).
  let module = null;
  if (selected.some((w) => w.id.endsWith('.raw'))) {
    const createModule = (await import(pathToFileURL(join(wasmDir, 'engine.mjs')).href)).default;
    module = await createModule({ wasmBinary });
  }
  checkRngPort();
  let w3 = null;
  const ctx = { engine, module, w3data: () => (w3 ??= mnistSizedData()), w6data: fashionMnistTrain };

  const sizes = fileSizes(wasmDir, apiFile);
  print(`nnplay WASM bench: Node ${process.versions.node} (V8 ${process.versions.v8}), engine ${engine.version}, ` +
        `Eigen SIMD "${engine.simd}" on WebAssembly SIMD128; float32; ${wasmDir}`);
  const simdOk = /\bSSE2\b/.test(engine.simd);
  print(`engine.simd contains SSE2: ${simdOk ? 'yes' : 'NO (Eigen runs scalar code: the build lost -msse2)'}`);
  print(`sizes: ${Object.entries(sizes).map(([n, s]) => `${n} ${s.raw} B (gzip ${s.gzip} B, brotli ${s.brotli} B)`).join('; ')}`);

  const instances = selected.map((w) => w.make(ctx));
  const loadBefore = loadAverage();
  out.write(`${o.reps} repetitions x >= ${o.minSeconds} s per workload, workloads interleaved; load average ${loadBefore} ...`);
  const m = measureInterleaved(selected, instances, o);
  const loadAfter = loadAverage();
  print(` ${loadAfter}\n`);
  print(`${'id'.padEnd(15)} ${'median'.padStart(12)} ${'min'.padStart(12)} ${'max'.padStart(12)} ${'spread'.padStart(7)} ` +
        `${'cpu median'.padStart(12)} ${'cpu%'.padStart(5)}  ${'unit'.padEnd(14)} driver`);
  selected.forEach((w, i) => {
    const r = m[i];
    print(`${w.id.padEnd(15)} ${human(r.median).padStart(12)} ${human(r.min).padStart(12)} ${human(r.max).padStart(12)} ` +
          `${(100 * (r.max - r.min) / r.median).toFixed(1).padStart(6)}% ${human(r.cpuMedian).padStart(12)} ` +
          `${(100 * r.cpuShare).toFixed(0).padStart(4)}%  ${w.unit.padEnd(14)} ${w.driver}`);
  });
  print('(median/min/max: wall clock; cpu median: work per CPU second of this process; cpu%: CPU time / wall time)');

  if (o.json) {
    const j = {
      schema: 'nnplay-bench/1', bench: 'wasm', variant: 'wasm',
      compiler: `emscripten build in ${wasmDir}, run by Node ${process.versions.node} / V8 ${process.versions.v8}`,
      flags: wasmDir === join(root, 'web/wasm') ? 'the shipped web/wasm build (Release: -O3 -msimd128 -msse2)' : 'a test build', simd: engine.simd, simdHasSse2: simdOk,
      scalar: 'float32', node: process.versions.node, v8: process.versions.v8,
      repetitions: o.reps, minSeconds: o.minSeconds, loadAverage: { before: loadBefore, after: loadAfter },
      web: o.web, checksum, sizes,
      workloads: selected.map((w, i) => ({
        id: w.id, native: w.native, title: w.title, driver: w.driver, differs: w.differs, unit: w.unit,
        workPerCall: w.workPerCall, diagnostic: !!w.diagnostic, ...m[i],
      })),
    };
    process.stdout.write(JSON.stringify(j) + '\n');
  }
  return simdOk ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(`bench.mjs: ${e.stack ?? e}\n`);
  process.exit(1);
});
