#include <catch2/catch.hpp>

#include <cmath>

#include "core/error.h"
#include "support/test_data.h"
#include "support/thrown_message.h"
#include "support/training_fixture.h"

using namespace nnplay;
using Catch::Matchers::Contains;
using test::TrainingSetup;

namespace {

// 2-6-6-1 tanh with dropout, on 37 points (batch 10: batches of 10, 10, 10 and 7).
NetworkSpec dropoutSpec(std::uint64_t seed = 3) {
  return mlpSpec(2, std::vector<HiddenLayerOptions>{{6, Activation::Tanh, 0.2, false}, {6, Activation::Tanh, 0.0, false}},
                 1, Activation::Sigmoid, Loss::BinaryCrossEntropy, seed);
}

OptimizerSettings adam() {
  OptimizerSettings s = OptimizerSettings::defaultsFor(OptimizerKind::Adam);
  s.learningRate = 0.01;
  return s;
}

TrainingSettings batches(Index batchSize, std::uint64_t seed = 1) {
  TrainingSettings s;
  s.batchSize = batchSize;
  s.seed = seed;
  return s;
}

}  // namespace

TEST_CASE("stepBatch until an epoch completes equals stepEpoch, bit for bit", "[trainer]") {
  const Dataset train = test::makeDataset(DatasetKind::Circle, 37);
  const Dataset testSet = test::makeDataset(DatasetKind::Circle, 20, 0.1, 2);
  TrainingSetup byBatch(dropoutSpec(), adam(), train, testSet, batches(10));
  TrainingSetup byEpoch(dropoutSpec(), adam(), train, testSet, batches(10));
  REQUIRE(byBatch.trainer->batchesPerEpoch() == 4);
  for (int epoch = 1; epoch <= 3; ++epoch) {
    BatchResult r;
    Index count = 0;
    do {
      r = byBatch.trainer->stepBatch();
      REQUIRE(r.epoch == epoch);
      REQUIRE(r.batch == count);
      REQUIRE(r.batchesPerEpoch == 4);
      ++count;
    } while (!r.epochCompleted);
    REQUIRE(count == 4);
    const EpochRecord record = byEpoch.trainer->stepEpoch();
    CAPTURE(epoch, record.trainLoss, byBatch.trainer->history().back().trainLoss);
    REQUIRE(byBatch.network->parameters() == byEpoch.network->parameters());
    REQUIRE(test::sameHistory(byBatch.trainer->history(), byEpoch.trainer->history()));
    REQUIRE(record.epoch == epoch);
  }
}

TEST_CASE("run(N) equals N × stepEpoch, bit for bit", "[trainer]") {
  const Dataset train = test::makeDataset(DatasetKind::Spiral, 60);
  TrainingSetup ran(dropoutSpec(), adam(), train, Dataset{}, batches(16));
  TrainingSetup stepped(dropoutSpec(), adam(), train, Dataset{}, batches(16));
  const EpochRecord last = ran.trainer->run(5);
  for (int i = 0; i < 5; ++i) stepped.trainer->stepEpoch();
  REQUIRE(ran.network->parameters() == stepped.network->parameters());
  REQUIRE(test::sameHistory(ran.trainer->history(), stepped.trainer->history()));
  REQUIRE(last.epoch == 5);
  REQUIRE(test::sameBits(last.trainLoss, stepped.trainer->history().back().trainLoss));
  // stepEpoch in the middle of an epoch completes that epoch only.
  ran.trainer->stepBatch();
  REQUIRE(ran.trainer->batchCursor() == 1);
  const EpochRecord completed = ran.trainer->stepEpoch();
  REQUIRE(completed.epoch == 6);
  REQUIRE(ran.trainer->batchCursor() == 0);
}

