#include <catch2/catch.hpp>

#include "optimizers/adagrad.h"
#include "support/optimizer_steps.h"

using namespace nnplay;

TEST_CASE("AdaGrad follows r ← r + g², θ ← θ − η·g / (δ + sqrt(r)) for three steps", "[optimizer][adagrad]") {
  OptimizerSettings settings = OptimizerSettings::defaultsFor(OptimizerKind::AdaGrad);
  settings.learningRate = 0.1;
  settings.epsilon = 1e-2;  // large, so that where δ sits (outside the square root) matters
  std::array<test::Values, 3> reference;
  test::Values theta = test::kStartParameters, r = {0, 0, 0, 0};
  for (std::size_t s = 0; s < 3; ++s) {
    for (std::size_t i = 0; i < 4; ++i) {
      const double g = test::kStepGradients[s][i];
      r[i] += g * g;
      theta[i] -= settings.learningRate * g / (settings.epsilon + std::sqrt(r[i]));
    }
    reference[s] = theta;
  }
  test::requireMatchesReference(test::runThreeSteps(settings), reference);
  // Parameter 0, step 1 by hand: r = 0.01, θ = 0.5 − 0.1·0.1/(0.01 + 0.1) = 0.4090909
  CHECK(reference[0][0] == Approx(0.5 - 0.01 / 0.11));
}
