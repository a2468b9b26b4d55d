// The drawing pad: a 28×28 grid of ink values in [0, 1], drawn with a mouse, a pen or a
// finger, or with the keyboard (arrows move a cursor, Space paints, Delete erases, Shift+arrows
// paint while moving). Every change calls onChange with the 784 values the network should see:
// the drawing itself, or (when "fit like the data" is on) the drawing cropped, scaled so its
// longer side is 28 pixels and centred, as Fashion-MNIST's images were prepared.
import { SIDE, PIXELS, paintGrey } from './images.js';

const CELL = 10;  // canvas pixels per grid cell (the canvas is 280×280)

export class DrawPad {
  /**
   * @param {{canvas: HTMLCanvasElement, seen: HTMLCanvasElement, centre: HTMLInputElement,
   *          brush: HTMLSelectElement, onChange: (pixels: Float32Array, summary: string) => void}} options
   */
  constructor({ canvas, seen, centre, brush, onChange, onTap }) {
    Object.assign(this, { canvas, seen, centre, brush, onChange, onTap });
    this.ink = new Float32Array(PIXELS);
    this.cursor = { x: 14, y: 14, visible: false };
    this.last = null;           // the previous pointer position while drawing (grid units)
    this.erasing = false;
    this.pending = 0;
    canvas.addEventListener('pointerdown', (e) => this.pointerDown(e));
    canvas.addEventListener('pointermove', (e) => this.pointerMove(e));
    for (const type of ['pointerup', 'pointercancel']) {
      canvas.addEventListener(type, (e) => {
        // A touch that never moved left only a dot: say so (a finger hides it).
        if (type === 'pointerup' && this.last && !this.moved && e.pointerType !== 'mouse') this.onTap?.();
        this.last = null;
        this.changed(true);
      });
    }
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    canvas.addEventListener('keydown', (e) => this.key(e));
    canvas.addEventListener('focus', () => { this.cursor.visible = true; this.draw(); });
    canvas.addEventListener('blur', () => { this.cursor.visible = false; this.draw(); });
    centre.addEventListener('change', () => this.changed(true));
    this.draw();
  }

  get radius() {
    return Number(this.brush.value) || 1.8;
  }

  clear() {
    this.ink.fill(0);
    this.changed(true);
  }

  /** Puts an image (784 values 0–255) on the pad. */
  load(bytes) {
    for (let i = 0; i < PIXELS; i++) this.ink[i] = bytes[i] / 255;
    this.changed(true);
  }

  isEmpty() {
    return !this.ink.some((v) => v > 0.05);
  }

