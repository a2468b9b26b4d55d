// "What would the next step do?" without doing it: the change Δθ the optimizer's next step
// would make to the parameters for given gradients, with its state (moments, step counter)
// left exactly as it was. The backprop view shows this next to each weight.
#pragma once

#include "optimizers/optimizer.h"

namespace nnplay {

// Δθ = θ_after − θ of one optimizer.step(θ, g, decayMask), computed on copies. The
// optimizer's state is read and restored bit for bit (the call is not const only because
// step() is the single place that knows each optimizer's update rule).
Vector previewUpdate(Optimizer& optimizer, const Eigen::Ref<const Vector>& parameters,
                     const Eigen::Ref<const Vector>& gradients, const Eigen::Ref<const Vector>& decayMask);

}  // namespace nnplay
