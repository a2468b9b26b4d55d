#include <catch2/catch.hpp>

#include "optimizers/sgd.h"
#include "support/optimizer_steps.h"

using namespace nnplay;

TEST_CASE("SGD follows θ ← θ − η·g for three steps", "[optimizer][sgd]") {
  OptimizerSettings settings = OptimizerSettings::defaultsFor(OptimizerKind::SGD);
  settings.learningRate = 0.3;
  std::array<test::Values, 3> reference;
  test::Values theta = test::kStartParameters;
  for (std::size_t s = 0; s < 3; ++s) {
    for (std::size_t i = 0; i < 4; ++i) theta[i] -= settings.learningRate * test::kStepGradients[s][i];
    reference[s] = theta;
  }
  test::requireMatchesReference(test::runThreeSteps(settings), reference);
  // Step 1 by hand: 0.5 − 0.3·0.1 = 0.47, −1 + 0.3·0.2 = −0.94, 2 − 0.09 = 1.91, 0.
  CHECK(reference[0][0] == Approx(0.47));
  CHECK(reference[0][1] == Approx(-0.94));
}
