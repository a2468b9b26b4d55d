#include "losses/loss.h"

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

}  // namespace nnplay
