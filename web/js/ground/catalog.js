// The page's vocabulary: every choice a control offers, with the label and tooltip a learner
// reads and the name the engine (engine/session/session_config.h) expects. Pure data.

/** Data sets shown as thumbnails. `classes` pins the class count of the multi-class entries. */
export const DATASETS = [
  { id: 'circle', kind: 'circle', label: 'Circle', tip: 'One class inside a disk, the other in a ring around it.' },
  { id: 'xor', kind: 'xor', label: 'XOR', tip: 'Quadrants: class 1 where x1 and x2 have the same sign.' },
  { id: 'gaussians', kind: 'gaussians', label: 'Gaussians', tip: 'Two round clusters: separable by a straight line.' },
  { id: 'spiral', kind: 'spiral', label: 'Spiral', tip: 'Two interleaved spiral arms: hard, needs a deeper network or sin features.' },
  { id: 'moons', kind: 'moons', label: 'Moons', tip: 'Two interleaving half circles.' },
  { id: 'and', kind: 'and', label: 'AND gate', tip: 'The truth table of AND: jittered copies of its 4 corners, linearly separable.' },
  { id: 'or', kind: 'or', label: 'OR gate', tip: 'The truth table of OR: jittered copies of its 4 corners, linearly separable.' },
  { id: 'xor_gate', kind: 'xor_gate', label: 'XOR gate', tip: 'The truth table of XOR: jittered copies of its 4 corners, which no single line separates.' },
  { id: 'blobs3', kind: 'blobs', classes: 3, label: '3 blobs', tip: 'Three round clusters: three classes (softmax output).' },
  { id: 'blobs4', kind: 'blobs', classes: 4, label: '4 blobs', tip: 'Four round clusters: four classes (softmax output).' },
  { id: 'spiral3', kind: 'multi_spiral', classes: 3, label: '3-arm spiral', tip: 'Three interleaved spiral arms: three classes.' },
  { id: 'spiral4', kind: 'multi_spiral', classes: 4, label: '4-arm spiral', tip: 'Four interleaved spiral arms: four classes.' },
  { id: 'plane', kind: 'regression_plane', label: 'Plane', tip: 'Regression: the target is (x1 + x2) / 10, a tilted plane.' },
  { id: 'bumps', kind: 'regression_gaussians', label: 'Multi-Gaussian', tip: 'Regression: the target is a sum of six signed Gaussian bumps.' },
];

export const MULTICLASS_KINDS = new Set(['blobs', 'multi_spiral']);
export const REGRESSION_KINDS = new Set(['regression_plane', 'regression_gaussians']);
export const GATE_KINDS = new Set(['and', 'or', 'xor_gate']);

/** The gallery entry that matches a kind and class count (or undefined). */
export function datasetEntry(kind, classes) {
  return DATASETS.find((d) => d.kind === kind && (!MULTICLASS_KINDS.has(kind) || d.classes === classes))
    ?? DATASETS.find((d) => d.kind === kind);
}

/** Input features in the order the diagram draws them. */
export const FEATURES = [
  { id: 'x1', label: 'x₁', tip: 'The first coordinate, x1 (horizontal axis).' },
  { id: 'x2', label: 'x₂', tip: 'The second coordinate, x2 (vertical axis).' },
  { id: 'x1_squared', label: 'x₁²', tip: 'x1 squared: lets one neuron draw a parabola (circles need x1² and x2²).' },
  { id: 'x2_squared', label: 'x₂²', tip: 'x2 squared.' },
  { id: 'x1_x2', label: 'x₁·x₂', tip: 'The product x1·x2: its sign alone solves XOR.' },
  { id: 'sin_x1', label: 'sin x₁', tip: 'sin(x1) (x1 in radians): a periodic input that helps with spirals.' },
  { id: 'sin_x2', label: 'sin x₂', tip: 'sin(x2) (x2 in radians).' },
];

export const ACTIVATIONS = [
  { id: 'tanh', label: 'tanh', tip: 'Hyperbolic tangent: smooth, output in (−1, 1).' },
  { id: 'relu', label: 'ReLU', tip: 'Rectified linear unit max(0, z): fast to train, can "die" at high learning rates.' },
  { id: 'leaky_relu', label: 'Leaky ReLU', tip: 'max(0.01·z, z): like ReLU but never completely flat.' },
  { id: 'sigmoid', label: 'sigmoid', tip: 'Logistic 1/(1+e^−z): output in (0, 1), slow to train in deep stacks.' },
  { id: 'linear', label: 'linear', tip: 'Identity: a stack of linear layers is still a linear model.' },
];

