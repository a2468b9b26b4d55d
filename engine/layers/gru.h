// Gated recurrent unit (Cho et al. 2014), Keras conventions with reset_after = true (Keras 2's
// default, also PyTorch's and cuDNN's). Gates in the order z, r, n:
//   z_t = σ(x_t·W_z + b_z + h_{t−1}·U_z + b_hz)                 update gate
//   r_t = σ(x_t·W_r + b_r + h_{t−1}·U_r + b_hr)                 reset gate
//   n_t = tanh(x_t·W_n + b_n + r_t ⊙ (h_{t−1}·U_n + b_hn))       candidate
//   h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ n_t,   h_{−1} = 0.
// Why reset-after: the reset gate multiplies h_{t−1}·U_n instead of h_{t−1}, so the whole
// recurrent term h_{t−1}·U (all three gates) is ONE N×H · H×3H product per step, as for the
// LSTM; reset-before would need a second, dependent product (r ⊙ h_{t−1})·U_n per step. The
// price is a second bias vector b_h (3H) after b in the parameter layout (recurrent_layer.h),
// which also makes the weights load directly from Keras/PyTorch GRUs.
#pragma once

#include "layers/recurrent_layer.h"

namespace nnplay {

class GruLayer final : public RecurrentLayer {
 public:
  GruLayer(Shape input, Index units, bool returnSequences = false, Index bpttSteps = 0);

  const char* kind() const override { return "gru"; }
  const char* gateName(Index gate) const override;
  using RecurrentLayer::recurrentBias;

 protected:
  void forwardStep(Index t, const ConstMatrixRef& hPrev, MatrixRef gates, MatrixRef h) override;
  void backwardStep(Index t, const ConstMatrixRef& hPrev, const ConstMatrixRef& dh, MatrixRef dInput,
                    MatrixRef dRecurrent, MatrixRef dhPrevDirect) override;
  bool separateRecurrentGradient() const override { return true; }
  void prepareSequence(Index rows) override;

 private:
  Workspace recurrent_;      // h_{t−1}·U + b_h of the current step, N×3H
  Workspace candidateRec_;   // h_{t−1}·U_n + b_hn for every step (backward needs it), N×(T·H)
};

}  // namespace nnplay
