// Both losses over generator steps, with axes and labels.
import { fitCanvas } from './gan-field.js';

const SERIES = [
  { index: 1, label: 'discriminator loss', color: '#1b7837' },
  { index: 2, label: 'generator loss', color: '#762a83' },
];

export function drawLossChart(canvas, history) {
  const { ctx, w, h } = fitCanvas(canvas);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  const left = 38, right = 8, top = 18, bottom = 26;
  const n = history.length / 4;
  let max = 2;
  for (let i = 0; i < n; i++) max = Math.max(max, Math.min(8, history[4 * i + 1]), Math.min(8, history[4 * i + 2]));
  max = Math.ceil(max);
  const steps = n > 0 ? history[4 * (n - 1)] : 1;
  const x = (s) => left + ((w - left - right) * s) / Math.max(1, steps);
  const y = (v) => top + (h - top - bottom) * (1 - Math.min(v, max) / max);
  ctx.strokeStyle = '#98a0ad';
  ctx.fillStyle = '#5a6272';
  ctx.font = '11px sans-serif';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, top); ctx.lineTo(left, h - bottom); ctx.lineTo(w - right, h - bottom);
  ctx.stroke();
  ctx.textAlign = 'right';
  for (let v = 0; v <= max; v += max > 4 ? 2 : 1) {
    ctx.fillText(String(v), left - 4, y(v) + 4);
    ctx.fillRect(left - 3, y(v), 3, 1);
  }
  ctx.textAlign = 'center';
  ctx.fillText('0', left, h - bottom + 13);
  ctx.fillText(String(Math.round(steps)), w - right - 12, h - bottom + 13);
  ctx.fillText('generator steps', (left + w) / 2, h - 4);
  ctx.save();
  ctx.translate(10, (top + h - bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText('loss', 0, 0);
  ctx.restore();
  // ln 4 ≈ 1.386 and ln 2 ≈ 0.693: D's and G's losses at the equilibrium D = ½.
  ctx.setLineDash([3, 3]);
  ctx.strokeStyle = '#c4c9d1';
  for (const v of [Math.log(4), Math.log(2)]) { ctx.beginPath(); ctx.moveTo(left, y(v)); ctx.lineTo(w - right, y(v)); ctx.stroke(); }
  ctx.setLineDash([]);
  const stride = Math.max(1, Math.floor(n / (w - left - right)));
  SERIES.forEach((s, k) => {
    ctx.strokeStyle = s.color;
    ctx.beginPath();
    for (let i = 0; i < n; i += stride) {
      const px = x(history[4 * i]), py = y(history[4 * i + s.index]);
      if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
    }
    ctx.stroke();
    ctx.fillStyle = s.color;
    ctx.textAlign = 'left';
    ctx.fillText(`— ${s.label}`, left + 6 + k * 130, top - 5);
  });
}
