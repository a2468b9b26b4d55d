// Max pooling, average pooling, global average pooling and flatten: the parameter-free
// layers of a CNN.
#include <catch2/catch.hpp>

#include <string>

#include "core/error.h"
#include "layers/average_pool2d.h"
#include "layers/flatten.h"
#include "layers/global_average_pool.h"
#include "layers/max_pool2d.h"
#include "support/layer_harness.h"
#include "support/test_data.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

namespace {

struct PoolCase {
  Index channels, height, width, size, stride;
  std::string describe() const {
    return std::to_string(channels) + "x" + std::to_string(height) + "x" + std::to_string(width) + " input, window " +
           std::to_string(size) + ", stride " + std::to_string(stride);
  }
};

// Non-overlapping, overlapping (stride < size), strided beyond the window, and sizes that
// leave a remainder row/column (7×5 with window 2).
std::vector<PoolCase> poolCases() {
  return {{1, 4, 4, 2, 2}, {1, 7, 5, 2, 2}, {3, 7, 5, 2, 1}, {2, 7, 5, 3, 2}, {2, 6, 6, 3, 3}, {2, 5, 7, 2, 3}};
}

template <class Pool>
void checkPoolGradients(const char* name) {
  for (const PoolCase& c : poolCases()) {
    Pool pool(Shape::image(c.channels, c.height, c.width), c.size, c.stride);
    test::BoundLayer bound(pool);
    // Distinct values (random), so no max-pooling window has a tie within ±h.
    const Matrix x = test::randomMatrix(3, pool.inputWidth(), 41);
    const Matrix projection = test::randomMatrix(3, pool.outputWidth(), 42);
    const test::LayerGradientCheck r = test::checkLayerGradients(bound, x, projection, Mode::Train);
    INFO(name << ", " << c.describe() << ": " << r.inputs.describe());
    CHECK(r.parameters.compared == 0);
    CHECK(r.inputs.compared == x.size());
    CHECK(r.inputs.maxRelativeError < test::kGradientTolerance);
  }
}

}  // namespace

TEST_CASE("pooling output shapes: valid windows, stride defaults to the window size", "[pool][layer]") {
  CHECK(MaxPool2DLayer(Shape::image(8, 28, 28), 2).outputShape() == Shape::image(8, 14, 14));
  CHECK(MaxPool2DLayer(Shape::image(3, 7, 5), 2).outputShape() == Shape::image(3, 3, 2));
  CHECK(MaxPool2DLayer(Shape::image(3, 7, 5), 2).stride() == 2);
  CHECK(MaxPool2DLayer(Shape::image(3, 7, 5), 3, 1).outputShape() == Shape::image(3, 5, 3));
  CHECK(AveragePool2DLayer(Shape::image(2, 7, 5), 3, 2).outputShape() == Shape::image(2, 3, 2));
  CHECK(AveragePool2DLayer(Shape::image(2, 4, 4), 4).outputShape() == Shape::image(2, 1, 1));
  CHECK(GlobalAveragePoolLayer(Shape::image(16, 7, 7)).outputShape() == Shape::features(16));
  CHECK(FlattenLayer(Shape::image(16, 7, 7)).outputShape() == Shape::features(784));
  CHECK(FlattenLayer(Shape::sequence(5, 3)).outputShape() == Shape::features(15));
  CHECK(MaxPool2DLayer(Shape::image(1, 4, 4), 2).parameterCount() == 0);
}

TEST_CASE("max and average pooling by hand on a 4x4 image", "[pool][layer]") {
  Matrix x(2, 16);
  x.row(0) << 1, 2, 5, 0,
              3, 4, 6, 8,
              -1, -2, 0, 0,
              -3, -4, 0, 9;
  x.row(1) = -x.row(0);
  SECTION("max pooling 2x2 picks each window's largest value and routes the gradient to it") {
    MaxPool2DLayer pool(Shape::image(1, 4, 4), 2);
    test::BoundLayer bound(pool);
    const Matrix y = bound.forward(x, Mode::Train);
    Matrix expected(2, 4);
    expected << 4, 8, -1, 9,
                -1, 0, 4, 0;  // −x: window maxima are the negated minima (first of ties: 0 at (2,2))
    CAPTURE(y);
    REQUIRE(y == expected);
    Matrix gradOutput(2, 4);
    gradOutput << 10, 20, 30, 40,
                  1, 2, 3, 4;
    const Matrix gradInput = bound.backward(x, y, gradOutput);
    Matrix expectedGradInput = Matrix::Zero(2, 16);
    expectedGradInput(0, 5) = 10;   // 4 at (1, 1)
    expectedGradInput(0, 7) = 20;   // 8 at (1, 3)
    expectedGradInput(0, 8) = 30;   // −1 at (2, 0)
    expectedGradInput(0, 15) = 40;  // 9 at (3, 3)
    expectedGradInput(1, 0) = 1;    // −1 at (0, 0)
    expectedGradInput(1, 3) = 2;    // 0 at (0, 3)
    expectedGradInput(1, 13) = 3;   // 4 at (3, 1)
    expectedGradInput(1, 10) = 4;   // 0 at (2, 2), the first of the window's four zeros
    CAPTURE(gradInput);
    REQUIRE(gradInput == expectedGradInput);
  }
  SECTION("average pooling 2x2 takes each window's mean and shares the gradient") {
    AveragePool2DLayer pool(Shape::image(1, 4, 4), 2);
    test::BoundLayer bound(pool);
    const Matrix y = bound.forward(x, Mode::Train);
    Matrix expected(2, 4);
    expected << 2.5, 4.75, -2.5, 2.25,
                -2.5, -4.75, 2.5, -2.25;
    CAPTURE(y);
    REQUIRE(y.isApprox(expected));
    const Matrix gradInput = bound.backward(x, y, Matrix::Constant(2, 4, 8));
    REQUIRE(gradInput == Matrix::Constant(2, 16, 2));
  }
}

