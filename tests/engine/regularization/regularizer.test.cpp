#include <catch2/catch.hpp>

#include <cmath>

#include "network/network.h"
#include "optimizers/optimizer.h"
#include "regularization/regularizer.h"
#include "support/test_data.h"
#include "training/trainer.h"

using namespace nnplay;

namespace {

// Four parameters: two weights (mask 1) and two biases (mask 0).
struct Fixture {
  Vector parameters = (Vector(4) << 3, -2, 5, -7).finished();
  Vector mask = (Vector(4) << 1, 1, 0, 0).finished();
};

}  // namespace

TEST_CASE("L2 penalty (λ/2)·Σw² and gradient λ·w, weights only", "[regularization]") {
  Fixture f;
  const RegularizationSettings l2{Regularization::L2, 0.1};
  // (0.1/2)·(3² + (−2)²) = 0.05·13 = 0.65; the biases 5 and −7 do not count.
  const Scalar penalty = regularizationPenalty(l2, f.parameters, f.mask);
  CAPTURE(penalty);
  REQUIRE(penalty == Approx(0.65).epsilon(1e-6));
  Vector gradients = Vector::Constant(4, 1);
  addRegularizationGradient(l2, f.parameters, f.mask, gradients);
  CAPTURE(gradients.transpose());  // 1 + 0.1·(3, −2, 0, 0)
  CHECK(gradients(0) == Approx(1.3));
  CHECK(gradients(1) == Approx(0.8));
  CHECK(gradients(2) == 1);
  CHECK(gradients(3) == 1);
}

TEST_CASE("L1 penalty λ·Σ|w| and gradient λ·sign(w), weights only", "[regularization]") {
  Fixture f;
  const RegularizationSettings l1{Regularization::L1, 0.1};
  // 0.1·(3 + 2) = 0.5
  const Scalar penalty = regularizationPenalty(l1, f.parameters, f.mask);
  CAPTURE(penalty);
  REQUIRE(penalty == Approx(0.5).epsilon(1e-6));
  Vector gradients = Vector::Zero(4);
  addRegularizationGradient(l1, f.parameters, f.mask, gradients);
  CAPTURE(gradients.transpose());
  CHECK(gradients(0) == Approx(0.1));
  CHECK(gradients(1) == Approx(-0.1));
  CHECK(gradients(2) == 0);
  CHECK(gradients(3) == 0);
}

TEST_CASE("no regularization adds nothing", "[regularization]") {
  Fixture f;
  const RegularizationSettings none{Regularization::None, 0.5};
  REQUIRE(regularizationPenalty(none, f.parameters, f.mask) == 0);
  Vector gradients = Vector::Zero(4);
  addRegularizationGradient(none, f.parameters, f.mask, gradients);
  REQUIRE(gradients.isZero());
}

TEST_CASE("the regularization gradient is the derivative of the penalty", "[gradcheck][regularization]") {
  const Regularization kind = GENERATE(Regularization::L1, Regularization::L2);
  const RegularizationSettings settings{kind, 0.3};
  Network net(mlpSpec(2, std::vector<Index>{3}, Activation::Tanh, 1, Activation::Linear, Loss::MeanSquaredError, 2));
  Vector p = net.parameters();
  p.array() += Scalar(0.1);  // biases away from 0 too (and from L1's kink)
  Vector analytic = Vector::Zero(p.size());
  addRegularizationGradient(settings, p, net.decayMask(), analytic);
  const double h = 1e-6;
  double worst = 0;
  for (Index i = 0; i < p.size(); ++i) {
    Vector up = p, down = p;
    up(i) += static_cast<Scalar>(h);
    down(i) -= static_cast<Scalar>(h);
    const double numeric = (static_cast<double>(regularizationPenalty(settings, up, net.decayMask())) -
                            static_cast<double>(regularizationPenalty(settings, down, net.decayMask()))) / (2 * h);
    worst = std::max(worst, std::fabs(numeric - static_cast<double>(analytic(i))));
  }
  CAPTURE(regularizationName(kind), worst);
  REQUIRE(worst < 1e-6);
}

