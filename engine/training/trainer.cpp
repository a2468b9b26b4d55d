#include "training/trainer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/error.h"
#include "training/targets.h"

namespace nnplay {

void TrainingSettings::validate() const {
  require(batchSize >= 1, "the batch size must be at least 1, got " + std::to_string(batchSize));
  regularization.validate();
}

Trainer::Trainer(Network& network, Optimizer& optimizer, Dataset train, Dataset test,
                 TrainingSettings settings)
    : network_(network), optimizer_(optimizer), train_(std::move(train)), test_(std::move(test)),
      settings_(settings) {
  settings_.validate();
  require(optimizer_.parameterCount() == network_.parameterCount(),
          "the optimizer was made for a different network");
  require(train_.size() >= 1, "the training set is empty: add at least one point");
  train_.validate();
  test_.validate();
  for (const Dataset* set : {&train_, &test_}) {
    if (set->size() == 0) continue;
    require(set->points.cols() == network_.inputWidth(),
            "the data has " + std::to_string(set->points.cols()) + " features but the network expects " +
                std::to_string(network_.inputWidth()) + " inputs");
  }
  require(test_.size() == 0 || test_.classes == train_.classes,
          "the training and test sets have different numbers of classes");
  const Activation out = network_.outputActivation();
  // Checks the targets fit the network; an autoencoder's (its points) are not copied.
  for (const auto& [set, targets] : {std::pair{&train_, &trainTargets_}, std::pair{&test_, &testTargets_}}) {
    if (set->targetsArePoints) {
      require(set->points.cols() == network_.outputWidth(),
              "an autoencoder needs as many outputs as inputs (" + std::to_string(set->points.cols()) + "), the network has " +
                  std::to_string(network_.outputWidth()));
    } else {
      *targets = encodeTargets(*set, train_.classes, network_.outputWidth(), out);
    }
  }
  resetProgress();
}

Index Trainer::effectiveBatchSize() const { return std::min(settings_.batchSize, train_.size()); }

Index Trainer::batchesPerEpoch() const {
  const Index b = effectiveBatchSize();
  return (train_.size() + b - 1) / b;
}

void Trainer::resetProgress() {
  shuffleRng_.reseed(settings_.seed);
  order_.resize(static_cast<std::size_t>(train_.size()));
  for (Index i = 0; i < train_.size(); ++i) order_[static_cast<std::size_t>(i)] = i;
  epoch_ = 0;
  cursor_ = 0;
  history_.clear();
}

void Trainer::updateSettings(const TrainingSettings& settings) {
  settings.validate();
  const bool batchChanged = settings.batchSize != settings_.batchSize;
  settings_ = settings;
  if (batchChanged) cursor_ = 0;
}

void Trainer::beginEpoch() {
  if (settings_.shuffle) shuffleRng_.shuffle(order_);
}

BatchResult Trainer::stepBatch() {
  if (cursor_ == 0) beginEpoch();
  const Index b = effectiveBatchSize();
  const Index start = cursor_ * b;
  const Index rows = std::min(b, train_.size() - start);
  // Gather this batch's rows in the epoch's order (Eigen's indexed view, column by column).
  const Eigen::Map<const Eigen::Matrix<Index, Eigen::Dynamic, 1>> rowsOf(order_.data() + start, rows);
  MatrixMap points = batchPoints_.view(rows, train_.points.cols());
  points = train_.points(rowsOf, Eigen::all);
  network_.forward(points, Mode::Train);
  double loss;
  if (train_.targetsArePoints) {
    loss = network_.backward(points);
  } else {
    MatrixMap targets = batchTargets_.view(rows, trainTargets_.cols());
    targets = trainTargets_(rowsOf, Eigen::all);
    loss = network_.backward(targets);
  }
  const RegularizationSettings& reg = settings_.regularization;
  if (reg.kind != Regularization::None && reg.rate > 0) {
    loss += regularizationPenalty(reg, network_.parameters(), network_.decayMask());
    addRegularizationGradient(reg, network_.parameters(), network_.decayMask(), network_.gradients());
  }
  optimizer_.step(network_.parameters(), network_.gradients(), network_.decayMask());

  BatchResult result;
  result.epoch = epoch_ + 1;
  result.batch = cursor_;
  result.batchesPerEpoch = batchesPerEpoch();
  result.loss = loss;
  if (++cursor_ >= batchesPerEpoch()) {
    cursor_ = 0;
    ++epoch_;
    history_.push_back(evaluate());
    result.epochCompleted = true;
  }
  if (!std::isfinite(loss) || !network_.parameters().allFinite()) {
    throw TrainingDiverged(
        "training diverged at epoch " + std::to_string(result.epoch) + ", batch " +
        std::to_string(result.batch + 1) + ": the loss became " +
        (std::isnan(loss) ? "NaN (not a number)" : std::isinf(loss) ? "infinite" : "finite but a weight did not") +
        ". Lower the learning rate (now " + formatNumber(optimizer_.settings().learningRate) +
        "), then reset the network or restore a snapshot.");
  }
  return result;
}

EpochRecord Trainer::stepEpoch() {
  const int target = epoch_ + 1;
  while (epoch_ < target) stepBatch();
  return history_.back();
}

EpochRecord Trainer::run(int epochs) {
  require(epochs >= 1, "the number of epochs must be at least 1, got " + std::to_string(epochs));
  EpochRecord last;
  for (int i = 0; i < epochs; ++i) last = stepEpoch();
  return last;
}

void Trainer::evaluateSet(const Dataset& set, const Matrix& encodedTargets, double& loss, double& acc) {
  if (set.size() == 0) {
    loss = acc = std::numeric_limits<double>::quiet_NaN();
    return;
  }
  const Matrix& targets = targetsOf(set, encodedTargets);
  // Accuracy means "the right class": not defined when training against explicit targets.
  const bool classify = !set.hasExplicitTargets() && set.classes > 0;
  // Chunks of rows, weighted by their size: every loss is a mean over rows (× a fixed width).
  Index widths = 0;
  for (Index i = 0; i < network_.layerCount(); ++i) widths += network_.layer(i).outputWidth();
  const Index chunk = std::clamp<Index>(kEvaluationBudget / widths, 64, 4096);
  double lossSum = 0, correct = 0;
  for (Index start = 0; start < set.size(); start += chunk) {
    const Index rows = std::min(chunk, set.size() - start);
    const ConstMatrixMap out = network_.forward(set.points.middleRows(start, rows), Mode::Eval);
    lossSum += static_cast<double>(network_.lossOf(targets.middleRows(start, rows))) * rows;
    if (classify) {
      correct += accuracy(out, set.labels.segment(start, rows), set.classes, network_.outputActivation()) * rows;
    }
  }
  const auto n = static_cast<double>(set.size());
  loss = lossSum / n;
  acc = classify ? correct / n : std::numeric_limits<double>::quiet_NaN();
}

EpochRecord Trainer::evaluate() {
  EpochRecord r;
  r.epoch = epoch_;
  r.step = optimizer_.state().step;
  evaluateSet(train_, trainTargets_, r.trainLoss, r.trainAccuracy);
  evaluateSet(test_, testTargets_, r.testLoss, r.testAccuracy);
  r.trainLoss += regularizationPenalty(settings_.regularization, network_.parameters(), network_.decayMask());
  return r;
}

Trainer::Progress Trainer::progress() const {
  return {epoch_, cursor_, order_, shuffleRng_.saveState(), history_};
}

void Trainer::restoreProgress(const Progress& p) {
  require(p.order.size() == order_.size(), "the saved shuffle order has " + std::to_string(p.order.size()) +
                                               " entries but the training set has " +
                                               std::to_string(order_.size()) + " points");
  std::vector<bool> seen(order_.size(), false);
  for (Index i : p.order) {
    require(i >= 0 && static_cast<std::size_t>(i) < seen.size() && !seen[static_cast<std::size_t>(i)],
            "the saved shuffle order is not a permutation of the training set");
    seen[static_cast<std::size_t>(i)] = true;
  }
  require(p.epoch >= 0, "the saved epoch count must be ≥ 0");
  require(p.cursor >= 0 && p.cursor < batchesPerEpoch(), "the saved batch position is out of range");
  epoch_ = p.epoch;
  cursor_ = p.cursor;
  order_ = p.order;
  shuffleRng_.restoreState(p.shuffleRng);
  history_ = p.history;
}

}  // namespace nnplay
