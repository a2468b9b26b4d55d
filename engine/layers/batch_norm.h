// Batch normalization (Ioffe & Szegedy 2015) over each feature (column).
// Train mode: x̂ = (x − μ_B) / sqrt(σ²_B + ε) with the batch mean and (biased) variance,
// y = γ·x̂ + β, and the running statistics move towards the batch ones:
//   running = momentum · running + (1 − momentum) · batch.
// Eval mode: the running mean and variance replace the batch statistics.
// Parameters (flat buffer): γ (width), then β (width). State: running mean, running variance.
#pragma once

#include "core/workspace.h"
#include "layers/layer.h"

namespace nnplay {

class BatchNormLayer final : public Layer {
 public:
  // Normalizes each of the shape's values over the batch (for images: each pixel of each
  // channel on its own).
  BatchNormLayer(const Shape& shape, Scalar momentum = Scalar(0.9), Scalar epsilon = Scalar(1e-5));
  BatchNormLayer(Index width, Scalar momentum = Scalar(0.9), Scalar epsilon = Scalar(1e-5))
      : BatchNormLayer(Shape::features(width), momentum, epsilon) {}

  const char* kind() const override { return "batch_norm"; }
  Index parameterCount() const override { return 2 * outputWidth(); }
  Index stateCount() const override { return 2 * outputWidth(); }
  void bind(Scalar* parameters, Scalar* gradients, Scalar* state) override;

  // γ = 1, β = 0, running mean 0, running variance 1 (no random draws).
  void initialize(Initializer initializer, Rng& rng) override;
  void initialize();

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

  Scalar momentum() const { return momentum_; }
  Scalar epsilon() const { return epsilon_; }
  RowVectorMap gamma() { return {parameters_, outputWidth()}; }
  RowVectorMap beta() { return {parameters_ + outputWidth(), outputWidth()}; }
  RowVectorMap runningMean() { return {state_, outputWidth()}; }
  RowVectorMap runningVariance() { return {state_ + outputWidth(), outputWidth()}; }

 private:
  Scalar momentum_;
  Scalar epsilon_;
  Scalar* parameters_ = nullptr;
  Scalar* gradients_ = nullptr;
  Scalar* state_ = nullptr;
  bool lastWasTrain_ = false;
  // Per-batch workspace (kept apart from the parameters).
  Workspace normalizedStorage_;  // x̂, N×width
  RowVector mean_, variance_, inverseStd_, scale_;
};

}  // namespace nnplay
