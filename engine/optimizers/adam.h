// Adam (Kingma & Ba 2015; Goodfellow et al., Algorithm 8.7), t = optimizer steps so far:
//   s ← β1·s + (1 − β1)·g          r ← β2·r + (1 − β2)·g²
//   ŝ = s / (1 − β1^t)              r̂ = r / (1 − β2^t)
//   θ ← θ − η·ŝ / (sqrt(r̂) + δ)
// The moments and the bias corrections use the SAME β (the Scalar-rounded one): with the
// exact double β in the corrections, 1 − β1^1 no longer cancels the (1 − β1) of the first
// moment in float32 and the first step moves θ by η·(1 ± 7e-6) instead of η.
#pragma once

#include <cmath>

#include "optimizers/optimizer.h"

namespace nnplay {

class AdamOptimizer final : public Optimizer {
 public:
  AdamOptimizer(const OptimizerSettings& settings, Index parameterCount)
      : Optimizer(settings, parameterCount, {"first_moment", "second_moment"}) {}

 protected:
  void update(Eigen::Ref<Vector> parameters, const Eigen::Ref<const Vector>& gradients) override {
    Vector& s = slot(0);
    Vector& r = slot(1);
    const auto b1 = static_cast<Scalar>(settings_.beta1);
    const auto b2 = static_cast<Scalar>(settings_.beta2);
    s = b1 * s + (Scalar(1) - b1) * gradients;
    r = b2 * r + (Scalar(1) - b2) * gradients.cwiseAbs2();
    const double t = static_cast<double>(state_.step);
    const auto firstCorrection = static_cast<Scalar>(1.0 / (1.0 - std::pow(static_cast<double>(b1), t)));
    const auto secondCorrection = static_cast<Scalar>(1.0 / (1.0 - std::pow(static_cast<double>(b2), t)));
    parameters.array() -= static_cast<Scalar>(settings_.learningRate) * (s.array() * firstCorrection) /
                          ((r.array() * secondCorrection).sqrt() + static_cast<Scalar>(settings_.epsilon));
  }
};

}  // namespace nnplay
