// SGD with (classical) momentum (Goodfellow et al., Algorithm 8.2):
//   v ← α·v − η·g
//   θ ← θ + v
#pragma once

#include "optimizers/optimizer.h"

namespace nnplay {

class MomentumOptimizer final : public Optimizer {
 public:
  MomentumOptimizer(const OptimizerSettings& settings, Index parameterCount)
      : Optimizer(settings, parameterCount, {"velocity"}) {}

 protected:
  void update(Eigen::Ref<Vector> parameters, const Eigen::Ref<const Vector>& gradients) override {
    Vector& v = slot(0);
    v = static_cast<Scalar>(settings_.momentum) * v - static_cast<Scalar>(settings_.learningRate) * gradients;
    parameters += v;
  }
};

}  // namespace nnplay
