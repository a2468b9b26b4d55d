// What the plots with labelled axes share: a canvas sized to its box, round tick values, the
// line charts' grid, axis lines, series and placeholder (chart-view.js, compare-chart.js), the
// input planes' frame (surface-view.js, perceptron-plane.js) and the turned y-axis title every
// plot writes. Each function leaves the context's style as it set it: callers rely on that for
// what they draw next.
export const AXIS_FONT = '11px system-ui, sans-serif';
export const TITLE_FONT = 'italic 12px system-ui, sans-serif';   // the input planes' x₁ and x₂

/** Sizes the canvas's pixels to its CSS box at the screen's pixel ratio (at most 2); null while it has no size. */
export function fitCanvas(canvas) {
  const ratio = Math.min(2, window.devicePixelRatio || 1);
  const width = Math.round(canvas.clientWidth), height = Math.round(canvas.clientHeight);
  if (!width || !height) return null;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  return { width, height, ratio };
}

/** The plot rectangle (CSS pixels) of a canvas of `size` inside `pad`. */
export function plotRect({ width, height }, pad) {
  return { x: pad.left, y: pad.top, w: width - pad.left - pad.right, h: height - pad.top - pad.bottom };
}

/** A cleared context that draws in CSS pixels, and the plot rectangle inside `pad`. */
export function beginPlot(canvas, size, pad) {
  const ctx = canvas.getContext('2d');
  ctx.setTransform(size.ratio, 0, 0, size.ratio, 0, 0);
  ctx.clearRect(0, 0, size.width, size.height);
  return { ctx, plot: plotRect(size, pad) };
}

/** About `count` round tick values from lo to at least hi; max is the last tick. */
export function ticks(lo, hi, count) {
  const span = hi - lo || 1;
  const raw = span / count;
  const step = [1, 2, 2.5, 5, 10].map((m) => m * 10 ** Math.floor(Math.log10(raw))).find((s) => s >= raw);
  const values = [];
  const max = Math.ceil(hi / step - 1e-9) * step;
  for (let v = lo; v <= max + step * 1e-6; v += step) values.push(Number(v.toPrecision(12)));
  return { values, max };
}

/** One tick per power of ten from lo to hi (both powers of ten). */
export function logTicks(lo, hi) {
  const values = [];
  for (let e = Math.round(Math.log10(lo)); e <= Math.round(Math.log10(hi)); e++) values.push(10 ** e);
  return { values, max: hi };
}

/** [lo, hi] widened to whole decades, at least one apart (a logarithmic axis). */
export function decades(lo, hi) {
  const from = 10 ** Math.floor(Math.log10(lo));
  const to = 10 ** Math.ceil(Math.log10(hi));
  return [from, from === to ? to * 10 : to];
}

/** A value a line chart can draw: a finite number, and above 0 on a logarithmic axis. */
export function plottable(v, log) {
  return v !== null && v !== undefined && Number.isFinite(v) && (!log || v > 0);
}

/** Screen x of an epoch on an axis from 0 to `max`. */
export function epochAxis(plot, max) {
  return (epoch) => plot.x + (epoch / max) * plot.w;
}

/** Screen y of a value on an axis from lo (bottom) to hi (top), linear or logarithmic. */
export function valueAxis(plot, lo, hi, log) {
  return log
    ? (v) => plot.y + plot.h - ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plot.h
    : (v) => plot.y + plot.h - ((v - lo) / (hi - lo)) * plot.h;
}

/**
 * A line chart's grid, tick labels, axis lines and titles. x and y: { values, at(v) → screen
 * position, label(v) → text, title }; x.titleGap: the x title's distance below the plot;
 * y.titleAt: the turned y title's distance from the canvas's left edge.
 */
export function drawChartAxes(ctx, plot, x, y) {
  ctx.font = AXIS_FONT;
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#e3e6ea';
  ctx.fillStyle = '#444';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of y.values) {
    const py = Math.round(y.at(v)) + 0.5;
    ctx.beginPath(); ctx.moveTo(plot.x, py); ctx.lineTo(plot.x + plot.w, py); ctx.stroke();
    ctx.fillText(y.label(v), plot.x - 4, py);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of x.values) {
    const px = Math.round(x.at(v)) + 0.5;
    ctx.beginPath(); ctx.moveTo(px, plot.y); ctx.lineTo(px, plot.y + plot.h); ctx.stroke();
    ctx.fillText(x.label(v), px, plot.y + plot.h + 3);
  }
  drawAxisLines(ctx, plot);
  ctx.fillText(x.title, plot.x + plot.w / 2, plot.y + plot.h + x.titleGap);
  drawTurnedTitle(ctx, y.title, y.titleAt, plot.y + plot.h / 2);
}

/** The left and bottom axis lines, on whole pixels. */
export function drawAxisLines(ctx, plot) {
  ctx.strokeStyle = '#777';
  ctx.beginPath(); ctx.moveTo(plot.x + 0.5, plot.y); ctx.lineTo(plot.x + 0.5, plot.y + plot.h + 0.5); ctx.lineTo(plot.x + plot.w, plot.y + plot.h + 0.5); ctx.stroke();
}

/** The border just outside a square plane (side × side at left, top); sets the tick-label style. */
export function drawPlaneFrame(ctx, left, top, side) {
  ctx.strokeStyle = '#888';
  ctx.lineWidth = 1;
  ctx.strokeRect(left - 0.5, top - 0.5, side + 1, side + 1);
  ctx.fillStyle = '#333';
  ctx.font = AXIS_FONT;
}

/** A y-axis title reading upwards, centred on (x, y); the caller has set textAlign 'center'. */
export function drawTurnedTitle(ctx, text, x, y) {
  ctx.save();
  ctx.translate(x, y);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 0, 0);
  ctx.restore();
}

/**
 * One series of records ({epoch, [key]: value}) as a line in the current stroke style: lifted
 * over values it cannot draw, and held to just beyond the plot above `top`.
 */
export function strokeSeries(ctx, plot, records, key, { sx, sy, top, log }) {
  ctx.beginPath();
  let pen = false;
  for (const r of records) {
    const v = r[key];
    if (!plottable(v, log)) { pen = false; continue; }
    const x = sx(r.epoch), y = Math.max(plot.y - 1, Math.min(plot.y + plot.h + 1, sy(Math.min(v, top))));
    if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
    pen = true;
  }
  ctx.stroke();
}

/** A hint in the middle of an empty plot, broken into lines that fit its width (small embeds). */
export function drawPlaceholder(ctx, plot, text) {
  ctx.fillStyle = '#7a8290';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const room = plot.w - 8;
  const lines = [];
  for (const word of text.split(' ')) {
    const line = lines.length ? `${lines.at(-1)} ${word}` : word;
    if (lines.length && ctx.measureText(line).width <= room) lines[lines.length - 1] = line;
    else lines.push(word);
  }
  const height = 14;   // px per line of the 11 px axis font
  lines.forEach((line, i) => ctx.fillText(line, plot.x + plot.w / 2, plot.y + plot.h / 2 + (i - (lines.length - 1) / 2) * height));
}
