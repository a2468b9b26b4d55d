// Runs inside the training Worker and owns the engine Session. Training is time-sliced:
// each slice is ONE session.train(n) call sized to take a few milliseconds, and the number
// of batches follows the speed setting (epochs per second), not the frame rate. After a
// slice, if the page has drawn the previous frame (it acknowledges), one message carries the
// numbers and the grid evaluation, its typed arrays transferred rather than copied.

import { CompareHost } from './compare-host.js';
import { InsightHost } from './insight-host.js';
import { TimelineHost } from './timeline-host.js';
import { TrainingMonitor, describeStop, describeTrend } from '../ground/training-monitor.js';
import { EpochRate, SliceTimer, WorkerHost } from './worker-loop.js';

const SLICE_MS = 8;             // training time per slice; the worker stays responsive
const MIN_TICK_MS = 6;          // at finite speeds, wake up at most every 6 ms
const SNAPSHOT_EVERY_MS = 400;  // "last good state" for recovering from divergence
const EXPLODE_FACTOR = 100;     // loss above 100× its starting value (and above 10) = exploding
const MAX_WEIGHT = 1000;        // |weight| beyond this = exploding

export class TrainingHost extends WorkerHost {
  constructor(post, createEngine) {
    super(post);
    this.pending = [];                // messages that arrived before the engine loaded
    this.engine = null;
    this.session = null;
    this.running = false;
    this.speed = 60;                  // epochs per second (Infinity = as fast as possible)
    this.credit = 0;                  // batches owed to the schedule
    this.lastTick = 0;
    this.msPerBatch = 0.05;           // measured, exponentially averaged
    this.view = { resolution: 64, bounds: null };
    this.awaitingAck = false;
    this.dirty = { frame: true, structure: true, data: true };
    this.generation = 0;              // bumps when the history restarts (rebuild, reset, restore)
    this.historyFrom = 0;             // …and the epoch it restarts from
    this.records = [];                // metric records not yet sent
    this.lastRecordStep = -1;
    this.snapshots = [];              // ids, oldest first (at most 2 kept)
    this.lastSnapshotAt = 0;
    this.baselineLoss = null;         // first loss of this run, for the explosion test
    this.bestLoss = Infinity;
    this.rate = new EpochRate(500);
    this.slices = new SliceTimer(() => this.safeTick());
    // The learner's stop conditions and the plain-words trends (training-monitor.js), fed every
    // completed epoch of the session's own history, so they see what the engine recorded.
    this.monitor = new TrainingMonitor();
    this.monitored = 0;               // epochs fed to the monitor
    this.stoppedAt = 0;               // the epoch a condition paused training at (once per run)
    this.monitorReport = null;
    createEngine().then((engine) => {
      this.engine = engine;
      this.compare = new CompareHost(engine, post);   // compare mode's runs (web/js/compare/)
      this.insight = new InsightHost(() => this.session, post, () => { this.dirty.frame = true; });   // backprop view
      this.timeline = new TimelineHost(() => this.session, {   // rewind: a snapshot per epoch
        changed: () => { this.running = false; this.dirty.frame = true; },
        branched: () => this.newHistory(this.session.epoch, []),
        rejoined: () => this.newHistory(0, this.session.history()),
      });
      this.post({ type: 'ready', version: engine.version, simd: engine.simd });
      for (const message of this.pending.splice(0)) this.receive(message);
    }, (error) => this.post({ type: 'fatal', message: `The WebAssembly engine could not be loaded (${String(error?.message ?? error).replace(/^.*Aborted\((.*?)\).*$/s, '$1')}).` }));
  }

  receive(message) {
    if (!this.engine) { this.pending.push(message); return; }
    this.answer(message);
  }

