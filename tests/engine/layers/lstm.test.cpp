#include <catch2/catch.hpp>

#include <cmath>

#include "core/error.h"
#include "layers/dense.h"
#include "layers/lstm.h"
#include "support/layer_harness.h"
#include "support/recurrent_checks.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

TEST_CASE("LSTM: W, U, b and input gradients match finite differences (BPTT, both output modes)",
          "[gradcheck][rnn][lstm][layer]") {
  const bool returnSequences = GENERATE(false, true);
  test::requireRecurrentGradientsMatch<LstmLayer>(returnSequences, 21);
}

TEST_CASE("LSTM: one hand-computed step", "[rnn][lstm][layer]") {
  // F = 1, H = 1, x_0 = 2, every W = 0.5, U irrelevant (h_{−1} = 0), b = (0, 1, 0, 0).
  LstmLayer lstm(Shape::sequence(1, 1), 1);
  test::BoundLayer bound(lstm);
  lstm.inputKernel().setConstant(0.5);
  lstm.recurrentKernel().setConstant(3);
  lstm.bias() << 0, 1, 0, 0;
  Matrix x(1, 1);
  x << 2;
  const Matrix y = bound.forward(x, Mode::Eval);
  const double i = 1 / (1 + std::exp(-1.0)), f = 1 / (1 + std::exp(-2.0)), g = std::tanh(1.0),
               o = 1 / (1 + std::exp(-1.0));
  const double c = f * 0 + i * g;
  CHECK(y(0, 0) == Approx(o * std::tanh(c)).epsilon(1e-6));
  CHECK(lstm.cellStates()(0, 0) == Approx(c).epsilon(1e-6));
  CHECK(lstm.gateActivations()(0, 1) == Approx(f).epsilon(1e-6));
}

TEST_CASE("LSTM: the forget-gate bias starts at 1, the other biases at 0", "[rnn][lstm][layer]") {
  LstmLayer lstm(Shape::sequence(3, 2), 4);
  test::BoundLayer bound(lstm);
  Rng rng(1);
  lstm.initialize(Initializer::XavierUniform, rng);
  CHECK(lstm.bias().segment(0, 4).isZero());
  CHECK(lstm.bias().segment(4, 4).isOnes());
  CHECK(lstm.bias().segment(8, 8).isZero());
  CHECK(lstm.gateName(0) == std::string("input"));
  CHECK(lstm.gateName(1) == std::string("forget"));
  CHECK(lstm.parameterCount() == 2 * 16 + 4 * 16 + 16);
}

TEST_CASE("LSTM: truncated BPTT cuts the gradient at chunk boundaries", "[rnn][lstm][layer]") {
  test::requireTruncationCutsTheGradient<LstmLayer>();
}

TEST_CASE("LSTM: hidden states, gate activations and gradient norms per step", "[rnn][lstm][layer]") {
  test::requireViewsDescribeTheLastBatch<LstmLayer>();
  LstmLayer lstm(Shape::sequence(4, 2), 3);
  test::BoundLayer bound(lstm);
  Rng rng(3);
  lstm.initialize(Initializer::XavierUniform, rng);
  bound.forward(test::randomMatrix(5, 8, 4, 3.0), Mode::Train);
  const Matrix gates = lstm.gateActivations();
  // Per step the columns are i, f, o in (0, 1) and c̃ in (−1, 1).
  for (Index t = 0; t < 4; ++t) {
    for (Index g = 0; g < 4; ++g) {
      const auto block = gates.middleCols((t * 4 + g) * 3, 3).array();
      CHECK(block.abs().maxCoeff() < 1);
      if (g != 2) CHECK(block.minCoeff() > 0);
    }
  }
}

TEST_CASE("LSTM: no allocation after the first batch", "[rnn][lstm][layer][allocation]") {
  test::requireNoAllocationAfterFirstBatch<LstmLayer>();
}

TEST_CASE("LSTM: a sequence input is required", "[rnn][lstm][layer][errors]") {
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { LstmLayer(Shape::features(6), 3); }),
             Contains("LSTM") && Contains("sequence input"));
}
