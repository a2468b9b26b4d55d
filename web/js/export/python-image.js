// What the Keras and PyTorch scripts of the Fashion-MNIST page share: the classifier's engine
// layers walked with their shapes and their slices of the trained parameters (layouts from
// engine/layers/conv2d.h, dense.h, batch_norm.h), the trained values as base64 float32 text,
// the IDX loader for the standard Fashion-MNIST files, and the docstring.
import { py, pyFloat } from './python-common.js';
import { INPUT_SHAPE, engineLayers } from '../ground/image-architecture.js';

const size = (shape) => shape.reduce((a, b) => a * b, 1);

/**
 * The page layers as engine steps, each with its input and output shape and, for conv2d,
 * dense and batch_norm, its named parameter arrays (shape in the engine's layout, values).
 * @param {object[]} pageLayers image-architecture.js page layers
 * @param {{parameters: number[], state: number[]}} model the page's model file (parsed)
 */
export function describeImageModel(pageLayers, model) {
  const steps = [];
  let shape = INPUT_SHAPE.slice();
  let p = 0, s = 0;
  const counts = {};
  const take = (from, count, what) => {
    if (from.length < (what === 'state' ? s : p) + count) throw new Error(`the model file has fewer ${what} values than its layers need`);
    const start = what === 'state' ? s : p;
    if (what === 'state') s += count; else p += count;
    return Float32Array.from(from.slice(start, start + count));
  };
  const stack = engineLayers(pageLayers);
  stack.forEach((layer, index) => {
    const input = shape;
    const step = { ...layer, input, arrays: [] };
    const last = index === stack.length - 2 && layer.kind === 'dense';
    const name = (kind) => { counts[kind] = (counts[kind] ?? 0) + 1; return last ? 'output' : `${kind}_${counts[kind]}`; };
    switch (layer.kind) {
      case 'conv2d': {
        const [c, h, w] = input, k = layer.kernel, st = layer.stride;
        const out = (n) => (layer.padding === 'valid' ? Math.floor((n - k) / st) + 1 : Math.ceil(n / st));
        shape = [layer.filters, out(h), out(w)];
        // 'same' (the Keras convention): the extra row/column, if any, at the bottom/right.
        const pad = (n, o) => { const total = layer.padding === 'same' ? Math.max((o - 1) * st + k - n, 0) : 0; return [Math.floor(total / 2), total - Math.floor(total / 2)]; };
        step.pad = { top: pad(h, shape[1]), left: pad(w, shape[2]) };
        step.name = name('conv');
        // Filter f, channel c, row i, column j is parameter f·C·k·k + (c·k + i)·k + j: [F, C, k, k].
        step.arrays.push({ key: `${step.name}.weight`, shape: [layer.filters, c, k, k], values: take(model.parameters, layer.filters * c * k * k, 'parameters') });
        step.arrays.push({ key: `${step.name}.bias`, shape: [layer.filters], values: take(model.parameters, layer.filters, 'parameters') });
        break;
      }
      case 'max_pool2d': case 'average_pool2d': {
        const [c, h, w] = input, k = layer.size;
        shape = [c, Math.floor((h - k) / k) + 1, Math.floor((w - k) / k) + 1];
        break;
      }
      case 'global_average_pool': shape = [input[0]]; break;
      case 'flatten': shape = [size(input)]; break;
      case 'dense': {
        const n = size(input);
        step.name = name('dense');
        // Weight from input i to neuron j is parameter j·in + i: [out, in] (channels-first inputs).
        step.arrays.push({ key: `${step.name}.weight`, shape: [layer.units, n], values: take(model.parameters, layer.units * n, 'parameters') });
        step.arrays.push({ key: `${step.name}.bias`, shape: [layer.units], values: take(model.parameters, layer.units, 'parameters') });
        shape = [layer.units];
        break;
      }
      case 'batch_norm': {
        // One γ, β, running mean and variance per value (for images: per channel AND pixel).
        step.name = name('batch_norm');
        const n = size(input);
        step.arrays.push(
          { key: `${step.name}.gamma`, shape: input, values: take(model.parameters, n, 'parameters') },
          { key: `${step.name}.beta`, shape: input, values: take(model.parameters, n, 'parameters') },
          { key: `${step.name}.running_mean`, shape: input, values: take(model.state ?? [], n, 'state') },
          { key: `${step.name}.running_variance`, shape: input, values: take(model.state ?? [], n, 'state') });
        break;
      }
      case 'activation': case 'dropout': break;
      default: throw new Error(`the export does not know the layer kind "${layer.kind}"`);
    }
    step.output = shape;
    steps.push(step);
  });
  if (p !== model.parameters.length) {
    throw new Error(`the model file holds ${model.parameters.length} parameters but the layers on the page need ${p}: build the network again, then export`);
  }
  return steps;
}

