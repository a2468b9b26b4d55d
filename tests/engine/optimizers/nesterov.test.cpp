#include <catch2/catch.hpp>

#include "optimizers/nesterov.h"
#include "support/optimizer_steps.h"

using namespace nnplay;

TEST_CASE("Nesterov follows v ← α·v − η·g, θ ← θ + α·v − η·g for three steps", "[optimizer][nesterov]") {
  OptimizerSettings settings = OptimizerSettings::defaultsFor(OptimizerKind::Nesterov);
  settings.learningRate = 0.3;
  settings.momentum = 0.8;
  std::array<test::Values, 3> reference;
  test::Values theta = test::kStartParameters, v = {0, 0, 0, 0};
  for (std::size_t s = 0; s < 3; ++s) {
    for (std::size_t i = 0; i < 4; ++i) {
      const double g = test::kStepGradients[s][i];
      v[i] = settings.momentum * v[i] - settings.learningRate * g;
      theta[i] += settings.momentum * v[i] - settings.learningRate * g;
    }
    reference[s] = theta;
  }
  test::requireMatchesReference(test::runThreeSteps(settings), reference);
  // Parameter 0 by hand: v1 = −0.03, θ1 = 0.5 − 0.024 − 0.03 = 0.446 (classical momentum: 0.47).
  CHECK(reference[0][0] == Approx(0.446));

  // It really differs from classical momentum with the same settings.
  OptimizerSettings classical = settings;
  classical.kind = OptimizerKind::Momentum;
  const auto nesterov = test::runThreeSteps(settings);
  const auto momentum = test::runThreeSteps(classical);
  CAPTURE(nesterov[2].transpose(), momentum[2].transpose());
  REQUIRE((nesterov[2] - momentum[2]).cwiseAbs().maxCoeff() > 1e-3);
}
