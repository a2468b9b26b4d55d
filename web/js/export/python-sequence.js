// The sequence page's model (a model file of format "nnplay-sequence", docs/api.md) as a Keras
// script and a PyTorch script that rebuild the same network with the trained weights.
//
// The engine's layouts (engine/layers/*.h; every matrix column-major in the flat buffer):
//  - dense, dense_per_step: W (in × out), b (out)                 — y = x·W + b
//  - embedding: E (V × D)
//  - simple_rnn / lstm / gru (recurrent_layer.h): W (F × G·H), U (H × G·H), b (G·H), and for
//    the GRU the recurrent bias b_h (G·H); gate g owns columns g·H … g·H+H−1.
//    LSTM gates i, f, c̃, o (= Keras i, f, c, o = PyTorch i, f, g, o);
//    GRU gates z, r, n with the reset gate AFTER the recurrent product
//    (n = tanh(x·W_n + b_n + r ⊙ (h·U_n + b_hn))): Keras reset_after=True (order z, r, h),
//    PyTorch nn.GRU (order r, z, n: the first two blocks swap).
//  - positional_encoding: learned P (T × D, step-major: P(t, j) is t·D + j); sinusoidal has no
//    parameters: P(t, j) = sin / cos (t · 10000^(−(j − j mod 2)/D)) for even / odd j.
//  - self_attention: [W_q W_k W_v W_o] (D × 4D), then [b_q b_k b_v b_o]; scores / sqrt(D/heads).
//  - layer_norm: γ, β (D), ε from the layer (1e-5 by default).
//  - transformer_block (post-norm): attention, LayerNorm₁ (γ, β), W₁ (D × ff), b₁,
//    W₂ (ff × D), b₂, LayerNorm₂ (γ, β); ε = 1e-5, ReLU feed-forward.
// Keras keeps y = x·W (kernel in × out: the engine's matrix, row-major); PyTorch keeps
// y = x·Wᵀ (weight out × in: the engine's column-major values read row-major, unchanged).
import { py, pyFloat } from './python-common.js';
import { float32Base64 } from './python-image.js';

const size = (shape) => shape.reduce((a, b) => a * b, 1);
const GATES = { simple_rnn: 1, lstm: 4, gru: 3 };
const VALUE_TASKS = ['sum_of_sines', 'square_wave', 'noisy_sine', 'add_marked'];
const GATE_NAMES = { simple_rnn: ['h'], lstm: ['i', 'f', 'c', 'o'], gru: ['z', 'r', 'n'] };

/** A column-major rows × cols matrix as row-major (rows, cols) values: Keras' kernel. */
export function rowMajor(values, rows, cols) {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = values[j * rows + i];
  return out;
}

/** Row blocks of a row-major (blocks·rows, cols) array in a new order (blocks given by index). */
function reorderBlocks(values, blocks, order) {
  const n = values.length / blocks;
  const out = new Float32Array(values.length);
  order.forEach((from, to) => out.set(values.subarray(from * n, from * n + n), to * n));
  return out;
}

/**
 * The model file's layers in order, each with its input and output shape and its parameter
 * arrays in the engine's layout ({name, rows, cols, values}: column-major rows × cols, or a
 * vector when cols is absent).
 * @param {object|string} model the model file (text or parsed)
 */
