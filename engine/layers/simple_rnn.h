// Simple (Elman) recurrent layer: h_t = tanh(x_t·W + h_{t−1}·U + b), one gate ("h").
// Shapes, parameter layout, initialization, BPTT and the views: see recurrent_layer.h.
// The tanh derivative (1 − h²) ≤ 1 multiplies the gradient at every step back, which is
// why this cell forgets: ‖dL/dh_t‖ decays over the steps (gradientNormPerStep()).
#pragma once

#include "layers/recurrent_layer.h"

namespace nnplay {

class SimpleRnnLayer final : public RecurrentLayer {
 public:
  SimpleRnnLayer(Shape input, Index units, bool returnSequences = false, Index bpttSteps = 0);

  const char* kind() const override { return "simple_rnn"; }
  const char* gateName(Index /*gate*/) const override { return "h"; }

 protected:
  void forwardStep(Index t, const ConstMatrixRef& hPrev, MatrixRef gates, MatrixRef h) override;
  void backwardStep(Index t, const ConstMatrixRef& hPrev, const ConstMatrixRef& dh, MatrixRef dInput,
                    MatrixRef dRecurrent, MatrixRef dhPrevDirect) override;
};

}  // namespace nnplay
