#include "core/rng.h"

#include <cmath>

namespace nnplay {

void Rng::reseed(std::uint64_t seed) {
  // PCG32 seeding: the stream is fixed, the seed sets the starting state.
  state_ = 0;
  increment_ = (0xda3e39cb94b95bdbULL << 1u) | 1u;
  nextU32();
  state_ += seed;
  nextU32();
  hasSpare_ = false;
  spare_ = 0.0;
}

std::uint32_t Rng::nextU32() {
  const std::uint64_t old = state_;
  state_ = old * 6364136223846793005ULL + increment_;
  const auto xorShifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
  const auto rotation = static_cast<std::uint32_t>(old >> 59u);
  return (xorShifted >> rotation) | (xorShifted << ((32u - rotation) & 31u));
}

std::uint32_t Rng::below(std::uint32_t bound) {
  // Rejection sampling: accept only values below the largest multiple of bound.
  const std::uint32_t threshold = (0u - bound) % bound;
  for (;;) {
    const std::uint32_t r = nextU32();
    if (r >= threshold) return r % bound;
  }
}

double Rng::uniform() {
  const std::uint64_t high = nextU32() >> 5;  // 27 bits
  const std::uint64_t low = nextU32() >> 6;   // 26 bits
  return static_cast<double>((high << 26) | low) * (1.0 / 9007199254740992.0);
}

double Rng::normal() {
  if (hasSpare_) {
    hasSpare_ = false;
    return spare_;
  }
  double u, v, s;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(s) / s);
  spare_ = v * factor;
  hasSpare_ = true;
  return u * factor;
}

void Rng::shuffle(std::vector<Index>& indices) {
  for (std::size_t i = indices.size(); i > 1; --i) {
    const std::size_t j = below(static_cast<std::uint32_t>(i));
    std::swap(indices[i - 1], indices[j]);
  }
}

void Rng::restoreState(const State& s) {
  state_ = s.state;
  increment_ = s.increment | 1u;
  hasSpare_ = s.hasSpare;
  spare_ = s.spare;
}

}  // namespace nnplay
