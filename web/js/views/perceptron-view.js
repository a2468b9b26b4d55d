// The perceptron stage: the plane (perceptron-plane.js), the controls (Step, Run epoch, Play,
// Run 100 epochs, Reset, gate, η, speed), what the last step did — the sample, the output,
// the learning rule with the numbers — the weights, the truth table, the mistakes per epoch
// and the verdict ("converged at epoch 6" or why it never will).
import { el, field, numberInput, select, syncValue } from './form.js';
import { PerceptronPlane, SAMPLES } from './perceptron-plane.js';
import { SERIES } from '../ground/palette.js';
import { AXIS_FONT, drawAxisLines, drawTurnedTitle } from './chart-axes.js';

export const GATES = [
  { id: 'and', label: 'AND', tip: 'Output 1 only for (1, 1): linearly separable.', targets: [0, 0, 0, 1] },
  { id: 'or', label: 'OR', tip: 'Output 1 unless both inputs are 0: linearly separable.', targets: [0, 1, 1, 1] },
  { id: 'xor', label: 'XOR', tip: 'Output 1 when exactly one input is 1: NOT linearly separable.', targets: [0, 1, 1, 0] },
];
export const STEP_RATES = [1, 2, 4, 8, 20];
export const ETA_RULE = { name: 'Learning rate η', min: 0, max: 100, minExclusive: true };

/** Numbers as the formulas show them: up to 4 decimals, a true minus, negatives in brackets. */
export const num = (v) => { const t = String(Number(v.toFixed(4))).replace('-', '−'); return t; };
const term = (v) => (v < 0 ? `(${num(v)})` : num(v));

