#include <catch2/catch.hpp>

#include <cmath>

#include "core/error.h"
#include "layers/gru.h"
#include "support/layer_harness.h"
#include "support/recurrent_checks.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

TEST_CASE("GRU: W, U, b, b_h and input gradients match finite differences (BPTT, both output modes)",
          "[gradcheck][rnn][gru][layer]") {
  const bool returnSequences = GENERATE(false, true);
  test::requireRecurrentGradientsMatch<GruLayer>(returnSequences, 31);
}

TEST_CASE("GRU: two hand-computed steps (reset after the recurrent product)", "[rnn][gru][layer]") {
  GruLayer gru(Shape::sequence(2, 1), 1, true);
  test::BoundLayer bound(gru);
  gru.inputKernel() << 0.5, -0.3, 0.8;      // W_z, W_r, W_n
  gru.recurrentKernel() << 0.2, 0.4, -0.6;  // U_z, U_r, U_n
  gru.bias() << 0.1, 0, -0.1;
  gru.recurrentBias() << 0, 0.2, 0.3;
  Matrix x(1, 2);
  x << 1, -2;
  const Matrix y = bound.forward(x, Mode::Eval);
  auto sigmoid = [](double v) { return 1 / (1 + std::exp(-v)); };
  double h = 0;
  for (int t = 0; t < 2; ++t) {
    const double xt = x(0, t);
    const double z = sigmoid(0.5 * xt + 0.1 + 0.2 * h);
    const double r = sigmoid(-0.3 * xt + 0.4 * h + 0.2);
    const double n = std::tanh(0.8 * xt - 0.1 + r * (-0.6 * h + 0.3));
    h = z * h + (1 - z) * n;
    CHECK(y(0, t) == Approx(h).epsilon(1e-6));
  }
  CHECK(gru.gateName(0) == std::string("update"));
  CHECK(gru.parameterCount() == 3 + 3 + 3 + 3);
}

TEST_CASE("GRU: truncated BPTT cuts the gradient at chunk boundaries", "[rnn][gru][layer]") {
  test::requireTruncationCutsTheGradient<GruLayer>();
}

TEST_CASE("GRU: hidden states, gate activations and gradient norms per step", "[rnn][gru][layer]") {
  test::requireViewsDescribeTheLastBatch<GruLayer>();
}

TEST_CASE("GRU: no allocation after the first batch", "[rnn][gru][layer][allocation]") {
  test::requireNoAllocationAfterFirstBatch<GruLayer>();
}

TEST_CASE("GRU: a sequence input is required", "[rnn][gru][layer][errors]") {
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { GruLayer(Shape::features(6), 3); }),
             Contains("GRU") && Contains("sequence input"));
}
