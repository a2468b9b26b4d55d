// A small dialog next to a clicked link or neuron: reads the current weight(s) and bias and
// lets the learner type new values. Non-modal; Escape or Close returns focus where it was.
import { el } from './form.js';
import { readNumber } from '../ground/validate.js';

const RULE = { name: 'Value', min: -1000, max: 1000 };

export class WeightEditor {
  /** handlers: { apply(changes: {kind: 'weight'|'bias', layer, from?, to?, neuron?, value}[]) } */
  constructor(handlers) {
    this.handlers = handlers;
    this.node = el('div', { class: 'popover', role: 'dialog', 'aria-modal': 'false', hidden: true });
    this.node.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { e.stopPropagation(); this.close(); }
    });
    document.body.append(this.node);
    document.addEventListener('pointerdown', (e) => {
      if (!this.node.hidden && !this.node.contains(e.target) && e.target !== this.anchor) this.close();
    });
  }

  /**
   * rows: [{ label, kind, layer, from?, to?, neuron?, value }]
   * anchor: the element clicked (focus returns to it; the dialog is placed beside it).
   */
  open(title, rows, anchor) {
    this.anchor = anchor;
    this.rows = rows;
    const titleId = 'weight-editor-title';
    const inputs = rows.map((row, i) => {
      const input = el('input', { type: 'text', inputmode: 'decimal', id: `weight-edit-${i}`, autocomplete: 'off',
        tip: `${row.label}. Type a new value (−1000 to 1000) and press Enter or Apply.` });
      input.value = Number.isFinite(row.value) ? String(Number(row.value.toPrecision(6))) : String(row.value);
      return input;
    });
    const error = el('p', { class: 'field-error', role: 'alert' });
    const form = el('form', { onsubmit: (e) => { e.preventDefault(); this.apply(inputs, error); } },
      el('div', { class: 'popover-rows' }, rows.map((row, i) => el('div', { class: 'field inline' },
        el('label', { for: `weight-edit-${i}`, tip: row.label }, row.label), inputs[i]))),
      error,
      el('div', { class: 'popover-actions' },
        el('button', { type: 'submit', class: 'primary', tip: 'Set the network to these values' }, 'Apply'),
        el('button', { type: 'button', tip: 'Close without changing anything (Escape)', onclick: () => this.close() }, 'Close')));
    this.node.setAttribute('aria-labelledby', titleId);
    this.node.replaceChildren(el('h3', { id: titleId }, title), form);
    this.node.hidden = false;
    this.place(anchor);
    inputs[0]?.focus();
    inputs[0]?.select();
  }

  place(anchor) {
    const r = anchor.getBoundingClientRect();
    const box = this.node.getBoundingClientRect();
    const x = Math.max(4, Math.min(window.innerWidth - box.width - 4, r.left + r.width / 2 - box.width / 2));
    const y = r.bottom + 8 + box.height < window.innerHeight ? r.bottom + 8 : Math.max(4, r.top - box.height - 8);
    this.node.style.left = `${x + window.scrollX}px`;
    this.node.style.top = `${y + window.scrollY}px`;
  }

  apply(inputs, error) {
    const changes = [];
    for (const [i, input] of inputs.entries()) {
      const result = readNumber(input.value, { ...RULE, name: this.rows[i].label });
      if (!result.ok) {
        error.textContent = result.message;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      input.removeAttribute('aria-invalid');
      if (result.value !== this.rows[i].value) changes.push({ ...this.rows[i], value: result.value });
    }
    this.handlers.apply(changes);
    this.close();
  }

  close() {
    if (this.node.hidden) return;
    this.node.hidden = true;
    if (this.anchor?.isConnected && this.anchor.focus) this.anchor.focus({ preventScroll: true });
  }
}
