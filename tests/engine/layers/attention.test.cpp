#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "core/error.h"
#include "layers/dense.h"
#include "layers/embedding.h"
#include "layers/positional_encoding.h"
#include "layers/self_attention.h"
#include "layers/transformer_block.h"
#include "support/layer_harness.h"
#include "support/layer_stack.h"
#include "support/test_data.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

namespace {

template <class L>
void requireLayerGradientsMatch(L& layer, std::uint64_t seed, const char* what) {
  test::LayerStack stack(layer);
  stack.initialize(Initializer::XavierUniform, seed);
  test::perturbParameters(stack.parameters, seed + 1, 0.2);
  const Matrix x = test::randomMatrix(3, layer.inputWidth(), seed + 2);
  const Matrix projection = test::randomMatrix(3, layer.outputWidth(), seed + 3);
  const test::StackGradientCheck c = test::checkStackGradients(stack, x, projection, true, Mode::Train,
                                                               test::kAttentionStep, test::kAttentionFloor);
  INFO(what);
  INFO("parameters: " << c.parameters.describe());
  INFO("inputs: " << c.inputs.describe());
  REQUIRE(c.parameters.compared == layer.parameterCount());
  REQUIRE(c.parameters.maxRelativeError < test::kGradientTolerance);
  REQUIRE(c.inputs.maxRelativeError < test::kGradientTolerance);
}

#ifdef EIGEN_RUNTIME_NO_MALLOC
void requireNoAllocationAfterFirstBatch(Layer& layer) {
  test::BoundLayer bound(layer);
  Rng rng(1);
  layer.initialize(Initializer::XavierUniform, rng);
  const Matrix x = test::randomMatrix(6, layer.inputWidth(), 2);
  Matrix y(6, layer.outputWidth()), gradOutput = test::randomMatrix(6, layer.outputWidth(), 3),
      gradInput(6, layer.inputWidth());
  layer.forward(x, y, Mode::Train);
  layer.backward(x, y, gradOutput, gradInput, true);
  Eigen::internal::set_is_malloc_allowed(false);
  try {
    layer.forward(x, y, Mode::Train);
    layer.backward(x, y, gradOutput, gradInput, true);
    layer.forward(x.topRows(4), y.topRows(4), Mode::Train);
    layer.backward(x.topRows(4), y.topRows(4), gradOutput.topRows(4), gradInput.topRows(4), true);
  } catch (...) {
    Eigen::internal::set_is_malloc_allowed(true);
    FAIL_CHECK("Eigen allocated during forward/backward after the first batch");
    throw;
  }
  Eigen::internal::set_is_malloc_allowed(true);
}
#endif

}  // namespace

TEST_CASE("self-attention: Q/K/V/O and input gradients match finite differences",
          "[gradcheck][attention][layer]") {
  const Index heads = GENERATE(1, 2);
  const bool causal = GENERATE(false, true);
  SelfAttentionLayer attention(Shape::sequence(4, 4), heads, causal);
  requireLayerGradientsMatch(attention, 40 + static_cast<std::uint64_t>(heads), causal ? "causal" : "full");
}

TEST_CASE("self-attention: one head, width 1, computed by hand", "[attention][layer]") {
  SelfAttentionLayer attention(Shape::sequence(2, 1), 1);
  test::BoundLayer bound(attention);
  attention.kernels().setOnes();  // q = k = v = x, output = context
  attention.biases().setZero();
  Matrix x(1, 2);
  x << 1, 2;
  const Matrix y = bound.forward(x, Mode::Eval);
  // Scores x_i·x_j: row 0 (1, 2), row 1 (2, 4); softmax rows, then weights·(1, 2).
  const double a01 = 1 / (1 + std::exp(-1.0)), a11 = 1 / (1 + std::exp(-2.0));
  CHECK(y(0, 0) == Approx((1 - a01) * 1 + a01 * 2));
  CHECK(y(0, 1) == Approx((1 - a11) * 1 + a11 * 2));
  CHECK(attention.attentionWeights(0, 0)(0, 1) == Approx(a01));
}

TEST_CASE("self-attention: weights per head are row-stochastic, and causal ones ignore later steps",
          "[attention][layer]") {
  SelfAttentionLayer attention(Shape::sequence(5, 4), 2, true);
  test::BoundLayer bound(attention);
  Rng rng(3);
  attention.initialize(Initializer::XavierUniform, rng);
  const Matrix x = test::randomMatrix(3, 20, 4, 2.0);
  const Matrix y = bound.forward(x, Mode::Eval);
  for (Index n = 0; n < 3; ++n) {
    for (Index h = 0; h < 2; ++h) {
      const Matrix a = attention.attentionWeights(n, h);
      REQUIRE(a.rows() == 5);
      CHECK((a.rowwise().sum().array() - 1).abs().maxCoeff() < 1e-6);
      CHECK(Matrix(a.triangularView<Eigen::StrictlyUpper>()).isZero());
    }
  }
  // Changing the last step does not change earlier outputs.
  Matrix changed = x;
  changed.rightCols(4).setConstant(5);
  const Matrix y2 = bound.forward(changed, Mode::Eval);
  CHECK(y2.leftCols(16).isApprox(y.leftCols(16)));
  CHECK_FALSE(y2.rightCols(4).isApprox(y.rightCols(4)));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { attention.attentionWeights(3, 0); }),
             Contains("sample 3"));
}

