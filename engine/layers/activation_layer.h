// Applies an activation function element-wise (softmax: row-wise). No parameters.
#pragma once

#include "activations/activation.h"
#include "layers/layer.h"

namespace nnplay {

class ActivationLayer final : public Layer {
 public:
  // Element-wise: the output has the input's shape.
  ActivationLayer(const Shape& shape, Activation activation, Scalar leakyAlpha = Scalar(0.01));
  ActivationLayer(Index width, Activation activation, Scalar leakyAlpha = Scalar(0.01))
      : ActivationLayer(Shape::features(width), activation, leakyAlpha) {}

  const char* kind() const override { return "activation"; }
  Activation activation() const { return activation_; }
  Scalar leakyAlpha() const { return leakyAlpha_; }

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

 private:
  Eigen::Ref<Vector> scratch(Index rows);

  Activation activation_;
  Scalar leakyAlpha_;
  Vector rowScratch_;  // softmax row maxima / dot products; grows to the largest batch
};

}  // namespace nnplay
