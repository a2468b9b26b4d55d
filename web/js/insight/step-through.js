// Step through one backprop step (issue 11, item 2): pick a training point (click it on the
// output surface, or type its number), then Next/Back walk through the forward pass layer by
// layer, the loss, the error δ flowing back layer by layer and the update. The stage's column
// of the diagram is highlighted and its numbers written beside the neurons and in a table.
import { FEATURES } from '../ground/catalog.js';
import { formatNumber } from '../ground/validate.js';
import { el } from '../views/form.js';
import { backpropStages } from './backprop-stages.js';

export class StepThrough {
  /** host: { diagram, trace(index|null), pause(), points(): training points {points, labels}, mark(x, y) / mark(null): ring the point on the surface } */
  constructor(container, host) {
    this.host = host;
    this.open = false;
    this.stage = 0;
    this.stages = [];
    this.trace = null;
    this.structure = null;
    this.index = 0;
    this.start = el('button', { class: 'step-through-open', onclick: () => this.setOpen(!this.open),
      'aria-expanded': 'false', tip: 'Follow one training point through one backprop step: forward layer by layer, the error flowing back, then the update. Pauses training.' }, 'Step through backprop');
    this.pointInput = el('input', { id: 'trace-point', type: 'number', min: '1', step: '1', value: '1', inputmode: 'numeric',
      tip: 'The training point to follow (its number; or click a training point on the output surface)',
      onchange: () => this.choose(Number(this.pointInput.value) - 1) });
    this.pointInput.addEventListener('keydown', (e) => { if (e.key === 'Enter') this.choose(Number(this.pointInput.value) - 1); });
    this.pointError = el('span', { class: 'field-error', role: 'alert' });
    this.pointInfo = el('span', { class: 'hint trace-point-info' });
    this.title = el('h3', { class: 'stage-title', 'aria-live': 'polite' });
    this.text = el('p', { class: 'stage-text' });
    this.table = el('table', { class: 'stage-table' });
    this.back = el('button', { onclick: () => this.go(-1), tip: 'The previous stage of the step' }, '‹ Back');
    this.next = el('button', { class: 'primary', onclick: () => this.go(1), tip: 'The next stage of the step' }, 'Next ›');
    this.counter = el('span', { class: 'stage-counter' });
    this.panel = el('div', { class: 'step-through', hidden: true, role: 'region', tabindex: '-1', 'aria-label': 'One backprop step, stage by stage' },
      el('div', { class: 'field inline' }, el('label', { for: 'trace-point', tip: 'The training point to follow (or click one on the output surface)' }, 'Training point'),
        this.pointInput, this.pointInfo, this.pointError),
      el('p', { class: 'hint' }, 'Click a training point on the output surface to follow it instead.'),
      this.title, this.text, el('div', { class: 'stage-table-frame' }, this.table),
      el('div', { class: 'stage-buttons' }, this.back, this.counter, this.next));
    this.panel.addEventListener('keydown', (e) => {
      if (e.target === this.pointInput) return;
      if (e.key === 'ArrowRight') { e.preventDefault(); this.go(1); }
      if (e.key === 'ArrowLeft') { e.preventDefault(); this.go(-1); }
    });
    this.labels = [];
    container.append(this.start, this.panel);
  }

  setOpen(open) {
    this.open = open;
    this.panel.hidden = !open;
    this.start.setAttribute('aria-expanded', String(open));
    this.start.textContent = open ? 'Close the step-through' : 'Step through backprop';
    if (open) {
      this.host.pause();
      this.stage = 0;
      this.host.trace(this.index);
    } else {
      this.host.trace(null);
      this.host.mark(null);
      this.clearHighlight();
      this.host.diagram.setLinkOverlay(null);
    }
  }

  setStructure(structure) {
    this.structure = structure;
    this.trace = null;   // the next frame's trace is for the new network
    this.pointInput.max = String(structure.trainSize);
    if (this.index >= structure.trainSize) this.index = 0;
  }

