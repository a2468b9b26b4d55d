// The classifier's editable architecture on the real-data page: a list of page layers
// (conv, pool, dense, dropout, batch norm, flatten), the shape after each one, the engine
// layer stack it stands for, the two presets, and a short text form for the page's address.
// Shapes follow the engine's rules (engine/layers/conv2d.h, image_shape.h) so the list can
// show them while the learner edits; the engine checks again when the network is built.

export const INPUT_SHAPE = [1, 28, 28];
export const OUTPUT_CLASSES = 10;
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'];

/** The kinds the list offers, with their settings (min/max as the engine's schema allows). */
export const KINDS = {
  conv: {
    label: 'Conv', tip: 'Convolution: small filters slide over the image; each filter makes one channel (feature map)',
    defaults: { filters: 8, kernel: 5, stride: 1, padding: 'same', activation: 'relu' },
    fields: [
      { key: 'filters', label: 'filters', tip: 'Number of filters = output channels', min: 1, max: 64 },
      { key: 'kernel', label: 'kernel', tip: 'Side of each square filter in pixels (5 = 5×5)', min: 1, max: 9 },
      { key: 'stride', label: 'stride', tip: 'How far the filter moves between two outputs; 2 halves the size', min: 1, max: 4 },
      { key: 'padding', label: 'padding', tip: 'same: zeros around the image keep its size; valid: only where the filter fits', choices: ['same', 'valid'] },
      { key: 'activation', label: 'activation', tip: 'The function applied to each output', choices: ACTIVATIONS },
    ],
  },
  pool: {
    label: 'Pool', tip: 'Pooling: keeps the largest (max) or mean (average) value of each size×size window',
    defaults: { size: 2, type: 'max' },
    fields: [
      { key: 'size', label: 'size', tip: 'Window side in pixels; the map shrinks by this factor', min: 1, max: 8 },
      { key: 'type', label: 'type', tip: 'max: the largest value of each window; average: their mean', choices: ['max', 'average'] },
    ],
  },
  dense: {
    label: 'Dense', tip: 'Fully connected: every input to every neuron (an image is flattened first)',
    defaults: { units: 64, activation: 'relu' },
    fields: [
      { key: 'units', label: 'units', tip: 'Number of neurons', min: 1, max: 1024 },
      { key: 'activation', label: 'activation', tip: 'The function applied to each neuron', choices: ACTIVATIONS },
    ],
  },
  dropout: {
    label: 'Dropout', tip: 'During training, sets a random share of the values to 0 (against overfitting)',
    defaults: { rate: 0.25 },
    fields: [{ key: 'rate', label: 'rate', tip: 'Share of values dropped while training (0–0.9)', min: 0, max: 0.9, step: 0.05 }],
  },
  batchnorm: {
    label: 'BatchNorm', tip: 'Batch normalization: rescales each value to mean 0, spread 1 over the batch, then learns a scale and shift',
    defaults: {}, fields: [],
  },
  flatten: {
    label: 'Flatten', tip: 'Lays a channels×height×width image out as one long list of values',
    defaults: {}, fields: [],
  },
};

export const PRESETS = {
  mlp: { label: 'MLP 784-128-64-10', layers: [{ kind: 'dense', units: 128, activation: 'relu' }, { kind: 'dense', units: 64, activation: 'relu' }] },
  cnn: {
    label: 'small CNN',
    layers: [
      { kind: 'conv', filters: 8, kernel: 5, stride: 1, padding: 'same', activation: 'relu' },
      { kind: 'pool', size: 2, type: 'max' },
      { kind: 'conv', filters: 16, kernel: 5, stride: 1, padding: 'same', activation: 'relu' },
      { kind: 'pool', size: 2, type: 'max' },
    ],
  },
};

/** A new page layer of `kind` with its default settings. */
export function newLayer(kind) {
  if (!KINDS[kind]) throw new Error(`unknown layer kind "${kind}"`);
  return { kind, ...KINDS[kind].defaults };
}

