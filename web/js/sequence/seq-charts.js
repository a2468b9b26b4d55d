// The sequence page's plots, each with labelled axes and units: line charts (loss, accuracy,
// the signal and its prediction), heatmaps (hidden state, gates, attention) and the gradient
// norm per step (bars on a logarithmic axis).
import { AXIS_FONT, beginPlot, decades, drawChartAxes, drawPlaceholder, logTicks, ticks, valueAxis } from '../views/chart-axes.js';

// Like views/chart-axes.js fitCanvas, but resizes the backing store only when the box changed:
// eight canvases redrawn per frame would otherwise reallocate eight bitmaps per frame.
function fitCanvas(canvas) {
  const ratio = Math.min(2, window.devicePixelRatio || 1);
  const width = Math.round(canvas.clientWidth), height = Math.round(canvas.clientHeight);
  if (!width || !height) return null;
  const w = Math.round(width * ratio), h = Math.round(height * ratio);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  return { width, height, ratio };
}

const PAD = { left: 46, right: 10, top: 20, bottom: 34 };

// 0.01, 1, 100 — and 1e-5, 1e6 where the zeros would not fit beside the axis.
function decadeLabel(v) {
  const e = Math.round(Math.log10(v));
  return e < -2 || e > 3 ? `1e${e}` : String(Number((10 ** e).toPrecision(1)));
}

/**
 * Lines over a shared x axis. series: [{ xs, ys, color, label, dash }]; options: { xTitle,
 * yTitle, yLo, yHi, xMax, log, empty } (yLo/yHi fixed, else from the data; the x axis reaches at
 * least xMax, so lines can grow left to right on a fixed axis; log: a logarithmic y axis in
 * whole decades, at most six, from the data).
 */
export function drawLines(canvas, series, options) {
  const size = fitCanvas(canvas);
  if (!size) return;
  const { ctx, plot } = beginPlot(canvas, size, PAD);
  const log = Boolean(options.log);
  let xMax = options.xMax ?? 1, yLo = log ? Infinity : options.yLo ?? Infinity, yHi = log ? -Infinity : options.yHi ?? -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.xs.length; i++) {
      if (!Number.isFinite(s.ys[i]) || (log && !(s.ys[i] > 0))) continue;
      xMax = Math.max(xMax, s.xs[i]);
      if (log || options.yLo === undefined) yLo = Math.min(yLo, s.ys[i]);
      if (log || options.yHi === undefined) yHi = Math.max(yHi, s.ys[i]);
    }
  }
  if (!Number.isFinite(yLo) || !Number.isFinite(yHi)) { yLo = log ? 0.01 : 0; yHi = 1; }
  if (yHi - yLo < 1e-9 && !log) { yHi += 0.5; yLo -= 0.5; }
  const xTicks = ticks(0, xMax, Math.max(2, Math.floor(plot.w / 70)));
  let lo, yTicks;
  if (log) {
    const [from, to] = decades(yLo, yHi);
    lo = Math.max(from, to / 1e6);
    yTicks = { values: logTicks(lo, to).values, max: to };
  } else {
    lo = yLo < 0 ? -ticks(0, -yLo, 2).max : 0;
    yTicks = ticks(lo, yHi, 4);
  }
  const sx = (v) => plot.x + (v / xTicks.max) * plot.w;
  const sy = log ? valueAxis(plot, lo, yTicks.max, true) : (v) => plot.y + plot.h - ((v - lo) / (yTicks.max - lo)) * plot.h;
  drawChartAxes(ctx, plot,
    { values: xTicks.values, at: sx, label: (v) => String(v), title: options.xTitle, titleGap: 17 },
    { values: yTicks.values, at: sy, label: log ? decadeLabel : (v) => String(Number(v.toPrecision(3))), title: options.yTitle, titleAt: 10 });
  const drawn = series.some((s) => s.xs.length > 0);
  if (!drawn) { drawPlaceholder(ctx, plot, options.empty ?? 'Press Play or Step to train'); return; }
  let legendX = plot.x + 4;
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.lineWidth = s.width ?? 1.5;
    ctx.setLineDash(s.dash ?? []);
    ctx.beginPath();
    let pen = false;
    const stride = Math.max(1, Math.floor(s.xs.length / (2 * plot.w)));
    for (let i = 0; i < s.xs.length; i += stride) {
      if (!Number.isFinite(s.ys[i]) || (log && !(s.ys[i] > 0))) { pen = false; continue; }
      const x = sx(s.xs[i]), y = Math.max(plot.y, Math.min(plot.y + plot.h, sy(s.ys[i])));
      if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      pen = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
    if (!s.label) continue;
    ctx.fillStyle = s.color;
    ctx.font = AXIS_FONT;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    const text = `— ${s.label}`;
    ctx.fillText(text, legendX, plot.y - 6);
    legendX += ctx.measureText(text).width + 12;
  }
}

