// The state ↔ the page URL (?v=1&…). Every parameter is declared once in PARAMS with how it
// is read and written. Reading never throws: an unknown or invalid value keeps the default
// and adds a notice naming the parameter, so a mangled link still opens a working page.
import { ACTIVATIONS, DATASETS, FEATURES, INITIALIZERS, OPTIMIZERS, OUTPUT_HEADS, REGULARIZATIONS, LIMITS, SPEEDS } from './catalog.js';
import { cloneState, defaultState, optimizerDefaults } from './state.js';
import { RULES } from './rules.js';
import { readNumber } from './validate.js';
import { decodePoints, encodePoints } from './points-codec.js';

export const URL_VERSION = 1;

const KINDS = [...new Set(DATASETS.map((d) => d.kind))];
const HEADS = [...new Set(Object.values(OUTPUT_HEADS).flat().map((h) => h.id))];
const ids = (list) => list.map((x) => x.id);

const number = (rule, get, set) => ({
  read(text, s) {
    const r = readNumber(text, rule);
    if (!r.ok) return r.message;
    set(s, r.value);
    return null;
  },
  write: (s) => String(get(s)),
});
const choice = (label, allowed, get, set) => ({
  read(text, s) {
    if (!allowed.includes(text)) return `${label}: "${text}" is not one of ${allowed.join(', ')}.`;
    set(s, text);
    return null;
  },
  write: (s) => get(s),
});
const flag = (get, set) => ({
  read(text, s) {
    if (text !== '0' && text !== '1') return `"${text}" should be 0 or 1.`;
    set(s, text === '1');
    return null;
  },
  write: (s) => (get(s) ? '1' : '0'),
});