export function describeSequenceModel(model) {
  const file = typeof model === 'string' ? JSON.parse(model) : model;
  if (file?.format !== 'nnplay-sequence') throw new Error('not a sequence model file (format "nnplay-sequence")');
  const network = file.config.network;
  const params = file.parameters;
  let p = 0;
  const take = (count) => {
    if (p + count > params.length) throw new Error('the model file has fewer parameters than its layers need');
    const values = Float32Array.from(params.slice(p, p + count));
    p += count;
    return values;
  };
  const matrix = (name, rows, cols) => ({ name, rows, cols, values: take(rows * cols) });
  const vector = (name, n) => ({ name, rows: n, values: take(n) });
  let shape = network.inputShape.slice();
  const counts = {};
  const steps = network.layers.map((layer) => {
    counts[layer.kind] = (counts[layer.kind] ?? 0) + 1;
    const step = { ...layer, name: `${layer.kind}_${counts[layer.kind]}`, input: shape, arrays: [] };
    const [T, F] = shape;
    switch (layer.kind) {
      case 'embedding':
        if (F !== 1) throw new Error('an embedding needs one token id per step');
        step.arrays.push(matrix('E', layer.vocabulary, layer.dimension));
        shape = [T, layer.dimension];
        break;
      case 'simple_rnn': case 'lstm': case 'gru': {
        const H = layer.units, GH = GATES[layer.kind] * H;
        step.arrays.push(matrix('W', F, GH), matrix('U', H, GH), vector('b', GH));
        if (layer.kind === 'gru') step.arrays.push(vector('b_h', GH));
        shape = layer.returnSequences ? [T, H] : [H];
        break;
      }
      case 'dense': {
        const n = size(shape);
        step.arrays.push(matrix('W', n, layer.units), vector('b', layer.units));
        shape = [layer.units];
        break;
      }
      case 'dense_per_step':
        step.arrays.push(matrix('W', F, layer.units), vector('b', layer.units));
        shape = [T, layer.units];
        break;
      case 'flatten': shape = [size(shape)]; break;
      case 'positional_encoding':
        // P(t, j) is t·D + j: already row-major (T, D).
        if (layer.encoding === 'learned') step.arrays.push({ name: 'P', rows: T, cols: F, values: take(T * F), rowMajorAlready: true });
        break;
      case 'layer_norm':
        step.arrays.push(vector('gamma', F), vector('beta', F));
        break;
      case 'self_attention':
        step.arrays.push(matrix('W_qkvo', F, 4 * F), vector('b_qkvo', 4 * F));
        break;
      case 'transformer_block':
        step.arrays.push(matrix('W_qkvo', F, 4 * F), vector('b_qkvo', 4 * F), vector('gamma1', F), vector('beta1', F),
          matrix('W1', F, layer.ffUnits), vector('b1', layer.ffUnits), matrix('W2', layer.ffUnits, F), vector('b2', F),
          vector('gamma2', F), vector('beta2', F));
        break;
      default: throw new Error(`the Keras / PyTorch export does not know the layer kind "${layer.kind}"`);
    }
    step.output = shape;
    return step;
  });
  if (p !== params.length) throw new Error(`the model file holds ${params.length} parameters but its layers need ${p}`);
  // The session's loss (engine/sequence/sequence_session.cpp): mean squared error for the
  // signals and the marked sum, softmax cross-entropy on the logits for the others.
  const classification = !VALUE_TASKS.includes(file.config.task.task);
  return { file, steps, inputShape: network.inputShape, task: file.config.task, classification };
}

const arrayOf = (step, name) => step.arrays.find((a) => a.name === name);
// The engine's column-major matrix as Keras' (rows, cols) kernel, or a vector.
const kerasValues = (a) => (a.cols && !a.rowMajorAlready ? rowMajor(a.values, a.rows, a.cols) : a.values);
// The engine's column-major rows × cols matrix read row-major: PyTorch's (cols, rows) weight.
const sub = (a, from, count) => a.values.subarray(from, from + count);

