// Fully connected layer: Y (N×out) = X (N×in) · W (in×out) + b (1×out).
// Parameter layout in the flat buffer: W column-major (in·out values), then b (out values);
// so weight W(i, j) — from input i to neuron j — is parameter j·in + i.
#pragma once

#include "core/rng.h"
#include "layers/initializer.h"
#include "layers/layer.h"

namespace nnplay {

class DenseLayer final : public Layer {
 public:
  DenseLayer(Index inputs, Index units);

  const char* kind() const override { return "dense"; }
  Index parameterCount() const override { return inputWidth() * outputWidth() + outputWidth(); }
  void bind(Scalar* parameters, Scalar* gradients, Scalar* state) override;
  void writeDecayMask(Scalar* mask) const override;

  void initialize(Initializer initializer, Rng& rng) override;

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

  MatrixMap weights() { return {parameters_, inputWidth(), outputWidth()}; }
  ConstMatrixMap weights() const { return {parameters_, inputWidth(), outputWidth()}; }
  RowVectorMap bias() { return {parameters_ + inputWidth() * outputWidth(), outputWidth()}; }
  Eigen::Map<const RowVector> bias() const {
    return {parameters_ + inputWidth() * outputWidth(), outputWidth()};
  }
  MatrixMap weightGradient() { return {gradients_, inputWidth(), outputWidth()}; }
  RowVectorMap biasGradient() { return {gradients_ + inputWidth() * outputWidth(), outputWidth()}; }

 private:
  Scalar* parameters_ = nullptr;
  Scalar* gradients_ = nullptr;
};

}  // namespace nnplay
