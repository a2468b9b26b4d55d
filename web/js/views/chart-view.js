// A line chart on a canvas with labelled axes: train (solid blue) and test (dashed red) over
// epochs, linear or logarithmic y. Drawing cost depends only on the (bounded) history size.
import { SERIES } from '../app/palette.js';
import { formatNumber } from '../app/validate.js';

const FONT = '11px system-ui, sans-serif';
const PAD = { left: 46, right: 16, top: 10, bottom: 32 };

export class ChartView {
  /** options: { title, yLabel, series: [{key, label, colour, dash}], percent?: boolean } */
  constructor(canvas, options) {
    this.canvas = canvas;
    this.options = options;
    this.data = [];
    this.log = false;
    this.size = { width: 0, height: 0, ratio: 1 };
    new ResizeObserver(() => this.resize()).observe(canvas);
  }

  resize() {
    const ratio = Math.min(2, window.devicePixelRatio || 1);
    const width = Math.round(this.canvas.clientWidth), height = Math.round(this.canvas.clientHeight);
    if (!width || !height) return;
    this.size = { width, height, ratio };
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.draw(this.data, this.log);
  }

  draw(records, log = false) {
    this.data = records;
    this.log = log && !this.options.percent;
    const { width, height, ratio } = this.size;
    if (!width) return;
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const plot = { x: PAD.left, y: PAD.top, w: width - PAD.left - PAD.right, h: height - PAD.top - PAD.bottom };
    const { series, percent } = this.options;

    // Ranges.
    const xMax = Math.max(1, records.at(-1)?.epoch ?? 1);
    let yMin = Infinity, yMax = -Infinity;
    for (const r of records) {
      for (const s of series) {
        const v = r[s.key];
        if (v === null || v === undefined || !Number.isFinite(v) || (this.log && v <= 0)) continue;
        yMin = Math.min(yMin, v);
        yMax = Math.max(yMax, v);
      }
    }
    if (percent) { yMin = 0; yMax = 1; }
    else if (!Number.isFinite(yMin)) { yMin = this.log ? 0.01 : 0; yMax = 1; }
    else if (this.log) { yMin = 10 ** Math.floor(Math.log10(yMin)); yMax = 10 ** Math.ceil(Math.log10(yMax)); if (yMin === yMax) yMax *= 10; }
    else { yMin = 0; yMax = niceCeil(yMax); }
    const xTicks = ticks(0, xMax, Math.max(2, Math.floor(plot.w / 70)));
    const yTicks = this.log ? logTicks(yMin, yMax) : ticks(yMin, yMax, Math.max(2, Math.floor(plot.h / 28)));
    const sx = (v) => plot.x + (v / xTicks.max) * plot.w;
    const sy = this.log
      ? (v) => plot.y + plot.h - ((Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plot.h
      : (v) => plot.y + plot.h - ((v - yMin) / (yTicks.max - yMin)) * plot.h;

    // Grid and axes.
    ctx.font = FONT;
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#e3e6ea';
    ctx.fillStyle = '#444';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of yTicks.values) {
      const y = Math.round(sy(v)) + 0.5;
      ctx.beginPath(); ctx.moveTo(plot.x, y); ctx.lineTo(plot.x + plot.w, y); ctx.stroke();
      ctx.fillText(percent ? `${Math.round(v * 100)}` : formatNumber(v, 2), plot.x - 4, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of xTicks.values) {
      const x = Math.round(sx(v)) + 0.5;
      ctx.beginPath(); ctx.moveTo(x, plot.y); ctx.lineTo(x, plot.y + plot.h); ctx.stroke();
      ctx.fillText(formatNumber(v, 3), x, plot.y + plot.h + 3);
    }
    ctx.strokeStyle = '#777';
    ctx.beginPath(); ctx.moveTo(plot.x + 0.5, plot.y); ctx.lineTo(plot.x + 0.5, plot.y + plot.h + 0.5); ctx.lineTo(plot.x + plot.w, plot.y + plot.h + 0.5); ctx.stroke();
    ctx.fillText('epoch', plot.x + plot.w / 2, plot.y + plot.h + 17);
    ctx.save();
    ctx.translate(11, plot.y + plot.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(this.options.yLabel + (this.log ? ' (log scale)' : ''), 0, 0);
    ctx.restore();

    if (records.length < 2) {
      ctx.fillStyle = '#7a8290';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('No training yet: press Play or Step epoch.', plot.x + plot.w / 2, plot.y + plot.h / 2);
    }

    // Series.
    ctx.save();
    ctx.beginPath(); ctx.rect(plot.x, plot.y - 2, plot.w + 2, plot.h + 4); ctx.clip();
    ctx.lineWidth = 1.75;
    for (const s of series) {
      ctx.strokeStyle = s.colour ?? SERIES[s.key.startsWith('test') ? 'test' : 'train'];
      ctx.setLineDash(s.dash ?? []);
      ctx.beginPath();
      let pen = false;
      for (const r of records) {
        const v = r[s.key];
        if (v === null || v === undefined || !Number.isFinite(v) || (this.log && v <= 0)) { pen = false; continue; }
        const x = sx(r.epoch), y = Math.max(plot.y - 1, Math.min(plot.y + plot.h + 1, sy(Math.min(v, yTicks.max))));
        if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
        pen = true;
      }
      ctx.stroke();
    }
    ctx.restore();
  }
}

/** About `count` round tick values from lo to at least hi; max is the last tick. */
function ticks(lo, hi, count) {
  const span = hi - lo || 1;
  const raw = span / count;
  const step = [1, 2, 2.5, 5, 10].map((m) => m * 10 ** Math.floor(Math.log10(raw))).find((s) => s >= raw);
  const values = [];
  const max = Math.ceil(hi / step - 1e-9) * step;
  for (let v = lo; v <= max + step * 1e-6; v += step) values.push(Number(v.toPrecision(12)));
  return { values, max };
}

function logTicks(lo, hi) {
  const values = [];
  for (let e = Math.round(Math.log10(lo)); e <= Math.round(Math.log10(hi)); e++) values.push(10 ** e);
  return { values, max: hi };
}

function niceCeil(v) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((s) => s >= v * 1.02) ?? 10 * p;
}
