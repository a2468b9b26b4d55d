// Runs inside the real-data page's Worker and owns ONE engine Session holding the Fashion-MNIST
// training images (image-session.js). The two views (classifier, autoencoder) take turns on
// it: leaving a view "parks" its model as a model file kept here, coming back loads it. One
// session instead of two keeps the engine's memory at about half.
//
// Training is time-sliced: each slice is ONE session.train(n) call sized to take ~10 ms, then
// the worker yields so that requests (a drawing to classify, a code to decode) are answered
// between slices. Every few hundred milliseconds the network is measured on the 2,000 test
// images and a fixed 2,000-image sample of the training set. The page gets a frame with each
// measurement and, in between, up to ten a second for the batch counter; never more than it
// has drawn (it acknowledges each). Typed arrays are transferred, not copied.
//
// The classifier has the playground's rewind timeline (timeline-host.js): a snapshot per
// epoch; looking at a past epoch measures it (readouts, confusion matrix, test images) without
// adding to the charts. A new network (architecture, view, model file) or Reset clears it.
import { VIEWS, DEFAULT_SETTINGS, DEFAULT_ARCHITECTURE, sessionConfig, codeLayerIndex } from '../ground/fashion-mnist-models.js';
import { classify, reconstructionError, nearestCentroidAccuracy, gatherRow } from './image-metrics.js';
import { ImageSession, readModelFile, toFloat } from './image-session.js';
import { EpochRate, SliceTimer, WorkerHost } from './worker-loop.js';
import { TimelineHost } from './timeline-host.js';
import { loadFashionMnist } from './fashion-mnist.js';

const SLICE_MS = 10;         // training per slice
const EVAL_EVERY_MS = 300;   // measure at least this far apart while training…
const EVAL_SHARE = 3;        // …and spend at most ~1/(1+3) of the time measuring
const SAMPLE_PER_CLASS = 200;
const PIXELS = 784;
const MAX_RECORDS = 2000;
const COUNTER_FRAME_MS = 100; // frames without a new measurement, at most this often
const EVAL_CHUNK = 250;       // images per evaluation call for a CNN

export class MnistHost extends WorkerHost {
  constructor(post, createEngine) {
    super(post);
    this.pending = [];
    this.engine = null;
    this.session = null;
    this.view = null;
    this.views = Object.fromEntries(VIEWS.map((v) => [v, { parked: null, records: [], settings: { ...DEFAULT_SETTINGS[v] } }]));
    this.views.classifier.architecture = structuredClone(DEFAULT_ARCHITECTURE);
    this.running = false;
    this.stopAtEpoch = null;           // Step epoch: run until this epoch completes
    this.msPerBatch = 2;
    this.awaitingAck = false;
    this.newRecords = [];
    this.replaceRecords = false;
    this.evaluation = null;            // the latest measurement not yet sent
    this.lastEvalAt = 0;
    this.lastFrameAt = 0;
    this.evalCost = 50;
    this.pairs = [];                   // test indices shown as original/reconstruction pairs
    this.rate = new EpochRate(1000);
    this.slices = new SliceTimer(() => this.safeTick());   // every slice yields to waiting requests
    this.timeline = new TimelineHost(() => this.session, {
      changed: () => { this.halt(); this.measure(); },
      branched: (epoch) => this.branched(epoch),
      rejoined: () => this.rejoined(),
    });
    this.undoRecords = null;           // the chart records set aside by "Continue from here"
    createEngine().then((engine) => {
      this.engine = engine;
      this.post({ type: 'engine', version: engine.version, simd: engine.simd });
      this.drain();
    }, (error) => this.post({ type: 'fatal', message: `The WebAssembly engine could not be loaded (${error?.message ?? error}).` }));
  }

  receive(message) {
    // The download needs no engine: it starts at once, while the engine compiles, and its
    // images join the queue as the 'data' message (the one the single-file build's page sends).
    if (message.type === 'load') { this.load(message.base); return; }
    this.pending.push(message);
    this.drain();
  }

