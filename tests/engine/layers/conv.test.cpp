#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "core/error.h"
#include "layers/conv2d.h"
#include "support/layer_harness.h"
#include "support/test_data.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;

namespace {

// The definition, one output value at a time (no im2col): the reference the fast kernel
// is compared with. x: N×(C·H·W); returns N×(F·H'·W').
Matrix directConvolution(const Conv2DLayer& conv, const Matrix& x) {
  const Shape in = conv.inputShape(), out = conv.outputShape();
  const Index k = conv.kernel(), s = conv.stride();
  const ConstMatrixMap w = conv.weights();
  const Index weightCount = w.size();
  Matrix y(x.rows(), out.size());
  for (Index n = 0; n < x.rows(); ++n)
    for (Index f = 0; f < out.channels(); ++f)
      for (Index oy = 0; oy < out.height(); ++oy)
        for (Index ox = 0; ox < out.width(); ++ox) {
          double sum = w.data()[weightCount + f];  // the bias follows Wmat
          for (Index c = 0; c < in.channels(); ++c)
            for (Index i = 0; i < k; ++i)
              for (Index j = 0; j < k; ++j) {
                const Index yy = oy * s + i - conv.padTop(), xx = ox * s + j - conv.padLeft();
                if (yy < 0 || yy >= in.height() || xx < 0 || xx >= in.width()) continue;
                sum += w((c * k + i) * k + j, f) * x(n, (c * in.height() + yy) * in.width() + xx);
              }
          y(n, (f * out.height() + oy) * out.width() + ox) = static_cast<Scalar>(sum);
        }
  return y;
}

struct ConvCase {
  Index channels, height, width, filters, kernel, stride;
  Padding padding;
  std::string describe() const {
    return std::to_string(channels) + "x" + std::to_string(height) + "x" + std::to_string(width) + " input, " +
           std::to_string(filters) + " filters " + std::to_string(kernel) + "x" + std::to_string(kernel) +
           ", stride " + std::to_string(stride) + ", " + paddingName(padding);
  }
};

// Odd, non-square sizes, several channels, both paddings and strides, an even kernel
// (asymmetric same padding), a 1×1 kernel and a kernel as large as the input.
std::vector<ConvCase> convCases() {
  return {
      {1, 7, 5, 2, 3, 1, Padding::Same},  {1, 7, 5, 2, 3, 1, Padding::Valid}, {1, 7, 5, 2, 3, 2, Padding::Same},
      {1, 7, 5, 2, 3, 2, Padding::Valid}, {3, 7, 5, 4, 3, 1, Padding::Same},  {3, 7, 5, 4, 3, 2, Padding::Valid},
      {2, 6, 6, 3, 2, 1, Padding::Same},  {2, 6, 5, 3, 2, 2, Padding::Same},  {2, 5, 4, 3, 1, 1, Padding::Valid},
      {2, 4, 4, 2, 4, 1, Padding::Valid}, {2, 5, 5, 2, 5, 2, Padding::Same},  {3, 8, 7, 2, 3, 3, Padding::Same},
  };
}

}  // namespace

