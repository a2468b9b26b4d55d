// Rosenblatt's perceptron: one neuron with a step activation, trained by the perceptron
// learning rule, one sample at a time:
//   output y = 1 if w·x + b > 0 else 0
//   w ← w + η·(t − y)·x,   b ← b + η·(t − y)
// Training stops at the first epoch (pass over the data in order) with no mistake: the
// perceptron convergence theorem guarantees one for linearly separable data (AND, OR), and
// none exists for XOR.
#pragma once

#include <cstdint>
#include <vector>

#include "core/types.h"

namespace nnplay {

struct PerceptronUpdate {
  Index sample = 0;    // which sample was presented
  int target = 0;      // t
  int output = 0;      // y before the update
  bool changed = false;  // the weights moved (a mistake)
};

struct PerceptronResult {
  bool converged = false;
  int epoch = 0;                 // the first error-free epoch (1-based), or the last epoch run
  std::vector<int> mistakes;     // mistakes in each epoch
};

class Perceptron {
 public:
  // Weights and bias start at zero (the classic setting); learningRate > 0.
  Perceptron(Index inputs, double learningRate = 1.0);

  const Vector& weights() const { return weights_; }
  Scalar bias() const { return bias_; }
  void setWeights(const Vector& weights, Scalar bias);

  int predict(const ConstMatrixRef& point) const;  // point: 1×inputs
  Eigen::VectorXi predictAll(const ConstMatrixRef& points) const;  // N×inputs → N

  // Presents sample i (labels 0/1) and applies the rule.
  PerceptronUpdate step(const ConstMatrixRef& points, const Vector& labels, Index i);
  // One pass in order; returns the number of mistakes.
  int epoch(const ConstMatrixRef& points, const Vector& labels);
  PerceptronResult train(const ConstMatrixRef& points, const Vector& labels, int maxEpochs);

 private:
  Vector weights_;
  Scalar bias_ = 0;
  Scalar learningRate_;
};

}  // namespace nnplay
