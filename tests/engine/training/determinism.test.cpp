#include <catch2/catch.hpp>

#include "support/training_fixture.h"

using namespace nnplay;
using test::TrainingSetup;

namespace {

// Everything random at once: initialization, shuffling, mini-batches, dropout masks.
NetworkSpec randomHeavySpec(std::uint64_t seed) {
  return mlpSpec(2,
                 std::vector<HiddenLayerOptions>{{8, Activation::ReLU, 0.3, false}, {8, Activation::Tanh, 0.2, true}},
                 3, Activation::Softmax, Loss::CategoricalCrossEntropy, seed);
}

struct RunResult {
  Vector parameters;
  Vector state;
  std::vector<EpochRecord> history;
};

RunResult train(std::uint64_t networkSeed, std::uint64_t shuffleSeed, std::uint64_t dataSeed = 1) {
  const Dataset data = test::makeDataset(DatasetKind::Blobs, 90, 0.2, dataSeed);
  const DataSplit split = splitDataset(data, 0.2, dataSeed);
  TrainingSettings training;
  training.batchSize = 7;  // 72 training points: 10 batches of 7 and one of 2
  training.seed = shuffleSeed;
  OptimizerSettings adam = OptimizerSettings::defaultsFor(OptimizerKind::Adam);
  adam.learningRate = 0.01;
  TrainingSetup s(randomHeavySpec(networkSeed), adam, split.train, split.test, training);
  s.trainer->run(4);
  return {s.network->parameters(), s.network->state(), s.trainer->history()};
}

}  // namespace

TEST_CASE("the same seeds give bit-identical parameters and loss history", "[determinism][trainer]") {
  const RunResult a = train(11, 22), b = train(11, 22);
  REQUIRE(a.parameters == b.parameters);
  REQUIRE(a.state == b.state);  // batch-norm running statistics
  REQUIRE(test::sameHistory(a.history, b.history));
  REQUIRE(a.history.size() == 4);
}

TEST_CASE("a different network seed, shuffle seed or data seed gives a different run", "[determinism][trainer]") {
  const RunResult base = train(11, 22);
  SECTION("network seed (weights and dropout masks)") {
    const RunResult other = train(12, 22);
    REQUIRE(other.parameters != base.parameters);
    CAPTURE(base.history.back().trainLoss, other.history.back().trainLoss);
    REQUIRE(other.history.back().trainLoss != base.history.back().trainLoss);
  }
  SECTION("shuffle seed (batch composition)") {
    const RunResult other = train(11, 23);
    REQUIRE(other.parameters != base.parameters);
    REQUIRE(other.history.back().trainLoss != base.history.back().trainLoss);
  }
  SECTION("data seed") {
    const RunResult other = train(11, 22, 2);
    REQUIRE(other.parameters != base.parameters);
  }
}
