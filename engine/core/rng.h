// The engine's own seeded random number generator (PCG32, O'Neill 2014) and its own
// uniform/normal sampling. std:: distributions differ between libstdc++ (native) and
// libc++ (WASM); these do not, so one seed gives one run everywhere.
#pragma once

#include <cstdint>
#include <vector>

#include "core/types.h"

namespace nnplay {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 1) { reseed(seed); }

  void reseed(std::uint64_t seed);

  // Uniform 32-bit integer.
  std::uint32_t nextU32();
  // Uniform integer in [0, bound), without modulo bias. bound must be > 0.
  std::uint32_t below(std::uint32_t bound);
  // Uniform double in [0, 1) with 53 random bits.
  double uniform();
  // Uniform double in [low, high).
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  // Standard normal (Marsaglia polar method; the spare value is cached).
  double normal();
  double normal(double mean, double stddev) { return mean + stddev * normal(); }

  // Fisher–Yates shuffle of indices.
  void shuffle(std::vector<Index>& indices);

  // Full state, so that a saved model continues with the same random numbers.
  struct State {
    std::uint64_t state = 0;
    std::uint64_t increment = 0;
    bool hasSpare = false;
    double spare = 0.0;
  };
  State saveState() const { return {state_, increment_, hasSpare_, spare_}; }
  void restoreState(const State& s);

 private:
  std::uint64_t state_ = 0;
  std::uint64_t increment_ = 1;
  bool hasSpare_ = false;
  double spare_ = 0.0;
};

}  // namespace nnplay