TEST_CASE("conv2d output shapes follow the same/valid rules", "[conv][layer]") {
  // valid: ⌊(H − k)/s⌋ + 1; same: ⌈H/s⌉.
  CHECK(Conv2DLayer(Shape::image(1, 28, 28), 8, 5, 1, Padding::Same).outputShape() == Shape::image(8, 28, 28));
  CHECK(Conv2DLayer(Shape::image(1, 28, 28), 8, 5, 1, Padding::Valid).outputShape() == Shape::image(8, 24, 24));
  CHECK(Conv2DLayer(Shape::image(3, 7, 5), 4, 3, 2, Padding::Same).outputShape() == Shape::image(4, 4, 3));
  CHECK(Conv2DLayer(Shape::image(3, 7, 5), 4, 3, 2, Padding::Valid).outputShape() == Shape::image(4, 3, 2));
  CHECK(Conv2DLayer(Shape::image(2, 3, 3), 1, 5, 1, Padding::Same).outputShape() == Shape::image(1, 3, 3));
  // Same padding: total (H' − 1)·s + k − H split with the extra row at the bottom.
  const Conv2DLayer even(Shape::image(1, 6, 6), 1, 2, 1, Padding::Same);
  CHECK(even.padTop() == 0);
  CHECK(even.padLeft() == 0);
  const Conv2DLayer five(Shape::image(1, 28, 28), 1, 5, 1, Padding::Same);
  CHECK(five.padTop() == 2);
  const Conv2DLayer strided(Shape::image(1, 7, 5), 1, 3, 2, Padding::Same);  // H' = 4: 2 + 3 + 3 − 7 = 2 → top 1
  CHECK(strided.padTop() == 1);
  CHECK(strided.padLeft() == 1);  // W' = 3: 4 + 3 − 5 = 2 → left 1
  CHECK(Conv2DLayer(Shape::image(3, 5, 5), 4, 3).parameterCount() == 3 * 9 * 4 + 4);
}

TEST_CASE("conv2d forward by hand: a 2x2 valid kernel on a 3x3 image", "[conv][layer]") {
  Conv2DLayer conv(Shape::image(1, 3, 3), 1, 2, 1, Padding::Valid);
  test::BoundLayer bound(conv);
  // Kernel [[1, 2], [3, 4]] (rows i, columns j at parameter i·2 + j), bias 0.5.
  bound.parameters << 1, 2, 3, 4, 0.5;
  REQUIRE(conv.weights()(1, 0) == 2);  // tap (c 0, i 0, j 1)
  Matrix x(2, 9);
  x.row(0) << 1, 2, 3, 4, 5, 6, 7, 8, 9;  // image rows (1 2 3), (4 5 6), (7 8 9)
  x.row(1) = -x.row(0);
  // y(0,0) = 1·1 + 2·2 + 3·4 + 4·5 = 37; y(0,1) = 2 + 6 + 15 + 24 = 47;
  // y(1,0) = 4 + 10 + 21 + 32 = 67;     y(1,1) = 5 + 12 + 24 + 36 = 77; plus the bias.
  Matrix expected(2, 4);
  expected << 37.5, 47.5, 67.5, 77.5,
              -36.5, -46.5, -66.5, -76.5;
  const Matrix y = bound.forward(x, Mode::Eval);
  CAPTURE(y);
  REQUIRE(y == expected);

  // dL/dy = 1: dW(tap) = Σ_n Σ_positions x = 0 (the two samples cancel), db = 2·4 = 8,
  // dx(pixel) = Σ of the kernel taps that read it.
  const Matrix gradInput = bound.backward(x, y, Matrix::Ones(2, 4));
  Vector expectedGradients(5);
  expectedGradients << 0, 0, 0, 0, 8;
  CAPTURE(bound.gradients.transpose(), gradInput);
  REQUIRE(bound.gradients == expectedGradients);
  RowVector expectedGradInput(9);
  expectedGradInput << 1, 3, 2, 4, 10, 6, 3, 7, 4;
  REQUIRE(gradInput.row(0) == expectedGradInput);
  REQUIRE(gradInput.row(1) == expectedGradInput);
}

TEST_CASE("conv2d forward by hand: same padding adds zeros, stride 2 skips positions", "[conv][layer]") {
  Matrix x(1, 9);
  x << 1, 2, 3, 4, 5, 6, 7, 8, 9;
  SECTION("stride 1: each output is the sum of its 3x3 neighbourhood") {
    Conv2DLayer conv(Shape::image(1, 3, 3), 1, 3, 1, Padding::Same);
    test::BoundLayer bound(conv);
    bound.parameters.head(9).setOnes();
    Matrix expected(1, 9);
    expected << 12, 21, 16, 27, 45, 33, 24, 39, 28;
    const Matrix y = bound.forward(x, Mode::Eval);
    CAPTURE(y);
    REQUIRE(y == expected);
  }
  SECTION("stride 2: the neighbourhoods of the four corners") {
    Conv2DLayer conv(Shape::image(1, 3, 3), 1, 3, 2, Padding::Same);
    test::BoundLayer bound(conv);
    bound.parameters.head(9).setOnes();
    Matrix expected(1, 4);
    expected << 12, 16, 24, 28;
    const Matrix y = bound.forward(x, Mode::Eval);
    CAPTURE(y);
    REQUIRE(y == expected);
  }
}