  handle(m) {
    switch (m.type) {
      case 'init': return this.init(m);
      case 'configure': return this.configure(m);
      case 'setData': return this.setData(m);
      case 'view': this.view = { resolution: m.resolution, bounds: m.bounds }; this.dirty.frame = true; this.dirty.structure = true; return;
      case 'play': this.timeline.leavePast(); return this.play(m.speed);
      case 'pause': this.running = false; this.dirty.frame = true; return;
      case 'speed': this.speed = m.speed; this.credit = Math.min(this.credit, 1); return;
      case 'stepEpoch': this.running = false; this.timeline.leavePast(); this.guard(() => this.session.stepEpoch()); this.timeline.observe(); return this.observeEpochs();
      case 'stepBatch': this.running = false; this.timeline.leavePast(); this.guard(() => this.session.stepBatch()); this.timeline.observe(); return this.observeEpochs();
      case 'reset': return this.reset();
      case 'restore': return this.restore();
      case 'setWeight': this.session.setWeight(m.layer, m.from, m.to, m.value); this.dirty.frame = true; return;
      case 'setBias': this.session.setBias(m.layer, m.neuron, m.value); this.dirty.frame = true; return;
      case 'ack': this.awaitingAck = false; return;
      case 'stopConditions': return this.setStopConditions(m.conditions);
      case 'thumbnails': return this.thumbnails(m.items);
      case 'saveModel': return this.post({ type: 'model', text: this.session.saveModel(), purpose: m.purpose, epoch: this.session.epoch, step: this.session.step });
      case 'ping': return this.post({ type: 'pong', id: m.id });   // the page's crash watchdog (pages/playground/recovery.js)
      case 'loadModel': return this.loadModel(m.text);
      case 'compare': return this.compare.handle(m);
      case 'insight': return this.insight.handle(m);
      case 'timeline': this.running = false; return this.timeline.command(m);
      default: throw new Error(`unknown request "${m.type}"`);
    }
  }

  init({ config, custom, view }) {
    this.view = view;
    try {
      this.session = this.engine.createSession(custom ? { ...config, data: { ...config.data, source: 'generated' } } : config);
      if (custom) this.session.setData(custom, { keepNetwork: false });
      this.post({ type: 'configured', rebuilt: true });
    } catch (error) {
      // A configuration the engine refuses must not leave the page without a network.
      this.session?.dispose?.();
      this.session = this.engine.createSession();
      this.reportError(error, 'init');
    }
    this.restarted();
  }

  configure({ config, custom, keepNetwork }) {
    if (custom) this.session.setData(custom, { keepNetwork: Boolean(keepNetwork) });
    const rebuilt = this.session.configure(config);
    if (rebuilt || custom) this.restarted(!rebuilt);
    this.dirty.structure = true;
    this.dirty.frame = true;
    this.post({ type: 'configured', rebuilt, config: this.session.config });
  }

  setData({ custom, keepNetwork }) {
    this.session.setData(custom, { keepNetwork });
    this.restarted(keepNetwork);
  }

  /** The network or its data changed: a new history (unless kept), new snapshots. */
  restarted(keepHistory = false) {
    this.timeline?.clear();
    if (!keepHistory) {
      this.generation++;
      this.historyFrom = 0;
      this.records = [];
      this.lastRecordStep = -1;
      this.baselineLoss = null;
      this.bestLoss = Infinity;
      this.snapshots = [];
    }
    this.resetMonitor();
    this.dirty.structure = true;
    this.dirty.data = true;
    this.dirty.frame = true;
    this.record();
  }

  play(speed) {
    this.speed = speed;
    if (this.running) return;
    this.running = true;
    this.credit = 0;
    this.lastTick = performance.now();
    this.rate.restart(this.lastTick, this.session.epoch);
    this.slices.schedule(0);
  }

  reset() {
    this.running = false;
    this.session.reset();
    this.restarted();
  }

  restore() {
    const id = this.snapshots.at(-1);
    if (id === undefined) throw new Error('there is no saved state to restore yet: press Reset to start again');
    this.running = false;
    this.timeline.clear();
    this.session.restoreSnapshot(id);
    this.newHistory(this.session.epoch + this.session.batchCursor / this.session.batchesPerEpoch, []);
    this.post({ type: 'restored', epoch: this.session.epoch });
  }

  /** The charts restart at epoch `from` (0: all of `records`), e.g. after a rewind. */
  newHistory(from, records) {
    this.generation++;
    this.historyFrom = from;
    this.records = records;
    this.lastRecordStep = -1;
    this.resetMonitor();
    this.dirty.frame = true;
    this.record();
  }

  /** Runs a training call; divergence pauses training and explains itself. */
  guard(train) {
    try {
      train();
    } catch (error) {
      if (error?.name !== 'TrainingDiverged') throw error;
      this.diverged(error.message);
      return false;
    } finally {
      this.dirty.frame = true;
    }
    return this.record();
  }

  diverged(message) {
    this.running = false;
    this.dirty.frame = true;
    this.post({ type: 'diverged', message, canRestore: this.snapshots.length > 0 });
  }

  setStopConditions(conditions) {
    this.monitor.setConditions(conditions);
    this.stoppedAt = 0;
    this.resetMonitor();
    this.observeEpochs();
    this.dirty.frame = true;
  }

