#include "regularization/regularizer.h"

#include <cmath>

#include "core/enum_names.h"
#include "core/error.h"

namespace nnplay {

namespace {
constexpr auto kRegularizationNames =
    enumNames<Regularization>("regularization", std::pair{Regularization::None, "none"},
                              std::pair{Regularization::L1, "l1"}, std::pair{Regularization::L2, "l2"});
}  // namespace

const char* regularizationName(Regularization kind) { return kRegularizationNames.name(kind); }
Regularization parseRegularization(const std::string& name) { return kRegularizationNames.parse(name); }

void RegularizationSettings::validate() const {
  if (!(std::isfinite(rate) && rate >= 0 && rate < 1e6)) {
    throw InvalidArgument("the regularization rate must be a finite number ≥ 0 and below 1e+06, got " +
                          (std::isnan(rate) ? std::string("NaN") : formatNumber(rate)));
  }
}

Scalar regularizationPenalty(const RegularizationSettings& settings, const Vector& parameters,
                             const Vector& decayMask) {
  const auto rate = static_cast<Scalar>(settings.rate);
  switch (settings.kind) {
    case Regularization::None: return Scalar(0);
    case Regularization::L1: return rate * parameters.cwiseProduct(decayMask).lpNorm<1>();
    case Regularization::L2: return rate / 2 * parameters.cwiseProduct(decayMask).squaredNorm();
  }
  return Scalar(0);
}

void addRegularizationGradient(const RegularizationSettings& settings, const Vector& parameters,
                               const Vector& decayMask, Vector& gradients) {
  const auto rate = static_cast<Scalar>(settings.rate);
  if (rate == 0) return;
  switch (settings.kind) {
    case Regularization::None: return;
    case Regularization::L1:
      gradients.array() += rate * decayMask.array() * parameters.array().sign();
      return;
    case Regularization::L2:
      gradients.array() += rate * decayMask.array() * parameters.array();
      return;
  }
}

std::vector<std::string> regularizationNames() { return kRegularizationNames.names(); }

}  // namespace nnplay
