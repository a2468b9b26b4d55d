// RMSProp (Goodfellow et al., Algorithm 8.5):
//   r ← ρ·r + (1 − ρ)·g²
//   θ ← θ − η·g / sqrt(δ + r)
#pragma once

#include "optimizers/optimizer.h"

namespace nnplay {

class RmsPropOptimizer final : public Optimizer {
 public:
  RmsPropOptimizer(const OptimizerSettings& settings, Index parameterCount)
      : Optimizer(settings, parameterCount, {"mean_square"}) {}

 protected:
  void update(Eigen::Ref<Vector> parameters, const Eigen::Ref<const Vector>& gradients) override {
    Vector& r = slot(0);
    const auto rho = static_cast<Scalar>(settings_.rho);
    r = rho * r + (Scalar(1) - rho) * gradients.cwiseAbs2();
    parameters.array() -= static_cast<Scalar>(settings_.learningRate) * gradients.array() *
                          (r.array() + static_cast<Scalar>(settings_.epsilon)).rsqrt();
  }
};

}  // namespace nnplay
