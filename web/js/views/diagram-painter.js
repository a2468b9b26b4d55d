// Drawing the network diagram on two canvases: links and biases (redrawn each frame from the
// parameters) and the neuron thumbnails (all written into one image, one putImageData per
// frame). A few canvases instead of hundreds of elements keep a 16-wide, 8-deep network
// smooth; the clickable, focusable nodes are plain buttons laid over the thumbnails.
import { NEGATIVE, POSITIVE, NAN_COLOUR } from '../ground/palette.js';

const SAMPLES = 12;  // points per link for hit testing

export class DiagramPainter {
  #cellCache = new Map();   // size·4096 + res → cellIndex(size, res): every thumbnail shares a few sizes

  #cells(size, res) {
    const key = size * 4096 + res;
    let cells = this.#cellCache.get(key);
    if (!cells) {
      if (this.#cellCache.size > 32) this.#cellCache.clear();
      cells = cellIndex(size, res);
      this.#cellCache.set(key, cells);
    }
    return cells;
  }

  constructor(linksCanvas, thumbsCanvas) {
    this.links = linksCanvas;
    this.thumbs = thumbsCanvas;
    this.geometry = { links: [], biases: [] };
    this.size = { width: 0, height: 0, ratio: 1 };
    this.image = null;
  }

  /** sharp: draw at the screen's pixel density (small networks); else at 1 CSS px per pixel. */
  resize(width, height, sharp = true) {
    const ratio = sharp ? Math.min(2, window.devicePixelRatio || 1) : 1;
    this.size = { width, height, ratio };
    for (const c of [this.links, this.thumbs]) {
      c.style.width = `${width}px`;
      c.style.height = `${height}px`;
      c.width = Math.round(width * ratio);
      c.height = Math.round(height * ratio);
    }
    const ctx = this.thumbs.getContext('2d');
    this.image = ctx.createImageData(this.thumbs.width, this.thumbs.height);
    this.pixels = new Uint32Array(this.image.data.buffer);
  }

  /** links: [{x1, y1, x2, y2, offset}] (CSS px; offset = parameter index); biases: [{x, y, offset}] */
  setGeometry(links, biases) {
    for (const l of links) {
      const mx = (l.x1 + l.x2) / 2;
      l.curve = [l.x1, l.y1, mx, l.y1, mx, l.y2, l.x2, l.y2];
      l.samples = [];
      for (let k = 0; k <= SAMPLES; k++) l.samples.push(bezier(l.curve, k / SAMPLES));
    }
    this.geometry = { links, biases };
  }

  /** Links by sign and size of their weight, biases as small squares; `highlight` drawn on top. */
  drawLinks(parameters, highlight = null) {
    const { ratio, width, height } = this.size;
    const ctx = this.links.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (!parameters) return;
    ctx.lineCap = 'round';
    const stroke = (l, w, extra = 0) => {
      const c = l.curve;
      ctx.lineWidth = (Number.isFinite(w) ? Math.min(8, 0.5 + Math.abs(w) * 1.5) : 1) + extra;
      ctx.beginPath();
      ctx.moveTo(c[0], c[1]);
      ctx.bezierCurveTo(c[2], c[3], c[4], c[5], c[6], c[7]);
      ctx.stroke();
    };
    // Two passes (negative, positive) so the colour is set twice per frame, not per link.
    for (const [colour, negative] of [[NEGATIVE, true], [POSITIVE, false]]) {
      ctx.strokeStyle = colour;
      for (const l of this.geometry.links) {
        const w = parameters[l.offset];
        if (!Number.isFinite(w) || (w < 0) !== negative) continue;
        ctx.globalAlpha = Math.min(1, 0.35 + Math.abs(w) * 0.4);
        stroke(l, w);
      }
    }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = '#999';
    for (const l of this.geometry.links) if (!Number.isFinite(parameters[l.offset])) stroke(l, NaN);
    if (highlight) {
      ctx.strokeStyle = '#1d2330';
      stroke(highlight, parameters[highlight.offset], 3);
      ctx.strokeStyle = parameters[highlight.offset] < 0 ? NEGATIVE : POSITIVE;
      stroke(highlight, parameters[highlight.offset], 1);
    }
    ctx.lineWidth = 0.5;
    ctx.strokeStyle = '#666';
    for (const b of this.geometry.biases) {
      const v = parameters[b.offset];
      ctx.fillStyle = !Number.isFinite(v) ? '#999' : v >= 0 ? POSITIVE : NEGATIVE;
      ctx.globalAlpha = Number.isFinite(v) ? Math.min(1, 0.2 + Math.abs(v) * 0.6) : 1;
      ctx.fillRect(b.x, b.y, 6, 6);
      ctx.globalAlpha = 1;
      ctx.strokeRect(b.x, b.y, 6, 6);
    }
  }

