#include <catch2/catch.hpp>

#include "core/error.h"
#include "data/dataset.h"
#include "perceptron/perceptron.h"

using namespace nnplay;

namespace {
Dataset gate(DatasetKind kind) {
  DatasetOptions o;
  o.kind = kind;
  return generateDataset(o);
}
}  // namespace

TEST_CASE("the perceptron learns AND and OR (linearly separable)", "[perceptron]") {
  const DatasetKind kind = GENERATE(DatasetKind::AndGate, DatasetKind::OrGate);
  const Dataset d = gate(kind);
  Perceptron p(2, 1.0);
  const PerceptronResult r = p.train(d.points, d.labels, 100);
  INFO(datasetName(kind) << ": converged " << r.converged << " at epoch " << r.epoch << "; weights "
                          << p.weights().transpose() << ", bias " << p.bias());
  REQUIRE(r.converged);
  // Zero start, η = 1, rows in the order (0,0), (0,1), (1,0), (1,1): worked by hand, AND
  // ends at w = (2, 1), b = −2 after 5 epochs with mistakes and an error-free 6th;
  // OR at w = (1, 1), b = 0 with an error-free 4th epoch.
  REQUIRE(r.epoch == (kind == DatasetKind::AndGate ? 6 : 4));
  REQUIRE(r.mistakes.back() == 0);
  REQUIRE(static_cast<int>(r.mistakes.size()) == r.epoch);
  for (int e = 0; e + 1 < r.epoch; ++e) REQUIRE(r.mistakes[static_cast<std::size_t>(e)] > 0);
  const Eigen::VectorXi predicted = p.predictAll(d.points);
  for (Index i = 0; i < 4; ++i) {
    CAPTURE(i, predicted(i), d.labels(i));
    REQUIRE(predicted(i) == static_cast<int>(d.labels(i)));
  }
}

TEST_CASE("the perceptron never converges on XOR within 1,000 epochs", "[perceptron]") {
  const Dataset d = gate(DatasetKind::XorGate);
  Perceptron p(2, 1.0);
  const PerceptronResult r = p.train(d.points, d.labels, 1000);
  CAPTURE(r.epoch, r.mistakes.back());
  REQUIRE_FALSE(r.converged);
  REQUIRE(r.epoch == 1000);
  REQUIRE(r.mistakes.size() == 1000);
  for (int m : r.mistakes) REQUIRE(m >= 1);  // no line separates XOR: every pass errs
  const Eigen::VectorXi predicted = p.predictAll(d.points);
  int wrong = 0;
  for (Index i = 0; i < 4; ++i) wrong += predicted(i) != static_cast<int>(d.labels(i));
  CAPTURE(wrong);
  REQUIRE(wrong >= 1);
}

TEST_CASE("one perceptron step applies w ← w + η(t − y)x, b ← b + η(t − y)", "[perceptron]") {
  Perceptron p(2, 0.5);
  Matrix points(1, 2);
  points << 2, -1;
  Vector labels(1);
  labels << 1;
  // w = 0, b = 0: output 0 (0 > 0 is false), target 1 → w = 0.5·(2, −1) = (1, −0.5), b = 0.5
  const PerceptronUpdate u = p.step(points, labels, 0);
  CAPTURE(p.weights().transpose(), p.bias());
  REQUIRE(u.changed);
  REQUIRE(u.output == 0);
  REQUIRE(u.target == 1);
  REQUIRE(p.weights()(0) == Scalar(1));
  REQUIRE(p.weights()(1) == Scalar(-0.5));
  REQUIRE(p.bias() == Scalar(0.5));
  // Now correct: nothing changes.
  const PerceptronUpdate again = p.step(points, labels, 0);
  REQUIRE_FALSE(again.changed);
  REQUIRE(p.bias() == Scalar(0.5));
}

TEST_CASE("perceptron settings are validated", "[perceptron][errors]") {
  REQUIRE_THROWS_AS(Perceptron(0, 1.0), InvalidArgument);
  REQUIRE_THROWS_AS(Perceptron(2, 0.0), InvalidArgument);
  REQUIRE_THROWS_AS(Perceptron(2, -1.0), InvalidArgument);
  Perceptron p(2);
  const Matrix wrong = Matrix::Zero(4, 3);
  REQUIRE_THROWS_AS(p.step(wrong, Vector::Zero(4), 0), InvalidArgument);
  REQUIRE_THROWS_AS(p.step(Matrix::Zero(4, 2), Vector::Zero(4), 4), InvalidArgument);
}