  // Messages wait for the engine, and all but the data wait for the data.
  drain() {
    while (this.engine && this.pending.length) {
      const i = this.session ? 0 : this.pending.findIndex((m) => m.type === 'data');
      if (i < 0) return;
      const [message] = this.pending.splice(i, 1);
      this.answer(message);
    }
  }

  handle(m) {
    switch (m.type) {
      case 'data': return this.setData(m);
      case 'open': return this.open(m.view, m.settings, m.architecture);
      case 'architecture': return this.setArchitecture(m.architecture);
      case 'settings': return this.applySettings(m.settings);
      case 'play': this.timeline.leavePast(); this.stopAtEpoch = null; return this.play();
      case 'pause': this.running = false; this.stopAtEpoch = null; this.measure(); return;
      // Quick clicks add up: each one asks for one more epoch after those already queued.
      case 'stepEpoch': this.timeline.leavePast(); this.stopAtEpoch = Math.max(this.stopAtEpoch ?? 0, this.session.epoch) + 1; this.frameDue = true; return this.play();
      case 'stepBatch': this.running = false; this.timeline.leavePast(); this.train(1); this.measure(); return;
      case 'timeline': return this.timelineCommand(m);
      case 'reset': return this.reset();
      case 'pairs': this.pairs = m.indices; if (this.view === 'autoencoder') this.measure(); return;
      case 'ack': this.awaitingAck = false; return;
      case 'predict': return this.predict(m);
      case 'decode': return this.decode(m);
      case 'decodeGrid': return this.decodeGrid(m);
      case 'saveModel': return this.post({ type: 'model', view: this.view, purpose: m.purpose ?? 'download', text: JSON.stringify(this.modelFile(true)) });
      case 'loadModel': return this.loadModel(m.text, m.name);
      default: throw new Error(`unknown request "${m.type}"`);
    }
  }

  // ---- data and views ----

  // Downloads the images here, not in the page: the page's thread never holds the 9.4 MB
  // (taking the download's bytes and copying them to this worker cost the page single tasks
  // of 150-250 ms). The page gets back what it shows: the test images and the counts.
  load(base) {
    loadFashionMnist({ base, onProgress: (fraction) => this.post({ type: 'loadProgress', fraction }) }).then((data) => {
      const test = { images: data.test.images.slice(), labels: data.test.labels.slice(), count: data.test.count };
      this.post({ type: 'loaded', classes: data.classes, licence: data.licence, source: data.source, train: { count: data.train.count }, test },
        [test.images.buffer, test.labels.buffer]);
      this.receive({ type: 'data', train: data.train, test: data.test });
    }, (error) => this.reportError(error, 'load'));
  }

  setData({ train, test }) {
    this.images = new ImageSession(this.engine, train);
    this.session = this.images.session;
    this.testX = toFloat(test.images);
    this.testY = test.labels;
    // A fixed, class-balanced sample of the training set for the "training" curves (measuring
    // all 10,000 images every few hundred milliseconds would cost more than training).
    const picked = [];
    const taken = new Array(10).fill(0);
    for (let i = 0; i < train.count && picked.length < 10 * SAMPLE_PER_CLASS; i++) {
      if (taken[train.labels[i]]++ < SAMPLE_PER_CLASS) picked.push(i);
    }
    this.sampleX = new Float32Array(picked.length * PIXELS);
    this.sampleY = new Uint8Array(picked.length);
    picked.forEach((source, i) => {
      this.sampleX.set(this.images.trainX.subarray(source * PIXELS, (source + 1) * PIXELS), i * PIXELS);
      this.sampleY[i] = train.labels[source];
    });
    this.pairs = firstOfEachClass(test.labels);
  }