/** The framework weights of every step: [{key, shape, values, from}], `from` naming the engine array. */
function frameworkArrays(steps, framework) {
  const out = [];
  for (const st of steps) {
    const add = (key, shape, values, from) => out.push({ key: `${st.name}.${key}`, shape, values, from: `${st.name} ${from}` });
    const a = (name) => arrayOf(st, name);
    switch (st.kind) {
      case 'embedding': {
        const E = a('E');
        add(framework === 'keras' ? 'embeddings' : 'weight', [E.rows, E.cols], kerasValues(E), 'E (V × D)');
        break;
      }
      case 'simple_rnn': case 'lstm': case 'gru': {
        const [W, U, b] = ['W', 'U', 'b'].map(a);
        const H = st.units, G = GATES[st.kind];
        const gates = GATE_NAMES[st.kind].join(', ');
        if (framework === 'keras') {
          add('kernel', [W.rows, W.cols], kerasValues(W), `W (F × ${G}H, gates ${gates})`);
          add('recurrent_kernel', [U.rows, U.cols], kerasValues(U), `U (H × ${G}H)`);
          if (st.kind === 'gru') {
            const bias = new Float32Array(2 * G * H);
            bias.set(b.values);
            bias.set(a('b_h').values, G * H);
            add('bias', [2, G * H], bias, 'b (row 0) and b_h (row 1), reset_after=True');
          } else {
            add('bias', [G * H], b.values, `b (${G}H)`);
          }
        } else {
          // PyTorch: weight_ih (G·H × F) = Wᵀ, weight_hh (G·H × H) = Uᵀ; its GRU gate order r, z, n.
          const order = st.kind === 'gru' ? [1, 0, 2] : [...Array(G).keys()];
          const note = st.kind === 'gru' ? ', gate blocks z, r, n → r, z, n' : '';
          add('weight_ih_l0', [G * H, W.rows], reorderBlocks(W.values, G, order), `Wᵀ${note}`);
          add('weight_hh_l0', [G * H, H], reorderBlocks(U.values, G, order), `Uᵀ${note}`);
          add('bias_ih_l0', [G * H], reorderBlocks(b.values, G, order), `b${note}`);
          add('bias_hh_l0', [G * H], st.kind === 'gru' ? reorderBlocks(a('b_h').values, G, order) : new Float32Array(G * H),
            st.kind === 'gru' ? `b_h${note}` : 'zeros (the engine has one bias)');
        }
        break;
      }
      case 'dense': case 'dense_per_step': {
        const [W, b] = ['W', 'b'].map(a);
        if (framework === 'keras') add('kernel', [W.rows, W.cols], kerasValues(W), 'W (in × out)');
        else add('weight', [W.cols, W.rows], W.values, 'Wᵀ (out × in)');
        add(framework === 'keras' ? 'bias' : 'bias', [b.rows], b.values, 'b');
        break;
      }
      case 'positional_encoding':
        if (st.encoding === 'learned') add('table', [st.input[0], st.input[1]], a('P').values, 'P (T × D)');
        break;
      case 'layer_norm':
        add(framework === 'keras' ? 'gamma' : 'weight', [st.input[1]], a('gamma').values, 'γ');
        add(framework === 'keras' ? 'beta' : 'bias', [st.input[1]], a('beta').values, 'β');
        break;
      case 'self_attention': case 'transformer_block': {
        const D = st.input[1];
        const Wm = a('W_qkvo'), bm = a('b_qkvo');
        const attention = st.kind === 'transformer_block' ? 'attention.' : '';
        if (framework === 'keras') {
          // W_qkvo (D × 4D): W_q, W_k, W_v, W_o side by side, each D × D (y = x·W).
          ['q', 'k', 'v', 'o'].forEach((w, i) => {
            add(`${attention}${w}.kernel`, [D, D], rowMajor(sub(Wm, i * D * D, D * D), D, D), `W_${w} (columns ${i}D…${i + 1}D−1 of W_qkvo)`);
            add(`${attention}${w}.bias`, [D], sub(bm, i * D, D), `b_${w}`);
          });
        } else {
          const mha = st.kind === 'transformer_block' ? 'self_attn.' : 'attention.';
          add(`${mha}in_proj_weight`, [3 * D, D], sub(Wm, 0, 3 * D * D), '[W_q W_k W_v]ᵀ');
          add(`${mha}in_proj_bias`, [3 * D], sub(bm, 0, 3 * D), '[b_q b_k b_v]');
          add(`${mha}out_proj.weight`, [D, D], sub(Wm, 3 * D * D, D * D), 'W_oᵀ');
          add(`${mha}out_proj.bias`, [D], sub(bm, 3 * D, D), 'b_o');
        }
        if (st.kind === 'transformer_block') {
          const F = st.ffUnits;
          const [W1, b1, W2, b2] = ['W1', 'b1', 'W2', 'b2'].map(a);
          const keras = framework === 'keras';
          add(keras ? 'norm1.gamma' : 'norm1.weight', [D], a('gamma1').values, 'LayerNorm₁ γ');
          add(keras ? 'norm1.beta' : 'norm1.bias', [D], a('beta1').values, 'LayerNorm₁ β');
          add(keras ? 'ff1.kernel' : 'linear1.weight', keras ? [D, F] : [F, D], keras ? kerasValues(W1) : W1.values, keras ? 'W₁ (D × ff)' : 'W₁ᵀ (ff × D)');
          add(keras ? 'ff1.bias' : 'linear1.bias', [F], b1.values, 'b₁');
          add(keras ? 'ff2.kernel' : 'linear2.weight', keras ? [F, D] : [D, F], keras ? kerasValues(W2) : W2.values, keras ? 'W₂ (ff × D)' : 'W₂ᵀ (D × ff)');
          add(keras ? 'ff2.bias' : 'linear2.bias', [D], b2.values, 'b₂');
          add(keras ? 'norm2.gamma' : 'norm2.weight', [D], a('gamma2').values, 'LayerNorm₂ γ');
          add(keras ? 'norm2.beta' : 'norm2.bias', [D], a('beta2').values, 'LayerNorm₂ β');
        }
        break;
      }
      default: break;
    }
  }
  return out;
}

