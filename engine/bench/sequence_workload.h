// W7: the sequence models of issue 13, trained through SequenceSession (the engine's own
// sequence path: batch gather, forward, loss, backward, optimizer step), batch 32, Adam
// lr 0.003, no gradient clipping (TensorFlow.js' optimizers have none to match):
//   W7.lstm         sum_of_sines, input 50×1 → LSTM 64 (last state) → dense 1, MSE
//                   (16,961 parameters)
//   W7.transformer  reverse, 32 tokens of 16 symbols → embedding 64 → sinusoidal positional
//                   encoding → 2 × transformer_block (4 heads, feed-forward 128) →
//                   dense_per_step 16, softmax cross-entropy per step (69,008 parameters)
// The configs are the JSON that bench.mjs passes to engine.createSequenceSession, and the
// same models run in TensorFlow.js (engine/bench/wasm/peers-sequence.mjs).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "bench/runner.h"

namespace nnplay::bench {

// Appends W7.lstm and W7.transformer (one call = one batch of 32) when `only` is empty or
// names them.
void appendSequenceWorkloads(std::vector<Workload>& workloads, const std::set<std::string>& only);

}  // namespace nnplay::bench
