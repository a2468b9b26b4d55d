// The autoencoder's code plane: the 2-D codes of the test images as a scatter (class colour
// and marker shape, so no class depends on colour alone), a cross at the decoded point, and
// optionally the decoder's images painted behind the dots. Click or drag to decode a point;
// keyboard: arrows move the cross (it decodes as it moves), Enter decodes again.
import { el } from '../views/form.js';
import { formatNumber } from '../ground/validate.js';
import { CLASS10_COLORS, CLASS10_SHAPES } from '../ground/fashion-mnist-models.js';
import { fillGrey, SIDE, PIXELS } from './images.js';
import { AXIS_FONT, beginPlot, drawTurnedTitle, fitCanvas, plotRect } from '../views/chart-axes.js';

const PAD = { left: 40, right: 10, top: 10, bottom: 34 };
export const MAP_RESOLUTION = 12;

export class LatentView {
  /**
   * @param {{canvas: HTMLCanvasElement, map: HTMLCanvasElement, legend: Element, mapToggle: HTMLInputElement,
   *          labels: Uint8Array, classes: string[], decode: (x, y) => void, decodeMap: (bounds) => void}} options
   */
  constructor({ canvas, map, legend, mapToggle, labels, classes, decode, decodeMap }) {
    Object.assign(this, { canvas, map, mapToggle, labels, classes, decode, decodeMap });
    this.codes = null;
    this.rows = 0;
    this.bounds = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
    this.cross = null;          // {x, y} in code units
    this.highlight = -1;
    this.size = { width: 0, height: 0, ratio: 1 };
    this.framesDrawn = 0;
    this.dragging = false;
    this.legendButtons = classes.map((name, c) => {
      const button = el('button', { type: 'button', class: 'legend-item', 'aria-pressed': 'false', tip: `Highlight the ${name} images` },
        markerIcon(c), el('span', {}, name));
      button.addEventListener('click', () => this.setHighlight(this.highlight === c ? -1 : c));
      legend.append(button);
      return button;
    });
    new ResizeObserver(() => this.resize()).observe(canvas);
    canvas.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      canvas.setPointerCapture?.(e.pointerId);
      this.dragging = true;
      this.pick(e);
    });
    canvas.addEventListener('pointermove', (e) => { if (this.dragging) this.pick(e); });
    for (const type of ['pointerup', 'pointercancel']) canvas.addEventListener(type, () => { this.dragging = false; });
    canvas.addEventListener('keydown', (e) => this.key(e));
    canvas.addEventListener('focus', () => { if (!this.cross) this.setCross(0.5 * (this.bounds.xMin + this.bounds.xMax), 0.5 * (this.bounds.yMin + this.bounds.yMax)); });
    mapToggle.addEventListener('change', () => {
      if (mapToggle.checked) this.decodeMap(this.bounds);
      else { this.map.getContext('2d').clearRect(0, 0, this.map.width, this.map.height); }
    });
  }

  resize() {
    const size = fitCanvas(this.canvas);
    if (!size) return;
    this.size = size;
    // The decoded-images layer lies exactly under the plane.
    this.map.width = this.canvas.width;
    this.map.height = this.canvas.height;
    this.draw();
    if (this.mapToggle.checked) this.decodeMap(this.bounds);
  }

  plot() {
    return plotRect(this.size, PAD);
  }

  toScreen(x, y) {
    const p = this.plot(), b = this.bounds;
    return [p.x + ((x - b.xMin) / (b.xMax - b.xMin)) * p.w, p.y + ((b.yMax - y) / (b.yMax - b.yMin)) * p.h];
  }

  toCode(sx, sy) {
    const p = this.plot(), b = this.bounds;
    return [b.xMin + ((sx - p.x) / p.w) * (b.xMax - b.xMin), b.yMax - ((sy - p.y) / p.h) * (b.yMax - b.yMin)];
  }

  pick(e) {
    const r = this.canvas.getBoundingClientRect();
    const [x, y] = this.toCode(e.clientX - r.left, e.clientY - r.top);
    this.setCross(x, y);
  }

  setCross(x, y) {
    this.cross = { x, y };
    this.decode(x, y);
    this.draw();
  }

  key(e) {
    const b = this.bounds;
    const step = (e.shiftKey ? 0.1 : 0.025);
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const c = this.cross ?? { x: (b.xMin + b.xMax) / 2, y: (b.yMin + b.yMax) / 2 };
    if (moves[e.key]) {
      const [dx, dy] = moves[e.key];
      this.setCross(c.x + dx * step * (b.xMax - b.xMin), c.y + dy * step * (b.yMax - b.yMin));
    } else if (e.key === 'Enter' || e.key === ' ') {
      this.setCross(c.x, c.y);
    } else {
      return;
    }
    e.preventDefault();
  }

  setHighlight(c) {
    this.highlight = c;
    this.legendButtons.forEach((b, i) => b.setAttribute('aria-pressed', String(i === c)));
    this.draw();
  }

  /** codes: column-major rows × 2 (x of row i at i, y at rows + i). */
  setCodes(codes) {
    this.codes = codes;
    this.rows = codes ? codes.length / 2 : 0;
    if (codes) {
      let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
      for (let i = 0; i < this.rows; i++) {
        const x = codes[i], y = codes[this.rows + i];
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        if (x < xMin) xMin = x; if (x > xMax) xMax = x;
        if (y < yMin) yMin = y; if (y > yMax) yMax = y;
      }
      if (xMin < xMax && yMin < yMax) {
        const mx = 0.06 * (xMax - xMin) + 1e-6, my = 0.06 * (yMax - yMin) + 1e-6;
        this.bounds = { xMin: xMin - mx, xMax: xMax + mx, yMin: yMin - my, yMax: yMax + my };
      }
    }
    this.draw();
    if (this.mapToggle.checked) this.decodeMap(this.bounds);
  }

  /** The decoder's images over the plane: resolution² images, row 0 at the top. */
  setMap(images, bounds, resolution) {
    if (!images || !this.mapToggle.checked) return;
    const side = resolution * SIDE;
    const tile = new ImageData(side, side);
    const packed = new Uint32Array(tile.data.buffer);
    for (let i = 0; i < resolution * resolution; i++) {
      fillGrey(packed, side, (i % resolution) * SIDE, Math.floor(i / resolution) * SIDE, images, i * PIXELS, 255);
    }
    const scratch = document.createElement('canvas');
    scratch.width = scratch.height = side;
    scratch.getContext('2d').putImageData(tile, 0, 0);
    const { ctx } = beginPlot(this.map, this.size, PAD);
    const [x0, y0] = this.toScreen(bounds.xMin, bounds.yMax);
    const [x1, y1] = this.toScreen(bounds.xMax, bounds.yMin);
    ctx.globalAlpha = 0.55;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(scratch, x0, y0, x1 - x0, y1 - y0);
    ctx.globalAlpha = 1;
  }

  draw() {
    if (!this.size.width) return;
    const { ctx, plot: p } = beginPlot(this.canvas, this.size, PAD);
    const b = this.bounds;
    // Axes, ticks and labels.
    ctx.font = AXIS_FONT;
    ctx.strokeStyle = '#e3e6ea';
    ctx.fillStyle = '#444';
    ctx.lineWidth = 1;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of ticks(b.xMin, b.xMax, Math.max(2, Math.floor(p.w / 70)))) {
      const [x] = this.toScreen(v, 0);
      ctx.beginPath(); ctx.moveTo(Math.round(x) + 0.5, p.y); ctx.lineTo(Math.round(x) + 0.5, p.y + p.h); ctx.stroke();
      ctx.fillText(formatNumber(v, 2), x, p.y + p.h + 3);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of ticks(b.yMin, b.yMax, Math.max(2, Math.floor(p.h / 50)))) {
      const [, y] = this.toScreen(0, v);
      ctx.beginPath(); ctx.moveTo(p.x, Math.round(y) + 0.5); ctx.lineTo(p.x + p.w, Math.round(y) + 0.5); ctx.stroke();
      ctx.fillText(formatNumber(v, 2), p.x - 4, y);
    }
    ctx.strokeStyle = '#777';
    ctx.strokeRect(p.x + 0.5, p.y + 0.5, p.w, p.h);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText('code 1 (first bottleneck neuron)', p.x + p.w / 2, p.y + p.h + 18);
    drawTurnedTitle(ctx, 'code 2', 11, p.y + p.h / 2);

    ctx.save();
    ctx.beginPath(); ctx.rect(p.x, p.y, p.w, p.h); ctx.clip();
    if (this.codes) {
      // Highlighted class last, on top.
      for (const pass of [0, 1]) {
        for (let i = 0; i < this.rows; i++) {
          const c = this.labels[i];
          const lit = this.highlight < 0 || c === this.highlight;
          if ((pass === 1) !== (this.highlight >= 0 && lit)) continue;
          const [x, y] = this.toScreen(this.codes[i], this.codes[this.rows + i]);
          ctx.globalAlpha = lit ? 0.85 : 0.12;
          marker(ctx, CLASS10_SHAPES[c], x, y, lit && this.highlight >= 0 ? 4 : 3, CLASS10_COLORS[c]);
        }
      }
      ctx.globalAlpha = 1;
    }
    if (this.cross) {
      const [x, y] = this.toScreen(this.cross.x, this.cross.y);
      for (const [colour, w] of [['#fff', 5], ['#1d2330', 2]]) {
        ctx.strokeStyle = colour;
        ctx.lineWidth = w;
        ctx.beginPath();
        ctx.moveTo(x - 10, y); ctx.lineTo(x + 10, y); ctx.moveTo(x, y - 10); ctx.lineTo(x, y + 10);
        ctx.stroke();
      }
    }
    ctx.restore();
    this.framesDrawn++;
  }
}

