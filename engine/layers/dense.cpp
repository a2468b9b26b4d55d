#include "layers/dense.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

#include "core/error.h"

namespace nnplay {

DenseLayer::DenseLayer(Index inputs, Index units) : Layer(inputs, units) {
  require(inputs >= 1, "a dense layer needs at least 1 input, got " + std::to_string(inputs));
  require(units >= 1, "a dense layer needs at least 1 neuron, got " + std::to_string(units) +
                          " (a zero-width layer cannot pass anything on)");
}

void DenseLayer::bind(Scalar* parameters, Scalar* gradients, Scalar* /*state*/) {
  parameters_ = parameters;
  gradients_ = gradients;
}

void DenseLayer::writeDecayMask(Scalar* mask) const {
  const Index weightCount = inputWidth() * outputWidth();
  for (Index i = 0; i < parameterCount(); ++i) mask[i] = i < weightCount ? Scalar(1) : Scalar(0);
}

void DenseLayer::initialize(Initializer initializer, Rng& rng) {
  initializeWeights(initializer, weights(), rng);
  bias().setZero();
}

void DenseLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) {
  output.noalias() = input * weights();
  output.rowwise() += bias();
}

void DenseLayer::backward(const ConstMatrixRef& input, const ConstMatrixRef& /*output*/,
                          const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                          bool needInputGradient) {
  weightGradient().noalias() = input.transpose() * gradOutput;
  biasGradient() = gradOutput.colwise().sum();
  if (needInputGradient) gradInput.noalias() = gradOutput * weights().transpose();
}


LayerKindInfo denseLayerKind() {
  LayerKindInfo k;
  k.name = "dense";
  k.label = "Dense (fully connected)";
  k.category = "core";
  k.doc = "Every output neuron computes a weighted sum of every input plus a bias: Y = X·W + b.";
  k.fields = {
      FieldSchema::integer("units", "Neurons", 1, 100000, 4)
          .withUnit("neurons")
          .withDoc("The number of neurons (outputs) of the layer.")
          .withUiRange(1, 16)
          .mustBeGiven(),
      FieldSchema::choice("initializer", "Initializer", initializerNames(), "auto")
          .withDoc("How the weights are drawn; auto picks He for ReLU layers and Xavier otherwise."),
  };
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    require(input.rank == 1, "a dense layer takes flat features, but its input has shape " + input.toString() +
                                 ": put a flatten layer before it");
    const Index units = s.integer("units");
    require(units <= 100000, "too many neurons (" + std::to_string(units) + "; at most 100000)");
    return std::make_unique<DenseLayer>(input.size(), units);
  };
  return k;
}

}  // namespace nnplay
