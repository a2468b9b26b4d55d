#include "layers/average_pool2d.h"

#include "layers/image_shape.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

namespace nnplay {

AveragePool2DLayer::AveragePool2DLayer(Shape input, Index size, Index stride)
    : Layer(input, pooledShape("average pooling", input, size, stride)), size_(size), stride_(stride) {}

template <class Visit>
void AveragePool2DLayer::forEachWindowValue(Visit&& visit) const {
  const Index height = inputShape().height(), width = inputShape().width();
  const Index outHeight = outputShape().height(), outWidth = outputShape().width();
  for (Index c = 0; c < outputShape().channels(); ++c) {
    for (Index oy = 0; oy < outHeight; ++oy) {
      for (Index ox = 0; ox < outWidth; ++ox) {
        const Index o = (c * outHeight + oy) * outWidth + ox;
        const Index corner = (c * height + oy * stride_) * width + ox * stride_;
        for (Index wy = 0; wy < size_; ++wy)
          for (Index wx = 0; wx < size_; ++wx) visit(o, corner + wy * width + wx);
      }
    }
  }
}

void AveragePool2DLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) {
  output.setZero();
  // Column operations: each is a run of N samples.
  forEachWindowValue([&](Index o, Index column) { output.col(o) += input.col(column); });
  output *= Scalar(1) / static_cast<Scalar>(size_ * size_);
}

void AveragePool2DLayer::backward(const ConstMatrixRef& /*input*/, const ConstMatrixRef& /*output*/,
                                  const ConstMatrixRef& gradOutput, MatrixRef gradInput, bool needInputGradient) {
  if (!needInputGradient) return;
  const Scalar share = Scalar(1) / static_cast<Scalar>(size_ * size_);
  gradInput.setZero();
  forEachWindowValue([&](Index o, Index column) { gradInput.col(column) += share * gradOutput.col(o); });
}

LayerKindInfo averagePool2dLayerKind() {
  LayerKindInfo k;
  k.name = "average_pool2d";
  k.label = "Average pooling (2-D)";
  k.category = "convolution";
  k.doc = "Replaces each window of each channel by its mean: a smaller, smoother image.";
  k.fields = poolingFields();
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<AveragePool2DLayer>(input, s.integer("size"), poolingStride(s));
  };
  return k;
}

}  // namespace nnplay
