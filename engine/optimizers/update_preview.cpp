#include "optimizers/update_preview.h"

namespace nnplay {

Vector previewUpdate(Optimizer& optimizer, const Eigen::Ref<const Vector>& parameters,
                     const Eigen::Ref<const Vector>& gradients, const Eigen::Ref<const Vector>& decayMask) {
  const OptimizerState saved = optimizer.state();
  Vector after = parameters;
  try {
    optimizer.step(after, gradients, decayMask);
  } catch (...) {
    optimizer.restoreState(saved);
    throw;
  }
  optimizer.restoreState(saved);
  return after - parameters;
}

}  // namespace nnplay
