// Messages to the learner under the toolbar: information, warnings (a link setting that was
// ignored) and errors (divergence), each dismissible, some with action buttons. A notice
// with an id replaces the previous one with the same id.
import { el } from './form.js';

export class Notices {
  constructor(container) {
    this.container = container;
    this.byId = new Map();
  }

  /**
   * @param {{id?: string, kind?: 'info'|'warning'|'error', title?: string, text: string,
   *          items?: string[], actions?: {label: string, tip?: string, onClick: () => void}[], timeout?: number}} notice
   */
  show({ id = `n${Math.random().toString(36).slice(2)}`, kind = 'info', title, text = '', items = [], actions = [], timeout = 0 }) {
    this.dismiss(id);
    const dismiss = el('button', { class: 'notice-close', 'aria-label': 'Dismiss message', tip: 'Dismiss this message', onclick: () => this.dismiss(id) }, '×');
    const node = el('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-notice': id },
      el('div', { class: 'notice-body' },
        title ? el('strong', {}, title, ' ') : null,
        el('span', { class: 'notice-text' }, text),
        items.length ? el('ul', { class: 'notice-items' }, items.map((item) => el('li', {}, item))) : null,
        actions.length ? el('span', { class: 'notice-actions' }, actions.map((a) =>
          el('button', { tip: a.tip ?? a.label, onclick: () => { this.dismiss(id); a.onClick(); } }, a.label))) : null),
      dismiss);
    this.container.append(node);
    const entry = { node, timer: timeout ? setTimeout(() => this.dismiss(id), timeout) : 0 };
    this.byId.set(id, entry);
    return id;
  }

  dismiss(id) {
    const entry = this.byId.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.node.remove();
    this.byId.delete(id);
  }

  has(id) {
    return this.byId.has(id);
  }
}
