// The layer table under the diagram: one row per hidden layer (neurons −/+, activation,
// dropout, batch norm, remove), "Add layer", and the output layer + loss choice.
import { ACTIVATIONS, LIMITS, OUTPUT_HEADS } from '../ground/catalog.js';
import { RULES } from '../ground/rules.js';
import { taskOf } from '../ground/state.js';
import { el, field, numberInput, select, syncValue } from './form.js';

export class NetworkPanel {
  /** actions: { update(mutator) } */
  constructor(root, store, actions) {
    this.update = actions.update;
    this.body = el('tbody');
    this.addButton = el('button', { id: 'add-layer', tip: `Add a hidden layer (at most ${LIMITS.maxLayers})`, onclick: () => this.update((d) => {
      if (d.network.hidden.length >= LIMITS.maxLayers) return;
      const last = d.network.hidden.at(-1);
      d.network.hidden.push({ units: last?.units ?? 4, activation: last?.activation ?? 'tanh', dropout: 0, batchNorm: false });
    }) }, '+ Add layer');
    this.head = el('select', { onchange: () => this.update((d) => { d.network.head = this.head.value; }) });
    this.summary = el('p', { class: 'hint', 'aria-live': 'polite' });
    root.append(
      el('div', { class: 'table-wrap' },
        el('table', { class: 'layers' },
          el('caption', {}, 'Hidden layers'),
          el('thead', {}, el('tr', {},
            el('th', { scope: 'col' }, el('span', { 'aria-hidden': 'true' }, '#'), el('span', { class: 'visually-hidden' }, 'Layer')),
            el('th', { scope: 'col', tip: 'Neurons in the layer (1 to 16)' }, 'Neurons'),
            el('th', { scope: 'col', tip: 'The non-linearity applied by every neuron of the layer' }, 'Activation'),
            el('th', { scope: 'col', tip: 'Fraction of the layer\'s outputs randomly zeroed while training (0 to 0.9)' }, 'Dropout'),
            el('th', { scope: 'col', tip: 'Batch normalisation after the layer\'s weights' },
              el('span', { class: 'wide-only' }, 'Batch norm'), el('span', { class: 'narrow-only', 'aria-hidden': 'true' }, 'BN')),
            el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Remove')))),
          this.body)),
      el('div', { class: 'network-footer' },
        this.addButton,
        field({ id: 'output-head', label: 'Output layer and loss', tip: 'The output activation and the loss it is trained with; Auto follows the problem type.', control: this.head })),
      this.summary,
    );
    store.subscribe((state, changed) => { if (changed.has('network') || changed.has('data')) this.sync(state); });
    this.sync(store.state);
  }

  sync(s) {
    const hidden = s.network.hidden;
    // Rebuild rows only when the count changes; otherwise update values in place (keeps focus).
    if (this.body.rows.length !== hidden.length) this.body.replaceChildren(...hidden.map((_, i) => this.row(i)));
    hidden.forEach((layer, i) => {
      const r = this.body.rows[i].controls;
      r.count.textContent = String(layer.units);
      r.minus.disabled = layer.units <= RULES.units.min;
      r.plus.disabled = layer.units >= RULES.units.max;
      syncValue(r.activation, layer.activation);
      syncValue(r.dropout, layer.dropout);
      r.batchNorm.checked = layer.batchNorm;
    });
    this.addButton.disabled = hidden.length >= LIMITS.maxLayers;
    const task = taskOf(s);
    const heads = OUTPUT_HEADS[task];
    if (this.headTask !== task) {
      this.headTask = task;
      this.head.replaceChildren(...heads.map((h) => el('option', { value: h.id, title: h.tip }, h.label)));
    }
    // A head that does not fit the problem is shown as Auto (the engine gets 'auto' too: see main.js).
    syncValue(this.head, heads.some((h) => h.id === s.network.head) ? s.network.head : 'auto');
    const units = hidden.map((h) => h.units).join('–');
    this.summary.textContent = hidden.length
      ? `${hidden.length} hidden layer${hidden.length > 1 ? 's' : ''} (${units} neurons).`
      : 'No hidden layer: the network is a linear model followed by the output activation.';
  }

  row(i) {
    const update = (fn) => this.update((d) => { if (d.network.hidden[i]) fn(d.network.hidden[i], d); });
    const name = `layer ${i + 1}`;
    const count = el('span', { class: 'count', 'aria-live': 'polite', id: `units-${i}` });
    const minus = el('button', { class: 'small', 'aria-label': `Remove a neuron from ${name}`, tip: `One neuron fewer in ${name} (at least 1)`,
      onclick: () => update((h) => { h.units = Math.max(RULES.units.min, h.units - 1); }) }, '−');
    const plus = el('button', { class: 'small', 'aria-label': `Add a neuron to ${name}`, tip: `One neuron more in ${name} (at most ${RULES.units.max})`,
      onclick: () => update((h) => { h.units = Math.min(RULES.units.max, h.units + 1); }) }, '+');
    const activation = select(ACTIVATIONS, 'tanh', (v) => update((h) => { h.activation = v; }));
    activation.setAttribute('aria-label', `Activation of ${name}`);
    activation.id = `activation-${i}`;
    activation.dataset.tip = `The activation function of ${name}`;
    const dropout = numberInput({ rule: RULES.dropout, value: 0, onCommit: (v) => update((h) => { h.dropout = v; }) });
    dropout.id = `dropout-${i}`;
    dropout.setAttribute('aria-label', `Dropout rate of ${name}`);
    dropout.dataset.tip = `Dropout rate of ${name}, 0 to 0.9 (0 = off)`;
    dropout.classList.add('narrow');
    const batchNorm = el('input', { type: 'checkbox', id: `batchnorm-${i}`, 'aria-label': `Batch normalisation in ${name}`,
      tip: `Normalise ${name}'s pre-activations over each batch`, onchange: () => update((h) => { h.batchNorm = batchNorm.checked; }) });
    const remove = el('button', { class: 'small', 'aria-label': `Remove ${name}`, tip: `Remove ${name}`,
      onclick: () => {
        this.update((d) => { d.network.hidden.splice(i, 1); });
        this.addButton.focus();   // the row (and this button) is gone
      } }, '×');
    const tr = el('tr', {},
      el('th', { scope: 'row' }, String(i + 1)),
      el('td', {}, el('span', { class: 'stepper' }, minus, count, plus)),
      el('td', {}, activation),
      el('td', {}, dropout, el('span', { class: 'field-error', id: `dropout-${i}-error`, role: 'alert' })),
      el('td', {}, batchNorm),
      el('td', {}, remove));
    tr.controls = { count, minus, plus, activation, dropout, batchNorm };
    return tr;
  }
}