  open(view, settings, architecture) {
    if (!VIEWS.includes(view)) throw new Error(`unknown view "${view}"`);
    this.running = false;
    this.stopAtEpoch = null;
    const target = this.views[view];
    if (settings) target.settings = { ...settings };
    if (view === 'classifier' && architecture && JSON.stringify(architecture) !== JSON.stringify(target.architecture)) {
      // A new architecture (the address asked for one): the parked model does not apply.
      target.architecture = structuredClone(architecture);
      target.parked = null;
      target.records = [];
      if (this.view === view) return this.setArchitecture(architecture);
    }
    if (view !== this.view) {
      this.timeline.leavePast();   // the model parked is the present one, not an epoch looked back at
      if (this.view) this.views[this.view].parked = this.modelFile();
      if (target.parked) this.images.load(target.parked);
      else this.images.rebuild((s) => s.configure(sessionConfig(view, target.settings, target.architecture)));
      target.parked = null;
      this.view = view;
      this.newTimeline();
    }
    this.applySettings(target.settings);
    this.opened();
  }

  /** Tells the page which view the session now holds, with its settings and whole history. */
  opened(extra = {}) {
    const s = this.session;
    const layout = s.describe();
    this.layout = layout;
    this.codeLayer = codeLayerIndex(layout.neuronLayers);
    this.convLayers = layout.layers.map((l, i) => (l.kind === 'conv2d' ? i : -1)).filter((i) => i >= 0);
    const c = s.config;
    this.views[this.view].settings = { learningRate: c.optimizer.learningRate, batchSize: c.training.batchSize };
    this.post({
      type: 'opened', view: this.view, settings: this.views[this.view].settings,
      network: layout.neuronLayers.map((l) => ({ units: l.units, activation: l.activation })),
      loss: layout.loss, trainSize: layout.trainSize, testSize: this.testY.length, parameterCount: layout.parameterCount,
      architecture: this.view === 'classifier' ? this.views.classifier.architecture : null, ...extra,
    });
    this.replaceRecords = true;
    this.newRecords = this.views[this.view].records.slice();
    this.measure();
  }

  /** Rebuilds the classifier with new layers; a refused architecture leaves the model as it was. */
  setArchitecture(architecture) {
    if (this.view !== 'classifier') throw new Error('the architecture can be changed in the classifier view only');
    this.running = false;
    this.stopAtEpoch = null;
    const target = this.views.classifier;
    this.images.rebuild((s) => s.configure(sessionConfig('classifier', target.settings, architecture)));
    target.architecture = structuredClone(architecture);
    target.records = [];
    this.newTimeline();
    this.opened({ rebuilt: true });
  }

  applySettings(settings) {
    if (!settings) return;
    this.views[this.view].settings = { ...settings };
    const c = this.session.config;
    if (c.optimizer.learningRate === settings.learningRate && c.training.batchSize === settings.batchSize) return;
    this.session.update({ optimizer: { learningRate: settings.learningRate }, training: { batchSize: settings.batchSize } });
  }

  reset() {
    this.running = false;
    this.stopAtEpoch = null;
    this.session.reset();
    this.newTimeline();
    this.views[this.view].records = [];
    this.replaceRecords = true;
    this.newRecords = [];
    this.measure();
  }

  // ---- training ----

  play() {
    if (this.running) return;
    this.running = true;
    this.rate.restart(performance.now(), this.progress());
    this.slices.schedule();
  }

  safeTick() {
    try {
      this.tick();
    } catch (error) {
      this.running = false;
      this.reportError(error, 'play');
    }
    this.flush();
  }

  tick() {
    if (!this.running) return;
    const s = this.session;
    let batches = Math.max(1, Math.floor(SLICE_MS / this.msPerBatch));
    if (this.stopAtEpoch !== null) batches = Math.min(batches, s.batchesPerEpoch - s.batchCursor);
    const epochBefore = s.epoch;
    const start = performance.now();
    if (!this.train(batches)) return;
    // The slice that ends an epoch also measures the whole training set: not a batch's cost.
    if (s.epoch === epochBefore) this.msPerBatch = 0.7 * this.msPerBatch + 0.3 * Math.max(0.01, (performance.now() - start) / batches);
    if (this.stopAtEpoch !== null && s.epoch >= this.stopAtEpoch) {
      this.running = false;
      this.stopAtEpoch = null;
    }
    const now = performance.now();
    this.rate.update(now, this.progress());
    if (!this.running || s.epoch !== epochBefore || now - this.lastEvalAt >= Math.max(EVAL_EVERY_MS, EVAL_SHARE * this.evalCost)) {
      this.measure();
    }
    if (this.running) this.slices.schedule();
  }

