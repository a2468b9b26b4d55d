// Layer normalization (Ba, Kiros & Hinton 2016) over the last dimension: each sample's
// features (input features(D)), or each step's features of a sequence (sequence(T, D)) —
// one mean and variance per (sample, step), unlike batch norm, so it behaves the same in
// Train and Eval mode and for a batch of one:
//   x̂ = (x − μ) / sqrt(σ² + ε),   y = γ ⊙ x̂ + β     (μ, σ² over the D values, biased)
// Parameters (flat buffer): γ (D), then β (D); γ = 1, β = 0 at the start; not decayed.
#pragma once

#include "core/workspace.h"
#include "layers/layer.h"

namespace nnplay {

class LayerNormLayer final : public Layer {
 public:
  explicit LayerNormLayer(Shape input, Scalar epsilon = Scalar(1e-5));

  const char* kind() const override { return "layer_norm"; }
  Index dimension() const { return dimension_; }
  Index groups() const { return groups_; }  // steps per sample (1 for features)
  Scalar epsilon() const { return epsilon_; }
  Index parameterCount() const override { return 2 * dimension_; }
  void bind(Scalar* parameters, Scalar* gradients, Scalar* state) override;
  void initialize(Initializer initializer, Rng& rng) override;

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

  RowVectorMap gamma() { return {parameters_, dimension_}; }
  RowVectorMap beta() { return {parameters_ + dimension_, dimension_}; }

 private:
  Index dimension_;
  Index groups_;
  Scalar epsilon_;
  Scalar* parameters_ = nullptr;
  Scalar* gradients_ = nullptr;
  Workspace normalized_;   // x̂, N×(T·D)
  Workspace inverseStd_;   // 1/sqrt(σ² + ε) per sample and step, N×T
  Workspace scratch_;      // dL/dx̂ of one step, N×D
  Workspace rowSums_;      // two per-row sums, N×2
};

}  // namespace nnplay
