#include <catch2/catch.hpp>

#include <cmath>

#include "activations/activation.h"
#include "core/error.h"
#include "support/finite_difference.h"
#include "support/test_data.h"

using namespace nnplay;

namespace {

// Random pre-activations kept at least `margin` away from 0, where ReLU and leaky ReLU have
// their kink (finite differences across the kink measure neither side's slope).
Matrix awayFromKink(Index rows, Index cols, std::uint64_t seed, double margin = 0.05) {
  Matrix z = test::randomMatrix(rows, cols, seed, 3.0);
  for (Index i = 0; i < z.size(); ++i) {
    Scalar& v = z.data()[i];
    if (std::fabs(v) < margin) v = v < 0 ? static_cast<Scalar>(-2 * margin) : static_cast<Scalar>(2 * margin);
  }
  return z;
}

}  // namespace

TEST_CASE("activationBackward matches finite differences of a random projection", "[gradcheck][activation]") {
  const auto [activation, alpha] = GENERATE(table<Activation, double>({
      {Activation::Linear, 0.01},
      {Activation::Sigmoid, 0.01},
      {Activation::Tanh, 0.01},
      {Activation::ReLU, 0.01},
      {Activation::LeakyReLU, 0.01},
      {Activation::LeakyReLU, 0.3},  // alpha is a setting, not a constant
      {Activation::Softmax, 0.01},
  }));
  const auto a = static_cast<Scalar>(alpha);
  const Index rows = 6, cols = 4;
  const Matrix z = awayFromKink(rows, cols, 11);
  const Matrix projection = test::randomMatrix(rows, cols, 12);  // R: dL/dy for L = Σ R ⊙ f(z)

  const Matrix y = activate(activation, z, a);
  Matrix analytic(rows, cols);
  Vector scratch(rows);
  activationBackward(activation, a, z, y, projection, analytic, scratch);

  const Matrix numeric = test::numericGradient(
      [&](const Matrix& zz) { return projection.cwiseProduct(activate(activation, zz, a)).sum(); }, z);
  const test::GradientComparison c = test::compareGradients(analytic, numeric);
  INFO(activationName(activation) << " (alpha " << alpha << "): " << c.describe());
  REQUIRE(c.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("activationDerivative is the element-wise slope f'(z)", "[gradcheck][activation]") {
  const Activation activation =
      GENERATE(Activation::Linear, Activation::Sigmoid, Activation::Tanh, Activation::ReLU, Activation::LeakyReLU);
  const Scalar alpha = Scalar(0.2);
  const Matrix z = awayFromKink(5, 3, 21);
  const Matrix y = activate(activation, z, alpha);
  Matrix derivative(5, 3);
  activationDerivative(activation, alpha, z, y, derivative);
  // Σ f(z) has gradient f'(z) entry by entry.
  const Matrix numeric =
      test::numericGradient([&](const Matrix& zz) { return activate(activation, zz, alpha).sum(); }, z);
  const test::GradientComparison c = test::compareGradients(derivative, numeric);
  INFO(activationName(activation) << ": " << c.describe());
  REQUIRE(c.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("activations give the textbook values", "[activation]") {
  Matrix z(1, 5);
  z << -2, -0.5, 0, 0.5, 2;
  SECTION("linear is the identity") { REQUIRE(activate(Activation::Linear, z) == z); }
  SECTION("sigmoid 1/(1+e^-z)") {
    const Matrix y = activate(Activation::Sigmoid, z);
    for (Index j = 0; j < z.cols(); ++j) {
      CAPTURE(z(0, j), y(0, j));
      CHECK(y(0, j) == Approx(1.0 / (1.0 + std::exp(-static_cast<double>(z(0, j))))).epsilon(1e-6));
    }
  }
  SECTION("tanh") {
    const Matrix y = activate(Activation::Tanh, z);
    for (Index j = 0; j < z.cols(); ++j) {
      CAPTURE(z(0, j), y(0, j));
      CHECK(y(0, j) == Approx(std::tanh(static_cast<double>(z(0, j)))).epsilon(1e-6));
    }
  }
  SECTION("relu max(0, z)") {
    Matrix expected(1, 5);
    expected << 0, 0, 0, 0.5, 2;
    const Matrix y = activate(Activation::ReLU, z);
    CAPTURE(y);
    REQUIRE(y == expected);
  }
  SECTION("leaky relu uses the given alpha") {
    Matrix expected(1, 5);
    expected << Scalar(-2 * 0.25), Scalar(-0.5 * 0.25), 0, 0.5, 2;
    const Matrix y = activate(Activation::LeakyReLU, z, Scalar(0.25));
    CAPTURE(y);
    REQUIRE(y.isApprox(expected));
    const Matrix yDefault = activate(Activation::LeakyReLU, z);  // alpha 0.01
    CAPTURE(yDefault);
    REQUIRE(yDefault(0, 0) == Approx(-0.02));
  }
  SECTION("softmax rows sum to 1 and keep the order of the logits") {
    Matrix logits(2, 3);
    logits << 1, 2, 3,
              0, 0, 0;
    const Matrix y = activate(Activation::Softmax, logits);
    CAPTURE(y);
    // Row 0: e^k / (e + e² + e³) for k = 1, 2, 3.
    const double sum = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
    CHECK(y(0, 0) == Approx(std::exp(1.0) / sum).epsilon(1e-6));
    CHECK(y(0, 2) == Approx(std::exp(3.0) / sum).epsilon(1e-6));
    CHECK(y(1, 1) == Approx(1.0 / 3.0).epsilon(1e-6));
    CHECK(y.rowwise().sum().isApproxToConstant(1, Scalar(1e-6)));
  }
}

TEST_CASE("softmax of huge logits is finite and correct", "[activation]") {
  Matrix logits(2, 2);
  logits << 1000, 1001,
            -1000, -1001;
  const Matrix y = activate(Activation::Softmax, logits);
  CAPTURE(y);
  REQUIRE(y.allFinite());
  // Only the difference of the logits matters: 1 / (1 + e) and e / (1 + e).
  const double small = 1.0 / (1.0 + std::exp(1.0));  // 0.2689414213699951
  CHECK(y(0, 0) == Approx(small).epsilon(1e-6));
  CHECK(y(0, 1) == Approx(1 - small).epsilon(1e-6));
  CHECK(y(1, 0) == Approx(1 - small).epsilon(1e-6));
  CHECK(y(1, 1) == Approx(small).epsilon(1e-6));
}

TEST_CASE("sigmoid of ±1000 saturates to 0 and 1 without NaN", "[activation]") {
  Matrix z(1, 4);
  z << -1000, 1000, -100, 100;
  const Matrix y = activate(Activation::Sigmoid, z);
  CAPTURE(y);
  REQUIRE(y.allFinite());
  CHECK(y(0, 0) >= 0);
  CHECK(y(0, 0) < 1e-30);
  CHECK(y(0, 1) == Scalar(1));
  CHECK(y(0, 2) < 1e-30);
  CHECK(y(0, 3) == Scalar(1));
  // Its backward stays finite too (the slope is 0 there).
  Matrix dz(1, 4);
  Vector scratch(1);
  activationBackward(Activation::Sigmoid, 0, z, y, Matrix::Ones(1, 4), dz, scratch);
  CAPTURE(dz);
  REQUIRE(dz.allFinite());
  REQUIRE(dz.cwiseAbs().maxCoeff() < 1e-30);
}

TEST_CASE("tanh of ±1000 is ±1 without NaN", "[activation]") {
  Matrix z(1, 2);
  z << -1000, 1000;
  const Matrix y = activate(Activation::Tanh, z);
  CAPTURE(y);
  REQUIRE(y(0, 0) == Scalar(-1));
  REQUIRE(y(0, 1) == Scalar(1));
}

TEST_CASE("softmax has no element-wise derivative", "[activation][errors]") {
  const Matrix z = Matrix::Zero(2, 3);
  Matrix d(2, 3);
  REQUIRE_THROWS_AS(activationDerivative(Activation::Softmax, 0, z, z, d), InvalidArgument);
}

TEST_CASE("activation names round-trip", "[activation]") {
  for (Activation a : {Activation::Linear, Activation::Sigmoid, Activation::Tanh, Activation::ReLU,
                       Activation::LeakyReLU, Activation::Softmax}) {
    CAPTURE(activationName(a));
    REQUIRE(parseActivation(activationName(a)) == a);
  }
  REQUIRE(std::string(activationName(Activation::LeakyReLU)) == "leaky_relu");
}
