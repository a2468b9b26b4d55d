#include <catch2/catch.hpp>

#include "optimizers/momentum.h"
#include "support/optimizer_steps.h"

using namespace nnplay;

TEST_CASE("Momentum follows v ← α·v − η·g, θ ← θ + v for three steps", "[optimizer][momentum]") {
  OptimizerSettings settings = OptimizerSettings::defaultsFor(OptimizerKind::Momentum);
  settings.learningRate = 0.3;
  settings.momentum = 0.8;
  std::array<test::Values, 3> reference;
  test::Values theta = test::kStartParameters, v = {0, 0, 0, 0};
  for (std::size_t s = 0; s < 3; ++s) {
    for (std::size_t i = 0; i < 4; ++i) {
      v[i] = settings.momentum * v[i] - settings.learningRate * test::kStepGradients[s][i];
      theta[i] += v[i];
    }
    reference[s] = theta;
  }
  test::requireMatchesReference(test::runThreeSteps(settings), reference);
  // Parameter 0 by hand: v1 = −0.03, θ1 = 0.47; v2 = −0.024 + 0.12 = 0.096, θ2 = 0.566.
  CHECK(reference[1][0] == Approx(0.566));
}
