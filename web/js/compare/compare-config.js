// Compare mode's configuration: the setting that varies, its 2–4 values, the target loss and
// the epoch budget; how they read from and write to the URL; and each run's engine
// configuration — the page's settings (the base) with that one setting replaced.
// Pure: no DOM, no engine (the Node tests run it).
import { ACTIVATIONS, INITIALIZERS, OPTIMIZERS } from '../ground/catalog.js';
import { RULES } from '../ground/rules.js';
import { optimizerDefaults, toEngineConfig } from '../ground/state.js';
import { readNumber } from '../ground/validate.js';

export const MIN_RUNS = 2;
export const MAX_RUNS = 4;
export const TARGET_RULE = { name: 'Target loss', min: 0, max: 100 };
export const EPOCHS_RULE = { name: 'Epochs', min: 1, max: 10000, integer: true };

/** Run colours (Okabe–Ito: blue, vermillion, bluish green, reddish purple). */
export const RUN_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7'];

const options = (list) => list.map(({ id, label, tip }) => ({ id, label, tip }));
const labelOf = (list, id) => list.find((x) => x.id === id)?.label ?? id;
const eachHidden = (config, fn) => config.network.hidden.forEach(fn);

/**
 * The settings a comparison can vary. choice settings list their options; number settings
 * give the rule a value must satisfy. apply(config, value) edits an engine configuration.
 */
export const VARIABLES = [
  {
    id: 'optimizer', label: 'Optimizer', type: 'choice', options: options(OPTIMIZERS), defaults: ['sgd', 'momentum', 'adam'],
    tip: 'How gradients become updates; each optimizer keeps its usual parameters (momentum 0.9, Adam β₁ 0.9 …).', replaces: 'the optimizer set below',
    runLabel: (v) => labelOf(OPTIMIZERS, v),
    apply(config, v, state) {
      const params = v === state.optimizer.kind ? state.optimizer : optimizerDefaults(v);
      const o = { kind: v, learningRate: config.optimizer.learningRate, weightDecay: config.optimizer.weightDecay };
      for (const p of OPTIMIZERS.find((x) => x.id === v).params) o[p] = params[p];
      config.optimizer = o;
    },
  },
  {
    id: 'activation', label: 'Activation', type: 'choice', options: options(ACTIVATIONS), defaults: ['sigmoid', 'tanh', 'relu'],
    tip: 'The non-linearity of every hidden layer.', replaces: 'the activation of every hidden layer below', needsHidden: true,
    runLabel: (v) => labelOf(ACTIVATIONS, v),
    apply(config, v) { eachHidden(config, (h) => { h.activation = v; }); },
  },
  {
    id: 'learningRate', label: 'Learning rate η', type: 'number', rule: RULES.learningRate, defaults: [0.003, 0.03, 0.3],
    tip: 'The step size of every update.', replaces: 'the learning rate below',
    runLabel: (v) => `η = ${v}`,
    apply(config, v) { config.optimizer.learningRate = v; },
  },
  {
    id: 'batchSize', label: 'Batch size', type: 'number', rule: RULES.batchSize, defaults: [1, 10, 100],
    tip: 'Training points per update: 1 is pure stochastic gradient descent, the whole training set is full-batch.', replaces: 'the batch size below',
    runLabel: (v) => `batch ${v}`,
    apply(config, v) { config.training.batchSize = v; },
  },
  {
    id: 'l2', label: 'L2 rate λ', type: 'number', rule: RULES.regularizationRate, defaults: [0, 0.01],
    tip: 'The L2 penalty (λ/2)·Σw² on the weights; 0 = no penalty.', replaces: 'the regularization below',
    runLabel: (v) => (v === 0 ? 'no L2' : `L2 λ = ${v}`),
    apply(config, v) {
      config.training.regularization = v > 0 ? 'l2' : 'none';
      config.training.regularizationRate = v;
    },
  },
  {
    id: 'dropout', label: 'Dropout rate', type: 'number', rule: RULES.dropout, defaults: [0, 0.5],
    tip: 'The fraction of every hidden layer\'s outputs zeroed at random while training.', replaces: 'the dropout of every hidden layer below', needsHidden: true,
    runLabel: (v) => (v === 0 ? 'no dropout' : `dropout ${v}`),
    apply(config, v) { eachHidden(config, (h) => { h.dropout = v; }); },
  },
  {
    id: 'batchNorm', label: 'Batch norm', type: 'choice', defaults: ['off', 'on'], needsHidden: true,
    options: [
      { id: 'off', label: 'off', tip: 'No batch normalization.' },
      { id: 'on', label: 'on', tip: 'Batch normalization after every hidden layer\'s weights.' },
    ],
    tip: 'Batch normalization after every hidden layer\'s weights.', replaces: 'the batch-norm setting of every hidden layer below',
    runLabel: (v) => (v === 'on' ? 'with batch norm' : 'without batch norm'),
    apply(config, v) { eachHidden(config, (h) => { h.batchNorm = v === 'on'; }); },
  },
  {
    id: 'initializer', label: 'Initializer', type: 'choice', options: options(INITIALIZERS), defaults: ['xavier_uniform', 'he_uniform', 'uniform_small'],
    tip: 'How the starting weights are drawn (from the same seed).', replaces: 'the initializer below',
    runLabel: (v) => labelOf(INITIALIZERS, v),
    apply(config, v) { config.network.initializer = v; },
  },
];

