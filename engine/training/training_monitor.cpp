#include "training/training_monitor.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace nnplay {

namespace {

double lowest(const std::vector<double>& v, std::size_t begin, std::size_t end) {
  double m = v[begin];
  for (std::size_t i = begin + 1; i < end; ++i) m = std::min(m, v[i]);
  return m;
}

// The element at size/2 of the sorted values (the upper median for an even count); reorders v.
double upperMedian(std::vector<double>& v) {
  const auto middle = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), middle, v.end());
  return *middle;
}

std::string percent(double fraction) {
  const double p = std::round(fraction * 1000) / 10;
  return formatNumber(p) + " %";
}

}  // namespace

void StopConditions::validate() const {
  require(stopEpoch >= 0, "the stop epoch must be 0 (no limit) or more, got " + std::to_string(stopEpoch));
  require(patience >= 0, "the early-stopping patience must be 0 (off) or more epochs, got " + std::to_string(patience));
  if (targetLoss) {
    require(std::isfinite(*targetLoss) && *targetLoss >= 0,
            "the target loss must be a number ≥ 0, got " + formatNumber(*targetLoss));
  }
  if (targetAccuracy) {
    require(std::isfinite(*targetAccuracy) && *targetAccuracy >= 0 && *targetAccuracy <= 1,
            "the target accuracy must be from 0 to 1 (0 % to 100 %), got " + formatNumber(*targetAccuracy));
  }
}

const char* stopReasonName(StopReason reason) {
  switch (reason) {
    case StopReason::None: return "none";
    case StopReason::NonFinite: return "non_finite";
    case StopReason::TargetAccuracy: return "target_accuracy";
    case StopReason::TargetLoss: return "target_loss";
    case StopReason::EarlyStopping: return "early_stopping";
    case StopReason::EpochReached: return "epoch_reached";
  }
  return "?";
}

const char* trainingTrendName(TrainingTrend trend) {
  switch (trend) {
    case TrainingTrend::Healthy: return "healthy";
    case TrainingTrend::Oscillating: return "oscillating";
    case TrainingTrend::Plateau: return "plateau";
  }
  return "?";
}

TrainingMonitor::TrainingMonitor(StopConditions conditions) : conditions_(conditions) { conditions_.validate(); }

void TrainingMonitor::setConditions(const StopConditions& conditions) {
  conditions.validate();
  conditions_ = conditions;
}

void TrainingMonitor::reset() {
  trainLoss_.clear();
  firstLoss_ = 0;
  trend_ = TrainingTrend::Healthy;
  trendBest_ = 0;
  last_ = MonitorReport{};
}

bool TrainingMonitor::solved(const EpochRecord& r) const {
  if (!std::isnan(r.trainAccuracy) && r.trainAccuracy >= kSolvedAccuracy) return true;
  return r.trainLoss <= kSolvedLossRatio * firstLoss_;
}

TrainingTrend TrainingMonitor::detectTrend(const EpochRecord& r) const {
  const std::size_t n = trainLoss_.size();
  if (solved(r)) return TrainingTrend::Healthy;
  const auto w = static_cast<std::size_t>(kOscillationWindow);
  const std::size_t quiet = w * static_cast<std::size_t>(kOscillationWindows);
  if (n > quiet) {
    const std::size_t begin = n - w;
    int reversals = 0, previousSign = 0;
    std::vector<double> steps, window(trainLoss_.begin() + static_cast<std::ptrdiff_t>(begin), trainLoss_.end());
    for (std::size_t i = begin + 1; i < n; ++i) {
      const double d = trainLoss_[i] - trainLoss_[i - 1];
      steps.push_back(std::abs(d));
      const int sign = (d > 0) - (d < 0);
      if (sign != 0) {
        if (previousSign != 0 && sign != previousSign) ++reversals;
        previousSign = sign;
      }
    }
    // Medians, not means: one spike (a normal bump of Adam or momentum) must not count as swinging.
    const double medianLoss = upperMedian(window);
    const double medianStep = upperMedian(steps);
    const bool noNewBest = lowest(trainLoss_, n - quiet, n) > (1 - kProgress) * lowest(trainLoss_, 0, n - quiet);
    if (reversals >= kMinReversals && medianStep >= kMinSwing * medianLoss && noNewBest) return TrainingTrend::Oscillating;
  }
  const auto p = static_cast<std::size_t>(kPlateauWindow);
  if (n > p) {
    const std::size_t begin = n - p;
    if (lowest(trainLoss_, begin, n) > (1 - kProgress) * lowest(trainLoss_, 0, begin)) return TrainingTrend::Plateau;
  }
  return TrainingTrend::Healthy;
}

