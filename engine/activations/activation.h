// Activation functions and their derivatives, applied to a whole batch at once.
// Shapes: z, y, dy, dz are all N×F (one sample per row, see core/types.h).
#pragma once

#include <string>
#include <vector>

#include "core/types.h"

namespace nnplay {

enum class Activation { Linear, Sigmoid, Tanh, ReLU, LeakyReLU, Softmax };

// "linear", "sigmoid", "tanh", "relu", "leaky_relu", "softmax".
const char* activationName(Activation activation);
// Inverse of activationName; throws InvalidArgument listing the valid names.
Activation parseActivation(const std::string& name);
// Every valid name, in the order the page lists them.
std::vector<std::string> activationNames();

// y = f(z). Softmax is taken over each row (each sample) after subtracting the row's
// maximum, so large logits cannot overflow. rowScratch (length ≥ N) is used by softmax
// only, so that the training loop does not allocate.
void applyActivation(Activation activation, Scalar leakyAlpha, const ConstMatrixRef& z,
                     MatrixRef y, Eigen::Ref<Vector> rowScratch);

// dz = dL/dz from dy = dL/dy, given z and y = f(z). For softmax this is the full
// Jacobian-vector product y ⊙ (dy − rowsum(dy ⊙ y)).
void activationBackward(Activation activation, Scalar leakyAlpha, const ConstMatrixRef& z,
                        const ConstMatrixRef& y, const ConstMatrixRef& dy, MatrixRef dz,
                        Eigen::Ref<Vector> rowScratch);

// Element-wise derivative f'(z) (not defined for softmax, whose Jacobian is not diagonal).
void activationDerivative(Activation activation, Scalar leakyAlpha, const ConstMatrixRef& z,
                          const ConstMatrixRef& y, MatrixRef derivative);

// Convenience forms that allocate their own scratch (tests, one-off evaluation).
Matrix activate(Activation activation, const ConstMatrixRef& z, Scalar leakyAlpha = 0.01f);

}  // namespace nnplay
