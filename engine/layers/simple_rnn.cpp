#include "layers/simple_rnn.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

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


LayerKindInfo simpleRnnLayerKind() {
  LayerKindInfo k;
  k.name = "simple_rnn";
  k.label = "Simple RNN";
  k.category = "sequence";
  k.doc = "A recurrent layer: at every step the state is h = tanh(x·W + h_previous·U + b), so each step "
          "sees the steps before it. Easy to train on short memories, forgets over long ones.";
  k.fields = recurrentLayerFields();
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<SimpleRnnLayer>(input, s.integer("units"), s.flag("returnSequences"),
                                            s.integer("bpttSteps"));
  };
  return k;
}

}  // namespace nnplay
