// The sequence page's Keras / PyTorch export (web/js/export/python-sequence.js) on model files
// made by the real engine: the scripts compile (python3 -m py_compile), every weight decoded
// from their base64 equals the engine's parameters in the layout the script claims (checked
// against a re-layout written here from the engine's headers, independently of the exporter),
// and pure-Python forward passes of the exported PyTorch LSTM, GRU and causal transformer
// weights (in PyTorch's gate orders and formulas) give the engine's output. NumPy is not
// installed here, so they use plain Python lists; Keras and PyTorch themselves are not run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';

import { loadEngine } from '../wasm/support/engine.mjs';
import { kerasSequenceScript, pytorchSequenceScript } from '../../web/js/export/index.js';
import { weightsOf } from './support/python-weights.mjs';

const run = promisify(execFile);
const engine = await loadEngine();
const dir = await mkdtemp(join(tmpdir(), 'nnplay-seq-export-'));
const sessions = [];
after(async () => { sessions.forEach((s) => s.dispose()); await rm(dir, { recursive: true, force: true }); });

function trained(task, layers) {
  const s = engine.createSequenceSession({ task: { trainSamples: 60, testSamples: 10, seed: 2, ...task }, network: { seed: 3, layers } });
  sessions.push(s);
  s.train(5);
  return s;
}

const MODELS = {
  lstm: () => trained({ task: 'first_bit', length: 6 }, [{ kind: 'lstm', units: 4 }, { kind: 'dense', units: 2 }]),
  gru: () => trained({ task: 'copy', length: 5, symbols: 5 }, [
    { kind: 'embedding', vocabulary: 5, dimension: 3 }, { kind: 'gru', units: 4, returnSequences: true }, { kind: 'dense_per_step', units: 5 }]),
  simple_rnn: () => trained({ task: 'sum_of_sines', length: 7 }, [{ kind: 'simple_rnn', units: 5 }, { kind: 'dense', units: 1 }]),
  transformer: () => trained({ task: 'reverse', length: 4, symbols: 6 }, [
    { kind: 'embedding', vocabulary: 6, dimension: 4 }, { kind: 'positional_encoding', encoding: 'learned' },
    { kind: 'transformer_block', heads: 2, ffUnits: 8, causal: true }, { kind: 'dense_per_step', units: 6 }]),
  transformer_signal: () => trained({ task: 'parity', length: 5 }, [
    { kind: 'dense_per_step', units: 4 }, { kind: 'positional_encoding', encoding: 'sinusoidal' },
    { kind: 'transformer_block', heads: 1, ffUnits: 6 }, { kind: 'flatten' }, { kind: 'dense', units: 2 }]),
};

