// W7's two models as nnplay sequence-session configs (engine.createSequenceSession), shared by
// bench.mjs and peers-sequence.mjs. The native W7 (engine/bench/sequence_workload.cpp) parses
// the same JSON: keep the two in step.
//   W7.lstm         sum_of_sines, input 50×1 → LSTM 64 (last state) → dense 1, MSE: 16,961 parameters
//   W7.transformer  reverse, 32 tokens of 16 symbols → embedding 64 → sinusoidal positions →
//                   2 × transformer_block (4 heads, feed-forward 128) → dense_per_step 16,
//                   softmax cross-entropy per step: 69,008 parameters
// Both: batch 32, Adam lr 0.003, gradient clipping off (TF.js' optimizers have none to match).
const ADAM = { kind: 'adam', learningRate: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

export const W7_CONFIGS = {
  'W7.lstm': {
    task: { task: 'sum_of_sines', length: 50, trainSamples: 2048, testSamples: 64, seed: 1 },
    network: { seed: 1, layers: [{ kind: 'lstm', units: 64 }, { kind: 'dense', units: 1 }] },
    optimizer: ADAM, batchSize: 32, clipNorm: 0,
  },
  'W7.transformer': {
    task: { task: 'reverse', length: 32, symbols: 16, trainSamples: 2048, testSamples: 64, seed: 1 },
    network: { seed: 1, layers: [
      { kind: 'embedding', vocabulary: 16, dimension: 64 },
      { kind: 'positional_encoding', encoding: 'sinusoidal' },
      { kind: 'transformer_block', heads: 4, ffUnits: 128 },
      { kind: 'transformer_block', heads: 4, ffUnits: 128 },
      { kind: 'dense_per_step', units: 16 },
    ] },
    optimizer: ADAM, batchSize: 32, clipNorm: 0,
  },
};
export const W7_PARAMETERS = { 'W7.lstm': 16961, 'W7.transformer': 69008 };
