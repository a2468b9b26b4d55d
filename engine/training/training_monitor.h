// Watches training epoch by epoch: says when to stop (the learner's stop conditions) and what
// is going on in plain words (the loss bouncing, or stalled), with what to try.
//
// Fed one EpochRecord per completed epoch, in order. It never stops training by itself
// except when a value is not finite; oscillation and plateau are advice only.
//
// Stop conditions (all optional; the first that holds, in this order, is reported):
//   NonFinite       a loss in the record is NaN or ±∞ (always on);
//   TargetAccuracy  the monitored accuracy ≥ targetAccuracy;
//   TargetLoss      the monitored loss ≤ targetLoss;
//   EarlyStopping   the monitored loss has not been strictly below its best for `patience`
//                   epochs (Keras' EarlyStopping with min_delta 0); bestEpoch/bestLoss say
//                   where the best was, so a caller can roll back or mark it;
//   EpochReached    record.epoch ≥ stopEpoch.
// "Monitored" = the test set's value, or the training set's when there is no test set
// (a NaN test loss / accuracy).
//
// Trends, from the TRAINING loss (it is what the optimizer moves; the test set may be absent),
// with deterministic thresholds:
//   Oscillating  over the last kOscillationWindow (20) epochs the loss changed direction at
//                least kMinReversals (6) times, its median step |Lₜ − Lₜ₋₁| is at least
//                kMinSwing (20 %) of the window's median loss, and no new best was made for
//                kOscillationWindows (2) windows: the lowest loss of the last 40 epochs is not
//                kProgress (1 %) below the best loss before them.
//   Plateau      the best loss of the last kPlateauWindow (200) epochs is not kProgress (1 %)
//                below the best loss before them.
// Neither is reported for a solved problem: training accuracy ≥ kSolvedAccuracy (99 %), or a
// loss ≤ kSolvedLossRatio (2 %) of the first epoch's (regression). A trend, once reported,
// stays until the loss makes kProgress (1 %) of progress on the best seen when it was reported:
// a bouncing loss touching an old level for one epoch does not make the message flicker.
//
// Measured (tests/engine/training/training_monitor.test.cpp, float32 and float64): SGD with
// learning rate 50 on the page's spiral is reported oscillating within 100 epochs (seeds 1–3:
// epochs 58–77 in float32, 59–85 in float64); the page's default circle, Adam 0.01 on spiral
// (8-8 tanh) and momentum 0.01 on the circle are never reported over 1,000 epochs. Why the
// median step and two windows: Adam's and momentum's normal late bumps are single spikes (one
// epoch at 2–7× the loss, then back), which lift the mean step of a window but not its median,
// and a converging run makes a new best within 40 epochs even when it bumps; learning rate 50
// jumps by about half the loss at every step and its best stays an early lucky epoch. A run
// that really is stuck (the default circle with data seed 3 stays at 83 % accuracy, loss
// 0.377 → 0.374 in 400 epochs) is reported as a plateau, as it should be.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "training/trainer.h"

namespace nnplay {

struct StopConditions {
  int stopEpoch = 0;                      // 0 = no limit
  std::optional<double> targetLoss;       // stop once the monitored loss ≤ this
  std::optional<double> targetAccuracy;   // 0–1; stop once the monitored accuracy ≥ this
  int patience = 0;                       // early stopping after this many epochs without a new best; 0 = off
  // Throws InvalidArgument naming the setting (negative epoch/patience, accuracy outside 0–1…).
  void validate() const;
};

enum class StopReason { None, NonFinite, TargetAccuracy, TargetLoss, EarlyStopping, EpochReached };
enum class TrainingTrend { Healthy, Oscillating, Plateau };

const char* stopReasonName(StopReason reason);      // "none", "non_finite", "target_accuracy", …
const char* trainingTrendName(TrainingTrend trend);  // "healthy", "oscillating", "plateau"

struct MonitorReport {
  int epoch = 0;                    // the record this report is about
  StopReason stop = StopReason::None;
  TrainingTrend trend = TrainingTrend::Healthy;
  int bestEpoch = 0;                // epoch of the lowest monitored loss so far (0 before any)
  double bestLoss = 0;              // that loss
  int epochsSinceBest = 0;
  bool monitorsTestSet = true;      // false when the records have no test loss
  bool shouldStop() const { return stop != StopReason::None; }
};

class TrainingMonitor {
 public:
  static constexpr int kOscillationWindow = 20;
  static constexpr int kMinReversals = 6;
  static constexpr double kMinSwing = 0.2;
  static constexpr int kOscillationWindows = 2;  // windows without a new best
  static constexpr int kPlateauWindow = 200;
  static constexpr double kProgress = 0.01;
  static constexpr double kSolvedAccuracy = 0.99;
  static constexpr double kSolvedLossRatio = 0.02;

  explicit TrainingMonitor(StopConditions conditions = {});

  // The report after `record`, which must follow the previous one (epoch + 1); a record with
  // an earlier or equal epoch starts over (training was reset or rewound).
  MonitorReport observe(const EpochRecord& record);
  const MonitorReport& last() const { return last_; }
  void reset();

  const StopConditions& conditions() const { return conditions_; }
  void setConditions(const StopConditions& conditions);  // keeps the history

 private:
  TrainingTrend detectTrend(const EpochRecord& record) const;
  bool solved(const EpochRecord& record) const;

  StopConditions conditions_;
  std::vector<double> trainLoss_;  // one per observed epoch, in order
  double firstLoss_ = 0;
  TrainingTrend trend_ = TrainingTrend::Healthy;
  double trendBest_ = 0;           // the best training loss when the trend was reported
  MonitorReport last_;
};

// Plain words for a learner: why training stopped ("" when it did not), e.g.
// "Early stopping: the test loss has not improved for 50 epochs; the best was 0.0312 at epoch 140."
std::string describeStop(const MonitorReport& report, const StopConditions& conditions);
// What is happening and what to try ("" when healthy).
std::string describeTrend(const MonitorReport& report);

}  // namespace nnplay
