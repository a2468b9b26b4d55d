// The yardstick for the engine's speed: a plain, hand-written Eigen MLP with two hidden
// layers, as one would write it without any framework. Fixed member matrices, the forward
// pass, the backward pass and the SGD update written out inline in one function; no layer
// objects, no virtual calls, no flat buffers, no shape checks.
//
// It computes the same mathematics as the engine's Dense/Activation stack (same batch
// orientation, same fused (y − t)/count output gradient, same loss clipping), so that the
// benchmark can check both agree before comparing their speed.
#pragma once

#include "core/types.h"

namespace nnplay::bench {

class BaselineMlp {
 public:
  enum class Hidden { Tanh, ReLU };
  enum class Head { SigmoidBce, SoftmaxCce };  // the output activation and its loss

  // inputs → hidden1 → hidden2 → outputs, with zero parameters (use setParameters).
  BaselineMlp(Index inputs, Index hidden1, Index hidden2, Index outputs, Hidden hidden, Head head,
              Scalar learningRate);

  // The engine's flat layout for Dense, Act, Dense, Act, Dense, Act:
  // W1 (column-major, inputs×hidden1), b1, W2, b2, W3, b3.
  void setParameters(const Vector& flat);
  Vector parameters() const;

  // One SGD step on a batch x (N×inputs) with targets t (N×outputs); returns the batch loss
  // before the update.
  Scalar trainBatch(const Eigen::Ref<const Matrix>& x, const Eigen::Ref<const Matrix>& t);

 private:
  Hidden hidden_;
  Head head_;
  Scalar learningRate_;
  // Parameters: W (in×out), b (1×out).
  Matrix w1_, w2_, w3_;
  RowVector b1_, b2_, b3_;
  // Per-batch values (N rows): pre-activations z, activations h, output y, deltas d = dL/dz.
  Matrix z1_, h1_, z2_, h2_, z3_, y_, d1_, d2_, d3_;
  Vector rowScratch_;  // softmax: row maxima, then row sums
  // Gradients.
  Matrix gw1_, gw2_, gw3_;
  RowVector gb1_, gb2_, gb3_;
};

}  // namespace nnplay::bench
