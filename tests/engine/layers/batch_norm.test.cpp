#include <catch2/catch.hpp>

#include <cmath>

#include "diagnostics/gradient_check.h"
#include "layers/batch_norm.h"
#include "network/network.h"
#include "support/layer_harness.h"
#include "support/test_data.h"

using namespace nnplay;

namespace {

// γ and β random (not the 1/0 start, so that their gradients are really exercised).
void randomizeAffine(BatchNormLayer& bn, std::uint64_t seed) {
  bn.gamma() = (test::randomMatrix(1, bn.outputWidth(), seed, 0.5).array() + Scalar(1)).matrix();
  bn.beta() = test::randomMatrix(1, bn.outputWidth(), seed + 1, 0.5);
}

}  // namespace

TEST_CASE("batch norm in Train mode: γ, β and input gradients match finite differences",
          "[gradcheck][layer][batch_norm]") {
  BatchNormLayer bn(3);
  test::BoundLayer bound(bn);
  bn.initialize();
  randomizeAffine(bn, 61);
  // Features on different scales and offsets, as a batch norm would see them.
  Matrix x = test::randomMatrix(7, 3, 62);
  x.col(1) = (x.col(1).array() * 4 + 3).matrix();
  x.col(2) = (x.col(2).array() * Scalar(0.3) - 1).matrix();
  const Matrix projection = test::randomMatrix(7, 3, 63);
  const test::LayerGradientCheck c = test::checkLayerGradients(bound, x, projection, Mode::Train);
  INFO("γ, β: " << c.parameters.describe());
  INFO("inputs: " << c.inputs.describe());
  REQUIRE(c.parameters.compared == 6);
  REQUIRE(c.parameters.maxRelativeError < test::kGradientTolerance);
  REQUIRE(c.inputs.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("batch norm in Eval mode: γ, β and input gradients match finite differences",
          "[gradcheck][layer][batch_norm]") {
  BatchNormLayer bn(3);
  test::BoundLayer bound(bn);
  bn.initialize();
  randomizeAffine(bn, 64);
  bn.runningMean() << 0.5, -1, 2;
  bn.runningVariance() << 0.25, 2, 9;
  const Matrix x = test::randomMatrix(5, 3, 65, 2.0);
  const Matrix projection = test::randomMatrix(5, 3, 66);
  const test::LayerGradientCheck c = test::checkLayerGradients(bound, x, projection, Mode::Eval);
  INFO("γ, β: " << c.parameters.describe());
  INFO("inputs: " << c.inputs.describe());
  REQUIRE(c.parameters.maxRelativeError < test::kGradientTolerance);
  REQUIRE(c.inputs.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("a network with batch norm and dropout passes the gradient check in Train and Eval mode",
          "[gradcheck][network][batch_norm][dropout]") {
  const Mode mode = GENERATE(Mode::Train, Mode::Eval);
  std::vector<HiddenLayerOptions> hidden = {{5, Activation::Tanh, 0.3, true}, {4, Activation::Tanh, 0.0, true}};
  Network net(mlpSpec(3, hidden, 2, Activation::Softmax, Loss::CategoricalCrossEntropy, 9));
  // Train the running statistics away from their 0/1 start so that Eval mode is not trivial.
  const Matrix warm = test::randomMatrix(20, 3, 70, 2.0);
  for (int i = 0; i < 5; ++i) net.forward(warm, Mode::Train);
  const Matrix x = test::randomMatrix(6, 3, 71);
  const Matrix t = test::targetsFor(Activation::Softmax, 6, 2, 72);
  GradientCheckOptions options;
  options.mode = mode;
  // In Train mode the dense biases right before a batch norm have a gradient of exactly 0
  // (the batch mean absorbs them); their numeric estimate is rounding noise (~1e-11), so
  // relative errors are taken against a floor of 1e-4 instead of the default 1e-7.
  options.floor = 1e-4;
  const GradientCheckResult r = checkGradients(net, x, t, options);
  INFO((mode == Mode::Train ? "Train" : "Eval") << ": worst " << r.worst << ", max relative error "
                                                << r.maxRelativeError);
  REQUIRE(r.checked == net.parameterCount() + x.size());
  REQUIRE(r.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("batch norm in Train mode normalizes each feature to mean 0 and variance 1", "[layer][batch_norm]") {
  BatchNormLayer bn(3);
  test::BoundLayer bound(bn);
  bn.initialize();  // γ = 1, β = 0
  Matrix x = test::randomMatrix(50, 3, 81);
  x.col(0) = (x.col(0).array() * 10 + 100).matrix();
  x.col(2) = (x.col(2).array() * Scalar(0.5) - 7).matrix();
  const Matrix y = bound.forward(x, Mode::Train);
  for (Index j = 0; j < 3; ++j) {
    const double mean = static_cast<double>(y.col(j).mean());
    const double variance = static_cast<double>((y.col(j).array() - y.col(j).mean()).square().mean());
    CAPTURE(j, mean, variance);
    // Variance is σ²/(σ² + ε) < 1 by ε/σ² ≤ 1e-4 here.
    CHECK(std::fabs(mean) < 1e-4);
    CHECK(variance == Approx(1.0).margin(1e-3));
  }
}

TEST_CASE("batch norm running statistics follow running = m·running + (1 − m)·batch", "[layer][batch_norm]") {
  const double momentum = 0.8;
  BatchNormLayer bn(2, static_cast<Scalar>(momentum));
  test::BoundLayer bound(bn);
  bn.initialize();  // running mean 0, running variance 1
  Matrix first(4, 2), second(2, 2);
  first << 1, 10,
           2, 10,
           3, 14,
           6, 14;  // means (3, 12); biased variances ((4+1+0+9)/4, 4) = (3.5, 4)
  second << 0, -1,
            4, 1;  // means (2, 0); variances (4, 1)
  bound.forward(first, Mode::Train);
  // mean: 0.8·0 + 0.2·(3, 12) = (0.6, 2.4); variance: 0.8·1 + 0.2·(3.5, 4) = (1.5, 1.6)
  CAPTURE(bn.runningMean(), bn.runningVariance());
  CHECK(bn.runningMean()(0) == Approx(0.6));
  CHECK(bn.runningMean()(1) == Approx(2.4));
  CHECK(bn.runningVariance()(0) == Approx(1.5));
  CHECK(bn.runningVariance()(1) == Approx(1.6));
  bound.forward(second, Mode::Train);
  // mean: 0.8·(0.6, 2.4) + 0.2·(2, 0) = (0.88, 1.92); variance: 0.8·(1.5, 1.6) + 0.2·(4, 1) = (2.0, 1.48)
  CAPTURE(bn.runningMean(), bn.runningVariance());
  CHECK(bn.runningMean()(0) == Approx(0.88));
  CHECK(bn.runningMean()(1) == Approx(1.92));
  CHECK(bn.runningVariance()(0) == Approx(2.0));
  CHECK(bn.runningVariance()(1) == Approx(1.48));
  // Eval mode reads the statistics without moving them.
  bound.forward(first, Mode::Eval);
  CHECK(bn.runningMean()(0) == Approx(0.88));
  CHECK(bn.runningVariance()(1) == Approx(1.48));
}

TEST_CASE("batch norm in Eval mode uses the running statistics", "[layer][batch_norm]") {
  BatchNormLayer bn(2);  // ε = 1e-5
  test::BoundLayer bound(bn);
  bn.initialize();
  bn.gamma() << 2, 1;
  bn.beta() << 0.5, -1;
  bn.runningMean() << 1, -2;
  bn.runningVariance() << 4, 0.25;
  Matrix x(2, 2);
  x << 3, -2,
       1, -1.5;
  // Feature 0: 2·(x − 1)/sqrt(4 + 1e-5) + 0.5      → x = 3: 2·2/2.0000025 + 0.5 = 2.4999950;  x = 1: 0.5
  // Feature 1: 1·(x + 2)/sqrt(0.25 + 1e-5) − 1      → x = −2: −1;  x = −1.5: 0.5/0.50001 − 1 = −0.0000200
  const Matrix y = bound.forward(x, Mode::Eval);
  CAPTURE(y);
  CHECK(y(0, 0) == Approx(2 * 2 / std::sqrt(4 + 1e-5) + 0.5).epsilon(1e-6));
  CHECK(y(1, 0) == Approx(0.5).epsilon(1e-6));
  CHECK(y(0, 1) == Approx(-1).epsilon(1e-6));
  CHECK(y(1, 1) == Approx(0.5 / std::sqrt(0.25 + 1e-5) - 1).margin(1e-6));
  // A single sample in Eval mode is well defined (no batch statistics needed).
  const Matrix one = bound.forward(x.topRows(1), Mode::Eval);
  CHECK(one(0, 0) == Approx(y(0, 0)));
}

TEST_CASE("batch norm parameters are γ then β, excluded from weight decay", "[layer][batch_norm]") {
  Network net(mlpSpec(2, std::vector<HiddenLayerOptions>{{3, Activation::Tanh, 0.0, true}}, 1,
                      Activation::Sigmoid, Loss::BinaryCrossEntropy));
  // Layers: dense(2→3), batch_norm(3), tanh, dense(3→1), sigmoid
  REQUIRE(net.layer(1).is("batch_norm"));
  const Index offset = net.parameterOffset(1);
  CAPTURE(net.parameters().transpose(), net.decayMask().transpose());
  REQUIRE(offset == 2 * 3 + 3);
  REQUIRE(net.parameters().segment(offset, 3).isOnes());   // γ
  REQUIRE(net.parameters().segment(offset + 3, 3).isZero());  // β
  REQUIRE(net.decayMask().segment(offset, 6).isZero());
  REQUIRE(net.state().size() == 6);
  REQUIRE(net.state().head(3).isZero());  // running mean
  REQUIRE(net.state().tail(3).isOnes());  // running variance
}