/** One entry per URL parameter, in the order they are written. */
const PARAMS = {
  data: choice('Data set', KINDS, (s) => s.data.kind, (s, v) => { s.data.kind = v; }),
  classes: number(RULES.classes, (s) => s.data.classes, (s, v) => { s.data.classes = v; }),
  noise: number(RULES.noise, (s) => s.data.noise, (s, v) => { s.data.noise = v; }),
  n: number(RULES.points, (s) => s.data.points, (s, v) => { s.data.points = v; }),
  test: number(RULES.testPercent, (s) => s.data.testPercent, (s, v) => { s.data.testPercent = v; }),
  seed: number(RULES.seed, (s) => s.data.seed, (s, v) => { s.data.seed = v; }),
  features: {
    read(text, s) {
      const list = text.split(',').filter(Boolean);
      const bad = list.find((f) => !ids(FEATURES).includes(f));
      if (bad) return `Features: "${bad}" is not one of ${ids(FEATURES).join(', ')}.`;
      if (list.length === 0) return 'Features: at least one input is needed.';
      s.features = ids(FEATURES).filter((f) => list.includes(f));
      return null;
    },
    write: (s) => s.features.join(','),
  },
  layers: {
    read(text, s) {
      if (text === 'none') { s.network.hidden = []; return null; }
      const parts = text.split(',');
      if (parts.length > LIMITS.maxLayers) return `Hidden layers: ${parts.length} is more than the ${LIMITS.maxLayers} this page draws.`;
      const hidden = [];
      for (const part of parts) {
        const [unitsText, activation = 'tanh', ...extras] = part.split(':');
        const units = readNumber(unitsText, RULES.units);
        if (!units.ok) return `Hidden layers: ${units.message}`;
        if (!ids(ACTIVATIONS).includes(activation)) return `Hidden layers: "${activation}" is not one of ${ids(ACTIVATIONS).join(', ')}.`;
        const layer = { units: units.value, activation, dropout: 0, batchNorm: false };
        for (const extra of extras) {
          if (extra === 'bn') { layer.batchNorm = true; continue; }
          const dropout = extra.startsWith('d') ? readNumber(extra.slice(1), RULES.dropout) : null;
          if (!dropout?.ok) return `Hidden layers: "${extra}" is neither "bn" nor a dropout such as "d0.2".`;
          layer.dropout = dropout.value;
        }
        hidden.push(layer);
      }
      s.network.hidden = hidden;
      return null;
    },
    write: (s) => (s.network.hidden.length === 0 ? 'none' : s.network.hidden.map((h) =>
      [h.units, h.activation, ...(h.dropout > 0 ? [`d${h.dropout}`] : []), ...(h.batchNorm ? ['bn'] : [])].join(':')).join(',')),
  },
  head: choice('Output layer', HEADS, (s) => s.network.head, (s, v) => { s.network.head = v; }),
  init: choice('Initializer', ids(INITIALIZERS), (s) => s.network.initializer, (s, v) => { s.network.initializer = v; }),
  wseed: number(RULES.networkSeed, (s) => s.network.seed, (s, v) => { s.network.seed = v; }),
  opt: choice('Optimizer', ids(OPTIMIZERS), (s) => s.optimizer.kind, (s, v) => {
    s.optimizer = { ...s.optimizer, ...optimizerDefaults(v), kind: v };
  }),
  lr: number(RULES.learningRate, (s) => s.optimizer.learningRate, (s, v) => { s.optimizer.learningRate = v; }),
  momentum: number(RULES.momentum, (s) => s.optimizer.momentum, (s, v) => { s.optimizer.momentum = v; }),
  rho: number(RULES.rho, (s) => s.optimizer.rho, (s, v) => { s.optimizer.rho = v; }),
  beta1: number(RULES.beta1, (s) => s.optimizer.beta1, (s, v) => { s.optimizer.beta1 = v; }),
  beta2: number(RULES.beta2, (s) => s.optimizer.beta2, (s, v) => { s.optimizer.beta2 = v; }),
  eps: number(RULES.epsilon, (s) => s.optimizer.epsilon, (s, v) => { s.optimizer.epsilon = v; }),
  wd: number(RULES.weightDecay, (s) => s.optimizer.weightDecay, (s, v) => { s.optimizer.weightDecay = v; }),
  batch: number(RULES.batchSize, (s) => s.training.batchSize, (s, v) => { s.training.batchSize = v; }),
  reg: choice('Regularization', ids(REGULARIZATIONS), (s) => s.training.regularization, (s, v) => { s.training.regularization = v; }),
  regrate: number(RULES.regularizationRate, (s) => s.training.regularizationRate, (s, v) => { s.training.regularizationRate = v; }),
  // Stop conditions (written only when set, so older links and tests see no change).
  stop: { ...number(RULES.stopEpoch, (s) => s.stop.epoch, (s, v) => { s.stop.epoch = v; }), skip: (s) => !s.stop.epoch },
  stoploss: { ...number(RULES.stopLoss, (s) => s.stop.loss, (s, v) => { s.stop.loss = v; }), skip: (s) => !s.stop.loss },
  stopacc: { ...number(RULES.stopAccuracy, (s) => s.stop.accuracy, (s, v) => { s.stop.accuracy = v; }), skip: (s) => !s.stop.accuracy },
  patience: { ...number(RULES.patience, (s) => s.stop.patience, (s, v) => { s.stop.patience = v; }), skip: (s) => !s.stop.patience },
  speed: {
    read(text, s) {
      const v = text === 'max' ? Infinity : Number(text);
      if (!SPEEDS.includes(v)) return `Speed: "${text}" is not one of ${SPEEDS.map((x) => (x === Infinity ? 'max' : x)).join(', ')}.`;
      s.view.speed = v;
      return null;
    },
    write: (s) => (s.view.speed === Infinity ? 'max' : String(s.view.speed)),
  },
  discretize: flag((s) => s.view.discretize, (s, v) => { s.view.discretize = v; }),
  showtest: flag((s) => s.view.showTest, (s, v) => { s.view.showTest = v; }),
  log: flag((s) => s.view.logScale, (s, v) => { s.view.logScale = v; }),
};

// Hostile or mangled links (tests/e2e/hostile-page.test.mjs): notices quote at most this much.
const MAX_VALUE_CHARS = 1000;    // longer values are refused unread (custom points excepted)
const MAX_NOTICE_CHARS = 400;
const MAX_UNKNOWN_NAMED = 10;

