#include "layers/dense.h"

#include "core/error.h"
#include "core/limits.h"

namespace nnplay {

DenseLayer::DenseLayer(Index inputs, Index units) : Layer(inputs, units) {
  require(inputs >= 1, "a dense layer needs at least 1 input, got " + std::to_string(inputs));
  require(units >= 1, "a dense layer needs at least 1 neuron, got " + std::to_string(units) +
                          " (a zero-width layer cannot pass anything on)");
  // In double: inputs × units overflows a 32-bit Index (WebAssembly) long before the limit.
  const double parameters = (static_cast<double>(inputs) + 1) * static_cast<double>(units);
  require(parameters <= static_cast<double>(kMaxParameters),
          "a dense layer of " + std::to_string(inputs) + " inputs × " + std::to_string(units) + " neurons has " +
              formatNumber(parameters) + " parameters; the engine allows at most " +
              std::to_string(kMaxParameters) + " in a network");
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

}  // namespace nnplay
