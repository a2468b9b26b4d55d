#include "layers/self_attention.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

#include <cmath>
#include <limits>
#include <string>

#include "core/error.h"
#include "layers/sequence_rows.h"

namespace nnplay {

namespace {

Shape attentionShape(const Shape& input, Index heads) {
  require(input.rank == 2, "self-attention needs a sequence input (time×features), got the shape " +
                               input.toString());
  require(heads >= 1 && heads <= 4, "self-attention takes 1 to 4 heads, got " + std::to_string(heads));
  require(input.featuresPerStep() % heads == 0,
          "self-attention: the width " + std::to_string(input.featuresPerStep()) +
              " must be divisible by the number of heads (" + std::to_string(heads) + ")");
  return input;
}

}  // namespace

SelfAttentionLayer::SelfAttentionLayer(Shape input, Index heads, bool causal)
    : Layer(attentionShape(input, heads), input), heads_(heads), causal_(causal) {}

void SelfAttentionLayer::bind(Scalar* parameters, Scalar* gradients, Scalar* /*state*/) {
  parameters_ = parameters;
  gradients_ = gradients;
}

void SelfAttentionLayer::writeDecayMask(Scalar* mask) const {
  const Index weights = 4 * width() * width();
  for (Index i = 0; i < parameterCount(); ++i) mask[i] = i < weights ? Scalar(1) : Scalar(0);
}

void SelfAttentionLayer::initialize(Initializer initializer, Rng& rng) {
  const Index D = width();
  MatrixMap w = kernels();
  for (Index k = 0; k < 4; ++k) initializeWeights(initializer, w.middleCols(k * D, D), rng);
  biases().setZero();
}

ConstMatrixMap SelfAttentionLayer::attentionWeights(Index sample, Index head) const {
  if (sample < 0 || sample >= rows_ || head < 0 || head >= heads_) {
    throw InvalidArgument("attention weights: sample " + std::to_string(sample) + " / head " +
                          std::to_string(head) + " do not exist (last batch: " + std::to_string(rows_) +
                          " samples, " + std::to_string(heads_) + " heads)");
  }
  const Index T = steps();
  return {weights_.data() + (sample * heads_ + head) * T * T, T, T};
}

void SelfAttentionLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) {
  rows_ = input.rows();
  const Index T = steps(), D = width(), d = D / heads_, NT = rows_ * T;
  const Scalar scale = Scalar(1) / std::sqrt(static_cast<Scalar>(d));
  const ConstMatrixMap w(parameters_, D, 4 * D);
  const Eigen::Map<const RowVector> b(parameters_ + 4 * D * D, 4 * D);
  MatrixMap x = inputRows_.view(NT, D);
  sequenceToRows(input, T, D, x);
  MatrixMap qkv = qkv_.view(NT, 3 * D);
  qkv.noalias() = x * w.leftCols(3 * D);
  qkv.rowwise() += b.head(3 * D);
  weights_.view(T * T, rows_ * heads_);
  MatrixMap context = context_.view(NT, D);
  MatrixMap rowMax = rowScratch_.view(T, 1);
  for (Index n = 0; n < rows_; ++n) {
    for (Index h = 0; h < heads_; ++h) {
      MatrixMap a(weights_.data() + (n * heads_ + h) * T * T, T, T);
      const auto q = qkv.block(n * T, h * d, T, d), k = qkv.block(n * T, D + h * d, T, d),
                 v = qkv.block(n * T, 2 * D + h * d, T, d);
      a.noalias() = q * k.transpose();
      a *= scale;
      if (causal_) a.triangularView<Eigen::StrictlyUpper>().setConstant(-std::numeric_limits<Scalar>::infinity());
      // Row-wise softmax, shifted by the row maximum (finite: the diagonal is never masked).
      rowMax = a.rowwise().maxCoeff();
      a.colwise() -= rowMax.col(0);
      a = a.array().exp().matrix();
      rowMax = a.rowwise().sum();
      a.array().colwise() /= rowMax.col(0).array();
      context.block(n * T, h * d, T, d).noalias() = a * v;
    }
  }
  MatrixMap y = outputRows_.view(NT, D);
  y.noalias() = context * w.rightCols(D);
  y.rowwise() += b.tail(D);
  rowsToSequence(y, T, D, output);
}

