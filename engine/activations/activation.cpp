#include "activations/activation.h"

#include "core/enum_names.h"
#include "core/error.h"

namespace nnplay {

namespace {
constexpr auto kActivationNames = enumNames<Activation>(
    "activation", std::pair{Activation::Linear, "linear"}, std::pair{Activation::Sigmoid, "sigmoid"},
    std::pair{Activation::Tanh, "tanh"}, std::pair{Activation::ReLU, "relu"},
    std::pair{Activation::LeakyReLU, "leaky_relu"}, std::pair{Activation::Softmax, "softmax"});
}  // namespace

const char* activationName(Activation activation) { return kActivationNames.name(activation); }
Activation parseActivation(const std::string& name) { return kActivationNames.parse(name); }

namespace {

// Element-wise work runs fastest over one flat buffer: through a Ref with an outer stride,
// Eigen loops column by column (a vector loop plus a scalar tail per column), which costs
// ~2× on the playground's narrow layers. Layer buffers are contiguous, so flatten them.
template <typename M>
bool contiguous(const M& m) {
  return m.cols() <= 1 || m.outerStride() == m.rows();
}

ConstMatrixMap flat(const ConstMatrixRef& m) { return {m.data(), m.size(), 1}; }
MatrixMap flat(MatrixRef& m) { return {m.data(), m.size(), 1}; }

void softmaxRows(const ConstMatrixRef& z, MatrixRef y, Eigen::Ref<Vector> rowMax) {
  auto m = rowMax.head(z.rows());
  m = z.rowwise().maxCoeff();
  y = (z.colwise() - m).array().exp().matrix();
  m = y.rowwise().sum();
  y.array().colwise() /= m.array();
}

}  // namespace

void applyActivation(Activation activation, Scalar leakyAlpha, const ConstMatrixRef& z,
                     MatrixRef y, Eigen::Ref<Vector> rowScratch) {
  if (activation != Activation::Softmax && z.cols() > 1 && contiguous(z) && contiguous(y)) {
    applyActivation(activation, leakyAlpha, flat(z), flat(y), rowScratch);
    return;
  }
  switch (activation) {
    case Activation::Linear: y = z; return;
    // Eigen's logistic saturates cleanly for large |z| (no exp overflow, no NaN).
    case Activation::Sigmoid: y = z.array().logistic().matrix(); return;
    case Activation::Tanh: y = z.array().tanh().matrix(); return;
    case Activation::ReLU: y = z.cwiseMax(Scalar(0)); return;
    case Activation::LeakyReLU:
      y = z.cwiseMax(Scalar(0)) + leakyAlpha * z.cwiseMin(Scalar(0));
      return;
    case Activation::Softmax: softmaxRows(z, y, rowScratch); return;
  }
}

void activationDerivative(Activation activation, Scalar leakyAlpha, const ConstMatrixRef& z,
                          const ConstMatrixRef& y, MatrixRef d) {
  switch (activation) {
    case Activation::Linear: d.setOnes(); return;
    case Activation::Sigmoid: d = (y.array() * (Scalar(1) - y.array())).matrix(); return;
    case Activation::Tanh: d = (Scalar(1) - y.array().square()).matrix(); return;
    // The derivative at exactly 0 is taken as 0 (ReLU) / alpha (leaky), as in most libraries.
    case Activation::ReLU:
      d = (z.array() > Scalar(0)).template cast<Scalar>().matrix();
      return;
    case Activation::LeakyReLU:
      d = (z.array() > Scalar(0)).select(Scalar(1), Matrix::Constant(z.rows(), z.cols(), leakyAlpha));
      return;
    case Activation::Softmax:
      throw InvalidArgument("softmax has no element-wise derivative; use activationBackward");
  }
}

void activationBackward(Activation activation, Scalar leakyAlpha, const ConstMatrixRef& z,
                        const ConstMatrixRef& y, const ConstMatrixRef& dy, MatrixRef dz,
                        Eigen::Ref<Vector> rowScratch) {
  if (activation != Activation::Softmax && z.cols() > 1 && contiguous(z) && contiguous(y) && contiguous(dy) &&
      contiguous(dz)) {
    activationBackward(activation, leakyAlpha, flat(z), flat(y), flat(dy), flat(dz), rowScratch);
    return;
  }
  switch (activation) {
    case Activation::Linear: dz = dy; return;
    case Activation::Sigmoid:
      dz = (dy.array() * y.array() * (Scalar(1) - y.array())).matrix();
      return;
    case Activation::Tanh: dz = (dy.array() * (Scalar(1) - y.array().square())).matrix(); return;
    case Activation::ReLU:
      dz = (z.array() > Scalar(0)).select(dy, Scalar(0));
      return;
    case Activation::LeakyReLU:
      dz = (z.array() > Scalar(0)).select(dy, leakyAlpha * dy);
      return;
    case Activation::Softmax: {
      auto dot = rowScratch.head(z.rows());
      dot = dy.cwiseProduct(y).rowwise().sum();
      dz = (y.array() * (dy.colwise() - dot).array()).matrix();
      return;
    }
  }
}

Matrix activate(Activation activation, const ConstMatrixRef& z, Scalar leakyAlpha) {
  Matrix y(z.rows(), z.cols());
  Vector scratch(z.rows());
  applyActivation(activation, leakyAlpha, z, y, scratch);
  return y;
}

std::vector<std::string> activationNames() { return kActivationNames.names(); }

}  // namespace nnplay
