// The sequence page's ONE state object, its URL form (shareable), the architecture presets and
// the engine config built from it. Every URL parameter is declared in the PARAMS table.
export const TASKS = [
  { value: 'sum_of_sines', label: 'Sum of sines: next value', kind: 'signal', doc: 'In: a window of a sum of two sines, one value per step. Out: the next value.' },
  { value: 'square_wave', label: 'Square wave: next value', kind: 'signal', doc: 'In: a window of a square wave. Out: the next value; the jumps are the hard part.' },
  { value: 'noisy_sine', label: 'Noisy sine: next clean value', kind: 'signal', doc: 'In: a sine with noise added to each step. Out: the next clean value: see through the noise.' },
  { value: 'first_bit', label: 'Remember the first bit', kind: 'memory', doc: 'In: random bits 0 / 1. Out, after the last step: the first bit. A test of long memory.' },
  { value: 'parity', label: 'Parity of the bits', kind: 'memory', doc: 'In: random bits 0 / 1. Out, after the last step: 1 if the number of ones is odd.' },
  { value: 'add_marked', label: 'Add the two marked numbers', kind: 'memory', doc: 'In: numbers in [0, 1), two of them marked. Out, after the last step: the sum of the marked two.' },
  { value: 'copy', label: 'Copy the symbols', kind: 'tokens', doc: 'In: random symbols. Out, at every step: the symbol seen at that step.' },
  { value: 'reverse', label: 'Reverse the symbols', kind: 'tokens', doc: 'In: random symbols. Out, at step t: the symbol of step T−1−t, so the first answer needs the last input.' },
  { value: 'sort', label: 'Sort the symbols', kind: 'tokens', doc: 'In: random symbols. Out, at every step: the symbols sorted, smallest first.' },
  { value: 'characters', label: 'Character model (Moby-Dick)', kind: 'text', doc: 'In: a window of Moby-Dick\'s text, one character per step. Out, at every step: the next character.' },
];
export const ARCHITECTURES = [
  { value: 'simple_rnn', label: 'RNN' },
  { value: 'lstm', label: 'LSTM' },
  { value: 'gru', label: 'GRU' },
  { value: 'transformer', label: 'Transformer' },
];
export const taskKind = (task) => TASKS.find((t) => t.value === task)?.kind ?? 'memory';

// Compare mode: the architectures raced when the comparison opens, and the steps' range.
export const COMPARE_DEFAULT = ['simple_rnn', 'lstm', 'transformer'];
export const COMPARE_STEPS = { min: 10, max: 5000, default: 600 };

export function defaultState() {
  return {
    task: 'first_bit', length: 30, symbols: 8, arch: 'lstm', layers: null,  // null: the preset's layers
    lr: 0.01, batch: 32, seed: 1, sample: 0, temperature: 0.8, speed: 100,
    compare: null,   // null: compare mode closed; else the architectures it races, in ARCHITECTURES order
    compareSteps: COMPARE_STEPS.default,
  };
}

// How many classes the output needs: 2 for bits, `symbols` for tokens, the alphabet for text.
export function classesOf(state, alphabetSize) {
  const kind = taskKind(state.task);
  if (kind === 'tokens') return state.symbols;
  if (kind === 'text') return alphabetSize;
  return state.task === 'add_marked' || kind === 'signal' ? 1 : 2;
}

/** The preset layer list for the state's task and architecture. */
export function presetLayers(state, alphabetSize = 67) {
  const kind = taskKind(state.task);
  const classes = classesOf(state, alphabetSize);
  const perStep = kind === 'tokens' || kind === 'text';
  const tokens = perStep;
  const width = kind === 'text' ? 64 : 32;
  const layers = [];
  if (tokens) layers.push({ kind: 'embedding', vocabulary: classes, dimension: width });
  if (state.arch === 'transformer') {
    if (!tokens) layers.push({ kind: 'dense_per_step', units: width });
    layers.push({ kind: 'positional_encoding', encoding: 'learned' });
    layers.push({ kind: 'transformer_block', heads: 2, ffUnits: 2 * width, causal: kind === 'text' });
    if (!perStep) layers.push({ kind: 'flatten' });
  } else {
    layers.push({ kind: state.arch, units: width, returnSequences: perStep });
  }
  layers.push(perStep ? { kind: 'dense_per_step', units: classes } : { kind: 'dense', units: classes });
  return layers;
}