// ---- The reference re-layout (from engine/layers/*.h: every matrix column-major) ----------
// M(i, j) of a column-major rows × cols matrix at `at` is p[at + j·rows + i].
function reference(model, framework) {
  const p = model.parameters;
  const out = {};
  let at = 0;
  let [T, F] = model.config.network.inputShape;
  const put = (key, shape, fn) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(n);
    if (shape.length === 1) for (let i = 0; i < n; i++) values[i] = fn(i);
    else for (let i = 0; i < shape[0]; i++) for (let j = 0; j < shape[1]; j++) values[i * shape[1] + j] = fn(i, j);
    out[key] = { shape, values };
  };
  const keras = framework === 'keras';
  const counts = {};
  for (const layer of model.config.network.layers) {
    counts[layer.kind] = (counts[layer.kind] ?? 0) + 1;
    const name = `${layer.kind}_${counts[layer.kind]}`;
    const M = (base, rows) => (i, j) => p[base + j * rows + i];
    switch (layer.kind) {
      case 'embedding': {
        const V = layer.vocabulary, D = layer.dimension, E = M(at, V);
        put(`${name}.${keras ? 'embeddings' : 'weight'}`, [V, D], (v, d) => E(v, d));
        at += V * D; F = D;
        break;
      }
      case 'simple_rnn': case 'lstm': case 'gru': {
        const H = layer.units, G = { simple_rnn: 1, lstm: 4, gru: 3 }[layer.kind], GH = G * H;
        const W = M(at, F), U = M(at + F * GH, H), b = (k) => p[at + F * GH + H * GH + k];
        const bh = (k) => p[at + F * GH + H * GH + GH + k];
        if (keras) {
          // Keras: LSTM i, f, c, o and GRU z, r, h (reset_after) are the engine's orders.
          put(`${name}.kernel`, [F, GH], (i, j) => W(i, j));
          put(`${name}.recurrent_kernel`, [H, GH], (i, j) => U(i, j));
          if (layer.kind === 'gru') put(`${name}.bias`, [2, GH], (r, j) => (r === 0 ? b(j) : bh(j)));
          else put(`${name}.bias`, [GH], (j) => b(j));
        } else {
          // PyTorch row g·H + u of gate g in ITS order: LSTM i, f, g, o (engine i, f, c, o);
          // GRU r, z, n = engine gates 1, 0, 2.
          const gate = layer.kind === 'gru' ? [1, 0, 2] : [0, 1, 2, 3];
          const col = (row) => gate[Math.floor(row / H)] * H + (row % H);
          put(`${name}.weight_ih_l0`, [GH, F], (row, i) => W(i, col(row)));
          put(`${name}.weight_hh_l0`, [GH, H], (row, i) => U(i, col(row)));
          put(`${name}.bias_ih_l0`, [GH], (row) => b(col(row)));
          put(`${name}.bias_hh_l0`, [GH], (row) => (layer.kind === 'gru' ? bh(col(row)) : 0));
        }
        at += F * GH + H * GH + (layer.kind === 'gru' ? 2 : 1) * GH;
        if (layer.returnSequences) F = H; else { T = 1; F = H; }
        break;
      }
      case 'dense': case 'dense_per_step': {
        const n = layer.kind === 'dense' ? T * F : F, units = layer.units, W = M(at, n);
        if (keras) put(`${name}.kernel`, [n, units], (i, j) => W(i, j));
        else put(`${name}.weight`, [units, n], (j, i) => W(i, j));
        put(`${name}.bias`, [units], (j) => p[at + n * units + j]);
        at += n * units + units;
        if (layer.kind === 'dense') T = 1;
        F = units;
        break;
      }
      case 'flatten': F *= T; T = 1; break;
      case 'positional_encoding':
        if (layer.encoding === 'learned') {
          const base = at;
          put(`${name}.table`, [T, F], (t, j) => p[base + t * F + j]);
          at += T * F;
        }
        break;
      case 'transformer_block': {
        const D = F, FF = layer.ffUnits, K = M(at, D), B = (k) => p[at + 4 * D * D + k];
        let o = at + 4 * D * D + 4 * D;
        const vec = (n) => { const base = o; o += n; return (k) => p[base + k]; };
        const g1 = vec(D), be1 = vec(D);
        const W1 = M(o, D); o += D * FF; const b1 = vec(FF);
        const W2 = M(o, FF); o += FF * D; const b2 = vec(D);
        const g2 = vec(D), be2 = vec(D);
        if (keras) {
          ['q', 'k', 'v', 'o'].forEach((w, h) => {
            put(`${name}.attention.${w}.kernel`, [D, D], (i, j) => K(i, h * D + j));
            put(`${name}.attention.${w}.bias`, [D], (j) => B(h * D + j));
          });
          put(`${name}.norm1.gamma`, [D], g1); put(`${name}.norm1.beta`, [D], be1);
          put(`${name}.ff1.kernel`, [D, FF], (i, j) => W1(i, j)); put(`${name}.ff1.bias`, [FF], b1);
          put(`${name}.ff2.kernel`, [FF, D], (i, j) => W2(i, j)); put(`${name}.ff2.bias`, [D], b2);
          put(`${name}.norm2.gamma`, [D], g2); put(`${name}.norm2.beta`, [D], be2);
        } else {
          put(`${name}.self_attn.in_proj_weight`, [3 * D, D], (row, i) => K(i, row));
          put(`${name}.self_attn.in_proj_bias`, [3 * D], (row) => B(row));
          put(`${name}.self_attn.out_proj.weight`, [D, D], (row, i) => K(i, 3 * D + row));
          put(`${name}.self_attn.out_proj.bias`, [D], (row) => B(3 * D + row));
          put(`${name}.norm1.weight`, [D], g1); put(`${name}.norm1.bias`, [D], be1);
          put(`${name}.linear1.weight`, [FF, D], (j, i) => W1(i, j)); put(`${name}.linear1.bias`, [FF], b1);
          put(`${name}.linear2.weight`, [D, FF], (j, i) => W2(i, j)); put(`${name}.linear2.bias`, [D], b2);
          put(`${name}.norm2.weight`, [D], g2); put(`${name}.norm2.bias`, [D], be2);
        }
        at = o;
        break;
      }
      default: throw new Error(`no reference for ${layer.kind}`);
    }
  }
  assert.equal(at, p.length, 'the reference walked every parameter');
  return out;
}

