#include "layers/recurrent_layer.h"

#include <Eigen/QR>
#include <string>

#include "core/error.h"
#include "layers/initializer.h"

namespace nnplay {

namespace {

Shape recurrentOutput(const char* what, const Shape& input, Index units, bool returnSequences) {
  require(input.rank == 2, std::string(what) + " needs a sequence input (time×features), got the shape " +
                               input.toString());
  require(input.time() >= 1 && input.featuresPerStep() >= 1,
          std::string(what) + " needs at least 1 step and 1 feature per step, got " + input.toString());
  require(units >= 1, std::string(what) + " needs at least 1 unit, got " + std::to_string(units));
  return returnSequences ? Shape::sequence(input.time(), units) : Shape::features(units);
}

// A uniformly random orthogonal n×n matrix: Q of the QR decomposition of a Gaussian matrix,
// with the signs of R's diagonal folded in (Mezzadri 2007), so the draw is really uniform.
void fillOrthogonal(MatrixRef block, Rng& rng) {
  const Index n = block.rows();
  Matrix gaussian(n, n);
  for (Index c = 0; c < n; ++c)
    for (Index r = 0; r < n; ++r) gaussian(r, c) = static_cast<Scalar>(rng.normal());
  Eigen::HouseholderQR<Matrix> qr(gaussian);
  Matrix q = qr.householderQ();
  const Matrix r = qr.matrixQR().triangularView<Eigen::Upper>();
  for (Index c = 0; c < n; ++c)
    if (r(c, c) < 0) q.col(c) = -q.col(c);
  block = q;
}

}  // namespace

std::vector<FieldSchema> recurrentLayerFields() {
  return {
      FieldSchema::integer("units", "Units", 1, 1024, 16)
          .withUnit("units")
          .withDoc("The size of the state h carried from step to step (and of the output per step).")
          .withUiRange(1, 64)
          .mustBeGiven(),
      FieldSchema::boolean("returnSequences", "Output every step", false)
          .withDoc("On: the output is the state at every step (time×units), for another sequence layer or a "
                   "per-step output. Off: only the last state (units), for a whole-sequence answer."),
      FieldSchema::integer("bpttSteps", "Backpropagation steps", 0, 100000, 0)
          .withUnit("steps")
          .withDoc("Truncated backpropagation through time: no gradient travels back further than this many "
                   "steps. 0 = the full sequence (the exact gradient).")
          .withUiRange(0, 100),
      FieldSchema::choice("initializer", "Initializer", initializerNames(), "auto")
          .withDoc("How the input weights W are drawn (fan-in features, fan-out gates·units); the recurrent "
                   "weights U always start orthogonal."),
  };
}

RecurrentLayer::RecurrentLayer(const char* what, Shape input, Index units, Index gates, bool returnSequences,
                               Index bpttSteps, bool hasRecurrentBias)
    : Layer(input, recurrentOutput(what, input, units, returnSequences)),
      units_(units), gates_(gates), returnSequences_(returnSequences), bpttSteps_(bpttSteps),
      hasRecurrentBias_(hasRecurrentBias), gradientNorms_(Vector::Zero(input.time())) {
  require(bpttSteps >= 0, std::string(what) + ": bpttSteps must be 0 (full backpropagation through time) or a " +
                              "positive number of steps, got " + std::to_string(bpttSteps));
}

Index RecurrentLayer::parameterCount() const {
  return kernelSize() + recurrentSize() + (hasRecurrentBias_ ? 2 : 1) * gates_ * units_;
}

void RecurrentLayer::bind(Scalar* parameters, Scalar* gradients, Scalar* /*state*/) {
  parameters_ = parameters;
  gradients_ = gradients;
}

void RecurrentLayer::writeDecayMask(Scalar* mask) const {
  const Index weights = kernelSize() + recurrentSize();
  for (Index i = 0; i < parameterCount(); ++i) mask[i] = i < weights ? Scalar(1) : Scalar(0);
}

void RecurrentLayer::initialize(Initializer initializer, Rng& rng) {
  initializeWeights(initializer, inputKernel(), rng);
  MatrixMap u = recurrentKernel();
  for (Index g = 0; g < gates_; ++g) fillOrthogonal(u.middleCols(g * units_, units_), rng);
  initializeBias();
  if (hasRecurrentBias_) recurrentBias().setZero();
}

void RecurrentLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) {
  rows_ = input.rows();
  const Index T = steps(), F = features(), H = units_, GH = gates_ * units_;
  states_.view(rows_, T * H);
  gateStore_.view(rows_, T * GH);
  MatrixMap zero = zeroState_.view(rows_, H);
  zero.setZero();
  prepareSequence(rows_);
  const ConstMatrixMap w(parameters_, F, GH);
  const Eigen::Map<const RowVector> b(parameters_ + kernelSize() + recurrentSize(), GH);
  for (Index t = 0; t < T; ++t) {
    auto gates = gatesAt(t);
    gates.noalias() = input.middleCols(t * F, F) * w;
    gates.rowwise() += b;
    if (t == 0) {
      forwardStep(t, zero, gates, stateAt(t));
    } else {
      forwardStep(t, stateAt(t - 1), gates, stateAt(t));
    }
  }
  if (returnSequences_) {
    output = stateMatrix();
  } else {
    output = stateAt(T - 1);
  }
}

