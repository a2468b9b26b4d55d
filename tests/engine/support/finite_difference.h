// Central finite differences and gradient comparisons for the [gradcheck] tests.
// Meaningful in double precision (the f64 build): with h ≈ 1e-6 the truncation error
// (~h²) and the rounding error (~1e-16/h) both stay far below the 1e-6 tolerance.
#pragma once

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "core/types.h"

namespace nnplay::test {

constexpr double kGradientTolerance = 1e-6;

// d f / d x, one entry at a time: (f(x + h) − f(x − h)) / 2h. x: any shape.
template <class Function>
Matrix numericGradient(Function&& f, Matrix x, double h = 1e-6) {
  Matrix g(x.rows(), x.cols());
  for (Index c = 0; c < x.cols(); ++c) {
    for (Index r = 0; r < x.rows(); ++r) {
      const Scalar saved = x(r, c);
      x(r, c) = saved + static_cast<Scalar>(h);
      const double up = static_cast<double>(f(x));
      x(r, c) = saved - static_cast<Scalar>(h);
      const double down = static_cast<double>(f(x));
      x(r, c) = saved;
      g(r, c) = static_cast<Scalar>((up - down) / (2 * h));
    }
  }
  return g;
}

// The same for a parameter vector viewed by the code under test: perturbs it in place.
template <class Function>
Vector numericGradientInPlace(Function&& f, Eigen::Ref<Vector> parameters, double h = 1e-6) {
  Vector g(parameters.size());
  for (Index i = 0; i < parameters.size(); ++i) {
    const Scalar saved = parameters(i);
    parameters(i) = saved + static_cast<Scalar>(h);
    const double up = static_cast<double>(f());
    parameters(i) = saved - static_cast<Scalar>(h);
    const double down = static_cast<double>(f());
    parameters(i) = saved;
    g(i) = static_cast<Scalar>((up - down) / (2 * h));
  }
  return g;
}

// max over entries of |a − n| / max(|a|, |n|, floor), with the worst entry for messages.
struct GradientComparison {
  double maxRelativeError = 0;
  Index worstIndex = -1;  // column-major linear index
  double analytic = 0, numeric = 0;
  Index compared = 0;

  std::string describe() const {
    std::ostringstream s;
    s.precision(12);
    s << "max relative error " << maxRelativeError << " over " << compared << " values; worst at index "
      << worstIndex << ": analytic " << analytic << ", numeric " << numeric;
    return s.str();
  }
};

inline GradientComparison compareGradients(const Matrix& analytic, const Matrix& numeric, double floor = 1e-7) {
  GradientComparison r;
  r.compared = analytic.size();
  for (Index i = 0; i < analytic.size(); ++i) {
    const double a = static_cast<double>(analytic.data()[i]);
    const double n = static_cast<double>(numeric.data()[i]);
    const double rel = std::fabs(a - n) / std::max({std::fabs(a), std::fabs(n), floor});
    if (r.worstIndex < 0 || rel > r.maxRelativeError) {
      r.maxRelativeError = rel;
      r.worstIndex = i;
      r.analytic = a;
      r.numeric = n;
    }
  }
  return r;
}

}  // namespace nnplay::test
