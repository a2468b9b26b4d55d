// Compare mode's loss chart: every run's training loss (solid) and test loss (dashed) in the
// run's colour, over a fixed epoch axis (0 … the budget, so curves grow left to right), with
// the target loss as a dotted guide. Linear or logarithmic loss axis; labelled axes.
import { formatNumber } from '../ground/validate.js';
import {
  beginPlot, decades, drawChartAxes, drawPlaceholder, epochAxis, fitCanvas, logTicks, plottable, strokeSeries, ticks, valueAxis,
} from '../views/chart-axes.js';

const PAD = { left: 50, right: 14, top: 10, bottom: 34 };

export class CompareChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.size = { width: 0, height: 0, ratio: 1 };
    this.input = { runs: [], maxEpochs: 1, target: null, log: false };
    new ResizeObserver(() => this.resize()).observe(canvas);
  }

  resize() {
    const size = fitCanvas(this.canvas);
    if (!size) return;
    this.size = size;
    this.draw(this.input);
  }

  /** runs: [{colour, history: [{epoch, trainLoss, testLoss}]}] */
  draw(input) {
    this.input = input;
    if (!this.size.width) return;
    const { runs, maxEpochs, target, log } = input;
    const { ctx, plot } = beginPlot(this.canvas, this.size, PAD);
    const usable = (v) => plottable(v, log);

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
      [lo, hi] = decades(lo, hi);
      // Losses near 0 would stretch the axis over many decades: keep at most 5 below the top.
      lo = Math.max(lo, hi / 1e5);
      yTicks = logTicks(lo, hi).values;
    } else {
      lo = 0;
      ({ values: yTicks, max: hi } = ticks(0, hi * 1.02, Math.max(2, Math.floor(plot.h / 30))));
    }
    const x = ticks(0, Math.max(1, maxEpochs), Math.max(2, Math.floor(plot.w / 70)));
    const sx = epochAxis(plot, x.max);
    const sy = valueAxis(plot, lo, hi, log);

    drawChartAxes(ctx, plot,
      { values: x.values, at: sx, label: (v) => formatNumber(v, 4), title: 'epoch', titleGap: 18 },
      { values: yTicks, at: sy, label: (v) => formatNumber(v, 2), title: log ? 'loss (log scale)' : 'loss', titleAt: 12 });

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
        strokeSeries(ctx, plot, run.history, key, { sx, sy, top: hi, log });
      }
    }
    ctx.restore();
    if (runs.every((r) => r.history.length === 0)) drawPlaceholder(ctx, plot, 'Press Run to train every configuration.');
  }
}