export const variable = (id) => VARIABLES.find((v) => v.id === id) ?? null;

/** A comparison with a setting's default values. */
export function defaultComparison(vary = 'optimizer') {
  return { vary, values: [...variable(vary).defaults], target: 0.1, epochs: 300 };
}

/** Reads one value of a setting: { ok, value } or { ok: false, message }. */
export function readValue(v, text) {
  if (v.type === 'choice') {
    const ok = v.options.some((o) => o.id === text);
    return ok ? { ok, value: text } : { ok, message: `${v.label}: "${text}" is not one of ${v.options.map((o) => o.id).join(', ')}.` };
  }
  return readNumber(text, v.rule);
}

/** Problems with a list of values (count, duplicates), or null. */
export function valuesProblem(v, values) {
  if (values.length < MIN_RUNS || values.length > MAX_RUNS) return `compare ${MIN_RUNS} to ${MAX_RUNS} values, not ${values.length}.`;
  if (new Set(values.map(String)).size !== values.length) return 'each value should appear once.';
  return null;
}

/** Reads the comparison's URL parameters on top of `base`; returns { comparison, problems }. */
export function readComparisonParams(params, base) {
  const problems = [];
  let c = base ? { ...base, values: [...base.values] } : null;
  if (params.has('compare')) {
    const v = variable(params.get('compare'));
    if (!v) problems.push(`"compare" was ignored: "${params.get('compare')}" is not one of ${VARIABLES.map((x) => x.id).join(', ')}.`);
    else if (!c || c.vary !== v.id) c = { ...defaultComparison(v.id), ...(c ? { target: c.target, epochs: c.epochs } : {}) };
  }
  if (!c) return { comparison: null, problems };
  const v = variable(c.vary);
  if (params.has('values')) {
    const read = params.get('values').split(',').map((t) => readValue(v, t.trim()));
    const bad = read.find((r) => !r.ok);
    const values = read.map((r) => r.value);
    const problem = bad ? bad.message : valuesProblem(v, values);
    if (problem) problems.push(`"values" was ignored: ${problem}`);
    else c.values = values;
  }
  for (const [key, rule] of [['target', TARGET_RULE], ['epochs', EPOCHS_RULE]]) {
    if (!params.has(key)) continue;
    const r = readNumber(params.get(key), rule);
    if (r.ok) c[key] = r.value;
    else problems.push(`"${key}" was ignored: ${r.message}`);
  }
  return { comparison: c, problems };
}

/** The comparison's URL parameters, in order. */
export function comparisonParams(c) {
  return [['compare', c.vary], ['values', c.values.join(',')], ['target', String(c.target)], ['epochs', String(c.epochs)]];
}

/**
 * One engine configuration per value: the page state's configuration with the varied
 * setting replaced. Every run shares the data, its split and the weight seed; the shuffling
 * seed follows the weight seed, as in `nnplay compare --seed`.
 * @returns {{runs: {label: string, value: *, config: object}[], warnings: string[]}}
 */
export function buildRuns(state, c) {
  const v = variable(c.vary);
  const warnings = [];
  if (v.needsHidden && state.network.hidden.length === 0) {
    warnings.push(`The network has no hidden layer, so varying the ${v.label.toLowerCase()} changes nothing: add a layer in the Network panel.`);
  }
  const runs = c.values.map((value) => {
    const config = toEngineConfig(state);
    config.training.seed = state.network.seed;
    v.apply(config, value, state);
    return { label: v.runLabel(value), value, config };
  });
  return { runs, warnings };
}
