#include "layers/batch_norm.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

#include <cmath>

#include "core/error.h"

namespace nnplay {

BatchNormLayer::BatchNormLayer(const Shape& shape, Scalar momentum, Scalar epsilon)
    : Layer(shape, shape), momentum_(momentum), epsilon_(epsilon),
      mean_(shape.size()), variance_(shape.size()), inverseStd_(shape.size()), scale_(shape.size()) {
  require(shape.size() >= 1, "a batch-norm layer needs a width of at least 1");
  require(std::isfinite(momentum) && momentum >= 0 && momentum < 1,
          "the batch-norm momentum must be in [0, 1), got " + formatNumber(momentum));
  require(std::isfinite(epsilon) && epsilon > 0,
          "the batch-norm epsilon must be a positive number, got " + formatNumber(epsilon));
}

void BatchNormLayer::bind(Scalar* parameters, Scalar* gradients, Scalar* state) {
  parameters_ = parameters;
  gradients_ = gradients;
  state_ = state;
}

void BatchNormLayer::initialize(Initializer /*initializer*/, Rng& /*rng*/) { initialize(); }

void BatchNormLayer::initialize() {
  gamma().setOnes();
  beta().setZero();
  runningMean().setZero();
  runningVariance().setOnes();
}

void BatchNormLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) {
  lastWasTrain_ = mode == Mode::Train;
  MatrixMap normalized = normalizedStorage_.view(input.rows(), input.cols());
  if (lastWasTrain_) {
    mean_ = input.colwise().mean();
    normalized = input.rowwise() - mean_;
    variance_ = normalized.colwise().squaredNorm() / static_cast<Scalar>(input.rows());
    runningMean() = momentum_ * runningMean() + (Scalar(1) - momentum_) * mean_;
    runningVariance() = momentum_ * runningVariance() + (Scalar(1) - momentum_) * variance_;
  } else {
    mean_ = runningMean();
    variance_ = runningVariance();
    normalized = input.rowwise() - mean_;
  }
  inverseStd_ = (variance_.array() + epsilon_).rsqrt().matrix();
  normalized.array().rowwise() *= inverseStd_.array();
  output = normalized;
  output.array().rowwise() *= gamma().array();
  output.rowwise() += beta();
}

void BatchNormLayer::backward(const ConstMatrixRef& /*input*/, const ConstMatrixRef& /*output*/,
                              const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                              bool needInputGradient) {
  MatrixMap normalized = normalizedStorage_.view(gradOutput.rows(), gradOutput.cols());
  RowVectorMap gradGamma(gradients_, outputWidth());
  RowVectorMap gradBeta(gradients_ + outputWidth(), outputWidth());
  gradGamma = gradOutput.cwiseProduct(normalized).colwise().sum();
  gradBeta = gradOutput.colwise().sum();
  if (!needInputGradient) return;
  if (!lastWasTrain_) {
    // Eval mode: an affine map with fixed statistics.
    scale_ = gamma().cwiseProduct(inverseStd_);
    gradInput = gradOutput;
    gradInput.array().rowwise() *= scale_.array();
    return;
  }
  // Train mode: the batch mean and variance depend on every input of the batch.
  //   dx = γ/(N·σ) · (N·dy − Σdy − x̂ · Σ(dy·x̂))
  const Scalar n = static_cast<Scalar>(gradOutput.rows());
  scale_ = gamma().cwiseProduct(inverseStd_) / n;
  gradInput = n * gradOutput;
  gradInput.rowwise() -= gradBeta;
  gradInput -= normalized * gradGamma.asDiagonal();
  gradInput.array().rowwise() *= scale_.array();
}


LayerKindInfo batchNormLayerKind() {
  LayerKindInfo k;
  k.name = "batch_norm";
  k.label = "Batch normalization";
  k.category = "regularization";
  k.doc = "Rescales each value to mean 0 and variance 1 over the batch, then by a learned scale and shift.";
  k.fields = {
      FieldSchema::number("momentum", "Running-average momentum", 0, 0.9999, 0.9)
          .withDoc("How slowly the running mean and variance used for evaluation follow the batches."),
      FieldSchema::number("epsilon", "Epsilon", 1e-12, 1, 1e-5)
          .withDoc("Added to the variance so that a constant value does not divide by zero."),
  };
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<BatchNormLayer>(input, static_cast<Scalar>(s.number("momentum")),
                                            static_cast<Scalar>(s.number("epsilon")));
  };
  return k;
}

}  // namespace nnplay