export class PerceptronView {
  /** actions: { step(), runEpoch(), togglePlay(), runMany(), reset(), gate(id), eta(v), rate(v) } */
  constructor(root, actions) {
    this.root = root;
    const canvas = el('canvas', { class: 'perceptron-canvas', role: 'img', 'aria-label': 'The perceptron\'s plane' });
    this.plane = new PerceptronPlane(canvas);
    this.canvas = canvas;
    this.title = el('h2', { id: 'perceptron-title' }, 'Perceptron');
    this.stepButton = el('button', { class: 'primary', id: 'perceptron-step', tip: 'Present the next sample and apply the learning rule (→)', onclick: () => actions.step() },
      el('span', { class: 'icon', 'aria-hidden': 'true' }, '›'), el('span', { class: 'label' }, 'Step'));
    this.playButton = el('button', { class: 'play', id: 'perceptron-play', tip: 'Step automatically (Space)', onclick: () => actions.togglePlay() },
      el('span', { class: 'icon', 'aria-hidden': 'true' }), el('span', { class: 'label' }, 'Play'));
    this.epochButton = el('button', { id: 'perceptron-epoch', tip: 'Present the rest of this epoch\'s samples (Shift+→)', onclick: () => actions.runEpoch() },
      el('span', { class: 'icon', 'aria-hidden': 'true' }, '»'), el('span', { class: 'label' }, 'Run epoch'));
    this.manyButton = el('button', { id: 'perceptron-many', tip: 'Train up to 100 more epochs at once, stopping at the first epoch without a mistake', onclick: () => actions.runMany() }, 'Run 100 epochs');
    this.resetButton = el('button', { id: 'perceptron-reset', tip: 'Back to zero weights and epoch 0 (R)', onclick: () => actions.reset() },
      el('span', { class: 'icon', 'aria-hidden': 'true' }, '↺'), el('span', { class: 'label' }, 'Reset'));
    this.gate = select(GATES, 'and', (v) => actions.gate(v));
    this.eta = numberInput({ rule: ETA_RULE, value: 1, onCommit: (v) => actions.eta(v) });
    this.rate = select(STEP_RATES.map((r) => ({ id: String(r), label: `${r} per second`, tip: `Play presents ${r} sample${r > 1 ? 's' : ''} per second` })), '2', (v) => actions.rate(Number(v)));

    this.status = el('p', { class: 'perceptron-status', id: 'perceptron-status', 'aria-live': 'polite' });
    this.stepText = el('div', { class: 'perceptron-step', id: 'perceptron-step-text' });
    this.weights = el('table', { class: 'perceptron-weights' });
    this.truth = el('table', { class: 'perceptron-truth', id: 'perceptron-truth' });
    this.mistakes = el('canvas', { class: 'perceptron-mistakes', role: 'img', 'aria-label': 'Mistakes per epoch' });
    new ResizeObserver(() => this.drawMistakes(this.lastMistakes ?? [])).observe(this.mistakes);

    root.append(
      el('div', { class: 'panel perceptron-plane-panel' },
        this.title,
        canvas,
        el('p', { class: 'hint' }, 'Blue region: output 1; orange: output 0. Solid line: w₁·x₁ + w₂·x₂ + b = 0, the arrow points to the side of output 1; dashed: the line before the last change. Each point shows its target; ringed: the sample just presented; ✗: classified wrongly now.')),
      el('div', { class: 'panel perceptron-side' },
        el('div', { class: 'perceptron-controls', role: 'toolbar', 'aria-label': 'Perceptron training' },
          this.stepButton, this.epochButton, this.playButton, this.manyButton, this.resetButton),
        el('div', { class: 'perceptron-settings' },
          field({ id: 'perceptron-gate', label: 'Gate', tip: 'The logic gate whose truth table is learned (choosing one resets the perceptron).', control: this.gate }),
          field({ id: 'perceptron-eta', label: 'Learning rate η', tip: 'How far each correction moves the weights (above 0; changing it resets the perceptron).', control: this.eta }),
          field({ id: 'perceptron-rate', label: 'Play speed', tip: 'Samples presented per second while playing.', control: this.rate })),
        this.status,
        el('h3', {}, 'The last step'),
        this.stepText,
        el('div', { class: 'perceptron-tables' },
          el('div', {}, el('h3', {}, 'Weights now'), this.weights),
          el('div', {}, el('h3', {}, 'Truth table'), this.truth)),
        el('h3', {}, 'Mistakes per epoch'),
        this.mistakes,
        el('p', { class: 'hint' }, 'Keys: ', el('kbd', {}, '→'), ' step · ', el('kbd', {}, 'Shift'), '+', el('kbd', {}, '→'), ' rest of the epoch · ',
          el('kbd', {}, 'Space'), ' play/pause · ', el('kbd', {}, 'R'), ' reset.')),
    );
  }

  setSettings({ gate, learningRate, rate }) {
    syncValue(this.gate, gate);
    syncValue(this.eta, learningRate);
    syncValue(this.rate, String(rate));
    this.title.textContent = `Perceptron on ${GATES.find((g) => g.id === gate).label}`;
  }

  setPlaying(playing) {
    this.playButton.querySelector('.label').textContent = playing ? 'Pause' : 'Play';
    this.playButton.classList.toggle('running', playing);
    this.playButton.dataset.tip = playing ? 'Stop stepping (Space)' : 'Step automatically (Space)';
  }