TEST_CASE("conv2d forward by hand: two channels, two filters", "[conv][layer]") {
  // 2×2×2 input, 1×1 kernels: each filter is a weighted sum of the channels at each pixel.
  Conv2DLayer conv(Shape::image(2, 2, 2), 2, 1, 1, Padding::Valid);
  test::BoundLayer bound(conv);
  // Wmat (2 channels × 2 filters) column-major: filter 0 = (1, 10), filter 1 = (−1, 0); biases (0, 3).
  bound.parameters << 1, 10, -1, 0, 0, 3;
  Matrix x(1, 8);
  x << 1, 2, 3, 4,   // channel 0
       5, 6, 7, 8;   // channel 1
  Matrix expected(1, 8);
  expected << 51, 62, 73, 84,  // filter 0: x0 + 10·x1
              2, 1, 0, -1;     // filter 1: 3 − x0
  const Matrix y = bound.forward(x, Mode::Eval);
  CAPTURE(y);
  REQUIRE(y == expected);
}

TEST_CASE("conv2d im2col kernel matches the direct definition", "[conv][layer]") {
  for (const ConvCase& c : convCases()) {
    Conv2DLayer conv(Shape::image(c.channels, c.height, c.width), c.filters, c.kernel, c.stride, c.padding);
    test::BoundLayer bound(conv);
    bound.parameters = test::randomMatrix(conv.parameterCount(), 1, 11);
    const Matrix x = test::randomMatrix(3, conv.inputWidth(), 12);
    const Matrix y = bound.forward(x, Mode::Eval);
    const Matrix reference = directConvolution(conv, x);
    const double difference = static_cast<double>((y - reference).cwiseAbs().maxCoeff());
    INFO(c.describe() << ": max |fast − direct| = " << difference);
    CHECK(difference < (sizeof(Scalar) == 8 ? 1e-12 : 1e-5));
  }
}

TEST_CASE("conv2d gradients (weights, biases, inputs) match finite differences",
          "[gradcheck][conv][layer]") {
  for (const ConvCase& c : convCases()) {
    Conv2DLayer conv(Shape::image(c.channels, c.height, c.width), c.filters, c.kernel, c.stride, c.padding);
    test::BoundLayer bound(conv);
    bound.parameters = test::randomMatrix(conv.parameterCount(), 1, 21);  // biases ≠ 0 too
    const Matrix x = test::randomMatrix(3, conv.inputWidth(), 22);
    const Matrix projection = test::randomMatrix(3, conv.outputWidth(), 23);
    // The objective is linear in each single weight and input value, so central differences
    // have no truncation error at any step; a step of 1e-3 (rather than 1e-6) keeps the
    // rounding error of the summed objective (~1e-16·|L|/h) well below the smallest
    // gradients here (~1e-5, from cancelling products).
    const test::LayerGradientCheck r = test::checkLayerGradients(bound, x, projection, Mode::Train, 1e-3);
    INFO(c.describe());
    INFO("parameters: " << r.parameters.describe());
    INFO("inputs: " << r.inputs.describe());
    CHECK(r.parameters.compared == conv.parameterCount());
    CHECK(r.parameters.maxRelativeError < test::kGradientTolerance);
    CHECK(r.inputs.maxRelativeError < test::kGradientTolerance);
  }
}