  resetMonitor() {
    this.monitor.reset();
    this.monitored = 0;
    this.monitorReport = null;
    if (this.session && this.session.epoch === 0) this.stoppedAt = 0;
  }

  /** With a stop condition set, a slice ends at the next epoch boundary so training stops exactly there. */
  batchesBeforeCheck() {
    const c = this.monitor.conditions;
    const active = c.stopEpoch > 0 || c.patience > 0 || c.targetLoss !== null || c.targetAccuracy !== null;
    if (!active || this.stoppedAt) return Infinity;
    const s = this.session;
    return s.batchesPerEpoch - s.batchCursor;
  }

  /** Feeds the epochs completed since the last call to the monitor; a met condition pauses training. */
  observeEpochs() {
    const s = this.session;
    if (!s || s.epoch <= this.monitored) return;
    const fresh = s.history(this.monitored);   // only the epochs not seen yet
    let report = null;
    for (const record of fresh) {
      report = this.monitor.observe({ ...record, trainLoss: record.trainLoss ?? NaN, testLoss: record.testLoss ?? NaN,
        trainAccuracy: record.trainAccuracy ?? NaN, testAccuracy: record.testAccuracy ?? NaN });
      const stops = report.stop !== 'none' && report.stop !== 'non_finite';
      if (stops && !this.stoppedAt) {
        this.stoppedAt = report.epoch;
        this.stopText = describeStop(report, this.monitor.conditions);
        if (this.running) { this.running = false; this.dirty.frame = true; }
      }
    }
    this.monitored += fresh.length;
    if (report) {
      this.monitorReport = { ...report, stoppedAt: this.stoppedAt, stopText: this.stoppedAt ? this.stopText : '',
        trendText: describeTrend(report), patience: this.monitor.conditions.patience };
      this.dirty.frame = true;
    }
  }

  /** Current metrics into the pending records; checks for an exploding loss; snapshots. */
  record() {
    const s = this.session;
    const m = s.evaluate();
    if (s.step === this.lastRecordStep) return true;
    this.lastRecordStep = s.step;
    const epoch = s.epoch + s.batchCursor / s.batchesPerEpoch;
    this.records.push({ epoch, step: s.step, trainLoss: m.trainLoss, testLoss: m.testLoss, trainAccuracy: m.trainAccuracy, testAccuracy: m.testAccuracy });
    if (this.records.length > 4000) this.records = this.records.filter((_, i) => i % 2 === 1);
    const loss = m.trainLoss;
    if (this.baselineLoss === null && Number.isFinite(loss)) this.baselineLoss = loss;
    const problem = this.divergence(loss, epoch);
    if (problem) {
      this.diverged(`${problem} Lower the learning rate (now ${s.config.optimizer.learningRate}), then restore the last good state or reset the network.`);
      return false;
    }
    this.bestLoss = Math.min(this.bestLoss, loss);
    const now = performance.now();
    const due = this.snapshots.length === 0 || now - this.lastSnapshotAt > SNAPSHOT_EVERY_MS;
    if (due && loss <= 1.5 * this.bestLoss + 1e-9) {
      this.snapshots.push(s.takeSnapshot());
      if (this.snapshots.length > 2) s.deleteSnapshot(this.snapshots.shift());
      this.lastSnapshotAt = now;
    }
    return true;
  }

  /** Why training counts as diverged, or null. NaN/∞ is caught by the engine itself. */
  divergence(loss, epoch) {
    const at = `at epoch ${epoch.toFixed(epoch % 1 ? 2 : 0)}`;
    if (loss === null || !Number.isFinite(loss)) return `The training loss became NaN (not a number) ${at}.`;
    if (this.baselineLoss !== null && loss > Math.max(10, EXPLODE_FACTOR * this.baselineLoss)) {
      return `The training loss exploded to ${loss.toPrecision(3)} ${at} (it started at ${this.baselineLoss.toPrecision(3)}).`;
    }
    // Huge weights: the updates overshoot (often while ReLUs die, so the loss looks calm).
    const p = this.session.parameters();
    let largest = 0;
    for (let i = 0; i < p.length; i++) {
      const a = Math.abs(p[i]);
      if (!(a <= largest)) largest = a;   // also catches NaN
    }
    if (!(largest <= MAX_WEIGHT)) {
      return `A weight reached ${largest.toPrecision(3)} ${at}: the steps overshoot (weights of a healthy small network stay far below ${MAX_WEIGHT}).`;
    }
    return null;
  }

