#include "layers/conv2d.h"

#include <algorithm>
#include <cmath>

#include "core/enum_names.h"
#include "core/error.h"
#include "layers/image_shape.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

namespace nnplay {

namespace {

constexpr auto kPaddingNames =
    enumNames<Padding>("padding", std::pair{Padding::Same, "same"}, std::pair{Padding::Valid, "valid"});

// Output length along one axis and the padding before it.
struct Axis {
  Index out, padBefore;
};

Axis convolvedAxis(Index in, Index kernel, Index stride, Padding padding) {
  if (padding == Padding::Valid) return {(in - kernel) / stride + 1, 0};
  const Index out = (in + stride - 1) / stride;
  const Index total = std::max<Index>((out - 1) * stride + kernel - in, 0);
  return {out, total / 2};
}

Shape convolvedShape(const Shape& input, Index filters, Index kernel, Index stride, Padding padding) {
  requireImageInput("a 2-D convolution", input);
  require(filters >= 1, "a convolution needs at least 1 filter, got " + std::to_string(filters));
  require(kernel >= 1, "a convolution's kernel size must be at least 1, got " + std::to_string(kernel));
  require(stride >= 1, "a convolution's stride must be at least 1, got " + std::to_string(stride));
  if (padding == Padding::Valid) {
    require(kernel <= input.height() && kernel <= input.width(),
            "a " + squareSide(kernel) + " valid convolution does not fit a " + std::to_string(input.height()) +
                "\xC3\x97" + std::to_string(input.width()) + " input (use same padding, or a kernel of at most " +
                std::to_string(std::min(input.height(), input.width())) + ")");
  }
  return Shape::image(filters, convolvedAxis(input.height(), kernel, stride, padding).out,
                      convolvedAxis(input.width(), kernel, stride, padding).out);
}

// A view of `matrix` as rows×cols when its storage is contiguous (a whole matrix, not a
// block of rows of a taller one).
bool contiguous(const ConstMatrixRef& m) { return m.outerStride() == m.rows() || m.cols() <= 1; }
bool contiguous(const MatrixRef& m) { return m.outerStride() == m.rows() || m.cols() <= 1; }

}  // namespace

const char* paddingName(Padding padding) { return kPaddingNames.name(padding); }
Padding parsePadding(const std::string& name) { return kPaddingNames.parse(name); }

Conv2DLayer::Conv2DLayer(Shape input, Index filters, Index kernel, Index stride, Padding padding)
    : Layer(input, convolvedShape(input, filters, kernel, stride, padding)),
      kernel_(kernel), stride_(stride), padding_(padding) {
  padTop_ = convolvedAxis(input.height(), kernel, stride, padding).padBefore;
  padLeft_ = convolvedAxis(input.width(), kernel, stride, padding).padBefore;
}

void Conv2DLayer::bind(Scalar* parameters, Scalar* gradients, Scalar* /*state*/) {
  parameters_ = parameters;
  gradients_ = gradients;
}

void Conv2DLayer::writeDecayMask(Scalar* mask) const {
  const Index weightCount = patchWidth() * filters();
  for (Index i = 0; i < parameterCount(); ++i) mask[i] = i < weightCount ? Scalar(1) : Scalar(0);
}

void Conv2DLayer::initialize(Initializer initializer, Rng& rng) {
  // initializeWeights takes fan-in and fan-out from the matrix shape: C·k·k (right) and F
  // (a convolution's fan-out is F·k·k: each input value reaches k·k positions of each of the
  // F output maps). He schemes use the fan-in only. For Xavier, the draw is rescaled to the
  // true fan-out: U(−a, a)·r = U(−a·r, a·r) and N(0, σ²)·r = N(0, (σ·r)²), the same random
  // sequence as a dense layer of that shape would use.
  initializeWeights(initializer, weights(), rng);
  if (initializer == Initializer::XavierUniform || initializer == Initializer::XavierNormal) {
    const double fanIn = static_cast<double>(patchWidth());
    const double fanOut = static_cast<double>(filters() * kernel_ * kernel_);
    weights() *= static_cast<Scalar>(std::sqrt((fanIn + static_cast<double>(filters())) / (fanIn + fanOut)));
  }
  bias().setZero();
}

template <class Inside, class Outside>
void Conv2DLayer::forEachTapRun(Inside&& inside, Outside&& outside) const {
  const Index channels = inputShape().channels(), height = inputShape().height(), width = inputShape().width();
  const Index outHeight = outputShape().height(), outWidth = outputShape().width();
  const Index k = kernel_, s = stride_;
  for (Index c = 0; c < channels; ++c) {
    for (Index i = 0; i < k; ++i) {
      for (Index j = 0; j < k; ++j) {
        const Index tap = (c * k + i) * k + j;
        // Output columns ox whose input column ox·s + j − padLeft lies in [0, W).
        const Index shift = j - padLeft_;  // input column = ox·s + shift
        const Index first = shift >= 0 ? 0 : std::min(outWidth, (-shift + s - 1) / s);
        const Index last = width - 1 - shift < 0 ? 0 : std::min(outWidth, (width - 1 - shift) / s + 1);
        const Index count = std::max<Index>(last - first, 0);
        for (Index oy = 0; oy < outHeight; ++oy) {
          const Index y = oy * s + i - padTop_;
          const Index rowStart = oy * outWidth;
          if (y < 0 || y >= height || count == 0) {
            outside(tap, rowStart, outWidth);
            continue;
          }
          if (first > 0) outside(tap, rowStart, first);
          inside(tap, rowStart + first, (c * height + y) * width + first * s + shift, count);
          if (first + count < outWidth) outside(tap, rowStart + first + count, outWidth - first - count);
        }
      }
    }
  }
}

void Conv2DLayer::im2col(const ConstMatrixRef& input, MatrixMap patches) const {
  const Index n = input.rows();
  const Index inStride = input.outerStride();
  const Scalar* x = input.data();
  Scalar* p = patches.data();
  const Index patchRows = patches.rows();
  // With stride 1 and a contiguous input, a run of output positions reads consecutive input
  // columns: one copy of count·N values.
  const bool merge = stride_ == 1 && inStride == n;
  forEachTapRun(
      [&](Index tap, Index position, Index inputColumn, Index count) {
        Scalar* dst = p + tap * patchRows + position * n;
        if (merge) {
          std::copy_n(x + inputColumn * n, count * n, dst);
          return;
        }
        for (Index t = 0; t < count; ++t) std::copy_n(x + (inputColumn + t * stride_) * inStride, n, dst + t * n);
      },
      [&](Index tap, Index position, Index count) {
        std::fill_n(p + tap * patchRows + position * n, count * n, Scalar(0));
      });
}

void Conv2DLayer::col2im(const ConstMatrixMap& patchGradient, MatrixRef gradInput) const {
  const Index n = gradInput.rows();
  const Index outStride = gradInput.outerStride();
  const Index patchRows = patchGradient.rows();
  const Scalar* dp = patchGradient.data();
  Scalar* dx = gradInput.data();
  const bool merge = stride_ == 1 && outStride == n;
  gradInput.setZero();
  forEachTapRun(
      [&](Index tap, Index position, Index inputColumn, Index count) {
        const Scalar* src = dp + tap * patchRows + position * n;
        if (merge) {
          VectorMap(dx + inputColumn * n, count * n) += ConstVectorMap(src, count * n);
          return;
        }
        for (Index t = 0; t < count; ++t)
          VectorMap(dx + (inputColumn + t * stride_) * outStride, n) += ConstVectorMap(src + t * n, n);
      },
      [](Index, Index, Index) {});  // padding has no gradient
}

void Conv2DLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) {
  const Index n = input.rows();
  const Index rows = n * outputPositions();
  MatrixMap patches = patches_.view(rows, patchWidth());
  im2col(input, patches);
  // The product (N·H'·W' × F) IS the output batch N×(F·H'·W'): no rearrangement.
  MatrixMap result = contiguous(output) ? MatrixMap(output.data(), rows, filters()) : staging_.view(rows, filters());
  result.noalias() = patches * weights();
  result.rowwise() += bias();
  if (!contiguous(output)) output = MatrixMap(result.data(), n, outputWidth());
}

