#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "network/network.h"
#include "optimizers/adam.h"
#include "support/optimizer_steps.h"
#include "support/test_data.h"
#include "training/trainer.h"

using namespace nnplay;

namespace {

// Adam by hand for one parameter vector, with t the optimizer's step count:
//   s ← β1·s + (1 − β1)·g,  r ← β2·r + (1 − β2)·g²,  ŝ = s/(1 − β1^t),  r̂ = r/(1 − β2^t)
//   θ ← θ − η·ŝ / (sqrt(r̂) + δ)
struct HandAdam {
  OptimizerSettings settings;
  std::vector<double> s, r;
  int t = 0;
  void step(std::vector<double>& theta, const std::vector<double>& g) {
    if (s.empty()) s.assign(theta.size(), 0.0), r.assign(theta.size(), 0.0);
    ++t;
    for (std::size_t i = 0; i < theta.size(); ++i) {
      s[i] = settings.beta1 * s[i] + (1 - settings.beta1) * g[i];
      r[i] = settings.beta2 * r[i] + (1 - settings.beta2) * g[i] * g[i];
      const double sHat = s[i] / (1 - std::pow(settings.beta1, t));
      const double rHat = r[i] / (1 - std::pow(settings.beta2, t));
      theta[i] -= settings.learningRate * sHat / (std::sqrt(rHat) + settings.epsilon);
    }
  }
};

std::vector<double> toStd(const Vector& v) {
  std::vector<double> out(static_cast<std::size_t>(v.size()));
  for (Index i = 0; i < v.size(); ++i) out[static_cast<std::size_t>(i)] = static_cast<double>(v(i));
  return out;
}

}  // namespace

TEST_CASE("Adam follows the bias-corrected moment formulas for three steps", "[optimizer][adam]") {
  OptimizerSettings settings = OptimizerSettings::defaultsFor(OptimizerKind::Adam);
  settings.learningRate = 0.1;
  settings.beta1 = 0.8;
  settings.beta2 = 0.9;
  settings.epsilon = 1e-2;  // large, so that where δ sits (outside the square root) matters
  HandAdam hand{settings, {}, {}, 0};
  std::vector<double> theta(test::kStartParameters.begin(), test::kStartParameters.end());
  std::array<test::Values, 3> reference;
  for (std::size_t s = 0; s < 3; ++s) {
    hand.step(theta, std::vector<double>(test::kStepGradients[s].begin(), test::kStepGradients[s].end()));
    std::copy(theta.begin(), theta.end(), reference[s].begin());
  }
  test::requireMatchesReference(test::runThreeSteps(settings), reference);
  // Parameter 0, step 1 by hand: ŝ = g = 0.1, r̂ = g² = 0.01, θ = 0.5 − 0.1·0.1/(0.1 + 0.01) = 0.4090909
  CHECK(reference[0][0] == Approx(0.5 - 0.01 / 0.11));
}

TEST_CASE("Adam's bias correction uses ONE step count for the whole network", "[optimizer][adam]") {
  // A network of several layers: a per-layer step counter (MiniDNN's bug) would give the
  // later layers t = 2, 3, ... on the first step.
  Network net(mlpSpec(2, std::vector<Index>{5, 4, 3}, Activation::Tanh, 1, Activation::Sigmoid,
                      Loss::BinaryCrossEntropy, 4));
  OptimizerSettings settings = OptimizerSettings::defaultsFor(OptimizerKind::Adam);
  settings.learningRate = 0.01;
  std::unique_ptr<Optimizer> adam = Optimizer::create(settings, net.parameterCount());
  HandAdam hand{settings, {}, {}, 0};
  std::vector<double> expected = toStd(net.parameters());

  const Matrix x = test::randomMatrix(8, 2, 101);
  const Matrix t = test::targetsFor(Activation::Sigmoid, 8, 1, 102);
  for (int step = 1; step <= 3; ++step) {
    net.forward(x, Mode::Train);
    net.backward(t);
    const std::vector<double> g = toStd(net.gradients());
    adam->step(net.parameters(), net.gradients(), net.decayMask());
    hand.step(expected, g);
    CAPTURE(step, adam->state().step);
    REQUIRE(adam->state().step == step);
    double worst = 0;
    Index worstIndex = 0;
    for (Index i = 0; i < net.parameterCount(); ++i) {
      const double e = std::fabs(static_cast<double>(net.parameters()(i)) - expected[static_cast<std::size_t>(i)]);
      if (e > worst) worst = e, worstIndex = i;
    }
    CAPTURE(worst, worstIndex);
    REQUIRE(worst < (std::is_same<Scalar, double>::value ? 1e-9 : 1e-5));
  }
  // The hand reference moved every layer by about η on step 1 (|ŝ/sqrt(r̂)| = 1): the check
  // above compared real motion, not parameters that stood still.
  REQUIRE(hand.t == 3);
}

