// Compare mode's results: a small decision surface per run, the overlaid loss chart with its
// legend, the table (epochs to target, final training and test loss, their gap, weight
// norm) and the sentences that say what the numbers mean.
import { pointColour } from '../ground/palette.js';
import { RUN_COLOURS } from './compare-config.js';
import { summarise } from './compare-summary.js';
import { formatNumber } from '../ground/validate.js';
import { el, checkbox } from '../views/form.js';
import { OffscreenImage, paintOutput } from '../views/heatmap.js';
import { CompareChart } from './compare-chart.js';

const MAX_SURFACE_PX = 200;

export class CompareResults {
  /** root: container; actions: { logScale(on) } */
  constructor(root, actions) {
    this.cards = el('div', { class: 'compare-cards' });
    this.canvas = el('canvas', { class: 'compare-chart-canvas', role: 'img', 'aria-label': 'Training and test loss of every run by epoch' });
    this.legend = el('ul', { class: 'compare-legend', 'aria-label': 'Chart key' });
    this.log = checkbox({ id: 'compare-log', label: 'Log scale', tip: 'Logarithmic loss axis: small losses late in training stay visible', checked: false,
      onChange: (on) => actions.logScale(on) });
    this.chart = new CompareChart(this.canvas);
    this.body = el('tbody');
    this.caption = el('h3', { id: 'compare-table-title', class: 'compare-table-title' });
    this.summary = el('div', { class: 'compare-summary', 'aria-live': 'polite' });
    this.warnings = el('p', { class: 'compare-warning', role: 'status' });
    this.warnings.hidden = true;
    const th = (text, tip) => el('th', { scope: 'col', tip }, text);
    root.append(
      this.warnings,
      el('div', { class: 'compare-body' },
        this.cards,
        el('figure', { class: 'compare-chart' },
          el('figcaption', {}, el('span', {}, 'Loss by epoch'), this.log),
          this.canvas, this.legend)),
      this.caption,
      el('div', { class: 'table-wrap' },
        el('table', { class: 'compare-table', id: 'compare-table', 'aria-labelledby': 'compare-table-title' },
          el('thead', {}, el('tr', {},
            th('Run', 'The value of the varied setting'),
            th('Epochs to target', 'The first epoch after which the training loss (penalty excluded) was at or below the target'),
            th('Training loss', 'Loss on the training set after the last epoch (penalty excluded)'),
            th('Test loss', 'Loss on the held-out test set after the last epoch'),
            th('Gap', 'Test loss minus training loss: larger means more overfitting'),
            th('Weight norm ‖w‖', 'The length of the weight vector (biases excluded): what L2 keeps small'))),
          this.body)),
      this.summary,
    );
    this.runs = [];
    this.structures = null;
    this.data = null;
  }

  setWarnings(list) {
    this.warnings.textContent = list.join(' ');
    this.warnings.hidden = list.length === 0;
  }

  setLogScale(on) {
    this.log.querySelector('input').checked = on;
  }

  /** New runs: labels known, nothing trained yet. */
  setRuns(labels) {
    this.runs = labels.map((label, i) => new RunCard(label, RUN_COLOURS[i]));
    this.cards.replaceChildren(...this.runs.map((c) => c.node));
    this.cards.dataset.count = String(labels.length);
    this.legend.replaceChildren(
      ...labels.map((label, i) => el('li', {}, el('i', { class: 'key-run', style: `--run: ${RUN_COLOURS[i]}` }), label)),
      el('li', { class: 'key-styles' }, el('i', { class: 'key-solid' }), 'training', el('i', { class: 'key-dashed' }), 'test', el('i', { class: 'key-dotted' }), 'target'));
    this.body.replaceChildren(...labels.map((label, i) => {
      const cells = Array.from({ length: 5 }, () => el('td', {}, '–'));
      const tr = el('tr', { style: `--run: ${RUN_COLOURS[i]}` }, el('th', { scope: 'row' }, el('i', { class: 'run-swatch', 'aria-hidden': 'true' }), label), ...cells);
      tr.cells5 = cells;
      return tr;
    }));
  }

  setSetup(structures, data) {
    this.structures = structures;
    this.data = data;
    this.runs.forEach((card, i) => card.setup(structures[i], data));
  }

