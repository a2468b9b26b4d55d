// The ten class probabilities for the drawing, as labelled bars; the most likely class is
// marked. The status line (read by screen readers) changes only when a stroke ends.
import { el } from '../views/form.js';

export class ProbabilityBars {
  constructor(list, status, classes) {
    this.status = status;
    this.classes = classes;
    this.rows = classes.map((name) => {
      const bar = el('span', { class: 'bar' });
      const value = el('span', { class: 'value' }, '–');
      const row = el('li', {}, el('span', { class: 'name' }, name), el('span', { class: 'track', 'aria-hidden': 'true' }, bar), value);
      list.append(row);
      return { row, bar, value };
    });
    this.values = null;
  }

  /** probabilities: 10 numbers, or null (no drawing). */
  show(probabilities, announce) {
    this.values = probabilities ? Array.from(probabilities) : null;
    let best = -1;
    if (probabilities) best = this.values.indexOf(Math.max(...this.values));
    this.rows.forEach((r, c) => {
      const p = probabilities ? this.values[c] : 0;
      r.bar.style.width = `${(p * 100).toFixed(1)}%`;
      r.value.textContent = probabilities ? `${(p * 100).toFixed(p >= 0.995 || p < 0.001 ? 0 : 1)} %` : '–';
      r.row.classList.toggle('best', c === best);
      r.row.setAttribute('aria-current', c === best ? 'true' : 'false');
    });
    if (announce) {
      this.status.textContent = probabilities
        ? `The network says: ${this.classes[best]} (${(this.values[best] * 100).toFixed(0)} %).`
        : 'Draw something, or load a test image.';
    }
  }
}
