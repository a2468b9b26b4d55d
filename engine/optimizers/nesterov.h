// Nesterov momentum (Goodfellow et al., Algorithm 8.3), in the equivalent form that needs the
// gradient at θ only (Sutskever et al. 2013; Keras's `nesterov=True`):
//   v ← α·v − η·g
//   θ ← θ + α·v − η·g
#pragma once

#include "optimizers/optimizer.h"

namespace nnplay {

class NesterovOptimizer final : public Optimizer {
 public:
  NesterovOptimizer(const OptimizerSettings& settings, Index parameterCount)
      : Optimizer(settings, parameterCount, {"velocity"}) {}

 protected:
  void update(Eigen::Ref<Vector> parameters, const Eigen::Ref<const Vector>& gradients) override {
    Vector& v = slot(0);
    const auto alpha = static_cast<Scalar>(settings_.momentum);
    const auto eta = static_cast<Scalar>(settings_.learningRate);
    v = alpha * v - eta * gradients;
    parameters += alpha * v - eta * gradients;
  }
};

}  // namespace nnplay
