// AdaGrad (Goodfellow et al., Algorithm 8.4):
//   r ← r + g²
//   θ ← θ − η·g / (δ + sqrt(r))
#pragma once

#include "optimizers/optimizer.h"

namespace nnplay {

class AdaGradOptimizer final : public Optimizer {
 public:
  AdaGradOptimizer(const OptimizerSettings& settings, Index parameterCount)
      : Optimizer(settings, parameterCount, {"accumulator"}) {}

 protected:
  void update(Eigen::Ref<Vector> parameters, const Eigen::Ref<const Vector>& gradients) override {
    Vector& r = slot(0);
    r += gradients.cwiseAbs2();
    parameters.array() -= static_cast<Scalar>(settings_.learningRate) * gradients.array() /
                          (static_cast<Scalar>(settings_.epsilon) + r.array().sqrt());
  }
};

}  // namespace nnplay
