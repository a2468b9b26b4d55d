// What the Keras and PyTorch scripts share: the model described from the page state (the
// output head and initializers resolved as the engine resolves them), Python literals, and
// the NumPy code that regenerates the data set with the definitions of
// engine/data/dataset.cpp (the same shapes and noise, not the same points: NumPy draws
// different random numbers), splits it and computes the chosen input features.
import { classCount, taskOf } from '../ground/state.js';
import { FEATURES, LOSS_NAMES, OPTIMIZERS } from '../ground/catalog.js';

/** The model as both scripts need it. `epochs`: how far the playground had trained. */
export function describeModel(state, { epochs = 0 } = {}) {
  const task = taskOf(state);
  const classes = classCount(state);
  const [headActivation, headLoss] = state.network.head === 'auto'
    ? { binary: ['sigmoid', 'binary_cross_entropy'], multiclass: ['softmax', 'categorical_cross_entropy'], regression: ['linear', 'mse'] }[task]
    : state.network.head.split(':');
  const outputs = task === 'multiclass' ? classes : 1;
  const features = FEATURES.map((f) => f.id).filter((id) => state.features.includes(id));
  const resolve = (activation) => (state.network.initializer !== 'auto' ? state.network.initializer
    : activation === 'relu' || activation === 'leaky_relu' ? 'he_normal' : 'xavier_uniform');
  const hidden = state.network.hidden.map((h) => ({ ...h, initializer: resolve(h.activation) }));
  return {
    task, classes, features, hidden,
    output: { units: outputs, activation: headActivation, loss: headLoss, initializer: resolve(headActivation) },
    // Targets the engine trains against (training/targets.h).
    targets: task === 'regression' ? 'value' : task === 'multiclass' ? 'one_hot' : headActivation === 'tanh' ? 'plus_minus_one' : 'zero_one',
    networkSeed: state.network.seed,
    optimizer: { ...state.optimizer },
    batchSize: state.training.batchSize,
    regularization: state.training.regularizationRate > 0 ? state.training.regularization : 'none',
    regularizationRate: state.training.regularizationRate,
    data: { ...state.data, custom: state.data.custom },
    epochs: epochs >= 1 ? Math.round(epochs) : 100,
    trainedEpochs: epochs,
    lossName: LOSS_NAMES[headLoss] ?? headLoss,
  };
}

/** A JavaScript value as a Python literal. */
export function py(value) {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : value < 0 ? "-float('inf')" : "float('nan')";
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
  }
  if (typeof value === 'string') return JSON.stringify(value);   // a valid Python string literal for these texts
  if (Array.isArray(value)) return `[${value.map(py).join(', ')}]`;
  throw new TypeError(`py(): cannot write ${typeof value}`);
}

