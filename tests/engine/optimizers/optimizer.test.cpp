#include <catch2/catch.hpp>

#include "core/error.h"
#include "support/optimizer_steps.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

namespace {
const OptimizerKind kAllKinds[] = {OptimizerKind::SGD,     OptimizerKind::Momentum, OptimizerKind::Nesterov,
                                   OptimizerKind::RMSProp, OptimizerKind::AdaGrad,  OptimizerKind::Adam};
}

TEST_CASE("decoupled weight decay θ ← θ − η·λ·θ applies only where decayMask is 1", "[optimizer][regularization]") {
  const OptimizerKind kind = GENERATE(from_range(std::begin(kAllKinds), std::end(kAllKinds)));
  OptimizerSettings settings = OptimizerSettings::defaultsFor(kind);
  settings.learningRate = 0.1;
  settings.weightDecay = 0.5;
  Vector mask(4);
  mask << 1, 0, 1, 0;
  // With zero gradients every optimizer's own update is 0, so only the decay moves θ:
  // masked parameters are multiplied by (1 − η·λ) = 0.95 per step, the others stay.
  std::unique_ptr<Optimizer> optimizer = Optimizer::create(settings, 4);
  Vector theta(4);
  theta << 2, 2, -4, -4;
  for (int s = 0; s < 3; ++s) optimizer->step(theta, Vector::Zero(4), mask);
  CAPTURE(optimizerName(kind), theta.transpose());
  const double factor = 0.95 * 0.95 * 0.95;
  CHECK(theta(0) == Approx(2 * factor).epsilon(1e-6));
  CHECK(theta(1) == Scalar(2));
  CHECK(theta(2) == Approx(-4 * factor).epsilon(1e-6));
  CHECK(theta(3) == Scalar(-4));

  // With gradients: decay first, then the kind's own update (SGD by hand).
  if (kind == OptimizerKind::SGD) {
    std::unique_ptr<Optimizer> sgd = Optimizer::create(settings, 4);
    Vector p(4), g(4);
    p << 1, 1, 1, 1;
    g << 0.5, 0.5, 0.5, 0.5;
    sgd->step(p, g, mask);
    // masked: 1 − 0.1·0.5·1 − 0.1·0.5 = 0.9; unmasked: 1 − 0.05 = 0.95
    CAPTURE(p.transpose());
    CHECK(p(0) == Approx(0.9));
    CHECK(p(1) == Approx(0.95));
  }
}

TEST_CASE("restoreState continues exactly, reset starts over", "[optimizer]") {
  const OptimizerKind kind = GENERATE(from_range(std::begin(kAllKinds), std::end(kAllKinds)));
  const OptimizerSettings settings = OptimizerSettings::defaultsFor(kind);
  std::unique_ptr<Optimizer> a = Optimizer::create(settings, 4);
  Vector theta = test::toVector(test::kStartParameters);
  const Vector mask = Vector::Ones(4);
  a->step(theta, test::toVector(test::kStepGradients[0]), mask);
  a->step(theta, test::toVector(test::kStepGradients[1]), mask);

  std::unique_ptr<Optimizer> b = Optimizer::create(settings, 4);
  b->restoreState(a->state());
  REQUIRE(b->state().step == 2);
  Vector thetaA = theta, thetaB = theta;
  a->step(thetaA, test::toVector(test::kStepGradients[2]), mask);
  b->step(thetaB, test::toVector(test::kStepGradients[2]), mask);
  CAPTURE(optimizerName(kind), thetaA.transpose(), thetaB.transpose());
  REQUIRE(thetaA == thetaB);

  a->reset();
  REQUIRE(a->state().step == 0);
  for (const Vector& slot : a->state().slots) REQUIRE(slot.isZero());
  std::unique_ptr<Optimizer> fresh = Optimizer::create(settings, 4);
  Vector afterReset = test::toVector(test::kStartParameters), afterFresh = afterReset;
  a->step(afterReset, test::toVector(test::kStepGradients[0]), mask);
  fresh->step(afterFresh, test::toVector(test::kStepGradients[0]), mask);
  REQUIRE(afterReset == afterFresh);
}