  /** jobs: [{x, y, size, grid, offset, res, lo, hi, lut}] in CSS px; other pixels keep their value. */
  drawThumbs(jobs) {
    if (!this.image) return;
    const { ratio } = this.size;
    const W = this.thumbs.width;
    const pixels = this.pixels;
    for (const j of jobs) {
      const X = Math.round(j.x * ratio), Y = Math.round(j.y * ratio), S = Math.round(j.size * ratio);
      const cells = this.#cells(S, j.res);
      const scale = 255 / (j.hi - j.lo || 1);
      const { grid, offset, res, lo, lut } = j;
      for (let py = 0; py < S; py++) {
        const row = offset + cells[py] * res;
        let out = (Y + py) * W + X;
        for (let px = 0; px < S; px++, out++) {
          const v = grid[row + cells[px]];
          if (v !== v) { pixels[out] = NAN_COLOUR; continue; }
          const t = (v - lo) * scale;
          pixels[out] = lut[t <= 0 ? 0 : t >= 255 ? 255 : t | 0];
        }
      }
    }
    this.thumbs.getContext('2d').putImageData(this.image, 0, 0);
  }

  clearThumbs() {
    this.pixels?.fill(0);
  }

  /** The link nearest (x, y) within `radius` CSS px, or null. */
  hitLink(x, y, radius = 6) {
    let best = null, bestDistance = radius * radius;
    for (const l of this.geometry.links) {
      const s = l.samples;
      for (let k = 0; k < s.length - 1; k++) {
        const d = segmentDistance2(x, y, s[k], s[k + 1]);
        if (d < bestDistance) { bestDistance = d; best = l; }
      }
    }
    return best;
  }
}

/** A faded copy of a colour table (inputs that are switched off). */
export function faded(lut, amount = 0.65) {
  const out = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const v = lut[i];
    const mixChannel = (c) => Math.round(c + (255 - c) * amount);
    out[i] = (255 << 24) | (mixChannel((v >> 16) & 255) << 16) | (mixChannel((v >> 8) & 255) << 8) | mixChannel(v & 255);
  }
  return out;
}

/** The grid cell under each of `size` pixels over `res` cells (nearest cell). */
function cellIndex(size, res) {
  const cells = new Int32Array(size);
  for (let p = 0; p < size; p++) cells[p] = Math.min(res - 1, Math.floor(((p + 0.5) / size) * res));
  return cells;
}

function bezier(c, t) {
  const u = 1 - t;
  const a = u * u * u, b = 3 * u * u * t, d = 3 * u * t * t, e = t * t * t;
  return [a * c[0] + b * c[2] + d * c[4] + e * c[6], a * c[1] + b * c[3] + d * c[5] + e * c[7]];
}

function segmentDistance2(x, y, [x1, y1], [x2, y2]) {
  const dx = x2 - x1, dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy || 1)));
  const px = x1 + t * dx - x, py = y1 + t * dy - y;
  return px * px + py * py;
}

