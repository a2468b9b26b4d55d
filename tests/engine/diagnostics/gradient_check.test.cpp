#include <catch2/catch.hpp>

#include "diagnostics/gradient_check.h"
#include "layers/dropout.h"
#include "support/test_data.h"

using namespace nnplay;

TEST_CASE("checkGradients counts what it checks and leaves the parameters as they were", "[gradcheck][diagnostics]") {
  Network net(mlpSpec(2, std::vector<HiddenLayerOptions>{{4, Activation::Tanh, 0.5, false}}, 1, Activation::Sigmoid,
                      Loss::BinaryCrossEntropy, 3));
  const Vector before = net.parameters();
  const Matrix x = test::randomMatrix(5, 2, 7);
  const Matrix t = test::targetsFor(Activation::Sigmoid, 5, 1, 8);
  GradientCheckOptions parametersOnly;
  parametersOnly.checkInputs = false;
  const GradientCheckResult r = checkGradients(net, x, t, parametersOnly);
  CAPTURE(r.checked, r.maxRelativeError, r.worst);
  REQUIRE(r.checked == net.parameterCount());
  REQUIRE(r.maxRelativeError < 1e-6);
  REQUIRE(net.parameters() == before);
  // The dropout mask is unfrozen again: the next Train forward draws a new one.
  const auto& dropout = static_cast<const DropoutLayer&>(net.layer(2));
  const Matrix maskDuringCheck = dropout.mask();
  net.forward(x, Mode::Train);
  REQUIRE(Matrix(dropout.mask()) != maskDuringCheck);
}

TEST_CASE("checkGradients reports a mismatch when the analytic gradient is wrong", "[gradcheck][diagnostics]") {
  // A ReLU exactly at its kink: the analytic gradient takes one side's slope (0 or 1), the
  // central difference their mean (1/2). (The loss itself is computed from the logits and
  // matches its fused gradient exactly, even where the output saturates.)
  Network net(mlpSpec(1, std::vector<Index>{1}, Activation::ReLU, 1, Activation::Linear,
                      Loss::MeanSquaredError, 1));
  net.parameters() << 1, 0, 1, 0;  // hidden z = x + 0, output = relu(z)
  Matrix x(2, 1), t(2, 1);
  x << 0, 0;
  t << 1, 1;
  const GradientCheckResult r = checkGradients(net, x, t);
  CAPTURE(r.maxRelativeError, r.worst);
  REQUIRE(r.maxRelativeError > 0.3);
  REQUIRE_FALSE(r.worst.empty());
}
