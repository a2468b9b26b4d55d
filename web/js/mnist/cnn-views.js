// The two CNN views of the classifier: the learned filters of every conv layer (blue
// positive, orange negative, white zero; each filter on its own scale), updated with each
// measurement; and the feature maps of the image on the drawing pad, one small grey map per
// channel for every conv (after its activation) and pooling layer (bright = strong response).
// Both are painted as pixel mosaics into canvases that CSS scales up with sharp pixels.
import { DIVERGING } from '../ground/palette.js';
import { formatNumber } from '../ground/validate.js';

const GAP = 1;

/** filters: [{layer, filters, channels, size, weights}] as the worker sends them. */
export class FiltersView {
  constructor(root) {
    this.root = root;
  }

  update(filters) {
    if (!filters?.length) { this.root.replaceChildren(); return; }
    if (this.root.children.length !== filters.length || filters.some((f, i) => this.root.children[i].dataset.key !== key(f))) {
      this.root.replaceChildren(...filters.map((f, i) => figure(
        key(f),
        `Conv layer ${i + 1}: ${f.filters} filters of ${f.channels}×${f.size}×${f.size}`,
        f.channels === 1 ? 'one square per filter' : `one row per filter, one square per input channel (${f.channels})`,
        `The ${f.filters} learned ${f.size}×${f.size} filters of conv layer ${i + 1}`,
      )));
    }
    filters.forEach((f, i) => {
      const canvas = this.root.children[i].querySelector('canvas');
      const columns = f.channels === 1 ? Math.min(f.filters, 8) : f.channels;
      const rows = f.channels === 1 ? Math.ceil(f.filters / columns) : f.filters;
      const tile = f.size * f.size, block = f.channels * tile;
      // Sharp pixels at a fixed scale: a deep layer's 16×8 filters stay a readable column.
      canvas.style.width = `min(100%, ${(columns * (f.size + GAP) - GAP) * (f.channels === 1 ? 6 : 4)}px)`;
      paintTiles(canvas, f.size, f.size, f.filters * f.channels, columns, rows, (t) => {
        const filter = f.channels === 1 ? t : Math.floor(t / f.channels);
        const channel = f.channels === 1 ? 0 : t % f.channels;
        return { values: f.weights, offset: filter * block + channel * tile, scale: largestAbs(f.weights, filter * block, block) };
      }, signedColour);
      const lo = Math.min(...f.weights), hi = Math.max(...f.weights);
      this.root.children[i].querySelector('.range').textContent = `weights from ${formatNumber(lo, 2)} to ${formatNumber(hi, 2)}`;
    });
  }
}

/** maps: [{layer, kind, shape: [c, h, w], values}] for one image. */
export class FeatureMapsView {
  constructor(root, caption) {
    this.root = root;
    this.caption = caption;
    this.count = 0;
  }

  clear(text) {
    this.root.replaceChildren();
    this.caption.textContent = text;
  }

  update(maps, what) {
    if (!maps?.length) { this.clear('Feature maps appear here for networks with conv layers.'); return; }
    this.count++;
    if (this.root.children.length !== maps.length || maps.some((m, i) => this.root.children[i].dataset.key !== mapKey(m))) {
      this.root.replaceChildren(...maps.map((m) => figure(
        mapKey(m),
        `Layer ${m.layer + 1}, ${m.kind === 'conv2d' ? 'conv + activation' : m.kind.replace('_', ' ')}: ${m.shape.join('×')}`,
        `${m.shape[0]} maps of ${m.shape[1]}×${m.shape[2]} pixels`,
        `Feature maps of layer ${m.layer + 1} (${m.kind}) for the image on the pad`,
      )));
    }
    maps.forEach((m, i) => {
      const [c, h, w] = m.shape;
      let lo = Infinity, hi = -Infinity;
      for (const v of m.values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      const columns = Math.min(c, 8);
      paintTiles(this.root.children[i].querySelector('canvas'), w, h, c, columns, Math.ceil(c / columns),
        (t) => ({ values: m.values, offset: t * h * w, lo, hi }), greyColour);
      this.root.children[i].querySelector('.range').textContent = `values from ${formatNumber(lo, 2)} (black) to ${formatNumber(hi, 2)} (white)`;
    });
    this.caption.textContent = `Feature maps of ${what}.`;
  }
}

function key(f) {
  return `${f.layer}:${f.filters}:${f.channels}:${f.size}`;
}

function mapKey(m) {
  return `${m.layer}:${m.shape.join('x')}`;
}

function figure(dataKey, title, note, label) {
  const fig = document.createElement('figure');
  fig.className = 'cnn-figure';
  fig.dataset.key = dataKey;
  const canvas = document.createElement('canvas');
  canvas.className = 'pixels';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  const cap = document.createElement('figcaption');
  cap.append(Object.assign(document.createElement('strong'), { textContent: title }), ` — ${note}; `,
    Object.assign(document.createElement('span'), { className: 'range' }));
  fig.append(cap, canvas);
  return fig;
}

// Tiles of tw×th pixels, `columns` a row with a 1-pixel white gap; tile(t) says where its values are.
function paintTiles(canvas, tw, th, count, columns, rows, tile, colour) {
  const width = columns * (tw + GAP) - GAP, height = rows * (th + GAP) - GAP;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  canvas.style.aspectRatio = `${width} / ${height}`;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  const packed = new Uint32Array(image.data.buffer);
  packed.fill(0xffffffff);
  for (let t = 0; t < count; t++) {
    const spec = tile(t);
    const x0 = (t % columns) * (tw + GAP), y0 = Math.floor(t / columns) * (th + GAP);
    for (let y = 0; y < th; y++) {
      let o = (y0 + y) * width + x0;
      for (let x = 0; x < tw; x++) packed[o++] = colour(spec.values[spec.offset + y * tw + x], spec);
    }
  }
  ctx.putImageData(image, 0, 0);
}

function largestAbs(values, offset, n) {
  let m = 1e-12;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(values[offset + i]));
  return m;
}

function signedColour(v, { scale }) {
  return DIVERGING[Math.max(0, Math.min(255, Math.round((0.5 + 0.5 * (v / scale)) * 255)))];
}

function greyColour(v, { lo, hi }) {
  const g = hi > lo ? Math.round(((v - lo) / (hi - lo)) * 255) : 0;
  return 0xff000000 | (g << 16) | (g << 8) | g;
}
