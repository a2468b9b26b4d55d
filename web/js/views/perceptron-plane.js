// The perceptron's plane: where it outputs 1 (blue) and 0 (orange), the separating line
// w₁·x₁ + w₂·x₂ + b = 0 with an arrow along (w₁, w₂) towards the "1" side, the previous line
// (dashed) after a change, and the four samples with their targets written inside — the
// sample just presented ringed. Axes in input units, labelled.
import { CLASS_COLORS, DIVERGING_DISCRETE } from '../ground/palette.js';
import { OffscreenImage, paintScalar } from './heatmap.js';
import { drawPlaneFrame, drawTurnedTitle, TITLE_FONT } from './chart-axes.js';

export const PLANE = { xMin: -0.5, xMax: 1.5, yMin: -0.5, yMax: 1.5 };
export const SAMPLES = [[0, 0], [0, 1], [1, 0], [1, 1]];
const M = { left: 46, right: 10, top: 10, bottom: 36 };

export class PerceptronPlane {
  constructor(canvas) {
    this.canvas = canvas;
    this.offscreen = new OffscreenImage();
    this.input = null;
    this.framesDrawn = 0;
    new ResizeObserver(() => this.resize()).observe(canvas);
  }

  resize() {
    const css = Math.round(this.canvas.clientWidth);
    if (!css) return;
    this.ratio = Math.min(2, window.devicePixelRatio || 1);
    this.css = css;
    this.canvas.style.height = `${css}px`;
    this.canvas.width = Math.round(css * this.ratio);
    this.canvas.height = Math.round(css * this.ratio);
    if (this.input) this.draw(this.input);
  }

  /**
   * input: { grid: Float32Array(res²) of 0/1, resolution, weights: [w1, w2], bias,
   *          previous: {weights, bias} | null, targets: number[4], outputs: number[4], presented: index | null }
   */
  draw(input) {
    this.input = input;
    if (!this.css) return;
    const r = this.ratio, size = this.css;
    const plot = size - M.left - M.right;
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(r, 0, 0, r, 0, 0);
    ctx.clearRect(0, 0, size, size);
    const sx = (x) => M.left + ((x - PLANE.xMin) / (PLANE.xMax - PLANE.xMin)) * plot;
    const sy = (y) => M.top + ((PLANE.yMax - y) / (PLANE.yMax - PLANE.yMin)) * plot;

    // Output regions.
    const px = Math.min(300, Math.round(plot * r));
    paintScalar(this.offscreen.pixels(px), px, input.grid, 0, input.resolution, 0, 1, DIVERGING_DISCRETE);
    this.offscreen.put();
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.offscreen.canvas, M.left, M.top, plot, plot);

    // Axes.
    drawPlaneFrame(ctx, M.left, M.top, plot);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of [-0.5, 0, 0.5, 1, 1.5]) ctx.fillText(String(v).replace('-', '−'), sx(v), M.top + plot + 4);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of [-0.5, 0, 0.5, 1, 1.5]) ctx.fillText(String(v).replace('-', '−'), M.left - 5, sy(v));
    ctx.font = TITLE_FONT;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText('x₁', M.left + plot / 2, M.top + plot + 18);
    drawTurnedTitle(ctx, 'x₂', 10, M.top + plot / 2);

    ctx.save();
    ctx.beginPath(); ctx.rect(M.left, M.top, plot, plot); ctx.clip();
    if (input.previous) this.line(ctx, input.previous.weights, input.previous.bias, sx, sy, { colour: '#666', dash: [6, 4], width: 1.5, arrow: false });
    this.line(ctx, input.weights, input.bias, sx, sy, { colour: '#1d2330', dash: [], width: 2.5, arrow: true });
    ctx.restore();

    // Samples: class colour, the target written inside, the presented one ringed.
    SAMPLES.forEach(([x, y], i) => {
      const cx = sx(x), cy = sy(y);
      const wrong = input.outputs[i] !== input.targets[i];
      if (i === input.presented) {
        ctx.beginPath();
        ctx.arc(cx, cy, 17, 0, 2 * Math.PI);
        ctx.lineWidth = 3;
        ctx.strokeStyle = '#1d2330';
        ctx.stroke();
      }
      ctx.beginPath();
      ctx.arc(cx, cy, 11, 0, 2 * Math.PI);
      ctx.fillStyle = CLASS_COLORS[input.targets[i]];
      ctx.fill();
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#fff';
      ctx.stroke();
      ctx.fillStyle = input.targets[i] === 1 ? '#fff' : '#1d2330';
      ctx.font = 'bold 12px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(String(input.targets[i]), cx, cy + 0.5);
      if (wrong) {
        // A misclassified sample: a small ✗ badge at its upper right.
        ctx.fillStyle = '#b3261e';
        ctx.font = 'bold 13px system-ui, sans-serif';
        ctx.fillText('✗', cx + 15, cy - 13);
      }
    });
    this.framesDrawn++;
  }

  /** The line w·x + b = 0 clipped to the plane (nothing when w = 0: the output is constant). */
  line(ctx, [w1, w2], b, sx, sy, { colour, dash, width, arrow }) {
    if (w1 === 0 && w2 === 0) return;
    const pts = [];
    const { xMin, xMax, yMin, yMax } = PLANE;
    if (w2 !== 0) for (const x of [xMin, xMax]) { const y = -(w1 * x + b) / w2; if (y >= yMin - 1e-9 && y <= yMax + 1e-9) pts.push([x, y]); }
    if (w1 !== 0) for (const y of [yMin, yMax]) { const x = -(w2 * y + b) / w1; if (x >= xMin - 1e-9 && x <= xMax + 1e-9) pts.push([x, y]); }
    if (pts.length < 2) return;
    const [a, c] = [pts[0], pts.find((p) => Math.hypot(p[0] - pts[0][0], p[1] - pts[0][1]) > 1e-9) ?? pts[1]];
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.beginPath(); ctx.moveTo(sx(a[0]), sy(a[1])); ctx.lineTo(sx(c[0]), sy(c[1])); ctx.stroke();
    ctx.setLineDash([]);
    if (!arrow) return;
    // From the middle of the visible segment, along the normal (w₁, w₂): the side where y = 1.
    const mx = (a[0] + c[0]) / 2, my = (a[1] + c[1]) / 2;
    const n = Math.hypot(w1, w2);
    const ex = mx + (w1 / n) * 0.22, ey = my + (w2 / n) * 0.22;
    const [x0, y0, x1, y1] = [sx(mx), sy(my), sx(ex), sy(ey)];
    const angle = Math.atan2(y1 - y0, x1 - x0);
    ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1, y1); ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - 9 * Math.cos(angle - 0.45), y1 - 9 * Math.sin(angle - 0.45));
    ctx.lineTo(x1 - 9 * Math.cos(angle + 0.45), y1 - 9 * Math.sin(angle + 0.45));
    ctx.closePath();
    ctx.fillStyle = colour;
    ctx.fill();
  }
}
