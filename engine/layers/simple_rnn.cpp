#include "layers/simple_rnn.h"

namespace nnplay {

SimpleRnnLayer::SimpleRnnLayer(Shape input, Index units, bool returnSequences, Index bpttSteps)
    : RecurrentLayer("a simple RNN layer", input, units, 1, returnSequences, bpttSteps, false) {}

void SimpleRnnLayer::forwardStep(Index /*t*/, const ConstMatrixRef& hPrev, MatrixRef gates, MatrixRef h) {
  gates.noalias() += hPrev * recurrentKernel();
  gates = gates.array().tanh().matrix();
  h = gates;
}

void SimpleRnnLayer::backwardStep(Index t, const ConstMatrixRef& /*hPrev*/, const ConstMatrixRef& dh,
                                  MatrixRef dInput, MatrixRef /*dRecurrent*/, MatrixRef dhPrevDirect) {
  const auto h = stateAt(t).array();
  dInput = (dh.array() * (Scalar(1) - h.square())).matrix();
  dhPrevDirect.setZero();
}

}  // namespace nnplay