/** The WEIGHTS table (framework layout, base64 little-endian float32) and weight(key). */
function weightsCode(arrays) {
  const map = arrays.map((x) => `#   ${x.key} (${x.shape.join(' × ')})  ←  ${x.from}`);
  const entries = arrays.map((x) => `    ${py(x.key)}: ((${x.shape.map(py).join(', ')}${x.shape.length === 1 ? ',' : ''}), ${py(float32Base64(x.values))}),`);
  return `# The trained weights, already in this framework's layout, as base64 text of little-endian
# float32 values. Which engine array (engine/layers/*.h) became which weight:
${map.join('\n')}
WEIGHTS = {
${entries.join('\n')}
}


def weight(name):
    shape, text = WEIGHTS[name]
    return np.frombuffer(base64.b64decode(text), dtype="<f4").reshape(shape).copy()`;
}

function settingsText(st) {
  switch (st.kind) {
    case 'embedding': return ` ${st.vocabulary} tokens → ${st.dimension}`;
    case 'simple_rnn': case 'lstm': case 'gru': return ` ${st.units} units${st.returnSequences ? ', every step' : ', last step'}`;
    case 'dense': case 'dense_per_step': return ` ${st.units} units`;
    case 'positional_encoding': return ` ${st.encoding}`;
    case 'self_attention': return ` ${st.heads} heads${st.causal ? ', causal' : ''}`;
    case 'transformer_block': return ` ${st.heads} heads, feed-forward ${st.ffUnits}${st.causal ? ', causal' : ''}`;
    default: return '';
  }
}

function header(d, framework, install, usage) {
  const t = d.task;
  const classes = d.steps.at(-1).output.at(-1);
  const perStep = d.steps.at(-1).output.length === 2;
  const classification = d.classification;
  const lossText = classification
    ? `softmax cross-entropy over the ${classes} outputs${perStep ? ' of every step' : ''} (the outputs are logits; the target is a class index)`
    : 'mean squared error (the output is the value itself)';
  const lines = d.steps.map((st) => `    ${st.kind} (${st.name})${settingsText(st)}: ${st.input.join('×')} → ${st.output.join('×')}`);
  return `"""nnplay export: the sequence page's model, rebuilt with ${framework}, with the weights it had
learned after ${py(d.file.steps ?? 0)} training steps.

Task: ${t.task}, sequences of ${t.length} steps${['copy', 'reverse', 'sort'].includes(t.task) ? ` of ${t.symbols} symbols` : ''}.
Input: ${d.inputShape[0]} steps × ${d.inputShape[1]} value${d.inputShape[1] > 1 ? 's' : ''} per step${d.steps[0]?.kind === 'embedding' ? ' (token ids 0, 1, 2… stored as numbers, as in the engine)' : ''}.
Layers (shapes steps × features):
${lines.join('\n')}
Loss: ${lossText}.
Optimizer on the page: ${d.file.config.optimizer.kind}, learning rate ${d.file.config.optimizer.learningRate}, batch size ${d.file.config.batchSize}, gradient norm clipped to ${d.file.config.clipNorm}.

Run it with Python 3.9+:  ${install}
The data are not in the file (the page generates them); to train or evaluate on your own
sequences of the same shape: ${usage}
"""`;
}

