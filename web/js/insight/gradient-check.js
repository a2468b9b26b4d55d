// "Check gradients": runs the engine's finite-difference checker (Session.checkGradients, on
// up to 16 training points) in the worker and says in plain words whether back-propagation
// and the numerical slope agree. The engine in the page computes in float32, where central
// differences are only good to about 1e-3 relative; the verdict allows for that.
import { formatNumber } from '../ground/validate.js';
import { el } from '../views/form.js';

// Maximum relative error below which the two agree / roughly agree (float32 finite differences).
const AGREE = 0.02;
const ROUGH = 0.2;

export class GradientCheck {
  /** host: { run() — asks the worker; a 'gradientCheck' message comes back to show() } */
  constructor(container, host) {
    this.host = host;
    this.button = el('button', { class: 'check-gradients', onclick: () => this.run(),
      tip: 'Compare the gradients back-propagation computes with numerical slopes (nudging each weight a little up and down) on up to 16 training points.' }, 'Check gradients');
    this.result = el('output', { class: 'gradient-check-result', 'aria-live': 'polite' });
    container.append(el('div', { class: 'gradient-check' }, this.button, this.result));
  }

  run() {
    this.button.disabled = true;
    this.result.textContent = 'Checking…';
    this.host.run();
  }

  show(result) {
    this.button.disabled = false;
    this.result.textContent = verdict(result);
    this.result.dataset.maxRelativeError = String(result.maxRelativeError);
  }

  failed(message) {
    this.button.disabled = false;
    this.result.textContent = `The check could not run: ${message}`;
  }
}

/** The plain-words verdict for a checker result ({maxRelativeError, checked, worst, precision}). */
export function verdict({ maxRelativeError: e, checked, worst, precision }) {
  const measured = `Largest relative difference ${formatNumber(e, 2)} over ${checked} gradients (${precision}).`;
  if (!Number.isFinite(e)) return `${measured} The check gave no number: the network's values are not finite. Reset the network.`;
  if (e < AGREE) return `✓ Gradients agree. ${measured} Back-propagation computes the right slopes; the small difference is rounding.`;
  if (e < ROUGH) return `≈ Gradients roughly agree. ${measured} Usually a unit near a kink (ReLU at 0) or float32 rounding; worst: ${worst}.`;
  return `✗ Gradients disagree. ${measured} Worst: ${worst}. Near a kink (a ReLU exactly at 0) this can happen; elsewhere it would mean a bug.`;
}