/** The engine config (engine.createSequenceSession) for the state. */
export function engineConfig(state, text, alphabetSize) {
  const task = { task: state.task, length: state.length, symbols: state.symbols, seed: state.seed,
    trainSamples: 2000, testSamples: 300 };
  if (state.task === 'characters') Object.assign(task, { text, trainSamples: 4000 });
  return {
    task,
    network: { seed: state.seed, layers: state.layers ?? presetLayers(state, alphabetSize) },
    optimizer: { kind: 'adam', learningRate: state.lr },
    batchSize: state.batch,
    clipNorm: 1,
  };
}

// Layers in the URL: kind:key=value;key=value|kind:… (values are numbers, true/false or words).
const layersText = (layers) => layers.map((l) => [l.kind, Object.entries(l).filter(([k]) => k !== 'kind')
  .map(([k, v]) => `${k}=${v}`).join(';')].join(':')).join('|');
function parseLayers(text) {
  const layers = text.split('|').slice(0, 16).map((part) => {
    const [kind, rest = ''] = part.split(':');
    const layer = { kind };
    for (const pair of rest.split(';').filter(Boolean)) {
      const [k, v] = pair.split('=');
      layer[k] = v === 'true' ? true : v === 'false' ? false : Number.isFinite(Number(v)) ? Number(v) : v;
    }
    return layer;
  });
  return layers.every((l) => /^[a-z_0-9]+$/.test(l.kind)) ? layers : null;
}
const num = (lo, hi) => (t, d) => { const v = Number(t); return Number.isFinite(v) && v >= lo && v <= hi ? v : d; };
const int = (lo, hi) => (t, d) => { const v = Number(t); return Number.isInteger(v) && v >= lo && v <= hi ? v : d; };
const oneOf = (list) => (t, d) => (list.includes(t) ? t : d);
/** The architectures named in "lstm,gru,…", known ones once each in ARCHITECTURES order; fewer than two: the default race. */
export function parseCompare(text) {
  const named = new Set(String(text).split(','));
  const archs = ARCHITECTURES.map((a) => a.value).filter((a) => named.has(a));
  return archs.length >= 2 ? archs : [...COMPARE_DEFAULT];
}

// name in the URL → [state key, parse, format]
const PARAMS = {
  task: ['task', oneOf(TASKS.map((t) => t.value)), String],
  len: ['length', int(2, 200), String],
  sym: ['symbols', int(2, 64), String],
  arch: ['arch', oneOf(ARCHITECTURES.map((a) => a.value)), String],
  layers: ['layers', (t) => parseLayers(t), (l) => (l ? layersText(l) : '')],
  lr: ['lr', num(0, 10), String],
  batch: ['batch', int(1, 4096), String],
  seed: ['seed', int(0, 2 ** 53 - 1), String],
  sample: ['sample', int(0, 299), String],
  temp: ['temperature', num(0.05, 5), String],
  speed: ['speed', int(1, 5000), String],
  compare: ['compare', parseCompare, (c) => (c ? c.join(',') : '')],
  steps: ['compareSteps', int(COMPARE_STEPS.min, COMPARE_STEPS.max), String],
};

export function stateFromUrl(search) {
  const q = new URLSearchParams(search);
  const s = defaultState();
  for (const [name, [key, parse]] of Object.entries(PARAMS)) {
    if (q.has(name)) s[key] = parse(q.get(name), s[key]);
  }
  return s;
}

/** "?task=…&len=…" with only the values that differ from the defaults ('' when none). */
export function urlFromState(state) {
  const d = defaultState();
  const q = new URLSearchParams();
  for (const [name, [key, , format]] of Object.entries(PARAMS)) {
    const text = format(state[key]);
    if (text !== format(d[key]) && text !== '') q.set(name, text);
  }
  const text = q.toString().replace(/%2C/g, ',');   // a list reads as one: compare=simple_rnn,lstm
  return text ? `?${text}` : '';
}