function pySinusoids() {
  return `def sinusoids(steps, width):
    """Sinusoids as the engine computes them: P[t, j] = sin / cos (t · 10000^(−(j − j mod 2) / width)) for even / odd j."""
    t = np.arange(steps, dtype=np.float64)[:, None]
    j = np.arange(width)
    angle = t * np.power(10000.0, -(j - j % 2) / width)
    return np.where(j % 2 == 0, np.sin(angle), np.cos(angle)).astype(np.float32)`;
}

/** The Keras 3 script for a sequence model file (text or parsed). */
export function kerasSequenceScript(model) {
  const d = describeSequenceModel(model);
  const arrays = frameworkArrays(d.steps, 'keras');
  const [T, F] = d.inputShape;
  const stack = [`    keras.Input(shape=(${T}, ${F})),`];
  const loads = [];
  const keys = (st) => arrays.filter((x) => x.key.startsWith(`${st.name}.`)).map((x) => x.key);
  const set = (layer, list) => loads.push(`${layer}.set_weights([${list.map((k) => `weight(${py(k)})`).join(', ')}])`);
  const kinds = new Set(d.steps.map((s) => s.kind));
  for (const st of d.steps) {
    const name = py(st.name);
    const get = `model.get_layer(${name})`;
    switch (st.kind) {
      case 'embedding':
        stack.push(`    layers.Reshape((${T},)),   # one token id per step`, `    layers.Embedding(${st.vocabulary}, ${st.dimension}, name=${name}),`);
        set(get, keys(st));
        break;
      case 'simple_rnn':
        stack.push(`    layers.SimpleRNN(${st.units}, activation="tanh", return_sequences=${py(!!st.returnSequences)}, name=${name}),`);
        set(get, keys(st));
        break;
      case 'lstm':
        stack.push(`    layers.LSTM(${st.units}, activation="tanh", recurrent_activation="sigmoid", return_sequences=${py(!!st.returnSequences)}, name=${name}),`);
        set(get, keys(st));
        break;
      case 'gru':
        stack.push(`    layers.GRU(${st.units}, activation="tanh", recurrent_activation="sigmoid", reset_after=True, return_sequences=${py(!!st.returnSequences)}, name=${name}),`);
        set(get, keys(st));
        break;
      case 'dense': case 'dense_per_step':
        if (st.kind === 'dense' && st.input.length > 1) stack.push('    layers.Flatten(),   # the engine\'s dense reads a sequence as its T·D values');
        stack.push(`    layers.Dense(${st.units}, name=${name}),${st.kind === 'dense_per_step' ? '   # on every step' : ''}`);
        set(get, keys(st));
        break;
      case 'flatten': stack.push('    layers.Flatten(),'); break;
      case 'positional_encoding':
        stack.push(`    PositionalEncoding(${py(st.encoding === 'learned')}, name=${name}),`);
        if (st.encoding === 'learned') set(get, keys(st));
        break;
      case 'layer_norm':
        stack.push(`    layers.LayerNormalization(epsilon=${pyFloat(st.epsilon ?? 1e-5)}, name=${name}),`);
        set(get, keys(st));
        break;
      case 'self_attention':
        stack.push(`    SelfAttention(${st.heads}, causal=${py(!!st.causal)}, name=${name}),`);
        for (const w of ['q', 'k', 'v', 'o']) set(`${get}.${w}`, [`${st.name}.${w}.kernel`, `${st.name}.${w}.bias`]);
        break;
      case 'transformer_block':
        stack.push(`    TransformerBlock(${st.heads}, ${st.ffUnits}, causal=${py(!!st.causal)}, name=${name}),`);
        for (const w of ['q', 'k', 'v', 'o']) set(`${get}.attention.${w}`, [`${st.name}.attention.${w}.kernel`, `${st.name}.attention.${w}.bias`]);
        for (const part of ['norm1', 'norm2']) set(`${get}.${part}`, [`${st.name}.${part}.gamma`, `${st.name}.${part}.beta`]);
        for (const part of ['ff1', 'ff2']) set(`${get}.${part}`, [`${st.name}.${part}.kernel`, `${st.name}.${part}.bias`]);
        break;
      default: throw new Error(`kerasSequenceScript: unknown layer kind "${st.kind}"`);
    }
  }
  const { classification } = d;
  const usage = classification
    ? 'model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True)), then model.fit(x, y) with x of shape (N, steps, features) and y the class indices; model.predict(x) gives logits.'
    : 'model.compile(optimizer="adam", loss="mse"), then model.fit(x, y) with x of shape (N, steps, features); model.predict(x) gives the values.';
  const custom = [];
  if (kinds.has('positional_encoding')) {
    custom.push(pySinusoids(), `class PositionalEncoding(layers.Layer):
    """x + P: a learned T × D table (set from the weights below) or the engine's sinusoids."""

    def __init__(self, learned, **kwargs):
        super().__init__(**kwargs)
        self.learned = learned

    def build(self, input_shape):
        steps, width = input_shape[1], input_shape[2]
        if self.learned:
            self.table = self.add_weight(shape=(steps, width), initializer="zeros", name="table")
        else:
            self.table = keras.ops.convert_to_tensor(sinusoids(steps, width))

    def call(self, x):
        return x + self.table`);
  }
  if (kinds.has('self_attention') || kinds.has('transformer_block')) {
    custom.push(`class SelfAttention(layers.Layer):
    """The engine's multi-head self-attention (engine/layers/self_attention.h): Q = x·W_q + b_q,
    K, V likewise; head h uses columns h·d … (d = D / heads); A = softmax(Q_h·K_hᵀ / sqrt(d))
    (causal: step i sees steps ≤ i); y = [A_1·V_1 … ]·W_o + b_o."""

    def __init__(self, heads, causal=False, **kwargs):
        super().__init__(**kwargs)
        self.heads, self.causal = heads, causal

    def build(self, input_shape):
        width = input_shape[-1]
        self.q, self.k, self.v, self.o = (layers.Dense(width, name=n) for n in ("q", "k", "v", "o"))
        for dense in (self.q, self.k, self.v, self.o):
            dense.build(input_shape)

    def call(self, x):
        ops = keras.ops
        steps, width = ops.shape(x)[1], ops.shape(x)[2]
        d = width // self.heads

        def split(t):   # (N, T, D) → (N, heads, T, d)
            return ops.transpose(ops.reshape(t, (-1, steps, self.heads, d)), (0, 2, 1, 3))

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = ops.matmul(q, ops.transpose(k, (0, 1, 3, 2))) / ops.sqrt(ops.cast(d, x.dtype))
        if self.causal:
            allowed = ops.tril(ops.ones((steps, steps), dtype="bool"))
            scores = ops.where(allowed, scores, ops.full_like(scores, -1e9))
        context = ops.matmul(ops.softmax(scores, axis=-1), v)
        context = ops.reshape(ops.transpose(context, (0, 2, 1, 3)), (-1, steps, width))
        return self.o(context)`);
  }
  if (kinds.has('transformer_block')) {
    custom.push(`class TransformerBlock(layers.Layer):
    """The engine's transformer block (engine/layers/transformer_block.h), post-norm:
    u = LayerNorm₁(x + SelfAttention(x)),  y = LayerNorm₂(u + W₂·ReLU(W₁·u + b₁) + b₂),  ε = 1e-5."""

    def __init__(self, heads, ff_units, causal=False, **kwargs):
        super().__init__(**kwargs)
        self.heads, self.ff_units, self.causal = heads, ff_units, causal

    def build(self, input_shape):
        width = input_shape[-1]
        self.attention = SelfAttention(self.heads, causal=self.causal, name="attention")
        self.attention.build(input_shape)
        self.norm1 = layers.LayerNormalization(epsilon=1e-5, name="norm1")
        self.norm1.build(input_shape)
        self.ff1 = layers.Dense(self.ff_units, activation="relu", name="ff1")
        self.ff1.build(input_shape)
        self.ff2 = layers.Dense(width, name="ff2")
        self.ff2.build(tuple(input_shape[:-1]) + (self.ff_units,))
        self.norm2 = layers.LayerNormalization(epsilon=1e-5, name="norm2")
        self.norm2.build(input_shape)

    def call(self, x):
        u = self.norm1(x + self.attention(x))
        return self.norm2(u + self.ff2(self.ff1(u)))`);
  }
  return `${header(d, 'Keras 3 (TensorFlow 2.16+, or JAX / PyTorch as the Keras backend)', 'pip install numpy tensorflow', usage)}
import base64

import numpy as np
import keras
from keras import layers

${weightsCode(arrays)}
${custom.length ? `\n\n${custom.join('\n\n\n')}\n` : ''}

model = keras.Sequential([
${stack.join('\n')}
])
# Every Keras layer here computes what the engine's layer computes: LSTM gates i, f, c, o and
# GRU gates z, r, h with reset_after=True are the engine's orders, so the kernels copy as they are.
${loads.join('\n')}
model.summary()

# One input to try (zeros); replace it by your own sequences of shape (N, ${T}, ${F}).
x = np.zeros((1, ${T}, ${F}), dtype=np.float32)
print(model.predict(x, verbose=0))
`;
}

