// Originals and reconstructions: test images (top) above what the autoencoder rebuilds from
// their two code numbers (bottom), one column per image.
import { el } from '../views/form.js';
import { paintGrey, PIXELS } from './images.js';
import { CLASS_SHORT } from '../ground/fashion-mnist-models.js';

export class PairsView {
  constructor(root, { images, labels, classes }) {
    Object.assign(this, { root, images, labels, classes });
    this.columns = [];
    this.indices = [];
  }

  /** A new set of test images: one of each class, chosen by `round` (0 = the first of each). */
  choose(round) {
    const byClass = this.classes.map(() => []);
    for (let i = 0; i < this.labels.length; i++) byClass[this.labels[i]].push(i);
    this.indices = byClass.map((list) => list[(round * 7) % list.length]);
    this.build();
    return this.indices;
  }

  build() {
    this.columns = this.indices.map((index) => {
      const original = el('canvas', { class: 'pixels', width: 28, height: 28, role: 'img', 'aria-label': `Test image: a ${this.classes[this.labels[index]]}` });
      const rebuilt = el('canvas', { class: 'pixels', width: 28, height: 28, role: 'img', 'aria-label': `Its reconstruction` });
      paintGrey(original, this.images.subarray(index * PIXELS, (index + 1) * PIXELS));
      paintGrey(rebuilt, new Uint8Array(PIXELS));  // black until the network has rebuilt it
      return { index, original, rebuilt, node: el('figure', { class: 'pair' }, original, rebuilt, el('figcaption', {}, CLASS_SHORT[this.labels[index]])) };
    });
    this.root.replaceChildren(...this.columns.map((c) => c.node));
  }

  /** reconstructions: one 784-value image per index in `indices` (what the worker measured). */
  update(indices, reconstructions) {
    indices.forEach((index, k) => {
      const column = this.columns.find((c) => c.index === index);
      if (column && reconstructions[k]) paintGrey(column.rebuilt, reconstructions[k]);
    });
  }
}
