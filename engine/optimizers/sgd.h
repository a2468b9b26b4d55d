// Stochastic gradient descent (Goodfellow et al., Algorithm 8.1):  θ ← θ − η·g
#pragma once

#include "optimizers/optimizer.h"

namespace nnplay {

class SgdOptimizer final : public Optimizer {
 public:
  SgdOptimizer(const OptimizerSettings& settings, Index parameterCount)
      : Optimizer(settings, parameterCount, {}) {}

 protected:
  void update(Eigen::Ref<Vector> parameters, const Eigen::Ref<const Vector>& gradients) override {
    parameters -= static_cast<Scalar>(settings_.learningRate) * gradients;
  }
};

}  // namespace nnplay