TEST_CASE("conv2d works on row blocks of a larger batch (strided matrices)", "[conv][layer]") {
  Conv2DLayer conv(Shape::image(2, 5, 4), 3, 3, 1, Padding::Same);
  test::BoundLayer bound(conv);
  bound.parameters = test::randomMatrix(conv.parameterCount(), 1, 31);
  const Matrix all = test::randomMatrix(7, conv.inputWidth(), 32);
  const Matrix rows = all.middleRows(2, 3);
  const Matrix gradAll = test::randomMatrix(7, conv.outputWidth(), 33);
  const Matrix gradRows = gradAll.middleRows(2, 3);

  Matrix outAll = Matrix::Zero(7, conv.outputWidth());
  conv.forward(all.middleRows(2, 3), outAll.middleRows(2, 3), Mode::Train);
  Matrix gradInAll = Matrix::Zero(7, conv.inputWidth());
  conv.backward(all.middleRows(2, 3), outAll.middleRows(2, 3), gradAll.middleRows(2, 3), gradInAll.middleRows(2, 3),
                true);
  const Vector stridedGradients = bound.gradients;

  const Matrix y = bound.forward(rows, Mode::Train);
  const Matrix gradIn = bound.backward(rows, y, gradRows);
  CHECK(outAll.middleRows(2, 3) == y);
  CHECK(gradInAll.middleRows(2, 3) == gradIn);
  CHECK(stridedGradients == bound.gradients);
  CHECK(outAll.topRows(2).isZero());
  CHECK(gradInAll.bottomRows(2).isZero());
}

TEST_CASE("conv2d initializes from fan-in C·k·k and fan-out F·k·k, and only its weights are decayed",
          "[conv][layer][initializer]") {
  Conv2DLayer conv(Shape::image(4, 10, 10), 16, 5);  // fan-in 100, fan-out 400
  test::BoundLayer bound(conv);
  bound.parameters.setConstant(7);
  Rng rng(5);
  SECTION("He normal: σ = sqrt(2 / fan-in)") {
    conv.initialize(Initializer::HeNormal, rng);
    const Matrix w = conv.weights();
    const double sd = std::sqrt(static_cast<double>(w.array().square().mean()));
    CAPTURE(sd);
    CHECK(sd == Approx(std::sqrt(2.0 / 100)).epsilon(0.05));
  }
  SECTION("Xavier uniform: U(−a, a), a = sqrt(6 / (fan-in + fan-out))") {
    conv.initialize(Initializer::XavierUniform, rng);
    const double a = std::sqrt(6.0 / (100 + 400));
    const double largest = static_cast<double>(conv.weights().cwiseAbs().maxCoeff());
    CAPTURE(largest, a);
    CHECK(largest <= a);
    CHECK(largest > 0.98 * a);
  }
  CHECK(conv.bias().isZero());
  Vector mask(conv.parameterCount());
  conv.writeDecayMask(mask.data());
  CHECK(mask.head(1600).isOnes());
  CHECK(mask.tail(16).isZero());
}

TEST_CASE("conv2d explains settings and input shapes it cannot use", "[conv][layer][errors]") {
  CHECK_THAT(test::thrownMessage<InvalidArgument>(
                 [] { Conv2DLayer(Shape::image(1, 3, 3), 4, 5, 1, Padding::Valid); }),
             Contains("a 5\xC3\x97" "5 valid convolution does not fit a 3\xC3\x97" "3 input"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>(
                 [] { Conv2DLayer(Shape::image(2, 9, 3), 4, 4, 1, Padding::Valid); }),
             Contains("does not fit a 9\xC3\x97" "3 input"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { Conv2DLayer(Shape::features(784), 8, 5); }),
             Contains("a 2-D convolution needs an image input") && Contains("got 784 features"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { Conv2DLayer(Shape::image(1, 8, 8), 0, 3); }),
             Contains("at least 1 filter, got 0"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { Conv2DLayer(Shape::image(1, 8, 8), 4, 0); }),
             Contains("kernel size must be at least 1, got 0"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { Conv2DLayer(Shape::image(1, 8, 8), 4, 3, 0); }),
             Contains("stride must be at least 1, got 0"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { parsePadding("full"); }),
             Equals("unknown padding \"full\": use same or valid"));
  CHECK(parsePadding("valid") == Padding::Valid);
  CHECK(std::string(paddingName(Padding::Same)) == "same");
}