export const shapeText = (shape) => shape.join('×');

/**
 * The shape after each page layer, then after the output layer.
 * @returns {{shapes: number[][], output: number[], error: null | {index: number, message: string}}}
 *   error.index is the 0-based page layer that does not fit (its message names it, 1-based)
 */
export function inferShapes(layers) {
  const shapes = [];
  let shape = INPUT_SHAPE.slice();
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i];
    const name = `layer ${i + 1} (${KINDS[l.kind]?.label ?? l.kind})`;
    const fail = (message) => ({ shapes, output: null, error: { index: i, message: `${name}: ${message}` } });
    const image = shape.length === 3;
    if (l.kind === 'conv' || l.kind === 'pool') {
      if (!image) return fail(`needs an image (channels×height×width), but its input is already flat (${shapeText(shape)} values); move it before the Flatten/Dense layers`);
      const [c, h, w] = shape;
      if (l.kind === 'conv') {
        const k = l.kernel, s = l.stride;
        if (l.padding === 'valid' && (k > h || k > w)) {
          return fail(`a ${k}×${k} valid convolution does not fit a ${h}×${w} input (use a smaller kernel or 'same' padding)`);
        }
        const out = (n) => (l.padding === 'valid' ? Math.floor((n - k) / s) + 1 : Math.ceil(n / s));
        shape = [l.filters, out(h), out(w)];
        void c;
      } else {
        const k = l.size;
        if (k > h || k > w) return fail(`a ${k}×${k} ${l.type} pooling window does not fit a ${h}×${w} input`);
        shape = [c, Math.floor((h - k) / k) + 1, Math.floor((w - k) / k) + 1];
      }
    } else if (l.kind === 'dense') {
      shape = [l.units];
    } else if (l.kind === 'flatten') {
      shape = [shape.reduce((a, b) => a * b, 1)];
    } else if (!KINDS[l.kind]) {
      return fail('is not a kind this page knows');
    }
    shapes.push(shape);
  }
  return { shapes, output: [OUTPUT_CLASSES], error: null };
}

/** Number of weights and biases of the whole network (for the lesson and the summary line). */
export function parameterCount(layers) {
  const { shapes, error } = inferShapes(layers);
  if (error) return null;
  let shape = INPUT_SHAPE, total = 0;
  const size = (s) => s.reduce((a, b) => a * b, 1);
  layers.forEach((l, i) => {
    if (l.kind === 'conv') total += shape[0] * l.kernel * l.kernel * l.filters + l.filters;
    else if (l.kind === 'dense') total += size(shape) * l.units + l.units;
    else if (l.kind === 'batchnorm') total += 2 * (shape.length === 3 ? size(shape) : shape[0]);
    shape = shapes[i];
  });
  return total + size(shape) * OUTPUT_CLASSES + OUTPUT_CLASSES;
}

/**
 * The engine's layer stack (session configuration network.layers) for the page layers: each
 * conv/dense gets its activation layer; a flatten goes in where a dense layer meets an image;
 * the output is dense 10 → softmax.
 */
export function engineLayers(layers) {
  const out = [];
  let image = true;
  const flattenIfImage = () => { if (image) { out.push({ kind: 'flatten' }); image = false; } };
  for (const l of layers) {
    switch (l.kind) {
      case 'conv':
        out.push({ kind: 'conv2d', filters: l.filters, kernel: l.kernel, stride: l.stride, padding: l.padding });
        if (l.activation !== 'linear') out.push({ kind: 'activation', activation: l.activation });
        break;
      case 'pool': out.push({ kind: l.type === 'average' ? 'average_pool2d' : 'max_pool2d', size: l.size }); break;
      case 'dense':
        flattenIfImage();
        out.push({ kind: 'dense', units: l.units });
        if (l.activation !== 'linear') out.push({ kind: 'activation', activation: l.activation });
        break;
      case 'dropout': out.push({ kind: 'dropout', rate: l.rate }); break;
      case 'batchnorm': out.push({ kind: 'batch_norm' }); break;
      case 'flatten': flattenIfImage(); break;
      default: throw new Error(`unknown layer kind "${l.kind}"`);
    }
  }
  flattenIfImage();
  out.push({ kind: 'dense', units: OUTPUT_CLASSES }, { kind: 'activation', activation: 'softmax' });
  return out;
}

