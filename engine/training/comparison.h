// Teaching comparisons: the same data and seed trained under a few configurations (an
// optimizer, an activation, a regularizer, dropout, batch norm), measured the same way.
// "Momentum reaches the target loss in 80 epochs where SGD needs 400" is the kind of
// sentence this produces, for the CLI (`nnplay compare`), the tests and the page's compare mode.
//
// Data only: nothing here prints. formatComparisonTable() turns a result into text.
//
// Contract:
//  - requires 1..kMaxComparisonConfigs configurations, maxEpochs ≥ 1, a finite targetLoss ≥ 0
//    and data that fits every network (the Trainer's checks, with the configuration's label
//    added to the message);
//  - ensures every configuration is trained for exactly maxEpochs epochs (unless it diverges)
//    on the same split, from its own network seed and shuffle seed, so the same inputs give
//    the same numbers, bit for bit;
//  - a configuration that diverges is reported (diverged, message, history so far); the
//    others still run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "network/network_spec.h"
#include "optimizers/optimizer.h"
#include "training/trainer.h"

namespace nnplay {

// The page shows 2–4 side by side; the engine accepts up to 8 (e.g. all six optimizers).
constexpr int kMaxComparisonConfigs = 8;

struct ComparisonConfig {
  std::string label;  // what the table and the legend show, e.g. "momentum" or "dropout 0.3"
  NetworkSpec network;
  OptimizerSettings optimizer;
  TrainingSettings training;
};

// The usual classifier/regressor for a data set: the hidden blocks, then the default output
// head for its number of classes (defaultOutputHead), weights drawn from `seed`.
NetworkSpec comparisonNetwork(const Dataset& data, const std::vector<HiddenLayerOptions>& hidden,
                              std::uint64_t seed, Initializer initializer = Initializer::Auto);

struct ComparisonResult {
  std::string label;
  // The first epoch (1-based) after which the training DATA loss (penalty excluded, so an L2
  // run is not handicapped by its own penalty) was ≤ the target; 0 when never reached.
  int epochsToTarget = 0;
  bool reachedTarget() const { return epochsToTarget > 0; }
  bool diverged = false;
  std::string divergenceMessage;  // the TrainingDiverged message when diverged

  // One record per completed epoch, as the Trainer reported it (trainLoss includes the penalty).
  std::vector<EpochRecord> history;
  // Training data loss per epoch (history[i].trainLoss minus the penalty at that epoch).
  std::vector<double> trainDataLoss;

  // After the last completed epoch (NaN when no epoch completed, or no test set for test values):
  double finalTrainLoss = 0;     // data loss, penalty excluded
  double finalPenalty = 0;       // regularization penalty (0 without regularization)
  double finalTestLoss = 0;
  double lossGap = 0;            // finalTestLoss − finalTrainLoss (> 0: worse on unseen data)
  double finalTrainAccuracy = 0; // NaN for regression
  double finalTestAccuracy = 0;
  double weightNorm = 0;         // ‖w‖₂ over weights only (network decayMask: no biases, γ, β)
  Index parameterCount = 0;
};

struct Comparison {
  int maxEpochs = 0;
  double targetLoss = 0;
  std::vector<ComparisonResult> results;  // in the order of the configurations
};

Comparison runComparison(const DataSplit& data, const std::vector<ComparisonConfig>& configs,
                         int maxEpochs, double targetLoss);

// A plain-text table, one row per configuration:
//   label | epochs to target | train loss | test loss | gap | weight norm
// "not reached" / "diverged" in the epochs column; "-" for values that do not exist.
std::string formatComparisonTable(const Comparison& comparison);

}  // namespace nnplay