/** The PyTorch script for a sequence model file (text or parsed). */
export function pytorchSequenceScript(model) {
  const d = describeSequenceModel(model);
  const arrays = frameworkArrays(d.steps, 'pytorch');
  const [T, F] = d.inputShape;
  const stack = [];
  const loads = [];
  const kinds = new Set(d.steps.map((s) => s.kind));
  const copyAll = (index, st, prefix) => {
    for (const x of arrays.filter((y) => y.key.startsWith(`${st.name}.`))) {
      loads.push(`    model[${index}].${prefix}${x.key.slice(st.name.length + 1)}.copy_(torch.from_numpy(weight(${py(x.key)})))`);
    }
  };
  for (const st of d.steps) {
    const index = stack.length;
    const width = st.input[1];
    switch (st.kind) {
      case 'embedding':
        stack.push(`    TokenEmbedding(${st.vocabulary}, ${st.dimension}),   # ${st.name}`);
        copyAll(index, st, 'embedding.');
        break;
      case 'simple_rnn': case 'lstm': case 'gru': {
        const cell = { simple_rnn: `nn.RNN(${width}, ${st.units}, nonlinearity="tanh", batch_first=True)`,
          lstm: `nn.LSTM(${width}, ${st.units}, batch_first=True)`, gru: `nn.GRU(${width}, ${st.units}, batch_first=True)` }[st.kind];
        stack.push(`    Recurrent(${cell}, return_sequences=${py(!!st.returnSequences)}),   # ${st.name}`);
        copyAll(index, st, 'cell.');
        break;
      }
      case 'dense':
        if (st.input.length > 1) stack.push('    nn.Flatten(),   # the engine\'s dense reads a sequence as its T·D values');
        copyAll(stack.length, st, '');
        stack.push(`    nn.Linear(${size(st.input)}, ${st.units}),   # ${st.name}`);
        break;
      case 'dense_per_step':
        stack.push(`    nn.Linear(${width}, ${st.units}),   # ${st.name}, on every step`);
        copyAll(index, st, '');
        break;
      case 'flatten': stack.push('    nn.Flatten(),'); break;
      case 'positional_encoding':
        stack.push(`    PositionalEncoding(${T}, ${width}, learned=${py(st.encoding === 'learned')}),   # ${st.name}`);
        copyAll(index, st, '');
        break;
      case 'layer_norm':
        stack.push(`    nn.LayerNorm(${width}, eps=${pyFloat(st.epsilon ?? 1e-5)}),   # ${st.name}`);
        copyAll(index, st, '');
        break;
      case 'self_attention':
        stack.push(`    SelfAttention(${width}, ${st.heads}, causal=${py(!!st.causal)}),   # ${st.name}`);
        copyAll(index, st, '');
        break;
      case 'transformer_block':
        stack.push(`    TransformerBlock(${width}, ${st.heads}, ${st.ffUnits}, causal=${py(!!st.causal)}),   # ${st.name}`);
        copyAll(index, st, 'layer.');
        break;
      default: throw new Error(`pytorchSequenceScript: unknown layer kind "${st.kind}"`);
    }
  }
  const { classification } = d;
  const usage = classification
    ? `nn.CrossEntropyLoss() on the logits (per step: flatten them to (N·steps, classes) and the targets to N·steps), torch.optim.Adam(model.parameters()); inputs are float tensors of shape (N, ${T}, ${F}).`
    : `nn.MSELoss(), torch.optim.Adam(model.parameters()); inputs are float tensors of shape (N, ${T}, ${F}).`;
  const custom = [];
  if (kinds.has('embedding')) {
    custom.push(`class TokenEmbedding(nn.Module):
    """nn.Embedding on the engine's input: one token id per step, stored as a number (N, T, 1)."""

    def __init__(self, vocabulary, dimension):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary, dimension)

    def forward(self, x):
        return self.embedding(x[..., 0].long())`);
  }
  if (['simple_rnn', 'lstm', 'gru'].some((k) => kinds.has(k))) {
    custom.push(`class Recurrent(nn.Module):
    """nn.RNN / nn.LSTM / nn.GRU on (N, T, F), starting from a zero state: every step's h_t
    (return_sequences) or only the last one, as the engine's recurrent layers."""

    def __init__(self, cell, return_sequences):
        super().__init__()
        self.cell, self.return_sequences = cell, return_sequences

    def forward(self, x):
        out, _ = self.cell(x)
        return out if self.return_sequences else out[:, -1]`);
  }
  if (kinds.has('positional_encoding')) {
    custom.push(pySinusoids(), `class PositionalEncoding(nn.Module):
    """x + P: a learned T × D table (set from the weights below) or the engine's sinusoids."""

    def __init__(self, steps, width, learned):
        super().__init__()
        if learned:
            self.table = nn.Parameter(torch.zeros(steps, width))
        else:
            self.register_buffer("table", torch.from_numpy(sinusoids(steps, width)))

    def forward(self, x):
        return x + self.table`);
  }
  if (kinds.has('self_attention')) {
    custom.push(`class SelfAttention(nn.Module):
    """The engine's self-attention: nn.MultiheadAttention (scores / sqrt(D / heads)); causal: step i sees steps ≤ i."""

    def __init__(self, width, heads, causal):
        super().__init__()
        self.attention = nn.MultiheadAttention(width, heads, batch_first=True)
        self.causal = causal

    def forward(self, x):
        mask = nn.Transformer.generate_square_subsequent_mask(x.shape[1]) if self.causal else None
        return self.attention(x, x, x, attn_mask=mask, need_weights=False)[0]`);
  }
  if (kinds.has('transformer_block')) {
    custom.push(`class TransformerBlock(nn.Module):
    """The engine's transformer block is nn.TransformerEncoderLayer with post-norm (norm_first=False):
    u = LayerNorm₁(x + SelfAttention(x)),  y = LayerNorm₂(u + W₂·ReLU(W₁·u + b₁) + b₂),  ε = 1e-5, no dropout."""

    def __init__(self, width, heads, ff_units, causal):
        super().__init__()
        self.layer = nn.TransformerEncoderLayer(width, heads, ff_units, dropout=0.0, activation="relu",
                                                layer_norm_eps=1e-5, batch_first=True, norm_first=False)
        self.causal = causal

    def forward(self, x):
        mask = nn.Transformer.generate_square_subsequent_mask(x.shape[1]) if self.causal else None
        return self.layer(x, src_mask=mask)`);
  }
  return `${header(d, 'PyTorch (2.1+)', 'pip install numpy torch', usage)}
import base64

import numpy as np
import torch
from torch import nn

${weightsCode(arrays)}


${custom.join('\n\n\n')}


model = nn.Sequential(
${stack.join('\n')}
)
# PyTorch's weights are out × in (y = x·Wᵀ + b). nn.LSTM's gate order i, f, g, o is the
# engine's; nn.GRU's is r, z, n (the engine's z, r, n with the first two swapped), and nn.GRU
# applies the reset gate after the recurrent product, as the engine does.
with torch.no_grad():
${loads.join('\n')}
model.eval()

# One input to try (zeros); replace it by your own sequences of shape (N, ${T}, ${F}).
x = torch.zeros(1, ${T}, ${F})
with torch.no_grad():
    print(model(x))
`;
}
