#include "layers/flatten.h"

#include "core/error.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

namespace nnplay {

FlattenLayer::FlattenLayer(Shape input) : Layer(input, Shape::features(input.size())) {
  require(input.size() >= 1, "flatten needs a non-empty input, got " + input.toString());
}

void FlattenLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) { output = input; }

void FlattenLayer::backward(const ConstMatrixRef& /*input*/, const ConstMatrixRef& /*output*/,
                            const ConstMatrixRef& gradOutput, MatrixRef gradInput, bool needInputGradient) {
  if (needInputGradient) gradInput = gradOutput;
}

LayerKindInfo flattenLayerKind() {
  LayerKindInfo k;
  k.name = "flatten";
  k.label = "Flatten";
  k.category = "convolution";
  k.doc = "Lays an image's values out in one row of features (channels×height×width values), e.g. before a "
          "dense layer; the values themselves are unchanged.";
  k.build = [](const LayerSpec&, const Shape& input, LayerContext&) { return std::make_unique<FlattenLayer>(input); };
  return k;
}

}  // namespace nnplay
