#include "perceptron/perceptron.h"

#include <cmath>
#include <string>

#include "core/error.h"

namespace nnplay {

Perceptron::Perceptron(Index inputs, double learningRate)
    : weights_(Vector::Zero(inputs)), learningRate_(static_cast<Scalar>(learningRate)) {
  require(inputs >= 1, "the perceptron needs at least 1 input");
  require(std::isfinite(learningRate) && learningRate > 0,
          "the perceptron learning rate must be a positive number, got " + formatNumber(learningRate));
}

void Perceptron::setWeights(const Vector& weights, Scalar bias) {
  require(weights.size() == weights_.size(), "the perceptron has " + std::to_string(weights_.size()) + " weights");
  weights_ = weights;
  bias_ = bias;
}

int Perceptron::predict(const ConstMatrixRef& point) const {
  return (point.row(0).dot(weights_.transpose()) + bias_) > 0 ? 1 : 0;
}

Eigen::VectorXi Perceptron::predictAll(const ConstMatrixRef& points) const {
  const Vector z = (points * weights_).array() + bias_;
  return (z.array() > 0).cast<int>();
}

PerceptronUpdate Perceptron::step(const ConstMatrixRef& points, const Vector& labels, Index i) {
  require(points.cols() == weights_.size(), "the points have " + std::to_string(points.cols()) +
                                                " coordinates but the perceptron has " +
                                                std::to_string(weights_.size()) + " inputs");
  require(i >= 0 && i < points.rows() && labels.size() == points.rows(), "sample index out of range");
  PerceptronUpdate u;
  u.sample = i;
  u.target = labels(i) > Scalar(0.5) ? 1 : 0;
  u.output = predict(points.row(i));
  const int error = u.target - u.output;
  if (error != 0) {
    weights_ += (learningRate_ * static_cast<Scalar>(error)) * points.row(i).transpose();
    bias_ += learningRate_ * static_cast<Scalar>(error);
    u.changed = true;
  }
  return u;
}

int Perceptron::epoch(const ConstMatrixRef& points, const Vector& labels) {
  int mistakes = 0;
  // The learning rule is sequential by definition: each update changes the next prediction.
  for (Index i = 0; i < points.rows(); ++i) mistakes += step(points, labels, i).changed ? 1 : 0;
  return mistakes;
}

PerceptronResult Perceptron::train(const ConstMatrixRef& points, const Vector& labels, int maxEpochs) {
  require(maxEpochs >= 1, "the number of epochs must be at least 1");
  PerceptronResult r;
  for (int e = 1; e <= maxEpochs; ++e) {
    const int m = epoch(points, labels);
    r.mistakes.push_back(m);
    r.epoch = e;
    if (m == 0) {
      r.converged = true;
      break;
    }
  }
  return r;
}

}  // namespace nnplay
