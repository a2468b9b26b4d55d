// One view's training panel: the settings (learning rate, batch size), the read-outs and the
// charts. Static markup in mnist.html (ids prefixed "c-" or "a-"); this fills and updates it.
import { ChartView } from '../views/chart-view.js';
import { SERIES } from '../ground/palette.js';
import { formatNumber } from '../ground/validate.js';
import { LEARNING_RATES, BATCH_SIZES } from '../ground/fashion-mnist-models.js';

export class TrainingPanel {
  /**
   * @param {string} prefix 'c' or 'a'
   * @param {{lossLabel: string, second: {id: string, label: string, series: {key: string, label: string, colour: string}[]}, onSettings: (s) => void}} options
   */
  constructor(prefix, { lossLabel, second, onSettings }) {
    const $ = (id) => document.getElementById(`${prefix}-${id}`);
    this.$ = $;
    this.learningRate = $('learning-rate');
    this.batchSize = $('batch-size');
    for (const v of LEARNING_RATES) this.learningRate.append(new Option(String(v), String(v)));
    for (const v of BATCH_SIZES) this.batchSize.append(new Option(`${v} images`, String(v)));
    const changed = () => onSettings({ learningRate: Number(this.learningRate.value), batchSize: Number(this.batchSize.value) });
    this.learningRate.addEventListener('change', changed);
    this.batchSize.addEventListener('change', changed);
    const series = (suffix) => [
      { key: `train${suffix}`, label: 'training', colour: SERIES.train },
      { key: `test${suffix}`, label: 'test', colour: SERIES.test, dash: [5, 3] },
    ];
    this.lossChart = new ChartView($('loss-chart'), { yLabel: lossLabel, series: series('Loss') });
    this.secondChart = new ChartView($(second.id), { yLabel: second.label, series: second.series ?? series('Accuracy'), percent: true });
    this.records = [];
    this.chartsDirty = true;
  }

  setSettings({ learningRate, batchSize }) {
    // A value loaded from a model file may not be in the list: offer it.
    for (const [select, value, label] of [[this.learningRate, learningRate, String(learningRate)], [this.batchSize, batchSize, `${batchSize} images`]]) {
      if (![...select.options].some((o) => Number(o.value) === value)) select.append(new Option(label, String(value)));
      select.value = String(value);
    }
  }

  /** New chart records (replace: the history restarted). */
  addRecords(records, replace) {
    if (replace) this.records = [];
    if (!records.length && !replace) return;
    for (const r of records) {
      // A measurement of the same step (e.g. on pausing) replaces the one drawn before.
      if (this.records.at(-1)?.step === r.step) this.records[this.records.length - 1] = r;
      else this.records.push(r);
    }
    if (this.records.length > 1500) this.records = this.records.filter((_, i) => i % 2 === 1 || i === this.records.length - 1);
    this.chartsDirty = true;
  }

  drawCharts() {
    if (!this.chartsDirty) return;
    this.chartsDirty = false;
    this.lossChart.draw(this.records);
    this.secondChart.draw(this.records);
  }

  set(id, text) {
    const node = this.$(id);
    if (node && node.textContent !== text) node.textContent = text;
  }

  update(frame) {
    this.set('steps', String(frame.step).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f'));
    this.set('rate', frame.running ? `${formatNumber(frame.epochsPerSecond, 2)} epochs/s` : 'paused');
    const e = frame.evaluation;
    if (e) {
      this.set('test-loss', formatNumber(e.testLoss, 4));
      this.set('train-loss', formatNumber(e.trainLoss, 4));
      if (e.testAccuracy !== undefined) this.set('test-accuracy', percent(e.testAccuracy));
      if (e.trainAccuracy !== undefined) this.set('train-accuracy', percent(e.trainAccuracy));
      if (e.separation !== undefined) this.set('separation', percent(e.separation));
    }
    this.drawCharts();
  }
}

export function percent(value) {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : `${(value * 100).toFixed(1)} %`;
}
