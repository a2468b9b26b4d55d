// Global average pooling: the mean of each channel over all its pixels, C×H×W → C features
// (a common replacement for flatten + dense at the end of a CNN). Backward shares each
// channel's gradient equally (1/(H·W)) among its pixels. No parameters.
#pragma once

#include "layers/layer.h"

namespace nnplay {

class GlobalAveragePoolLayer final : public Layer {
 public:
  // input: Shape::image(C, H, W).
  explicit GlobalAveragePoolLayer(Shape input);

  const char* kind() const override { return "global_average_pool"; }

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

 private:
  Index pixels() const { return inputShape().height() * inputShape().width(); }
};

}  // namespace nnplay
