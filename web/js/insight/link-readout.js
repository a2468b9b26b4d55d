// What the backprop view says about one link: its weight, its gradient dL/dw, the optimizer's
// state for it (velocity; Adam's moments and effective step size; RMSProp's and AdaGrad's
// running squares) and the update the next step would apply. Pure text from the numbers.
import { formatNumber } from '../ground/validate.js';

/**
 * frame: { parameters, backprop: { gradients, update, step, slots } }; optimizer: the page's
 * optimizer settings ({ kind, learningRate, beta1, beta2, epsilon }); offset: the parameter.
 */
export function describeLinkState(name, offset, frame, optimizer) {
  const b = frame.backprop;
  const w = frame.parameters?.[offset];
  const parts = [`${name}: weight ${formatNumber(w, 4)}`];
  if (!b) return `${parts[0]}. Gradients arrive with the next frame.`;
  parts.push(`gradient dL/dw ${formatNumber(b.gradients[offset], 3)}`);
  const s = b.slots;
  if (s.velocity) parts.push(`velocity ${formatNumber(s.velocity[offset], 3)}`);
  if (s.first_moment) {
    const m = s.first_moment[offset], v = s.second_moment[offset];
    parts.push(`Adam m ${formatNumber(m, 3)}, v ${formatNumber(v, 3)}`);
    const step = b.step > 0 ? effectiveAdamStep(v, b.step, optimizer) : NaN;
    if (Number.isFinite(step)) parts.push(`effective step size ${formatNumber(step, 3)}`);
  }
  if (s.mean_square) parts.push(`mean square ${formatNumber(s.mean_square[offset], 3)}`);
  if (s.accumulator) parts.push(`sum of squares ${formatNumber(s.accumulator[offset], 3)}`);
  parts.push(`next update ${formatNumber(b.update[offset], 3)} (if the gradient stayed as now)`);
  return `${parts.join('; ')}.`;
}

/**
 * Adam's per-weight learning rate at step t: η / (sqrt(v̂) + ε), v̂ = v / (1 − β2^t): how far
 * one unit of (bias-corrected) first moment moves this weight.
 */
export function effectiveAdamStep(v, t, { learningRate, beta2 = 0.999, epsilon = 1e-8 }) {
  const vHat = v / (1 - beta2 ** Math.max(1, t));
  return learningRate / (Math.sqrt(vHat) + epsilon);
}
