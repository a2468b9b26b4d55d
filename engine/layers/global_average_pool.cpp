#include "layers/global_average_pool.h"

#include "layers/image_shape.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

namespace nnplay {

namespace {
Shape channelsOf(const Shape& input) {
  requireImageInput("global average pooling", input);
  return Shape::features(input.channels());
}
}  // namespace

GlobalAveragePoolLayer::GlobalAveragePoolLayer(Shape input) : Layer(input, channelsOf(input)) {}

void GlobalAveragePoolLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) {
  // Channel c is the contiguous column block [c·H·W, (c + 1)·H·W).
  const Scalar share = Scalar(1) / static_cast<Scalar>(pixels());
  for (Index c = 0; c < outputWidth(); ++c)
    output.col(c) = share * input.middleCols(c * pixels(), pixels()).rowwise().sum();
}

void GlobalAveragePoolLayer::backward(const ConstMatrixRef& /*input*/, const ConstMatrixRef& /*output*/,
                                      const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                                      bool needInputGradient) {
  if (!needInputGradient) return;
  const Scalar share = Scalar(1) / static_cast<Scalar>(pixels());
  for (Index c = 0; c < outputWidth(); ++c)
    gradInput.middleCols(c * pixels(), pixels()).colwise() = share * gradOutput.col(c);
}

LayerKindInfo globalAveragePoolLayerKind() {
  LayerKindInfo k;
  k.name = "global_average_pool";
  k.label = "Global average pooling";
  k.category = "convolution";
  k.doc = "Replaces each channel by the mean of all its pixels: one feature per channel.";
  k.build = [](const LayerSpec&, const Shape& input, LayerContext&) {
    return std::make_unique<GlobalAveragePoolLayer>(input);
  };
  return k;
}

}  // namespace nnplay