void RecurrentLayer::backward(const ConstMatrixRef& input, const ConstMatrixRef& /*output*/,
                              const ConstMatrixRef& gradOutput, MatrixRef gradInput, bool needInputGradient) {
  const Index T = steps(), F = features(), H = units_, GH = gates_ * units_;
  MatrixMap dh = dh_.view(rows_, H);
  MatrixMap dhNext = dhNext_.view(rows_, H);
  MatrixMap dInput = dInput_.view(rows_, GH);
  MatrixMap dRecurrent = dRecurrent_.view(rows_, separateRecurrentGradient() ? GH : 0);
  const ConstMatrixMap zero(zeroState_.data(), rows_, H);
  const ConstMatrixMap w(parameters_, F, GH);
  const ConstMatrixMap u(parameters_ + kernelSize(), H, GH);
  MatrixMap dW = inputKernelGradient();
  MatrixMap dU = recurrentKernelGradient();
  RowVectorMap db = biasGradient();
  dW.setZero();
  dU.setZero();
  db.setZero();
  if (hasRecurrentBias_) recurrentBiasGradient().setZero();
  dhNext.setZero();
  cutCarriedGradient();
  for (Index t = T - 1; t >= 0; --t) {
    if (returnSequences_) {
      dh = dhNext + gradOutput.middleCols(t * H, H);
    } else if (t == T - 1) {
      dh = dhNext + gradOutput;
    } else {
      dh = dhNext;
    }
    gradientNorms_(t) = dh.norm();
    const auto x = input.middleCols(t * F, F);
    if (t == 0) {
      backwardStep(t, zero, dh, dInput, dRecurrent, dhNext);
    } else {
      backwardStep(t, stateAt(t - 1), dh, dInput, dRecurrent, dhNext);
    }
    const ConstMatrixMap dRec(separateRecurrentGradient() ? dRecurrent.data() : dInput.data(), rows_, GH);
    dW.noalias() += x.transpose() * dInput;
    db += dInput.colwise().sum();
    if (hasRecurrentBias_) recurrentBiasGradient() += dRec.colwise().sum();
    if (t > 0) dU.noalias() += stateAt(t - 1).transpose() * dRec;  // h_{−1} = 0 adds nothing
    if (needInputGradient) gradInput.middleCols(t * F, F).noalias() = dInput * w.transpose();
    // dhNext already holds the direct part of dL/dh_{t−1}; add the part through U.
    dhNext.noalias() += dRec * u.transpose();
    const bool boundary = bpttSteps_ > 0 && (T - t) % bpttSteps_ == 0;
    if (boundary) {
      dhNext.setZero();
      cutCarriedGradient();
    }
  }
}

}  // namespace nnplay
