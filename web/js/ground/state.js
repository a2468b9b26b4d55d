// The page's configuration: one plain object that the URL mirrors (url-state.js) and that
// toEngineConfig() turns into the engine's configuration (docs/api-reference.md).
// Everything a learner sets lives here; what the engine computes (weights, metrics) does not.
import { ACTIVATIONS, DATASETS, FEATURES, LIMITS, MULTICLASS_KINDS, OPTIMIZERS, OUTPUT_HEADS, REGRESSION_KINDS } from './catalog.js';
import { RULES, schemaField } from './rules.js';
import { readNumber } from './validate.js';

export function defaultState() {
  return {
    data: {
      kind: 'circle',      // the engine's data set kind (catalog DATASETS)
      noise: 0.1,          // σ of the jitter, in coordinate units (0–1)
      points: 300,         // 4–5000
      testPercent: 30,     // share held out for the test set, 0–90 %
      seed: 1,             // data set and split
      classes: 3,          // multi-class kinds only (blobs, multi_spiral): 2–8
      custom: null,        // { points: Float32Array(2n), labels: Float32Array(n), classes, bounds }
    },
    features: ['x1', 'x2'],
    network: {
      hidden: [
        { units: 4, activation: 'tanh', dropout: 0, batchNorm: false },
        { units: 2, activation: 'tanh', dropout: 0, batchNorm: false },
      ],
      head: 'auto',        // 'auto' or 'activation:loss' (catalog OUTPUT_HEADS)
      initializer: 'auto',
      seed: 1,             // weights; Reset re-draws from it, so a run is reproducible
    },
    optimizer: { kind: 'sgd', learningRate: 0.03, ...optimizerDefaults('sgd'), weightDecay: 0 },
    training: { batchSize: 10, regularization: 'none', regularizationRate: 0 },
    // When training stops by itself (training-monitor.js); 0 = off. accuracy in % (0–100).
    stop: { epoch: 0, loss: 0, accuracy: 0, patience: 0 },
    view: { speed: 60, discretize: false, showTest: true, logScale: false },
  };
}

/** The kind-specific hyper-parameters at the engine's defaults (the schema's per-kind defaults). */
export function optimizerDefaults(kind) {
  const value = (name) => {
    const f = schemaField('optimizer', name);
    return f.defaultFor?.[kind] ?? f.default;
  };
  return { momentum: value('momentum'), rho: value('rho'), beta1: value('beta1'), beta2: value('beta2'), epsilon: value('epsilon') };
}

/** A deep copy (typed arrays included) so views never share mutable pieces. */
export function cloneState(state) {
  const copy = structuredClone({ ...state, data: { ...state.data, custom: null } });
  const c = state.data.custom;
  if (c) copy.data.custom = { ...c, points: c.points.slice(), labels: c.labels.slice(), bounds: [...c.bounds] };
  return copy;
}

/** 'binary' | 'multiclass' | 'regression' for the current data. */
export function taskOf(state) {
  const classes = classCount(state);
  return classes === 0 ? 'regression' : classes === 2 ? 'binary' : 'multiclass';
}


export function classCount(state) {
  const c = state.data.custom;
  if (c) return c.classes;
  const kind = state.data.kind;
  if (REGRESSION_KINDS.has(kind)) return 0;
  return MULTICLASS_KINDS.has(kind) ? state.data.classes : 2;
}

/** The configuration object the engine's Session takes. */
export function toEngineConfig(state) {
  const d = state.data;
  const kind = d.kind;
  const data = {
    source: d.custom ? 'custom' : 'generated',
    kind,
    points: d.points,
    noise: d.noise,
    classes: d.classes,
    seed: d.seed,
    testFraction: d.testPercent / 100,
    features: FEATURES.map((f) => f.id).filter((id) => state.features.includes(id)),
  };
  const [activation, loss] = state.network.head === 'auto' ? ['auto', 'auto'] : state.network.head.split(':');
  const network = {
    hidden: state.network.hidden.map((h) => ({ units: h.units, activation: h.activation, dropout: h.dropout, batchNorm: h.batchNorm })),
    output: { activation, loss },
    initializer: state.network.initializer,
    seed: state.network.seed,
  };
  const o = state.optimizer;
  const optimizer = { kind: o.kind, learningRate: o.learningRate, weightDecay: o.weightDecay };
  for (const p of OPTIMIZERS.find((x) => x.id === o.kind).params) optimizer[p] = o[p];
  const training = {
    batchSize: state.training.batchSize,
    regularization: state.training.regularization,
    regularizationRate: state.training.regularizationRate,
  };
  return { data, network, optimizer, training };
}