TEST_CASE("restoreState rejects a state of the wrong size, kind or step", "[optimizer][errors]") {
  std::unique_ptr<Optimizer> adam = Optimizer::create(OptimizerSettings::defaultsFor(OptimizerKind::Adam), 4);
  OptimizerState wrongSize = adam->state();
  wrongSize.slots[1] = Vector::Zero(3);
  const std::string sizeMessage = test::thrownMessage<InvalidArgument>([&] { adam->restoreState(wrongSize); });
  CHECK_THAT(sizeMessage, Contains("3 values per slot") && Contains("expected 4"));

  std::unique_ptr<Optimizer> momentum =
      Optimizer::create(OptimizerSettings::defaultsFor(OptimizerKind::Momentum), 4);
  const std::string kindMessage =
      test::thrownMessage<InvalidArgument>([&] { adam->restoreState(momentum->state()); });
  CHECK_THAT(kindMessage, Contains("adam"));

  OptimizerState negative = adam->state();
  negative.step = -1;
  CHECK_THROWS_AS(adam->restoreState(negative), InvalidArgument);

  // The optimizer is unharmed and still works.
  REQUIRE(adam->state().step == 0);
  Vector theta = Vector::Ones(4);
  adam->step(theta, Vector::Ones(4), Vector::Ones(4));
  REQUIRE(adam->state().step == 1);
  REQUIRE(theta.allFinite());
}

TEST_CASE("step rejects buffers of the wrong size", "[optimizer][errors]") {
  std::unique_ptr<Optimizer> sgd = Optimizer::create(OptimizerSettings{}, 4);
  Vector theta = Vector::Ones(5);
  const std::string message =
      test::thrownMessage<InvalidArgument>([&] { sgd->step(theta, Vector::Ones(5), Vector::Ones(5)); });
  CHECK_THAT(message, Contains("4 parameters") && Contains("got 5"));
  REQUIRE(sgd->state().step == 0);
}

TEST_CASE("defaultsFor gives the textbook defaults", "[optimizer]") {
  const OptimizerSettings sgd = OptimizerSettings::defaultsFor(OptimizerKind::SGD);
  const OptimizerSettings momentum = OptimizerSettings::defaultsFor(OptimizerKind::Momentum);
  const OptimizerSettings nesterov = OptimizerSettings::defaultsFor(OptimizerKind::Nesterov);
  const OptimizerSettings rmsprop = OptimizerSettings::defaultsFor(OptimizerKind::RMSProp);
  const OptimizerSettings adagrad = OptimizerSettings::defaultsFor(OptimizerKind::AdaGrad);
  const OptimizerSettings adam = OptimizerSettings::defaultsFor(OptimizerKind::Adam);
  CHECK(sgd.kind == OptimizerKind::SGD);
  CHECK(sgd.learningRate == 0.01);
  CHECK(momentum.learningRate == 0.01);
  CHECK(momentum.momentum == 0.9);
  CHECK(nesterov.kind == OptimizerKind::Nesterov);
  CHECK(nesterov.learningRate == 0.01);
  CHECK(nesterov.momentum == 0.9);
  CHECK(rmsprop.learningRate == 0.001);
  CHECK(rmsprop.rho == 0.9);
  CHECK(rmsprop.epsilon == 1e-6);
  CHECK(adagrad.learningRate == 0.01);
  CHECK(adagrad.epsilon == 1e-7);
  CHECK(adam.learningRate == 0.001);
  CHECK(adam.beta1 == 0.9);
  CHECK(adam.beta2 == 0.999);
  CHECK(adam.epsilon == 1e-8);
  for (OptimizerKind k : kAllKinds) {
    CAPTURE(optimizerName(k));
    CHECK(OptimizerSettings::defaultsFor(k).weightDecay == 0);
    CHECK_NOTHROW(OptimizerSettings::defaultsFor(k).validate());
  }
}

TEST_CASE("the learning rate can change between steps, the kind cannot change in place", "[optimizer]") {
  std::unique_ptr<Optimizer> sgd = Optimizer::create(OptimizerSettings::defaultsFor(OptimizerKind::SGD), 1);
  Vector theta = Vector::Ones(1);
  sgd->setLearningRate(0.5);
  sgd->step(theta, Vector::Ones(1), Vector::Ones(1));
  CHECK(theta(0) == Approx(0.5));
  OptimizerSettings adam = OptimizerSettings::defaultsFor(OptimizerKind::Adam);
  const std::string message = test::thrownMessage<InvalidArgument>([&] { sgd->updateSettings(adam); });
  CHECK_THAT(message, Contains("create a new optimizer"));
  CHECK(sgd->settings().kind == OptimizerKind::SGD);
  CHECK(sgd->settings().learningRate == 0.5);
}

TEST_CASE("optimizer names round-trip", "[optimizer]") {
  for (OptimizerKind k : kAllKinds) {
    CAPTURE(optimizerName(k));
    REQUIRE(parseOptimizerKind(optimizerName(k)) == k);
  }
}
