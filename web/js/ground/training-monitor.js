// The engine's TrainingMonitor (engine/training/training_monitor.h), ported line for line so
// the page runs the same logic on the epochs the worker reports: the learner's stop conditions
// (epoch, target loss/accuracy, early stopping with its best epoch) and the plain-words trends
// (the loss oscillating, or stalled on a plateau). Thresholds and their meaning are documented
// in that header; both implementations are tested against one table
// (tests/engine/training/training_monitor.cases.json).

export const OSCILLATION_WINDOW = 20;
export const MIN_REVERSALS = 6;
export const MIN_SWING = 0.2;
export const OSCILLATION_WINDOWS = 2;   // windows without a new best
export const PLATEAU_WINDOW = 200;
export const PROGRESS = 0.01;
export const SOLVED_ACCURACY = 0.99;
export const SOLVED_LOSS_RATIO = 0.02;

/** Stop reasons and trends by the engine's names. */
export const STOP = Object.freeze({ none: 'none', nonFinite: 'non_finite', targetAccuracy: 'target_accuracy', targetLoss: 'target_loss', earlyStopping: 'early_stopping', epochReached: 'epoch_reached' });
export const TREND = Object.freeze({ healthy: 'healthy', oscillating: 'oscillating', plateau: 'plateau' });

const isNaNish = (v) => v === null || v === undefined || Number.isNaN(v);
// The element at length/2 of the sorted values, as the engine's nth_element picks it.
const upperMedian = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];
const lowest = (v, begin, end) => { let m = v[begin]; for (let i = begin + 1; i < end; i++) m = Math.min(m, v[i]); return m; };

/**
 * conditions: { stopEpoch?: number (0 = none), targetLoss?: number|null, targetAccuracy?: number|null (0–1),
 * patience?: number (0 = off) }. Throws RangeError naming the setting when one is invalid.
 */
export function validateConditions(c = {}) {
  const stopEpoch = c.stopEpoch ?? 0, patience = c.patience ?? 0;
  if (!Number.isInteger(stopEpoch) || stopEpoch < 0) throw new RangeError(`the stop epoch must be 0 (no limit) or more, got ${stopEpoch}`);
  if (!Number.isInteger(patience) || patience < 0) throw new RangeError(`the early-stopping patience must be 0 (off) or more epochs, got ${patience}`);
  if (c.targetLoss !== null && c.targetLoss !== undefined && !(Number.isFinite(c.targetLoss) && c.targetLoss >= 0)) {
    throw new RangeError(`the target loss must be a number ≥ 0, got ${c.targetLoss}`);
  }
  if (c.targetAccuracy !== null && c.targetAccuracy !== undefined && !(c.targetAccuracy >= 0 && c.targetAccuracy <= 1)) {
    throw new RangeError(`the target accuracy must be from 0 to 1 (0 % to 100 %), got ${c.targetAccuracy}`);
  }
  return { stopEpoch, patience, targetLoss: c.targetLoss ?? null, targetAccuracy: c.targetAccuracy ?? null };
}

export class TrainingMonitor {
  constructor(conditions = {}) {
    this.conditions = validateConditions(conditions);
    this.reset();
  }

  setConditions(conditions) { this.conditions = validateConditions(conditions); }

  reset() {
    this.trainLoss = [];
    this.firstLoss = 0;
    this.trend = TREND.healthy;
    this.trendBest = 0;
    this.last = { epoch: 0, stop: STOP.none, trend: TREND.healthy, bestEpoch: 0, bestLoss: 0, epochsSinceBest: 0, monitorsTestSet: true };
  }

