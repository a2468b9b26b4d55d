#include <catch2/catch.hpp>

#include <cmath>

#include "core/error.h"
#include "layers/layer_norm.h"
#include "support/layer_harness.h"
#include "support/layer_stack.h"
#include "support/test_data.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

TEST_CASE("layer norm: γ, β and input gradients match finite differences (features and sequences)",
          "[gradcheck][layer][layer_norm][attention]") {
  const Shape shape = GENERATE(Shape::features(5), Shape::sequence(3, 4));
  LayerNormLayer norm(shape);
  test::BoundLayer bound(norm);
  Rng rng(1);
  norm.initialize(Initializer::XavierUniform, rng);
  test::perturbParameters(bound.parameters, 2, 0.5);
  Matrix x = test::randomMatrix(4, shape.size(), 3, 2.0);
  x.col(1) = (x.col(1).array() + 3).matrix();
  const test::LayerGradientCheck c = test::checkLayerGradients(bound, x, test::randomMatrix(4, shape.size(), 4),
                                                               Mode::Train);
  INFO(shape.toString() << ": γ, β: " << c.parameters.describe());
  INFO("inputs: " << c.inputs.describe());
  REQUIRE(c.parameters.compared == 2 * norm.dimension());
  REQUIRE(c.parameters.maxRelativeError < test::kGradientTolerance);
  REQUIRE(c.inputs.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("layer norm: each step of each sample gets mean 0 and variance 1, then γ and β",
          "[layer][layer_norm][attention]") {
  LayerNormLayer norm(Shape::sequence(2, 3));
  test::BoundLayer bound(norm);
  Rng rng(1);
  norm.initialize(Initializer::XavierUniform, rng);
  Matrix x(1, 6);
  x << 1, 2, 3, 10, 10, 40;
  Matrix y = bound.forward(x, Mode::Eval);
  // Step 0: mean 2, variance 2/3 → (−1, 0, 1)/sqrt(2/3 + ε).
  const double s0 = 1 / std::sqrt(2.0 / 3 + 1e-5);
  CHECK(y(0, 0) == Approx(-s0));
  CHECK(y(0, 1) == Approx(0).margin(1e-12));
  CHECK(y(0, 2) == Approx(s0));
  // Step 1: mean 20, variance 200 → (−10, −10, 20)/sqrt(200 + ε).
  CHECK(y(0, 5) == Approx(20 / std::sqrt(200 + 1e-5)));
  norm.gamma() << 2, 2, 2;
  norm.beta() << 1, 1, 1;
  y = bound.forward(x, Mode::Train);
  CHECK(y(0, 2) == Approx(2 * s0 + 1));
}

TEST_CASE("layer norm: shapes it cannot normalize are named errors", "[layer][layer_norm][errors]") {
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { LayerNormLayer(Shape::image(2, 3, 3)); }),
             Contains("layer normalization") && Contains("2×3×3"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { LayerNormLayer(Shape::sequence(4, 1)); }),
             Contains("at least 2"));
}