TEST_CASE("the history records every epoch with consistent fields", "[trainer]") {
  SECTION("classification with a test set") {
    const Dataset train = test::makeDataset(DatasetKind::Gaussians, 45);
    const Dataset testSet = test::makeDataset(DatasetKind::Gaussians, 15, 0.1, 9);
    TrainingSetup s(dropoutSpec(), adam(), train, testSet, batches(10));  // 5 batches per epoch
    s.trainer->run(4);
    const auto& h = s.trainer->history();
    REQUIRE(h.size() == 4);
    REQUIRE(s.trainer->completedEpochs() == 4);
    for (std::size_t i = 0; i < h.size(); ++i) {
      CAPTURE(i, h[i].epoch, h[i].step, h[i].trainLoss, h[i].testLoss, h[i].trainAccuracy, h[i].testAccuracy);
      REQUIRE(h[i].epoch == static_cast<int>(i) + 1);
      REQUIRE(h[i].step == 5 * (static_cast<std::int64_t>(i) + 1));
      REQUIRE(std::isfinite(h[i].trainLoss));
      REQUIRE(std::isfinite(h[i].testLoss));
      REQUIRE(h[i].trainLoss > 0);
      REQUIRE((h[i].trainAccuracy >= 0 && h[i].trainAccuracy <= 1));
      REQUIRE((h[i].testAccuracy >= 0 && h[i].testAccuracy <= 1));
      // Accuracies are multiples of 1/45 and 1/15.
      REQUIRE(std::fabs(h[i].trainAccuracy * 45 - std::round(h[i].trainAccuracy * 45)) < 1e-9);
      REQUIRE(std::fabs(h[i].testAccuracy * 15 - std::round(h[i].testAccuracy * 15)) < 1e-9);
    }
    // Two well-separated clusters: 4 epochs of Adam learn something.
    REQUIRE(h.back().trainLoss < h.front().trainLoss);
    // The recorded metrics are those of evaluate() at the time.
    const EpochRecord now = s.trainer->evaluate();
    REQUIRE(test::sameBits(now.trainLoss, h.back().trainLoss));
    REQUIRE(test::sameBits(now.testAccuracy, h.back().testAccuracy));
    REQUIRE(s.trainer->history().size() == 4);  // evaluate() records nothing
  }
  SECTION("no test set: test metrics are NaN") {
    TrainingSetup s(dropoutSpec(), adam(), test::makeDataset(DatasetKind::Gaussians, 20), Dataset{}, batches(10));
    const EpochRecord r = s.trainer->stepEpoch();
    CAPTURE(r.testLoss, r.testAccuracy);
    REQUIRE(std::isnan(r.testLoss));
    REQUIRE(std::isnan(r.testAccuracy));
  }
  SECTION("regression: accuracy is NaN, the loss is the MSE") {
    const Dataset train = test::makeDataset(DatasetKind::RegressionPlane, 30);
    TrainingSetup s(mlpSpec(2, std::vector<Index>{4}, Activation::Tanh, 1, Activation::Linear, Loss::MeanSquaredError),
                    adam(), train, Dataset{}, batches(10));
    const EpochRecord r = s.trainer->stepEpoch();
    const Matrix out = s.network->predict(train.points);
    const double mse = static_cast<double>((out - train.labels).squaredNorm()) / 30;
    CAPTURE(r.trainLoss, mse, r.trainAccuracy);
    REQUIRE(std::isnan(r.trainAccuracy));
    REQUIRE(r.trainLoss == Approx(mse).epsilon(1e-5));
  }
}

TEST_CASE("the last, smaller batch is a real batch of the remaining rows", "[trainer]") {
  // 37 points, batch 10 → 10, 10, 10, 7. No dropout, SGD: θ ← θ − η·g is checkable by hand.
  const NetworkSpec spec = mlpSpec(2, std::vector<Index>{5}, Activation::Tanh, 1, Activation::Sigmoid,
                                   Loss::BinaryCrossEntropy, 4);
  OptimizerSettings sgd = OptimizerSettings::defaultsFor(OptimizerKind::SGD);
  sgd.learningRate = 0.5;
  const Dataset train = test::makeDataset(DatasetKind::Moons, 37);
  TrainingSetup s(spec, sgd, train, Dataset{}, batches(10));
  for (int i = 0; i < 3; ++i) {
    s.trainer->stepBatch();
    REQUIRE(s.network->lastBatchRows() == 10);
  }
  const Vector before = s.network->parameters();
  const std::vector<Index> order = s.trainer->progress().order;  // this epoch's shuffled order
  const BatchResult last = s.trainer->stepBatch();
  REQUIRE(last.batch == 3);
  REQUIRE(last.epochCompleted);

  // The same step by hand on rows order[30..36].
  Network reference(spec);
  reference.parameters() = before;
  Matrix x(7, 2), t(7, 1);
  for (Index i = 0; i < 7; ++i) {
    x.row(i) = train.points.row(order[static_cast<std::size_t>(30 + i)]);
    t(i, 0) = train.labels(order[static_cast<std::size_t>(30 + i)]);
  }
  reference.forward(x, Mode::Train);
  const double loss = static_cast<double>(reference.backward(t));
  const Vector expected = before - Scalar(0.5) * reference.gradients();
  CAPTURE(last.loss, loss, (s.network->parameters() - expected).cwiseAbs().maxCoeff());
  REQUIRE(last.loss == Approx(loss).epsilon(1e-6));
  REQUIRE(s.network->parameters().isApprox(expected, Scalar(1e-6)));
}

