// The shape of one sample as a layer sees it. A batch is still N×size() (one sample per row,
// see core/types.h); the shape says how a row's values are arranged:
//   rank 1: features                      index f
//   rank 2: time × features               index t·F + f      (x_t is a contiguous N×F block)
//   rank 3: channels × height × width     index (c·H + y)·W + x
// Because the batch matrix is column-major, the N values of one position (c, y, x) or (t, f)
// are contiguous: convolutions and recurrences work on whole N-row blocks.
#pragma once

#include <array>
#include <string>

#include "core/types.h"

namespace nnplay {

struct Shape {
  int rank = 1;
  std::array<Index, 3> dims{0, 1, 1};

  static Shape features(Index f) { return {1, {f, 1, 1}}; }
  static Shape sequence(Index time, Index features) { return {2, {time, features, 1}}; }
  static Shape image(Index channels, Index height, Index width) { return {3, {channels, height, width}}; }

  Index size() const {
    Index n = 1;
    for (int i = 0; i < rank; ++i) n *= dims[static_cast<std::size_t>(i)];
    return n;
  }
  Index operator[](int i) const { return dims[static_cast<std::size_t>(i)]; }
  // Named accessors; only meaningful for the matching rank.
  Index channels() const { return dims[0]; }
  Index height() const { return dims[1]; }
  Index width() const { return dims[2]; }
  Index time() const { return dims[0]; }
  Index featuresPerStep() const { return dims[1]; }

  bool operator==(const Shape& o) const {
    if (rank != o.rank) return false;
    for (int i = 0; i < rank; ++i)
      if (dims[static_cast<std::size_t>(i)] != o.dims[static_cast<std::size_t>(i)]) return false;
    return true;
  }
  bool operator!=(const Shape& o) const { return !(*this == o); }

  // "8", "30×4" or "8×14×14" (channels × height × width), as error messages and the page show it.
  std::string toString() const {
    std::string s;
    for (int i = 0; i < rank; ++i) {
      if (i) s += "\xC3\x97";  // ×
      s += std::to_string(dims[static_cast<std::size_t>(i)]);
    }
    return s;
  }
};

}  // namespace nnplay
