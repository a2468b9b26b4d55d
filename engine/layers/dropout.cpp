#include "layers/dropout.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

#include <cmath>

#include "core/error.h"

namespace nnplay {

DropoutLayer::DropoutLayer(const Shape& shape, Scalar rate, Rng& rng)
    : Layer(shape, shape), rate_(rate), rng_(&rng) {
  require(shape.size() >= 1, "a dropout layer needs a width of at least 1");
  require(std::isfinite(rate) && rate >= 0 && rate < 1,
          "the dropout rate must be in [0, 1) (the fraction of neurons dropped), got " +
              formatNumber(rate));
}

void DropoutLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) {
  lastWasTrain_ = mode == Mode::Train;
  if (!lastWasTrain_) {
    output = input;
    return;
  }
  const bool reuse = frozen_ && maskView_.rows() == input.rows();
  if (!reuse) {
    new (&maskView_) MatrixMap(maskStorage_.view(input.rows(), input.cols()));
    const Scalar keptScale = Scalar(1) / (Scalar(1) - rate_);
    Scalar* m = maskView_.data();
    const Index n = maskView_.size();
    // Drawing the random numbers is inherently one per value.
    for (Index i = 0; i < n; ++i) m[i] = rng_->uniform() < rate_ ? Scalar(0) : keptScale;
  }
  output = input.cwiseProduct(maskView_);
}

void DropoutLayer::backward(const ConstMatrixRef& /*input*/, const ConstMatrixRef& /*output*/,
                            const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                            bool needInputGradient) {
  if (!needInputGradient) return;
  if (lastWasTrain_) {
    gradInput = gradOutput.cwiseProduct(maskView_);
  } else {
    gradInput = gradOutput;
  }
}


LayerKindInfo dropoutLayerKind() {
  LayerKindInfo k;
  k.name = "dropout";
  k.label = "Dropout";
  k.category = "regularization";
  k.doc = "While training, sets a random share of the values to 0 and scales the rest up; does nothing when evaluating.";
  k.fields = {
      FieldSchema::number("rate", "Dropout rate", 0, 0.99, 0.5)
          .withDoc("The fraction of values dropped in each training step.")
          .withUiRange(0, 0.9)
          .mustBeGiven(),
  };
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext& context) {
    return std::make_unique<DropoutLayer>(input, static_cast<Scalar>(s.number("rate")), context.dropoutRng);
  };
  return k;
}

}  // namespace nnplay
