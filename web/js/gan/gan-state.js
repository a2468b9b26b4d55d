// The GAN page's ONE state object, its URL form (shareable), and the engine settings built
// from it. Every URL parameter is declared in the table below.
export const ACTIVATIONS = ['relu', 'leaky_relu', 'tanh', 'sigmoid', 'linear'];
export const OPTIMIZERS = ['adam', 'sgd', 'momentum', 'nesterov', 'rmsprop', 'adagrad'];
export const TARGETS = ['ring', 'moons', 'line', 'spiral', 'mixture', 'custom'];

export function defaultState() {
  return {
    target: 'ring', seed: 1, batch: 64,
    noiseDims: 2, noise: 'gaussian',
    generator: [{ units: 32, activation: 'relu' }, { units: 32, activation: 'relu' }],
    discriminator: [{ units: 32, activation: 'relu' }, { units: 32, activation: 'relu' }],
    gOptimizer: 'adam', gLr: 0.002, dOptimizer: 'adam', dLr: 0.002,
    k: 1, loss: 'non_saturating', speed: 200, custom: [],
  };
}

// The lesson's presets, as changes to the default state (mirrors engine ganPreset()).
export const PRESETS = {
  default: {},
  collapse: { noiseDims: 1, generator: [{ units: 16, activation: 'relu' }], gLr: 0.003, dLr: 0.0001 },
};

const layersText = (layers) => layers.map((l) => `${l.units}${l.activation === 'relu' ? '' : ':' + l.activation}`).join(',');
function parseLayers(text) {
  if (text === '' || text === 'none') return [];
  return text.split(',').slice(0, 8).map((part) => {
    const [u, a] = part.split(':');
    const units = Math.min(256, Math.max(1, parseInt(u, 10) || 1));
    return { units, activation: ACTIVATIONS.includes(a) ? a : 'relu' };
  });
}
const num = (lo, hi) => (t, d) => { const v = Number(t); return Number.isFinite(v) && v >= lo && v <= hi ? v : d; };
const int = (lo, hi) => (t, d) => { const v = Number(t); return Number.isInteger(v) && v >= lo && v <= hi ? v : d; };
const oneOf = (list) => (t, d) => (list.includes(t) ? t : d);

// name in the URL → [state key, parse, format]
const PARAMS = {
  target: ['target', oneOf(TARGETS), String],
  seed: ['seed', int(0, 2 ** 53 - 1), String],
  batch: ['batch', int(1, 4096), String],
  nd: ['noiseDims', int(1, 2), String],
  noise: ['noise', oneOf(['gaussian', 'uniform']), String],
  g: ['generator', (t) => parseLayers(t), layersText],
  d: ['discriminator', (t) => parseLayers(t), layersText],
  gopt: ['gOptimizer', oneOf(OPTIMIZERS), String],
  glr: ['gLr', num(0, 10), String],
  dopt: ['dOptimizer', oneOf(OPTIMIZERS), String],
  dlr: ['dLr', num(0, 10), String],
  k: ['k', int(1, 100), String],
  loss: ['loss', oneOf(['non_saturating', 'minimax']), String],
  speed: ['speed', int(1, 5000), String],
  pts: ['custom', (t) => t.split('_').map((p) => p.split('~').map(Number)).filter((p) => p.length === 2 && p.every(Number.isFinite)).slice(0, 2000),
    (pts) => pts.map(([x, y]) => `${x.toFixed(2)}~${y.toFixed(2)}`).join('_')],
};

export function stateFromUrl(search) {
  const q = new URLSearchParams(search);
  const s = defaultState();
  if (q.has('preset') && PRESETS[q.get('preset')]) Object.assign(s, structuredClone(PRESETS[q.get('preset')]));
  for (const [name, [key, parse]] of Object.entries(PARAMS)) {
    if (q.has(name)) s[key] = parse(q.get(name), s[key]);
  }
  return s;
}

export function urlFromState(s, extra = {}) {
  const d = defaultState();
  const q = new URLSearchParams();
  for (const [name, [key, , format]] of Object.entries(PARAMS)) {
    const v = format(s[key]);
    if (v !== format(d[key])) q.set(name, v);
  }
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : '';
}

const optimizer = (kind, lr) => (kind === 'adam' ? { kind, learningRate: lr, beta1: 0.5 } : { kind, learningRate: lr });

export function engineSettings(s) {
  return {
    target: s.target, seed: s.seed, batchSize: s.batch,
    noise: { dims: s.noiseDims, distribution: s.noise },
    generator: { layers: s.generator, optimizer: optimizer(s.gOptimizer, s.gLr) },
    discriminator: { layers: s.discriminator, optimizer: optimizer(s.dOptimizer, s.dLr) },
    discriminatorSteps: s.k, loss: s.loss,
  };
}
export const optimizerOf = optimizer;

// The page state of a loaded model's canonical settings (the inverse of engineSettings).
export function stateFromSettings(settings, previous, customPoints = []) {
  return {
    ...previous,
    target: settings.target, seed: settings.seed, batch: settings.batchSize,
    noiseDims: settings.noise.dims, noise: settings.noise.distribution,
    generator: settings.generator.layers.map((l) => ({ units: l.units, activation: l.activation })),
    discriminator: settings.discriminator.layers.map((l) => ({ units: l.units, activation: l.activation })),
    gOptimizer: settings.generator.optimizer.kind, gLr: settings.generator.optimizer.learningRate,
    dOptimizer: settings.discriminator.optimizer.kind, dLr: settings.discriminator.optimizer.learningRate,
    k: settings.discriminatorSteps, loss: settings.loss, custom: customPoints,
  };
}
