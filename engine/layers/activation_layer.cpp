#include "layers/activation_layer.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

#include <cmath>

#include "core/error.h"

namespace nnplay {

ActivationLayer::ActivationLayer(const Shape& shape, Activation activation, Scalar leakyAlpha)
    : Layer(shape, shape), activation_(activation), leakyAlpha_(leakyAlpha) {
  require(shape.size() >= 1, "an activation layer needs a width of at least 1");
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


LayerKindInfo activationLayerKind() {
  LayerKindInfo k;
  k.name = "activation";
  k.label = "Activation";
  k.category = "core";
  k.doc = "Applies a function to every value (softmax: to each sample's values together); no weights.";
  k.fields = {
      FieldSchema::choice("activation", "Activation", activationNames(), "tanh")
          .withDoc("The function applied: linear, sigmoid, tanh, relu, leaky_relu or softmax.")
          .mustBeGiven(),
      FieldSchema::number("alpha", "Leaky ReLU slope", 0, 0.999, 0.01)
          .withDoc("Slope of leaky ReLU for negative inputs.")
          .onlyFor({"leaky_relu"}),
  };
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<ActivationLayer>(input, s.activation(), static_cast<Scalar>(s.number("alpha")));
  };
  return k;
}

}  // namespace nnplay
