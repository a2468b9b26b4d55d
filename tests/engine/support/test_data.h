// Small deterministic inputs and targets for tests.
#pragma once

#include "activations/activation.h"
#include "core/rng.h"
#include "core/types.h"

namespace nnplay::test {

// Entries uniform in [−scale, scale], from a seed.
inline Matrix randomMatrix(Index rows, Index cols, std::uint64_t seed, double scale = 1.0) {
  Rng rng(seed);
  Matrix m(rows, cols);
  for (Index c = 0; c < cols; ++c)
    for (Index r = 0; r < rows; ++r) m(r, c) = static_cast<Scalar>(rng.uniform(-scale, scale));
  return m;
}

// Valid targets for an output activation: one-hot rows for softmax, values in (0, 1) for
// sigmoid, in (−1, 1) otherwise.
inline Matrix targetsFor(Activation output, Index rows, Index cols, std::uint64_t seed) {
  Rng rng(seed);
  Matrix t = Matrix::Zero(rows, cols);
  for (Index r = 0; r < rows; ++r) {
    if (output == Activation::Softmax) {
      t(r, static_cast<Index>(rng.below(static_cast<std::uint32_t>(cols)))) = 1;
    } else {
      for (Index c = 0; c < cols; ++c)
        t(r, c) = static_cast<Scalar>(output == Activation::Sigmoid ? rng.uniform(0.05, 0.95) : rng.uniform(-0.9, 0.9));
    }
  }
  return t;
}

}  // namespace nnplay::test