TEST_CASE("positional encoding: sinusoidal values, learned table gradients", "[gradcheck][attention][layer]") {
  PositionalEncodingLayer sinusoidal(Shape::sequence(3, 4), PositionalEncoding::Sinusoidal);
  REQUIRE(sinusoidal.parameterCount() == 0);
  const RowVector p = sinusoidal.table();
  CHECK(p(0) == Approx(0).margin(1e-12));
  CHECK(p(1) == Approx(1));
  CHECK(p(4) == Approx(std::sin(1.0)));
  CHECK(p(5) == Approx(std::cos(1.0)));
  CHECK(p(2 * 4 + 2) == Approx(std::sin(2 * 0.01)));
  CHECK(p(2 * 4 + 3) == Approx(std::cos(2 * 0.01)));
  requireLayerGradientsMatch(sinusoidal, 50, "sinusoidal");
  PositionalEncodingLayer learned(Shape::sequence(3, 4), PositionalEncoding::Learned);
  requireLayerGradientsMatch(learned, 51, "learned");
  CHECK(parsePositionalEncoding("learned") == PositionalEncoding::Learned);
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { parsePositionalEncoding("rotary"); }),
             Contains("sinusoidal or learned"));
}

TEST_CASE("transformer block: every parameter and the input gradient match finite differences",
          "[gradcheck][attention][layer]") {
  const bool causal = GENERATE(false, true);
  TransformerBlockLayer block(Shape::sequence(3, 4), 2, 5, causal);
  requireLayerGradientsMatch(block, 60, causal ? "causal" : "full");
}

TEST_CASE("a stack embedding → positional encoding → transformer block → dense passes the gradient check",
          "[gradcheck][attention][embedding]") {
  const PositionalEncoding encoding = GENERATE(PositionalEncoding::Sinusoidal, PositionalEncoding::Learned);
  std::vector<std::unique_ptr<Layer>> layers;
  layers.push_back(std::make_unique<EmbeddingLayer>(Shape::sequence(4, 1), 5, 4));
  layers.push_back(std::make_unique<PositionalEncodingLayer>(Shape::sequence(4, 4), encoding));
  layers.push_back(std::make_unique<TransformerBlockLayer>(Shape::sequence(4, 4), 2, 6, true));
  layers.push_back(std::make_unique<DenseLayer>(16, 3));
  test::LayerStack stack(std::move(layers));
  stack.initialize(Initializer::XavierUniform, 7);
  test::perturbParameters(stack.parameters, 8, 0.2);
  Matrix ids(3, 4);
  ids << 0, 1, 2, 3,
         4, 4, 0, 1,
         2, 3, 1, 0;
  const test::StackGradientCheck c = test::checkStackGradients(stack, ids, test::randomMatrix(3, 3, 9), false,
                                                               Mode::Train, test::kAttentionStep,
                                                               test::kAttentionFloor);
  INFO(c.parameters.describe());
  REQUIRE(c.parameters.compared == stack.parameters.size());
  REQUIRE(c.parameters.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("attention layers: no allocation after the first batch", "[attention][layer][allocation]") {
#ifdef EIGEN_RUNTIME_NO_MALLOC
  SelfAttentionLayer attention(Shape::sequence(5, 4), 2, true);
  requireNoAllocationAfterFirstBatch(attention);
  TransformerBlockLayer block(Shape::sequence(5, 4), 2, 8);
  requireNoAllocationAfterFirstBatch(block);
  PositionalEncodingLayer learned(Shape::sequence(5, 4), PositionalEncoding::Learned);
  requireNoAllocationAfterFirstBatch(learned);
#endif
}

TEST_CASE("attention layers: bad shapes and settings are named errors", "[attention][layer][errors]") {
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { SelfAttentionLayer(Shape::sequence(4, 6), 4); }),
             Contains("width 6") && Contains("divisible") && Contains("4"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { SelfAttentionLayer(Shape::sequence(4, 8), 5); }),
             Contains("1 to 4 heads"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { SelfAttentionLayer(Shape::features(8), 1); }),
             Contains("sequence input"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>(
                 [] { PositionalEncodingLayer(Shape::features(8), PositionalEncoding::Sinusoidal); }),
             Contains("positional encoding"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { TransformerBlockLayer(Shape::sequence(4, 8), 2, 0); }),
             Contains("feed-forward unit"));
}
