// A grow-only buffer viewed as an N×F matrix. Per-batch storage (layer outputs, gradients,
// masks) lives in these, so that a smaller batch (the last one of an epoch) or a later
// batch of the same size reuses the memory: nothing is allocated after the largest batch.
#pragma once

#include "core/types.h"

namespace nnplay {

class Workspace {
 public:
  // A view of rows×cols contiguous values (column-major). Grows the storage when needed,
  // which invalidates earlier views of this workspace only.
  MatrixMap view(Index rows, Index cols) {
    if (rows * cols > storage_.size()) storage_.resize(rows * cols);
    return MatrixMap(storage_.data(), rows, cols);
  }
  // The last view's shape is not remembered; callers keep their own row counts.
  Scalar* data() { return storage_.data(); }
  const Scalar* data() const { return storage_.data(); }
  Index capacity() const { return storage_.size(); }
  void release() { storage_.resize(0); }

 private:
  Vector storage_;
};

}  // namespace nnplay