  safeTick() {
    try {
      this.tick();
    } catch (error) {
      this.running = false;
      this.dirty.frame = true;
      this.reportError(error, 'play');
      this.flush();
    }
  }

  tick() {
    if (!this.running) return;
    const now = performance.now();
    const perEpoch = this.session.batchesPerEpoch;
    const maxSlice = Math.max(1, Math.floor(SLICE_MS / this.msPerBatch));
    this.credit = this.speed === Infinity ? maxSlice
      : Math.min(this.credit + ((now - this.lastTick) / 1000) * this.speed * perEpoch, maxSlice);
    this.lastTick = now;
    const batches = Math.min(Math.floor(this.credit), maxSlice, this.batchesBeforeCheck());
    if (batches >= 1) {
      const start = performance.now();
      const ok = this.guard(() => this.timeline.train(batches));
      const spent = performance.now() - start;
      if (spent > 0) this.msPerBatch = 0.7 * this.msPerBatch + 0.3 * Math.max(1e-4, spent / batches);
      this.credit -= batches;
      if (!ok) { this.flush(); return; }
      this.observeEpochs();
    }
    this.flush();
    if (!this.running) return;
    if (this.speed === Infinity) { this.slices.schedule(0); return; }
    // Sleep until a few milliseconds of batches are owed: one train() call then does them
    // all, instead of waking up for every single batch.
    const batchesPerMs = (this.speed * perEpoch) / 1000;
    const owedIn = Math.max(0, (1 - this.credit) / batchesPerMs);
    this.slices.schedule(Math.min(50, Math.max(MIN_TICK_MS, owedIn)));
  }

  /** Sends a frame if anything changed and the page is ready for one. */
  flush() {
    if (!this.session || this.awaitingAck || !(this.dirty.frame || this.records.length)) return;
    const s = this.session;
    this.rate.update(performance.now(), s.epoch);
    const frame = {
      type: 'frame',
      generation: this.generation,
      historyFrom: this.historyFrom,   // with a new generation: chart records from here on are replaced
      running: this.running,
      epoch: s.epoch,
      step: s.step,
      batch: s.batchCursor,
      batchesPerEpoch: s.batchesPerEpoch,
      epochsPerSecond: this.running ? this.rate.value : 0,
      metrics: s.evaluate(),
      records: this.records,
      canRestore: this.snapshots.length > 0,
      monitor: this.monitorReport,
      timeline: this.timeline.summary(),
    };
    const transfer = [];
    if (this.dirty.structure) frame.structure = s.describe();
    if (this.dirty.data) {
      const d = s.data();
      frame.data = d;
      transfer.push(d.train.points.buffer, d.train.labels.buffer, d.test.points.buffer, d.test.labels.buffer);
    }
    const bounds = this.view.bounds ?? (frame.structure ?? s.describe()).bounds;
    const grid = s.evaluateGrid({ resolution: this.view.resolution, ...bounds });
    // Views into WASM memory: copy before the next engine call.
    frame.grid = {
      resolution: grid.resolution,
      rows: grid.rows,
      bounds,
      output: grid.output.slice(),
      neurons: grid.neuronLayers.map((a) => a.slice()),
    };
    frame.parameters = s.parameters().slice();
    transfer.push(frame.grid.output.buffer, ...frame.grid.neurons.map((a) => a.buffer), frame.parameters.buffer);
    this.insight.addTo(frame, transfer);
    this.records = [];
    this.dirty = { frame: false, structure: false, data: false };
    this.awaitingAck = true;
    this.post(frame, transfer);
  }

  thumbnails(items) {
    const out = [];
    for (const item of items) {
      const t = this.engine.createSession({ data: { kind: item.kind, points: item.points, noise: item.noise, classes: item.classes ?? 3, seed: 1, testFraction: 0 }, network: { hidden: [] } });
      try {
        const d = t.data();
        out.push({ id: item.id, points: d.train.points, labels: d.train.labels, bounds: t.describe().bounds });
      } finally {
        t.dispose();
      }
    }
    this.post({ type: 'thumbnails', items: out }, out.flatMap((x) => [x.points.buffer, x.labels.buffer]));
  }

  loadModel(text) {
    this.running = false;
    this.session.loadModel(text);
    this.restarted();
    const d = this.session.data();
    this.post({ type: 'loaded', config: this.session.config, data: d, classes: this.session.describe().classes, epoch: this.session.epoch });
    // The file's history continues on the charts.
    this.records = [...this.session.history(), ...this.records];
  }
}
