// nnplay's JavaScript API: the engine (C++ compiled to WebAssembly) as plain objects and typed
// arrays. Works unchanged in a page, in a module Worker and in Node 18+ (pass wasmBinary).
// Contract: docs/api-reference.md; guide with examples: docs/api.md; types: engine.d.ts.
//
// Every method validates its arguments before reaching WebAssembly (TypeError for a wrong
// type, RangeError for a number out of range, each naming the argument), and every engine
// error arrives as an EngineError whose name is the engine's kind ('InvalidArgument',
// 'ModelFormatError', 'TrainingDiverged'). After any error the session is still usable.
//
// VIEWS: parameters(), gradients(), evaluateGrid(), evaluatePoints(), convFilters() and
// featureMaps() return Float32Array views INTO WebAssembly memory (no copy). A view is valid until the next call into the
// engine: the engine may overwrite it, and when WebAssembly memory grows every older view is
// detached (its length becomes 0). Re-fetch after every call; copy with .slice() to keep.
import createModule from '../wasm/engine.mjs';

// Codes of the error slot in engine/wasm/bindings.cpp (ErrorKind there).
const ERROR_NAMES = ['', 'InvalidArgument', 'ModelFormatError', 'TrainingDiverged', 'EngineError'];
const MAX_SEED = 2 ** 53 - 1;
const MAX_INT32 = 2 ** 31 - 1;

/**
 * An error reported by the engine. `name` is its kind: 'InvalidArgument' (a setting or
 * argument the engine refuses), 'ModelFormatError' (a model file that cannot be read),
 * 'TrainingDiverged' (the loss or a weight became infinite or NaN), or 'EngineError'
 * (anything else, e.g. out of memory). `message` is the engine's text, written for learners.
 */
export class EngineError extends Error {
  /**
   * @param {string} name the engine's kind of error
   * @param {string} message the engine's text
   */
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

/**
 * Loads the WebAssembly engine.
 * @param {object} [options] passed to the Emscripten module factory, e.g.
 *   `{ wasmBinary }` (the bytes of engine.wasm; needed in Node) or `{ locateFile }`.
 * @returns {Promise<Engine>}
 */
export async function createEngine(options = {}) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`createEngine(options): options must be an object, got ${describe(options)}`);
  }
  const module = await createModule({ ...options });
  return new Engine(module);
}

/** The loaded engine: version facts, sessions, memory figures. Made by createEngine(). */
class Engine {
  #core;

  /** @param {object} module the Emscripten module */
  constructor(module) {
    const core = new Core(module);
    this.#core = core;
    /** nnplay version, e.g. "0.1.0". */
    this.version = module.version();
    /** Eigen's SIMD instruction sets in use, e.g. "SSE, SSE2" (WASM SIMD underneath). */
    this.simd = module.simdInstructionSets();
    /** `new engine.Session(config?)`: the same as engine.createSession(config). */
    const Base = Session;
    this.Session = class Session extends Base {
      constructor(config) {
        super(core, config);
      }
    };
    Object.freeze(this);
  }

  /**
   * A new playground session (network, data, optimizer). Call dispose() when done.
   * @param {object} [config] configuration; missing fields take defaults
   * @returns {Session}
   */
  createSession(config) {
    return new this.Session(config);
  }

