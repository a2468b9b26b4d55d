#include <catch2/catch.hpp>

#include <cmath>

#include "core/error.h"
#include "layers/simple_rnn.h"
#include "support/layer_harness.h"
#include "support/recurrent_checks.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

TEST_CASE("simple RNN: W, U, b and input gradients match finite differences (BPTT, both output modes)",
          "[gradcheck][rnn][layer]") {
  const bool returnSequences = GENERATE(false, true);
  test::requireRecurrentGradientsMatch<SimpleRnnLayer>(returnSequences, 11);
}

TEST_CASE("simple RNN: two hand-computed steps", "[rnn][layer]") {
  // F = 1, H = 1: h_t = tanh(0.5·x_t − 1·h_{t−1} + 0.1), h_{−1} = 0, x = (1, 2).
  SimpleRnnLayer rnn(Shape::sequence(2, 1), 1, true);
  test::BoundLayer bound(rnn);
  rnn.inputKernel()(0, 0) = 0.5;
  rnn.recurrentKernel()(0, 0) = -1;
  rnn.bias()(0) = 0.1;
  Matrix x(1, 2);
  x << 1, 2;
  const Matrix y = bound.forward(x, Mode::Eval);
  const double h0 = std::tanh(0.5 * 1 + 0.1);     // 0.5370496
  const double h1 = std::tanh(0.5 * 2 - h0 + 0.1);  // tanh(0.5629504) = 0.5101633
  CHECK(y(0, 0) == Approx(h0).epsilon(1e-6));
  CHECK(y(0, 1) == Approx(h1).epsilon(1e-6));
  CHECK(h0 == Approx(0.5370496).epsilon(1e-6));
  CHECK(h1 == Approx(0.5101633).epsilon(1e-6));
}

TEST_CASE("simple RNN: truncated BPTT cuts the gradient at chunk boundaries", "[rnn][layer]") {
  test::requireTruncationCutsTheGradient<SimpleRnnLayer>();
}

TEST_CASE("simple RNN: hidden states, gate activations and gradient norms per step", "[rnn][layer]") {
  test::requireViewsDescribeTheLastBatch<SimpleRnnLayer>();
}

TEST_CASE("simple RNN: no allocation after the first batch", "[rnn][layer][allocation]") {
  test::requireNoAllocationAfterFirstBatch<SimpleRnnLayer>();
}

TEST_CASE("recurrent layers: the recurrent kernel starts orthogonal, one block per gate", "[rnn][layer]") {
  SimpleRnnLayer rnn(Shape::sequence(3, 2), 5);
  test::BoundLayer bound(rnn);
  Rng rng(2);
  rnn.initialize(Initializer::XavierUniform, rng);
  const Matrix u = rnn.recurrentKernel();
  CHECK((u.transpose() * u - Matrix::Identity(5, 5)).norm() < 1e-5);
  CHECK(rnn.bias().isZero());
}

TEST_CASE("simple RNN: the gradient norm fades back through the steps at small weights", "[rnn][layer]") {
  // With weights ×0.3 every step back multiplies dL/dh by ~(1 − h²)·U: the norm decays.
  SimpleRnnLayer rnn(Shape::sequence(12, 2), 4);
  test::BoundLayer bound(rnn);
  Rng rng(4);
  rnn.initialize(Initializer::XavierUniform, rng);
  bound.parameters *= Scalar(0.3);
  const Matrix x = test::randomMatrix(6, 24, 5);
  const Matrix y = bound.forward(x, Mode::Train);
  bound.backward(x, y, test::randomMatrix(6, 4, 6));
  const Vector& norms = rnn.gradientNormPerStep();
  CAPTURE(norms.transpose());
  for (Index t = 0; t + 1 < 12; ++t) CHECK(norms(t) < norms(t + 1));
  CHECK(norms(0) < 1e-3 * norms(11));
}

TEST_CASE("recurrent layers: bad shapes and settings are named errors", "[rnn][layer][errors]") {
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { SimpleRnnLayer(Shape::features(4), 3); }),
             Contains("sequence input") && Contains("4"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { SimpleRnnLayer(Shape::image(1, 2, 2), 3); }),
             Contains("simple RNN") && Contains("1×2×2"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { SimpleRnnLayer(Shape::sequence(5, 2), 0); }),
             Contains("at least 1 unit"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { SimpleRnnLayer(Shape::sequence(5, 2), 3, false, -1); }),
             Contains("bpttSteps"));
}
