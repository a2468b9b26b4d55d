#include "losses/loss.h"

#include <algorithm>

#include "core/enum_names.h"
#include "core/error.h"

namespace nnplay {

namespace {
constexpr auto kLossNames = enumNames<Loss>("loss", std::pair{Loss::MeanSquaredError, "mse"},
                                            std::pair{Loss::BinaryCrossEntropy, "binary_cross_entropy"},
                                            std::pair{Loss::CategoricalCrossEntropy, "categorical_cross_entropy"});
}  // namespace

const char* lossName(Loss loss) { return kLossNames.name(loss); }
Loss parseLoss(const std::string& name) { return kLossNames.parse(name); }

namespace {
constexpr Scalar kEps = static_cast<Scalar>(kProbabilityEpsilon);
}

Scalar lossValue(Loss loss, const ConstMatrixRef& y, const ConstMatrixRef& t) {
  const Index count = y.size();
  if (count == 0) return Scalar(0);
  switch (loss) {
    case Loss::MeanSquaredError:
      return (y - t).squaredNorm() / static_cast<Scalar>(count);
    case Loss::BinaryCrossEntropy: {
      const auto p = y.array().max(kEps).min(Scalar(1) - kEps);
      return -(t.array() * p.log() + (Scalar(1) - t.array()) * (Scalar(1) - p).log()).sum() /
             static_cast<Scalar>(count);
    }
    case Loss::CategoricalCrossEntropy: {
      const auto p = y.array().max(kEps);
      return -(t.array() * p.log()).sum() / static_cast<Scalar>(y.rows());
    }
  }
  return Scalar(0);
}

void lossGradient(Loss loss, const ConstMatrixRef& y, const ConstMatrixRef& t, MatrixRef dy) {
  const Scalar count = static_cast<Scalar>(y.size());
  switch (loss) {
    case Loss::MeanSquaredError:
      dy = (Scalar(2) / count) * (y - t);
      return;
    case Loss::BinaryCrossEntropy: {
      // d/dy of the clipped loss: zero where the clip is active, as in the value above.
      const auto inside = (y.array() > kEps) && (y.array() < Scalar(1) - kEps);
      const auto raw = (y.array() - t.array()) / (y.array() * (Scalar(1) - y.array()) * count);
      dy = inside.select(raw, Scalar(0)).matrix();
      return;
    }
    case Loss::CategoricalCrossEntropy: {
      const Scalar rows = static_cast<Scalar>(y.rows());
      dy = (y.array() > kEps).select(-t.array() / (y.array() * rows), Scalar(0)).matrix();
      return;
    }
  }
}

bool hasFusedGradient(Activation outputActivation, Loss loss) {
  return (outputActivation == Activation::Sigmoid && loss == Loss::BinaryCrossEntropy) ||
         (outputActivation == Activation::Softmax && loss == Loss::CategoricalCrossEntropy);
}

void fusedGradient(Loss loss, const ConstMatrixRef& y, const ConstMatrixRef& t, MatrixRef dz) {
  // BCE is a mean over all elements, CCE a mean over samples.
  const Scalar count = static_cast<Scalar>(loss == Loss::BinaryCrossEntropy ? y.size() : y.rows());
  dz = (y - t) / count;
}

std::vector<std::string> lossNames() { return kLossNames.names(); }

Scalar lossValueFromLogits(Loss loss, const ConstMatrixRef& z, const ConstMatrixRef& t) {
  if (z.size() == 0) return Scalar(0);
  switch (loss) {
    case Loss::BinaryCrossEntropy: {
      const auto a = z.array();
      return (a.max(Scalar(0)) - a * t.array() + (-a.abs()).exp().log1p()).sum() / static_cast<Scalar>(z.size());
    }
    case Loss::CategoricalCrossEntropy: {
      // Per row, with m = max_k z_k and d_k = z_k − m ≤ 0:
      //   Σ_k t_k·(lse − z_k) = Σ_k t_k·(−d_k) + (Σ_k t_k)·log1p(Σ_k e^{d_k} − 1)
      // where Σ e^{d} − 1 is summed WITHOUT the 1 of one maximum: a saturated row (other
      // terms ~1e-11) keeps its small loss instead of rounding 1 + 1e-11 to 1.
      // Rows go in blocks through fixed-capacity (stack) columns, one column of z at a
      // time: vectorized, and nothing is allocated.
      constexpr Index kBlock = 64;
      using Column = Eigen::Array<Scalar, Eigen::Dynamic, 1, Eigen::ColMajor, kBlock, 1>;
      double total = 0;
      for (Index start = 0; start < z.rows(); start += kBlock) {
        const Index n = std::min(kBlock, z.rows() - start);
        Column m = z.col(0).segment(start, n).array();
        for (Index k = 1; k < z.cols(); ++k) m = m.max(z.col(k).segment(start, n).array());
        Column small = Column::Zero(n), maxima = Column::Zero(n);
        Column targetSum = Column::Zero(n), distance = Column::Zero(n);
        for (Index k = 0; k < z.cols(); ++k) {
          const Column d = z.col(k).segment(start, n).array() - m;
          const auto tk = t.col(k).segment(start, n).array();
          small += (d < Scalar(0)).select(d.exp(), Scalar(0));
          maxima += (d == Scalar(0)).cast<Scalar>();
          targetSum += tk;
          distance -= tk * d;
        }
        const Column rest = small + (maxima - Scalar(1));  // Σ e^d − 1, exactly where it is small
        total += static_cast<double>((distance + targetSum * rest.log1p()).sum());
      }
      return static_cast<Scalar>(total / static_cast<double>(z.rows()));
    }
    case Loss::MeanSquaredError:
      break;
  }
  throw InvalidArgument(std::string("the ") + lossName(loss) + " loss has no logits form");
}

}  // namespace nnplay