void SelfAttentionLayer::backward(const ConstMatrixRef& /*input*/, const ConstMatrixRef& /*output*/,
                                  const ConstMatrixRef& gradOutput, MatrixRef gradInput, bool needInputGradient) {
  const Index T = steps(), D = width(), d = D / heads_, NT = rows_ * T;
  const Scalar scale = Scalar(1) / std::sqrt(static_cast<Scalar>(d));
  const ConstMatrixMap w(parameters_, D, 4 * D);
  MatrixMap dw(gradients_, D, 4 * D);
  RowVectorMap db(gradients_ + 4 * D * D, 4 * D);
  const ConstMatrixMap x(inputRows_.data(), NT, D);
  const ConstMatrixMap qkv(qkv_.data(), NT, 3 * D);
  const ConstMatrixMap context(context_.data(), NT, D);
  MatrixMap dy = outputRows_.view(NT, D);  // Y itself is not needed any more
  sequenceToRows(gradOutput, T, D, dy);
  dw.rightCols(D).noalias() = context.transpose() * dy;
  db.tail(D) = dy.colwise().sum();
  MatrixMap dContext = gradContext_.view(NT, D);
  dContext.noalias() = dy * w.rightCols(D).transpose();
  MatrixMap dQkv = gradQkv_.view(NT, 3 * D);
  MatrixMap dA = gradScores_.view(T, T);
  MatrixMap rowDot = rowScratch_.view(T, 1);
  for (Index n = 0; n < rows_; ++n) {
    for (Index h = 0; h < heads_; ++h) {
      const ConstMatrixMap a(weights_.data() + (n * heads_ + h) * T * T, T, T);
      const auto q = qkv.block(n * T, h * d, T, d), k = qkv.block(n * T, D + h * d, T, d),
                 v = qkv.block(n * T, 2 * D + h * d, T, d);
      const auto dc = dContext.block(n * T, h * d, T, d);
      dQkv.block(n * T, 2 * D + h * d, T, d).noalias() = a.transpose() * dc;
      dA.noalias() = dc * v.transpose();
      // Softmax backward per row: dS = A ⊙ (dA − Σ_j A ⊙ dA), then the 1/sqrt(d) scale.
      // Masked entries have A = 0, so they get no gradient.
      rowDot = a.cwiseProduct(dA).rowwise().sum();
      dA.colwise() -= rowDot.col(0);
      dA = (dA.array() * a.array() * scale).matrix();
      dQkv.block(n * T, h * d, T, d).noalias() = dA * k;
      dQkv.block(n * T, D + h * d, T, d).noalias() = dA.transpose() * q;
    }
  }
  dw.leftCols(3 * D).noalias() = x.transpose() * dQkv;
  db.head(3 * D) = dQkv.colwise().sum();
  if (!needInputGradient) return;
  MatrixMap dx = gradContext_.view(NT, D);  // dL/dC is used up
  dx.noalias() = dQkv * w.leftCols(3 * D).transpose();
  rowsToSequence(dx, T, D, gradInput);
}


LayerKindInfo selfAttentionLayerKind() {
  LayerKindInfo k;
  k.name = "self_attention";
  k.label = "Self-attention";
  k.category = "sequence";
  k.doc = "Every step looks at every step (scaled dot-product attention) and takes a weighted mix of their "
          "values; each head learns its own way of looking.";
  k.fields = {
      FieldSchema::integer("heads", "Heads", 1, 4, 1)
          .withUnit("heads")
          .withDoc("Independent attention patterns; the features per step must divide evenly among them."),
      FieldSchema::boolean("causal", "Causal mask", false)
          .withDoc("On: a step sees only itself and earlier steps (what a next-token model needs)."),
      FieldSchema::choice("initializer", "Initializer", initializerNames(), "auto")
          .withDoc("How the query, key, value and output weights are drawn (fan-in = fan-out = features per step)."),
  };
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<SelfAttentionLayer>(input, s.integer("heads"), s.flag("causal"));
  };
  return k;
}

}  // namespace nnplay