/** [xMin, xMax, yMin, yMax] → {xMin, xMax, yMin, yMax} */
export function boundsObject([xMin, xMax, yMin, yMax]) {
  return { xMin, xMax, yMin, yMax };
}

/**
 * The page state for an engine configuration (a loaded model file), keeping the view
 * settings of `previous`. Throws an Error naming what this page cannot show.
 */
export function fromEngineConfig(config, previous) {
  const s = cloneState(previous);
  const d = config.data ?? {};
  const check = (value, rule) => {
    const r = readNumber(String(value), rule);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };
  if (d.task === 'autoencoder') throw new Error('it trains an autoencoder, which this page does not draw');
  if (!DATASETS.some((x) => x.kind === d.kind)) throw new Error(`its data set "${d.kind}" is not one this page offers`);
  s.data = {
    ...s.data,
    kind: d.kind,
    points: check(d.points, RULES.points),
    noise: check(d.noise, RULES.noise),
    classes: check(d.classes, RULES.classes),
    seed: check(d.seed, RULES.seed),
    testPercent: Math.round(check(d.testFraction * 100, { ...RULES.testPercent, integer: false })),
    custom: null,
  };
  s.features = FEATURES.map((f) => f.id).filter((id) => (d.features ?? []).includes(id));
  if (s.features.length === 0) throw new Error('it uses inputs this page does not offer');
  const n = config.network ?? {};
  if (!Array.isArray(n.hidden)) throw new Error('its network is an explicit layer stack, which this page cannot edit');
  if (n.hidden.length > LIMITS.maxLayers) throw new Error(`it has ${n.hidden.length} hidden layers; this page draws at most ${LIMITS.maxLayers}`);
  s.network = {
    hidden: n.hidden.map((h) => {
      if (!ACTIVATIONS.some((a) => a.id === h.activation)) throw new Error(`a hidden layer uses the activation "${h.activation}"`);
      return { units: check(h.units, RULES.units), activation: h.activation, dropout: check(h.dropout ?? 0, RULES.dropout), batchNorm: Boolean(h.batchNorm) };
    }),
    head: headOf(n.output ?? {}),
    initializer: n.initializer ?? 'auto',
    seed: check(n.seed ?? 1, RULES.networkSeed),
  };
  const o = config.optimizer ?? {};
  if (!OPTIMIZERS.some((x) => x.id === o.kind)) throw new Error(`its optimizer "${o.kind}" is unknown here`);
  s.optimizer = { kind: o.kind, ...optimizerDefaults(o.kind), learningRate: check(o.learningRate, RULES.learningRate), weightDecay: check(o.weightDecay ?? 0, RULES.weightDecay) };
  for (const p of ['momentum', 'rho', 'beta1', 'beta2', 'epsilon']) if (o[p] !== undefined) s.optimizer[p] = check(o[p], RULES[p]);
  const t = config.training ?? {};
  s.training = {
    batchSize: check(t.batchSize ?? 10, RULES.batchSize),
    regularization: t.regularization ?? 'none',
    regularizationRate: check(t.regularizationRate ?? 0, RULES.regularizationRate),
  };
  return s;
}

function headOf(output) {
  if ((output.activation ?? 'auto') === 'auto' && (output.loss ?? 'auto') === 'auto') return 'auto';
  const activation = output.activation;
  const loss = output.loss === 'auto' || !output.loss ? (activation === 'sigmoid' ? 'binary_cross_entropy' : activation === 'softmax' ? 'categorical_cross_entropy' : 'mse') : output.loss;
  const id = `${activation}:${loss}`;
  if (!Object.values(OUTPUT_HEADS).flat().some((h) => h.id === id)) throw new Error(`its output layer (${activation} with ${loss}) is not one this page offers`);
  return id;
}