  /** Trains; a diverging network pauses training and explains itself. */
  train(batches) {
    try {
      if (this.view === 'classifier') this.timeline.train(batches);   // a snapshot at each epoch's end
      else this.session.train(batches);
      return true;
    } catch (error) {
      this.running = false;
      this.stopAtEpoch = null;
      if (error?.name !== 'TrainingDiverged') throw error;
      this.post({ type: 'diverged', message: error.message });
      this.measure();
      return false;
    }
  }

  progress() {
    const s = this.session;
    return s.epoch + s.batchCursor / s.batchesPerEpoch;
  }

  // ---- the rewind timeline (classifier) ----

  halt() {
    this.running = false;
    this.stopAtEpoch = null;
  }

  /** 'view' {index} | 'present' | 'continue' | 'undo' (timeline-host.js). */
  timelineCommand(m) {
    if (this.view !== 'classifier') throw new Error('the timeline belongs to the classifier view');
    this.halt();
    this.frameDue = true;
    this.timeline.command(m);
  }

  /** A new network or a reset: no past to go back to. */
  newTimeline() {
    this.timeline.clear();
    this.undoRecords = null;
  }

  /** "Continue from here": the charts lose the epochs after `epoch` (kept for Undo). */
  branched(epoch) {
    const v = this.views.classifier;
    this.undoRecords = v.records;
    v.records = v.records.filter((r) => r.epoch <= epoch);
    this.replaceRecords = true;
    this.newRecords = v.records.slice();
    this.measure();
  }

  /** Undo: the charts get their later epochs back. */
  rejoined() {
    const v = this.views.classifier;
    if (this.undoRecords) v.records = this.undoRecords;
    this.undoRecords = null;
    this.replaceRecords = true;
    this.newRecords = v.records.slice();
    this.measure();
  }

  // ---- measuring ----

  /** Measures the network on the test set and the training sample; queues a chart record. */
  measure() {
    const start = performance.now();
    const s = this.session;
    const epoch = this.progress();
    const e = { view: this.view, epoch, step: s.step };
    let record;
    const n = this.testY.length;
    if (this.view === 'classifier') {
      const r = classify(this.classifierOutputs(this.testX, n), n, this.testY);
      Object.assign(e, { predicted: r.predicted, confidence: r.confidence, confusion: r.confusion, testLoss: r.loss, testAccuracy: r.accuracy });
      const t = classify(this.classifierOutputs(this.sampleX, this.sampleY.length), this.sampleY.length, this.sampleY);
      Object.assign(e, { trainLoss: t.loss, trainAccuracy: t.accuracy });
      if (this.convLayers.length) {
        // A CNN: the filters of every conv layer (copies; one call per layer).
        e.filters = this.convLayers.map((layer) => {
          const f = s.convFilters(layer);
          return { layer, filters: f.filters, channels: f.channels, size: f.size, weights: f.weights.slice() };
        });
      } else {
        const first = this.layout.neuronLayers[0];
        e.weights = s.parameters().slice(first.weightOffset, first.weightOffset + first.inputs * first.units);
        e.units = first.units;
      }
      record = { epoch, step: s.step, trainLoss: e.trainLoss, testLoss: e.testLoss, trainAccuracy: e.trainAccuracy, testAccuracy: e.testAccuracy };
    } else {
      const test = s.evaluatePoints(this.testX, PIXELS);
      e.testLoss = reconstructionError(test.output, n, this.testX);
      e.reconstructions = this.pairs.map((i) => gatherRow(test.output, n, i));
      e.pairs = this.pairs.slice();
      if (this.codeLayer >= 0) {
        e.codes = test.neuronLayers[this.codeLayer].slice();
        e.separation = nearestCentroidAccuracy(e.codes, n, this.testY);
      }
      const sample = s.evaluatePoints(this.sampleX, PIXELS);
      e.trainLoss = reconstructionError(sample.output, sample.rows, this.sampleX);
      record = { epoch, step: s.step, trainLoss: e.trainLoss, testLoss: e.testLoss, separation: e.separation ?? null };
    }
    this.evaluation = e;
    this.lastEvalAt = performance.now();
    this.evalCost = this.lastEvalAt - start;
    if (this.timeline.viewing !== null) return;   // a past epoch: shown, not charted again
    const records = this.views[this.view].records;
    if (records.at(-1)?.step === record.step) {
      records[records.length - 1] = record;
      if (this.newRecords.at(-1)?.step === record.step) this.newRecords.pop();
    } else {
      records.push(record);
    }
    this.newRecords.push(record);
    if (records.length > MAX_RECORDS) this.views[this.view].records = records.filter((_, i) => i % 2 === 1);
  }

