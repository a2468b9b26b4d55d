// Colours: the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies)
// and a blue–orange diverging map, as 256-entry lookup tables so painting a surface costs
// one table read per pixel.

/** Class colours: class 0 orange, class 1 blue (as the binary diverging map), then Okabe–Ito. */
export const CLASS_COLORS = ['#E69F00', '#0072B2', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#7F7F7F'];
export const CLASS_NAMES = ['orange', 'blue', 'green', 'purple', 'sky blue', 'red', 'yellow', 'grey'];

/** Negative values orange, positive blue (weights, biases, neuron outputs, regression). */
export const NEGATIVE = '#E69F00';
export const POSITIVE = '#0072B2';
export const SERIES = { train: '#0072B2', test: '#D55E00' };

export function hexToRgb(hex) {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

const WHITE = [255, 255, 255];
const mix = (a, b, t) => [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t));

/** A table of 256 packed ABGR (little-endian RGBA) colours. */
function table(colourAt) {
  const out = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = colourAt(i / 255);
    out[i] = (255 << 24) | (b << 16) | (g << 8) | r;
  }
  return out;
}

const orange = hexToRgb(NEGATIVE);
const blue = hexToRgb(POSITIVE);
// Lightness follows confidence: values near the middle stay near white. The ends stop at
// 70 % so points drawn in the full class colour stand out on top.
const STRENGTH = 0.7;

/** t in [0, 1]: 0 → orange, 0.5 → white, 1 → blue. */
export const DIVERGING = table((t) => (t < 0.5 ? mix(WHITE, orange, (0.5 - t) * 2 * STRENGTH)
                                              : mix(WHITE, blue, (t - 0.5) * 2 * STRENGTH)));
/** The same map quantised into two flat halves (discretized decision surface). */
export const DIVERGING_DISCRETE = table((t) => (t < 0.5 ? mix(WHITE, orange, 0.55) : mix(WHITE, blue, 0.55)));
/** Regression, discretized: eight bands. */
export const DIVERGING_BANDS = table((t) => {
  const band = Math.min(7, Math.floor(t * 8));
  const c = (band + 0.5) / 8;
  return c < 0.5 ? mix(WHITE, orange, (0.5 - c) * 2 * STRENGTH) : mix(WHITE, blue, (c - 0.5) * 2 * STRENGTH);
});

/** Per class: confidence in [0, 1] → white … class colour. */
export const CLASS_TABLES = CLASS_COLORS.map((hex) => {
  const c = hexToRgb(hex);
  return table((t) => mix(WHITE, c, 0.08 + t * (STRENGTH - 0.08)));
});
export const CLASS_FLAT = CLASS_COLORS.map((hex) => mix(WHITE, hexToRgb(hex), 0.55));

export const NAN_COLOUR = (255 << 24) | (160 << 16) | (160 << 8) | 160;  // grey: not a number

/** CSS colour for a signed value (weights, biases) with opacity by magnitude. */
export function signedColour(value, scale = 1) {
  if (!Number.isFinite(value)) return 'rgba(128,128,128,0.9)';
  const [r, g, b] = value >= 0 ? blue : orange;
  const alpha = Math.min(1, 0.25 + Math.abs(value) / scale * 0.75);
  return `rgba(${r},${g},${b},${alpha.toFixed(2)})`;
}

/** CSS colour of a data point: its class colour, or (regression) its target −1 … +1 on the diverging map. */
export function pointColour(label, regression) {
  if (!regression) return CLASS_COLORS[label % CLASS_COLORS.length];
  const v = DIVERGING[Math.max(0, Math.min(255, ((label + 1) / 2) * 255)) | 0];
  return `rgb(${v & 255},${(v >> 8) & 255},${(v >> 16) & 255})`;
}
