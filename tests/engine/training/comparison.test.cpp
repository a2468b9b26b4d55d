#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/error.h"
#include "data/dataset.h"
#include "network/network.h"
#include "support/thrown_message.h"
#include "training/comparison.h"
#include "training/trainer.h"

using namespace nnplay;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

DataSplit smallData(DatasetKind kind = DatasetKind::Gaussians, double testFraction = 0.25) {
  DatasetOptions options;
  options.kind = kind;
  options.points = 40;
  options.noise = 0.2;
  options.seed = 5;
  return splitDataset(generateDataset(options), testFraction, 5);
}

ComparisonConfig smallConfig(const std::string& label, const DataSplit& data, OptimizerKind kind = OptimizerKind::SGD,
                             double learningRate = 0.1) {
  ComparisonConfig c;
  c.label = label;
  c.network = comparisonNetwork(data.train, {{4, Activation::Tanh, 0.0, false}}, 3);
  c.optimizer = OptimizerSettings::defaultsFor(kind);
  c.optimizer.learningRate = learningRate;
  c.training.batchSize = 8;
  c.training.seed = 3;
  return c;
}

bool sameRecords(const std::vector<EpochRecord>& a, const std::vector<EpochRecord>& b) {
  if (a.size() != b.size()) return false;
  auto same = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].epoch != b[i].epoch || a[i].step != b[i].step || !same(a[i].trainLoss, b[i].trainLoss) ||
        !same(a[i].testLoss, b[i].testLoss) || !same(a[i].trainAccuracy, b[i].trainAccuracy) ||
        !same(a[i].testAccuracy, b[i].testAccuracy))
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("comparisonNetwork puts the default output head on the hidden blocks", "[comparison]") {
  const DataSplit data = smallData();
  const NetworkSpec spec = comparisonNetwork(data.train, {{6, Activation::ReLU, 0.2, true}}, 9);
  CHECK(spec.inputs() == 2);
  CHECK(spec.seed == 9);
  CHECK(spec.loss == Loss::BinaryCrossEntropy);
  REQUIRE(spec.layers.size() == 6);  // dense, batch norm, relu, dropout, dense, sigmoid
  CHECK(spec.layers[1].kind == "batch_norm");
  CHECK(spec.layers[3].number("rate") == Approx(0.2));
  CHECK(spec.layers[4].integer("units") == 1);
  CHECK(spec.layers[5].activation() == Activation::Sigmoid);
}

TEST_CASE("runComparison trains each configuration for the whole budget and reports its finals", "[comparison]") {
  const DataSplit data = smallData();
  const Comparison c = runComparison(data, {smallConfig("a", data)}, 12, 0.0);
  REQUIRE(c.results.size() == 1);
  CHECK(c.maxEpochs == 12);
  const ComparisonResult& r = c.results[0];
  CHECK(r.label == "a");
  CHECK_FALSE(r.diverged);
  REQUIRE(r.history.size() == 12);
  REQUIRE(r.trainDataLoss.size() == 12);
  CHECK(r.history.back().epoch == 12);
  // Without regularization the data loss is the reported loss.
  CHECK(r.finalPenalty == 0.0);
  CHECK(r.finalTrainLoss == r.history.back().trainLoss);
  CHECK(r.finalTestLoss == r.history.back().testLoss);
  CHECK(r.lossGap == Approx(r.finalTestLoss - r.finalTrainLoss));
  CHECK(r.finalTrainAccuracy == r.history.back().trainAccuracy);
  CHECK(r.finalTestAccuracy == r.history.back().testAccuracy);

  SECTION("the same numbers as training the network by hand with the Trainer") {
    const ComparisonConfig config = smallConfig("a", data);
    Network net(config.network);
    auto optimizer = Optimizer::create(config.optimizer, net.parameterCount());
    Trainer trainer(net, *optimizer, data.train, data.test, config.training);
    trainer.run(12);
    CHECK(sameRecords(trainer.history(), r.history));
    CHECK(r.parameterCount == net.parameterCount());
    // Weight norm: weights only (the decay mask), not biases.
    const double expected = static_cast<double>(net.parameters().cwiseProduct(net.decayMask()).norm());
    const double withBiases = static_cast<double>(net.parameters().norm());
    CHECK(r.weightNorm == Approx(expected).epsilon(1e-5));
    CHECK(r.weightNorm < withBiases);
  }
}