/** Draws one class marker: filled or open circle, square, triangle, diamond; plus; cross. */
export function marker(ctx, shape, x, y, s, colour) {
  const open = shape.endsWith('-open');
  const kind = shape.replace('-open', '');
  ctx.fillStyle = colour;
  ctx.strokeStyle = colour;
  ctx.lineWidth = open || kind === 'plus' || kind === 'cross' ? 1.6 : 1;
  ctx.beginPath();
  switch (kind) {
    case 'circle': ctx.arc(x, y, s, 0, 2 * Math.PI); break;
    case 'square': ctx.rect(x - s * 0.85, y - s * 0.85, s * 1.7, s * 1.7); break;
    case 'triangle': ctx.moveTo(x, y - s * 1.1); ctx.lineTo(x + s, y + s * 0.8); ctx.lineTo(x - s, y + s * 0.8); ctx.closePath(); break;
    case 'diamond': ctx.moveTo(x, y - s * 1.2); ctx.lineTo(x + s, y); ctx.lineTo(x, y + s * 1.2); ctx.lineTo(x - s, y); ctx.closePath(); break;
    case 'plus': ctx.moveTo(x - s * 1.2, y); ctx.lineTo(x + s * 1.2, y); ctx.moveTo(x, y - s * 1.2); ctx.lineTo(x, y + s * 1.2); ctx.stroke(); return;
    case 'cross': ctx.moveTo(x - s, y - s); ctx.lineTo(x + s, y + s); ctx.moveTo(x + s, y - s); ctx.lineTo(x - s, y + s); ctx.stroke(); return;
  }
  if (open) ctx.stroke(); else ctx.fill();
}

function markerIcon(c) {
  const canvas = el('canvas', { width: 28, height: 28, class: 'marker-icon', 'aria-hidden': 'true' });
  const ctx = canvas.getContext('2d');
  marker(ctx, CLASS10_SHAPES[c], 14, 14, 7, CLASS10_COLORS[c]);
  return canvas;
}

/** Round values inside [lo, hi]: as many as fit in max(count, 3), and at least two. */
function ticks(lo, hi, count) {
  const nice = [1, 2, 2.5, 5];
  const span = hi - lo;
  const exponent = Math.floor(Math.log10(span / count));
  // Candidate steps from coarse to fine: the finest that gives at most max(count, 3) ticks.
  const steps = [];
  for (let e = exponent + 1; e >= exponent - 1; e--) for (const m of [...nice].reverse()) steps.push(m * 10 ** e);
  let chosen = steps[0];
  for (const step of steps) {
    if (Math.floor(hi / step) - Math.ceil(lo / step) + 1 > Math.max(count, 3)) break;
    chosen = step;
  }
  const out = [];
  for (let v = Math.ceil(lo / chosen) * chosen; v <= hi + 1e-9 * span; v += chosen) out.push(Number(v.toPrecision(10)));
  return out;
}
