#include <catch2/catch.hpp>

#include <cmath>

#include "layers/dense.h"
#include "support/layer_harness.h"
#include "support/test_data.h"

using namespace nnplay;

TEST_CASE("dense layer gradients (weights, bias, inputs) match finite differences", "[gradcheck][layer][dense]") {
  DenseLayer dense(3, 4);
  test::BoundLayer bound(dense);
  bound.parameters = test::randomMatrix(dense.parameterCount(), 1, 51);  // random W and b (b ≠ 0)
  const Matrix x = test::randomMatrix(5, 3, 52);
  const Matrix projection = test::randomMatrix(5, 4, 53);
  const test::LayerGradientCheck c = test::checkLayerGradients(bound, x, projection, Mode::Train);
  INFO("parameters: " << c.parameters.describe());
  INFO("inputs: " << c.inputs.describe());
  REQUIRE(c.parameters.compared == 3 * 4 + 4);
  REQUIRE(c.parameters.maxRelativeError < test::kGradientTolerance);
  REQUIRE(c.inputs.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("dense forward is X·W + b with W(i, j) at parameter j·in + i", "[layer][dense]") {
  DenseLayer dense(2, 3);
  test::BoundLayer bound(dense);
  // W (2×3), column-major in the flat buffer, then b (1×3).
  //   W = [1  3  5]    b = [0.5  -1  2]
  //       [2  4  6]
  bound.parameters << 1, 2, 3, 4, 5, 6, 0.5, -1, 2;
  REQUIRE(dense.weights()(1, 0) == 2);  // input 1 → neuron 0 is parameter 0·2 + 1
  REQUIRE(dense.weights()(0, 2) == 5);  // input 0 → neuron 2 is parameter 2·2 + 0
  REQUIRE(dense.bias()(1) == -1);

  Matrix x(2, 2);  // two samples, one per row
  x << 1, 1,
       -1, 2;
  // Row 0: (1·1 + 1·2 + 0.5, 1·3 + 1·4 − 1, 1·5 + 1·6 + 2) = (3.5, 6, 13)
  // Row 1: (−1 + 4 + 0.5, −3 + 8 − 1, −5 + 12 + 2)        = (3.5, 4, 9)
  Matrix expected(2, 3);
  expected << 3.5, 6, 13,
              3.5, 4, 9;
  const Matrix y = bound.forward(x, Mode::Eval);
  CAPTURE(y);
  REQUIRE(y == expected);

  // Backward with dL/dy = 1 everywhere: dW = Xᵀ·1, db = column sums, dX = 1·Wᵀ.
  const Matrix gradInput = bound.backward(x, y, Matrix::Ones(2, 3));
  CAPTURE(bound.gradients.transpose(), gradInput);
  Vector expectedGradients(9);
  expectedGradients << 0, 3, 0, 3, 0, 3, 2, 2, 2;  // dW(i, j) = Σ_n x(n, i): (0, 3) per column
  REQUIRE(bound.gradients == expectedGradients);
  Matrix expectedGradInput(2, 2);
  expectedGradInput << 9, 12,
                       9, 12;  // row sums of W: 1+3+5, 2+4+6
  REQUIRE(gradInput == expectedGradInput);
}

TEST_CASE("dense decay mask marks weights, not biases", "[layer][dense][regularization]") {
  DenseLayer dense(2, 3);
  Vector mask = Vector::Constant(dense.parameterCount(), -1);
  dense.writeDecayMask(mask.data());
  Vector expected(9);
  expected << 1, 1, 1, 1, 1, 1, 0, 0, 0;
  CAPTURE(mask.transpose());
  REQUIRE(mask == expected);
}

TEST_CASE("dense initialization: biases zero, weights within the Xavier/He bounds, seeded", "[layer][dense]") {
  const Initializer init = GENERATE(Initializer::XavierUniform, Initializer::HeUniform, Initializer::UniformSmall);
  DenseLayer a(8, 6), b(8, 6);
  test::BoundLayer boundA(a), boundB(b);
  boundA.parameters.setConstant(7);
  Rng rngA(5), rngB(5);
  a.initialize(init, rngA);
  b.initialize(init, rngB);
  const double bound = init == Initializer::XavierUniform ? std::sqrt(6.0 / 14)
                       : init == Initializer::HeUniform   ? std::sqrt(6.0 / 8)
                                                          : 0.05;
  CAPTURE(initializerName(init), bound, a.weights().cwiseAbs().maxCoeff());
  REQUIRE(a.bias().isZero());
  REQUIRE(a.weights().cwiseAbs().maxCoeff() <= bound);
  REQUIRE(a.weights().cwiseAbs().maxCoeff() > bound / 2);  // actually spread over the range
  REQUIRE(boundA.parameters == boundB.parameters);
}
