// A sequence batch N×(T·D) (x_t = columns t·D …, see core/shape.h) rearranged as (N·T)×D
// rows, one row per (sample, step): row n·T + t. Layers that treat every position alike
// (attention projections, a transformer's feed-forward part) then run ONE GEMM over all
// positions instead of T, and one sample's T×D block is contiguous rows for attention.
#pragma once

#include "core/types.h"

namespace nnplay {

// rows ((N·T)×D) ← sequence (N×(T·D)).
inline void sequenceToRows(const ConstMatrixRef& sequence, Index steps, Index width, MatrixRef rows) {
  const Index n = sequence.rows();
  for (Index t = 0; t < steps; ++t)
    for (Index j = 0; j < width; ++j)
      Eigen::Map<Vector, 0, Eigen::InnerStride<>>(rows.data() + j * rows.outerStride() + t, n,
                                                  Eigen::InnerStride<>(steps)) = sequence.col(t * width + j);
}

// sequence (N×(T·D)) ← rows ((N·T)×D).
inline void rowsToSequence(const ConstMatrixRef& rows, Index steps, Index width, MatrixRef sequence) {
  const Index n = sequence.rows();
  for (Index t = 0; t < steps; ++t)
    for (Index j = 0; j < width; ++j)
      sequence.col(t * width + j) = Eigen::Map<const Vector, 0, Eigen::InnerStride<>>(
          rows.data() + j * rows.outerStride() + t, n, Eigen::InnerStride<>(steps));
}

}  // namespace nnplay
