#include "layers/lstm.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

namespace nnplay {

LstmLayer::LstmLayer(Shape input, Index units, bool returnSequences, Index bpttSteps)
    : RecurrentLayer("an LSTM layer", input, units, 4, returnSequences, bpttSteps, false) {}

const char* LstmLayer::gateName(Index gate) const {
  static const char* const names[] = {"input", "forget", "candidate", "output"};
  return gate >= 0 && gate < 4 ? names[gate] : "";
}

void LstmLayer::initializeBias() {
  bias().setZero();
  bias().segment(units(), units()).setOnes();
}

void LstmLayer::prepareSequence(Index rows) {
  cells_.view(rows, steps() * units());
  zeroCell_.view(rows, units()).setZero();
  dcNext_.view(rows, units());
  dc_.view(rows, units());
}

void LstmLayer::cutCarriedGradient() { dcNext_.view(rows(), units()).setZero(); }

void LstmLayer::forwardStep(Index t, const ConstMatrixRef& hPrev, MatrixRef gates, MatrixRef h) {
  const Index H = units();
  gates.noalias() += hPrev * recurrentKernel();
  auto i = gates.middleCols(0, H), f = gates.middleCols(H, H), g = gates.middleCols(2 * H, H),
       o = gates.middleCols(3 * H, H);
  i = i.array().logistic().matrix();
  f = f.array().logistic().matrix();
  g = g.array().tanh().matrix();
  o = o.array().logistic().matrix();
  const ConstMatrixMap cPrev(t == 0 ? zeroCell_.data() : cells_.data() + (t - 1) * H * rows(), rows(), H);
  auto c = cellMatrix().middleCols(t * H, H);
  c = (f.array() * cPrev.array() + i.array() * g.array()).matrix();
  h = (o.array() * c.array().tanh()).matrix();
}

void LstmLayer::backwardStep(Index t, const ConstMatrixRef& /*hPrev*/, const ConstMatrixRef& dh, MatrixRef dInput,
                             MatrixRef /*dRecurrent*/, MatrixRef dhPrevDirect) {
  const Index H = units();
  auto gates = gatesAt(t);
  const auto i = gates.middleCols(0, H).array(), f = gates.middleCols(H, H).array(),
             g = gates.middleCols(2 * H, H).array(), o = gates.middleCols(3 * H, H).array();
  const ConstMatrixMap cPrev(t == 0 ? zeroCell_.data() : cells_.data() + (t - 1) * H * rows(), rows(), H);
  const auto c = cellMatrix().middleCols(t * H, H).array();
  MatrixMap dcNext(dcNext_.data(), rows(), H);
  MatrixMap dc(dc_.data(), rows(), H);
  // dL/dc_t: from h_t = o ⊙ tanh(c_t), plus what step t+1 sent back through its forget gate.
  dc = (dcNext.array() + dh.array() * o * (Scalar(1) - c.tanh().square())).matrix();
  dInput.middleCols(0, H) = (dc.array() * g * i * (Scalar(1) - i)).matrix();
  dInput.middleCols(H, H) = (dc.array() * cPrev.array() * f * (Scalar(1) - f)).matrix();
  dInput.middleCols(2 * H, H) = (dc.array() * i * (Scalar(1) - g.square())).matrix();
  dInput.middleCols(3 * H, H) = (dh.array() * c.tanh() * o * (Scalar(1) - o)).matrix();
  dcNext = (dc.array() * f).matrix();
  dhPrevDirect.setZero();
}


LayerKindInfo lstmLayerKind() {
  LayerKindInfo k;
  k.name = "lstm";
  k.label = "LSTM";
  k.category = "sequence";
  k.doc = "Long short-term memory: a recurrent layer with a cell c that input, forget and output gates "
          "write, keep and read, so information (and the gradient) can survive many steps.";
  k.fields = recurrentLayerFields();
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<LstmLayer>(input, s.integer("units"), s.flag("returnSequences"), s.integer("bpttSteps"));
  };
  return k;
}

}  // namespace nnplay