  /** Surfaces when `surfaces`; numbers, chart and sentences when `text` (a readable rate). */
  update(state, text, surfaces = true) {
    if (surfaces) state.runs.forEach((run, i) => this.runs[i]?.draw(run.grid));
    if (!text) return;
    const { rows, sentences, speedUp } = summarise(state.runs, state);
    rows.forEach((row, i) => {
      const tr = this.body.rows[i];
      if (!tr) return;
      const values = [row.epochs, row.train, row.test, row.gap, row.norm];
      tr.cells5.forEach((td, j) => { if (td.textContent !== values[j]) td.textContent = values[j]; });
      const last = state.runs[i].history.at(-1);
      Object.assign(tr.dataset, {
        epochs: String(row.reached), train: String(last?.trainLoss ?? ''), test: String(last?.testLoss ?? ''),
        gap: String(row.gapValue ?? ''), norm: String(state.runs[i].weightNorm),
      });
      this.runs[i]?.setStatus(state.runs[i], row, state.target);
    });
    const caption = `Results after ${state.epoch} of ${state.maxEpochs} epochs (target: training loss ${formatNumber(state.target, 3)})`;
    if (this.caption.textContent !== caption) this.caption.textContent = caption;
    const said = sentences.join('\n');
    if (this.said !== said) { this.said = said; this.summary.replaceChildren(...sentences.map((s) => el('p', {}, s))); }
    if (speedUp) Object.assign(this.summary.dataset, { fastest: speedUp.fastest, slowest: speedUp.slowest, speedUp: String(speedUp.factor), lowerBound: String(speedUp.lowerBound) });
    else for (const key of ['fastest', 'slowest', 'speedUp', 'lowerBound']) delete this.summary.dataset[key];
    this.summary.dataset.finished = String(state.finished);
    this.canvas.setAttribute('aria-label', `Training (solid) and test (dashed) loss of every run by epoch. ${sentences[0] ?? ''}`);
    this.chart.draw({ runs: state.runs.map((r, i) => ({ colour: RUN_COLOURS[i], history: r.history })), maxEpochs: state.maxEpochs, target: state.target, log: state.log });
  }
}

/**
 * One run: its label, a small decision surface with the data, its current numbers. The data
 * points sit on a canvas of their own, drawn once: each frame repaints only the surface.
 */
class RunCard {
  constructor(label, colour) {
    this.label = label;
    this.heat = el('canvas', { role: 'img', 'aria-label': `Decision surface of the run "${label}"` });
    this.points = el('canvas', { class: 'card-points', 'aria-hidden': 'true' });
    this.status = el('span', { class: 'card-status' });
    this.badge = el('span', { class: 'card-badge' });
    this.node = el('figure', { class: 'compare-card', style: `--run: ${colour}` },
      el('figcaption', {}, el('i', { class: 'run-swatch', 'aria-hidden': 'true' }), el('strong', {}, label), this.badge),
      el('div', { class: 'card-surface' }, this.heat, this.points), this.status);
    this.offscreen = new OffscreenImage();
    this.structure = null;
    this.grid = null;
    new ResizeObserver(() => this.resize()).observe(this.heat);
  }

  resize() {
    const css = Math.round(this.heat.clientWidth);
    if (!css) return;
    this.ratio = Math.min(2, window.devicePixelRatio || 1);
    this.css = css;
    for (const c of [this.heat, this.points]) {
      c.width = Math.round(css * this.ratio);
      c.height = Math.round(css * this.ratio);
    }
    this.draw(this.grid);
    this.drawPoints();
  }

  setup(structure, data) {
    this.structure = structure;
    this.data = data;
    this.drawPoints();
  }

  draw(grid) {
    this.grid = grid;
    if (!grid || !this.structure || !this.css) return;
    const px = Math.min(MAX_SURFACE_PX, this.heat.width);
    paintOutput(this.offscreen.pixels(px), px, grid, this.structure, false);
    this.offscreen.put();
    const ctx = this.heat.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.offscreen.canvas, 0, 0, this.heat.width, this.heat.height);
  }

  drawPoints() {
    if (!this.data || !this.structure || !this.css) return;
    const ctx = this.points.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.points.width, this.points.height);
    const b = this.structure.bounds, size = this.heat.width, r = this.ratio;
    const regression = this.structure.task === 'regression';
    const n = this.data.train.labels.length + this.data.test.labels.length;
    const radius = (n > 400 ? 1.8 : n > 100 ? 2.4 : 3.2) * r;
    const part = ({ points, labels }, stroke, width) => {
      ctx.strokeStyle = stroke;
      ctx.lineWidth = width * r;
      for (let i = 0; i < labels.length; i++) {
        const x = ((points[2 * i] - b.xMin) / (b.xMax - b.xMin)) * size;
        const y = ((b.yMax - points[2 * i + 1]) / (b.yMax - b.yMin)) * size;
        ctx.beginPath();
        ctx.arc(x, y, radius, 0, 2 * Math.PI);
        ctx.fillStyle = pointColour(labels[i], regression);
        ctx.fill();
        ctx.stroke();
      }
    };
    part(this.data.train, regression ? '#777' : '#fff', 0.8);
    part(this.data.test, '#111', 1);
  }

  setStatus(run, row, target) {
    const badge = run.diverged ? 'diverged' : row.reached ? `target at epoch ${row.reached}` : '';
    if (this.badge.textContent !== badge) this.badge.textContent = badge;
    this.badge.dataset.diverged = String(Boolean(run.diverged));
    const text = `training ${row.train} · test ${row.test}`;
    if (this.status.textContent !== text) this.status.textContent = text;
    this.heat.setAttribute('aria-label', `Decision surface of the run "${this.label}": training loss ${row.train}, test loss ${row.test}${row.reached ? `, reached ${formatNumber(target, 3)} at epoch ${row.reached}` : ''}.`);
  }
}