TEST_CASE("the trainer's training loss includes the penalty, biases are excluded", "[regularization][trainer]") {
  const Regularization kind = GENERATE(Regularization::L1, Regularization::L2);
  Network net(mlpSpec(2, std::vector<Index>{4}, Activation::Tanh, 1, Activation::Sigmoid, Loss::BinaryCrossEntropy, 3));
  std::unique_ptr<Optimizer> sgd = Optimizer::create(OptimizerSettings::defaultsFor(OptimizerKind::SGD), net.parameterCount());
  DatasetOptions options;
  options.kind = DatasetKind::Gaussians;
  options.points = 40;
  const Dataset data = generateDataset(options);
  TrainingSettings training;
  training.regularization = {kind, 0.05};
  Trainer trainer(net, *sgd, data, Dataset{}, training);
  const EpochRecord record = trainer.stepEpoch();

  // Recompute by hand from the trained parameters: data loss (Eval mode) + penalty over weights.
  const Matrix out = net.predict(data.points);
  const double dataLoss = static_cast<double>(lossValue(Loss::BinaryCrossEntropy, out, data.labels));
  double penalty = 0;
  for (Index i = 0; i < net.parameterCount(); ++i) {
    const double w = static_cast<double>(net.parameters()(i));
    if (net.decayMask()(i) == 0) continue;  // biases
    penalty += kind == Regularization::L2 ? 0.05 / 2 * w * w : 0.05 * std::fabs(w);
  }
  CAPTURE(regularizationName(kind), record.trainLoss, dataLoss, penalty);
  REQUIRE(penalty > 0.01);  // large enough to see
  REQUIRE(record.trainLoss == Approx(dataLoss + penalty).epsilon(1e-5));

  // Moving a bias changes the data loss only; moving a weight changes the penalty too.
  const Index biasIndex = 2 * 4;  // first hidden bias
  REQUIRE(net.decayMask()(biasIndex) == 0);
  const double before = trainer.evaluate().trainLoss - static_cast<double>(lossValue(
      Loss::BinaryCrossEntropy, net.predict(data.points), data.labels));
  net.parameters()(biasIndex) += 3;
  const double after = trainer.evaluate().trainLoss - static_cast<double>(lossValue(
      Loss::BinaryCrossEntropy, net.predict(data.points), data.labels));
  CAPTURE(before, after);
  REQUIRE(after == Approx(before).epsilon(1e-5));
}

TEST_CASE("the batch loss reported by stepBatch includes the penalty", "[regularization][trainer]") {
  Network net(mlpSpec(2, std::vector<Index>{4}, Activation::Tanh, 1, Activation::Sigmoid, Loss::BinaryCrossEntropy, 3));
  std::unique_ptr<Optimizer> sgd = Optimizer::create(OptimizerSettings::defaultsFor(OptimizerKind::SGD), net.parameterCount());
  DatasetOptions options;
  options.kind = DatasetKind::Gaussians;
  options.points = 20;
  const Dataset data = generateDataset(options);
  TrainingSettings training;
  training.batchSize = 20;
  training.shuffle = false;
  training.regularization = {Regularization::L2, 0.2};
  Trainer trainer(net, *sgd, data, Dataset{}, training);
  // Before the step: data loss of the whole (unshuffled) batch in Train mode + penalty.
  net.forward(data.points, Mode::Train);
  const double dataLoss = static_cast<double>(net.backward(data.labels));
  const double penalty = static_cast<double>(regularizationPenalty(training.regularization, net.parameters(), net.decayMask()));
  const BatchResult result = trainer.stepBatch();
  CAPTURE(result.loss, dataLoss, penalty);
  REQUIRE(penalty > 0.01);
  REQUIRE(result.loss == Approx(dataLoss + penalty).epsilon(1e-6));
}

TEST_CASE("regularization names round-trip", "[regularization]") {
  for (Regularization r : {Regularization::None, Regularization::L1, Regularization::L2}) {
    CAPTURE(regularizationName(r));
    REQUIRE(parseRegularization(regularizationName(r)) == r);
  }
}