const decode = (text) => {
  const bytes = Buffer.from(text, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};

for (const [label, make] of Object.entries(MODELS)) {
  test(`${label}: the Keras and PyTorch scripts compile and hold every weight in their layout`, async () => {
    const session = make();
    const text = session.saveModel();
    const model = JSON.parse(text);
    for (const [framework, script] of [['keras', kerasSequenceScript], ['pytorch', pytorchSequenceScript]]) {
      const path = join(dir, `${label}-${framework}.py`);
      await writeFile(path, script(text));
      await run('python3', ['-m', 'py_compile', path]).catch((e) => assert.fail(`py_compile ${label} ${framework}:\n${e.stderr}`));
      const weights = await weightsOf(path);
      const expected = reference(model, framework);
      assert.deepEqual(Object.keys(weights).sort(), Object.keys(expected).sort(), `${label} ${framework}: the weights the script holds`);
      for (const [key, { shape, values }] of Object.entries(expected)) {
        const [gotShape, b64] = weights[key];
        assert.deepEqual(gotShape, shape, `${framework} ${key}: shape`);
        assert.deepEqual(Array.from(decode(b64)), Array.from(values), `${framework} ${key}: values`);
      }
    }
  });
}

// PyTorch's recurrent formulas in plain Python, on the script's WEIGHTS (its keys and layout):
// nn.LSTM gates i, f, g, o; nn.GRU gates r, z, n with n = tanh(W_in·x + b_in + r ⊙ (W_hn·h + b_hn)).
const FORWARD = `import ast, base64, json, math, struct, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
W = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", None) == "WEIGHTS")
def weight(key):
    shape, text = W[key]
    flat = list(struct.unpack("<%df" % (len(base64.b64decode(text)) // 4), base64.b64decode(text)))
    return flat if len(shape) == 1 else [flat[r * shape[1]:(r + 1) * shape[1]] for r in range(shape[0])]
def mv(m, v): return [sum(a * b for a, b in zip(row, v)) for row in m]
def sig(x): return 1 / (1 + math.exp(-x))
kind, inputs = sys.argv[2], json.loads(sys.argv[3])
if kind == "lstm":
    wi, wh, bi, bh = (weight("lstm_1." + k) for k in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"))
    H = len(bh) // 4
    h, c = [0.0] * H, [0.0] * H
    for x in inputs:
        g = [a + b + d + e for a, b, d, e in zip(mv(wi, [x]), bi, mv(wh, h), bh)]
        i, f, gg, o = ([g[k * H + u] for u in range(H)] for k in range(4))
        c = [sig(f[u]) * c[u] + sig(i[u]) * math.tanh(gg[u]) for u in range(H)]
        h = [sig(o[u]) * math.tanh(c[u]) for u in range(H)]
    dw, db = weight("dense_1.weight"), weight("dense_1.bias")
    out = [a + b for a, b in zip(mv(dw, h), db)]
else:
    emb = weight("embedding_1.weight")
    wi, wh, bi, bh = (weight("gru_1." + k) for k in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"))
    dw, db = weight("dense_per_step_1.weight"), weight("dense_per_step_1.bias")
    H = len(bh) // 3
    h, out = [0.0] * H, []
    for token in inputs:
        gi = [a + b for a, b in zip(mv(wi, emb[int(token)]), bi)]
        gh = [a + b for a, b in zip(mv(wh, h), bh)]
        r = [sig(gi[u] + gh[u]) for u in range(H)]
        z = [sig(gi[H + u] + gh[H + u]) for u in range(H)]
        n = [math.tanh(gi[2 * H + u] + r[u] * gh[2 * H + u]) for u in range(H)]
        h = [(1 - z[u]) * n[u] + z[u] * h[u] for u in range(H)]
        out += [a + b for a, b in zip(mv(dw, h), db)]
print(json.dumps(out))
`;

// nn.TransformerEncoderLayer (post-norm, batch_first, ReLU, no dropout) as PyTorch defines it, in
// plain Python on the script's weights: embedding, learned positions, the causal block, the head.
const TRANSFORMER_FORWARD = `import ast, base64, json, math, struct, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
W = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", None) == "WEIGHTS")
def weight(key):
    shape, text = W[key]
    data = base64.b64decode(text)
    flat = list(struct.unpack("<%df" % (len(data) // 4), data))
    return flat if len(shape) == 1 else [flat[r * shape[1]:(r + 1) * shape[1]] for r in range(shape[0])]
def linear(x, w, b): return [sum(a * c for a, c in zip(row, x)) + bb for row, bb in zip(w, b)]
def norm(x, g, b):
    m = sum(x) / len(x)
    v = sum((a - m) ** 2 for a in x) / len(x)
    return [(a - m) / math.sqrt(v + 1e-5) * gg + bb for a, gg, bb in zip(x, g, b)]
tokens, heads = json.loads(sys.argv[2]), int(sys.argv[3])
emb, pos = weight("embedding_1.weight"), weight("positional_encoding_1.table")
x = [[e + p for e, p in zip(emb[int(t)], pos[s])] for s, t in enumerate(tokens)]
B = "transformer_block_1."
D, T = len(x[0]), len(x)
d = D // heads
inw, inb = weight(B + "self_attn.in_proj_weight"), weight(B + "self_attn.in_proj_bias")
qkv = [linear(row, inw, inb) for row in x]
context = [[0.0] * D for _ in range(T)]
for h in range(heads):
    cols = range(h * d, h * d + d)
    for i in range(T):
        scores = [sum(qkv[i][c] * qkv[j][D + c] for c in cols) / math.sqrt(d) if j <= i else -math.inf for j in range(T)]
        top = max(scores)
        e = [math.exp(s - top) for s in scores]
        for c in cols:
            context[i][c] = sum(e[j] * qkv[j][2 * D + c] for j in range(T)) / sum(e)
attended = [linear(row, weight(B + "self_attn.out_proj.weight"), weight(B + "self_attn.out_proj.bias")) for row in context]
u = [norm([a + b for a, b in zip(xr, ar)], weight(B + "norm1.weight"), weight(B + "norm1.bias")) for xr, ar in zip(x, attended)]
hidden = [[max(0.0, v) for v in linear(row, weight(B + "linear1.weight"), weight(B + "linear1.bias"))] for row in u]
ff = [linear(row, weight(B + "linear2.weight"), weight(B + "linear2.bias")) for row in hidden]
y = [norm([a + b for a, b in zip(ur, fr)], weight(B + "norm2.weight"), weight(B + "norm2.bias")) for ur, fr in zip(u, ff)]
out = [v for row in y for v in linear(row, weight("dense_per_step_1.weight"), weight("dense_per_step_1.bias"))]
print(json.dumps(out))
`;

for (const kind of ['lstm', 'gru']) {
  test(`${kind}: a forward pass of the exported PyTorch weights, in PyTorch's gate order, gives the engine's output`, async () => {
    const session = MODELS[kind]();
    const path = join(dir, `${kind}-forward.py`);
    await writeFile(path, pytorchSequenceScript(session.saveModel()));
    for (const sample of [0, 3]) {
      const v = session.views(sample);
      const { stdout } = await run('python3', ['-c', FORWARD, path, kind, JSON.stringify(Array.from(v.input))]);
      const out = JSON.parse(stdout);
      assert.equal(out.length, v.output.length);
      out.forEach((y, i) => assert.ok(Math.abs(y - v.output[i]) < 2e-5, `${kind} sample ${sample} output ${i}: Python ${y}, engine ${v.output[i]}`));
    }
  });
}

test('transformer: the formulas of PyTorch nn.TransformerEncoderLayer on the exported weights give the engine output', async () => {
  const session = MODELS.transformer();
  const path = join(dir, 'transformer-forward.py');
  await writeFile(path, pytorchSequenceScript(session.saveModel()));
  for (const sample of [0, 5]) {
    const v = session.views(sample);
    const { stdout } = await run('python3', ['-c', TRANSFORMER_FORWARD, path, JSON.stringify(Array.from(v.input)), '2']);
    const out = JSON.parse(stdout);
    assert.equal(out.length, v.output.length);
    out.forEach((y, i) => assert.ok(Math.abs(y - v.output[i]) < 1e-4, `sample ${sample} output ${i}: Python ${y}, engine ${v.output[i]}`));
  }
});
