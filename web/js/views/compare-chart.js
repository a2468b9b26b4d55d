// Compare mode's loss chart: every run's training loss (solid) and test loss (dashed) in the
// run's colour, over a fixed epoch axis (0 … the budget, so curves grow left to right), with
// the target loss as a dotted guide. Linear or logarithmic loss axis; labelled axes.
import { formatNumber } from '../app/validate.js';

const FONT = '11px system-ui, sans-serif';
const PAD = { left: 50, right: 14, top: 10, bottom: 34 };

export class CompareChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.size = { width: 0, height: 0, ratio: 1 };
    this.input = { runs: [], maxEpochs: 1, target: null, log: false };
    new ResizeObserver(() => this.resize()).observe(canvas);
  }

  resize() {
    const ratio = Math.min(2, window.devicePixelRatio || 1);
    const width = Math.round(this.canvas.clientWidth), height = Math.round(this.canvas.clientHeight);
    if (!width || !height) return;
    this.size = { width, height, ratio };
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.draw(this.input);
  }

  /** runs: [{colour, history: [{epoch, trainLoss, testLoss}]}] */
  draw(input) {
    this.input = input;
    const { width, height, ratio } = this.size;
    if (!width) return;
    const { runs, maxEpochs, target, log } = input;
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const plot = { x: PAD.left, y: PAD.top, w: width - PAD.left - PAD.right, h: height - PAD.top - PAD.bottom };
    const usable = (v) => v !== null && v !== undefined && Number.isFinite(v) && (!log || v > 0);

    let lo = Infinity, hi = -Infinity;
    for (const run of runs) {
      for (const r of run.history) {
        for (const v of [r.trainLoss, r.testLoss]) if (usable(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      }
    }
    if (usable(target) && target > 0) { lo = Math.min(lo, target); hi = Math.max(hi, target); }
    if (!Number.isFinite(lo)) { lo = log ? 0.01 : 0; hi = 1; }
    let yTicks;
    if (log) {
      lo = 10 ** Math.floor(Math.log10(lo));
      hi = 10 ** Math.ceil(Math.log10(hi));
      if (lo === hi) hi *= 10;
      // Losses near 0 would stretch the axis over many decades: keep at most 5 below the top.
      lo = Math.max(lo, hi / 1e5);
      yTicks = [];
      for (let e = Math.round(Math.log10(lo)); e <= Math.round(Math.log10(hi)); e++) yTicks.push(10 ** e);
    } else {
      lo = 0;
      ({ values: yTicks, max: hi } = ticks(0, hi * 1.02, Math.max(2, Math.floor(plot.h / 30))));
    }
    const x = ticks(0, Math.max(1, maxEpochs), Math.max(2, Math.floor(plot.w / 70)));
    const sx = (e) => plot.x + (e / x.max) * plot.w;
    const sy = log
      ? (v) => plot.y + plot.h - ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plot.h
      : (v) => plot.y + plot.h - ((v - lo) / (hi - lo)) * plot.h;

    ctx.font = FONT;
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#e3e6ea';
    ctx.fillStyle = '#444';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of yTicks) {
      const y = Math.round(sy(v)) + 0.5;
      ctx.beginPath(); ctx.moveTo(plot.x, y); ctx.lineTo(plot.x + plot.w, y); ctx.stroke();
      ctx.fillText(formatNumber(v, 2), plot.x - 4, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of x.values) {
      const px = Math.round(sx(v)) + 0.5;
      ctx.beginPath(); ctx.moveTo(px, plot.y); ctx.lineTo(px, plot.y + plot.h); ctx.stroke();
      ctx.fillText(formatNumber(v, 4), px, plot.y + plot.h + 3);
    }
    ctx.strokeStyle = '#777';
    ctx.beginPath(); ctx.moveTo(plot.x + 0.5, plot.y); ctx.lineTo(plot.x + 0.5, plot.y + plot.h + 0.5); ctx.lineTo(plot.x + plot.w, plot.y + plot.h + 0.5); ctx.stroke();
    ctx.fillText('epoch', plot.x + plot.w / 2, plot.y + plot.h + 18);
    ctx.save();
    ctx.translate(12, plot.y + plot.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(log ? 'loss (log scale)' : 'loss', 0, 0);
    ctx.restore();

    ctx.save();
    ctx.beginPath(); ctx.rect(plot.x, plot.y - 2, plot.w + 2, plot.h + 4); ctx.clip();
    if (usable(target) && target >= lo) {
      const y = Math.round(sy(target)) + 0.5;
      ctx.strokeStyle = '#555';
      ctx.setLineDash([2, 3]);
      ctx.beginPath(); ctx.moveTo(plot.x, y); ctx.lineTo(plot.x + plot.w, y); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#333';
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      ctx.fillText(`target ${formatNumber(target, 3)}`, plot.x + plot.w - 2, y - 2);
    }
    ctx.lineWidth = 1.75;
    for (const key of ['testLoss', 'trainLoss']) {
      ctx.setLineDash(key === 'testLoss' ? [5, 3] : []);
      for (const run of runs) {
        ctx.strokeStyle = run.colour;
        ctx.beginPath();
        let pen = false;
        for (const r of run.history) {
          const v = r[key];
          if (!usable(v)) { pen = false; continue; }
          const px = sx(r.epoch), py = Math.max(plot.y - 1, Math.min(plot.y + plot.h + 1, sy(Math.min(v, hi))));
          if (pen) ctx.lineTo(px, py); else ctx.moveTo(px, py);
          pen = true;
        }
        ctx.stroke();
      }
    }
    ctx.restore();
    if (runs.every((r) => r.history.length === 0)) {
      ctx.fillStyle = '#7a8290';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('Press Run to train every configuration.', plot.x + plot.w / 2, plot.y + plot.h / 2);
    }
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