TEST_CASE("a batch larger than the training set means full batch", "[trainer]") {
  const NetworkSpec spec = mlpSpec(2, std::vector<Index>{5}, Activation::Tanh, 1, Activation::Sigmoid,
                                   Loss::BinaryCrossEntropy, 4);
  OptimizerSettings sgd = OptimizerSettings::defaultsFor(OptimizerKind::SGD);
  sgd.learningRate = 0.5;
  const Dataset train = test::makeDataset(DatasetKind::Moons, 23);
  TrainingSetup s(spec, sgd, train, Dataset{}, batches(1000));
  REQUIRE(s.trainer->effectiveBatchSize() == 23);
  REQUIRE(s.trainer->batchesPerEpoch() == 1);
  const Vector before = s.network->parameters();
  const BatchResult r = s.trainer->stepBatch();
  REQUIRE(r.epochCompleted);
  REQUIRE(r.batchesPerEpoch == 1);
  // One step on the whole set: the order of the rows does not change the mean gradient.
  Network reference(spec);
  reference.parameters() = before;
  reference.forward(train.points, Mode::Train);
  reference.backward(train.labels);
  const Vector expected = before - Scalar(0.5) * reference.gradients();
  CAPTURE((s.network->parameters() - expected).cwiseAbs().maxCoeff());
  REQUIRE(s.network->parameters().isApprox(expected, Scalar(1e-5)));
  REQUIRE(s.optimizer->state().step == 1);
}

TEST_CASE("diverging training throws TrainingDiverged naming the epoch and suggesting a lower learning rate",
          "[trainer][errors]") {
  SECTION("ReLU on the spiral with learning rate 1e5") {
    OptimizerSettings sgd = OptimizerSettings::defaultsFor(OptimizerKind::SGD);
    sgd.learningRate = 1e5;
    TrainingSetup s(mlpSpec(2, std::vector<Index>{8, 8}, Activation::ReLU, 1, Activation::Linear,
                            Loss::MeanSquaredError, 1),
                    sgd, test::makeDataset(DatasetKind::Spiral, 100), Dataset{}, batches(10));
    std::string message;
    try {
      for (int i = 0; i < 100; ++i) s.trainer->stepEpoch();
    } catch (const TrainingDiverged& e) {
      message = e.what();
    }
    const int epoch = s.trainer->completedEpochs() + (s.trainer->batchCursor() == 0 ? 0 : 1);
    CAPTURE(message, epoch);
    REQUIRE_FALSE(message.empty());
    CHECK_THAT(message, Contains("diverged") && Contains("epoch " + std::to_string(epoch) + ",") &&
                            Contains("Lower the learning rate") && Contains("(now 100000)"));
  }
  SECTION("after divergence the step is recorded and a reset network trains again") {
    OptimizerSettings sgd = OptimizerSettings::defaultsFor(OptimizerKind::SGD);
    sgd.learningRate = 1e5;
    const NetworkSpec spec = mlpSpec(2, std::vector<Index>{8}, Activation::Tanh, 1, Activation::Linear,
                                     Loss::MeanSquaredError, 1);
    TrainingSetup s(spec, sgd, test::makeDataset(DatasetKind::RegressionPlane, 50), Dataset{}, batches(50));
    CHECK_THROWS_AS(s.trainer->run(100), TrainingDiverged);
    const std::int64_t steps = s.optimizer->state().step;
    CAPTURE(steps);
    REQUIRE(steps >= 1);
    s.network->initialize(1);
    s.optimizer->reset();
    s.optimizer->setLearningRate(0.01);
    s.trainer->resetProgress();
    const EpochRecord r = s.trainer->run(3);
    CAPTURE(r.trainLoss);
    REQUIRE(std::isfinite(r.trainLoss));
    REQUIRE(s.trainer->history().size() == 3);
  }
}