/** A float literal (always with a decimal point or exponent). */
export function pyFloat(value) {
  const text = py(value);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

const ACTIVATION_NAMES = { tanh: 'tanh', relu: 'ReLU', leaky_relu: 'leaky ReLU (slope 0.01)', sigmoid: 'sigmoid', linear: 'linear', softmax: 'softmax' };

/** The docstring both scripts start with. */
export function header(m, framework, install) {
  const layers = [m.features.length, ...m.hidden.map((h) => h.units), m.output.units].join('-');
  const hidden = m.hidden.length
    ? m.hidden.map((h, i) => `    hidden layer ${i + 1}: ${h.units} × ${ACTIVATION_NAMES[h.activation]}${h.batchNorm ? ', batch norm' : ''}${h.dropout > 0 ? `, dropout ${h.dropout}` : ''}`).join('\n')
    : '    (no hidden layer)';
  const data = m.data.custom ? `your own ${m.data.custom.labels.length} points (written out below)` : `the "${m.data.kind}" data set, ${m.data.points} points, noise ${m.data.noise}`;
  return `"""nnplay export: the playground's network, rebuilt with ${framework}.

Network ${layers} on ${m.features.join(', ')}:
${hidden}
    output: ${m.output.units} × ${ACTIVATION_NAMES[m.output.activation]}, loss: ${m.lossName}
Data: ${data}, ${m.data.testPercent} % held out for testing.
Optimizer: ${OPTIMIZERS.find((o) => o.id === m.optimizer.kind)?.label ?? m.optimizer.kind}, learning rate ${m.optimizer.learningRate}${m.optimizer.weightDecay > 0 ? `, weight decay ${m.optimizer.weightDecay}` : ''}; batch size ${m.batchSize}${m.regularization !== 'none' ? `; ${m.regularization.toUpperCase()} penalty λ = ${m.regularizationRate}` : ''}.

Run it with Python 3.9+:  ${install}
The random numbers differ from the playground's, so the exact points, starting weights and
losses differ too; the model, the data's shape and the training recipe are the same.
"""`;
}

/** The constants both scripts start with: seeds, test share, batch size, epochs, learning rate. */
export function settingsCode(m) {
  return `DATA_SEED = ${py(m.data.seed)}
WEIGHT_SEED = ${py(m.networkSeed)}
TEST_FRACTION = ${pyFloat(m.data.testPercent / 100)}
BATCH_SIZE = ${py(m.batchSize)}
EPOCHS = ${py(m.epochs)}   # the playground had trained ${py(Math.floor(m.trainedEpochs))} epochs
LEARNING_RATE = ${pyFloat(m.optimizer.learningRate)}`;
}

/**
 * NumPy code defining make_data(), split() and features(), then making the data and splitting
 * it into p_train, l_train, p_test, l_test (points and labels); the script computes features.
 */
export function dataCode(m) {
  return `${dataDefinitions(m)}


rng = np.random.default_rng(DATA_SEED)
points, labels = make_data(rng)
p_train, l_train, p_test, l_test = split(points, labels, TEST_FRACTION, rng)`;
}

function dataDefinitions(m) {
  const d = m.data;
  const lines = [];
  if (d.custom) {
    const { points, labels } = d.custom;
    const rows = [];
    for (let i = 0; i < labels.length; i += 4) {
      const chunk = [];
      for (let j = i; j < Math.min(i + 4, labels.length); j++) chunk.push(`[${pyFloat(round(points[2 * j]))}, ${pyFloat(round(points[2 * j + 1]))}]`);
      rows.push(`    ${chunk.join(', ')},`);
    }
    lines.push(
      '# Your own points from the playground (x1, x2) and their labels.',
      `POINTS = np.array([\n${rows.join('\n')}\n], dtype=np.float32).reshape(-1, 2)`,
      `LABELS = np.array(${wrapList(Array.from(labels, (v) => round(v)))}, dtype=np.float32)`,
      '',
      '',
      'def make_data(rng):',
      '    return POINTS.copy(), LABELS.copy()',
    );
  } else {
    lines.push(...GENERATORS[d.kind](d), '', '',
      'def make_data(rng):',
      `    return ${GENERATOR_CALL[d.kind](d)}`);
  }
  lines.push('', '',
    'def split(x, y, test_fraction, rng):',
    '    """Shuffles, then holds out round(test_fraction · n) points for testing."""',
    '    order = rng.permutation(len(x))',
    '    n_test = int(round(test_fraction * len(x)))',
    '    train, test = order[:len(x) - n_test], order[len(x) - n_test:]',
    '    return x[train], y[train], x[test], y[test]',
    '', '',
    'def features(points):',
    `    """The playground's input features: ${m.features.join(', ')}."""`,
    '    x1, x2 = points[:, 0], points[:, 1]',
    `    return np.stack([${m.features.map((f) => FEATURE_CODE[f]).join(', ')}], axis=1).astype(np.float32)`);
  return lines.join('\n');
}

/** NumPy code for the target array the loss compares against, from labels y. */
export function targetCode(m, name) {
  switch (m.targets) {
    case 'one_hot': return `np.eye(${m.classes}, dtype=np.float32)[${name}.astype(int)]`;
    case 'plus_minus_one': return `(2 * ${name} - 1).reshape(-1, 1).astype(np.float32)`;   // tanh output: −1 / +1
    default: return `${name}.reshape(-1, 1).astype(np.float32)`;
  }
}

const round = (v) => Number(Number(v).toPrecision(6));

function wrapList(values) {
  const parts = values.map(py);
  const lines = [];
  for (let i = 0; i < parts.length; i += 16) lines.push(`    ${parts.slice(i, i + 16).join(', ')},`);
  return `[\n${lines.join('\n')}\n]`;
}

const FEATURE_CODE = {
  x1: 'x1', x2: 'x2', x1_squared: 'x1 ** 2', x2_squared: 'x2 ** 2', x1_x2: 'x1 * x2', sin_x1: 'np.sin(x1)', sin_x2: 'np.sin(x2)',
};

/** Points per class when n points are split over k classes (the first classes get the rest). */
const CLASS_COUNT = [
  'def class_count(n, k, c):',
  '    return n // k + (1 if c < n % k else 0)',
];

const GENERATOR_CALL = {
  circle: (d) => `make_circle(${d.points}, ${pyFloat(d.noise)}, rng)`,
  xor: (d) => `make_xor(${d.points}, ${pyFloat(d.noise)}, rng)`,
  gaussians: (d) => `make_blobs(${d.points}, ${pyFloat(d.noise)}, 2, rng, diagonal=True)`,
  blobs: (d) => `make_blobs(${d.points}, ${pyFloat(d.noise)}, ${d.classes}, rng)`,
  spiral: (d) => `make_spiral(${d.points}, ${pyFloat(d.noise)}, 2, rng)`,
  multi_spiral: (d) => `make_spiral(${d.points}, ${pyFloat(d.noise)}, ${d.classes}, rng)`,
  moons: (d) => `make_moons(${d.points}, ${pyFloat(d.noise)}, rng)`,
  and: (d) => `make_gate("and", ${d.points}, ${pyFloat(d.noise)}, rng)`,
  or: (d) => `make_gate("or", ${d.points}, ${pyFloat(d.noise)}, rng)`,
  xor_gate: (d) => `make_gate("xor", ${d.points}, ${pyFloat(d.noise)}, rng)`,
  regression_plane: (d) => `make_regression(${d.points}, ${pyFloat(d.noise)}, rng, bumps=False)`,
  regression_gaussians: (d) => `make_regression(${d.points}, ${pyFloat(d.noise)}, rng, bumps=True)`,
};

const BLOBS = () => [...CLASS_COUNT, '', '',
  'def make_blobs(n, noise, k, rng, diagonal=False):',
  '    """Round clusters of σ = 1: two at (−2, −2) and (2, 2), or k on a circle of radius 3.5."""',
  '    x, y = [], []',
  '    for c in range(k):',
  '        if diagonal:',
  '            centre = np.array([-2.0, -2.0]) if c == 0 else np.array([2.0, 2.0])',
  '        else:',
  '            a = 2 * np.pi * c / k + np.pi / 2',
  '            centre = 3.5 * np.array([np.cos(a), np.sin(a)])',
  '        m = class_count(n, k, c)',
  '        x.append(centre + rng.normal(size=(m, 2)) + rng.normal(size=(m, 2)) * noise)',
  '        y.append(np.full(m, c))',
  '    return np.concatenate(x).astype(np.float32), np.concatenate(y).astype(np.float32)'];

const SPIRAL = () => [...CLASS_COUNT, '', '',
  'def make_spiral(n, noise, k, rng):',
  '    """k interleaved spiral arms: radius 0.2 → 5.2 over 1.75 turns, arm c turned by 2πc/k."""',
  '    x, y = [], []',
  '    for c in range(k):',
  '        m = class_count(n, k, c)',
  '        f = np.arange(m) / m',
  '        r = 5.0 * f + 0.2',
  '        t = 1.75 * 2 * np.pi * f + 2 * np.pi * c / k',
  '        x.append(np.stack([r * np.sin(t), r * np.cos(t)], axis=1) + rng.normal(size=(m, 2)) * noise)',
  '        y.append(np.full(m, c))',
  '    return np.concatenate(x).astype(np.float32), np.concatenate(y).astype(np.float32)'];

const GENERATORS = {
  circle: () => [
    'def make_circle(n, noise, rng):',
    '    """Class 1 uniform over a disk of radius 2.5, class 0 over a ring from 3.5 to 5."""',
    '    x, y = [], []',
    '    for c, r_min, r_max, m in ((1, 0.0, 2.5, n - n // 2), (0, 3.5, 5.0, n // 2)):',
    '        r = np.sqrt(rng.uniform(r_min ** 2, r_max ** 2, m))',
    '        t = rng.uniform(0, 2 * np.pi, m)',
    '        x.append(np.stack([r * np.cos(t), r * np.sin(t)], axis=1) + rng.normal(size=(m, 2)) * noise)',
    '        y.append(np.full(m, c))',
    '    return np.concatenate(x).astype(np.float32), np.concatenate(y).astype(np.float32)'],
  xor: () => [...CLASS_COUNT, '', '',
    'def make_xor(n, noise, rng):',
    '    """Quadrants, 0.3 away from the axes: class 1 where x1 and x2 have the same sign."""',
    '    x, y = [], []',
    '    for c in (0, 1):',
    '        m = class_count(n, 2, c)',
    '        a, b = rng.uniform(0.3, 5.0, m), rng.uniform(0.3, 5.0, m)',
    '        flip = rng.integers(0, 2, m) == 1',
    '        a = np.where(flip, -a, a)',
    '        b = np.where((c == 1) == flip, -b, b)',
    '        x.append(np.stack([a, b], axis=1) + rng.normal(size=(m, 2)) * noise)',
    '        y.append(np.full(m, c))',
    '    return np.concatenate(x).astype(np.float32), np.concatenate(y).astype(np.float32)'],
  gaussians: BLOBS,
  blobs: BLOBS,
  spiral: SPIRAL,
  multi_spiral: SPIRAL,
  moons: () => [...CLASS_COUNT, '', '',
    'def make_moons(n, noise, rng):',
    '    """Two interleaving half circles, stretched 3× and centred."""',
    '    x, y = [], []',
    '    for c in (0, 1):',
    '        m = class_count(n, 2, c)',
    '        t = np.pi * (np.full(m, 0.5) if m == 1 else np.arange(m) / (m - 1))',
    '        a = np.cos(t) if c == 0 else 1 - np.cos(t)',
    '        b = np.sin(t) if c == 0 else 0.5 - np.sin(t)',
    '        points = np.stack([(a - 0.5) * 3, (b - 0.25) * 3], axis=1)',
    '        x.append(points + rng.normal(size=(m, 2)) * noise)',
    '        y.append(np.full(m, c))',
    '    return np.concatenate(x).astype(np.float32), np.concatenate(y).astype(np.float32)'],
  and: () => GATE,
  or: () => GATE,
  xor_gate: () => GATE,
  regression_plane: () => REGRESSION,
  regression_gaussians: () => REGRESSION,
};

const GATE = [
  'def make_gate(gate, n, noise, rng):',
  '    """n points cycling through the four corners of the unit square (point i is corner i mod 4),',
  '    labelled by a logic gate and jittered by 0.1 · noise."""',
  '    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)[np.arange(n) % 4]',
  '    a, b = corners[:, 0].astype(int), corners[:, 1].astype(int)',
  '    labels = {"and": a & b, "or": a | b, "xor": a ^ b}[gate]',
  '    return (corners + rng.normal(size=(n, 2)) * noise * 0.1).astype(np.float32), labels.astype(np.float32)',
];

const REGRESSION = [
  'BUMPS = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]',
  '',
  '',
  'def make_regression(n, noise, rng, bumps):',
  '    """Points uniform in [−5, 5]²; target (x1 + x2) / 10, or six signed Gaussian bumps',
  '    (σ = 1.6) clipped to [−1, 1]; plus Gaussian noise of σ = 0.2 · noise."""',
  '    x = rng.uniform(-5, 5, size=(n, 2))',
  '    if bumps:',
  '        target = sum(s * np.exp(-((x[:, 0] - cx) ** 2 + (x[:, 1] - cy) ** 2) / (2 * 1.6 ** 2)) for cx, cy, s in BUMPS)',
  '        target = np.clip(target, -1, 1)',
  '    else:',
  '        target = (x[:, 0] + x[:, 1]) / 10',
  '    return x.astype(np.float32), (target + rng.normal(size=n) * noise * 0.2).astype(np.float32)',
];
