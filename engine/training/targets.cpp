#include "training/targets.h"

#include <limits>
#include <string>

#include "core/error.h"

namespace nnplay {

OutputHead defaultOutputHead(int classes) {
  if (classes == 0) return {1, Activation::Linear, Loss::MeanSquaredError};
  if (classes == 2) return {1, Activation::Sigmoid, Loss::BinaryCrossEntropy};
  return {classes, Activation::Softmax, Loss::CategoricalCrossEntropy};
}

Matrix encodeTargets(const Vector& labels, int classes, Index outputs, Activation outputActivation) {
  const Index n = labels.size();
  if (classes == 0) {
    require(outputs == 1, "a regression data set needs a network with 1 output, this one has " +
                              std::to_string(outputs));
    return labels;
  }
  if (outputs == 1) {
    require(classes == 2, "the data set has " + std::to_string(classes) +
                              " classes but the network has 1 output: use " + std::to_string(classes) +
                              " outputs with softmax");
    if (outputActivation == Activation::Tanh) return (Scalar(2) * labels.array() - Scalar(1)).matrix();
    return labels;
  }
  require(outputs == classes, "the data set has " + std::to_string(classes) +
                                  " classes but the network has " + std::to_string(outputs) +
                                  " outputs: use 1 output (two classes) or one output per class");
  Matrix t = Matrix::Zero(n, outputs);
  for (Index i = 0; i < n; ++i) t(i, static_cast<Index>(labels(i))) = Scalar(1);
  return t;
}

Matrix encodeTargets(const Dataset& data, int classes, Index outputs, Activation outputActivation) {
  if (data.size() == 0) return Matrix(0, outputs);
  if (!data.hasExplicitTargets()) return encodeTargets(data.labels, classes, outputs, outputActivation);
  const Matrix& targets = data.targetsArePoints ? data.points : data.targets;
  require(targets.cols() == outputs, "the data set has " + std::to_string(targets.cols()) +
                                         " target values per point but the network has " +
                                         std::to_string(outputs) + " outputs");
  return targets;
}

Scalar decisionThreshold(Activation outputActivation) {
  return outputActivation == Activation::Tanh ? Scalar(0) : Scalar(0.5);
}

double accuracy(const ConstMatrixRef& outputs, const Eigen::Ref<const Vector>& labels, int classes,
                Activation outputActivation) {
  const Index n = outputs.rows();
  if (classes == 0 || n == 0) return std::numeric_limits<double>::quiet_NaN();
  Index correct = 0;
  if (outputs.cols() == 1) {
    const Scalar threshold = decisionThreshold(outputActivation);
    correct = ((outputs.col(0).array() > threshold) == (labels.array() > Scalar(0.5))).count();
  } else {
    for (Index i = 0; i < n; ++i) {
      Index best;
      outputs.row(i).maxCoeff(&best);
      if (best == static_cast<Index>(labels(i))) ++correct;
    }
  }
  return static_cast<double>(correct) / static_cast<double>(n);
}

}  // namespace nnplay