  gridPoint(e) {
    const r = this.canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * SIDE, y: ((e.clientY - r.top) / r.height) * SIDE };
  }

  pointerDown(e) {
    if (e.button !== 0 && e.button !== 2 && e.pointerType === 'mouse') return;
    e.preventDefault();
    this.canvas.setPointerCapture?.(e.pointerId);
    this.erasing = e.button === 2 || e.buttons === 32;
    const p = this.gridPoint(e);
    this.stamp(p.x, p.y, this.erasing);
    this.last = p;
    this.down = p;
    this.moved = false;
    this.changed(false);
  }

  pointerMove(e) {
    if (!this.last) return;
    const p = this.gridPoint(e);
    if (Math.hypot(p.x - this.down.x, p.y - this.down.y) > 0.3) this.moved = true;
    // Stamps every half cell along the segment so a fast stroke stays connected.
    const steps = Math.max(1, Math.ceil(Math.hypot(p.x - this.last.x, p.y - this.last.y) * 2));
    for (let s = 1; s <= steps; s++) {
      this.stamp(this.last.x + ((p.x - this.last.x) * s) / steps, this.last.y + ((p.y - this.last.y) * s) / steps, this.erasing);
    }
    this.last = p;
    this.changed(false);
  }

  /** A soft round pen: full ink inside the radius, fading over the last pixel (like the data's anti-aliased edges). */
  stamp(cx, cy, erase) {
    const r = this.radius;
    for (let y = Math.max(0, Math.floor(cy - r - 1)); y <= Math.min(SIDE - 1, Math.ceil(cy + r + 1)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r - 1)); x <= Math.min(SIDE - 1, Math.ceil(cx + r + 1)); x++) {
        const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        const v = Math.max(0, Math.min(1, r + 0.5 - d));
        const i = y * SIDE + x;
        this.ink[i] = erase ? Math.min(this.ink[i], 1 - v) : Math.max(this.ink[i], v);
      }
    }
  }

  key(e) {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const c = this.cursor;
    if (moves[e.key]) {
      const [dx, dy] = moves[e.key];
      c.x = Math.max(0, Math.min(SIDE - 1, c.x + dx));
      c.y = Math.max(0, Math.min(SIDE - 1, c.y + dy));
      if (e.shiftKey) this.stamp(c.x + 0.5, c.y + 0.5, false);
    } else if (e.key === ' ' || e.key === 'Enter') {
      this.stamp(c.x + 0.5, c.y + 0.5, false);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      this.stamp(c.x + 0.5, c.y + 0.5, true);
    } else {
      return;
    }
    e.preventDefault();  // the page's shortcuts (Space = play, → = step) stay out of the pad
    c.visible = true;
    this.changed(true);
  }

  /** Redraws and reports; `settled` marks the end of a stroke (screen readers hear those only). */
  changed(settled) {
    this.settled ||= settled;
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.draw();
      const pixels = this.centre.checked ? fitLikeTheData(this.ink) : this.ink.slice();
      paintGrey(this.seen, pixels);
      const settledNow = this.settled;
      this.settled = false;
      this.onChange(pixels, settledNow);
    });
  }

  draw() {
    const ctx = this.canvas.getContext('2d');
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, SIDE * CELL, SIDE * CELL);
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const v = this.ink[y * SIDE + x];
        if (v <= 0.003) continue;
        const g = Math.round(v * 255);
        ctx.fillStyle = `rgb(${g},${g},${g})`;
        ctx.fillRect(x * CELL, y * CELL, CELL, CELL);
      }
    }
    // A faint grid shows the 28×28 pixels the network gets.
    ctx.strokeStyle = 'rgba(255,255,255,0.07)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let i = 1; i < SIDE; i++) {
      ctx.moveTo(i * CELL + 0.5, 0); ctx.lineTo(i * CELL + 0.5, SIDE * CELL);
      ctx.moveTo(0, i * CELL + 0.5); ctx.lineTo(SIDE * CELL, i * CELL + 0.5);
    }
    ctx.stroke();
    if (this.cursor.visible) {
      ctx.strokeStyle = '#E69F00';
      ctx.lineWidth = 2;
      ctx.strokeRect(this.cursor.x * CELL + 1, this.cursor.y * CELL + 1, CELL - 2, CELL - 2);
    }
  }
}

/**
 * Crops the ink to its bounding box, scales it (bilinear) so the longer side spans 28 pixels
 * and centres it: Fashion-MNIST's images were trimmed and resized that way.
 */
export function fitLikeTheData(ink, threshold = 0.05) {
  let x0 = SIDE, y0 = SIDE, x1 = -1, y1 = -1;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      if (ink[y * SIDE + x] > threshold) {
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      }
    }
  }
  const out = new Float32Array(PIXELS);
  if (x1 < 0) return out;
  const w = x1 - x0 + 1, h = y1 - y0 + 1;
  const scale = SIDE / Math.max(w, h);
  const ox = (SIDE - w * scale) / 2, oy = (SIDE - h * scale) / 2;
  const at = (x, y) => (x < 0 || y < 0 || x >= SIDE || y >= SIDE ? 0 : ink[y * SIDE + x]);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      // The source point under this output pixel's centre.
      const sx = x0 + (x + 0.5 - ox) / scale - 0.5, sy = y0 + (y + 0.5 - oy) / scale - 0.5;
      if (sx < x0 - 0.5 || sx > x1 + 0.5 || sy < y0 - 0.5 || sy > y1 + 0.5) continue;
      const fx = Math.floor(sx), fy = Math.floor(sy), tx = sx - fx, ty = sy - fy;
      out[y * SIDE + x] = (at(fx, fy) * (1 - tx) + at(fx + 1, fy) * tx) * (1 - ty) + (at(fx, fy + 1) * (1 - tx) + at(fx + 1, fy + 1) * tx) * ty;
    }
  }
  return out;
}
