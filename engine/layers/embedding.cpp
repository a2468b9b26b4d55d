#include "layers/embedding.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

#include <cmath>
#include <string>

#include "core/error.h"

namespace nnplay {

namespace {

Shape embeddingOutput(const Shape& input, Index vocabulary, Index dimension) {
  require(input.rank == 2 && input.featuresPerStep() == 1,
          "an embedding layer needs a sequence of token ids (time×1), got the shape " + input.toString());
  require(vocabulary >= 1, "an embedding layer needs a vocabulary of at least 1 token, got " +
                               std::to_string(vocabulary));
  require(dimension >= 1, "an embedding layer needs a dimension of at least 1, got " + std::to_string(dimension));
  return Shape::sequence(input.time(), dimension);
}

}  // namespace

EmbeddingLayer::EmbeddingLayer(Shape input, Index vocabulary, Index dimension)
    : Layer(input, embeddingOutput(input, vocabulary, dimension)), vocabulary_(vocabulary), dimension_(dimension) {}

void EmbeddingLayer::bind(Scalar* parameters, Scalar* gradients, Scalar* /*state*/) {
  parameters_ = parameters;
  gradients_ = gradients;
}

// Embedding vectors are not decayed: a rare token's row would shrink to zero between the
// batches that use it.
void EmbeddingLayer::writeDecayMask(Scalar* mask) const {
  for (Index i = 0; i < parameterCount(); ++i) mask[i] = 0;
}

void EmbeddingLayer::initialize(Initializer /*initializer*/, Rng& rng) {
  MatrixMap e = table();
  for (Index d = 0; d < dimension_; ++d)
    for (Index v = 0; v < vocabulary_; ++v) e(v, d) = static_cast<Scalar>(rng.uniform(-0.05, 0.05));
}

Index EmbeddingLayer::tokenAt(const ConstMatrixRef& input, Index n, Index t) const {
  const Scalar value = input(n, t);
  // Hot path: the message is built only on failure.
  if (!(value >= 0 && value < static_cast<Scalar>(vocabulary_) && value == std::floor(value))) {
    throw InvalidArgument("embedding: sample " + std::to_string(n + 1) + ", step " + std::to_string(t + 1) +
                          " has the token id " + formatNumber(static_cast<double>(value)) +
                          "; ids must be whole numbers from 0 to " + std::to_string(vocabulary_ - 1));
  }
  return static_cast<Index>(value);
}

void EmbeddingLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) {
  const ConstMatrixMap e(parameters_, vocabulary_, dimension_);
  const Index D = dimension_;
  for (Index t = 0; t < inputShape().time(); ++t)
    for (Index n = 0; n < input.rows(); ++n) output.block(n, t * D, 1, D) = e.row(tokenAt(input, n, t));
}

void EmbeddingLayer::backward(const ConstMatrixRef& input, const ConstMatrixRef& /*output*/,
                              const ConstMatrixRef& gradOutput, MatrixRef gradInput, bool needInputGradient) {
  MatrixMap dE = tableGradient();
  dE.setZero();
  const Index D = dimension_;
  for (Index t = 0; t < inputShape().time(); ++t)
    for (Index n = 0; n < input.rows(); ++n) dE.row(tokenAt(input, n, t)) += gradOutput.block(n, t * D, 1, D);
  if (needInputGradient) gradInput.setZero();
}


LayerKindInfo embeddingLayerKind() {
  LayerKindInfo k;
  k.name = "embedding";
  k.label = "Embedding";
  k.category = "sequence";
  k.doc = "Turns token ids (a time×1 sequence of whole numbers) into learned vectors, one table row per token.";
  k.fields = {
      FieldSchema::integer("vocabulary", "Vocabulary size", 1, 100000, 16)
          .withUnit("tokens")
          .withDoc("How many different tokens there are; ids run from 0 to vocabulary − 1.")
          .withUiRange(2, 128)
          .mustBeGiven(),
      FieldSchema::integer("dimension", "Vector size", 1, 1024, 16)
          .withUnit("values")
          .withDoc("The length of each token's learned vector.")
          .withUiRange(1, 64)
          .mustBeGiven(),
  };
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<EmbeddingLayer>(input, s.integer("vocabulary"), s.integer("dimension"));
  };
  return k;
}

}  // namespace nnplay
