// A grid of test images with the network's answers: each caption is the predicted class and
// its probability; mistakes get an orange frame, a ✗ and the true class. Which images: four
// of each class, the mistakes (most confident first), or one confusion-matrix cell. Each
// image is a button that puts it on the drawing pad.
import { el } from '../views/form.js';
import { paintGrey, PIXELS } from './images.js';
import { CLASS_SHORT } from '../ground/fashion-mnist-models.js';

const PAGE = 40;

export class TestGridView {
  /**
   * @param {{root: Element, filter: HTMLSelectElement, more: HTMLButtonElement, count: Element,
   *          images: Uint8Array, labels: Uint8Array, classes: string[], open: (index: number) => void}} options
   */
  constructor({ root, filter, more, count, images, labels, classes, open }) {
    Object.assign(this, { root, filter, more, countNode: count, images, labels, classes, open });
    this.page = 0;
    this.predicted = null;
    this.confidence = null;
    this.cellFilter = null;   // [true, predicted] from the confusion matrix
    this.shown = [];
    this.items = [];
    filter.addEventListener('change', () => {
      if (filter.value !== 'cell') this.cellFilter = null;
      this.page = 0;
      this.render();
    });
    more.addEventListener('click', () => { this.page++; this.render(); });
    root.addEventListener('click', (e) => {
      const item = e.target.closest?.('[data-index]');
      if (item) this.open(Number(item.dataset.index));
    });
  }

  /** Show the test images of one confusion-matrix cell. */
  showCell(t, p, description) {
    this.cellFilter = [t, p];
    let option = this.filter.querySelector('option[value="cell"]');
    if (!option) option = this.filter.appendChild(new Option('', 'cell'));
    option.textContent = t === p ? `${CLASS_SHORT[t]} recognised` : `${CLASS_SHORT[t]} taken for ${CLASS_SHORT[p]}`;
    option.title = description;
    this.filter.value = 'cell';
    this.page = 0;
    this.render();
  }

  update(predicted, confidence) {
    this.predicted = predicted;
    this.confidence = confidence;
    this.render();
  }

  /** The indices the current filter selects, in display order. */
  selection() {
    const n = this.labels.length;
    const mode = this.filter.value;
    if (mode === 'sample' || !this.predicted) {
      // Four of each class, interleaved; "Other images" moves to the next four.
      const byClass = this.classes.map(() => []);
      for (let i = 0; i < n; i++) byClass[this.labels[i]].push(i);
      const out = [];
      const per = PAGE / this.classes.length;
      for (let r = 0; r < per; r++) for (const list of byClass) if (list.length) out.push(list[(this.page * per + r) % list.length]);
      return { list: out, paged: true };
    }
    const list = [];
    for (let i = 0; i < n; i++) {
      const p = this.predicted[i], t = this.labels[i];
      if (mode === 'mistakes' ? p !== t : this.cellFilter && t === this.cellFilter[0] && p === this.cellFilter[1]) list.push(i);
    }
    if (mode === 'mistakes') list.sort((a, b) => this.confidence[b] - this.confidence[a]);
    return { list, paged: false };
  }

  render() {
    const { list, paged } = this.selection();
    let shown;
    if (paged) shown = list;
    else {
      const pages = Math.max(1, Math.ceil(list.length / PAGE));
      const page = this.page % pages;
      shown = list.slice(page * PAGE, page * PAGE + PAGE);
    }
    const total = paged ? this.labels.length : list.length;
    this.countNode.textContent = paged ? `${shown.length} of ${total}` : list.length ? `${shown.length} of ${list.length}` : 'none';
    this.more.disabled = !paged && list.length <= PAGE;
    // Reuse the elements; repaint an image only when a different one goes in its place.
    while (this.items.length < shown.length) {
      const canvas = el('canvas', { class: 'pixels', width: 28, height: 28, 'aria-hidden': 'true' });
      const caption = el('span', { class: 'answer' });
      const truth = el('span', { class: 'truth' });
      const button = el('button', { class: 'test-item', type: 'button' }, canvas, caption, truth);
      this.root.append(button);
      this.items.push({ button, canvas, caption, truth, index: -1 });
    }
    this.items.forEach((item, k) => {
      const index = shown[k];
      item.button.hidden = index === undefined;
      if (index === undefined) return;
      if (item.index !== index) {
        paintGrey(item.canvas, this.images.subarray(index * PIXELS, (index + 1) * PIXELS));
        item.index = index;
        item.button.dataset.index = index;
      }
      const truth = this.labels[index];
      const p = this.predicted?.[index];
      const wrong = p !== undefined && p !== truth;
      item.button.classList.toggle('wrong', wrong);
      const answer = p === undefined ? '…' : `${wrong ? '✗ ' : ''}${CLASS_SHORT[p]} ${Math.round(this.confidence[index] * 100)}%`;
      if (item.caption.textContent !== answer) item.caption.textContent = answer;
      const truthText = wrong ? `is ${CLASS_SHORT[truth]}` : '';
      if (item.truth.textContent !== truthText) item.truth.textContent = truthText;
      const said = p === undefined ? 'not classified yet' : `the network says ${this.classes[p]} (${Math.round(this.confidence[index] * 100)} %)${wrong ? ', a mistake' : ', right'}`;
      const label = `Test image ${index + 1}, a ${this.classes[truth]}: ${said}. Put it on the drawing pad.`;
      if (item.button.getAttribute('aria-label') !== label) {
        item.button.setAttribute('aria-label', label);
        item.button.dataset.tip = `${this.classes[truth]} — ${said}. Click: put it on the drawing pad.`;
      }
    });
    this.shown = shown;
  }
}
