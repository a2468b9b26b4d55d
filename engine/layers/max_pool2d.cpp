#include "layers/max_pool2d.h"

#include <limits>

#include "core/error.h"
#include "layers/image_shape.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

namespace nnplay {

MaxPool2DLayer::MaxPool2DLayer(Shape input, Index size, Index stride)
    : Layer(input, pooledShape("max pooling", input, size, stride)), size_(size), stride_(stride) {
  require(input.size() <= std::numeric_limits<std::int32_t>::max(),
          "max pooling input " + input.toString() + " is too large");
}

void MaxPool2DLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) {
  const Index n = input.rows();
  const Index height = inputShape().height(), width = inputShape().width();
  const Index outHeight = outputShape().height(), outWidth = outputShape().width();
  if (argmax_.size() < n * outputWidth()) argmax_.resize(n * outputWidth());
  const Index inStride = input.outerStride(), outStride = output.outerStride();
  for (Index c = 0; c < outputShape().channels(); ++c) {
    for (Index oy = 0; oy < outHeight; ++oy) {
      for (Index ox = 0; ox < outWidth; ++ox) {
        const Index o = (c * outHeight + oy) * outWidth + ox;
        Scalar* best = output.data() + o * outStride;
        std::int32_t* where = argmax_.data() + o * n;
        const Index corner = (c * height + oy * stride_) * width + ox * stride_;
        const Scalar* first = input.data() + corner * inStride;
        for (Index r = 0; r < n; ++r) {
          best[r] = first[r];
          where[r] = static_cast<std::int32_t>(corner);
        }
        // Each window value is a run of N samples: compare run against run.
        for (Index wy = 0; wy < size_; ++wy) {
          for (Index wx = wy == 0 ? 1 : 0; wx < size_; ++wx) {
            const Index column = corner + wy * width + wx;
            const Scalar* candidate = input.data() + column * inStride;
            for (Index r = 0; r < n; ++r) {
              if (candidate[r] > best[r]) {
                best[r] = candidate[r];
                where[r] = static_cast<std::int32_t>(column);
              }
            }
          }
        }
      }
    }
  }
}

void MaxPool2DLayer::backward(const ConstMatrixRef& input, const ConstMatrixRef& /*output*/,
                              const ConstMatrixRef& gradOutput, MatrixRef gradInput, bool needInputGradient) {
  if (!needInputGradient) return;
  const Index n = input.rows();
  gradInput.setZero();
  // += : overlapping windows (stride < size) can pick the same input value twice.
  for (Index o = 0; o < outputWidth(); ++o) {
    const std::int32_t* where = argmax_.data() + o * n;
    for (Index r = 0; r < n; ++r) gradInput(r, where[r]) += gradOutput(r, o);
  }
}

LayerKindInfo maxPool2dLayerKind() {
  LayerKindInfo k;
  k.name = "max_pool2d";
  k.label = "Max pooling (2-D)";
  k.category = "convolution";
  k.doc = "Keeps the largest value of each window of each channel: a smaller image that still shows where each pattern was found.";
  k.fields = poolingFields();
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<MaxPool2DLayer>(input, s.integer("size"), poolingStride(s));
  };
  return k;
}

}  // namespace nnplay
