// Compare mode inside the training Worker: one engine Session per run, trained in lockstep
// (every run completes epoch n before any starts epoch n + 1), time-sliced like the
// playground's TrainingHost. After a slice, if the page has drawn the previous frame, ONE
// message carries every run's new epoch records and a small grid of its output.
//
// Measured as in engine/training/comparison.h: "epochs to target" is the first epoch after
// which the training DATA loss (the penalty excluded, so an L2 run is not handicapped by its
// own penalty) is ≤ the target; the weight norm covers weights only (no biases, no batch-norm
// scale and shift).
import { EpochRate, SliceTimer } from './worker-loop.js';

const SLICE_MS = 10;     // training per slice: the worker stays responsive
const MIN_TICK_MS = 6;

export class CompareHost {
  /** post(message, transfer) sends to the page. */
  constructor(engine, post) {
    this.engine = engine;
    this.post = post;
    this.runs = [];
    this.generation = 0;
    this.running = false;
    this.speed = 60;           // lockstep epochs per second (Infinity = as fast as possible)
    this.credit = 0;
    this.lastTick = 0;
    this.epochs = 0;           // completed lockstep epochs
    this.maxEpochs = 300;
    this.target = 0.1;
    this.resolution = 32;
    this.awaitingAck = false;
    this.dirty = false;
    this.sendSetup = false;
    this.rate = new EpochRate(500);
    this.slices = new SliceTimer(() => this.safeTick());
  }

  handle(m) {
    try {
      switch (m.command) {
        case 'setup': this.setup(m); break;
        case 'play': this.play(m.speed); break;
        case 'pause': this.running = false; this.dirty = true; break;
        case 'speed': this.speed = m.speed; this.credit = Math.min(this.credit, 1); break;
        case 'stepEpoch': this.running = false; this.trainEpochs(1); break;
        case 'budget': this.maxEpochs = m.epochs; this.target = m.target; this.refreshTargets(); break;
        case 'ack': this.awaitingAck = false; break;
        case 'stop': this.dispose(); this.running = false; return;
        default: throw new Error(`unknown compare request "${m.command}"`);
      }
    } catch (error) {
      this.running = false;
      this.post({ type: 'compareError', message: error?.message ?? String(error) });
    }
    this.flush();
  }

  /** New runs (or the same ones from the start): sessions built, nothing trained yet. */
  setup({ runs, custom, epochs, target, resolution }) {
    this.dispose();
    this.generation++;
    this.running = false;
    this.awaitingAck = false;   // a new generation: the page takes it whatever it was drawing
    this.epochs = 0;
    this.maxEpochs = epochs;
    this.target = target;
    this.resolution = resolution;
    for (const run of runs) {
      let session;
      try {
        session = this.engine.createSession(custom ? { ...run.config, data: { ...run.config.data, source: 'generated' } } : run.config);
        if (custom) session.setData(custom, { keepNetwork: false });
      } catch (error) {
        session?.dispose();
        this.dispose();
        throw new Error(`The run "${run.label}" cannot start: ${error.message}`);
      }
      const structure = session.describe();
      this.runs.push({
        label: run.label,
        session,
        structure,
        regularization: run.config.training.regularization,
        rate: run.config.training.regularizationRate,
        weightRanges: structure.neuronLayers.map((l) => [l.weightOffset, l.weightOffset + l.inputs * l.units]),
        penalties: [],          // per completed epoch
        pending: [],            // records not yet sent
        history: [],
        epochsToTarget: 0,
        diverged: null,
        weightNorm: 0,
      });
    }
    for (const run of this.runs) run.weightNorm = this.weightStats(run).norm;
    this.sendSetup = true;
    this.dirty = true;
  }

  dispose() {
    for (const run of this.runs) run.session.dispose();
    this.runs = [];
  }

  play(speed) {
    this.speed = speed;
    this.dirty = true;   // the page hears back even when there is nothing left to train
    if (this.running || this.finished()) return;
    this.running = true;
    this.credit = 0;
    this.lastTick = performance.now();
    this.rate.restart(this.lastTick, this.epochs);
    this.slices.schedule(0);
  }

  finished() {
    return this.epochs >= this.maxEpochs || this.runs.every((r) => r.diverged);
  }

  /** The penalty the trainer added to the training loss, and ‖w‖₂, over weights only. */
  weightStats(run) {
    const p = run.session.parameters();
    let squares = 0, absolute = 0;
    for (const [from, to] of run.weightRanges) {
      for (let i = from; i < to; i++) { squares += p[i] * p[i]; absolute += Math.abs(p[i]); }
    }
    const penalty = run.regularization === 'l2' ? (run.rate / 2) * squares : run.regularization === 'l1' ? run.rate * absolute : 0;
    return { penalty, norm: Math.sqrt(squares) };
  }

