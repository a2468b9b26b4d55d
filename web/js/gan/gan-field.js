// The data-space view: the discriminator's probability as the background heatmap, the real
// points, the generated samples and, for each sample, the arrow of the gradient that the
// next generator step follows. Also the warped noise grid (the generator's transform).
const REAL = '#1b7837';
const FAKE = '#762a83';

// D(x) → colour: 0 (fake) purple, 0.5 white, 1 (real) green.
export function probabilityColor(p) {
  const t = Math.abs(p - 0.5) * 2;
  const [r, g, b] = p >= 0.5 ? [90, 174, 97] : [153, 112, 171];
  return [Math.round(255 + (r - 255) * t), Math.round(255 + (g - 255) * t), Math.round(255 + (b - 255) * t)];
}

// Sizes the canvas to its CSS box × devicePixelRatio; returns the CSS size.
export function fitCanvas(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 300, h = canvas.clientHeight || w;
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { ctx, w, h };
}

export class FieldView {
  constructor(canvas) {
    this.canvas = canvas;
    this.heat = document.createElement('canvas');
    this.real = new Float32Array(0);
    this.show = { heatmap: true, real: true, samples: true, arrows: true };
  }

  setReal(points) { this.real = points; }

  draw(f) {
    const { ctx, w, h } = fitCanvas(this.canvas);
    const sx = (x) => ((x + 1) / 2) * w, sy = (y) => ((1 - y) / 2) * h;
    ctx.clearRect(0, 0, w, h);
    if (this.show.heatmap) {
      const r = f.resolution;
      if (this.heat.width !== r) { this.heat.width = r; this.heat.height = r; }
      const hctx = this.heat.getContext('2d');
      const img = hctx.createImageData(r, r);
      for (let i = 0; i < r * r; i++) {
        const [cr, cg, cb] = probabilityColor(f.probability[i]);
        img.data[4 * i] = cr; img.data[4 * i + 1] = cg; img.data[4 * i + 2] = cb; img.data[4 * i + 3] = 255;
      }
      hctx.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(this.heat, 0, 0, w, h);
    } else {
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, w, h);
    }
    if (this.show.real) {
      const n = this.real.length / 2;
      ctx.fillStyle = REAL;
      for (let i = 0; i < n; i += n > 600 ? 2 : 1) ctx.fillRect(sx(this.real[i]) - 1.5, sy(this.real[n + i]) - 1.5, 3, 3);
    }
    const m = f.samples.length / 2;
    if (this.show.arrows) {
      // One scale for every arrow: the longest becomes 12 % of the view.
      let longest = 1e-9;
      for (let i = 0; i < m; i++) longest = Math.max(longest, Math.hypot(f.arrows[i], f.arrows[m + i]));
      const scale = (0.12 * w) / longest;
      ctx.strokeStyle = 'rgba(40, 20, 50, 0.75)';
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (let i = 0; i < m; i++) {
        const x = sx(f.samples[i]), y = sy(f.samples[m + i]);
        ctx.moveTo(x, y);
        ctx.lineTo(x + f.arrows[i] * scale, y - f.arrows[m + i] * scale);
      }
      ctx.stroke();
    }
    if (this.show.samples) {
      ctx.fillStyle = FAKE;
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 0.8;
      for (let i = 0; i < m; i++) {
        ctx.beginPath();
        ctx.arc(sx(f.samples[i]), sy(f.samples[m + i]), 2.6, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
  }
}

// The generator's image of a grid in noise space: bent lines show how G stretches and folds it.
export function drawWarpedGrid(canvas, f, real) {
  const { ctx, w, h } = fitCanvas(canvas);
  const sx = (x) => ((x + 1) / 2) * w, sy = (y) => ((1 - y) / 2) * h;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  const n = real.length / 2;
  ctx.fillStyle = 'rgba(27, 120, 55, 0.35)';
  for (let i = 0; i < n; i += 2) ctx.fillRect(sx(real[i]) - 1, sy(real[n + i]) - 1, 2, 2);
  const count = f.warped.length / 2, L = f.gridLines;
  const px = (i) => sx(f.warped[i]), py = (i) => sy(f.warped[count + i]);
  ctx.strokeStyle = FAKE;
  ctx.lineWidth = 1;
  ctx.beginPath();
  if (f.noiseDims === 2) {
    for (let a = 0; a < L; a++) {
      for (let b = 0; b < L; b++) (b === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, px(a * L + b), py(a * L + b));
      for (let b = 0; b < L; b++) (b === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, px(b * L + a), py(b * L + a));
    }
  } else {
    for (let i = 0; i < count; i++) (i === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, px(i), py(i));
  }
  ctx.stroke();
}
