// Fixed inputs for the optimizer tests: four parameters, three gradients, and a comparison of
// the engine's trajectory against one computed by hand with plain doubles.
#pragma once

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <memory>
#include <type_traits>

#include "optimizers/optimizer.h"

namespace nnplay::test {

using Values = std::array<double, 4>;

constexpr Values kStartParameters = {0.5, -1.0, 2.0, 0.0};
// Three steps' gradients: mixed signs, a zero, a sign change, a value that grows.
constexpr std::array<Values, 3> kStepGradients = {{
    {0.1, -0.2, 0.3, 0.0},
    {-0.4, 0.5, 0.05, 1.0},
    {0.2, 0.2, -0.6, -0.3},
}};

inline Vector toVector(const Values& v) {
  Vector out(4);
  for (Index i = 0; i < 4; ++i) out(i) = static_cast<Scalar>(v[static_cast<std::size_t>(i)]);
  return out;
}

// Runs the three steps; returns θ after each.
inline std::array<Vector, 3> runThreeSteps(const OptimizerSettings& settings, const Vector& decayMask = Vector::Ones(4)) {
  std::unique_ptr<Optimizer> optimizer = Optimizer::create(settings, 4);
  Vector theta = toVector(kStartParameters);
  std::array<Vector, 3> after;
  for (std::size_t s = 0; s < 3; ++s) {
    optimizer->step(theta, toVector(kStepGradients[s]), decayMask);
    REQUIRE(optimizer->state().step == static_cast<std::int64_t>(s + 1));
    after[s] = theta;
  }
  return after;
}

// f64: 1e-6 absolute (the values are O(1)); f32: 1e-5 relative, 1e-6 absolute near zero.
inline bool closeToReference(double actual, double expected) {
  if (std::is_same<Scalar, double>::value) return std::fabs(actual - expected) <= 1e-6;
  return std::fabs(actual - expected) <= std::max(1e-5 * std::fabs(expected), 1e-6);
}

inline void requireMatchesReference(const std::array<Vector, 3>& engine, const std::array<Values, 3>& reference) {
  for (std::size_t s = 0; s < 3; ++s) {
    for (std::size_t i = 0; i < 4; ++i) {
      const double actual = static_cast<double>(engine[s](static_cast<Index>(i)));
      const double expected = reference[s][i];
      INFO("step " << s + 1 << ", parameter " << i << ": engine " << actual << ", textbook " << expected);
      CHECK(closeToReference(actual, expected));
    }
  }
}

}  // namespace nnplay::test
