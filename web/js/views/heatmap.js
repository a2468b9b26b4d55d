// Painting a grid evaluation into pixels. The engine evaluates a res×res grid (cell (cx, cy)
// at row cx + cy·res, cy = 0 at the top); these functions resample it bilinearly to any
// pixel size, so a 64×64 evaluation gives a smooth surface and a crisp discretized edge.
import { DIVERGING, DIVERGING_BANDS, DIVERGING_DISCRETE, CLASS_TABLES, CLASS_FLAT, NAN_COLOUR } from '../ground/palette.js';

/**
 * Interpolation positions for `size` pixels over `res` cells. O(size) against the painting's
 * O(size²), so it is computed per paint rather than memoised in module state.
 */
function axis(size, res) {
  const i0 = new Int32Array(size), i1 = new Int32Array(size), f = new Float32Array(size);
  for (let p = 0; p < size; p++) {
    const g = Math.min(res - 1, Math.max(0, ((p + 0.5) / size) * res - 0.5));
    i0[p] = Math.floor(g);
    i1[p] = Math.min(res - 1, i0[p] + 1);
    f[p] = g - i0[p];
  }
  return { i0, i1, f };
}

function sample(grid, offset, res, ax, ay, px, py) {
  const x0 = ax.i0[px], x1 = ax.i1[px], fx = ax.f[px];
  const r0 = offset + ay.i0[py] * res, r1 = offset + ay.i1[py] * res, fy = ay.f[py];
  const top = grid[r0 + x0] + (grid[r0 + x1] - grid[r0 + x0]) * fx;
  const bottom = grid[r1 + x0] + (grid[r1 + x1] - grid[r1 + x0]) * fx;
  return top + (bottom - top) * fy;
}

/**
 * One value per cell → pixels. `lo`/`hi` map to the ends of the table; `lut` is one of the
 * palette tables. pixels: Uint32Array view of an ImageData (size×size).
 */
export function paintScalar(pixels, size, grid, offset, res, lo, hi, lut) {
  const a = axis(size, res);
  const scale = 255 / (hi - lo || 1);
  let i = 0;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++, i++) {
      const v = sample(grid, offset, res, a, a, px, py);
      if (v !== v) { pixels[i] = NAN_COLOUR; continue; }
      const t = (v - lo) * scale;
      pixels[i] = lut[t <= 0 ? 0 : t >= 255 ? 255 : t | 0];
    }
  }
}

/**
 * k class scores per cell (column-major: class c of row r at c·rows + r) → the colour of the
 * winning class, lighter where the decision is less confident.
 */
export function paintClasses(pixels, size, grid, rows, classes, res, discrete) {
  const a = axis(size, res);
  const flat = CLASS_FLAT.map(([r, g, b]) => (255 << 24) | (b << 16) | (g << 8) | r);
  const chance = 1 / classes;
  let i = 0;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++, i++) {
      let best = -1, bestValue = -Infinity, total = 0;
      for (let c = 0; c < classes; c++) {
        const v = sample(grid, c * rows, res, a, a, px, py);
        total += v;
        if (v > bestValue) { bestValue = v; best = c; }
      }
      if (!(bestValue === bestValue) || best < 0) { pixels[i] = NAN_COLOUR; continue; }
      const colour = best % CLASS_TABLES.length;
      if (discrete) { pixels[i] = flat[colour]; continue; }
      // Confidence: the winner's share above chance (scores need not sum to 1 for sigmoid heads).
      const share = total > 0 ? bestValue / total : 0;
      const t = Math.max(0, Math.min(1, (share - chance) / (1 - chance)));
      pixels[i] = CLASS_TABLES[colour][(t * 255) | 0];
    }
  }
}

/** How an output or neuron value maps to colours: the value range and the table. */
export function outputScale(structure, discrete) {
  const { task, outputActivation } = structure;
  if (task === 'regression') {
    const lo = outputActivation === 'tanh' ? -1 : -1, hi = 1;
    return { lo, hi, lut: discrete ? DIVERGING_BANDS : DIVERGING };
  }
  const lo = outputActivation === 'tanh' ? -1 : 0;
  return { lo, hi: 1, lut: discrete ? DIVERGING_DISCRETE : DIVERGING };
}

/**
 * The network's output over the grid ({output, rows, resolution}): the winning class's colour
 * (multiclass), else one value on the output's scale (binary, regression).
 */
export function paintOutput(pixels, size, grid, structure, discrete) {
  const s = structure;
  if (s.outputs > 1 && s.task === 'multiclass') {
    paintClasses(pixels, size, grid.output, grid.rows, s.outputs, grid.resolution, discrete);
  } else {
    // Two-class softmax: column 1 is the probability of class 1.
    const { lo, hi, lut } = outputScale(s, discrete);
    paintScalar(pixels, size, grid.output, s.outputs > 1 ? grid.rows : 0, grid.resolution, lo, hi, lut);
  }
}

/**
 * An offscreen square canvas to paint pixels into, then draw scaled (smoothly) onto a view;
 * its ImageData is kept while the size stays the same.
 */
export class OffscreenImage {
  constructor() {
    this.canvas = document.createElement('canvas');
    this.image = null;
  }

  /** The size × size pixels to paint (packed ABGR). */
  pixels(size) {
    if (this.canvas.width !== size || this.canvas.height !== size) { this.canvas.width = size; this.canvas.height = size; this.image = null; }
    this.image ??= this.canvas.getContext('2d').createImageData(size, size);
    return new Uint32Array(this.image.data.buffer);
  }

  /** The painted pixels onto the canvas. */
  put() {
    this.canvas.getContext('2d').putImageData(this.image, 0, 0);
  }
}

/** The range a neuron's colour map spans for its activation (unbounded ones: its own max). */
export function neuronRange(activation, grid, offset, count) {
  if (activation === 'tanh') return [-1, 1];
  if (activation === 'sigmoid' || activation === 'softmax') return [0, 1];
  let m = 1e-6;
  for (let i = offset; i < offset + count; i++) {
    const v = Math.abs(grid[i]);
    if (v > m && v === v && v !== Infinity) m = v;
  }
  return [-m, m];
}
