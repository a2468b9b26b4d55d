// The decision surface: the network's output over the input plane (class colours, lighter
// where it is less sure), the data points on top, axes in input units. Clicking adds a
// point, shift-click adds the other class, right-click (or the Remove mode) removes one.
// Hovering a neuron in the diagram shows that neuron's response here instead.
import { DIVERGING, pointColour } from '../ground/palette.js';
import { OffscreenImage, paintOutput, paintScalar } from './heatmap.js';
import { AXIS_FONT, drawPlaneFrame, drawTurnedTitle, TITLE_FONT } from './chart-axes.js';

// Margins around the square plane; the left one grows with the widest y tick label (gates'
// "−0.5" need more room than "−6"), so the turned x₂ title never touches a label.
const M = { left: 34, right: 8, top: 8, bottom: 32 };
const TICK_GAP = 6, TITLE_ROOM = 18;   // px: tick → its label; the turned title's line and gap
const OUTLINES = 'Points: white outline = training, dark outline = test.';
const KEYS = {
  binary: `Colour = predicted class (orange 0, blue 1); paler = less confident. ${OUTLINES}`,
  multiclass: `Colour = the class the network predicts; paler = less confident. ${OUTLINES}`,
  regression: 'Colour = predicted value: orange −1, white 0, blue +1. Points are coloured by their target value; dark outline = test.',
};
const MAX_HEAT_PX = 300;

export class SurfaceView {
  /** handlers: { click(x, y, {shift, remove}) } */
  constructor(wrapper, handlers) {
    this.heat = wrapper.querySelector('.surface-heat');
    this.overlay = wrapper.querySelector('.surface-points');
    this.caption = wrapper.parentElement.querySelector('.surface-caption');
    this.key = wrapper.closest('section')?.querySelector('.surface-key');
    this.handlers = handlers;
    this.offscreen = new OffscreenImage();
    this.structure = null;
    this.data = null;
    this.grid = null;
    this.bounds = { xMin: -6, xMax: 6, yMin: -6, yMax: 6 };
    this.options = { discretize: false, showTest: true };
    this.neuron = null;
    this.size = { css: 0, ratio: 1 };
    this.left = M.left;
    this.right = M.right;
    this.dirtyPoints = true;
    this.dirtyHeat = true;
    this.framesDrawn = 0;
    new ResizeObserver(() => this.resize()).observe(wrapper);
    this.overlay.addEventListener('click', (e) => this.pointer(e, false));
    this.overlay.addEventListener('contextmenu', (e) => { e.preventDefault(); this.pointer(e, true); });
  }

  resize() {
    const css = Math.round(this.overlay.parentElement.clientWidth);
    if (!css) return;
    const ratio = Math.min(2, window.devicePixelRatio || 1);
    [this.left, this.right] = this.margins(css);
    const plot = css - this.left - this.right;
    const height = plot + M.top + M.bottom;
    for (const c of [this.heat, this.overlay]) {
      c.style.height = `${height}px`;
      c.width = Math.round(css * ratio);
      c.height = Math.round(height * ratio);
    }
    this.size = { css, height, ratio, plot };
    this.dirtyPoints = this.dirtyHeat = true;
    this.render();
  }

  /**
   * [left, right] margins for the current bounds: the left one holds the widest y tick label
   * and the x₂ title, the right one half of the last x tick label (centred on the plane's edge).
   */
  margins(css) {
    const ctx = this.overlay.getContext('2d');
    ctx.font = AXIS_FONT;
    const plot = css - M.left - M.right;
    const width = (v) => ctx.measureText(label(v)).width;
    const widest = Math.max(0, ...ticksOf(this.bounds.yMin, this.bounds.yMax, plot).map(width));
    const { xMin, xMax } = this.bounds;
    const last = ticksOf(xMin, xMax, plot).at(-1);
    const beforeEdge = last === undefined ? 0 : ((xMax - last) / (xMax - xMin)) * plot;   // px from the last tick to the plane's edge
    const overhang = last === undefined ? 0 : width(last) / 2 - beforeEdge;
    return [Math.max(M.left, Math.ceil(TICK_GAP + widest + TITLE_ROOM)), Math.max(M.right, Math.ceil(overhang + 2))];
  }

  setStructure(structure) {
    this.structure = structure;
    this.dirtyHeat = this.dirtyPoints = true;
    if (this.key) this.key.textContent = KEYS[structure.task] ?? KEYS.binary;
  }
  setData(data) { this.data = data; this.dirtyPoints = true; }
  setBounds(bounds) {
    this.bounds = bounds;
    this.dirtyPoints = this.dirtyHeat = true;
    if (this.size.css && this.margins(this.size.css).join() !== [this.left, this.right].join()) this.resize();
  }
  setOptions(options) { this.options = { ...this.options, ...options }; this.dirtyPoints = this.dirtyHeat = true; }
  setGrid(grid) { this.grid = grid; this.dirtyHeat = true; }

