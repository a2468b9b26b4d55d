// The benchmark's workloads (nnplay_bench --list prints them with their drivers):
//   W1  2→8→8→1 tanh, sigmoid output + BCE, circle data (500 points), batch 10, SGD
//   W2  the classic XOR net 2→4→1 sigmoid, MSE, SGD lr 1, full batch (4 points)
//   W3  784→128→64→10 ReLU, softmax + CCE, batch 32, 8,192 random samples, SGD
//   W4  2→8→8→8→1 tanh (sigmoid output), Eval-mode forward of a 256×256 grid as one batch
//   W6  a small CNN on 28×28×1 images, batch 32, SGD (bench/cnn_workload.h)
//   W7  an LSTM (W7.lstm) and a 2-block transformer (W7.transformer), batch 32, Adam
//       (bench/sequence_workload.h)
// plus variants of W1 and W3 driven differently, and the hand-written baselines.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "bench/runner.h"

namespace nnplay::bench {

// The workload ids in run order, each with the baseline it is compared with ("" if none).
struct WorkloadId {
  const char* id;
  const char* baseline;
};
const std::vector<WorkloadId>& workloadIds();

// The selected workloads (all when `only` is empty), in run order. Building them generates
// their data (W3: ~26 MB, three copies).
std::vector<Workload> makeWorkloads(const std::set<std::string>& only);

// The engine and the baseline trained from the same weights on the same batches must end
// with the same parameters, or their speed ratio would compare different work.
struct BaselineCheck {
  std::string id;               // the workload whose baseline was checked ("W1", "W3")
  int batches = 0;
  double maxAbsDifference = 0;  // max |θ_engine − θ_baseline| after `batches` SGD steps
  double maxAbsParameter = 0;   // max |θ| (scale for the difference)
  bool agrees() const { return maxAbsDifference <= 1e-4 * (1 + maxAbsParameter); }
};
// Checks the baselines of the selected workloads (W1.base, W3.base).
std::vector<BaselineCheck> checkBaselines(const std::set<std::string>& only);

}  // namespace nnplay::bench
