// Scalar type, matrix aliases and the batch orientation, stated once for the whole engine.
#pragma once

// Test builds define NNPLAY_EIGEN_CHECKS: Eigen's own assertions (shapes, bounds, and the
// "no allocation here" guard of EIGEN_RUNTIME_NO_MALLOC) then throw instead of aborting,
// so a test can observe them. Shipped builds never define it.
#ifdef NNPLAY_EIGEN_CHECKS
#include <stdexcept>
#define eigen_assert(x) \
  do { if (!(x)) throw std::logic_error("Eigen assertion failed: " #x); } while (false)
#endif

#include <Eigen/Core>
#include <cstdint>

namespace nnplay {

// float32 by default (what WASM SIMD accelerates); the test suite also builds the engine
// with NNPLAY_DOUBLE for finite-difference gradient checks.
#ifdef NNPLAY_DOUBLE
using Scalar = double;
#else
using Scalar = float;
#endif

using Index = Eigen::Index;

// BATCH ORIENTATION: one sample per ROW.
// A batch of N samples with F features is an N×F column-major matrix. Consequences:
//  - a dense layer computes Y (N×out) = X (N×in) · W (in×out) + b (1×out);
//  - one neuron's values over the batch form one contiguous column, so a neuron's
//    decision-surface thumbnail (the grid evaluated as a batch) is a zero-copy view.
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
using RowVector = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;
using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;
using VectorMap = Eigen::Map<Vector>;
using ConstVectorMap = Eigen::Map<const Vector>;
using RowVectorMap = Eigen::Map<RowVector>;
// Function arguments: accept a Matrix, a Map or a block of whole rows without copying.
using MatrixRef = Eigen::Ref<Matrix>;
using ConstMatrixRef = Eigen::Ref<const Matrix>;

// Train mode uses batch statistics and dropout masks; Eval mode is deterministic.
enum class Mode { Train, Eval };

}  // namespace nnplay
