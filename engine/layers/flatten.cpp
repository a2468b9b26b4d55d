#include "layers/flatten.h"

#include "core/error.h"

namespace nnplay {

FlattenLayer::FlattenLayer(Shape input) : Layer(input, Shape::features(input.size())) {
  require(input.size() >= 1, "flatten needs a non-empty input, got " + input.toString());
}

void FlattenLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) { output = input; }

void FlattenLayer::backward(const ConstMatrixRef& /*input*/, const ConstMatrixRef& /*output*/,
                            const ConstMatrixRef& gradOutput, MatrixRef gradInput, bool needInputGradient) {
  if (needInputGradient) gradInput = gradOutput;
}

}  // namespace nnplay