TEST_CASE("global average pooling and flatten by hand", "[pool][layer]") {
  Matrix x(1, 8);
  x << 1, 2, 3, 6,    // channel 0 (2×2)
       -4, 0, 0, 0;   // channel 1
  GlobalAveragePoolLayer gap(Shape::image(2, 2, 2));
  test::BoundLayer bound(gap);
  const Matrix y = bound.forward(x, Mode::Eval);
  Matrix expected(1, 2);
  expected << 3, -1;
  REQUIRE(y == expected);
  Matrix gradOutput(1, 2);
  gradOutput << 4, -8;
  Matrix expectedGradInput(1, 8);
  expectedGradInput << 1, 1, 1, 1, -2, -2, -2, -2;
  REQUIRE(bound.backward(x, y, gradOutput) == expectedGradInput);

  FlattenLayer flatten(Shape::image(2, 2, 2));
  test::BoundLayer flat(flatten);
  REQUIRE(flat.forward(x, Mode::Eval) == x);
  REQUIRE(flat.backward(x, x, expectedGradInput) == expectedGradInput);
}

TEST_CASE("max pooling input gradients match finite differences", "[gradcheck][pool][layer]") {
  checkPoolGradients<MaxPool2DLayer>("max pooling");
}

TEST_CASE("average pooling input gradients match finite differences", "[gradcheck][pool][layer]") {
  checkPoolGradients<AveragePool2DLayer>("average pooling");
}

TEST_CASE("global average pooling and flatten gradients match finite differences", "[gradcheck][pool][layer]") {
  GlobalAveragePoolLayer gap(Shape::image(3, 7, 5));
  FlattenLayer flatten(Shape::image(3, 7, 5));
  for (Layer* layer : {static_cast<Layer*>(&gap), static_cast<Layer*>(&flatten)}) {
    test::BoundLayer bound(*layer);
    const Matrix x = test::randomMatrix(3, layer->inputWidth(), 43);
    const Matrix projection = test::randomMatrix(3, layer->outputWidth(), 44);
    const test::LayerGradientCheck r = test::checkLayerGradients(bound, x, projection, Mode::Train);
    INFO(layer->kind() << ": " << r.inputs.describe());
    CHECK(r.inputs.maxRelativeError < test::kGradientTolerance);
  }
}

TEST_CASE("pooling layers explain settings and input shapes they cannot use", "[pool][layer][errors]") {
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { MaxPool2DLayer(Shape::image(4, 1, 1), 2); }),
             Contains("a 2\xC3\x97" "2 max pooling window does not fit a 1\xC3\x97" "1 input"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { AveragePool2DLayer(Shape::image(4, 5, 2), 3, 1); }),
             Contains("a 3\xC3\x97" "3 average pooling window does not fit a 5\xC3\x97" "2 input"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { MaxPool2DLayer(Shape::features(10), 2); }),
             Contains("max pooling needs an image input") && Contains("got 10 features"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { AveragePool2DLayer(Shape::sequence(20, 3), 2); }),
             Contains("average pooling needs an image input") && Contains("a sequence of 20 steps"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { GlobalAveragePoolLayer(Shape::features(10)); }),
             Contains("global average pooling needs an image input"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { MaxPool2DLayer(Shape::image(1, 4, 4), 0); }),
             Contains("the max pooling window size must be at least 1, got 0"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { AveragePool2DLayer(Shape::image(1, 4, 4), 2, 0); }),
             Contains("the average pooling stride must be at least 1, got 0"));
}
