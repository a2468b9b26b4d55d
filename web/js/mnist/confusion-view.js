// The confusion matrix: a 10×10 table (rows = true class, columns = predicted) of test-image
// counts, coloured by the share of the row (blue on the diagonal = right, orange = mistakes).
// One tab stop: arrow keys move between cells (a grid), hovering or focusing a cell explains
// it in words, and clicking it (or Enter) shows those images in the test grid.
import { el } from '../views/form.js';
import { hexToRgb } from '../ground/palette.js';
import { CLASS_SHORT } from '../ground/fashion-mnist-models.js';

const RIGHT = hexToRgb('#0072B2');
const WRONG = hexToRgb('#E69F00');

export class ConfusionView {
  constructor(root, detail, { classes, select }) {
    this.classes = classes;
    this.detail = detail;
    this.select = select;
    this.counts = new Uint32Array(classes.length ** 2);
    this.rowTotals = new Uint32Array(classes.length);
    this.active = [0, 0];
    const k = classes.length;
    const head = el('tr', {}, el('th', { class: 'corner', scope: 'col' }, el('span', { class: 'axis-true' }, 'true ↓'), el('span', { class: 'axis-pred' }, 'said →')),
      classes.map((name, c) => el('th', { scope: 'col', class: 'cm-col', title: name }, el('span', {}, CLASS_SHORT[c] ?? name))));
    this.cells = [];
    const rows = classes.map((name, t) => el('tr', {}, el('th', { scope: 'row', class: 'row-head', title: name }, CLASS_SHORT[t] ?? name),
      Array.from({ length: k }, (_, p) => {
        const cell = el('td', { role: 'gridcell', tabindex: t === 0 && p === 0 ? '0' : '-1', 'data-true': t, 'data-pred': p, class: t === p ? 'diagonal' : '' }, '0');
        this.cells.push(cell);
        return cell;
      })));
    this.table = el('table', { role: 'grid', 'aria-label': 'Confusion matrix of the test images: rows are the true classes, columns what the network said', 'aria-describedby': detail.id },
      el('thead', {}, head), el('tbody', {}, rows));
    root.replaceChildren(this.table);

    const cellOf = (e) => e.target.closest?.('td[data-true]');
    this.table.addEventListener('pointerover', (e) => { const c = cellOf(e); if (c) this.explain(c); });
    this.table.addEventListener('focusin', (e) => { const c = cellOf(e); if (c) { this.activate(c); this.explain(c); } });
    this.table.addEventListener('click', (e) => { const c = cellOf(e); if (c) { this.activate(c); c.focus(); this.choose(c); } });
    this.table.addEventListener('keydown', (e) => this.key(e));
  }

  cell(t, p) {
    return this.cells[t * this.classes.length + p];
  }

  activate(cell) {
    const previous = this.cell(...this.active);
    if (previous !== cell) previous.tabIndex = -1;
    cell.tabIndex = 0;
    this.active = [Number(cell.dataset.true), Number(cell.dataset.pred)];
  }

  key(e) {
    const k = this.classes.length;
    let [t, p] = this.active;
    switch (e.key) {
      case 'ArrowUp': t = Math.max(0, t - 1); break;
      case 'ArrowDown': t = Math.min(k - 1, t + 1); break;
      case 'ArrowLeft': p = Math.max(0, p - 1); break;
      case 'ArrowRight': p = Math.min(k - 1, p + 1); break;
      case 'Home': p = 0; break;
      case 'End': p = k - 1; break;
      case 'Enter': case ' ': e.preventDefault(); this.choose(this.cell(t, p)); return;
      default: return;
    }
    e.preventDefault();  // also keeps → from stepping an epoch
    const next = this.cell(t, p);
    this.activate(next);
    next.focus();
  }

  describe(t, p) {
    const n = this.counts[t * this.classes.length + p], total = this.rowTotals[t] || 1;
    const share = `${n} of ${this.rowTotals[t]} test images (${((100 * n) / total).toFixed(1)} %)`;
    return t === p ? `${this.classes[t]} recognised correctly: ${share}.`
      : `${this.classes[t]} taken for ${this.classes[p]}: ${share}.`;
  }

  explain(cell) {
    this.detail.textContent = this.describe(Number(cell.dataset.true), Number(cell.dataset.pred));
  }

  choose(cell) {
    const t = Number(cell.dataset.true), p = Number(cell.dataset.pred);
    this.select(t, p, this.describe(t, p));
  }

  /** counts: Uint32Array(k·k), row = true class. Only the cells that changed are touched. */
  update(counts) {
    const k = this.classes.length;
    const before = this.counts, totalsBefore = this.rowTotals.slice();
    this.counts = counts;
    for (let t = 0; t < k; t++) {
      let total = 0;
      for (let p = 0; p < k; p++) total += counts[t * k + p];
      this.rowTotals[t] = total;
      for (let p = 0; p < k; p++) {
        const n = counts[t * k + p];
        if (this.drawn && n === before[t * k + p] && total === totalsBefore[t]) continue;
        const cell = this.cells[t * k + p];
        const share = total ? n / total : 0;
        // Square root: a mistake on 4 % of a row must still show.
        const strength = Math.sqrt(share);
        const [r, g, b] = mixWhite(t === p ? RIGHT : WRONG, strength * (t === p ? 1 : 0.95));
        cell.style.background = `rgb(${r},${g},${b})`;
        cell.style.color = t === p && strength > 0.6 ? '#fff' : '#1d2330';
        const text = String(n);
        if (cell.textContent !== text) cell.textContent = text;
        cell.setAttribute('aria-label', this.describe(t, p));
      }
    }
    this.drawn = true;
    const focused = this.table.querySelector('td:focus') ?? this.table.querySelector('td:hover');
    if (focused) this.explain(focused);
  }
}

function mixWhite(rgb, t) {
  return rgb.map((v) => Math.round(255 + (v - 255) * t));
}
