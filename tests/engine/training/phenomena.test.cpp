// Teaching phenomena, measured with runComparison on the shipped float32 engine: the claims
// the page and the course material make ("momentum is faster than plain SGD", "L2 keeps the
// weights small") must hold on our engine, not only in the textbook.
//
// Each claim is checked on three data/weight/shuffle seeds and must hold on a majority (the
// settings were chosen where the effect is large: it held on all of 6–8 seeds tried). A
// failure prints every table it measured.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "training/comparison.h"

using namespace nnplay;

namespace {

const std::vector<std::uint64_t> kSeeds = {1, 2, 3};

DataSplit makeData(DatasetKind kind, Index points, double noise, double testFraction, std::uint64_t seed) {
  DatasetOptions options;
  options.kind = kind;
  options.points = points;
  options.noise = noise;
  options.seed = seed;
  return splitDataset(generateDataset(options), testFraction, seed);
}

std::vector<HiddenLayerOptions> hiddenLayers(std::vector<Index> units, Activation activation,
                                             double dropout = 0.0, bool batchNorm = false) {
  std::vector<HiddenLayerOptions> hidden;
  for (Index u : units) hidden.push_back({u, activation, dropout, batchNorm});
  return hidden;
}

ComparisonConfig makeConfig(const std::string& label, const DataSplit& data,
                            const std::vector<HiddenLayerOptions>& hidden, OptimizerKind optimizer,
                            double learningRate, std::uint64_t seed, Index batchSize = 10) {
  ComparisonConfig c;
  c.label = label;
  c.network = comparisonNetwork(data.train, hidden, seed);
  c.optimizer = OptimizerSettings::defaultsFor(optimizer);
  c.optimizer.learningRate = learningRate;
  c.training.batchSize = batchSize;
  c.training.seed = seed;
  return c;
}

// Epochs to the target, counting "not reached" as one more than the budget.
int epochsOrBudget(const Comparison& c, std::size_t i) {
  const ComparisonResult& r = c.results.at(i);
  return r.reachedTarget() ? r.epochsToTarget : c.maxEpochs + 1;
}

// a reached the target, and sooner than b (or b never did).
bool fasterThan(const Comparison& c, std::size_t a, std::size_t b) {
  return c.results.at(a).reachedTarget() && epochsOrBudget(c, a) < epochsOrBudget(c, b);
}

bool majority(int count) { return 2 * count > static_cast<int>(kSeeds.size()); }

void appendTable(std::string& log, std::uint64_t seed, const Comparison& c) {
  log += "seed " + std::to_string(seed) + ":\n" + formatComparisonTable(c);
}

}  // namespace

TEST_CASE("momentum and Adam reach a target loss on the spiral in fewer epochs than plain SGD",
          "[phenomena][optimizer]") {
  // Same learning rate for all three: momentum's velocity and Adam's per-weight step sizes,
  // not a larger η, make the difference.
  int momentumFaster = 0, adamFaster = 0;
  std::string log;
  for (std::uint64_t seed : kSeeds) {
    const DataSplit data = makeData(DatasetKind::Spiral, 500, 0.1, 0.3, seed);
    const auto hidden = hiddenLayers({8, 8}, Activation::Tanh);
    const Comparison c = runComparison(data,
                                       {makeConfig("sgd", data, hidden, OptimizerKind::SGD, 0.01, seed),
                                        makeConfig("momentum", data, hidden, OptimizerKind::Momentum, 0.01, seed),
                                        makeConfig("adam", data, hidden, OptimizerKind::Adam, 0.01, seed)},
                                       500, 0.3);
    appendTable(log, seed, c);
    momentumFaster += fasterThan(c, 1, 0);
    adamFaster += fasterThan(c, 2, 0);
  }
  INFO(log);
  CAPTURE(momentumFaster, adamFaster);
  CHECK(majority(momentumFaster));
  CHECK(majority(adamFaster));
}

TEST_CASE("ReLU and tanh reach a target loss in fewer epochs than sigmoid", "[phenomena][activation]") {
  // Sigmoid's derivative is at most 1/4 and its outputs are not centred on 0, so the
  // gradients reaching the first layer are small: it learns the circle far more slowly.
  int reluFaster = 0, tanhFaster = 0;
  std::string log;
  for (std::uint64_t seed : kSeeds) {
    const DataSplit data = makeData(DatasetKind::Circle, 500, 0.1, 0.3, seed);
    std::vector<ComparisonConfig> configs;
    for (Activation a : {Activation::Sigmoid, Activation::Tanh, Activation::ReLU}) {
      configs.push_back(makeConfig(activationName(a), data, hiddenLayers({8, 8}, a), OptimizerKind::SGD, 0.03, seed));
    }
    const Comparison c = runComparison(data, configs, 300, 0.1);
    appendTable(log, seed, c);
    tanhFaster += fasterThan(c, 1, 0);
    reluFaster += fasterThan(c, 2, 0);
  }
  INFO(log);
  CAPTURE(tanhFaster, reluFaster);
  CHECK(majority(tanhFaster));
  CHECK(majority(reluFaster));
}