MonitorReport TrainingMonitor::observe(const EpochRecord& r) {
  if (!trainLoss_.empty() && r.epoch <= last_.epoch) reset();
  MonitorReport report;
  report.epoch = r.epoch;
  const bool hasTest = !std::isnan(r.testLoss);
  report.monitorsTestSet = hasTest;
  const double loss = hasTest ? r.testLoss : r.trainLoss;
  const double accuracy = hasTest ? r.testAccuracy : r.trainAccuracy;

  if (!std::isfinite(r.trainLoss) || (hasTest && !std::isfinite(r.testLoss))) {
    report.stop = StopReason::NonFinite;
    report.bestEpoch = last_.bestEpoch;
    report.bestLoss = last_.bestLoss;
    report.epochsSinceBest = last_.bestEpoch > 0 ? r.epoch - last_.bestEpoch : 0;
    report.trend = trend_;
    last_ = report;
    return report;
  }

  if (trainLoss_.empty()) firstLoss_ = r.trainLoss;
  trainLoss_.push_back(r.trainLoss);

  // Best monitored loss: strictly lower is an improvement (the first one always is).
  if (last_.bestEpoch == 0 || loss < last_.bestLoss) {
    report.bestEpoch = r.epoch;
    report.bestLoss = loss;
  } else {
    report.bestEpoch = last_.bestEpoch;
    report.bestLoss = last_.bestLoss;
  }
  report.epochsSinceBest = r.epoch - report.bestEpoch;

  // Trend with hysteresis: a reported trend stays until the training loss makes progress.
  const double bestTrain = lowest(trainLoss_, 0, trainLoss_.size());
  if (trend_ != TrainingTrend::Healthy && (bestTrain <= (1 - kProgress) * trendBest_ || solved(r))) {
    trend_ = TrainingTrend::Healthy;
  }
  if (trend_ == TrainingTrend::Healthy || trend_ == TrainingTrend::Plateau) {
    const TrainingTrend detected = detectTrend(r);
    // Oscillation is the more specific diagnosis: it replaces a plateau.
    if (detected != TrainingTrend::Healthy && detected != trend_) {
      trend_ = detected;
      trendBest_ = bestTrain;
    }
  }
  report.trend = trend_;

  const StopConditions& c = conditions_;
  if (c.targetAccuracy && !std::isnan(accuracy) && accuracy >= *c.targetAccuracy) {
    report.stop = StopReason::TargetAccuracy;
  } else if (c.targetLoss && loss <= *c.targetLoss) {
    report.stop = StopReason::TargetLoss;
  } else if (c.patience > 0 && report.epochsSinceBest >= c.patience) {
    report.stop = StopReason::EarlyStopping;
  } else if (c.stopEpoch > 0 && r.epoch >= c.stopEpoch) {
    report.stop = StopReason::EpochReached;
  }
  last_ = report;
  return report;
}

std::string describeStop(const MonitorReport& r, const StopConditions& c) {
  const std::string set = r.monitorsTestSet ? "test" : "training";
  const std::string at = " at epoch " + std::to_string(r.epoch);
  switch (r.stop) {
    case StopReason::None: return "";
    case StopReason::NonFinite:
      return "Stopped" + at + ": the loss is no longer a finite number (the training diverged).";
    case StopReason::TargetAccuracy:
      return "Stopped" + at + ": the " + set + " accuracy reached the target of " + percent(*c.targetAccuracy) + ".";
    case StopReason::TargetLoss:
      return "Stopped" + at + ": the " + set + " loss reached the target of " + formatNumber(*c.targetLoss) + ".";
    case StopReason::EarlyStopping:
      return "Early stopping" + at + ": the " + set + " loss has not improved for " +
             std::to_string(r.epochsSinceBest) + " epochs; the best was " + formatNumber(r.bestLoss) + " at epoch " +
             std::to_string(r.bestEpoch) + ".";
    case StopReason::EpochReached: return "Stopped" + at + ", as set.";
  }
  return "";
}

std::string describeTrend(const MonitorReport& r) {
  switch (r.trend) {
    case TrainingTrend::Healthy: return "";
    case TrainingTrend::Oscillating:
      return "The loss is bouncing up and down without getting better: each step is so large that it "
             "overshoots the valley it is heading for. Lower the learning rate (try a tenth of it), or "
             "try Adam or momentum with a smaller rate.";
    case TrainingTrend::Plateau:
      return "The loss has hardly changed for " + std::to_string(TrainingMonitor::kPlateauWindow) +
             " epochs (less than 1 % better): training has stalled. Try a larger learning rate or Adam/momentum; "
             "if the network is too small for the data, add neurons or layers, or input features such as x₁².";
  }
  return "";
}

}  // namespace nnplay
