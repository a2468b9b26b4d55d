#include "layers/batch_norm.h"

#include <cmath>

#include "core/error.h"

namespace nnplay {

BatchNormLayer::BatchNormLayer(Index width, Scalar momentum, Scalar epsilon)
    : Layer(width, width), momentum_(momentum), epsilon_(epsilon),
      mean_(width), variance_(width), inverseStd_(width), scale_(width) {
  require(width >= 1, "a batch-norm layer needs a width of at least 1");
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

}  // namespace nnplay
