// Painting 28×28 images into canvases: grey images (pixels 0–255 or 0–1) as the data set
// shows them (light garment on a dark ground), and signed weights with the page's
// blue–orange diverging map. Canvases stay 28×28 (or a mosaic of 28×28 tiles); CSS scales
// them up with sharp pixels.
import { DIVERGING } from '../ground/palette.js';

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;

/** A grey image: values 0–255 (Uint8Array) or 0–1 (floats). */
export function paintGrey(canvas, values, scale = values instanceof Uint8Array ? 1 : 255) {
  if (canvas.width !== SIDE) canvas.width = SIDE;
  if (canvas.height !== SIDE) canvas.height = SIDE;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(SIDE, SIDE);
  fillGrey(new Uint32Array(image.data.buffer), SIDE, 0, 0, values, 0, scale);
  ctx.putImageData(image, 0, 0);
}

/** Writes one 28×28 grey tile into a packed-pixel buffer of the given width. */
export function fillGrey(packed, width, x0, y0, values, offset = 0, scale = 255) {
  for (let y = 0; y < SIDE; y++) {
    let o = (y0 + y) * width + x0;
    for (let x = 0; x < SIDE; x++) {
      const g = Math.max(0, Math.min(255, Math.round(values[offset + y * SIDE + x] * scale)));
      packed[o++] = 0xff000000 | (g << 16) | (g << 8) | g;
    }
  }
}

/**
 * A mosaic of the first layer's weights: one 28×28 tile per neuron, `columns` tiles a row,
 * a 1-pixel gap. weights: W (784 × units, column-major: neuron j's weights at j × 784).
 * Each tile is scaled to its own 98th percentile of |weight| (white = 0, blue > 0, orange < 0):
 * the few largest weights saturate rather than wash out every other pixel.
 */
export function paintWeightMosaic(canvas, weights, units, columns) {
  const rows = Math.ceil(units / columns);
  const width = columns * (SIDE + 1) - 1, height = rows * (SIDE + 1) - 1;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  const packed = new Uint32Array(image.data.buffer);
  packed.fill(0xffffffff);
  const scales = new Float32Array(units);
  const histogram = new Uint32Array(BINS);
  for (let j = 0; j < units; j++) {
    const base = j * PIXELS;
    const largest = Math.max(1e-12, percentileOfMagnitude(weights, base, 0.98, histogram));
    scales[j] = largest;
    const x0 = (j % columns) * (SIDE + 1), y0 = Math.floor(j / columns) * (SIDE + 1);
    for (let y = 0; y < SIDE; y++) {
      let o = (y0 + y) * width + x0;
      for (let x = 0; x < SIDE; x++) {
        const t = 0.5 + 0.5 * (weights[base + y * SIDE + x] / largest);
        packed[o++] = DIVERGING[Math.max(0, Math.min(255, Math.round(t * 255)))];
      }
    }
  }
  ctx.putImageData(image, 0, 0);
  return scales;
}

const BINS = 512;

/**
 * About the q-quantile of |values[base … base + 783]|, from a histogram (one pass, no sort:
 * 128 neurons are measured several times a second on the main thread). Bins are 1/512 of
 * the largest |value| wide.
 */
function percentileOfMagnitude(values, base, q, histogram) {
  let largest = 0;
  for (let i = 0; i < PIXELS; i++) largest = Math.max(largest, Math.abs(values[base + i]));
  if (!(largest > 0)) return 0;
  histogram.fill(0);
  const scale = (BINS - 1) / largest;
  for (let i = 0; i < PIXELS; i++) histogram[Math.floor(Math.abs(values[base + i]) * scale)]++;
  let count = 0;
  const target = q * PIXELS;
  for (let b = 0; b < BINS; b++) {
    count += histogram[b];
    if (count >= target) return (b + 1) / scale;
  }
  return largest;
}
