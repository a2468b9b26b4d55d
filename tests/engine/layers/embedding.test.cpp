#include <catch2/catch.hpp>

#include <memory>

#include "core/error.h"
#include "layers/dense.h"
#include "layers/embedding.h"
#include "layers/lstm.h"
#include "support/layer_harness.h"
#include "support/layer_stack.h"
#include "support/test_data.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

namespace {

// N×T token ids in [0, vocabulary), every id used at least once when N·T ≥ vocabulary.
Matrix tokenIds(Index rows, Index steps, Index vocabulary, std::uint64_t seed) {
  Rng rng(seed);
  Matrix ids(rows, steps);
  for (Index i = 0; i < ids.size(); ++i)
    ids.data()[i] = static_cast<Scalar>(i < vocabulary ? i : rng.below(static_cast<std::uint32_t>(vocabulary)));
  return ids;
}

}  // namespace

TEST_CASE("embedding: each step is the table row of its token", "[rnn][layer][embedding]") {
  EmbeddingLayer embedding(Shape::sequence(3, 1), 4, 2);
  test::BoundLayer bound(embedding);
  embedding.table() << 0, 1,
                       10, 11,
                       20, 21,
                       30, 31;
  Matrix ids(2, 3);
  ids << 3, 0, 3,
         1, 2, 0;
  const Matrix y = bound.forward(ids, Mode::Eval);
  Matrix expected(2, 6);
  expected << 30, 31, 0, 1, 30, 31,
              10, 11, 20, 21, 0, 1;
  CHECK(y == expected);
  REQUIRE(embedding.outputShape() == Shape::sequence(3, 2));
}

TEST_CASE("embedding: the table gradient matches finite differences, and the input gradient is zero",
          "[gradcheck][rnn][layer][embedding]") {
  EmbeddingLayer embedding(Shape::sequence(4, 1), 5, 3);
  test::BoundLayer bound(embedding);
  Rng rng(2);
  embedding.initialize(Initializer::XavierUniform, rng);
  const Matrix ids = tokenIds(3, 4, 5, 3);
  const Matrix projection = test::randomMatrix(3, 12, 4);
  const Matrix y = bound.forward(ids, Mode::Train);
  const Matrix gradInput = bound.backward(ids, y, projection);
  const Vector analytic = bound.gradients;
  const Vector numeric = test::numericGradientInPlace(
      [&] { return static_cast<double>(projection.cwiseProduct(bound.forward(ids, Mode::Train)).sum()); },
      bound.parameters);
  const test::GradientComparison c = test::compareGradients(analytic, numeric);
  INFO(c.describe());
  REQUIRE(c.maxRelativeError < test::kGradientTolerance);
  REQUIRE(gradInput.isZero());
  // A token used twice gets the sum of both steps' gradients.
  REQUIRE(embedding.tableGradient().row(0).norm() > 0);
}

TEST_CASE("a stack embedding → LSTM → dense passes the gradient check", "[gradcheck][rnn][lstm][embedding]") {
  const bool returnSequences = GENERATE(false, true);
  std::vector<std::unique_ptr<Layer>> layers;
  layers.push_back(std::make_unique<EmbeddingLayer>(Shape::sequence(5, 1), 6, 3));
  layers.push_back(std::make_unique<LstmLayer>(Shape::sequence(5, 3), 4, returnSequences));
  const Index lstmOut = layers.back()->outputWidth();
  layers.push_back(std::make_unique<DenseLayer>(lstmOut, 2));
  test::LayerStack stack(std::move(layers));
  stack.initialize(Initializer::XavierUniform, 5);
  test::perturbParameters(stack.parameters, 6, 0.2);
  const Matrix ids = tokenIds(4, 5, 6, 7);
  const test::StackGradientCheck c =
      test::checkStackGradients(stack, ids, test::randomMatrix(4, 2, 8), false, Mode::Train,
                                  test::kAttentionStep, test::kAttentionFloor);
  INFO(c.parameters.describe());
  REQUIRE(c.parameters.compared == stack.parameters.size());
  REQUIRE(c.parameters.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("embedding: bad ids and shapes are named errors", "[rnn][layer][embedding][errors]") {
  EmbeddingLayer embedding(Shape::sequence(2, 1), 3, 2);
  test::BoundLayer bound(embedding);
  Matrix ids(1, 2);
  ids << 0, 3;
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { bound.forward(ids, Mode::Eval); }),
             Contains("step 2") && Contains("token id 3") && Contains("0 to 2"));
  ids << 1.5, 0;
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { bound.forward(ids, Mode::Eval); }),
             Contains("1.5") && Contains("whole numbers"));
  ids << -1, 0;
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { bound.forward(ids, Mode::Eval); }), Contains("-1"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { EmbeddingLayer(Shape::sequence(4, 2), 3, 2); }),
             Contains("token ids (time×1)") && Contains("4×2"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { EmbeddingLayer(Shape::features(4), 3, 2); }),
             Contains("token ids"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { EmbeddingLayer(Shape::sequence(4, 1), 0, 2); }),
             Contains("vocabulary"));
}