  /**
   * record: { epoch, trainLoss, testLoss, trainAccuracy, testAccuracy } (null/NaN = absent).
   * Returns { epoch, stop, trend, bestEpoch, bestLoss, epochsSinceBest, monitorsTestSet }.
   */
  observe(r) {
    if (this.trainLoss.length > 0 && r.epoch <= this.last.epoch) this.reset();
    const hasTest = !isNaNish(r.testLoss);
    const report = { epoch: r.epoch, stop: STOP.none, trend: TREND.healthy, bestEpoch: 0, bestLoss: 0, epochsSinceBest: 0, monitorsTestSet: hasTest };
    const loss = hasTest ? r.testLoss : r.trainLoss;
    const accuracy = hasTest ? r.testAccuracy : r.trainAccuracy;

    if (!Number.isFinite(r.trainLoss) || (hasTest && !Number.isFinite(r.testLoss))) {
      report.stop = STOP.nonFinite;
      report.bestEpoch = this.last.bestEpoch;
      report.bestLoss = this.last.bestLoss;
      report.epochsSinceBest = this.last.bestEpoch > 0 ? r.epoch - this.last.bestEpoch : 0;
      report.trend = this.last.trend;
      this.last = report;
      return report;
    }
    if (this.trainLoss.length === 0) this.firstLoss = r.trainLoss;
    this.trainLoss.push(r.trainLoss);

    if (this.last.bestEpoch === 0 || loss < this.last.bestLoss) {
      report.bestEpoch = r.epoch;
      report.bestLoss = loss;
    } else {
      report.bestEpoch = this.last.bestEpoch;
      report.bestLoss = this.last.bestLoss;
    }
    report.epochsSinceBest = r.epoch - report.bestEpoch;

    const bestTrain = lowest(this.trainLoss, 0, this.trainLoss.length);
    if (this.trend !== TREND.healthy && (bestTrain <= (1 - PROGRESS) * this.trendBest || this.#solved(r))) this.trend = TREND.healthy;
    if (this.trend === TREND.healthy || this.trend === TREND.plateau) {
      const detected = this.#detectTrend(r);
      if (detected !== TREND.healthy && detected !== this.trend) {
        this.trend = detected;
        this.trendBest = bestTrain;
      }
    }
    report.trend = this.trend;

    const c = this.conditions;
    if (c.targetAccuracy !== null && !isNaNish(accuracy) && accuracy >= c.targetAccuracy) report.stop = STOP.targetAccuracy;
    else if (c.targetLoss !== null && loss <= c.targetLoss) report.stop = STOP.targetLoss;
    else if (c.patience > 0 && report.epochsSinceBest >= c.patience) report.stop = STOP.earlyStopping;
    else if (c.stopEpoch > 0 && r.epoch >= c.stopEpoch) report.stop = STOP.epochReached;
    this.last = report;
    return report;
  }

  #solved(r) {
    if (!isNaNish(r.trainAccuracy) && r.trainAccuracy >= SOLVED_ACCURACY) return true;
    return r.trainLoss <= SOLVED_LOSS_RATIO * this.firstLoss;
  }

  #detectTrend(r) {
    const v = this.trainLoss, n = v.length;
    if (this.#solved(r)) return TREND.healthy;
    const w = OSCILLATION_WINDOW;
    const quiet = w * OSCILLATION_WINDOWS;
    if (n > quiet) {
      const begin = n - w;
      let reversals = 0, previousSign = 0;
      const steps = [];
      for (let i = begin + 1; i < n; i++) {
        const d = v[i] - v[i - 1];
        steps.push(Math.abs(d));
        const sign = Math.sign(d);
        if (sign !== 0) {
          if (previousSign !== 0 && sign !== previousSign) reversals++;
          previousSign = sign;
        }
      }
      // Medians, not means: one spike (a normal bump of Adam or momentum) must not count as swinging.
      const medianLoss = upperMedian(v.slice(begin, n));
      const medianStep = upperMedian(steps);
      const noNewBest = lowest(v, n - quiet, n) > (1 - PROGRESS) * lowest(v, 0, n - quiet);
      if (reversals >= MIN_REVERSALS && medianStep >= MIN_SWING * medianLoss && noNewBest) return TREND.oscillating;
    }
    const p = PLATEAU_WINDOW;
    if (n > p && lowest(v, n - p, n) > (1 - PROGRESS) * lowest(v, 0, n - p)) return TREND.plateau;
    return TREND.healthy;
  }
}

const percent = (fraction) => `${Math.round(fraction * 1000) / 10} %`;
const number = (v) => String(Number(v.toPrecision(6)));

/** Why training stopped, in plain words ('' when it did not). */
export function describeStop(r, conditions) {
  const set = r.monitorsTestSet ? 'test' : 'training';
  const at = ` at epoch ${r.epoch}`;
  switch (r.stop) {
    case STOP.nonFinite: return `Stopped${at}: the loss is no longer a finite number (the training diverged).`;
    case STOP.targetAccuracy: return `Stopped${at}: the ${set} accuracy reached the target of ${percent(conditions.targetAccuracy)}.`;
    case STOP.targetLoss: return `Stopped${at}: the ${set} loss reached the target of ${number(conditions.targetLoss)}.`;
    case STOP.earlyStopping: return `Early stopping${at}: the ${set} loss has not improved for ${r.epochsSinceBest} epochs; the best was ${number(r.bestLoss)} at epoch ${r.bestEpoch}.`;
    case STOP.epochReached: return `Stopped${at}, as set.`;
    default: return '';
  }
}

/** What is happening and what to try ('' when healthy). */
export function describeTrend(r) {
  switch (r.trend) {
    case TREND.oscillating:
      return 'The loss is bouncing up and down without getting better: each step is so large that it overshoots the valley it is heading for. Lower the learning rate (try a tenth of it), or try Adam or momentum with a smaller rate.';
    case TREND.plateau:
      return `The loss has hardly changed for ${PLATEAU_WINDOW} epochs (less than 1 % better): training has stalled. Try a larger learning rate or Adam/momentum; if the network is too small for the data, add neurons or layers, or input features such as x₁².`;
    default: return '';
  }
}
