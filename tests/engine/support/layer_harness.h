// A layer outside any network: owns the flat parameter, gradient and state buffers the
// network would own, and checks the layer's backward against finite differences of the
// scalar objective L = Σ R ⊙ forward(x) (R a fixed random projection, so dL/dy = R).
#pragma once


#include "layers/layer.h"
#include "support/finite_difference.h"

namespace nnplay::test {

class BoundLayer {
 public:
  explicit BoundLayer(Layer& layer)
      : parameters(Vector::Zero(layer.parameterCount())),
        gradients(Vector::Zero(layer.parameterCount())),
        state(Vector::Zero(layer.stateCount())),
        layer_(layer) {
    layer_.bind(parameters.data(), gradients.data(), state.data());
  }

  // The buffers the layer views (their sizes never change, so the views stay valid).
  Vector parameters, gradients, state;
  BoundLayer(const BoundLayer&) = delete;
  BoundLayer& operator=(const BoundLayer&) = delete;

  Matrix forward(const Matrix& x, Mode mode) {
    Matrix y(x.rows(), layer_.outputWidth());
    layer_.forward(x, y, mode);
    return y;
  }
  // Returns dL/dx; leaves dL/dθ in gradients.
  Matrix backward(const Matrix& x, const Matrix& y, const Matrix& gradOutput) {
    Matrix gradInput(x.rows(), layer_.inputWidth());
    layer_.backward(x, y, gradOutput, gradInput, true);
    return gradInput;
  }

  Layer& layer() { return layer_; }

 private:
  Layer& layer_;
};

struct LayerGradientCheck {
  GradientComparison parameters;
  GradientComparison inputs;
};

// Analytic (backward) versus numeric gradients of L = Σ R ⊙ forward(x, mode) with respect
// to the layer's parameters and its input.
inline LayerGradientCheck checkLayerGradients(BoundLayer& bound, const Matrix& x, const Matrix& projection,
                                              Mode mode, double h = 1e-6) {
  const Matrix y = bound.forward(x, mode);
  const Matrix analyticInput = bound.backward(x, y, projection);
  const Vector analyticParameters = bound.gradients;

  auto objectiveOf = [&](const Matrix& input) {
    return static_cast<double>(projection.cwiseProduct(bound.forward(input, mode)).sum());
  };
  LayerGradientCheck result;
  const Vector numericParameters =
      numericGradientInPlace([&] { return objectiveOf(x); }, bound.parameters, h);
  result.parameters = compareGradients(analyticParameters, numericParameters);
  result.inputs = compareGradients(analyticInput, numericGradient(objectiveOf, x, h));
  return result;
}

}  // namespace nnplay::test