namespace {

// Overfitting on purpose: 30 training points with noise 1 on the circle (the classes
// overlap), a 2-64-64-1 network (~4,400 parameters) and 1,000 epochs of Adam. Unregularized,
// it drives its training loss to ~0 and its test loss far above it.
const Index kOverfitPoints = 60;
const double kOverfitNoise = 1.0;
const int kOverfitEpochs = 1000;

DataSplit overfitData(std::uint64_t seed) {
  return makeData(DatasetKind::Circle, kOverfitPoints, kOverfitNoise, 0.5, seed);
}

ComparisonConfig overfitConfig(const std::string& label, const DataSplit& data, std::uint64_t seed,
                               double dropout = 0.0) {
  return makeConfig(label, data, hiddenLayers({64, 64}, Activation::Tanh, dropout), OptimizerKind::Adam, 0.01, seed);
}

}  // namespace

TEST_CASE("L2 lowers the weight norm and narrows the train/test gap of an overfitting net",
          "[phenomena][regularization]") {
  int smallerNorm = 0, narrowerGap = 0;
  std::string log;
  for (std::uint64_t seed : kSeeds) {
    const DataSplit data = overfitData(seed);
    ComparisonConfig l2 = overfitConfig("l2 0.01", data, seed);
    l2.training.regularization = {Regularization::L2, 0.01};
    const Comparison c = runComparison(data, {overfitConfig("none", data, seed), l2}, kOverfitEpochs, 0.1);
    appendTable(log, seed, c);
    const ComparisonResult& plain = c.results[0];
    const ComparisonResult& reg = c.results[1];
    // It must be overfitting in the first place, or the comparison says nothing.
    INFO("seed " << seed << ": unregularized train loss " << plain.finalTrainLoss << ", gap " << plain.lossGap);
    REQUIRE(plain.finalTrainLoss < 0.1);
    REQUIRE(plain.lossGap > 0.2);
    smallerNorm += reg.weightNorm < 0.5 * plain.weightNorm;
    narrowerGap += reg.lossGap < 0.8 * plain.lossGap;
  }
  INFO(log);
  CAPTURE(smallerNorm, narrowerGap);
  CHECK(smallerNorm == static_cast<int>(kSeeds.size()));  // what L2 does by construction
  CHECK(majority(narrowerGap));
}

TEST_CASE("dropout narrows the train/test gap of an overfitting net", "[phenomena][dropout]") {
  // Rate 0.5: with 0.3 the gap narrowed on most seeds but not all (seed 2 widened).
  int narrowerGap = 0;
  std::string log;
  for (std::uint64_t seed : kSeeds) {
    const DataSplit data = overfitData(seed);
    const Comparison c = runComparison(
        data, {overfitConfig("no dropout", data, seed), overfitConfig("dropout 0.5", data, seed, 0.5)},
        kOverfitEpochs, 0.1);
    appendTable(log, seed, c);
    const ComparisonResult& plain = c.results[0];
    INFO("seed " << seed << ": without dropout train loss " << plain.finalTrainLoss << ", gap " << plain.lossGap);
    REQUIRE(plain.finalTrainLoss < 0.1);
    REQUIRE(plain.lossGap > 0.2);
    narrowerGap += c.results[1].lossGap < 0.8 * plain.lossGap;
  }
  INFO(log);
  CAPTURE(narrowerGap);
  CHECK(majority(narrowerGap));
}

TEST_CASE("batch norm reaches a target loss in fewer epochs than the same net without it",
          "[phenomena][batch_norm]") {
  // Sigmoid hidden layers and plain SGD: the setting batch norm was invented for (inputs to
  // each layer kept centred and scaled, out of sigmoid's flat tails). Note: with tiny batches
  // (10 points) of the spiral batch norm can be SLOWER — its statistics are too noisy.
  const int budget = 400;
  std::vector<double> speedUps;
  int faster = 0;
  std::string log;
  for (std::uint64_t seed : kSeeds) {
    const DataSplit data = makeData(DatasetKind::Circle, 500, 0.1, 0.3, seed);
    const Comparison c = runComparison(
        data,
        {makeConfig("without", data, hiddenLayers({8, 8}, Activation::Sigmoid), OptimizerKind::SGD, 0.1, seed),
         makeConfig("batch norm", data, hiddenLayers({8, 8}, Activation::Sigmoid, 0.0, true), OptimizerKind::SGD,
                    0.1, seed)},
        budget, 0.1);
    appendTable(log, seed, c);
    faster += fasterThan(c, 1, 0);
    // "Not reached" without batch norm counts as the budget: a lower bound on the speed-up.
    if (c.results[1].reachedTarget()) {
      speedUps.push_back(static_cast<double>(std::min(epochsOrBudget(c, 0), budget)) / c.results[1].epochsToTarget);
    } else {
      speedUps.push_back(0.0);
    }
  }
  std::vector<double> sorted = speedUps;
  std::sort(sorted.begin(), sorted.end());
  const double median = sorted[sorted.size() / 2];
  std::ostringstream report;
  report << "batch norm speed-up (epochs without / epochs with, target loss 0.1 on the circle):";
  for (std::size_t i = 0; i < kSeeds.size(); ++i) report << " seed " << kSeeds[i] << " " << speedUps[i] << "x;";
  report << " median " << median << "x";
  WARN(report.str());
  INFO(log);
  CAPTURE(faster, median);
  CHECK(majority(faster));
  CHECK(median > 1.0);
}
