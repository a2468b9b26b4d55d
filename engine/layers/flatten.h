// Turns an image (or a sequence) into plain features, e.g. before a dense layer:
// C×H×W → C·H·W. A batch row already holds a sample's values in that order (see
// core/shape.h), so forward and backward copy the data unchanged; only the shape changes.
#pragma once

#include "layers/layer.h"

namespace nnplay {

class FlattenLayer final : public Layer {
 public:
  explicit FlattenLayer(Shape input);

  const char* kind() const override { return "flatten"; }

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;
};

}  // namespace nnplay
