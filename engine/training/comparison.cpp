#include "training/comparison.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>

#include "core/error.h"
#include "network/network.h"
#include "regularization/regularizer.h"
#include "training/targets.h"

namespace nnplay {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ‖w‖₂ of the weights only, accumulated in double so float32 runs compare fairly.
double maskedWeightNorm(const Network& net) {
  const Vector& p = net.parameters();
  const Vector& mask = net.decayMask();
  double sum = 0;
  for (Index i = 0; i < p.size(); ++i) {
    const double w = static_cast<double>(p(i)) * static_cast<double>(mask(i));
    sum += w * w;
  }
  return std::sqrt(sum);
}

double penaltyNow(const ComparisonConfig& config, const Network& net) {
  return static_cast<double>(
      regularizationPenalty(config.training.regularization, net.parameters(), net.decayMask()));
}

ComparisonResult runOne(const DataSplit& data, const ComparisonConfig& config, int maxEpochs,
                        double targetLoss) {
  ComparisonResult result;
  result.label = config.label;
  // Building the network and trainer validates the spec, settings and data; name the
  // configuration, since the learner may be looking at four of them.
  std::unique_ptr<Network> net;
  std::unique_ptr<Optimizer> optimizer;
  std::unique_ptr<Trainer> trainer;
  try {
    net = std::make_unique<Network>(config.network);
    optimizer = Optimizer::create(config.optimizer, net->parameterCount());
    trainer = std::make_unique<Trainer>(*net, *optimizer, data.train, data.test, config.training);
  } catch (const InvalidArgument& e) {
    throw InvalidArgument("configuration \"" + config.label + "\": " + e.what());
  }
  result.parameterCount = net->parameterCount();

  try {
    for (int e = 1; e <= maxEpochs; ++e) {
      const EpochRecord record = trainer->stepEpoch();
      // Same parameters as the ones just evaluated, so this is that epoch's penalty.
      const double dataLoss = record.trainLoss - penaltyNow(config, *net);
      result.trainDataLoss.push_back(dataLoss);
      if (result.epochsToTarget == 0 && dataLoss <= targetLoss) result.epochsToTarget = record.epoch;
    }
  } catch (const TrainingDiverged& e) {
    result.diverged = true;
    result.divergenceMessage = e.what();
    // The diverging step may have completed an epoch (recorded before the throw).
    if (trainer->history().size() > result.trainDataLoss.size()) {
      result.trainDataLoss.push_back(trainer->history().back().trainLoss - penaltyNow(config, *net));
    }
  }

  result.history = trainer->history();
  if (result.history.empty()) {
    result.finalTrainLoss = result.finalPenalty = result.finalTestLoss = result.lossGap = kNaN;
    result.finalTrainAccuracy = result.finalTestAccuracy = kNaN;
  } else {
    const EpochRecord& last = result.history.back();
    result.finalTrainLoss = result.trainDataLoss.back();
    result.finalPenalty = last.trainLoss - result.finalTrainLoss;
    result.finalTestLoss = last.testLoss;
    result.lossGap = last.testLoss - result.finalTrainLoss;
    result.finalTrainAccuracy = last.trainAccuracy;
    result.finalTestAccuracy = last.testAccuracy;
  }
  result.weightNorm = maskedWeightNorm(*net);
  return result;
}

std::string formatted(const char* format, double value) {
  if (!std::isfinite(value)) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

}  // namespace

NetworkSpec comparisonNetwork(const Dataset& data, const std::vector<HiddenLayerOptions>& hidden,
                              std::uint64_t seed, Initializer initializer) {
  const OutputHead head = defaultOutputHead(data.classes);
  return mlpSpec(data.points.cols(), hidden, head.outputs, head.activation, head.loss, seed, initializer);
}

Comparison runComparison(const DataSplit& data, const std::vector<ComparisonConfig>& configs,
                         int maxEpochs, double targetLoss) {
  require(!configs.empty() && configs.size() <= static_cast<std::size_t>(kMaxComparisonConfigs),
          "a comparison needs 1 to " + std::to_string(kMaxComparisonConfigs) + " configurations, got " +
              std::to_string(configs.size()));
  require(maxEpochs >= 1, "the number of epochs must be at least 1, got " + std::to_string(maxEpochs));
  require(std::isfinite(targetLoss) && targetLoss >= 0,
          "the target loss must be a finite number ≥ 0, got " + formatNumber(targetLoss));
  Comparison comparison;
  comparison.maxEpochs = maxEpochs;
  comparison.targetLoss = targetLoss;
  for (const ComparisonConfig& config : configs) {
    comparison.results.push_back(runOne(data, config, maxEpochs, targetLoss));
  }
  return comparison;
}

std::string formatComparisonTable(const Comparison& comparison) {
  const std::string epochsHeader = "epochs to " + formatNumber(comparison.targetLoss);
  const std::vector<std::string> headers = {"configuration", epochsHeader, "train loss", "test loss", "gap",
                                            "weight norm"};
  std::vector<std::vector<std::string>> rows;
  for (const ComparisonResult& r : comparison.results) {
    std::string epochs;
    if (r.reachedTarget()) epochs = std::to_string(r.epochsToTarget);
    else if (r.diverged) epochs = "diverged";
    else epochs = "not reached";
    rows.push_back({r.label, epochs, formatted("%.4f", r.finalTrainLoss), formatted("%.4f", r.finalTestLoss),
                    formatted("%+.4f", r.lossGap), formatted("%.3f", r.weightNorm)});
  }
  std::vector<std::size_t> widths;
  for (const std::string& h : headers) widths.push_back(h.size());
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());

  // The label is left-aligned, numbers right-aligned so their decimals line up.
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(widths[c] - cells[c].size(), ' ');
      if (c > 0) out += "  ";
      out += c == 0 ? cells[c] + pad : pad + cells[c];
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string table = line(headers);
  std::size_t ruleWidth = 0;
  for (std::size_t w : widths) ruleWidth += w;
  table += std::string(ruleWidth + 2 * (widths.size() - 1), '-') + "\n";
  for (const auto& row : rows) table += line(row);
  return table;
}

}  // namespace nnplay