  /**
   * The classifier's outputs for n images (n×10, column-major). A CNN is evaluated EVAL_CHUNK
   * images per engine call: its im2col buffers grow with the batch (2,000 images of the
   * small CNN at once would take ~0.5 GB of WebAssembly memory); an MLP in one call (a view).
   */
  classifierOutputs(x, n) {
    if (!this.convLayers.length) return this.session.evaluatePoints(x, PIXELS).output;
    const out = new Float32Array(n * 10);
    for (let start = 0; start < n; start += EVAL_CHUNK) {
      const rows = Math.min(EVAL_CHUNK, n - start);
      const o = this.session.evaluatePoints(x.subarray(start * PIXELS, (start + rows) * PIXELS), PIXELS).output;
      for (let c = 0; c < 10; c++) out.set(o.subarray(c * rows, (c + 1) * rows), c * n + start);
    }
    return out;
  }

  /** One frame to the page when it has drawn the last one. */
  flush() {
    if (!this.session || !this.view || this.awaitingAck) return;
    const news = this.evaluation || this.newRecords.length || this.replaceRecords;
    if (!news && !this.running && !this.frameDue) return;
    // Between measurements only the batch counter moves: ten frames a second are plenty.
    if (!news && this.running && performance.now() - this.lastFrameAt < COUNTER_FRAME_MS) return;
    this.lastFrameAt = performance.now();
    const s = this.session;
    const frame = {
      type: 'frame', view: this.view, running: this.running, epoch: s.epoch, batch: s.batchCursor,
      batchesPerEpoch: s.batchesPerEpoch, step: s.step, epochsPerSecond: this.running ? this.rate.value : 0,
      epochsQueued: this.stopAtEpoch === null ? 0 : this.stopAtEpoch - s.epoch,
      records: this.newRecords, replaceRecords: this.replaceRecords, evaluation: this.evaluation,
      timeline: this.view === 'classifier' ? this.timeline.summary() : null,
    };
    const transfer = [];
    const e = this.evaluation;
    if (e) {
      for (const key of ['predicted', 'confidence', 'confusion', 'weights', 'codes']) if (e[key]) transfer.push(e[key].buffer);
      for (const f of e.filters ?? []) transfer.push(f.weights.buffer);
      for (const r of e.reconstructions ?? []) transfer.push(r.buffer);
    }
    this.newRecords = [];
    this.replaceRecords = false;
    this.evaluation = null;
    this.frameDue = this.running;
    this.awaitingAck = true;
    this.post(frame, transfer);
  }

  // ---- requests from the drawing pad and the code plane ----

