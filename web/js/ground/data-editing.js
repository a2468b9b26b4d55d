// Editing the data set by hand: pure functions from a state draft (and what the page shows)
// to custom data. Generated data becomes custom data (with the same points, classes and
// drawing box) the first time a point is added or removed.
import { classCount } from './state.js';
import { boundsFor, parseCsv } from './csv.js';
import { LIMITS } from './catalog.js';

/** The draft's custom data, created from the displayed data set if needed. */
export function ensureCustom(draft, shown) {
  if (draft.data.custom) return draft.data.custom;
  const parts = shown.data ? [shown.data.train, shown.data.test] : [];
  const n = parts.reduce((sum, p) => sum + p.labels.length, 0);
  const points = new Float32Array(2 * n), labels = new Float32Array(n);
  let k = 0;
  for (const p of parts) {
    points.set(p.points, 2 * k);
    labels.set(p.labels, k);
    k += p.labels.length;
  }
  const b = shown.bounds;
  draft.data.custom = { points, labels, classes: classCount(draft), bounds: [b.xMin, b.xMax, b.yMin, b.yMax] };
  return draft.data.custom;
}

/** Returns an error message, or null when the point was added. */
export function addPoint(draft, shown, x, y, label) {
  const c = ensureCustom(draft, shown);
  if (c.labels.length >= LIMITS.maxCustomPoints) return `There are already ${LIMITS.maxCustomPoints} points, the most this page keeps.`;
  const points = new Float32Array(c.points.length + 2);
  points.set(c.points);
  points[c.points.length] = x;
  points[c.points.length + 1] = y;
  const labels = new Float32Array(c.labels.length + 1);
  labels.set(c.labels);
  labels[c.labels.length] = label;
  draft.data.custom = { ...c, points, labels };
  return null;
}

/** Removes the point nearest (x, y) within `radius` input units; false if none is that close. */
export function removeNearest(draft, shown, x, y, radius) {
  const c = ensureCustom(draft, shown);
  let best = -1, bestDistance = radius * radius;
  for (let i = 0; i < c.labels.length; i++) {
    const dx = c.points[2 * i] - x, dy = c.points[2 * i + 1] - y;
    const d = dx * dx + dy * dy;
    if (d <= bestDistance) { bestDistance = d; best = i; }
  }
  if (best < 0) return false;
  const points = new Float32Array(c.points.length - 2), labels = new Float32Array(c.labels.length - 1);
  points.set(c.points.subarray(0, 2 * best));
  points.set(c.points.subarray(2 * best + 2), 2 * best);
  labels.set(c.labels.subarray(0, best));
  labels.set(c.labels.subarray(best + 1), best);
  draft.data.custom = { ...c, points, labels };
  return true;
}

export function clearPoints(draft, shown) {
  const c = ensureCustom(draft, shown);
  draft.data.custom = { ...c, points: new Float32Array(0), labels: new Float32Array(0) };
}

/**
 * CSV text → custom data in the draft. Returns { imported, errors, header } (errors carry
 * line numbers); nothing changes when no row could be read.
 */
export function importCsv(draft, shown, text) {
  const regression = classCount(draft) === 0;
  const parsed = parseCsv(text, { regression });
  if (parsed.labels.length === 0) return { imported: 0, errors: parsed.errors, header: parsed.header };
  const b = shown.bounds;
  const points = Float32Array.from(parsed.points);
  draft.data.custom = {
    points,
    labels: Float32Array.from(parsed.labels),
    classes: parsed.classes,
    bounds: boundsFor(points, draft.data.custom?.bounds ?? [b.xMin, b.xMax, b.yMin, b.yMax]),
  };
  return { imported: parsed.labels.length, errors: parsed.errors, header: parsed.header };
}

/** Switches custom data between classification and regression labels. */
export function convertProblem(custom, toRegression) {
  if (toRegression) {
    const top = Math.max(1, custom.classes - 1);
    return { ...custom, classes: 0, labels: custom.labels.map((v) => (2 * v) / top - 1) };
  }
  return { ...custom, classes: 2, labels: custom.labels.map((v) => (v > 0 ? 1 : 0)) };
}
