// Loss functions: value and gradient for a whole batch.
// Shapes: y (predictions) and t (targets) are N×K (one sample per row).
// Conventions follow Keras, so that exported code reports the same numbers:
//   MSE  = mean over all N·K elements of (y − t)²
//   BCE  = mean over all N·K elements of −[t·log y + (1 − t)·log(1 − y)], y clipped to [ε, 1−ε]
//   CCE  = mean over the N samples of −Σ_k t_k·log y_k, y clipped to [ε, 1]
#pragma once

#include <string>
#include <vector>

#include "activations/activation.h"
#include "core/types.h"

namespace nnplay {

enum class Loss { MeanSquaredError, BinaryCrossEntropy, CategoricalCrossEntropy };

// "mse", "binary_cross_entropy", "categorical_cross_entropy".
const char* lossName(Loss loss);
Loss parseLoss(const std::string& name);
// Every valid name, in the order the page lists them.
std::vector<std::string> lossNames();

// Probability clipping for the cross-entropies (Keras's epsilon).
constexpr double kProbabilityEpsilon = 1e-7;

Scalar lossValue(Loss loss, const ConstMatrixRef& y, const ConstMatrixRef& t);

// dy = dL/dy.
void lossGradient(Loss loss, const ConstMatrixRef& y, const ConstMatrixRef& t, MatrixRef dy);

// True when the output activation and the loss have the simple fused gradient
// dL/dz = (y − t) / count: sigmoid + BCE and softmax + CCE. It is exact (no clipping)
// and numerically safer than chaining the two backward passes.
bool hasFusedGradient(Activation outputActivation, Loss loss);
void fusedGradient(Loss loss, const ConstMatrixRef& y, const ConstMatrixRef& t, MatrixRef dz);

}  // namespace nnplay
