// A stack of layers outside any Network (sequence layers the network cannot build yet, and
// layers checked together): owns the flat parameter, gradient and state buffers, chains
// forward and backward, and checks the whole stack against finite differences of the
// scalar objective L = Σ R ⊙ output (R a fixed random projection: every output counts).
#pragma once

#include <memory>
#include <vector>

#include "core/workspace.h"
#include "layers/layer.h"
#include "support/finite_difference.h"

namespace nnplay::test {

class LayerStack {
 public:
  // Takes the layers in order; each layer's input shape must be the previous one's output.
  explicit LayerStack(std::vector<std::unique_ptr<Layer>> layers) : owned_(std::move(layers)) {
    for (const auto& l : owned_) layers_.push_back(l.get());
    bindAll();
  }
  // One layer the caller owns.
  explicit LayerStack(Layer& single) : layers_{&single} { bindAll(); }
  LayerStack(const LayerStack&) = delete;
  LayerStack& operator=(const LayerStack&) = delete;

  Vector parameters, gradients, state;

 private:
  void bindAll() {
    Index p = 0, s = 0;
    for (const auto& l : layers_) {
      p += l->parameterCount();
      s += l->stateCount();
    }
    parameters = Vector::Zero(p);
    gradients = Vector::Zero(p);
    state = Vector::Zero(s);
    p = s = 0;
    for (const auto& l : layers_) {
      l->bind(parameters.data() + p, gradients.data() + p, state.data() + s);
      p += l->parameterCount();
      s += l->stateCount();
    }
    outputs_.resize(layers_.size());
    outputGrads_.resize(layers_.size());
  }

 public:

  void initialize(Initializer initializer, std::uint64_t seed) {
    Rng rng(seed);
    for (auto& l : layers_) l->initialize(initializer, rng);
  }
  Layer& layer(std::size_t i) { return *layers_.at(i); }
  Index outputWidth() const { return layers_.back()->outputWidth(); }

  // Returns the last layer's output (valid until the next forward).
  ConstMatrixMap forward(const ConstMatrixRef& x, Mode mode) {
    rows_ = x.rows();
    for (std::size_t i = 0; i < layers_.size(); ++i) {
      MatrixMap out = outputs_[i].view(rows_, layers_[i]->outputWidth());
      if (i == 0) {
        layers_[i]->forward(x, out, mode);
      } else {
        layers_[i]->forward(output(i - 1), out, mode);
      }
    }
    return output(layers_.size() - 1);
  }
  // Given dL/d(output), leaves dL/dθ in gradients and dL/dx in gradInput.
  void backward(const ConstMatrixRef& x, const ConstMatrixRef& gradOutput, MatrixRef gradInput) {
    const std::size_t top = layers_.size() - 1;
    outputGrads_[top].view(rows_, layers_[top]->outputWidth()) = gradOutput;
    for (std::size_t i = top + 1; i-- > 0;) {
      const ConstMatrixMap gradOut(outputGrads_[i].data(), rows_, layers_[i]->outputWidth());
      if (i == 0) {
        layers_[i]->backward(x, output(0), gradOut, gradInput, true);
      } else {
        MatrixMap gradIn = outputGrads_[i - 1].view(rows_, layers_[i]->inputWidth());
        layers_[i]->backward(output(i - 1), output(i), gradOut, gradIn, true);
      }
    }
  }

 private:
  ConstMatrixMap output(std::size_t i) const {
    return ConstMatrixMap(outputs_[i].data(), rows_, layers_[i]->outputWidth());
  }

  std::vector<std::unique_ptr<Layer>> owned_;
  std::vector<Layer*> layers_;
  std::vector<Workspace> outputs_, outputGrads_;
  Index rows_ = 0;
};

struct StackGradientCheck {
  GradientComparison parameters;
  GradientComparison inputs;
};

// Analytic versus numeric gradients of L = Σ R ⊙ stack(x). checkInputs = false for stacks
// that start with an embedding (token ids are not differentiable).
// Attention makes some gradients exactly zero (the key bias: softmax ignores a constant per
// row), whose numeric estimate is rounding noise ~1e-11; kAttentionStep and kAttentionFloor
// keep that noise far below the tolerance without loosening it for real gradients.
constexpr double kAttentionStep = 1e-5;
constexpr double kAttentionFloor = 1e-4;

inline StackGradientCheck checkStackGradients(LayerStack& stack, const Matrix& x, const Matrix& projection,
                                              bool checkInputs = true, Mode mode = Mode::Train, double h = 1e-6,
                                              double floor = 1e-7) {
  stack.forward(x, mode);
  Matrix analyticInput(x.rows(), x.cols());
  stack.backward(x, projection, analyticInput);
  const Vector analyticParameters = stack.gradients;
  auto objectiveOf = [&](const Matrix& input) {
    return static_cast<double>(projection.cwiseProduct(stack.forward(input, mode)).sum());
  };
  StackGradientCheck result;
  result.parameters = compareGradients(
      analyticParameters, numericGradientInPlace([&] { return objectiveOf(x); }, stack.parameters, h), floor);
  if (checkInputs) result.inputs = compareGradients(analyticInput, numericGradient(objectiveOf, x, h), floor);
  return result;
}

// Adds uniform noise in [−scale, scale] to every parameter, so that zero-initialized biases
// and the structure of a fresh initialization do not hide a wrong gradient.
inline void perturbParameters(Eigen::Ref<Vector> parameters, std::uint64_t seed, double scale = 0.3) {
  Rng rng(seed);
  for (Index i = 0; i < parameters.size(); ++i) parameters(i) += static_cast<Scalar>(rng.uniform(-scale, scale));
}

}  // namespace nnplay::test