  /** A training point chosen by index (0-based); out of range gives a message, not a trace. */
  choose(index) {
    const size = this.structure?.trainSize ?? 0;
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      this.pointError.textContent = size ? `Choose a whole number from 1 to ${size}.` : 'There are no training points.';
      return;
    }
    this.pointError.textContent = '';
    this.index = index;
    this.stage = 0;
    this.host.trace(index);
  }

  /** A click on the surface at (x, y): follows the nearest training point. Returns true when used. */
  pick(x, y) {
    if (!this.open) return false;
    const data = this.host.points();
    if (!data || !data.labels.length) return true;
    let best = -1, bestDistance = Infinity;
    for (let i = 0; i < data.labels.length; i++) {
      const dx = data.points[2 * i] - x, dy = data.points[2 * i + 1] - y;
      const d = dx * dx + dy * dy;
      if (d < bestDistance) { bestDistance = d; best = i; }
    }
    this.pointInput.value = String(best + 1);
    this.choose(best);
    return true;
  }

  /** A frame's trace (present while the step-through is open or the backprop view is on). */
  accept(frame) {
    if (!this.open || !frame.trace || !this.structure) return;
    if (this.trace && frame.trace.index === this.trace.index && frame.step === this.traceStep) return;
    this.trace = frame.trace;
    this.traceStep = frame.step;
    this.stages = backpropStages(this.trace, this.structure, this.names());
    this.stage = Math.min(this.stage, this.stages.length - 1);
    const data = this.host.points();
    const i = this.trace.index;
    if (data && i < data.labels.length && this.structure.dimensions === 2) {
      this.host.mark(data.points[2 * i], data.points[2 * i + 1]);
      this.pointInfo.textContent = `at (${formatNumber(data.points[2 * i], 3)}, ${formatNumber(data.points[2 * i + 1], 3)}), ${this.structure.task === 'regression' ? 'value' : 'class'} ${formatNumber(data.labels[i], 3)}`;
    }
    this.show();
  }

  go(delta) {
    if (!this.stages.length) return;
    this.stage = Math.max(0, Math.min(this.stages.length - 1, this.stage + delta));
    this.show();
  }

  show() {
    const s = this.stages[this.stage];
    if (!s) return;
    this.title.textContent = `${this.stage + 1}. ${s.title}`;
    this.text.textContent = s.text;
    this.counter.textContent = `stage ${this.stage + 1} of ${this.stages.length}`;
    this.back.disabled = this.stage === 0;
    this.next.disabled = this.stage === this.stages.length - 1;
    // A button that just became disabled drops the focus: keep it in the panel so ← and → still work.
    if (this.back.disabled && document.activeElement === this.back) this.next.focus();
    if (this.next.disabled && document.activeElement === this.next) this.back.focus();
    this.table.replaceChildren(
      el('thead', {}, el('tr', {}, s.head.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, s.rows.map((r) => el('tr', {}, r.map((c, k) => (k === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c)))))));
    this.panel.dataset.stage = s.title;
    this.highlight(s);
  }

  /** The stage's column lit up, its values beside its neurons, the links showing what flows. */
  highlight(s) {
    const diagram = this.host.diagram;
    this.clearHighlight();
    // Without feature nodes (data that is not 2-D) the input column has nothing to label.
    const column = s.column === null || (s.column === 0 && !diagram.featureMaps) ? null : diagram.columns[s.column];
    if (column) {
      const nodes = s.column === 0 ? column.nodes.filter((n) => n.on) : column.nodes;
      nodes.forEach((n, k) => {
        n.node.classList.add('stage-lit');
        const label = el('span', { class: 'stage-value', 'aria-hidden': 'true' }, formatNumber(s.values[k], 3));
        label.style.left = `${n.x + diagram.size + 2}px`;
        label.style.top = `${n.y - 2}px`;
        diagram.layer.append(label);
        this.labels.push(label);
      });
    }
    if (!s.links) { diagram.setLinkOverlay(null); return; }
    const source = s.links.kind === 'update' ? this.trace.update : this.trace.gradients;
    const shown = diagram.links.filter((l) => s.links.layer === undefined || l.layer === s.links.layer);
    let largest = 0;
    for (const l of shown) largest = Math.max(largest, Math.abs(source[l.offset]) || 0);
    const values = new Float32Array(source.length);
    const scale = largest > 0 ? 2.5 / largest : 0;
    for (const l of shown) values[l.offset] = source[l.offset] * scale;
    const what = s.links.kind === 'update' ? 'change Δw' : 'gradient dL/dw';
    diagram.setLinkOverlay({ values, describe: (link, name) => `${name}: ${what} ${formatNumber(source[link.offset], 4)} for training point ${this.trace.index + 1} (weight ${formatNumber(diagram.parameters?.[link.offset], 4)}).` });
  }

  clearHighlight() {
    for (const label of this.labels) label.remove();
    this.labels = [];
    for (const column of this.host.diagram.columns) for (const n of column.nodes) n.node.classList.remove('stage-lit');
  }

  /** The diagram's wording for layers, neurons and inputs. */
  names() {
    const diagram = this.host.diagram;
    const layers = this.structure.neuronLayers;
    const last = layers.length - 1;
    const active = diagram.columns[0].nodes.filter((n) => n.on);
    const input = (i) => (diagram.featureMaps ? `input ${FEATURES[active[i]?.index]?.label ?? i + 1}` : `input ${i + 1}`);
    const layer = (l) => (l === last ? 'output layer' : `layer ${l + 1}`);
    const neuron = (l, j) => (l === last ? (layers[l].units > 1 ? `output ${j}` : 'the output') : `layer ${l + 1}, neuron ${j + 1}`);
    const source = (l, from) => (l === 0 ? input(from) : neuron(l - 1, from));
    return { input, layer, neuron, source };
  }
}
