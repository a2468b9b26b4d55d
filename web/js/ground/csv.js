// Reading points from CSV text (x1,x2,label per line). Good rows are kept; each bad row is
// reported with its line number and why, so one typo never loses the rest of a file.
import { LIMITS } from './catalog.js';

const MAX_CLASSES = 8;
const MAX_COORDINATE = 1e6;

/**
 * @param {string} text
 * @param {{regression: boolean}} options
 * @returns {{points: number[], labels: number[], classes: number, errors: {line: number, message: string}[], header: boolean}}
 */
export function parseCsv(text, { regression }) {
  const points = [], labels = [], errors = [];
  let header = false, seenData = false, maxLabel = 0;
  const lines = String(text).split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i].trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const fields = raw.split(/\s*[,;\t]\s*/);
    const numbers = fields.map((f) => (f === '' ? NaN : Number(f)));
    if (!seenData && !header && numbers.some(Number.isNaN) && fields.length === 3) {
      header = true;   // a first line such as "x1,x2,label" names the columns
      continue;
    }
    seenData = true;
    if (fields.length !== 3) {
      errors.push({ line, message: `expected 3 values (x1, x2, label), found ${fields.length}` });
      continue;
    }
    const bad = fields.findIndex((f, k) => !Number.isFinite(numbers[k]));
    if (bad >= 0) {
      errors.push({ line, message: `"${shorten(fields[bad])}" (${['x1', 'x2', 'the label'][bad]}) is not a number` });
      continue;
    }
    const [x1, x2, label] = numbers;
    if (Math.abs(x1) > MAX_COORDINATE || Math.abs(x2) > MAX_COORDINATE) {
      errors.push({ line, message: `coordinates must be within ±${MAX_COORDINATE}` });
      continue;
    }
    if (!regression && (!Number.isInteger(label) || label < 0 || label >= MAX_CLASSES)) {
      errors.push({ line, message: `the label ${fields[2]} is not a class number from 0 to ${MAX_CLASSES - 1} (for numeric targets choose the Regression problem type)` });
      continue;
    }
    if (points.length / 2 >= LIMITS.maxCustomPoints) {
      errors.push({ line, message: `more than ${LIMITS.maxCustomPoints} points: this row and the rest were not imported` });
      break;
    }
    points.push(x1, x2);
    labels.push(label);
    maxLabel = Math.max(maxLabel, label);
  }
  return { points, labels, classes: regression ? 0 : Math.max(2, maxLabel + 1), errors, header };
}

/** CSV text for points (Float32Array 2n) and labels. */
export function toCsv(points, labels) {
  const rows = ['x1,x2,label'];
  for (let i = 0; i < labels.length; i++) {
    rows.push(`${round(points[2 * i])},${round(points[2 * i + 1])},${round(labels[i])}`);
  }
  return rows.join('\n') + '\n';
}

/** The drawing box for imported points: the current one if they fit in it, else their extent plus 10 %. */
export function boundsFor(points, current) {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    x0 = Math.min(x0, points[i]); x1 = Math.max(x1, points[i]);
    y0 = Math.min(y0, points[i + 1]); y1 = Math.max(y1, points[i + 1]);
  }
  if (current && x0 >= current[0] && x1 <= current[1] && y0 >= current[2] && y1 <= current[3]) return [...current];
  const pad = (lo, hi) => {
    const span = Math.max(hi - lo, 1);
    return [lo - span * 0.1, hi + span * 0.1];
  };
  return [...pad(x0, x1), ...pad(y0, y1)].map((v) => Number(v.toPrecision(4)));
}

function round(v) {
  return Number(v.toPrecision(6));
}

function shorten(text) {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}