  /**
   * Rosenblatt's perceptron on a logic gate, trained one sample at a time (the lessons).
   * @param {{gate?: 'and'|'or'|'xor', learningRate?: number}} [options]
   * @returns {Perceptron}
   */
  createPerceptron(options = {}) {
    return new Perceptron(this.#core, options);
  }

  /**
   * A generative adversarial network on 2-D data (GAN page). Call dispose() when done.
   * @param {object} [settings] GAN settings (see GanSession); missing fields take defaults
   * @returns {GanSession}
   */
  createGan(settings) {
    return new GanSession(this.#core, settings);
  }

  /**
   * The settings of a named GAN preset: 'default' (learns the ring of 8 Gaussians) or
   * 'collapse' (mode collapse). A fresh object.
   * @param {'default'|'collapse'} name
   */
  ganPreset(name) {
    if (typeof name !== 'string') throw new TypeError(`ganPreset(name): name must be a string, got ${describe(name)}`);
    const text = this.#core.module.ganPresetJson(name);
    this.#core.check();
    return JSON.parse(text);
  }

  /**
   * Every setting and layer kind the engine knows, as data (a fresh object): sections of a
   * configuration and layer kinds, each field with type, range, default, choices, label,
   * unit and doc (docs/api-reference.md is generated from it).
   * @returns {{version: number, sections: object[], layerKinds: object[]}}
   */
  schema() {
    return JSON.parse(this.#core.schemaText);
  }

  /**
   * A sequence model (RNN, LSTM, GRU, transformer) trained on a generated task (sequence page).
   * Call dispose() when done.
   * @param {object} config {task: {task, length, …}, network: {layers: […], seed}, optimizer, batchSize, clipNorm}
   * @returns {SequenceSession}
   */
  createSequenceSession(config) {
    return new SequenceSession(this.#core, config);
  }

  /**
   * Memory figures: `heapBytes` is the size of WebAssembly memory (it only grows),
   * `allocatedBytes` what the engine has allocated and not freed.
   * @returns {{heapBytes: number, allocatedBytes: number}}
   */
  memoryUsage() {
    const m = this.#core.module;
    return { heapBytes: m.HEAPU8.length, allocatedBytes: m.allocatedBytes() };
  }
}

// What every session of one engine shares: the module and its error slot.
class Core {
  constructor(module) {
    this.module = module;
    this.errorIndex = module.errorKindAddress() >> 2;  // an int32 in WASM memory
    this.schemaText = module.schema();
    // Types and ranges of a configuration, from the engine's own schema (checked here first
    // so a mistake is a TypeError/RangeError naming the field, before any WASM call).
    this.configRules = configRules(JSON.parse(this.schemaText));
  }

  // Throws the engine's error if the last call recorded one (the slot is then cleared).
  check() {
    const kind = this.module.HEAP32[this.errorIndex];
    if (kind !== 0) {
      const message = this.module.takeErrorMessage();
      throw new EngineError(ERROR_NAMES[kind] || 'EngineError', message);
    }
  }
}

// A session whose owner forgot dispose() is freed when it is garbage-collected.
const leaked = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((handle) => handle.delete()) : null;

/**
 * The perceptron of the lessons: one neuron with a step activation and the perceptron rule
 * w ← w + η (t − y) x, b ← b + η (t − y), samples in table order (0,0), (0,1), (1,0), (1,1).
 * Create with `engine.createPerceptron({gate, learningRate})`; dispose() when done.
 */
class Perceptron {
  #core;
  #handle;

  constructor(core, options) {
    const where = 'createPerceptron(options)';
    requireObject(options, where, 'options');
    const gate = options.gate ?? 'and';
    if (!['and', 'or', 'xor'].includes(gate)) throw new RangeError(`${where}: options.gate must be 'and', 'or' or 'xor', got ${describe(gate)}`);
    const learningRate = options.learningRate ?? 1;
    requireNumber(learningRate, where, 'options.learningRate', 0, 1e6, false, true);
    this.#core = core;
    this.#handle = core.module.newPerceptron(gate, learningRate);
    core.check();
    /** The gate: 'and', 'or' or 'xor'. */
    this.gate = gate;
    /** The learning rate η. */
    this.learningRate = learningRate;
    if (leaked) leaked.register(this, this.#handle, this);
  }

  #call(fn) {
    if (!this.#handle) throw new Error('this perceptron was disposed');
    const result = fn(this.#handle);
    this.#core.check();
    return result;
  }

  /**
   * Presents the next sample and applies the rule.
   * @returns {{sample: number, target: number, output: number, changed: boolean, epoch: number, epochCompleted: boolean, mistakesInEpoch: number, converged: boolean}}
   */
  step() { return this.#call((h) => h.step()); }
  /** The rest of the current epoch; returns its last step. */
  runEpoch() { return this.#call((h) => h.runEpoch()); }
  /**
   * Whole epochs until an epoch without mistakes, or maxEpochs epochs in all.
   * @param {number} [maxEpochs] default 1000
   */
  train(maxEpochs = 1000) {
    requireInteger(maxEpochs, 'train(maxEpochs)', 'maxEpochs', 1, 1000000);
    return this.#call((h) => h.train(maxEpochs));
  }
  /** Back to zero weights and epoch 0. */
  reset() { this.#call((h) => h.reset()); }
  /**
   * @returns {{epoch: number, cursor: number, convergedEpoch: number, weights: number[], bias: number, mistakesPerEpoch: number[]}}
   *   convergedEpoch is 0 until an epoch passes without a mistake
   */
  state() {
    const s = this.#call((h) => h.state());
    return { ...s, mistakesPerEpoch: Array.from(s.mistakesPerEpoch) };
  }
  /**
   * The perceptron's output (0 or 1) on a resolution×resolution grid, row 0 at the top.
   * @param {{resolution?: number, xMin?: number, xMax?: number, yMin?: number, yMax?: number}} [grid]
   *   defaults: 50 over [−0.5, 1.5]²
   * @returns {Float32Array} a copy
   */
  evaluateGrid(grid = {}) {
    const where = 'evaluateGrid(grid)';
    requireObject(grid, where, 'grid');
    const resolution = grid.resolution ?? 50;
    requireInteger(resolution, where, 'grid.resolution', 1, 1024);
    const b = { xMin: -0.5, xMax: 1.5, yMin: -0.5, yMax: 1.5 };
    for (const key of Object.keys(b)) {
      b[key] = grid[key] ?? b[key];
      requireNumber(b[key], where, `grid.${key}`, -1e30, 1e30);
    }
    if (!(b.xMin < b.xMax && b.yMin < b.yMax)) throw new RangeError(`${where}: need xMin < xMax and yMin < yMax`);
    return this.#call((h) => h.evaluateGrid(resolution, b.xMin, b.xMax, b.yMin, b.yMax)).slice();
  }
  /** Frees the engine's memory; later calls throw. */
  dispose() {
    if (!this.#handle) return;
    if (leaked) leaked.unregister(this);
    this.#handle.delete();
    this.#handle = null;
  }
}

/**
 * A playground session: one network, its data, optimizer, trainer and snapshots.
 * Create with `engine.createSession(config)` or `new engine.Session(config)`.
 */
class Session {
  #core;
  #handle;
  #layout = null;  // describe(), cached until the architecture or data may change

  constructor(core, config) {
    const text = config === undefined ? '{}' : configText(config, 'new Session(config)', false, core.configRules);
    const handle = core.module.newSession(text);
    core.check();
    this.#core = core;
    this.#handle = handle;
    if (leaked) leaked.register(this, handle, this);
  }

  // ---- lifetime ----

  /** Frees the engine's memory for this session. Later calls throw; a second dispose() does nothing. */
  dispose() {
    if (!this.#handle) return;
    if (leaked) leaked.unregister(this);
    this.#handle.delete();
    this.#handle = null;
  }

  // The live embind handle (throws after dispose()).
  #h() {
    if (!this.#handle) throw new Error('this session was disposed');
    return this.#handle;
  }

  // Runs fn(handle) and throws the engine's error if it recorded one.
  #call(fn) {
    const result = fn(this.#h());
    this.#core.check();
    return result;
  }

  // A copy of a view into WebAssembly memory (e.g. parameters() handed back): the engine
  // may grow memory while reading its input, which would detach the view mid-copy.
  #own(array) {
    return array.buffer === this.#core.module.HEAPU8.buffer ? array.slice() : array;
  }

  #describeCached() {
    if (!this.#layout) this.#layout = JSON.parse(this.#call((h) => h.describe()));
    return this.#layout;
  }

  // ---- configuration ----

  /**
   * Replaces the whole configuration (missing fields take defaults). Atomic: after an error
   * the session is unchanged.
   * @param {object} [config]
   * @returns {boolean} true when the network was rebuilt (new weights, training restarted)
   */
  configure(config = {}) {
    const text = configText(config, 'configure(config)', false, this.#core.configRules);
    this.#layout = null;
    return this.#call((h) => h.configure(text));
  }

  /**
   * Merges a patch into the current configuration (RFC 7386: null removes a field),
   * e.g. `{optimizer: {learningRate: 0.1}}`.
   * @param {object} patch
   * @returns {boolean} true when the network was rebuilt
   */
  update(patch) {
    const text = configText(patch, 'update(patch)', true, this.#core.configRules);
    this.#layout = null;
    return this.#call((h) => h.update(text));
  }

  /** The canonical configuration, every default filled in (a fresh object). */
  get config() {
    return JSON.parse(this.#call((h) => h.config()));
  }

  /**
   * Architecture and data facts: inputs, outputs, task, layers, neuronLayers (with weight
   * and bias offsets into parameters()), sizes, bounds… (a fresh object).
   */
  describe() {
    this.#layout = JSON.parse(this.#call((h) => h.describe()));
    return JSON.parse(JSON.stringify(this.#layout));
  }

  // ---- data ----

  /**
   * Custom data. points: a Float32Array (or other typed array / array of numbers) of n·dims
   * values, row-major, or an array of points [x1, x2, …]. labels: n class indices, or values
   * when classes is 0 (regression). classes defaults to max(label)+1 (at least 2) when every
   * label is a whole number ≥ 0, else 0.
   * @param {{points: ArrayLike<number> | number[][], labels: ArrayLike<number>, dims?: number, classes?: number}} data
   * @param {{keepNetwork?: boolean}} [options] keepNetwork keeps weights and progress when the network still fits
   */
  setData(data, options = {}) {
    this.#h();
    const where = 'setData(data)';
    requireObject(data, where, 'data');
    requireObject(options, 'setData(data, options)', 'options');
    const keepNetwork = options.keepNetwork ?? false;
    if (typeof keepNetwork !== 'boolean') {
      throw new TypeError(`setData(data, options): options.keepNetwork must be true or false, got ${describe(keepNetwork)}`);
    }
    const { values: points, dims } = pointsArray(data.points, data.dims, where, 'data.points');
    const labels = numberArray(data.labels, where, 'data.labels');
    const n = labels.length;
    if (n < 1) throw new RangeError(`${where}: data.labels is empty: add at least one point`);
    if (n > 1000000) throw new RangeError(`${where}: too many points (${n}; at most 1000000)`);
    if (points.length !== n * dims) {
      throw new RangeError(`${where}: data.points has ${points.length} values but ${n} labels × ${dims} coordinates need ${n * dims}`);
    }
    let classes = data.classes;
    if (classes === undefined) classes = inferClasses(labels);
    requireInteger(classes, where, 'data.classes', 0, 1000);
    if (classes > 0) {
      labels.forEach((v, i) => {
        if (!Number.isInteger(v) || v < 0 || v >= classes) {
          throw new RangeError(`${where}: data.labels[${i}] is ${v}, not a class index from 0 to ${classes - 1}`);
        }
      });
    }
    this.#layout = null;
    this.#call((h) => h.setData(this.#own(points), this.#own(labels), dims, classes, keepNetwork));
  }

  /**
   * Copies of the raw points (before features) and labels of the training and test sets.
   * @returns {{train: {points: Float32Array, labels: Float32Array}, test: {points: Float32Array, labels: Float32Array}}}
   */
  data() {
    const dims = this.#describeCached().dimensions;
    const part = (index) => {
      const h = this.#h();
      const columns = h.dataPoints(index);  // n×dims column-major view
      const labels = h.dataLabels(index).slice();
      const n = labels.length;
      const points = new Float32Array(n * dims);
      for (let c = 0; c < dims; c++) {
        for (let r = 0; r < n; r++) points[r * dims + c] = columns[c * n + r];
      }
      return { points, labels };
    };
    return { train: part(0), test: part(1) };
  }

  // ---- training ----

  /**
   * One optimizer step on the next mini-batch.
   * @returns {{epoch: number, batch: number, batchesPerEpoch: number, loss: number|null, epochCompleted: boolean}}
   */
  stepBatch() {
    const r = this.#call((h) => h.stepBatch());
    r.loss = finiteOrNull(r.loss);
    return r;
  }

  /** Completes the current epoch (a whole one at an epoch boundary). @returns {EpochRecord} */
  stepEpoch() {
    return epochRecord(this.#call((h) => h.stepEpoch()));
  }

  /**
   * Trains `batches` mini-batches in one WebAssembly call (slice long runs to keep a page responsive).
   * @param {number} batches a whole number ≥ 1
   * @returns {number} the number of epochs completed
   */
  train(batches) {
    this.#h();
    requireInteger(batches, 'train(batches)', 'batches', 1, MAX_INT32);
    return this.#call((h) => h.train(batches));
  }

  /**
   * New weights from the network seed (or the given seed); optimizer state, history and
   * snapshots cleared.
   * @param {number} [seed] a whole number from 0 to 2^53 − 1
   */
  reset(seed) {
    this.#h();
    if (seed === undefined) {
      this.#call((h) => h.reset());
    } else {
      requireInteger(seed, 'reset(seed)', 'seed', 0, MAX_SEED);
      this.#call((h) => h.resetWithSeed(seed));
    }
  }

  /** Metrics of the current weights on the whole training and test sets (not recorded). @returns {EpochRecord} */
  evaluate() {
    return epochRecord(this.#call((h) => h.evaluate()));
  }

  /**
   * One record per completed epoch; NaN values (e.g. accuracy in regression) are null. With
   * `from`, only the records from that index on (those a caller does not hold yet).
   * @returns {EpochRecord[]}
   */
  history(from = 0) {
    const flat = this.#call((h) => h.history(checkRecordIndex(from)));  // 6 numbers per record
    const records = new Array(flat.length / 6);
    for (let i = 0; i < records.length; i++) {
      const o = i * 6;
      records[i] = {
        epoch: flat[o], step: flat[o + 1], trainLoss: finiteOrNull(flat[o + 2]), testLoss: finiteOrNull(flat[o + 3]),
        trainAccuracy: finiteOrNull(flat[o + 4]), testAccuracy: finiteOrNull(flat[o + 5]),
      };
    }
    return records;
  }

  /** Completed epochs. */
  get epoch() { return this.#call((h) => h.epoch()); }
  /** Optimizer steps taken. */
  get step() { return this.#call((h) => h.step()); }
  /** Batches done in the current epoch. */
  get batchCursor() { return this.#call((h) => h.batchCursor()); }
  /** Mini-batches in one epoch. */
  get batchesPerEpoch() { return this.#call((h) => h.batchesPerEpoch()); }

  // ---- evaluation (for drawing) ----

  /**
   * Evaluates the output and every neuron on a resolution×resolution grid in one call.
   * Arrays are column-major views (rows × width): neuron j of a layer is
   * `arr.subarray(j*rows, (j+1)*rows)`; row r is cell (r % resolution, floor(r / resolution)),
   * cell row 0 at the top (y near yMax). Views are valid until the next engine call.
   * @param {{resolution?: number, xMin?: number, xMax?: number, yMin?: number, yMax?: number}} [grid]
   *   resolution 1–1024 (default 50); bounds default to describe().bounds
   * @returns {{rows: number, resolution: number, inputs: Float32Array, output: Float32Array, neuronLayers: Float32Array[]}}
   */
  evaluateGrid(grid = {}) {
    this.#h();
    const where = 'evaluateGrid(grid)';
    requireObject(grid, where, 'grid');
    const resolution = grid.resolution ?? 50;
    requireInteger(resolution, where, 'grid.resolution', 1, 1024);
    const bounds = this.#describeCached().bounds;
    const b = {};
    for (const key of ['xMin', 'xMax', 'yMin', 'yMax']) {
      b[key] = grid[key] ?? bounds[key];
      requireNumber(b[key], where, `grid.${key}`, -1e30, 1e30);
    }
    if (!(b.xMin < b.xMax)) throw new RangeError(`${where}: grid.xMin (${b.xMin}) must be below grid.xMax (${b.xMax})`);
    if (!(b.yMin < b.yMax)) throw new RangeError(`${where}: grid.yMin (${b.yMin}) must be below grid.yMax (${b.yMax})`);
    return { resolution, ...this.#call((h) => h.evaluateGrid(resolution, b.xMin, b.xMax, b.yMin, b.yMax)) };
  }

  /**
   * Evaluates raw points (features are applied as for training), like evaluateGrid.
   * @param {ArrayLike<number> | number[][]} points n·dims values row-major, or an array of points
   * @param {number} [dims] coordinates per point (default 2, or the length of the first point)
   * @returns {{rows: number, inputs: Float32Array, output: Float32Array, neuronLayers: Float32Array[]}}
   */
  evaluatePoints(points, dims) {
    this.#h();
    const where = 'evaluatePoints(points, dims)';
    const p = pointsArray(points, dims, where, 'points');
    if (p.values.length === 0) throw new RangeError(`${where}: points is empty`);
    if (p.values.length % p.dims !== 0) {
      throw new RangeError(`${where}: points has ${p.values.length} values, not a multiple of dims (${p.dims})`);
    }
    const expected = this.#describeCached().dimensions;
    if (p.dims !== expected) throw new RangeError(`${where}: dims is ${p.dims} but the data has ${expected} coordinates per point`);
    return this.#call((h) => h.evaluatePoints(this.#own(p.values), p.dims));
  }

  /**
   * Feeds points of a hidden neuron layer's space through the layers after it — e.g. points
   * of an autoencoder's 2-D code plane through its decoder. Like evaluatePoints, except that
   * `inputs` is null and neuronLayers[i] is null for i ≤ layer (not computed).
   * @param {number} layer neuron-layer index (0 = first hidden); not the output layer
   * @param {ArrayLike<number> | number[][]} values n·units values row-major, or an array of points
   * @returns {{rows: number, inputs: null, output: Float32Array, neuronLayers: (Float32Array|null)[]}}
   */
  evaluateFrom(layer, values) {
    this.#h();
    const where = 'evaluateFrom(layer, values)';
    const layers = this.#describeCached().neuronLayers;
    requireInteger(layer, where, 'layer', 0, layers.length - 2);
    const units = layers[layer].units;
    const p = pointsArray(values, Array.isArray(values) && Array.isArray(values[0]) ? undefined : units, where, 'values');
    if (p.dims !== units) throw new RangeError(`${where}: layer ${layer} has ${units} neurons, so each point needs ${units} values, got ${p.dims}`);
    if (p.values.length === 0 || p.values.length % units !== 0) {
      throw new RangeError(`${where}: values must hold a multiple of ${units} numbers (one per neuron of layer ${layer})`);
    }
    return this.#call((h) => h.evaluateFrom(layer, this.#own(p.values), units));
  }

  // ---- CNN views ----

  /**
   * The filters of conv2d layer `layer` (an index into describe().layers): a Float32Array VIEW
   * of filters × channels × size × size weights, row-major (filter f, channel c, row i,
   * column j at ((f·channels + c)·size + i)·size + j). Biases are not included.
   * @returns {{filters: number, channels: number, size: number, weights: Float32Array}}
   */
  convFilters(layer) {
    this.#h();
    const where = 'convFilters(layer)';
    const layers = this.#describeCached().layers;
    requireInteger(layer, where, 'layer', 0, layers.length - 1);
    if (layers[layer].kind !== 'conv2d') {
      throw new RangeError(`${where}: layer ${layer} is a ${layers[layer].kind} layer, not a conv2d layer`);
    }
    return this.#call((h) => h.convFilters(layer));
  }

  /**
   * Runs ONE image (describe().dimensions values, row-major) through the network and returns
   * every layer's output for it: shape [channels, height, width] for image layers, [n] for
   * flat ones; values are Float32Array VIEWS in that order (valid until the next engine call).
   * @param {ArrayLike<number>} image
   * @returns {{kind: string, shape: number[], values: Float32Array}[]}
   */
  featureMaps(image) {
    this.#h();
    const where = 'featureMaps(image)';
    const values = numberArray(image, where, 'image');
    const expected = this.#describeCached().dimensions;
    if (values.length !== expected) {
      throw new RangeError(`${where}: image has ${values.length} values but the data has ${expected} per point`);
    }
    return this.#call((h) => h.featureMaps(this.#own(values)));
  }

  // ---- parameters ----

  /** All parameters as one Float32Array VIEW (layout in describe().neuronLayers / layers). */
  parameters() {
    return this.#call((h) => h.parameters());
  }

  /** The gradients of the last training step, a Float32Array VIEW laid out like parameters(). */
  gradients() {
    return this.#call((h) => h.gradients());
  }

  /**
   * Replaces all parameters at once.
   * @param {ArrayLike<number>} values exactly describe().parameterCount finite numbers
   */
  setParameters(values) {
    this.#h();
    const where = 'setParameters(values)';
    const v = numberArray(values, where, 'values');
    const count = this.#describeCached().parameterCount;
    if (v.length !== count) throw new RangeError(`${where}: expected ${count} parameters, got ${v.length}`);
    this.#call((h) => h.setParameters(this.#own(v)));
  }

  /**
   * The weight from input `from` to neuron `to` of a neuron layer (0 = first hidden layer).
   * @returns {number}
   */
  getWeight(layer, from, to) {
    this.#h();
    this.#checkNeuron('getWeight(layer, from, to)', layer, from, to);
    return this.#call((h) => h.getWeight(layer, from, to));
  }

  /** Sets one weight (see getWeight). @param {number} value finite, |value| < 1e6 */
  setWeight(layer, from, to, value) {
    this.#h();
    const where = 'setWeight(layer, from, to, value)';
    this.#checkNeuron(where, layer, from, to);
    requireNumber(value, where, 'value', -1e6, 1e6, true);
    this.#call((h) => h.setWeight(layer, from, to, value));
  }

  /** The bias of neuron `neuron` in a neuron layer. @returns {number} */
  getBias(layer, neuron) {
    this.#h();
    this.#checkNeuron('getBias(layer, neuron)', layer, 0, neuron, 'neuron');
    return this.#call((h) => h.getBias(layer, neuron));
  }

  /** Sets one bias. @param {number} value finite, |value| < 1e6 */
  setBias(layer, neuron, value) {
    this.#h();
    const where = 'setBias(layer, neuron, value)';
    this.#checkNeuron(where, layer, 0, neuron, 'neuron');
    requireNumber(value, where, 'value', -1e6, 1e6, true);
    this.#call((h) => h.setBias(layer, neuron, value));
  }

  #checkNeuron(where, layer, from, to, toName = 'to') {
    const layers = this.#describeCached().neuronLayers;
    requireInteger(layer, where, 'layer', 0, MAX_INT32);
    if (layer >= layers.length) {
      throw new RangeError(`${where}: layer ${layer} does not exist: the network has ${layers.length} neuron layers (0 to ${layers.length - 1})`);
    }
    const l = layers[layer];
    requireInteger(from, where, 'from', 0, MAX_INT32);
    if (from >= l.inputs) throw new RangeError(`${where}: from ${from} does not exist: layer ${layer} has ${l.inputs} inputs (0 to ${l.inputs - 1})`);
    requireInteger(to, where, toName, 0, MAX_INT32);
    if (to >= l.units) throw new RangeError(`${where}: ${toName} ${to} does not exist: layer ${layer} has ${l.units} neurons (0 to ${l.units - 1})`);
  }

  /**
   * The optimizer's step counter and state (copies), e.g. Adam's first_moment and second_moment.
   * @returns {{step: number, slots: Object<string, Float32Array>}}
   */
  optimizerState() {
    const h = this.#h();
    const slots = {};
    for (let i = 0, n = h.optimizerSlotCount(); i < n; i++) {
      const name = h.optimizerSlotName(i);
      slots[name] = h.optimizerSlot(i).slice();
    }
    this.#core.check();
    return { step: h.step(), slots };
  }

  // ---- snapshots ----

  /** Saves weights, optimizer state and progress in memory. @returns {number} the snapshot id */
  takeSnapshot() {
    return this.#call((h) => h.takeSnapshot());
  }

  /** Rewinds to a snapshot (it stays available). @param {number} id */
  restoreSnapshot(id) {
    this.#h();
    requireInteger(id, 'restoreSnapshot(id)', 'id', 0, MAX_INT32);
    this.#call((h) => h.restoreSnapshot(id));
  }

  /** Deletes a snapshot. @param {number} id */
  deleteSnapshot(id) {
    this.#h();
    requireInteger(id, 'deleteSnapshot(id)', 'id', 0, MAX_INT32);
    this.#call((h) => h.deleteSnapshot(id));
  }

  /** The snapshots kept (cleared when the network is rebuilt). @returns {{id: number, epoch: number, step: number, trainLoss: number|null}[]} */
  snapshots() {
    return JSON.parse(this.#call((h) => h.snapshots()));
  }

  // ---- model files ----

  /** The whole session as a model file (JSON text): weights, optimizer state, progress, settings, custom data. */
  saveModel() {
    return this.#call((h) => h.saveModel());
  }

  /**
   * Loads a model file (text or parsed object). Atomic: a malformed file throws a
   * ModelFormatError and leaves the session unchanged.
   * @param {string|object} model
   */
  loadModel(model) {
    this.#h();
    let text = model;
    if (typeof model !== 'string') {
      if (model === null || typeof model !== 'object') {
        throw new TypeError(`loadModel(model): model must be the text of a model file or its parsed object, got ${describe(model)}`);
      }
      text = JSON.stringify(model);
    }
    this.#layout = null;
    this.#call((h) => h.loadModel(text));
  }

  // ---- diagnostics ----

  /**
   * Finite-difference gradient check on up to 16 training points.
   * @returns {{maxRelativeError: number, maxAbsoluteError: number, checked: number, worst: string, precision: string}}
   */
  checkGradients() {
    return JSON.parse(this.#call((h) => h.checkGradients()));
  }

  /**
   * One training point traced forward and back (Eval mode; nothing in the session changes):
   * every layer's output, the error δ = dL/d(output) of every layer (an empty array for an
   * output activation fused with its loss, sigmoid+BCE or softmax+CCE: its δ is the layer
   * below's, y − t), dL/dθ for this point alone and the update the optimizer's next step
   * would make with it. Layers are the engine's stack (describe().layers); the page maps
   * them to neuron layers with describe().neuronLayers[i].denseLayer / outputLayer. Copies.
   * @param {number} index a training point, 0 ≤ index < describe().trainSize
   * @returns {BackpropTrace}
   */
  traceSample(index) {
    this.#h();
    const where = 'traceSample(index)';
    requireInteger(index, where, 'index', 0, MAX_INT32);
    const size = this.#describeCached().trainSize;
    if (size !== undefined && index >= size) {
      throw new RangeError(`${where}: training point ${index} does not exist: there are ${size} (0 to ${size - 1})`);
    }
    return this.#call((h) => h.traceSample(index));
  }

  /**
   * What the backprop view draws each frame, in one call (copies): the last step's
   * gradients, their L2 norm per layer of the stack (0 where a layer has no parameters),
   * the update the next step would make if the gradients stayed as they are, and the
   * optimizer's step counter and state slots (e.g. velocity, first_moment, second_moment).
   * @returns {{gradients: Float32Array, layerNorms: Float64Array, update: Float32Array, step: number, slots: Object<string, Float32Array>}}
   */
  gradientFrame() {
    return this.#call((h) => h.gradientFrame());
  }
}

if (typeof Symbol.dispose === 'symbol') Session.prototype[Symbol.dispose] = Session.prototype.dispose;

/**
 * @typedef {object} EpochRecord
 * @property {number} epoch completed epochs (1 = after the first)
 * @property {number} step optimizer steps so far
 * @property {number|null} trainLoss data loss + penalty on the whole training set
 * @property {number|null} testLoss null when there is no test set
 * @property {number|null} trainAccuracy null for regression
 * @property {number|null} testAccuracy
 */
function epochRecord(r) {
  return {
    epoch: r.epoch, step: r.step, trainLoss: finiteOrNull(r.trainLoss), testLoss: finiteOrNull(r.testLoss),
    trainAccuracy: finiteOrNull(r.trainAccuracy), testAccuracy: finiteOrNull(r.testAccuracy),
  };
}

// Class count for labels given without one: max + 1 (≥ 2) if all are whole numbers ≥ 0, else regression.
function inferClasses(labels) {
  let max = 0;
  for (const v of labels) {
    if (!Number.isInteger(v) || v < 0) return 0;
    if (v > max) max = v;
  }
  return Math.max(2, max + 1);
}

/** history(from)'s argument: the index of the first record wanted. */
function checkRecordIndex(from) {
  if (!(Number.isInteger(from) && from >= 0)) throw new RangeError(`history(from): from must be a whole number ≥ 0, got ${from}`);
  return from;
}

/** A copy of the records of `view` (each `width` numbers) from record `from` on. */
function recordsFrom(view, width, from) {
  return view.subarray(Math.min(view.length, checkRecordIndex(from) * width)).slice();
}

function finiteOrNull(x) {
  return Number.isFinite(x) ? x : null;
}

// ---- argument checks ----

function describe(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return 'a function';
  return `an object`;
}

function requireObject(value, where, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${where}: ${name} must be an object, got ${describe(value)}`);
  }
}

// A finite number in [min, max] ([min, max) when maxExclusive).
function requireNumber(value, where, name, min, max, maxExclusive = false, minExclusive = false) {
  if (typeof value !== 'number') throw new TypeError(`${where}: ${name} must be a number, got ${describe(value)}`);
  const ok = Number.isFinite(value) && (minExclusive ? value > min : value >= min) &&
    (maxExclusive ? value < max : value <= max);
  if (!ok) {
    throw new RangeError(`${where}: ${name} must be a finite number ${minExclusive ? '>' : '≥'} ${min} and ` +
      `${maxExclusive ? '<' : '≤'} ${max}, got ${value}`);
  }
}

function requireInteger(value, where, name, min, max) {
  if (typeof value !== 'number') throw new TypeError(`${where}: ${name} must be a whole number, got ${describe(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${where}: ${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
}

// A Float32Array of finite numbers from a typed array or an array of numbers.
function numberArray(value, where, name) {
  let out;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (typeof value[0] === 'bigint') throw new TypeError(`${where}: ${name} must hold numbers, not BigInts`);
    out = value instanceof Float32Array ? value : Float32Array.from(value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (typeof v !== 'number') throw new TypeError(`${where}: ${name}[${i}] must be a number, got ${describe(v)}`);
    });
    out = Float32Array.from(value);
  } else {
    throw new TypeError(`${where}: ${name} must be a Float32Array or an array of numbers, got ${describe(value)}`);
  }
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) {
      const original = Array.isArray(value) || ArrayBuffer.isView(value) ? value[i] : out[i];
      throw new RangeError(`${where}: ${name}[${i}] must be a finite number (within ±3.4e38), got ${original}`);
    }
  }
  return out;
}

// Points as flat n·dims values (row-major) or as an array of points [[x1, x2], …].
function pointsArray(value, dims, where, name) {
  if (Array.isArray(value) && value.length > 0 && (Array.isArray(value[0]) || ArrayBuffer.isView(value[0]))) {
    const width = dims ?? value[0].length;
    requireInteger(width, where, 'dims', 1, 100000);
    const flat = new Float32Array(value.length * width);
    value.forEach((point, i) => {
      if (!Array.isArray(point) && !ArrayBuffer.isView(point)) {
        throw new TypeError(`${where}: ${name}[${i}] must be an array of ${width} numbers, got ${describe(point)}`);
      }
      if (point.length !== width) {
        throw new RangeError(`${where}: ${name}[${i}] has ${point.length} coordinates, expected ${width}`);
      }
      for (let c = 0; c < width; c++) {
        const v = point[c];
        if (typeof v !== 'number') throw new TypeError(`${where}: ${name}[${i}][${c}] must be a number, got ${describe(v)}`);
        flat[i * width + c] = v;
        if (!Number.isFinite(flat[i * width + c])) {
          throw new RangeError(`${where}: ${name}[${i}][${c}] must be a finite number, got ${v}`);
        }
      }
    });
    return { values: flat, dims: width };
  }
  const width = dims ?? 2;
  requireInteger(width, where, 'dims', 1, 100000);
  return { values: numberArray(value, where, name), dims: width };
}

// ---- configuration rules, derived from the engine's schema (engine/schema/) ----
// Names (dataset kinds, activations…) are checked by the engine, which lists the choices.

const str = { type: 'string' };
const bool = { type: 'boolean' };
const obj = (fields) => ({ type: 'object', fields });
const arr = (items) => ({ type: 'array', items });

function fieldRule(f) {
  switch (f.type) {
    case 'integer': return { type: 'integer', min: f.min, max: f.max };
    case 'number': return { type: 'number', min: f.min, max: f.max, minExclusive: !!f.minExclusive, maxExclusive: !!f.maxExclusive };
    case 'boolean': return bool;
    case 'choiceList': return arr(str);
    default: return str;
  }
}

const fieldRules = (fields) => Object.fromEntries(fields.map((f) => [f.name, fieldRule(f)]));

/** The rules checkValue() applies to a session configuration, from engine.schema(). */
function configRules(schema) {
  const section = (name) => fieldRules(schema.sections.find((s) => s.name === name).fields);
  const layerKinds = Object.fromEntries(schema.layerKinds.map((k) => [k.name, { kind: str, ...fieldRules(k.fields) }]));
  return obj({
    data: obj(section('data')),
    network: obj({
      ...section('network'),
      hidden: arr(obj(section('hiddenLayer'))),
      output: obj(section('output')),
      layers: arr({ type: 'layer', kinds: layerKinds }),
      // How a point's values are arranged for an explicit stack: [channels, height, width].
      inputShape: arr({ type: 'integer', min: 1, max: 1000000 }),
      loss: str,
    }),
    optimizer: obj(section('optimizer')),
    training: obj(section('training')),
  });
}

// Validates a configuration (or a merge patch) and returns its JSON text.
function configText(config, where, patch, rules) {
  requireObject(config, where, patch ? 'patch' : 'config');
  checkValue(config, rules, '', where);
  return JSON.stringify(config);
}

function checkValue(value, schema, path, where) {
  const name = path || 'the configuration';
  switch (schema.type) {
    case 'object': {
      requireObject(value, where, name);
      for (const [key, v] of Object.entries(value)) {
        const field = schema.fields[key];
        const child = path ? `${path}.${key}` : key;
        if (!field) {
          throw new TypeError(`${where}: unknown setting "${child}"; the settings ${path ? `of ${path} ` : ''}are ` +
            `${Object.keys(schema.fields).join(', ')}`);
        }
        if (v !== null && v !== undefined) checkValue(v, field, child, where);  // null: default / remove
      }
      return;
    }
    case 'layer': {
      // A layer's settings depend on its kind; an unknown kind is the engine's to name.
      requireObject(value, where, name);
      const fields = schema.kinds[value.kind];
      if (fields) checkValue(value, obj(fields), path, where);
      return;
    }
    case 'array':
      if (!Array.isArray(value)) throw new TypeError(`${where}: ${name} must be an array, got ${describe(value)}`);
      value.forEach((v, i) => checkValue(v, schema.items, `${path}[${i}]`, where));
      return;
    case 'string':
      if (typeof value !== 'string') throw new TypeError(`${where}: ${name} must be a text, got ${describe(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw new TypeError(`${where}: ${name} must be true or false, got ${describe(value)}`);
      return;
    case 'integer':
      requireInteger(value, where, name, schema.min, schema.max);
      return;
    case 'number':
      requireNumber(value, where, name, schema.min, schema.max, schema.maxExclusive, schema.minExclusive);
      return;
  }
}

// ---- GAN (issue 14) ----

const GAN_TARGETS = ['ring', 'moons', 'line', 'spiral', 'mixture', 'custom'];
const GAN_LOSSES = ['non_saturating', 'minimax'];
const GAN_OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adagrad', 'adam'];
const GAN_ACTIVATIONS = ['linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu'];

// Type and range checks of GAN settings before they reach the engine (which checks again).
function checkGanOptimizer(o, where, name) {
  requireObject(o, where, name);
  if (!GAN_OPTIMIZERS.includes(o.kind)) throw new RangeError(`${where}: ${name}.kind must be one of ${GAN_OPTIMIZERS.join(', ')}, got ${describe(o.kind)}`);
  for (const key of ['learningRate', 'momentum', 'rho', 'beta1', 'beta2', 'epsilon', 'weightDecay']) {
    if (o[key] !== undefined) requireNumber(o[key], where, `${name}.${key}`, 0, 1e6);
  }
}

function checkGanSettings(s, where) {
  requireObject(s, where, 'settings');
  if (s.target !== undefined && !GAN_TARGETS.includes(s.target)) throw new RangeError(`${where}: settings.target must be one of ${GAN_TARGETS.join(', ')}, got ${describe(s.target)}`);
  if (s.targetPoints !== undefined) requireInteger(s.targetPoints, where, 'settings.targetPoints', 16, 100000);
  if (s.seed !== undefined) requireInteger(s.seed, where, 'settings.seed', 0, MAX_SEED);
  if (s.batchSize !== undefined) requireInteger(s.batchSize, where, 'settings.batchSize', 1, 4096);
  if (s.discriminatorSteps !== undefined) requireInteger(s.discriminatorSteps, where, 'settings.discriminatorSteps', 1, 100);
  if (s.loss !== undefined && !GAN_LOSSES.includes(s.loss)) throw new RangeError(`${where}: settings.loss must be 'non_saturating' or 'minimax', got ${describe(s.loss)}`);
  if (s.noise !== undefined) {
    requireObject(s.noise, where, 'settings.noise');
    if (s.noise.dims !== undefined) requireInteger(s.noise.dims, where, 'settings.noise.dims', 1, 2);
    if (s.noise.distribution !== undefined && !['uniform', 'gaussian'].includes(s.noise.distribution)) {
      throw new RangeError(`${where}: settings.noise.distribution must be 'uniform' or 'gaussian', got ${describe(s.noise.distribution)}`);
    }
  }
  for (const net of ['generator', 'discriminator']) {
    const n = s[net];
    if (n === undefined) continue;
    requireObject(n, where, `settings.${net}`);
    if (n.layers !== undefined) {
      if (!Array.isArray(n.layers) || n.layers.length > 8) throw new TypeError(`${where}: settings.${net}.layers must be an array of at most 8 layers`);
      n.layers.forEach((l, i) => {
        requireObject(l, where, `settings.${net}.layers[${i}]`);
        requireInteger(l.units, where, `settings.${net}.layers[${i}].units`, 1, 256);
        if (l.activation !== undefined && !GAN_ACTIVATIONS.includes(l.activation)) {
          throw new RangeError(`${where}: settings.${net}.layers[${i}].activation must be one of ${GAN_ACTIVATIONS.join(', ')}, got ${describe(l.activation)}`);
        }
      });
    }
    if (n.optimizer !== undefined) checkGanOptimizer(n.optimizer, where, `settings.${net}.optimizer`);
  }
}

/**
 * A GAN on 2-D data: a generator (noise → point) and a discriminator (point → probability
 * that it is real), each with its own optimizer. Create with `engine.createGan(settings)`.
 * Settings: {target, targetPoints, seed, batchSize, noise: {dims, distribution},
 * generator: {layers: [{units, activation}], optimizer}, discriminator: {…},
 * discriminatorSteps (k), loss: 'non_saturating'|'minimax'}.
 * evaluate() returns VIEWS into WebAssembly memory, valid until the next engine call.
 */
class GanSession {
  #core;
  #handle;

  constructor(core, settings = {}) {
    const where = 'createGan(settings)';
    checkGanSettings(settings, where);
    this.#core = core;
    this.#handle = core.module.newGan(JSON.stringify(settings));
    core.check();
    if (leaked) leaked.register(this, this.#handle, this);
  }

  #call(fn) {
    if (!this.#handle) throw new Error('this GAN was disposed');
    const result = fn(this.#handle);
    this.#core.check();
    return result;
  }

  /** The canonical settings, every default filled in (a fresh object). */
  get settings() { return JSON.parse(this.#call((h) => h.settings())); }

  /**
   * One discriminator step, one generator step, or k discriminator steps and one generator step.
   * @returns {{discriminatorLoss: number, generatorLoss: number, realScore: number, fakeScore: number, generatorSteps: number, discriminatorSteps: number}}
   */
  stepDiscriminator() { return this.#call((h) => h.stepDiscriminator()); }
  stepGenerator() { return this.#call((h) => h.stepGenerator()); }
  step() { return this.#call((h) => h.step()); }
  /** `steps` calls of step() in one engine call; returns the last result. */
  train(steps) {
    requireInteger(steps, 'train(steps)', 'steps', 0, 10000000);
    return this.#call((h) => h.train(steps));
  }
  /** The last step's result. */
  last() { return this.#call((h) => h.last()); }

  /** New weights and optimizer states; the same seed replays the same run. */
  reset(seed) {
    if (seed !== undefined) requireInteger(seed, 'reset(seed)', 'seed', 0, MAX_SEED);
    this.#call((h) => h.reset(seed === undefined ? -1 : seed));
  }

  /** Changes one network's optimizer (same kind: keeps its state). */
  setOptimizer(network, optimizer) {
    const where = 'setOptimizer(network, optimizer)';
    if (network !== 'generator' && network !== 'discriminator') throw new RangeError(`${where}: network must be 'generator' or 'discriminator', got ${describe(network)}`);
    checkGanOptimizer(optimizer, where, 'optimizer');
    this.#call((h) => h.setOptimizer(network === 'generator', JSON.stringify(optimizer)));
  }
  /** k: discriminator steps per generator step (1–100). */
  setDiscriminatorSteps(k) {
    requireInteger(k, 'setDiscriminatorSteps(k)', 'k', 1, 100);
    this.#call((h) => h.setDiscriminatorSteps(k));
  }
  /** 'non_saturating' or 'minimax'. */
  setLoss(loss) {
    if (!GAN_LOSSES.includes(loss)) throw new RangeError(`setLoss(loss): loss must be 'non_saturating' or 'minimax', got ${describe(loss)}`);
    this.#call((h) => h.setLoss(loss));
  }
  /** Switches to a drawn target: points as [x, y] pairs or a flat array x1, y1, x2, y2, … */
  setCustomTarget(points) {
    const where = 'setCustomTarget(points)';
    const flat = Array.isArray(points) && Array.isArray(points[0]) ? points.flat() : points;
    const values = numberArray(flat, where, 'points');
    if (values.length < 2 || values.length % 2 !== 0 || values.length > 200000) throw new RangeError(`${where}: give 1 to 100000 (x, y) pairs, got ${values.length} numbers`);
    this.#call((h) => h.setCustomTarget(values));
  }
  /** The real points, n×2 column-major (all x, then all y); a copy. */
  targetPoints() { return this.#call((h) => h.targetPoints()).slice(); }

  /**
   * Every view of a frame in ONE engine call: probability (resolution² values, D(x), row 0
   * at the top), samples and arrows (n×2 column-major: all x then all y; arrows are
   * −dL_G/dx per sample), warpedGrid (the generator's image of a noise grid).
   * @param {{resolution?: number, xMin?: number, xMax?: number, yMin?: number, yMax?: number, samples?: number, gridLines?: number}} [options]
   */
  evaluate(options = {}) {
    const where = 'evaluate(options)';
    requireObject(options, where, 'options');
    const o = { resolution: 40, xMin: -1, xMax: 1, yMin: -1, yMax: 1, samples: 256, gridLines: 11, ...options };
    requireInteger(o.resolution, where, 'options.resolution', 2, 256);
    requireInteger(o.samples, where, 'options.samples', 1, 10000);
    requireInteger(o.gridLines, where, 'options.gridLines', 2, 64);
    for (const key of ['xMin', 'xMax', 'yMin', 'yMax']) requireNumber(o[key], where, `options.${key}`, -1e6, 1e6);
    if (!(o.xMin < o.xMax && o.yMin < o.yMax)) throw new RangeError(`${where}: need xMin < xMax and yMin < yMax`);
    return this.#call((h) => h.evaluate(o.resolution, o.xMin, o.xMax, o.yMin, o.yMax, o.samples, o.gridLines));
  }

  /** Modes covered by `count` generated samples (ring, mixture): {covered, modes, share, outside}. */
  coverage(count = 1000) {
    requireInteger(count, 'coverage(count)', 'count', 1, 1000000);
    return this.#call((h) => h.coverage(count));
  }
  /**
   * Losses per generator step: Float64Array copy of (step, L_D, L_G, mean D(G(z))) records;
   * with `from`, only the records from that index on.
   */
  history(from = 0) { return recordsFrom(this.#call((h) => h.history()), 4, from); }
  /** Both networks, their optimizer states and the settings as JSON text. */
  saveModel() { return this.#call((h) => h.saveModel()); }
  /** Replaces everything by a saved model (ModelFormatError for a bad file; then unchanged). */
  loadModel(text) {
    if (typeof text !== 'string') throw new TypeError(`loadModel(text): text must be a string, got ${describe(text)}`);
    this.#call((h) => h.loadModel(text));
  }
  /** Frees the engine's memory; later calls throw. */
  dispose() {
    if (!this.#handle) return;
    if (leaked) leaked.unregister(this);
    this.#handle.delete();
    this.#handle = null;
  }
}
// ---- end GAN ----

// ---- sequences (issue 13) ----

const SEQUENCE_TASKS = ['sum_of_sines', 'square_wave', 'noisy_sine', 'first_bit', 'parity', 'add_marked',
  'copy', 'reverse', 'sort', 'characters'];

// Type and range checks of a sequence session config (the engine checks again, with the
// layer-by-layer shape rules).
function checkSequenceConfig(c, where) {
  requireObject(c, where, 'config');
  for (const key of Object.keys(c)) {
    if (!['task', 'network', 'optimizer', 'batchSize', 'clipNorm'].includes(key)) {
      throw new TypeError(`${where}: unknown setting "${key}"; the settings are task, network, optimizer, batchSize, clipNorm`);
    }
  }
  requireObject(c.task, where, 'config.task');
  const t = c.task;
  if (!SEQUENCE_TASKS.includes(t.task)) throw new RangeError(`${where}: config.task.task must be one of ${SEQUENCE_TASKS.join(', ')}, got ${describe(t.task)}`);
  if (t.length !== undefined) requireInteger(t.length, where, 'config.task.length', 2, 1000);
  if (t.symbols !== undefined) requireInteger(t.symbols, where, 'config.task.symbols', 2, 256);
  if (t.noise !== undefined) requireNumber(t.noise, where, 'config.task.noise', 0, 2);
  if (t.trainSamples !== undefined) requireInteger(t.trainSamples, where, 'config.task.trainSamples', 1, 200000);
  if (t.testSamples !== undefined) requireInteger(t.testSamples, where, 'config.task.testSamples', 1, 200000);
  if (t.seed !== undefined) requireInteger(t.seed, where, 'config.task.seed', 0, MAX_SEED);
  if (t.text !== undefined && typeof t.text !== 'string') throw new TypeError(`${where}: config.task.text must be a text, got ${describe(t.text)}`);
  requireObject(c.network, where, 'config.network');
  if (!Array.isArray(c.network.layers) || c.network.layers.length === 0 || c.network.layers.length > 32) {
    throw new TypeError(`${where}: config.network.layers must be an array of 1 to 32 layers`);
  }
  c.network.layers.forEach((l, i) => {
    requireObject(l, where, `config.network.layers[${i}]`);
    if (typeof l.kind !== 'string') throw new TypeError(`${where}: config.network.layers[${i}].kind must be a layer kind name, got ${describe(l.kind)}`);
  });
  if (c.network.seed !== undefined) requireInteger(c.network.seed, where, 'config.network.seed', 0, MAX_SEED);
  if (c.optimizer !== undefined) checkGanOptimizer(c.optimizer, where, 'config.optimizer');
  if (c.batchSize !== undefined) requireInteger(c.batchSize, where, 'config.batchSize', 1, 4096);
  if (c.clipNorm !== undefined) requireNumber(c.clipNorm, where, 'config.clipNorm', 0, 1e6);
}

/**
 * A sequence model trained on a generated task: signals (next value), memory (first bit,
 * parity, add two marked numbers), seq2seq (copy, reverse, sort) or a character model.
 * The network is an explicit layer list ending in a linear layer (dense, or dense_per_step
 * for an answer per step); the session applies the softmax and the loss.
 * Create with `engine.createSequenceSession(config)`; dispose() when done.
 */
class SequenceSession {
  #core;
  #handle;

  constructor(core, config) {
    const where = 'createSequenceSession(config)';
    checkSequenceConfig(config, where);
    this.#core = core;
    this.#handle = core.module.newSequenceSession(JSON.stringify(config));
    core.check();
    if (leaked) leaked.register(this, this.#handle, this);
  }

  #call(fn) {
    if (!this.#handle) throw new Error('this sequence session was disposed');
    const result = fn(this.#handle);
    this.#core.check();
    return result;
  }

  /** The canonical config, every default filled in (a fresh object). */
  get config() { return JSON.parse(this.#call((h) => h.config())); }
  /**
   * The task and model: {task, description, target: 'value'|'class'|'class_per_step', classes,
   * alphabet, inputShape, outputShape, trainSamples, testSamples, targetVariance, tolerance,
   * parameters, layers: [{kind, outputShape, parameters}]}.
   */
  describe() { return JSON.parse(this.#call((h) => h.describe())); }

  /** One training step on the next mini-batch: {step, loss, accuracy} (accuracy NaN for signals). */
  step() { return this.#call((h) => h.step()); }
  /** `steps` training steps in one engine call; returns the last one's result. */
  train(steps) {
    requireInteger(steps, 'train(steps)', 'steps', 0, 1000000);
    return this.#call((h) => h.train(steps));
  }
  /** The last step's result. */
  last() { return this.#call((h) => h.last()); }
  /** On the whole test set: {loss, accuracy, mse, relativeMse} (NaN where they do not apply). */
  evaluate() { return this.#call((h) => h.evaluate()); }
  /** New weights, optimizer state and batch order; the same seed replays the same run. */
  reset(seed) {
    if (seed !== undefined) requireInteger(seed, 'reset(seed)', 'seed', 0, MAX_SEED);
    this.#call((h) => h.reset(seed === undefined ? -1 : seed));
  }
  /** Changes the optimizer (same kind: keeps its state). */
  setOptimizer(optimizer) {
    checkGanOptimizer(optimizer, 'setOptimizer(optimizer)', 'optimizer');
    this.#call((h) => h.setOptimizer(JSON.stringify(optimizer)));
  }
  /** Float64Array copy: (step, loss, accuracy) per training step; with `from`, from that index on. */
  history(from = 0) { return recordsFrom(this.#call((h) => h.history()), 3, from); }

  /**
   * Every view of test sample `sample` in ONE engine call: {sample, input, target, output,
   * layers: [{layer, kind, steps, units, gates, hidden (T·H, step-major), gateValues
   * (T·G·H: gate g of step t at (t·G+g)·H), gradientNorms (T, last training step)} or
   * {layer, kind, steps, attention: [T×T per head, row-major: row = query step]}]}.
   * Arrays are copies.
   */
  views(sample = 0) {
    requireInteger(sample, 'views(sample)', 'sample', 0, MAX_INT32);
    return this.#call((h) => h.views(sample));
  }
  /**
   * Signals: one-step predictions for the first `seen` test windows, then `free` values the
   * model generates from its own outputs (Float32Array, seen + free values; value i predicts
   * testSignal()[length + i]).
   */
  forecast(seen, free = 0) {
    requireInteger(seen, 'forecast(seen, free)', 'seen', 1, MAX_INT32);
    requireInteger(free, 'forecast(seen, free)', 'free', 0, 10000);
    return this.#call((h) => h.forecast(seen, free));
  }
  /** Signals: the test part of the signal (a copy). */
  testSignal() { return this.#call((h) => h.testSignal()).slice(); }
  /** Characters: `count` characters sampled after `prompt` at `temperature` (0.05–5). */
  sampleText(prompt, count = 200, temperature = 1, seed = 1) {
    const where = 'sampleText(prompt, count, temperature, seed)';
    if (typeof prompt !== 'string') throw new TypeError(`${where}: prompt must be a string, got ${describe(prompt)}`);
    requireInteger(count, where, 'count', 0, 10000);
    requireNumber(temperature, where, 'temperature', 0.05, 5);
    requireInteger(seed, where, 'seed', 0, MAX_SEED);
    return this.#call((h) => h.sampleText(prompt, count, temperature, seed));
  }

  /**
   * The session as a model file (JSON text, format "nnplay-sequence"): the config (for a
   * character model its alphabet, not its text), weights, optimizer state and step count.
   */
  saveModel() { return this.#call((h) => h.saveModel()); }
  /**
   * Replaces the whole session by a saved model (text or parsed object). A character model
   * needs the text it was trained on: `text`, or when absent this session's own text; its
   * alphabet must be the file's. Atomic: a bad file throws an Error naming the problem and
   * leaves the session unchanged.
   */
  loadModel(model, text) {
    const where = 'loadModel(model, text)';
    let file = model;
    if (typeof model !== 'string') {
      if (model === null || typeof model !== 'object') {
        throw new TypeError(`${where}: model must be the text of a sequence model file or its parsed object, got ${describe(model)}`);
      }
      file = JSON.stringify(model);
    }
    if (text !== undefined && typeof text !== 'string') throw new TypeError(`${where}: text must be a string, got ${describe(text)}`);
    this.#call((h) => h.loadModel(file, text ?? ''));
  }
  /** Frees the engine's memory; later calls throw. */
  dispose() {
    if (!this.#handle) return;
    if (leaked) leaked.unregister(this);
    this.#handle.delete();
    this.#handle = null;
  }
}
// ---- end sequences ----