TEST_CASE("epochs to target is the first epoch whose training data loss is at or below the target",
          "[comparison]") {
  const DataSplit data = smallData();
  const Comparison full = runComparison(data, {smallConfig("a", data)}, 30, 0.0);
  const std::vector<double>& losses = full.results[0].trainDataLoss;
  REQUIRE(losses.size() == 30);
  // A target the run crosses somewhere in the middle: the loss after epoch 10.
  const double target = losses[9];
  std::size_t first = 0;
  while (losses[first] > target) ++first;
  INFO("loss after epoch 10: " << target << ", first epoch at or below it: " << first + 1);

  const Comparison c = runComparison(data, {smallConfig("a", data)}, 30, target);
  const ComparisonResult& r = c.results[0];
  REQUIRE(r.reachedTarget());
  CHECK(r.epochsToTarget == static_cast<int>(first) + 1);
  CHECK(r.epochsToTarget <= 10);
  CHECK(r.trainDataLoss[static_cast<std::size_t>(r.epochsToTarget) - 1] <= target);
  for (int e = 1; e < r.epochsToTarget; ++e) CHECK(r.trainDataLoss[static_cast<std::size_t>(e) - 1] > target);

  SECTION("a target above the first epoch's loss is reached at epoch 1") {
    const Comparison easy = runComparison(data, {smallConfig("a", data)}, 3, losses[0] + 1.0);
    CHECK(easy.results[0].epochsToTarget == 1);
  }
  SECTION("an unreachable target is reported as not reached, training still runs to the budget") {
    const Comparison hard = runComparison(data, {smallConfig("a", data)}, 5, 0.0);
    CHECK_FALSE(hard.results[0].reachedTarget());
    CHECK(hard.results[0].epochsToTarget == 0);
    CHECK(hard.results[0].history.size() == 5);
    CHECK_THAT(formatComparisonTable(hard), Contains("not reached"));
  }
}

TEST_CASE("the target is checked against the data loss, without the L2 penalty", "[comparison][regularization]") {
  const DataSplit data = smallData();
  ComparisonConfig plain = smallConfig("plain", data);
  ComparisonConfig l2 = smallConfig("l2", data);
  l2.training.regularization = {Regularization::L2, 0.05};
  const Comparison c = runComparison(data, {plain, l2}, 20, 0.0);
  const ComparisonResult& r = c.results[1];
  // penalty = (λ/2)·‖w‖² over the weights, and reported loss = data loss + penalty.
  CHECK(r.finalPenalty == Approx(0.05 / 2 * r.weightNorm * r.weightNorm).epsilon(1e-4));
  CHECK(r.finalTrainLoss + r.finalPenalty == Approx(r.history.back().trainLoss));
  for (std::size_t i = 0; i < r.history.size(); ++i) CHECK(r.trainDataLoss[i] < r.history[i].trainLoss);
  CHECK(r.lossGap == Approx(r.finalTestLoss - r.finalTrainLoss));
}

TEST_CASE("runComparison is deterministic and each configuration is independent of the others", "[comparison]") {
  const DataSplit data = smallData();
  const ComparisonConfig sgd = smallConfig("sgd", data);
  const ComparisonConfig adam = smallConfig("adam", data, OptimizerKind::Adam, 0.01);
  ComparisonConfig dropout = smallConfig("dropout", data);
  dropout.network = comparisonNetwork(data.train, {{6, Activation::Tanh, 0.3, true}}, 3);
  const Comparison first = runComparison(data, {sgd, adam, dropout}, 15, 0.3);
  const Comparison second = runComparison(data, {sgd, adam, dropout}, 15, 0.3);
  const Comparison alone = runComparison(data, {dropout}, 15, 0.3);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("configuration " << first.results[i].label);
    CHECK(sameRecords(first.results[i].history, second.results[i].history));
    CHECK(first.results[i].epochsToTarget == second.results[i].epochsToTarget);
    CHECK(first.results[i].weightNorm == second.results[i].weightNorm);
  }
  CHECK(sameRecords(first.results[2].history, alone.results[0].history));
  CHECK(formatComparisonTable(first) == formatComparisonTable(second));
  // Different optimizers really did train differently.
  CHECK_FALSE(sameRecords(first.results[0].history, first.results[1].history));
}

