// Embedding: token ids → learned vectors. Input sequence(T, 1) whose values are token ids
// stored as floats (exact up to 2^24 in float32); output sequence(T, D): step t of sample n
// is row id(n, t) of the table E (vocabulary V × D).
// Parameters (flat buffer): E column-major, so E(v, d) is parameter d·V + v. Initialized
// U(−0.05, 0.05) (Keras' default for embeddings; the network's initializer does not apply:
// there is no fan-in to scale by). Backward scatters dL/dy into the rows of E that were
// used; the input gradient is zero (ids are not differentiable). A value that is not an
// integer in [0, V) is an InvalidArgument naming the sample, step and value.
#pragma once

#include "layers/layer.h"

namespace nnplay {

class EmbeddingLayer final : public Layer {
 public:
  EmbeddingLayer(Shape input, Index vocabulary, Index dimension);

  const char* kind() const override { return "embedding"; }
  Index vocabulary() const { return vocabulary_; }
  Index dimension() const { return dimension_; }
  Index parameterCount() const override { return vocabulary_ * dimension_; }
  void bind(Scalar* parameters, Scalar* gradients, Scalar* state) override;
  void writeDecayMask(Scalar* mask) const override;
  void initialize(Initializer initializer, Rng& rng) override;

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

  MatrixMap table() { return {parameters_, vocabulary_, dimension_}; }
  MatrixMap tableGradient() { return {gradients_, vocabulary_, dimension_}; }

 private:
  Index tokenAt(const ConstMatrixRef& input, Index n, Index t) const;

  Index vocabulary_;
  Index dimension_;
  Scalar* parameters_ = nullptr;
  Scalar* gradients_ = nullptr;
};

}  // namespace nnplay
