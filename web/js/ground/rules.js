// Allowed values of every numeric setting, shared by the form fields and the URL reader so a
// link can never hold what a control would refuse (and vice versa).
export const RULES = {
  noise: { name: 'Noise', min: 0, max: 1 },
  points: { name: 'Number of points', min: 4, max: 5000, integer: true },
  testPercent: { name: 'Test share', min: 0, max: 90, integer: true },
  seed: { name: 'Data seed', min: 0, max: 999999999, integer: true },
  classes: { name: 'Classes', min: 2, max: 8, integer: true },
  networkSeed: { name: 'Weight seed', min: 0, max: 999999999, integer: true },
  units: { name: 'Neurons', min: 1, max: 16, integer: true },
  dropout: { name: 'Dropout rate', min: 0, max: 0.9 },
  learningRate: { name: 'Learning rate', min: 0, max: 100 },
  momentum: { name: 'Momentum', min: 0, max: 0.999999 },
  rho: { name: 'Decay ρ', min: 0, max: 0.999999 },
  beta1: { name: 'β₁', min: 0, max: 0.999999 },
  beta2: { name: 'β₂', min: 0, max: 0.999999 },
  epsilon: { name: 'ε', min: 0, max: 0.5, minExclusive: true },
  weightDecay: { name: 'Weight decay', min: 0, max: 10 },
  batchSize: { name: 'Batch size', min: 1, max: 5000, integer: true },
  regularizationRate: { name: 'Regularization rate', min: 0, max: 10 },
  customValue: { name: 'Target value', min: -100, max: 100 },
};
