#include <catch2/catch.hpp>

#include <cmath>

#include "layers/dropout.h"
#include "network/network.h"
#include "support/layer_harness.h"
#include "support/test_data.h"

using namespace nnplay;

TEST_CASE("dropout in Eval mode is the identity", "[layer][dropout]") {
  Rng rng(1);
  DropoutLayer dropout(4, Scalar(0.5), rng);
  test::BoundLayer bound(dropout);
  const Matrix x = test::randomMatrix(6, 4, 91);
  const Matrix y = bound.forward(x, Mode::Eval);
  REQUIRE(y == x);
  const Matrix gradInput = bound.backward(x, y, x);
  REQUIRE(gradInput == x);
}

TEST_CASE("dropout masks hold 0 or 1/(1 − p), drop a fraction ≈ p and preserve the mean",
          "[layer][dropout]") {
  const double rate = GENERATE(0.1, 0.5, 0.8);
  Rng rng(2024);
  DropoutLayer dropout(100, static_cast<Scalar>(rate), rng);
  test::BoundLayer bound(dropout);
  // 1000×100 = 100,000 values uniform in [0, 2] (mean ≈ 1).
  const Matrix x = (test::randomMatrix(1000, 100, 92).array() + Scalar(1)).matrix();
  const Matrix y = bound.forward(x, Mode::Train);
  const ConstMatrixMap mask = dropout.mask();
  REQUIRE(mask.rows() == 1000);
  REQUIRE(mask.cols() == 100);

  // In the engine's precision: 1/(1 − p) with p already rounded to Scalar.
  const Scalar kept = Scalar(1) / (Scalar(1) - static_cast<Scalar>(rate));
  Index dropped = 0, other = 0;
  for (Index i = 0; i < mask.size(); ++i) {
    const Scalar m = mask.data()[i];
    if (m == 0) ++dropped;
    else if (m != kept) ++other;
  }
  const double n = static_cast<double>(mask.size());
  const double droppedFraction = static_cast<double>(dropped) / n;
  // Binomial: std-dev sqrt(p(1 − p)/n) ≤ 0.0016; allow 0.01 (> 6 std-devs).
  CAPTURE(rate, droppedFraction, other);
  REQUIRE(other == 0);
  REQUIRE(std::fabs(droppedFraction - rate) < 0.01);
  REQUIRE(y == x.cwiseProduct(Matrix(mask)));

  // E[x·m] = x. Std-dev of the mean: sqrt(E[x²]·p/(1 − p) / n) with E[x²] = 4/3; allow 5 of them.
  const double inputMean = static_cast<double>(x.mean());
  const double outputMean = static_cast<double>(y.mean());
  const double tolerance = 5 * std::sqrt(4.0 / 3.0 * rate / (1 - rate) / n);
  CAPTURE(inputMean, outputMean, tolerance);
  REQUIRE(std::fabs(outputMean - inputMean) < tolerance);
}

TEST_CASE("dropout backward passes gradients through the kept values only", "[layer][dropout]") {
  Rng rng(3);
  DropoutLayer dropout(5, Scalar(0.4), rng);
  test::BoundLayer bound(dropout);
  const Matrix x = test::randomMatrix(8, 5, 93);
  const Matrix y = bound.forward(x, Mode::Train);
  const Matrix g = test::randomMatrix(8, 5, 94);
  const Matrix gradInput = bound.backward(x, y, g);
  REQUIRE(gradInput == g.cwiseProduct(Matrix(dropout.mask())));
}

TEST_CASE("dropout with its mask frozen passes the gradient check", "[gradcheck][layer][dropout]") {
  Rng rng(4);
  DropoutLayer dropout(4, Scalar(0.5), rng);
  test::BoundLayer bound(dropout);
  const Matrix x = test::randomMatrix(6, 4, 95);
  bound.forward(x, Mode::Train);  // draws the mask
  dropout.freezeMask(true);
  const Matrix frozenMask = dropout.mask();
  const test::LayerGradientCheck c = test::checkLayerGradients(bound, x, test::randomMatrix(6, 4, 96), Mode::Train);
  INFO("inputs: " << c.inputs.describe());
  REQUIRE(Matrix(dropout.mask()) == frozenMask);
  REQUIRE(c.inputs.maxRelativeError < test::kGradientTolerance);
  // Unfrozen, the next Train forward draws a new mask.
  dropout.freezeMask(false);
  bound.forward(x, Mode::Train);
  REQUIRE(Matrix(dropout.mask()) != frozenMask);
}

TEST_CASE("dropout masks are seeded by the network seed", "[layer][dropout][determinism]") {
  auto spec = [](std::uint64_t seed) {
    return mlpSpec(2, std::vector<HiddenLayerOptions>{{16, Activation::Tanh, 0.5, false}}, 1, Activation::Sigmoid,
                   Loss::BinaryCrossEntropy, seed);
  };
  Network a(spec(5)), b(spec(5)), c(spec(6));
  REQUIRE(a.layer(2).is("dropout"));
  const Matrix x = test::randomMatrix(10, 2, 97);
  auto maskOf = [&](Network& net) {
    net.forward(x, Mode::Train);
    return Matrix(static_cast<const DropoutLayer&>(net.layer(2)).mask());
  };
  const Matrix ma = maskOf(a), mb = maskOf(b), mc = maskOf(c);
  REQUIRE(ma == mb);
  REQUIRE(ma != mc);
  // The stream continues: the next batch gets a different mask, again the same in a and b.
  const Matrix ma2 = maskOf(a), mb2 = maskOf(b);
  REQUIRE(ma2 == mb2);
  REQUIRE(ma2 != ma);
  // initialize(seed) restarts the stream.
  a.initialize(5);
  REQUIRE(maskOf(a) == ma);
}

TEST_CASE("adding dropout does not change the initial weights", "[layer][dropout][determinism]") {
  Network plain(mlpSpec(2, std::vector<HiddenLayerOptions>{{6, Activation::Tanh, 0.0, false}}, 1,
                        Activation::Sigmoid, Loss::BinaryCrossEntropy, 8));
  Network dropped(mlpSpec(2, std::vector<HiddenLayerOptions>{{6, Activation::Tanh, 0.3, false}}, 1,
                          Activation::Sigmoid, Loss::BinaryCrossEntropy, 8));
  REQUIRE(plain.parameters() == dropped.parameters());
}