/** text, cut to `max` characters with a note of its length. */
function shorten(text, max = 60) {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/** Parameters that hold custom points; read after the rest (they need the box). */
const CUSTOM_KEYS = ['box', 'pts'];

/**
 * A page's link format: the settings plus parameters that other modules own and read
 * themselves (lessons, compare mode). The reader does not call those unknown, and write()
 * appends what they write. One per page (the page creates it and hands it to who needs it).
 */
export class LinkFormat {
  #extensions = new Map();

  /** extension: { keys: string[], write(): [key, value][] }; registering a name again replaces it. */
  register(name, extension) { this.#extensions.set(name, extension); }

  /** readUrlState with this page's extensions. */
  read(search, base = null) { return readUrlState(search, base, [...this.#extensions.values()]); }

  /** writeUrlState with this page's extensions. */
  write(state) { return writeUrlState(state, [...this.#extensions.values()]); }
}

/**
 * @param {string} search location.search
 * @param {object|null} [base] the state the link's settings apply to (default: the defaults), e.g. a lesson's
 * @param {{keys: string[]}[]} [extensions] parameters other modules own (LinkFormat)
 * @returns {{state: object, notices: string[]}}
 */
export function readUrlState(search, base = null, extensions = []) {
  const extensionKey = (key) => extensions.some((e) => e.keys.includes(key));
  const state = base ? cloneState(base) : defaultState();
  const notices = [];
  let params;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { state, notices: ['The link could not be read; the default settings are shown.'] };
  }
  if ([...params.keys()].every(extensionKey)) return { state, notices };   // no setting (or only others')
  const version = params.get('v');
  if (version === null) notices.push('The link has no version (v=…); it was read as version 1.');
  else if (version !== String(URL_VERSION)) {
    notices.push(`The link is version "${shorten(version)}"; this page reads version ${URL_VERSION}. Settings it could read were applied.`);
  }
  // Reading the optimizer kind first lets an explicit epsilon override the kind's default.
  const order = ['opt', ...Object.keys(PARAMS).filter((k) => k !== 'opt')];
  for (const key of order) {
    if (!params.has(key)) continue;
    const text = params.get(key);
    // No setting is this long: say so instead of quoting it (a notice must stay readable).
    const problem = text.length > MAX_VALUE_CHARS ? `its value is ${text.length} characters long.` : PARAMS[key].read(text, state);
    if (problem) notices.push(`"${key}" was ignored: ${shorten(problem, MAX_NOTICE_CHARS)}`);
  }
  const unknown = [...new Set(params.keys())].filter((key) => key !== 'v' && !(key in PARAMS) && !CUSTOM_KEYS.includes(key) && !extensionKey(key));
  for (const key of unknown.slice(0, MAX_UNKNOWN_NAMED)) notices.push(`"${shorten(key)}" is unknown and was ignored.`);
  if (unknown.length > MAX_UNKNOWN_NAMED) notices.push(`…and ${unknown.length - MAX_UNKNOWN_NAMED} more unknown parameters were ignored.`);
  if (params.has('pts')) {
    try {
      const box = (params.get('box') ?? '').split(',').map(Number);
      if (box.length !== 4 || !box.every(Number.isFinite) || box[0] >= box[1] || box[2] >= box[3]) {
        throw new Error('its drawing box (box=xMin,xMax,yMin,yMax) is missing or invalid');
      }
      state.data.custom = decodePoints(params.get('pts'), box);
    } catch (error) {
      notices.push(`The link's custom points could not be read (${error.message}); the generated data set is shown instead.`);
    }
  }
  return { state, notices };
}

/** The query string (without "?") for a state; extensions (LinkFormat) append their parameters. */
export function writeUrlState(state, extensions = []) {
  const params = new URLSearchParams();
  params.set('v', String(URL_VERSION));
  const relevantOptimizerParams = new Set(OPTIMIZERS.find((o) => o.id === state.optimizer.kind).params);
  const optimizerKey = { momentum: 'momentum', rho: 'rho', beta1: 'beta1', beta2: 'beta2', eps: 'epsilon' };
  for (const [key, param] of Object.entries(PARAMS)) {
    if (key in optimizerKey && !relevantOptimizerParams.has(optimizerKey[key])) continue;
    if (param.skip?.(state)) continue;
    params.set(key, param.write(state));
  }
  const custom = state.data.custom;
  if (custom) {
    params.set('box', custom.bounds.map((v) => Number(v.toPrecision(6))).join(','));
    params.set('pts', encodePoints(custom));
  }
  for (const extension of extensions) for (const [key, value] of extension.write()) params.set(key, value);
  return params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
}
