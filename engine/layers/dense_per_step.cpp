#include "layers/dense_per_step.h"

#include <string>

#include "core/error.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

namespace nnplay {

namespace {

Shape perStepOutput(const Shape& input, Index units) {
  require(input.rank == 2, "a dense-per-step layer needs a sequence input (time×features), got the shape " +
                               input.toString() + " (turn returnSequences on in the recurrent layer before it, or use a dense layer for flat features)");
  require(units >= 1, "a dense-per-step layer needs at least 1 neuron, got " + std::to_string(units));
  return Shape::sequence(input.time(), units);
}

}  // namespace

DensePerStepLayer::DensePerStepLayer(Shape input, Index units) : Layer(input, perStepOutput(input, units)) {}

void DensePerStepLayer::bind(Scalar* parameters, Scalar* gradients, Scalar* /*state*/) {
  parameters_ = parameters;
  gradients_ = gradients;
}

void DensePerStepLayer::writeDecayMask(Scalar* mask) const {
  const Index weightCount = features() * units();
  for (Index i = 0; i < parameterCount(); ++i) mask[i] = i < weightCount ? Scalar(1) : Scalar(0);
}

void DensePerStepLayer::initialize(Initializer initializer, Rng& rng) {
  initializeWeights(initializer, weights(), rng);
  bias().setZero();
}

void DensePerStepLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) {
  const Index F = features(), U = units();
  for (Index t = 0; t < steps(); ++t) {
    auto y = output.middleCols(t * U, U);
    y.noalias() = input.middleCols(t * F, F) * weights();
    y.rowwise() += bias();
  }
}

void DensePerStepLayer::backward(const ConstMatrixRef& input, const ConstMatrixRef& /*output*/,
                                 const ConstMatrixRef& gradOutput, MatrixRef gradInput, bool needInputGradient) {
  const Index F = features(), U = units();
  weightGradient().setZero();
  biasGradient().setZero();
  for (Index t = 0; t < steps(); ++t) {
    const auto dy = gradOutput.middleCols(t * U, U);
    weightGradient().noalias() += input.middleCols(t * F, F).transpose() * dy;
    biasGradient() += dy.colwise().sum();
    if (needInputGradient) gradInput.middleCols(t * F, F).noalias() = dy * weights().transpose();
  }
}

LayerKindInfo densePerStepLayerKind() {
  LayerKindInfo k;
  k.name = "dense_per_step";
  k.label = "Dense per step";
  k.category = "sequence";
  k.doc = "The same dense layer applied to every step of a sequence: y_t = x_t·W + b. The output head when "
          "the model answers at every step (a token, a value).";
  k.fields = {
      FieldSchema::integer("units", "Neurons", 1, 100000, 4)
          .withUnit("neurons")
          .withDoc("Outputs per step (for tokens: the vocabulary size, one score per token).")
          .withUiRange(1, 64)
          .mustBeGiven(),
      FieldSchema::choice("initializer", "Initializer", initializerNames(), "auto")
          .withDoc("How the weights are drawn (fan-in features per step, fan-out neurons)."),
  };
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<DensePerStepLayer>(input, s.integer("units"));
  };
  return k;
}

}  // namespace nnplay
