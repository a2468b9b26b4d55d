#include "layers/transformer_block.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

#include <string>

#include "core/error.h"
#include "layers/sequence_rows.h"

namespace nnplay {

namespace {

const Shape& blockInput(const Shape& input, Index ffUnits) {
  require(input.rank == 2, "a transformer block needs a sequence input (time×features), got the shape " +
                               input.toString());
  require(ffUnits >= 1, "a transformer block needs at least 1 feed-forward unit, got " + std::to_string(ffUnits));
  return input;
}

}  // namespace

TransformerBlockLayer::TransformerBlockLayer(Shape input, Index heads, Index ffUnits, bool causal)
    : Layer(blockInput(input, ffUnits), input),
      attention_(input, heads, causal),
      norm1_(input),
      feedForwardIn_(input.featuresPerStep(), ffUnits),
      relu_(ffUnits, Activation::ReLU),
      feedForwardOut_(ffUnits, input.featuresPerStep()),
      norm2_(Shape::features(input.featuresPerStep())) {}

Index TransformerBlockLayer::parameterCount() const {
  return attention_.parameterCount() + norm1_.parameterCount() + feedForwardIn_.parameterCount() +
         feedForwardOut_.parameterCount() + norm2_.parameterCount();
}

void TransformerBlockLayer::bind(Scalar* parameters, Scalar* gradients, Scalar* /*state*/) {
  Index offset = 0;
  for (Layer* part : {static_cast<Layer*>(&attention_), static_cast<Layer*>(&norm1_),
                      static_cast<Layer*>(&feedForwardIn_), static_cast<Layer*>(&feedForwardOut_),
                      static_cast<Layer*>(&norm2_)}) {
    part->bind(parameters + offset, gradients + offset, nullptr);
    offset += part->parameterCount();
  }
}

void TransformerBlockLayer::writeDecayMask(Scalar* mask) const {
  Index offset = 0;
  for (const Layer* part : {static_cast<const Layer*>(&attention_), static_cast<const Layer*>(&norm1_),
                            static_cast<const Layer*>(&feedForwardIn_), static_cast<const Layer*>(&feedForwardOut_),
                            static_cast<const Layer*>(&norm2_)}) {
    part->writeDecayMask(mask + offset);
    offset += part->parameterCount();
  }
}

void TransformerBlockLayer::initialize(Initializer initializer, Rng& rng) {
  attention_.initialize(initializer, rng);
  norm1_.initialize(initializer, rng);
  feedForwardIn_.initialize(initializer, rng);
  feedForwardOut_.initialize(initializer, rng);
  norm2_.initialize(initializer, rng);
}

void TransformerBlockLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) {
  const Index N = input.rows(), T = steps(), D = width(), F = ffUnits(), NT = N * T;
  MatrixMap attended = attended_.view(N, T * D);
  attention_.forward(input, attended, mode);
  MatrixMap residual1 = residual1_.view(N, T * D);
  residual1 = input + attended;
  MatrixMap normed1 = normed1_.view(N, T * D);
  norm1_.forward(residual1, normed1, mode);
  MatrixMap rows1 = rows1_.view(NT, D);
  sequenceToRows(normed1, T, D, rows1);
  MatrixMap hidden = hidden_.view(NT, F);
  feedForwardIn_.forward(rows1, hidden, mode);
  MatrixMap activated = activated_.view(NT, F);
  relu_.forward(hidden, activated, mode);
  MatrixMap feedForward = feedForward_.view(NT, D);
  feedForwardOut_.forward(activated, feedForward, mode);
  MatrixMap residual2 = residual2_.view(NT, D);
  residual2 = rows1 + feedForward;
  MatrixMap outRows = outRows_.view(NT, D);
  norm2_.forward(residual2, outRows, mode);
  rowsToSequence(outRows, T, D, output);
}

void TransformerBlockLayer::backward(const ConstMatrixRef& input, const ConstMatrixRef& /*output*/,
                                     const ConstMatrixRef& gradOutput, MatrixRef gradInput, bool needInputGradient) {
  const Index N = gradOutput.rows(), T = steps(), D = width(), F = ffUnits(), NT = N * T;
  const ConstMatrixMap attended(attended_.data(), N, T * D), residual1(residual1_.data(), N, T * D),
      normed1(normed1_.data(), N, T * D), rows1(rows1_.data(), NT, D), hidden(hidden_.data(), NT, F),
      activated(activated_.data(), NT, F), feedForward(feedForward_.data(), NT, D),
      residual2(residual2_.data(), NT, D), outRows(outRows_.data(), NT, D);
  MatrixMap gradRows = gradRows_.view(NT, D);
  sequenceToRows(gradOutput, T, D, gradRows);
  MatrixMap gradResidual2 = gradResidual2_.view(NT, D);
  norm2_.backward(residual2, outRows, gradRows, gradResidual2, true);
  MatrixMap gradActivated = gradActivated_.view(NT, F);
  feedForwardOut_.backward(activated, feedForward, gradResidual2, gradActivated, true);
  MatrixMap gradHidden = gradHidden_.view(NT, F);
  relu_.backward(hidden, activated, gradActivated, gradHidden, true);
  MatrixMap gradRows1 = gradRows1_.view(NT, D);
  feedForwardIn_.backward(rows1, hidden, gradHidden, gradRows1, true);
  gradRows1 += gradResidual2;  // the skip path around the feed-forward part
  MatrixMap gradNormed1 = gradNormed1_.view(N, T * D);
  rowsToSequence(gradRows1, T, D, gradNormed1);
  MatrixMap gradResidual1 = gradResidual1_.view(N, T * D);
  norm1_.backward(residual1, normed1, gradNormed1, gradResidual1, true);
  MatrixMap gradAttentionInput = gradAttentionInput_.view(N, T * D);
  attention_.backward(input, attended, gradResidual1, gradAttentionInput, needInputGradient);
  if (needInputGradient) gradInput = gradResidual1 + gradAttentionInput;  // plus the skip path around attention
}


LayerKindInfo transformerBlockLayerKind() {
  LayerKindInfo k;
  k.name = "transformer_block";
  k.label = "Transformer block";
  k.category = "sequence";
  k.doc = "Self-attention and a per-step feed-forward network, each added back to its input (residual) and "
          "layer-normalized: the building block of transformers.";
  k.fields = {
      FieldSchema::integer("heads", "Heads", 1, 4, 2)
          .withUnit("heads")
          .withDoc("Attention heads; the features per step must divide evenly among them."),
      FieldSchema::integer("ffUnits", "Feed-forward width", 1, 4096, 64)
          .withUnit("neurons")
          .withDoc("Neurons of the hidden ReLU layer applied to every step after attention.")
          .withUiRange(4, 256),
      FieldSchema::boolean("causal", "Causal mask", false)
          .withDoc("On: a step sees only itself and earlier steps (what a next-token model needs)."),
      FieldSchema::choice("initializer", "Initializer", initializerNames(), "auto")
          .withDoc("How the attention and feed-forward weights are drawn."),
  };
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<TransformerBlockLayer>(input, s.integer("heads"), s.integer("ffUnits"), s.flag("causal"));
  };
  return k;
}

}  // namespace nnplay
