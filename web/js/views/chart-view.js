// A line chart on a canvas with labelled axes: train (solid blue) and test (dashed red) over
// epochs, linear or logarithmic y. Drawing cost depends only on the (bounded) history size.
import { SERIES } from '../ground/palette.js';
import { formatNumber } from '../ground/validate.js';
import {
  beginPlot, decades, drawChartAxes, drawPlaceholder, epochAxis, fitCanvas, logTicks, plottable, strokeSeries, ticks, valueAxis,
} from './chart-axes.js';

const PAD = { left: 46, right: 16, top: 10, bottom: 32 };

export class ChartView {
  /** options: { title, yLabel, series: [{key, label, colour, dash}], percent?: boolean, empty?: text with too few records, pad?: {left…} } */
  constructor(canvas, options) {
    this.canvas = canvas;
    this.options = options;
    this.pad = { ...PAD, ...options.pad };   // e.g. room for long log-scale tick labels
    this.data = [];
    this.log = false;
    this.marker = null;   // { epoch, label }: a dashed vertical line, e.g. early stopping's best epoch
    this.size = { width: 0, height: 0, ratio: 1 };
    new ResizeObserver(() => this.resize()).observe(canvas);
  }

  resize() {
    const size = fitCanvas(this.canvas);
    if (!size) return;
    this.size = size;
    this.draw(this.data, this.log);
  }

  setMarker(marker) {
    if (marker?.epoch === this.marker?.epoch && marker?.label === this.marker?.label) return;
    this.marker = marker;
    this.draw(this.data, this.log);
  }

  draw(records, log = false) {
    this.data = records;
    this.log = log && !this.options.percent;
    if (!this.size.width) return;
    const { ctx, plot } = beginPlot(this.canvas, this.size, this.pad);
    const { series, percent } = this.options;

    // Ranges.
    const xMax = Math.max(1, records.at(-1)?.epoch ?? 1);
    let yMin = Infinity, yMax = -Infinity;
    for (const r of records) {
      for (const s of series) {
        const v = r[s.key];
        if (!plottable(v, this.log)) continue;
        yMin = Math.min(yMin, v);
        yMax = Math.max(yMax, v);
      }
    }
    if (percent) { yMin = 0; yMax = 1; }
    else if (!Number.isFinite(yMin)) { yMin = this.log ? 0.01 : 0; yMax = 1; }
    else if (this.log) [yMin, yMax] = decades(yMin, yMax);
    else { yMin = 0; yMax = niceCeil(yMax); }
    const xTicks = ticks(0, xMax, Math.max(2, Math.floor(plot.w / 70)));
    const yTicks = this.log ? logTicks(yMin, yMax) : ticks(yMin, yMax, Math.max(2, Math.floor(plot.h / 28)));
    const sx = epochAxis(plot, xTicks.max);
    const sy = valueAxis(plot, yMin, yTicks.max, this.log);   // a log axis ends at yMax = yTicks.max

    drawChartAxes(ctx, plot,
      { values: xTicks.values, at: sx, label: (v) => formatNumber(v, 3), title: 'epoch', titleGap: 17 },
      { values: yTicks.values, at: sy, label: percent ? (v) => `${Math.round(v * 100)}` : (v) => formatNumber(v, 2),
        title: this.options.yLabel + (this.log ? ' (log scale)' : ''), titleAt: 11 });

    if (records.length < 2) drawPlaceholder(ctx, plot, this.options.empty ?? 'No training yet: press Play or Step epoch.');

    // Series.
    ctx.save();
    ctx.beginPath(); ctx.rect(plot.x, plot.y - 2, plot.w + 2, plot.h + 4); ctx.clip();
    ctx.lineWidth = 1.75;
    for (const s of series) {
      ctx.strokeStyle = s.colour ?? SERIES[s.key.startsWith('test') ? 'test' : 'train'];
      ctx.setLineDash(s.dash ?? []);
      strokeSeries(ctx, plot, records, s.key, { sx, sy, top: yTicks.max, log: this.log });
    }
    ctx.restore();
    if (this.marker && records.length >= 2) this.drawMarker(ctx, plot, sx(this.marker.epoch));
  }

  drawMarker(ctx, plot, x) {
    ctx.save();
    ctx.strokeStyle = '#1b7f3b';
    ctx.lineWidth = 1.5;
    ctx.setLineDash([3, 3]);
    ctx.beginPath(); ctx.moveTo(x, plot.y); ctx.lineTo(x, plot.y + plot.h); ctx.stroke();
    ctx.fillStyle = '#1b7f3b';
    ctx.textBaseline = 'top';
    // The label sits on the side of the line with room for it.
    const width = ctx.measureText(this.marker.label).width;
    const right = x + 4 + width <= plot.x + plot.w;
    ctx.textAlign = right ? 'left' : 'right';
    ctx.fillText(this.marker.label, right ? x + 4 : x - 4, plot.y + 2);
    ctx.restore();
  }
}

function niceCeil(v) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((s) => s >= v * 1.02) ?? 10 * p;
}
