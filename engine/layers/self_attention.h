// Multi-head scaled dot-product self-attention (Vaswani et al. 2017).
// Input sequence(T, D) → output sequence(T, D). For each sample, with X its T×D steps:
//   Q = X·W_q + b_q,  K = X·W_k + b_k,  V = X·W_v + b_v                 (T×D each)
//   head h uses columns h·d … h·d+d−1 (d = D / heads):
//   A_h = softmax_rows(Q_h·K_hᵀ / sqrt(d))   (T×T: row = query step, column = key step)
//   C_h = A_h·V_h,   C = [C_1 … C_heads],   Y = C·W_o + b_o.
// causal = true masks the keys after the query (A_h(i, j) = 0 for j > i), so step i sees
// only steps ≤ i: what a next-token model needs.
// Batching: the N×(T·D) batch is rearranged into (N·T)×D rows (layers/sequence_rows.h), so
// the four projections are one GEMM each over all positions; the T×T scores are small
// GEMMs per (sample, head) on contiguous blocks.
// Parameters (flat buffer): [W_q W_k W_v W_o] as one D×4D column-major matrix, then
// [b_q b_k b_v b_o] (4D). Each D×D kernel is drawn by the resolved initializer (fan-in
// = fan-out = D); biases start at 0.
// View: attentionWeights(sample, head) is A_h of that sample from the last forward.
#pragma once

#include "core/workspace.h"
#include "layers/layer.h"

namespace nnplay {

class SelfAttentionLayer final : public Layer {
 public:
  SelfAttentionLayer(Shape input, Index heads, bool causal = false);

  const char* kind() const override { return "self_attention"; }
  Index heads() const { return heads_; }
  bool causal() const { return causal_; }
  Index steps() const { return inputShape().time(); }
  Index width() const { return inputShape().featuresPerStep(); }
  Index parameterCount() const override { return 4 * width() * width() + 4 * width(); }
  void bind(Scalar* parameters, Scalar* gradients, Scalar* state) override;
  void writeDecayMask(Scalar* mask) const override;
  void initialize(Initializer initializer, Rng& rng) override;

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

  // W_q, W_k, W_v, W_o side by side (D×4D) and their biases (4D).
  MatrixMap kernels() { return {parameters_, width(), 4 * width()}; }
  RowVectorMap biases() { return {parameters_ + 4 * width() * width(), 4 * width()}; }
  // T×T, row = query step, column = key step; rows sum to 1. sample < last batch size.
  ConstMatrixMap attentionWeights(Index sample, Index head) const;
  Index lastBatchRows() const { return rows_; }

 private:
  Index heads_;
  bool causal_;
  Scalar* parameters_ = nullptr;
  Scalar* gradients_ = nullptr;
  Index rows_ = 0;
  Workspace inputRows_;   // X as (N·T)×D
  Workspace qkv_;         // [Q K V], (N·T)×3D
  Workspace weights_;     // A for every (sample, head): T×T blocks, sample-major
  Workspace context_;     // C, (N·T)×D
  Workspace outputRows_;  // Y as (N·T)×D; in backward dL/dY
  Workspace gradContext_;  // dL/dC, (N·T)×D
  Workspace gradQkv_;      // dL/d[Q K V], (N·T)×3D
  Workspace gradScores_;   // dL/dA then dL/dS of one (sample, head), T×T
  Workspace rowScratch_;   // per-row maxima / sums, T
};

}  // namespace nnplay