// Blue (negative) – white – red (positive) for signed values; white – dark blue for values in [0, 1].
function rgb(v, signed) {
  const t = Math.max(-1, Math.min(1, v));
  if (!signed) return [Math.round(255 - 215 * t), Math.round(255 - 175 * t), Math.round(255 - 80 * t)];
  if (t >= 0) { const c = Math.round(255 - 200 * t); return [255, c, c]; }
  const c = Math.round(255 + 200 * t);
  return [c, c, 255];
}

/**
 * A rows × cols heatmap: value(r, c) → number; options: { xTitle, yTitle, lo, hi, signed,
 * rowLabel(r), colLabel(c) }. Row 0 at the top.
 */
export function drawHeatmap(canvas, rows, cols, value, options) {
  const size = fitCanvas(canvas);
  if (!size) return;
  const pad = { left: 40, right: 8, top: 8, bottom: 32 };
  const { ctx, plot } = beginPlot(canvas, size, pad);
  const cw = plot.w / cols, ch = plot.h / rows;
  const scale = Math.max(Math.abs(options.lo ?? 0), Math.abs(options.hi ?? 1)) || 1;
  // One pixel per cell, scaled up without smoothing: one drawImage instead of rows·cols fillRects.
  const cells = new ImageData(cols, rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const [red, green, blue] = rgb(value(r, c) / scale, options.signed);
      const i = 4 * (r * cols + c);
      cells.data[i] = red; cells.data[i + 1] = green; cells.data[i + 2] = blue; cells.data[i + 3] = 255;
    }
  }
  const small = new OffscreenCanvas(cols, rows);
  small.getContext('2d').putImageData(cells, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, plot.x, plot.y, plot.w, plot.h);
  ctx.strokeStyle = '#777';
  ctx.lineWidth = 1;
  ctx.strokeRect(plot.x - 0.5, plot.y - 0.5, plot.w + 1, plot.h + 1);
  ctx.font = AXIS_FONT;
  ctx.fillStyle = '#444';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const colStep = Math.max(1, Math.ceil(cols / Math.max(1, Math.floor(plot.w / 28))));
  for (let c = 0; c < cols; c += colStep) ctx.fillText(options.colLabel ? options.colLabel(c) : String(c), plot.x + (c + 0.5) * cw, plot.y + plot.h + 2);
  ctx.fillText(options.xTitle, plot.x + plot.w / 2, plot.y + plot.h + 16);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const rowStep = Math.max(1, Math.ceil(rows / Math.max(1, Math.floor(plot.h / 14))));
  for (let r = 0; r < rows; r += rowStep) ctx.fillText(options.rowLabel ? options.rowLabel(r) : String(r), plot.x - 3, plot.y + (r + 0.5) * ch);
  ctx.save();
  ctx.translate(9, plot.y + plot.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(options.yTitle, 0, 0);
  ctx.restore();
}

/** values[t] as bars over the steps on a logarithmic y axis (the gradient norm per step). */
export function drawLogBars(canvas, values, options) {
  const size = fitCanvas(canvas);
  if (!size) return;
  const { ctx, plot } = beginPlot(canvas, size, PAD);
  const positive = Array.from(values).filter((v) => v > 0);
  const hiExp = positive.length ? Math.ceil(Math.log10(Math.max(...positive))) : 0;
  const loExp = positive.length ? Math.min(hiExp - 1, Math.floor(Math.log10(Math.min(...positive)))) : -1;
  const step = Math.max(1, Math.ceil((hiExp - loExp) / 5));
  const exps = [];
  for (let e = loExp; e <= hiExp; e += step) exps.push(e);
  const top = exps[exps.length - 1];
  const sy = (v) => plot.y + plot.h - ((Math.log10(v) - loExp) / (top - loExp || 1)) * plot.h;
  const n = values.length;
  const sx = (t) => plot.x + ((t + 0.5) / n) * plot.w;
  const xStep = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plot.w / 28))));
  const xs = [];
  for (let t = 0; t < n; t += xStep) xs.push(t);
  drawChartAxes(ctx, plot,
    { values: xs, at: sx, label: String, title: options.xTitle, titleGap: 17 },
    { values: exps.map((e) => 10 ** e), at: sy, label: (v) => `1e${Math.round(Math.log10(v))}`, title: options.yTitle, titleAt: 10 });
  if (!positive.length) { drawPlaceholder(ctx, plot, options.empty); return; }
  ctx.fillStyle = options.color ?? '#3b6fb6';
  const bw = Math.max(1, plot.w / n - 2);
  for (let t = 0; t < n; t++) {
    if (!(values[t] > 0)) continue;
    const y = Math.max(plot.y, sy(values[t]));
    ctx.fillRect(sx(t) - bw / 2, y, bw, plot.y + plot.h - y);
  }
}