  /** selection: null (show the output) or { label, source(frameGrid) → {grid, offset, lo, hi, resolution} } */
  showNeuron(selection) {
    this.neuron = selection;
    this.caption.textContent = selection ? `Showing ${selection.label}. Move away to see the output again.` : '';
    this.caption.hidden = !selection;
    this.dirtyHeat = true;
    this.render();
  }

  render() {
    if (!(this.size.plot > 0)) return;   // also when the frame is narrower than the axes margins
    if (this.dirtyHeat && this.grid && this.structure) { this.drawHeat(); this.dirtyHeat = false; this.framesDrawn++; }
    if (this.dirtyPoints) { this.drawOverlay(); this.dirtyPoints = false; }
  }

  drawHeat() {
    const { ratio, plot } = this.size;
    const px = Math.min(MAX_HEAT_PX, Math.round(plot * ratio));
    const pixels = this.offscreen.pixels(px);
    const selected = this.neuron?.source(this.grid);
    if (selected) paintScalar(pixels, px, selected.grid, selected.offset, selected.resolution, selected.lo, selected.hi, DIVERGING);
    else paintOutput(pixels, px, this.grid, this.structure, this.options.discretize);
    this.offscreen.put();
    const ctx = this.heat.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.offscreen.canvas, this.left * ratio, M.top * ratio, plot * ratio, plot * ratio);
  }

  toScreen(x, y) {
    const b = this.bounds, p = this.size.plot;
    return [this.left + ((x - b.xMin) / (b.xMax - b.xMin)) * p, M.top + ((b.yMax - y) / (b.yMax - b.yMin)) * p];
  }

  toData(sx, sy) {
    const b = this.bounds, p = this.size.plot;
    return [b.xMin + ((sx - this.left) / p) * (b.xMax - b.xMin), b.yMax - ((sy - M.top) / p) * (b.yMax - b.yMin)];
  }

  drawOverlay() {
    const { ratio, plot, css, height } = this.size;
    const ctx = this.overlay.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, css, height);
    this.drawAxes(ctx, plot);
    if (!this.data || !this.structure) return;
    const regression = this.structure.task === 'regression';
    const n = this.data.train.labels.length + this.data.test.labels.length;
    const radius = n > 1000 ? 2.5 : n > 400 ? 3.2 : 4;
    const draw = (part, stroke, width) => {
      const { points, labels } = part;
      ctx.lineWidth = width;
      ctx.strokeStyle = stroke;
      for (let i = 0; i < labels.length; i++) {
        const [x, y] = this.toScreen(points[2 * i], points[2 * i + 1]);
        ctx.beginPath();
        ctx.arc(x, y, radius, 0, 2 * Math.PI);
        ctx.fillStyle = pointColour(labels[i], regression);
        ctx.fill();
        ctx.stroke();
      }
    };
    ctx.save();
    ctx.beginPath(); ctx.rect(this.left, M.top, plot, plot); ctx.clip();
    // Regression targets near 0 are white: a grey outline keeps them visible.
    draw(this.data.train, regression ? '#777' : '#fff', regression ? 0.8 : 1);
    if (this.options.showTest) draw(this.data.test, '#111', 1.4);
    ctx.restore();
  }

  drawAxes(ctx, plot) {
    const b = this.bounds;
    drawPlaneFrame(ctx, this.left, M.top, plot);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of ticksOf(b.xMin, b.xMax, plot)) {
      const [x] = this.toScreen(v, 0);
      ctx.beginPath(); ctx.moveTo(x, M.top + plot); ctx.lineTo(x, M.top + plot + 4); ctx.stroke();
      ctx.fillText(label(v), x, M.top + plot + 5);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of ticksOf(b.yMin, b.yMax, plot)) {
      const [, y] = this.toScreen(0, v);
      ctx.beginPath(); ctx.moveTo(this.left - 4, y); ctx.lineTo(this.left, y); ctx.stroke();
      ctx.fillText(label(v), this.left - TICK_GAP, y);
    }
    ctx.font = TITLE_FONT;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText('x₁', this.left + plot / 2, M.top + plot + M.bottom);
    drawTurnedTitle(ctx, 'x₂', 8, M.top + plot / 2);
  }

  pointer(event, remove) {
    const r = this.overlay.getBoundingClientRect();
    const sx = event.clientX - r.left, sy = event.clientY - r.top;
    const p = this.size.plot;
    if (sx < this.left || sx > this.left + p || sy < M.top || sy > M.top + p) return;
    const [x, y] = this.toData(sx, sy);
    this.handlers.click(x, y, { shift: event.shiftKey, remove, pixelsPerUnit: p / (this.bounds.xMax - this.bounds.xMin) });
  }
}

function niceStep(raw) {
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw);
}

/** The tick values from lo to hi along a plane side `plot` px long (about one per 55 px). */
function ticksOf(lo, hi, plot) {
  const step = niceStep((hi - lo) / Math.max(3, Math.floor(plot / 55)));
  const values = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) values.push(v);
  return values;
}

function label(v) {
  const r = Math.round(v * 1000) / 1000;
  return (r < 0 ? '−' : '') + Math.abs(r);
}
