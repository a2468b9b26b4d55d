// Mini-batch training with a stepping API: one batch, one epoch, or N epochs.
// Calling stepBatch() until an epoch completes is exactly equivalent to stepEpoch(), and
// stepEpoch() N times to run(N) (same numbers, bit for bit).
//
// Each epoch starts by reshuffling the training order (seeded); each batch gathers its rows
// in that order (the last one may be smaller), so no shuffled copy of the data is kept.
// After each epoch the whole training and test sets are evaluated in Eval mode, in chunks
// whose layer outputs fit kEvaluationBudget values, and recorded in history().
// The reported training loss includes the regularization penalty.
#pragma once

#include <cstdint>
#include <vector>

#include "core/rng.h"
#include "core/workspace.h"
#include "data/dataset.h"
#include "network/network.h"
#include "optimizers/optimizer.h"
#include "regularization/regularizer.h"

namespace nnplay {

// Values (rows × the widths of all layer outputs) per forward pass when evaluating a whole
// set: bounds the memory a large set needs (1 Mi floats = 4 MB), at 64–4096 rows a pass.
constexpr Index kEvaluationBudget = Index(1) << 20;

struct TrainingSettings {
  Index batchSize = 10;  // ≥ 1; a batch larger than the training set means full batch
  bool shuffle = true;
  RegularizationSettings regularization;
  std::uint64_t seed = 1;  // shuffling order
  void validate() const;
};

struct EpochRecord {
  int epoch = 0;             // completed epochs (1 = after the first)
  std::int64_t step = 0;     // optimizer steps so far
  double trainLoss = 0;      // data loss + penalty, whole training set, Eval mode
  double testLoss = 0;       // NaN when there is no test set
  double trainAccuracy = 0;  // NaN for regression
  double testAccuracy = 0;
};

struct BatchResult {
  int epoch = 0;             // the epoch this batch belongs to (1-based)
  Index batch = 0;           // 0-based index within the epoch
  Index batchesPerEpoch = 0;
  double loss = 0;           // batch data loss + penalty, Train mode, before the update
  bool epochCompleted = false;
};

class Trainer {
 public:
  // The network and optimizer must outlive the trainer. Throws InvalidArgument when the data
  // does not fit the network (inputs, classes vs outputs) or the settings are invalid.
  Trainer(Network& network, Optimizer& optimizer, Dataset train, Dataset test,
          TrainingSettings settings);

  // One optimizer step on the next mini-batch. Throws TrainingDiverged (after recording the
  // step) when the loss or a parameter becomes non-finite.
  BatchResult stepBatch();
  // Completes the current epoch (a whole epoch when at a boundary).
  EpochRecord stepEpoch();
  // stepEpoch() `epochs` times; returns the last record.
  EpochRecord run(int epochs);
  // Metrics for the current parameters, without training or recording.
  EpochRecord evaluate();

  const std::vector<EpochRecord>& history() const { return history_; }
  int completedEpochs() const { return epoch_; }
  Index batchCursor() const { return cursor_; }  // batches done in the current epoch
  Index batchesPerEpoch() const;
  Index effectiveBatchSize() const;

  const TrainingSettings& settings() const { return settings_; }
  // Takes effect at once; a batch-size change restarts the current epoch's batches.
  void updateSettings(const TrainingSettings& settings);
  const Dataset& trainSet() const { return train_; }
  const Dataset& testSet() const { return test_; }

  // Back to epoch 0 with an empty history and the shuffle generator reseeded.
  void resetProgress();

  // Everything needed to continue exactly where training stopped (model files, snapshots).
  struct Progress {
    int epoch = 0;
    Index cursor = 0;
    std::vector<Index> order;
    Rng::State shuffleRng;
    std::vector<EpochRecord> history;
  };
  Progress progress() const;
  void restoreProgress(const Progress& progress);

 private:
  void beginEpoch();
  // The targets a set is trained against: its encoded labels, or its own points (autoencoder).
  const Matrix& targetsOf(const Dataset& set, const Matrix& encoded) const {
    return set.targetsArePoints ? set.points : encoded;
  }
  void evaluateSet(const Dataset& set, const Matrix& encodedTargets, double& loss, double& accuracy);

  Network& network_;
  Optimizer& optimizer_;
  Dataset train_, test_;
  Matrix trainTargets_, testTargets_;  // empty when the targets are the points
  TrainingSettings settings_;
  Rng shuffleRng_;
  std::vector<Index> order_;
  Workspace batchPoints_, batchTargets_;  // the current mini-batch, gathered in order_
  int epoch_ = 0;
  Index cursor_ = 0;
  std::vector<EpochRecord> history_;
};

}  // namespace nnplay
