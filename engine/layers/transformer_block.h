// One transformer encoder block (post-norm, as in Vaswani et al. 2017 and the Keras example):
//   u = LayerNorm₁(x + SelfAttention(x))
//   y = LayerNorm₂(u + W₂·ReLU(W₁·u + b₁) + b₂)      (the feed-forward part, per step)
// Input and output sequence(T, D); ffUnits is the width of the hidden feed-forward layer.
//
// Why a block layer and not a residual wrapper: the network is a layer LIST (one flat
// parameter buffer, one output per layer, the model file and the registry all assume a
// chain). A block keeps x + f(x) inside one layer, so nothing outside needs to know about
// skip connections; it is composed of the tested layers (SelfAttentionLayer, LayerNormLayer,
// DenseLayer, ActivationLayer), each bound to a slice of the block's parameters, so its
// gradient is theirs plus the two identity paths. A general residual wrapper around an
// inner list would need its own spec syntax, registry nesting and views for little gain.
//
// Parameters (flat buffer), in order: attention (see self_attention.h), LayerNorm₁ (γ, β),
// W₁ (D × ffUnits) and b₁, W₂ (ffUnits × D) and b₂, LayerNorm₂ (γ, β). The feed-forward
// part runs on the (N·T)×D rows of layers/sequence_rows.h: one GEMM for all steps.
// initialize(): every kernel by the given (resolved) initializer, biases 0, γ = 1, β = 0.
#pragma once

#include "core/workspace.h"
#include "layers/activation_layer.h"
#include "layers/dense.h"
#include "layers/layer.h"
#include "layers/layer_norm.h"
#include "layers/self_attention.h"

namespace nnplay {

class TransformerBlockLayer final : public Layer {
 public:
  TransformerBlockLayer(Shape input, Index heads, Index ffUnits, bool causal = false);

  const char* kind() const override { return "transformer_block"; }
  Index ffUnits() const { return feedForwardIn_.outputWidth(); }
  Index parameterCount() const override;
  void bind(Scalar* parameters, Scalar* gradients, Scalar* state) override;
  void writeDecayMask(Scalar* mask) const override;
  void initialize(Initializer initializer, Rng& rng) override;

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

  // The attention inside (its attentionWeights() are the block's view).
  const SelfAttentionLayer& attention() const { return attention_; }

 private:
  Index steps() const { return inputShape().time(); }
  Index width() const { return inputShape().featuresPerStep(); }

  SelfAttentionLayer attention_;
  LayerNormLayer norm1_;
  DenseLayer feedForwardIn_;
  ActivationLayer relu_;
  DenseLayer feedForwardOut_;
  LayerNormLayer norm2_;
  // Per-batch workspaces. Sequence layout N×(T·D): attended, residual1, normed1.
  // Row layout (N·T)×…: rows1 (normed1), hidden, activated, residual2, outRows.
  Workspace attended_, residual1_, normed1_;
  Workspace rows1_, hidden_, activated_, feedForward_, residual2_, outRows_;
  // Backward: gradients of the same quantities.
  Workspace gradRows_, gradResidual2_, gradActivated_, gradHidden_, gradRows1_;
  Workspace gradNormed1_, gradResidual1_, gradAttentionInput_;
};

}  // namespace nnplay
