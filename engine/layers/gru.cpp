#include "layers/gru.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

namespace nnplay {

GruLayer::GruLayer(Shape input, Index units, bool returnSequences, Index bpttSteps)
    : RecurrentLayer("a GRU layer", input, units, 3, returnSequences, bpttSteps, true) {}

const char* GruLayer::gateName(Index gate) const {
  static const char* const names[] = {"update", "reset", "candidate"};
  return gate >= 0 && gate < 3 ? names[gate] : "";
}

void GruLayer::prepareSequence(Index rows) {
  recurrent_.view(rows, 3 * units());
  candidateRec_.view(rows, steps() * units());
}

void GruLayer::forwardStep(Index t, const ConstMatrixRef& hPrev, MatrixRef gates, MatrixRef h) {
  const Index H = units();
  MatrixMap rec(recurrent_.data(), rows(), 3 * H);
  rec.noalias() = hPrev * recurrentKernel();
  rec.rowwise() += recurrentBias();
  auto z = gates.middleCols(0, H), r = gates.middleCols(H, H), n = gates.middleCols(2 * H, H);
  z = (z + rec.middleCols(0, H)).array().logistic().matrix();
  r = (r + rec.middleCols(H, H)).array().logistic().matrix();
  MatrixMap candidateRec(candidateRec_.data() + t * H * rows(), rows(), H);
  candidateRec = rec.middleCols(2 * H, H);
  n = (n.array() + r.array() * candidateRec.array()).tanh().matrix();
  h = (z.array() * hPrev.array() + (Scalar(1) - z.array()) * n.array()).matrix();
}

void GruLayer::backwardStep(Index t, const ConstMatrixRef& hPrev, const ConstMatrixRef& dh, MatrixRef dInput,
                            MatrixRef dRecurrent, MatrixRef dhPrevDirect) {
  const Index H = units();
  auto gates = gatesAt(t);
  const auto z = gates.middleCols(0, H).array(), r = gates.middleCols(H, H).array(),
             n = gates.middleCols(2 * H, H).array();
  const ConstMatrixMap candidateRec(candidateRec_.data() + t * H * rows(), rows(), H);
  auto dz = dInput.middleCols(0, H), dr = dInput.middleCols(H, H), dn = dInput.middleCols(2 * H, H);
  dz = (dh.array() * (hPrev.array() - n) * z * (Scalar(1) - z)).matrix();
  dn = (dh.array() * (Scalar(1) - z) * (Scalar(1) - n.square())).matrix();
  dr = (dn.array() * candidateRec.array() * r * (Scalar(1) - r)).matrix();
  dRecurrent.leftCols(2 * H) = dInput.leftCols(2 * H);
  dRecurrent.middleCols(2 * H, H) = (dn.array() * r).matrix();
  dhPrevDirect = (dh.array() * z).matrix();
}


LayerKindInfo gruLayerKind() {
  LayerKindInfo k;
  k.name = "gru";
  k.label = "GRU";
  k.category = "sequence";
  k.doc = "Gated recurrent unit: a recurrent layer whose update gate decides, per unit and step, how much of "
          "the old state to keep; lighter than the LSTM, often as good.";
  k.fields = recurrentLayerFields();
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<GruLayer>(input, s.integer("units"), s.flag("returnSequences"), s.integer("bpttSteps"));
  };
  return k;
}

}  // namespace nnplay
