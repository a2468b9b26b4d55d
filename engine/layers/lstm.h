// Long short-term memory layer (Hochreiter & Schmidhuber 1997, with the forget gate of
// Gers et al. 2000), Keras conventions. Gates in the order i, f, c̃, o:
//   i_t = σ(x_t·W_i + h_{t−1}·U_i + b_i)        input gate
//   f_t = σ(x_t·W_f + h_{t−1}·U_f + b_f)        forget gate
//   c̃_t = tanh(x_t·W_c + h_{t−1}·U_c + b_c)     candidate
//   o_t = σ(x_t·W_o + h_{t−1}·U_o + b_o)        output gate
//   c_t = f_t ⊙ c_{t−1} + i_t ⊙ c̃_t,   h_t = o_t ⊙ tanh(c_t),   h_{−1} = c_{−1} = 0.
// The forget-gate bias starts at 1 (Jozefowicz et al. 2015, Keras' unit_forget_bias): f ≈ 0.73
// from the first step, so the cell keeps its memory — and dL/dc flows back through f — until
// training decides otherwise. Everything else (shapes, layout, BPTT, views): recurrent_layer.h;
// cellStates() adds c_t, N×(T·H) like hiddenStates().
#pragma once

#include "layers/recurrent_layer.h"

namespace nnplay {

class LstmLayer final : public RecurrentLayer {
 public:
  LstmLayer(Shape input, Index units, bool returnSequences = false, Index bpttSteps = 0);

  const char* kind() const override { return "lstm"; }
  const char* gateName(Index gate) const override;
  ConstMatrixMap cellStates() const { return {cells_.data(), rows(), steps() * units()}; }

 protected:
  void forwardStep(Index t, const ConstMatrixRef& hPrev, MatrixRef gates, MatrixRef h) override;
  void backwardStep(Index t, const ConstMatrixRef& hPrev, const ConstMatrixRef& dh, MatrixRef dInput,
                    MatrixRef dRecurrent, MatrixRef dhPrevDirect) override;
  void prepareSequence(Index rows) override;
  void cutCarriedGradient() override;
  void initializeBias() override;

 private:
  MatrixMap cellMatrix() { return {cells_.data(), rows(), steps() * units()}; }

  Workspace cells_;        // c_t for every step, N×(T·H)
  Workspace zeroCell_;     // c_{−1} = 0, N×H
  Workspace dcNext_;       // dL/dc_t carried back to step t−1, N×H
  Workspace dc_;           // dL/dc_t at the current step, N×H
};

}  // namespace nnplay
