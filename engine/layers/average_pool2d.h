// Average pooling over size×size windows moved by `stride` (default: size, non-overlapping),
// per channel, valid windows only: C×H×W → C×H'×W' with H' = ⌊(H − size) / stride⌋ + 1.
// Each output is the mean of its window; backward shares the gradient equally (1/size²)
// among the window's inputs. No parameters.
#pragma once

#include "layers/layer.h"

namespace nnplay {

class AveragePool2DLayer final : public Layer {
 public:
  // input: Shape::image(C, H, W).
  AveragePool2DLayer(Shape input, Index size) : AveragePool2DLayer(input, size, size) {}
  AveragePool2DLayer(Shape input, Index size, Index stride);

  const char* kind() const override { return "average_pool2d"; }
  Index size() const { return size_; }
  Index stride() const { return stride_; }

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

 private:
  // Calls visit(outputColumn, inputColumn) for every output value and every input value of
  // its window.
  template <class Visit>
  void forEachWindowValue(Visit&& visit) const;

  Index size_, stride_;
};

}  // namespace nnplay