  /** Up to `count` lockstep epochs, stopping early when `deadline` (ms) passes. Returns epochs done. */
  trainEpochs(count, deadline = Infinity) {
    let done = 0;
    while (done < count && !this.finished()) {
      for (const run of this.runs) {
        if (run.diverged) continue;
        const s = run.session;
        try {
          s.train(s.batchesPerEpoch - s.batchCursor);
        } catch (error) {
          if (error?.name !== 'TrainingDiverged') throw error;
          run.diverged = error.message;
          continue;
        }
        const { penalty, norm } = this.weightStats(run);
        run.penalties.push(penalty);
        run.weightNorm = norm;
      }
      this.epochs++;
      done++;
      this.dirty = true;
      if (performance.now() > deadline) break;
    }
    if (done > 0) this.collect();
    if (this.finished()) this.running = false;
    return done;
  }

  /** The new epoch records of every run, with the data loss and epochs-to-target. */
  collect() {
    for (const run of this.runs) {
      const from = run.history.length;
      const fresh = run.session.history(from);   // only the epochs not collected yet
      for (let k = 0; k < fresh.length; k++) {
        const i = from + k;
        const r = fresh[k];
        const penalty = run.penalties[i] ?? 0;
        const record = {
          epoch: r.epoch,
          trainLoss: r.trainLoss === null ? null : r.trainLoss - penalty,   // data loss
          testLoss: r.testLoss, trainAccuracy: r.trainAccuracy, testAccuracy: r.testAccuracy, penalty,
        };
        run.history.push(record);
        run.pending.push(record);
        if (!run.epochsToTarget && record.trainLoss !== null && record.trainLoss <= this.target) run.epochsToTarget = record.epoch;
      }
    }
  }

  /** A new target: epochs-to-target recomputed from the histories. */
  refreshTargets() {
    for (const run of this.runs) {
      run.epochsToTarget = run.history.find((r) => r.trainLoss !== null && r.trainLoss <= this.target)?.epoch ?? 0;
    }
    this.dirty = true;
  }

  safeTick() {
    try {
      this.tick();
    } catch (error) {
      this.running = false;
      this.dirty = true;
      this.post({ type: 'compareError', message: error?.message ?? String(error) });
      this.flush();
    }
  }

  tick() {
    if (!this.running) return;
    const now = performance.now();
    const max = this.speed === Infinity;
    this.credit = max ? Infinity : Math.min(this.credit + ((now - this.lastTick) / 1000) * this.speed, Math.max(1, this.speed * 0.05));
    this.lastTick = now;
    if (this.credit >= 1) {
      const done = this.trainEpochs(max ? Infinity : Math.floor(this.credit), now + SLICE_MS);
      if (!max) this.credit -= done;
    }
    this.rate.update(now, this.epochs);
    this.flush();
    if (!this.running) return;
    if (max) { this.slices.schedule(0); return; }
    const owedIn = Math.max(0, ((1 - this.credit) * 1000) / this.speed);
    this.slices.schedule(Math.min(50, Math.max(MIN_TICK_MS, owedIn)));
  }

  /** Sends a frame if something changed and the page has drawn the previous one. */
  flush() {
    if (!this.dirty || this.awaitingAck || this.runs.length === 0) return;
    const transfer = [];
    const frame = {
      type: 'compareFrame',
      generation: this.generation,
      running: this.running,
      finished: this.finished(),
      epoch: this.epochs,
      maxEpochs: this.maxEpochs,
      target: this.target,
      epochsPerSecond: this.running ? this.rate.value : 0,
      runs: this.runs.map((run) => {
        const s = run.session;
        const b = run.structure.bounds;
        const grid = s.evaluateGrid({ resolution: this.resolution, ...b }).output.slice();
        transfer.push(grid.buffer);
        const out = {
          records: run.pending, epochsToTarget: run.epochsToTarget, diverged: run.diverged, weightNorm: run.weightNorm,
          grid: { resolution: this.resolution, rows: this.resolution * this.resolution, output: grid },
        };
        run.pending = [];
        return out;
      }),
    };
    if (this.sendSetup) {
      this.sendSetup = false;
      frame.structures = this.runs.map((r) => r.structure);
      const d = this.runs[0].session.data();
      frame.data = d;
      transfer.push(d.train.points.buffer, d.train.labels.buffer, d.test.points.buffer, d.test.labels.buffer);
    }
    this.dirty = false;
    this.awaitingAck = true;
    this.post(frame, transfer);
  }
}