TEST_CASE("a diverging configuration is reported and the others still run", "[comparison]") {
  const DataSplit data = smallData(DatasetKind::RegressionPlane);
  ComparisonConfig wild;
  wild.label = "lr 1e5";
  wild.network = comparisonNetwork(data.train, {{8, Activation::Linear, 0.0, false}}, 1);
  wild.optimizer.learningRate = 1e5;
  ComparisonConfig calm = wild;
  calm.label = "lr 0.01";
  calm.optimizer.learningRate = 0.01;
  const Comparison c = runComparison(data, {wild, calm}, 20, 1e-9);
  REQUIRE(c.results.size() == 2);
  const ComparisonResult& blown = c.results[0];
  INFO("history length " << blown.history.size());
  CHECK(blown.diverged);
  CHECK_THAT(blown.divergenceMessage, Contains("diverged"));
  CHECK(blown.history.size() < 20);
  CHECK_FALSE(blown.reachedTarget());
  CHECK_FALSE(c.results[1].diverged);
  CHECK(c.results[1].history.size() == 20);
  CHECK(std::isnan(c.results[1].finalTrainAccuracy));  // regression
  const std::string table = formatComparisonTable(c);
  INFO(table);
  CHECK_THAT(table, Contains("diverged"));
}

TEST_CASE("runComparison rejects bad requests with messages that name the problem", "[comparison]") {
  const DataSplit data = smallData();
  const ComparisonConfig ok = smallConfig("ok", data);
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { runComparison(data, {}, 10, 0.1); }),
             Contains("1 to 8 configurations"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>(
                 [&] { runComparison(data, std::vector<ComparisonConfig>(9, ok), 10, 0.1); }),
             Contains("got 9"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { runComparison(data, {ok}, 0, 0.1); }),
             Contains("epochs"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { runComparison(data, {ok}, 10, -1.0); }),
             Contains("target loss"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>(
                 [&] { runComparison(data, {ok}, 10, std::numeric_limits<double>::quiet_NaN()); }),
             Contains("target loss"));
  // The network does not fit the data (3 inputs for 2-D points): the message names the configuration.
  ComparisonConfig wrong = smallConfig("three inputs", data);
  wrong.network.input = Shape::features(3);
  const std::string message =
      test::thrownMessage<InvalidArgument>([&] { runComparison(data, {ok, wrong}, 10, 0.1); });
  CHECK_THAT(message, Contains("configuration \"three inputs\""));
  CHECK_THAT(message, Contains("features"));
}

TEST_CASE("formatComparisonTable lines up one row per configuration", "[comparison]") {
  Comparison c;
  c.maxEpochs = 500;
  c.targetLoss = 0.3;
  ComparisonResult sgd;
  sgd.label = "sgd";
  sgd.finalTrainLoss = 0.45871;
  sgd.finalTestLoss = 0.51112;
  sgd.lossGap = 0.05241;
  sgd.weightNorm = 9.8271;
  ComparisonResult momentum;
  momentum.label = "momentum";
  momentum.epochsToTarget = 120;
  momentum.finalTrainLoss = 0.165;
  momentum.finalTestLoss = 0.32562;
  momentum.lossGap = -0.01;
  momentum.weightNorm = 26.9524;
  ComparisonResult blown;
  blown.label = "blew up";
  blown.diverged = true;
  blown.finalTrainLoss = blown.finalTestLoss = blown.lossGap = std::numeric_limits<double>::quiet_NaN();
  blown.weightNorm = std::numeric_limits<double>::infinity();
  c.results = {sgd, momentum, blown};
  const std::string expected =
      "configuration  epochs to 0.3  train loss  test loss      gap  weight norm\n"
      "-------------------------------------------------------------------------\n"
      "sgd              not reached      0.4587     0.5111  +0.0524        9.827\n"
      "momentum                 120      0.1650     0.3256  -0.0100       26.952\n"
      "blew up             diverged           -          -        -            -\n";
  CHECK(formatComparisonTable(c) == expected);

  SECTION("a long label widens the first column") {
    c.results[0].label = "a much longer label than the header";
    const std::string table = formatComparisonTable(c);
    const std::string label = c.results[0].label;
    CHECK_THAT(table, StartsWith("configuration" + std::string(label.size() - 13 + 2, ' ') + "epochs to 0.3"));
    CHECK_THAT(table, Contains("\n" + label + "  "));
  }
}
