// Building labelled controls: every control gets a visible label, a tooltip (data-tip, shown
// by tooltip.js on hover and keyboard focus) and, for typed numbers, an inline error that
// names the problem while the last valid value stays in force.
import { readNumber } from '../ground/validate.js';

/** Tiny element builder: el('div', {class: 'x', onclick: f}, child, 'text'). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'tip') { node.dataset.tip = value; }
    // Through the CSSOM: a style attribute would be refused by the pages' Content-Security-Policy.
    else if (key === 'style') node.style.cssText = value;
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** A label above its control, with a slot for an error message. */
export function field({ id, label, tip, control, unit }) {
  control.id = id;
  if (tip) control.dataset.tip = tip;
  const error = el('span', { class: 'field-error', id: `${id}-error`, role: 'alert' });
  const row = unit ? el('span', { class: 'with-unit' }, control, el('span', { class: 'unit', 'aria-hidden': 'true' }, unit)) : control;
  return el('div', { class: 'field' }, el('label', { for: id, tip }, label), row, error);
}

export function select(options, value, onChange) {
  const node = el('select', { onchange: () => onChange(node.value) },
    options.map((o) => el('option', { value: o.id, title: o.tip }, o.label)));
  node.value = value;
  return node;
}

/**
 * A text field for a number (type=text + inputmode: any text can be typed and is then
 * explained, rather than silently dropped as type=number does).
 */
export function numberInput({ rule, value, onCommit, integer = rule.integer }) {
  const input = el('input', { type: 'text', inputmode: integer ? 'numeric' : 'decimal', autocomplete: 'off', spellcheck: 'false' });
  input.value = String(value);
  const commit = () => {
    const result = readNumber(input.value, rule);
    setFieldError(input, result.ok ? '' : `${result.message} The previous value is still used.`);
    if (result.ok) onCommit(result.value);
  };
  input.addEventListener('change', commit);
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') commit(); });
  return input;
}

export function setFieldError(input, message) {
  const error = document.getElementById(`${input.id}-error`);
  if (error) error.textContent = message;
  if (message) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${input.id}-error`);
  } else {
    input.removeAttribute('aria-invalid');
  }
}

/** Updates a control's value unless the learner is editing it right now. */
export function syncValue(control, value) {
  if (document.activeElement === control && control.tagName === 'INPUT' && control.type === 'text') return;
  const text = String(value);
  if (control.value !== text) control.value = text;
  if (control.type === 'text') setFieldError(control, '');
}

export function checkbox({ id, label, tip, checked, onChange }) {
  const input = el('input', { type: 'checkbox', id, tip, onchange: () => onChange(input.checked) });
  input.checked = checked;
  return el('label', { class: 'check', for: id, tip }, input, el('span', {}, label));
}
