#include "layers/activation_layer.h"

#include <cmath>

#include "core/error.h"

namespace nnplay {

ActivationLayer::ActivationLayer(Index width, Activation activation, Scalar leakyAlpha)
    : Layer(width, width), activation_(activation), leakyAlpha_(leakyAlpha) {
  require(width >= 1, "an activation layer needs a width of at least 1");
  require(std::isfinite(leakyAlpha) && leakyAlpha >= 0 && leakyAlpha < 1,
          "the leaky ReLU slope alpha must be in [0, 1), got " + formatNumber(leakyAlpha));
}

Eigen::Ref<Vector> ActivationLayer::scratch(Index rows) {
  if (rowScratch_.size() < rows) rowScratch_.resize(rows);
  return rowScratch_;
}

void ActivationLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) {
  applyActivation(activation_, leakyAlpha_, input, output, scratch(input.rows()));
}

void ActivationLayer::backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                               const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                               bool needInputGradient) {
  if (!needInputGradient) return;
  activationBackward(activation_, leakyAlpha_, input, output, gradOutput, gradInput,
                     scratch(input.rows()));
}

}  // namespace nnplay
