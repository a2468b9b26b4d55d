// Custom points in a link: compact binary, base64url. Coordinates are quantised to 1/65535 of
// the drawing box (finer than a pixel), class labels take one byte, regression targets four.
// Layout: u8 format=1, u8 classes (0 = regression), u16 n, n×(u16 x, u16 y), labels.

const FORMAT = 1;

function toBase64Url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it contains characters a link encoding never uses');
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/**
 * Custom points snapped to the link's grid, so the page holds exactly what a shared link will
 * carry (a shared run then trains bit-identically). Idempotent.
 */
export function quantisePoints(custom) {
  const [x0, x1, y0, y1] = custom.bounds;
  const points = new Float32Array(custom.points.length);
  for (let i = 0; i < points.length; i += 2) {
    points[i] = snap(custom.points[i], x0, x1);
    points[i + 1] = snap(custom.points[i + 1], y0, y1);
  }
  return { ...custom, points };
}

function snap(v, lo, hi) {
  const q = Math.max(0, Math.min(65535, Math.round(((v - lo) / (hi - lo)) * 65535)));
  return lo + (q / 65535) * (hi - lo);
}

/** custom = { points: Float32Array(2n), labels: Float32Array(n), classes, bounds: [x0, x1, y0, y1] } */
export function encodePoints(custom) {
  const n = custom.labels.length;
  const regression = custom.classes === 0;
  const bytes = new Uint8Array(4 + n * 4 + n * (regression ? 4 : 1));
  const view = new DataView(bytes.buffer);
  view.setUint8(0, FORMAT);
  view.setUint8(1, custom.classes);
  view.setUint16(2, n, true);
  const [x0, x1, y0, y1] = custom.bounds;
  const q = (v, lo, hi) => Math.max(0, Math.min(65535, Math.round(((v - lo) / (hi - lo)) * 65535)));
  for (let i = 0; i < n; i++) {
    view.setUint16(4 + i * 4, q(custom.points[2 * i], x0, x1), true);
    view.setUint16(6 + i * 4, q(custom.points[2 * i + 1], y0, y1), true);
  }
  const base = 4 + n * 4;
  for (let i = 0; i < n; i++) {
    if (regression) view.setFloat32(base + i * 4, custom.labels[i], true);
    else view.setUint8(base + i, custom.labels[i]);
  }
  return toBase64Url(bytes);
}

/** Throws an Error with a learner-readable message when the text is not a point list. */
export function decodePoints(text, bounds) {
  const bytes = fromBase64Url(text);
  if (bytes.length < 4) throw new Error('it is too short to hold any point');
  const view = new DataView(bytes.buffer);
  if (view.getUint8(0) !== FORMAT) throw new Error(`its format ${view.getUint8(0)} is not one this page reads`);
  const classes = view.getUint8(1);
  if (classes === 1 || classes > 8) throw new Error(`it names ${classes} classes (0 for regression, or 2 to 8)`);
  const n = view.getUint16(2, true);
  const regression = classes === 0;
  if (n < 1) throw new Error('it holds no point');
  if (bytes.length !== 4 + n * 4 + n * (regression ? 4 : 1)) throw new Error('its length does not match its point count (was the link cut?)');
  const [x0, x1, y0, y1] = bounds;
  const points = new Float32Array(2 * n);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    points[2 * i] = x0 + (view.getUint16(4 + i * 4, true) / 65535) * (x1 - x0);
    points[2 * i + 1] = y0 + (view.getUint16(6 + i * 4, true) / 65535) * (y1 - y0);   // = snap()
  }
  const base = 4 + n * 4;
  for (let i = 0; i < n; i++) {
    labels[i] = regression ? view.getFloat32(base + i * 4, true) : view.getUint8(base + i);
    if (!Number.isFinite(labels[i]) || (!regression && labels[i] >= classes)) {
      throw new Error(`point ${i + 1} has the label ${labels[i]}, which does not fit ${regression ? 'a regression' : classes + ' classes'}`);
    }
  }
  return { points, labels, classes, bounds: [...bounds] };
}