TEST_CASE("the step counter advances by exactly 1 per trainer batch", "[optimizer][adam][trainer]") {
  Network net(mlpSpec(2, std::vector<Index>{6, 6}, Activation::Tanh, 1, Activation::Sigmoid,
                      Loss::BinaryCrossEntropy, 5));
  std::unique_ptr<Optimizer> adam =
      Optimizer::create(OptimizerSettings::defaultsFor(OptimizerKind::Adam), net.parameterCount());
  DatasetOptions data;
  data.kind = DatasetKind::Gaussians;
  data.points = 50;
  TrainingSettings training;
  training.batchSize = 10;  // 5 batches per epoch
  Trainer trainer(net, *adam, generateDataset(data), Dataset{}, training);
  for (int i = 1; i <= 12; ++i) {
    trainer.stepBatch();
    CAPTURE(i, adam->state().step);
    REQUIRE(adam->state().step == i);
  }
  trainer.stepEpoch();  // completes epoch 3 (3 more batches)
  REQUIRE(adam->state().step == 15);
  REQUIRE(trainer.history().back().step == 15);
}

TEST_CASE("Adam's first step moves every parameter by exactly η", "[optimizer][adam]") {
  // Step 1: ŝ = g and r̂ = g², so |Δθ| = η·|g|/(|g| + δ) = η up to δ/|g| (1e-8 here).
  // The moments and the bias corrections must use the same rounded β for the (1 − β)
  // factors to cancel; with two βs the step was η·(1 ± 7e-6) in float32.
  const double beta1 = GENERATE(0.9, 0.8, 0.99);
  const double beta2 = GENERATE(0.999, 0.9, 0.95);
  OptimizerSettings settings = OptimizerSettings::defaultsFor(OptimizerKind::Adam);
  settings.beta1 = beta1;
  settings.beta2 = beta2;
  settings.epsilon = 1e-12;
  settings.learningRate = 0.001;
  std::unique_ptr<Optimizer> adam = Optimizer::create(settings, 6);
  Vector theta = Vector::Zero(6);  // from 0, θ after the step IS the step (no cancellation)
  Vector g(6);
  g << Scalar(0.1), Scalar(-0.2), Scalar(0.3), Scalar(-1.7), Scalar(12.5), Scalar(-0.003);
  adam->step(theta, g, Vector::Zero(6));
  const double eps = static_cast<double>(std::numeric_limits<Scalar>::epsilon());
  for (Index i = 0; i < 6; ++i) {
    const double step = -static_cast<double>(theta(i));
    const double relative = std::fabs(std::fabs(step) / settings.learningRate - 1);
    CAPTURE(beta1, beta2, i, step, relative);
    CHECK(std::signbit(step) == std::signbit(static_cast<double>(g(i))));
    // A few roundings of float32 (or float64): s·(1/(1 − β1)), r·(1/(1 − β2)), sqrt, ÷, ×η;
    // plus δ/|g| (the textbook's own difference from η, visible only in float64).
    CHECK(relative <= 4 * eps + settings.epsilon / std::fabs(static_cast<double>(g(i))));
  }
}
