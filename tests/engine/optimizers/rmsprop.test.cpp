#include <catch2/catch.hpp>

#include "optimizers/rmsprop.h"
#include "support/optimizer_steps.h"

using namespace nnplay;

TEST_CASE("RMSProp follows r ← ρ·r + (1 − ρ)·g², θ ← θ − η·g / sqrt(δ + r) for three steps",
          "[optimizer][rmsprop]") {
  OptimizerSettings settings = OptimizerSettings::defaultsFor(OptimizerKind::RMSProp);
  settings.learningRate = 0.1;
  settings.rho = 0.8;
  settings.epsilon = 1e-2;  // large, so that where δ sits (inside the square root) matters
  std::array<test::Values, 3> reference;
  test::Values theta = test::kStartParameters, r = {0, 0, 0, 0};
  for (std::size_t s = 0; s < 3; ++s) {
    for (std::size_t i = 0; i < 4; ++i) {
      const double g = test::kStepGradients[s][i];
      r[i] = settings.rho * r[i] + (1 - settings.rho) * g * g;
      theta[i] -= settings.learningRate * g / std::sqrt(settings.epsilon + r[i]);
    }
    reference[s] = theta;
  }
  test::requireMatchesReference(test::runThreeSteps(settings), reference);
  // Parameter 0, step 1 by hand: r = 0.2·0.01 = 0.002, θ = 0.5 − 0.1·0.1/sqrt(0.012) = 0.4087129
  CHECK(reference[0][0] == Approx(0.5 - 0.01 / std::sqrt(0.012)));
}