TEST_CASE("progress() and restoreProgress() continue training identically", "[trainer]") {
  const Dataset train = test::makeDataset(DatasetKind::Xor, 43);
  TrainingSetup original(dropoutSpec(), adam(), train, Dataset{}, batches(8, 5));
  original.trainer->run(2);
  original.trainer->stepBatch();
  original.trainer->stepBatch();  // mid-epoch: cursor 2 of 6
  REQUIRE(original.trainer->batchCursor() == 2);

  // Everything a snapshot holds: parameters, optimizer state, dropout stream, trainer progress.
  const Vector parameters = original.network->parameters();
  const OptimizerState optimizerState = original.optimizer->state();
  const Rng::State dropoutState = original.network->dropoutRng().saveState();
  const Trainer::Progress progress = original.trainer->progress();

  TrainingSetup restored(dropoutSpec(99), adam(), train, Dataset{}, batches(8, 5));
  restored.trainer->run(1);  // something else happened before the restore
  restored.network->parameters() = parameters;
  restored.optimizer->restoreState(optimizerState);
  restored.network->dropoutRng().restoreState(dropoutState);
  restored.trainer->restoreProgress(progress);
  REQUIRE(restored.trainer->completedEpochs() == 2);
  REQUIRE(restored.trainer->batchCursor() == 2);

  original.trainer->run(3);
  restored.trainer->run(3);
  REQUIRE(original.network->parameters() == restored.network->parameters());
  REQUIRE(test::sameHistory(original.trainer->history(), restored.trainer->history()));
  REQUIRE(original.trainer->history().size() == 5);
}

TEST_CASE("restoreProgress rejects progress that does not fit the training set", "[trainer][errors]") {
  TrainingSetup s(dropoutSpec(), adam(), test::makeDataset(DatasetKind::Xor, 20), Dataset{}, batches(5));
  Trainer::Progress p = s.trainer->progress();
  p.order.pop_back();
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { s.trainer->restoreProgress(p); }),
             Contains("19 entries") && Contains("20 points"));
  p = s.trainer->progress();
  p.order[0] = p.order[1];
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { s.trainer->restoreProgress(p); }), Contains("permutation"));
  p = s.trainer->progress();
  p.cursor = 4;  // 4 batches per epoch: valid cursors are 0–3
  CHECK_THROWS_AS(s.trainer->restoreProgress(p), InvalidArgument);
  REQUIRE_NOTHROW(s.trainer->run(1));
}

TEST_CASE("changing the batch size restarts the current epoch's batches", "[trainer]") {
  TrainingSetup s(dropoutSpec(), adam(), test::makeDataset(DatasetKind::Xor, 40), Dataset{}, batches(10));
  s.trainer->stepBatch();
  s.trainer->stepBatch();
  REQUIRE(s.trainer->batchCursor() == 2);
  TrainingSettings bigger = s.trainer->settings();
  bigger.batchSize = 20;
  s.trainer->updateSettings(bigger);
  REQUIRE(s.trainer->batchCursor() == 0);
  REQUIRE(s.trainer->batchesPerEpoch() == 2);
  REQUIRE(s.trainer->completedEpochs() == 0);
  s.trainer->stepEpoch();
  REQUIRE(s.optimizer->state().step == 4);
  REQUIRE(s.trainer->history().back().step == 4);
}

TEST_CASE("resetProgress returns to epoch 0 and the same shuffle order", "[trainer]") {
  TrainingSetup s(dropoutSpec(), adam(), test::makeDataset(DatasetKind::Xor, 40), Dataset{}, batches(10));
  s.trainer->stepBatch();
  const std::vector<Index> firstOrder = s.trainer->progress().order;
  s.trainer->run(2);
  s.trainer->resetProgress();
  REQUIRE(s.trainer->completedEpochs() == 0);
  REQUIRE(s.trainer->history().empty());
  s.trainer->stepBatch();
  REQUIRE(s.trainer->progress().order == firstOrder);
}

TEST_CASE("every epoch is reshuffled, and shuffle off keeps the data order", "[trainer]") {
  TrainingSetup s(dropoutSpec(), adam(), test::makeDataset(DatasetKind::Xor, 40), Dataset{}, batches(10));
  std::vector<std::vector<Index>> orders;
  for (int epoch = 0; epoch < 3; ++epoch) {
    s.trainer->stepBatch();  // the epoch's first batch shuffles
    orders.push_back(s.trainer->progress().order);
    s.trainer->stepEpoch();
  }
  REQUIRE(orders[0] != orders[1]);
  REQUIRE(orders[1] != orders[2]);

  TrainingSettings unshuffled = batches(10);
  unshuffled.shuffle = false;
  TrainingSetup fixed(dropoutSpec(), adam(), test::makeDataset(DatasetKind::Xor, 40), Dataset{}, unshuffled);
  fixed.trainer->run(2);
  fixed.trainer->stepBatch();
  const std::vector<Index> order = fixed.trainer->progress().order;
  for (std::size_t i = 0; i < order.size(); ++i) REQUIRE(order[i] == static_cast<Index>(i));
}