/** A Float32Array as base64 of its little-endian bytes (NumPy: np.frombuffer(..., "<f4")). */
export function float32Base64(values) {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** The docstring both scripts start with. */
export function imageHeader(steps, framework, install, epochs) {
  const lines = steps.map((st) => `    ${st.kind}${st.name ? ` (${st.name})` : ''}${settingsText(st)}: ${st.input.join('×')} → ${st.output.join('×')}`);
  return `"""nnplay export: the Fashion-MNIST page's classifier, rebuilt with ${framework}, with the
weights it had learned after ${py(Math.floor(epochs))} epochs, evaluated on the Fashion-MNIST test set.

Layers (shapes channels × height × width, as on the page):
${lines.join('\n')}

Run it with Python 3.9+:  ${install}
Put the four Fashion-MNIST IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte,
t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each optionally .gz) in DATA_DIR below.
The accuracy printed at the end should match the page's test accuracy (up to rounding).
"""`;
}

function settingsText(st) {
  switch (st.kind) {
    case 'conv2d': return ` ${st.filters} filters ${st.kernel}×${st.kernel}, stride ${st.stride}, ${st.padding}`;
    case 'max_pool2d': case 'average_pool2d': return ` ${st.size}×${st.size}`;
    case 'dense': return ` ${st.units} units`;
    case 'activation': return ` ${st.activation}`;
    case 'dropout': return ` rate ${st.rate}`;
    default: return '';
  }
}

/** The imports and data code both scripts need (after their own framework imports). */
export function idxLoaderCode() {
  return `# The folder that holds the Fashion-MNIST IDX files (https://github.com/zalandoresearch/fashion-mnist).
DATA_DIR = "fashion-mnist"


def load_idx(name):
    """One IDX file (big-endian header: magic, then one 32-bit size per dimension) as a NumPy array."""
    path = os.path.join(DATA_DIR, name)
    opener = gzip.open if not os.path.exists(path) else open
    path = path if os.path.exists(path) else path + ".gz"
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_fashion_mnist(split):
    """split "train" or "t10k": images as float32 in [0, 1], N × 1 × 28 × 28 (channels first), labels 0–9."""
    images = load_idx(split + "-images-idx3-ubyte").astype(np.float32) / 255
    labels = load_idx(split + "-labels-idx1-ubyte").astype(np.int64)
    return images.reshape(-1, 1, 28, 28), labels`;
}

/** The trained values (PARAMETERS) and parameter(name) that reads one as a NumPy array. */
export function parametersCode(steps) {
  const entries = steps.flatMap((st) => st.arrays).map((a) =>
    `    ${py(a.key)}: ((${a.shape.map(py).join(', ')}${a.shape.length === 1 ? ',' : ''}), ${py(float32Base64(a.values))}),`);
  return `# The trained parameters, in the engine's layout (channels first; a dense weight is out × in),
# as base64 text of little-endian float32 values.
PARAMETERS = {
${entries.join('\n')}
}


def parameter(name):
    shape, text = PARAMETERS[name]
    return np.frombuffer(base64.b64decode(text), dtype="<f4").reshape(shape).copy()`;
}

export const IMAGE_IMPORTS = 'import base64\nimport gzip\nimport os\nimport struct\n\nimport numpy as np';

export { pyFloat };
