#include "layers/layer_norm.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

#include <cmath>
#include <string>

#include "core/error.h"

namespace nnplay {

namespace {

Index lastDimension(const Shape& input) {
  require(input.rank == 1 || input.rank == 2,
          "layer normalization works on features or on a sequence (time×features), got the shape " +
              input.toString());
  const Index d = input.rank == 1 ? input[0] : input.featuresPerStep();
  require(d >= 2, "layer normalization needs at least 2 values to normalize over, got " + input.toString());
  return d;
}

}  // namespace

LayerNormLayer::LayerNormLayer(Shape input, Scalar epsilon)
    : Layer(input, input), dimension_(lastDimension(input)), groups_(input.rank == 2 ? input.time() : 1),
      epsilon_(epsilon) {
  require(std::isfinite(epsilon) && epsilon > 0,
          "the layer-norm epsilon must be a positive number, got " + formatNumber(epsilon));
}

void LayerNormLayer::bind(Scalar* parameters, Scalar* gradients, Scalar* /*state*/) {
  parameters_ = parameters;
  gradients_ = gradients;
}

void LayerNormLayer::initialize(Initializer /*initializer*/, Rng& /*rng*/) {
  gamma().setOnes();
  beta().setZero();
}

void LayerNormLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) {
  const Index rows = input.rows(), D = dimension_;
  MatrixMap normalized = normalized_.view(rows, groups_ * D);
  MatrixMap inverseStd = inverseStd_.view(rows, groups_);
  MatrixMap mean(rowSums_.view(rows, 2).data(), rows, 1);
  const Eigen::Map<const RowVector> g(parameters_, D), b(parameters_ + D, D);
  for (Index t = 0; t < groups_; ++t) {
    auto xh = normalized.middleCols(t * D, D);
    xh = input.middleCols(t * D, D);
    mean = xh.rowwise().mean();
    xh.colwise() -= mean.col(0);
    inverseStd.col(t) =
        (xh.rowwise().squaredNorm().array() / static_cast<Scalar>(D) + epsilon_).rsqrt().matrix();
    xh.array().colwise() *= inverseStd.col(t).array();
    auto y = output.middleCols(t * D, D);
    y = xh * g.asDiagonal();
    y.rowwise() += b;
  }
}

void LayerNormLayer::backward(const ConstMatrixRef& /*input*/, const ConstMatrixRef& /*output*/,
                              const ConstMatrixRef& gradOutput, MatrixRef gradInput, bool needInputGradient) {
  const Index rows = gradOutput.rows(), D = dimension_;
  const ConstMatrixMap normalized(normalized_.data(), rows, groups_ * D);
  const ConstMatrixMap inverseStd(inverseStd_.data(), rows, groups_);
  RowVectorMap dGamma(gradients_, D), dBeta(gradients_ + D, D);
  dGamma.setZero();
  dBeta.setZero();
  const Eigen::Map<const RowVector> g(parameters_, D);
  MatrixMap dxh = scratch_.view(rows, D);
  MatrixMap sums = rowSums_.view(rows, 2);
  for (Index t = 0; t < groups_; ++t) {
    const auto dy = gradOutput.middleCols(t * D, D);
    const auto xh = normalized.middleCols(t * D, D);
    dGamma += dy.cwiseProduct(xh).colwise().sum();
    dBeta += dy.colwise().sum();
    if (!needInputGradient) continue;
    // dx = (1/σ) · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ⊙ x̂)), per row.
    dxh.noalias() = dy * g.asDiagonal();
    sums.col(0) = dxh.rowwise().mean();
    sums.col(1) = dxh.cwiseProduct(xh).rowwise().sum() / static_cast<Scalar>(D);
    auto dx = gradInput.middleCols(t * D, D);
    dx = dxh;
    dx.colwise() -= sums.col(0);
    dx -= (xh.array().colwise() * sums.col(1).array()).matrix();
    dx.array().colwise() *= inverseStd.col(t).array();
  }
}


LayerKindInfo layerNormLayerKind() {
  LayerKindInfo k;
  k.name = "layer_norm";
  k.label = "Layer normalization";
  k.category = "sequence";
  k.doc = "Rescales each sample's values (each step's, for a sequence) to mean 0 and variance 1, then applies "
          "a learned scale and shift; the same in training and use.";
  k.fields = {
      FieldSchema::number("epsilon", "Epsilon", 1e-12, 1, 1e-5)
          .withDoc("Added to the variance before the square root, so a constant input does not divide by 0."),
  };
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<LayerNormLayer>(input, static_cast<Scalar>(s.number("epsilon")));
  };
  return k;
}

}  // namespace nnplay