export const OPTIMIZERS = [
  { id: 'sgd', label: 'SGD', tip: 'Plain stochastic gradient descent: θ ← θ − η·g.', params: [] },
  { id: 'momentum', label: 'Momentum', tip: 'SGD with momentum: a velocity accumulates past gradients.', params: ['momentum'] },
  { id: 'nesterov', label: 'Nesterov', tip: 'Nesterov momentum: the gradient is taken after the look-ahead step.', params: ['momentum'] },
  { id: 'rmsprop', label: 'RMSProp', tip: 'Divides each step by a running RMS of recent gradients.', params: ['rho', 'epsilon'] },
  { id: 'adagrad', label: 'AdaGrad', tip: 'Divides each step by the root of all past squared gradients.', params: ['epsilon'] },
  { id: 'adam', label: 'Adam', tip: 'Momentum plus RMS scaling with bias correction (Kingma & Ba).', params: ['beta1', 'beta2', 'epsilon'] },
];

/** The optimizer hyper-parameters beyond the learning rate (ranges: rules.js; defaults: state.js). */
export const OPTIMIZER_PARAMS = {
  momentum: { label: 'Momentum α', tip: 'Fraction of the previous velocity kept each step, from 0 to just below 1.' },
  rho: { label: 'Decay ρ', tip: 'RMSProp: decay of the squared-gradient average, from 0 to just below 1.' },
  beta1: { label: 'β₁', tip: 'Adam: decay of the first-moment (mean) estimate, from 0 to just below 1.' },
  beta2: { label: 'β₂', tip: 'Adam: decay of the second-moment estimate, from 0 to just below 1.' },
  epsilon: { label: 'ε', tip: 'A small number added to the denominator to avoid dividing by zero (above 0, at most 0.5).' },
};

export const REGULARIZATIONS = [
  { id: 'none', label: 'None', tip: 'No penalty on the weights.' },
  { id: 'l1', label: 'L1', tip: 'Adds λ·Σ|w|: pushes weights to exactly zero (sparse networks).' },
  { id: 'l2', label: 'L2', tip: 'Adds (λ/2)·Σw²: keeps weights small (weight decay).' },
];

export const INITIALIZERS = [
  { id: 'auto', label: 'Auto', tip: 'He for ReLU layers, Xavier (Glorot) for the others.' },
  { id: 'xavier_uniform', label: 'Xavier uniform', tip: 'Glorot & Bengio 2010: variance 2/(fan-in + fan-out), uniform.' },
  { id: 'xavier_normal', label: 'Xavier normal', tip: 'Glorot & Bengio 2010: variance 2/(fan-in + fan-out), normal.' },
  { id: 'he_uniform', label: 'He uniform', tip: 'He et al. 2015: variance 2/fan-in, uniform; suited to ReLU.' },
  { id: 'he_normal', label: 'He normal', tip: 'He et al. 2015: variance 2/fan-in, normal; suited to ReLU.' },
  { id: 'uniform_small', label: 'Small uniform', tip: 'Uniform in a small range, like early tutorials.' },
];

/** Output layer + loss choices per task ('auto' follows the problem). */
export const OUTPUT_HEADS = {
  binary: [
    { id: 'auto', label: 'Auto: sigmoid + cross-entropy', tip: 'One sigmoid output (probability of class 1) and binary cross-entropy.' },
    { id: 'sigmoid:mse', label: 'sigmoid + MSE', tip: 'Sigmoid output trained with mean squared error.' },
    { id: 'tanh:mse', label: 'tanh + MSE', tip: 'tanh output (targets −1 and 1) with mean squared error, as TensorFlow Playground.' },
  ],
  multiclass: [
    { id: 'auto', label: 'Auto: softmax + cross-entropy', tip: 'One softmax output per class and categorical cross-entropy.' },
    { id: 'sigmoid:mse', label: 'sigmoid + MSE', tip: 'One sigmoid output per class (one-hot targets) with mean squared error.' },
  ],
  regression: [
    { id: 'auto', label: 'Auto: linear + MSE', tip: 'One linear output and mean squared error.' },
    { id: 'tanh:mse', label: 'tanh + MSE', tip: 'A tanh output (range −1 to 1) with mean squared error.' },
  ],
};

export const LOSS_NAMES = {
  binary_cross_entropy: 'binary cross-entropy',
  categorical_cross_entropy: 'categorical cross-entropy',
  mse: 'mean squared error',
};

/** Speed control stops, in epochs per second (Infinity = as fast as the engine goes). */
export const SPEEDS = [1, 2, 5, 10, 20, 30, 60, 120, 250, 500, 1000, Infinity];

export const LIMITS = {
  maxLayers: 8,
  maxUnits: 16,
  maxCustomPoints: 2000,
};