  /**
   * s: { gate, learningRate, weights, bias, epoch, cursor, convergedEpoch, mistakesPerEpoch,
   *      last: {step, before: {weights, bias}} | null, grid, resolution, outputs, cycle: {epoch, repeats} | null }
   */
  render(s) {
    const targets = GATES.find((g) => g.id === s.gate).targets;
    this.plane.draw({ grid: s.grid, resolution: s.resolution, weights: s.weights, bias: s.bias, targets, outputs: s.outputs,
      previous: s.last?.step.changed ? s.last.before : null, presented: s.last ? s.last.step.sample : null });
    const [w1, w2] = s.weights;
    this.canvas.setAttribute('aria-label', w1 === 0 && w2 === 0
      ? `No line yet: w₁ = w₂ = 0, so the output is ${s.bias > 0 ? 1 : 0} everywhere.`
      : `The separating line ${num(w1)}·x₁ + ${term(w2)}·x₂ + ${term(s.bias)} = 0; ${s.outputs.filter((y, i) => y === targets[i]).length} of 4 samples classified correctly.`);
    this.renderStatus(s, targets);
    this.renderStep(s);
    this.weights.replaceChildren(
      el('tr', {}, el('th', { scope: 'col' }, 'w₁'), el('th', { scope: 'col' }, 'w₂'), el('th', { scope: 'col' }, 'b')),
      el('tr', { 'data-weights': `${w1},${w2},${s.bias}` }, el('td', {}, num(w1)), el('td', {}, num(w2)), el('td', {}, num(s.bias))));
    this.truth.replaceChildren(
      el('tr', {}, ...['x₁', 'x₂', 'target t', 'output y', ''].map((h) => el('th', { scope: 'col' }, h))),
      ...SAMPLES.map(([x1, x2], i) => {
        const ok = s.outputs[i] === targets[i];
        return el('tr', { class: ok ? 'ok' : 'wrong', 'data-ok': String(ok) }, el('td', {}, String(x1)), el('td', {}, String(x2)),
          el('td', {}, String(targets[i])), el('td', {}, String(s.outputs[i])), el('td', { 'aria-label': ok ? 'correct' : 'wrong' }, ok ? '✓' : '✗'));
      }));
    this.lastMistakes = s.mistakesPerEpoch;
    this.drawMistakes(s.mistakesPerEpoch);
    this.mistakes.setAttribute('aria-label', s.mistakesPerEpoch.length
      ? `Mistakes per epoch: ${s.mistakesPerEpoch.slice(-20).join(', ')}${s.mistakesPerEpoch.length > 20 ? ' (the last 20 epochs)' : ''}.`
      : 'Mistakes per epoch: no epoch completed yet.');
  }

  renderStatus(s, targets) {
    const st = this.status;
    st.dataset.convergedEpoch = String(s.convergedEpoch);
    st.dataset.epoch = String(s.epoch);
    st.dataset.cycle = s.cycle ? String(s.cycle.epoch) : '';
    let text;
    if (s.convergedEpoch) {
      text = `Converged at epoch ${s.convergedEpoch}: it passed over all four samples without a mistake. Every sample is on its correct side of the line.`;
      st.className = 'perceptron-status converged';
    } else if (s.cycle) {
      const solvable = s.gate !== 'xor';
      text = `Not converged after ${s.epoch} epochs. The weights at the end of epoch ${s.epoch} are the same as at the end of epoch ${s.cycle.epoch}: the rule is going round in a cycle and will never stop. `
        + (solvable ? '' : 'XOR is not linearly separable: no line puts (0, 1) and (1, 0) on one side and (0, 0) and (1, 1) on the other, so every line misclassifies at least one sample.');
      st.className = 'perceptron-status cycle';
    } else if (s.epoch === 0 && s.cursor === 0) {
      text = `Weights and bias start at 0. Press Step to present sample (0, 0). Samples come in table order, one epoch = all four.`;
      st.className = 'perceptron-status';
    } else {
      const wrong = s.outputs.filter((y, i) => y !== targets[i]).length;
      text = `Epoch ${s.epoch + (s.cursor > 0 ? 1 : 0)}, ${s.cursor === 0 ? 'at the start of the next epoch' : `sample ${s.cursor} of 4 done`}. With the current line ${wrong} of 4 sample${wrong === 1 ? ' is' : 's are'} on the wrong side.`;
      st.className = 'perceptron-status';
    }
    if (st.textContent !== text) st.textContent = text;
  }

