// L1 and L2 weight penalties. They apply to weights only: biases and batch-norm γ/β are
// excluded (the network's decayMask), as in most textbooks and Keras's kernel_regularizer.
//   L2: penalty = (λ/2)·Σ w²   gradient λ·w
//   L1: penalty = λ·Σ |w|      gradient λ·sign(w)
// The penalty is part of the reported training loss; its gradient is added before the step.
#pragma once

#include <string>
#include <vector>

#include "core/types.h"

namespace nnplay {

enum class Regularization { None, L1, L2 };

// "none", "l1", "l2".
const char* regularizationName(Regularization kind);
Regularization parseRegularization(const std::string& name);
// Every valid name, in the order the page lists them.
std::vector<std::string> regularizationNames();

struct RegularizationSettings {
  Regularization kind = Regularization::None;
  double rate = 0.0;  // λ
  void validate() const;  // rate finite and ≥ 0
};

Scalar regularizationPenalty(const RegularizationSettings& settings, const Vector& parameters,
                             const Vector& decayMask);
void addRegularizationGradient(const RegularizationSettings& settings, const Vector& parameters,
                               const Vector& decayMask, Vector& gradients);

}  // namespace nnplay
