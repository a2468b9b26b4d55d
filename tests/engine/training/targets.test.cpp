#include <catch2/catch.hpp>

#include <cmath>

#include "core/error.h"
#include "support/thrown_message.h"
#include "training/targets.h"

using namespace nnplay;
using Catch::Matchers::Contains;

TEST_CASE("defaultOutputHead picks sigmoid+BCE, softmax+CCE or linear+MSE", "[targets]") {
  const OutputHead two = defaultOutputHead(2), three = defaultOutputHead(3), regression = defaultOutputHead(0);
  CHECK(two.outputs == 1);
  CHECK(two.activation == Activation::Sigmoid);
  CHECK(two.loss == Loss::BinaryCrossEntropy);
  CHECK(three.outputs == 3);
  CHECK(three.activation == Activation::Softmax);
  CHECK(three.loss == Loss::CategoricalCrossEntropy);
  CHECK(regression.outputs == 1);
  CHECK(regression.activation == Activation::Linear);
  CHECK(regression.loss == Loss::MeanSquaredError);
}

TEST_CASE("encodeTargets: 0/1, −1/+1 for tanh, one-hot rows, real values", "[targets]") {
  Vector labels(3);
  labels << 1, 0, 2;
  const Matrix onehot = encodeTargets(labels, 3, 3, Activation::Softmax);
  Matrix expected(3, 3);
  expected << 0, 1, 0,
              1, 0, 0,
              0, 0, 1;
  CAPTURE(onehot);
  REQUIRE(onehot == expected);

  Vector binary(2);
  binary << 0, 1;
  REQUIRE(encodeTargets(binary, 2, 1, Activation::Sigmoid) == Matrix(binary));
  Matrix tanhTargets(2, 1);
  tanhTargets << -1, 1;
  REQUIRE(encodeTargets(binary, 2, 1, Activation::Tanh) == tanhTargets);

  Vector real(2);
  real << 0.25, -0.5;
  REQUIRE(encodeTargets(real, 0, 1, Activation::Linear) == Matrix(real));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { encodeTargets(real, 0, 2, Activation::Linear); }),
             Contains("regression") && Contains("1 output") && Contains("has 2"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { encodeTargets(labels, 3, 2, Activation::Softmax); }),
             Contains("3 classes") && Contains("2 outputs"));
}

TEST_CASE("accuracy uses the 0.5 threshold (0 for tanh) or the arg-max", "[targets]") {
  Matrix single(4, 1);
  single << 0.9, 0.4, 0.6, 0.1;
  Vector labels(4);
  labels << 1, 0, 0, 0;
  CHECK(accuracy(single, labels, 2, Activation::Sigmoid) == Approx(0.75));
  Matrix tanhOut(2, 1);
  tanhOut << -0.2, 0.3;
  Vector tanhLabels(2);
  tanhLabels << 0, 1;
  CHECK(accuracy(tanhOut, tanhLabels, 2, Activation::Tanh) == 1.0);
  CHECK(decisionThreshold(Activation::Tanh) == 0);
  CHECK(decisionThreshold(Activation::Sigmoid) == Scalar(0.5));
  Matrix multi(3, 3);
  multi << 0.1, 0.7, 0.2,
           0.5, 0.3, 0.2,
           0.3, 0.3, 0.4;
  Vector multiLabels(3);
  multiLabels << 1, 1, 2;
  CHECK(accuracy(multi, multiLabels, 3, Activation::Softmax) == Approx(2.0 / 3.0));
  CHECK(std::isnan(accuracy(single, labels, 0, Activation::Linear)));
}
