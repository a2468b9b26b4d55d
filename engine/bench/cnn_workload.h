// W6: the small CNN of issue 12 on 28×28×1 images:
//   conv 5×5×8 (same) → ReLU → max pool 2 → conv 5×5×16 (same) → ReLU → max pool 2 →
//   flatten → dense 10 → softmax, categorical cross-entropy, SGD, batch 32.
// The images are the shipped Fashion-MNIST subset (web/data/fashion-mnist.bin, built by
// build-scripts/build-data.mjs) when the file is there, else seeded random images of the
// same size; the workload's title says which. The same network runs in the JS peers
// (engine/bench/wasm/peers-cnn.mjs).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "bench/runner.h"

namespace nnplay::bench {

// Appends W6 (one call = one batch of 32) when `only` is empty or names it.
void appendCnnWorkloads(std::vector<Workload>& workloads, const std::set<std::string>& only);

}  // namespace nnplay::bench