void Conv2DLayer::backward(const ConstMatrixRef& input, const ConstMatrixRef& /*output*/,
                           const ConstMatrixRef& gradOutput, MatrixRef gradInput, bool needInputGradient) {
  const Index n = input.rows();
  const Index rows = n * outputPositions();
  const MatrixMap patches(patches_.data(), rows, patchWidth());  // from forward on this batch
  if (!contiguous(gradOutput)) staging_.view(n, outputWidth()) = gradOutput;
  const ConstMatrixMap gradY(contiguous(gradOutput) ? gradOutput.data() : staging_.data(), rows, filters());
  weightGradient().noalias() = patches.transpose() * gradY;
  biasGradient() = gradY.colwise().sum();
  if (!needInputGradient) return;
  MatrixMap patchGradient = patchGradient_.view(rows, patchWidth());
  patchGradient.noalias() = gradY * weights().transpose();
  col2im(ConstMatrixMap(patchGradient.data(), rows, patchWidth()), gradInput);
}

LayerKindInfo conv2dLayerKind() {
  LayerKindInfo k;
  k.name = "conv2d";
  k.label = "Convolution (2-D)";
  k.category = "convolution";
  k.doc = "Slides small learned filters over an image; each filter gives one output channel "
          "(a map of where its pattern appears).";
  k.fields = {
      FieldSchema::integer("filters", "Filters", 1, 1024, 8)
          .withUnit("filters")
          .withDoc("The number of filters, i.e. of output channels.")
          .withUiRange(1, 32)
          .mustBeGiven(),
      FieldSchema::integer("kernel", "Kernel size", 1, 64, 3)
          .withUnit("pixels")
          .withDoc("The side of each square filter (3 means 3×3 pixels).")
          .withUiRange(1, 7)
          .mustBeGiven(),
      FieldSchema::integer("stride", "Stride", 1, 64, 1)
          .withUnit("pixels")
          .withDoc("How far the filter moves between two outputs; 2 halves the image size.")
          .withUiRange(1, 4),
      FieldSchema::choice("padding", "Padding", {"same", "valid"}, "same")
          .withDoc("same: zeros around the image keep its size (at stride 1); valid: only positions where "
                   "the filter fits inside the image."),
      FieldSchema::choice("initializer", "Initializer", initializerNames(), "auto")
          .withDoc("How the weights are drawn (fan-in channels·kernel², fan-out filters·kernel²); auto picks "
                   "He for ReLU layers and Xavier otherwise."),
  };
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<Conv2DLayer>(input, s.integer("filters"), s.integer("kernel"), s.integer("stride"),
                                         parsePadding(s.text("padding")));
  };
  return k;
}

}  // namespace nnplay