  // Every request gets an answer (null when the other view holds the session): the page
  // waits for one before it sends the next.
  predict({ id, pixels }) {
    if (this.view !== 'classifier') { this.post({ type: 'prediction', id, probabilities: null }); return; }
    if (!this.convLayers.length) {
      const r = this.session.evaluatePoints(pixels, PIXELS);
      this.post({ type: 'prediction', id, probabilities: r.output.slice() });
      return;
    }
    // A CNN: one call gives every layer's output for the image; the page draws the image ones.
    const layers = this.session.featureMaps(pixels);
    const maps = [];
    layers.forEach((l, layer) => { if (l.shape.length === 3 && l.kind !== 'activation') maps.push({ layer, kind: l.kind, shape: l.shape, values: l.values.slice() }); });
    // A conv's maps are shown after its activation (what the next layer sees).
    for (const m of maps) if (m.kind === 'conv2d' && layers[m.layer + 1]?.kind === 'activation') m.values = layers[m.layer + 1].values.slice();
    const probabilities = layers.at(-1).values.slice();
    this.post({ type: 'prediction', id, probabilities, maps }, [probabilities.buffer, ...maps.map((m) => m.values.buffer)]);
  }

  decode({ id, x, y }) {
    if (this.view !== 'autoencoder' || this.codeLayer < 0) { this.post({ type: 'decoded', id, x, y, image: null }); return; }
    const r = this.session.evaluateFrom(this.codeLayer, [x, y]);
    this.post({ type: 'decoded', id, x, y, image: r.output.slice() });
  }

  /** A resolution × resolution mosaic of decoded images over the code plane (row 0 at the top). */
  decodeGrid({ id, bounds, resolution }) {
    if (this.view !== 'autoencoder' || this.codeLayer < 0) { this.post({ type: 'decodedGrid', id, bounds, resolution, images: null }); return; }
    const points = new Float32Array(resolution * resolution * 2);
    for (let r = 0; r < resolution; r++) {
      for (let c = 0; c < resolution; c++) {
        const i = r * resolution + c;
        points[2 * i] = bounds.xMin + ((c + 0.5) / resolution) * (bounds.xMax - bounds.xMin);
        points[2 * i + 1] = bounds.yMax - ((r + 0.5) / resolution) * (bounds.yMax - bounds.yMin);
      }
    }
    const out = this.session.evaluateFrom(this.codeLayer, points).output;
    const rows = resolution * resolution;
    const images = new Float32Array(rows * PIXELS);  // row-major: image i at i × 784
    for (let j = 0; j < PIXELS; j++) for (let i = 0; i < rows; i++) images[i * PIXELS + j] = out[j * rows + i];
    this.post({ type: 'decodedGrid', id, bounds, resolution, images }, [images.buffer]);
  }

  // ---- model files ----

  /** The current model as a parsed model file with this page's history in it. */
  modelFile(restore = false) {
    const page = { view: this.view, records: this.views[this.view].records };
    if (this.view === 'classifier') page.architecture = this.views.classifier.architecture;
    return this.images.modelFile(page, restore);
  }

  loadModel(text, name = 'the file') {
    const { model, view } = readModelFile(text, name);
    this.running = false;
    this.stopAtEpoch = null;
    this.timeline.leavePast();
    const leaving = view !== this.view ? this.modelFile() : null;
    this.images.load(model);  // atomic: a refused file leaves the current model in place
    if (leaving) this.views[this.view].parked = leaving;
    this.view = view;
    this.views[view].parked = null;
    this.newTimeline();
    const saved = model.session.fashionMnist.records;
    if (view === 'classifier') this.views.classifier.architecture = architectureOf(model);
    this.views[view].records = Array.isArray(saved) ? saved.slice(-MAX_RECORDS) : [];
    this.opened({ loaded: name });
  }
}

function firstOfEachClass(labels) {
  const out = new Array(10).fill(-1);
  for (let i = 0; i < labels.length; i++) if (out[labels[i]] < 0) out[labels[i]] = i;
  return out.filter((i) => i >= 0);
}

// The page layers a classifier model file was built from (files from before the editable
// architecture hold the MLP).
function architectureOf(model) {
  const a = model.session.fashionMnist.architecture;
  return Array.isArray(a) ? structuredClone(a) : structuredClone(DEFAULT_ARCHITECTURE);
}
