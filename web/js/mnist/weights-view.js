// The first layer's weights as images: one 28×28 square per neuron (blue positive, orange
// negative, white zero), each with its own colour scale. Early in training the random
// starting weights hide what was learned, so the view can also show the change since the
// start (weights − starting weights). Hovering a square names the neuron and its range.
// The mosaic is 32, 16 or 8 squares wide, as the panel's width allows.
import { paintWeightMosaic, SIDE, PIXELS } from './images.js';
import { formatNumber } from '../ground/validate.js';

export class WeightsView {
  constructor(canvas, detail, mode) {
    this.canvas = canvas;
    this.detail = detail;
    this.mode = mode;
    this.weights = null;
    this.start = null;     // the starting weights of this run (null when unknown, e.g. a loaded file)
    this.units = 0;
    this.columns = 16;
    this.scales = null;
    this.framesDrawn = 0;
    new ResizeObserver(() => {
      const width = canvas.parentElement.clientWidth;
      const columns = width < 520 ? 8 : width < 1000 ? 16 : 32;
      if (columns !== this.columns) { this.columns = columns; this.draw(); }
    }).observe(canvas.parentElement);
    // Painting 100,000 pixels is skipped while the panel is off screen (phones) and caught up on return.
    this.visible = true;
    this.stale = false;
    new IntersectionObserver(([entry]) => {
      this.visible = entry.isIntersecting;
      if (this.visible && this.stale) this.draw();
    }).observe(canvas);
    mode.addEventListener('change', () => this.draw());
    canvas.addEventListener('pointermove', (e) => this.explain(e));
    canvas.addEventListener('pointerleave', () => { this.detail.textContent = '\u00a0'; });
  }

  /** step 0 = a new network: its weights are the starting weights. */
  noteStart(weights, step) {
    if (step === 0) this.start = weights.slice();
  }

  update(weights, units) {
    this.weights = weights;
    this.units = units;
    this.draw();
  }

  /** Forget the starting weights (a model file's are not known). */
  forgetStart() {
    this.start = null;
  }

  shown() {
    const option = this.mode.querySelector('option[value="change"]');
    option.disabled = !this.start || this.start.length !== this.weights?.length;
    if (option.disabled && this.mode.value === 'change') this.mode.value = 'weights';
    if (this.mode.value !== 'change') return this.weights;
    const change = new Float32Array(this.weights.length);
    for (let i = 0; i < change.length; i++) change[i] = this.weights[i] - this.start[i];
    return change;
  }

  draw() {
    if (!this.weights) return;
    this.stale = !this.visible;
    if (this.stale) return;
    this.values = this.shown();
    this.scales = paintWeightMosaic(this.canvas, this.values, this.units, this.columns);
    this.canvas.style.aspectRatio = `${this.canvas.width} / ${this.canvas.height}`;
    this.framesDrawn++;
  }

  explain(e) {
    if (!this.values) return;
    const r = this.canvas.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * this.canvas.width, y = ((e.clientY - r.top) / r.height) * this.canvas.height;
    const j = Math.floor(y / (SIDE + 1)) * this.columns + Math.floor(x / (SIDE + 1));
    if (j < 0 || j >= this.units) return;
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < PIXELS; i++) { const w = this.values[j * PIXELS + i]; lo = Math.min(lo, w); hi = Math.max(hi, w); }
    const what = this.values === this.weights ? 'weights' : 'changes';
    this.detail.textContent = `Neuron ${j + 1} of ${this.units}: ${what} from ${formatNumber(lo, 2)} to ${formatNumber(hi, 2)}.`;
  }
}
