// Finite-difference gradient checking: compares the gradients back-propagation computes
// with central differences of the loss, (L(θ + h) − L(θ − h)) / 2h, one value at a time.
// Ships in the engine so that the page can offer "verify gradients" as well as the tests.
// Meaningful in double precision (relative errors ~1e-8); in float expect ~1e-3.
#pragma once

#include <string>

#include "core/types.h"
#include "network/network.h"

namespace nnplay {

struct GradientCheckResult {
  double maxRelativeError = 0;  // max over checked values of |a − n| / max(|a|, |n|, floor)
  double maxAbsoluteError = 0;
  Index checked = 0;            // how many values were compared
  std::string worst;            // e.g. "parameter 12 (layer 1, dense): analytic 0.31, numeric 0.30"
};

struct GradientCheckOptions {
  double step = 1e-5;           // h; use ~1e-2 in float
  double floor = 1e-7;          // denominators below this count as this (gradients ≈ 0)
  Mode mode = Mode::Train;      // dropout masks are frozen for the duration of the check
  bool checkParameters = true;
  bool checkInputs = true;
};

// Checks dL/dθ (every parameter) and dL/dx of network.spec().loss on (inputs, targets).
// Leaves parameters unchanged; batch-norm running statistics do change (each forward in
// Train mode updates them) — they do not enter Train-mode outputs.
GradientCheckResult checkGradients(Network& network, const ConstMatrixRef& inputs,
                                   const ConstMatrixRef& targets, const GradientCheckOptions& options = {});

}  // namespace nnplay
