// Max pooling over size×size windows moved by `stride` (default: size, non-overlapping),
// per channel, valid windows only: C×H×W → C×H'×W' with H' = ⌊(H − size) / stride⌋ + 1.
// Forward records, for every sample and output value, which input value was the maximum
// (the first one on ties); backward sends the whole gradient to it. No parameters.
#pragma once

#include <cstdint>

#include "layers/layer.h"

namespace nnplay {

class MaxPool2DLayer final : public Layer {
 public:
  // input: Shape::image(C, H, W).
  MaxPool2DLayer(Shape input, Index size) : MaxPool2DLayer(input, size, size) {}
  MaxPool2DLayer(Shape input, Index size, Index stride);

  const char* kind() const override { return "max_pool2d"; }
  Index size() const { return size_; }
  Index stride() const { return stride_; }

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

 private:
  Index size_, stride_;
  // Input column of the maximum for (sample n, output column o), at o·N + n. Grows to the
  // largest batch (like a Workspace), then is reused.
  Eigen::Matrix<std::int32_t, Eigen::Dynamic, 1> argmax_;
};

}  // namespace nnplay
