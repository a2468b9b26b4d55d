// The two networks of the real-data page and the facts the page and the worker share about
// them: engine configurations, default settings, the choices offered, class names and the
// colours/shapes that tell the ten classes apart.

import { PRESETS, INPUT_SHAPE, engineLayers } from './image-architecture.js';

export const VIEWS = ['classifier', 'autoencoder'];

// Short names for tight spaces (a non-breaking hyphen keeps "T‑shirt" on one line).
export const CLASS_SHORT = ['T\u2011shirt', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Boot'];

/**
 * Ten class colours: Okabe–Ito (safe for the common colour-vision deficiencies) plus two of
 * Paul Tol's, each paired with a marker shape so that no class depends on colour alone.
 */
export const CLASS10_COLORS = ['#E69F00', '#56B4E9', '#009E73', '#C9B400', '#0072B2', '#D55E00', '#CC79A7', '#000000', '#882255', '#7F7F7F'];
export const CLASS10_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'plus', 'circle-open', 'square-open', 'triangle-open', 'diamond-open', 'cross'];

export const LEARNING_RATES = [0.0001, 0.0003, 0.001, 0.002, 0.003, 0.01, 0.03];
export const BATCH_SIZES = [16, 32, 64, 128, 256];

export const DEFAULT_SETTINGS = {
  classifier: { learningRate: 0.001, batchSize: 64 },
  autoencoder: { learningRate: 0.002, batchSize: 64 },
};

/** What each network is, in words (shown on the page). */
export const DESCRIPTIONS = {
  classifier: 'the layers you choose → 10 softmax, cross-entropy loss, Adam',
  autoencoder: '784 → 128 → 32 → 2 (the code) → 32 → 128 → 784 sigmoid, mean squared error, Adam',
};

const relu = (units) => ({ units, activation: 'relu' });

/** The classifier's layers (image-architecture.js page layers) when none are chosen. */
export const DEFAULT_ARCHITECTURE = PRESETS.mlp.layers;

/**
 * The engine configuration of a view. The images arrive by setData (source 'custom'); the
 * held-out test set is the data set's own test file, evaluated by the worker, so the engine
 * keeps no test split (testFraction 0).
 */
export function sessionConfig(view, settings, architecture = DEFAULT_ARCHITECTURE) {
  const network = view === 'autoencoder'
    ? { hidden: [relu(128), relu(32), { units: 2, activation: 'linear' }, relu(32), relu(128)], output: { activation: 'auto', loss: 'auto' } }
    // The classifier is an explicit stack on 1×28×28 images (a CNN or an MLP).
    : { inputShape: INPUT_SHAPE, layers: engineLayers(architecture), loss: 'categorical_cross_entropy' };
  return {
    data: { source: 'custom', testFraction: 0, task: view === 'autoencoder' ? 'autoencoder' : 'auto' },
    network: { ...network, initializer: 'auto', seed: 1 },
    optimizer: { kind: 'adam', learningRate: settings.learningRate },
    training: { batchSize: settings.batchSize, shuffle: true, seed: 1 },
  };
}

/** The index of the 2-unit code layer among describe().neuronLayers, or -1. */
export function codeLayerIndex(neuronLayers) {
  return neuronLayers.findIndex((l, i) => l.units === 2 && i < neuronLayers.length - 1);
}