  renderStep(s) {
    const box = this.stepText;
    if (!s.last) {
      box.replaceChildren(el('p', { class: 'hint' }, 'Nothing presented yet. The rule: y = 1 if w₁·x₁ + w₂·x₂ + b > 0, else 0; then w ← w + η·(t − y)·x and b ← b + η·(t − y).'));
      box.dataset.changed = '';
      return;
    }
    const { step, before } = s.last;
    const [x1, x2] = SAMPLES[step.sample];
    const [a1, a2] = before.weights, b0 = before.bias;
    const z = a1 * x1 + a2 * x2 + b0;
    const eta = s.learningRate, t = step.target, y = step.output, d = t - y;
    const lines = [
      el('p', {}, `Epoch ${step.epoch}: sample (${x1}, ${x2}) with target t = ${t}.`),
      el('p', { class: 'formula' }, `w₁·x₁ + w₂·x₂ + b = ${term(a1)}·${x1} + ${term(a2)}·${x2} + ${term(b0)} = ${num(z)}`,
        ` ${z > 0 ? '> 0' : '≤ 0'}, so y = ${y}.`),
    ];
    if (!step.changed) {
      lines.push(el('p', { class: 'verdict ok' }, `y = t: correct, so nothing changes (t − y = 0).`));
    } else {
      lines.push(el('p', { class: 'verdict wrong' }, `y ≠ t: a mistake, so the weights move by η·(t − y) = ${num(eta)}·(${t} − ${y}) = ${num(eta * d)} times the input:`));
      const rows = [
        ['w₁', a1, `${term(a1)} + ${num(eta)}·(${t} − ${y})·${x1}`, s.weights[0]],
        ['w₂', a2, `${term(a2)} + ${num(eta)}·(${t} − ${y})·${x2}`, s.weights[1]],
        ['b', b0, `${term(b0)} + ${num(eta)}·(${t} − ${y})`, s.bias],
      ];
      lines.push(el('div', { class: 'formula update' }, rows.map(([name, , expr, after]) =>
        el('div', {}, `${name} ← ${expr} = `, el('strong', {}, num(after))))));
    }
    box.dataset.changed = String(step.changed);
    box.replaceChildren(...lines);
  }

  drawMistakes(list) {
    const c = this.mistakes;
    const w = Math.round(c.clientWidth), h = Math.round(c.clientHeight);
    if (!w || !h) return;
    const r = Math.min(2, window.devicePixelRatio || 1);
    if (c.width !== Math.round(w * r)) { c.width = Math.round(w * r); c.height = Math.round(h * r); }
    const ctx = c.getContext('2d');
    ctx.setTransform(r, 0, 0, r, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const P = { left: 34, right: 8, top: 8, bottom: 30 };
    const pw = w - P.left - P.right, ph = h - P.top - P.bottom;
    const shown = Math.max(10, list.length);
    const sy = (v) => P.top + ph - (v / 4) * ph;
    ctx.font = AXIS_FONT;
    ctx.fillStyle = '#444';
    ctx.strokeStyle = '#e3e6ea';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let v = 0; v <= 4; v++) {
      ctx.beginPath(); ctx.moveTo(P.left, Math.round(sy(v)) + 0.5); ctx.lineTo(P.left + pw, Math.round(sy(v)) + 0.5); ctx.stroke();
      ctx.fillText(String(v), P.left - 5, sy(v));
    }
    const bar = pw / shown;
    ctx.fillStyle = SERIES.train;
    list.forEach((m, i) => { if (m > 0) ctx.fillRect(P.left + i * bar + bar * 0.15, sy(m), Math.max(1, bar * 0.7), P.top + ph - sy(m)); });
    ctx.fillStyle = '#444';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const every = Math.max(1, Math.ceil(shown / Math.max(1, Math.floor(pw / 28))));
    for (let i = 0; i < shown; i += every) ctx.fillText(String(i + 1), P.left + (i + 0.5) * bar, P.top + ph + 3);
    ctx.fillText('epoch', P.left + pw / 2, P.top + ph + 16);
    drawTurnedTitle(ctx, 'mistakes', 10, P.top + ph / 2);
    drawAxisLines(ctx, { x: P.left, y: P.top, w: pw, h: ph });
  }
}
