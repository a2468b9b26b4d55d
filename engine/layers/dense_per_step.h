// A dense layer applied to every step of a sequence with the same weights (Keras' Dense on a
// 3-D input, TimeDistributed(Dense); PyTorch's Linear on the last axis): y_t = x_t·W + b.
// Input sequence(T, F) → output sequence(T, U). This is the per-step output head of a
// sequence model (a token or a value for every step: copy, reverse, a character model).
// Per sample, x_t is the contiguous N×F column block t·F … (core/shape.h), so each step is
// one GEMM on views; nothing is copied or allocated.
// Parameters (flat buffer): W (F × U, column-major), then b (U), as for `dense`.
#pragma once

#include "layers/layer.h"

namespace nnplay {

class DensePerStepLayer final : public Layer {
 public:
  DensePerStepLayer(Shape input, Index units);

  const char* kind() const override { return "dense_per_step"; }
  Index steps() const { return inputShape().time(); }
  Index features() const { return inputShape().featuresPerStep(); }
  Index units() const { return outputShape().featuresPerStep(); }
  Index parameterCount() const override { return (features() + 1) * units(); }
  void bind(Scalar* parameters, Scalar* gradients, Scalar* state) override;
  void writeDecayMask(Scalar* mask) const override;
  void initialize(Initializer initializer, Rng& rng) override;

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

  MatrixMap weights() { return {parameters_, features(), units()}; }
  RowVectorMap bias() { return {parameters_ + features() * units(), units()}; }
  MatrixMap weightGradient() { return {gradients_, features(), units()}; }
  RowVectorMap biasGradient() { return {gradients_ + features() * units(), units()}; }

 private:
  Scalar* parameters_ = nullptr;
  Scalar* gradients_ = nullptr;
};

}  // namespace nnplay