/** Which engine layer index (describe().layers) each page conv layer became. */
export function convEngineIndices(layers) {
  const stack = engineLayers(layers);
  return stack.map((l, i) => (l.kind === 'conv2d' ? i : -1)).filter((i) => i >= 0);
}

// ---- the address form: "cnn", "mlp", or tokens joined by "_" ----
//   c8k5[s2][v][.tanh]  conv (filters, kernel, stride, valid padding, activation; relu default)
//   m2 / a2             max / average pool    d64[.tanh]  dense    o25  dropout 25 %
//   b                   batch norm            f           flatten

export function encodeArchitecture(layers) {
  for (const [name, preset] of Object.entries(PRESETS)) if (sameLayers(layers, preset.layers)) return name;
  return layers.map((l) => {
    const act = l.activation && l.activation !== 'relu' ? `.${l.activation}` : '';
    switch (l.kind) {
      case 'conv': return `c${l.filters}k${l.kernel}${l.stride !== 1 ? `s${l.stride}` : ''}${l.padding === 'valid' ? 'v' : ''}${act}`;
      case 'pool': return `${l.type === 'average' ? 'a' : 'm'}${l.size}`;
      case 'dense': return `d${l.units}${act}`;
      case 'dropout': return `o${Math.round(l.rate * 100)}`;
      case 'batchnorm': return 'b';
      default: return 'f';
    }
  }).join('_') || 'none';
}

/** The layers of an address form; throws an Error saying which part is not understood. */
export function decodeArchitecture(text) {
  if (PRESETS[text]) return structuredClone(PRESETS[text].layers);
  if (text === 'none') return [];
  return text.split('_').map((token, i) => {
    const [body, act = 'relu'] = token.split('.');
    if (!ACTIVATIONS.includes(act)) throw new Error(`part ${i + 1} ("${token}") names an unknown activation "${act}"`);
    let m;
    const within = (v, field) => {
      if (!(v >= field.min && v <= field.max)) throw new Error(`part ${i + 1} ("${token}"): ${field.label} must be ${field.min} to ${field.max}`);
      return v;
    };
    const f = (kind, key) => KINDS[kind].fields.find((x) => x.key === key);
    if ((m = /^c(\d+)k(\d+)(?:s(\d+))?(v?)$/.exec(body))) {
      return { kind: 'conv', filters: within(+m[1], f('conv', 'filters')), kernel: within(+m[2], f('conv', 'kernel')),
        stride: within(m[3] ? +m[3] : 1, f('conv', 'stride')), padding: m[4] ? 'valid' : 'same', activation: act };
    }
    if ((m = /^([ma])(\d+)$/.exec(body))) return { kind: 'pool', size: within(+m[2], f('pool', 'size')), type: m[1] === 'a' ? 'average' : 'max' };
    if ((m = /^d(\d+)$/.exec(body))) return { kind: 'dense', units: within(+m[1], f('dense', 'units')), activation: act };
    if ((m = /^o(\d+)$/.exec(body))) return { kind: 'dropout', rate: within(+m[1] / 100, f('dropout', 'rate')) };
    if (body === 'b') return { kind: 'batchnorm' };
    if (body === 'f') return { kind: 'flatten' };
    throw new Error(`part ${i + 1} ("${token}") is not a layer (e.g. c8k5 = conv 8 filters 5×5, m2 = max pool 2, d64 = dense 64)`);
  });
}

export function sameLayers(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
