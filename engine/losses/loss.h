// Loss functions: value and gradient for a whole batch.
// Shapes: y (predictions) and t (targets) are N×K (one sample per row).
// Conventions follow Keras, so that exported code reports the same numbers:
//   MSE  = mean over all N·K elements of (y − t)²
//   BCE  = mean over all N·K elements of −[t·log y + (1 − t)·log(1 − y)], y clipped to [ε, 1−ε]
//   CCE  = mean over the N samples of −Σ_k t_k·log y_k, y clipped to [ε, 1]
// Behind a sigmoid or softmax output (the fused pairs below) the cross-entropies are computed
// from the logits z instead, as Keras does for a sigmoid/softmax output and TensorFlow.js's
// *CrossEntropy(fromLogits) do: exact where the output saturates (|z| > ~17 rounds y to 0 or 1
// in float32 and the clipped form above reports −log ε instead of |z|).
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

// The loss of a fused pair from the logits z (N×K, the input of the output activation):
//   BCE = mean over all elements of max(z, 0) − z·t + log(1 + e^−|z|)        (softplus form)
//   CCE = mean over the N samples of Σ_k t_k·(logsumexp(z_row) − z_k)
// Its gradient with respect to z is fusedGradient. Requires hasFusedGradient for the loss
// with its activation (sigmoid for BCE, softmax for CCE).
Scalar lossValueFromLogits(Loss loss, const ConstMatrixRef& z, const ConstMatrixRef& t);

}  // namespace nnplay
