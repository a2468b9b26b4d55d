#include "session/perceptron_session.h"

#include <cmath>

#include "core/error.h"

namespace nnplay {

namespace {
DatasetKind gateKind(const std::string& gate) {
  if (gate == "and") return DatasetKind::AndGate;
  if (gate == "or") return DatasetKind::OrGate;
  if (gate == "xor") return DatasetKind::XorGate;
  throw InvalidArgument("unknown gate \"" + gate + "\": use and, or or xor");
}

Dataset gateData(const std::string& gate) {
  DatasetOptions o;
  o.kind = gateKind(gate);
  return generateDataset(o);
}
}  // namespace

PerceptronSession::PerceptronSession(const std::string& gate, double learningRate)
    : gate_(gate), learningRate_(learningRate), data_(gateData(gate)), perceptron_(2, learningRate) {}

void PerceptronSession::reset() {
  perceptron_ = Perceptron(2, learningRate_);
  epoch_ = 0;
  cursor_ = 0;
  mistakesNow_ = 0;
  convergedEpoch_ = 0;
  mistakes_.clear();
}

PerceptronStep PerceptronSession::step() {
  const PerceptronUpdate u = perceptron_.step(data_.points, data_.labels, cursor_);
  PerceptronStep s;
  s.sample = u.sample;
  s.target = u.target;
  s.output = u.output;
  s.changed = u.changed;
  s.epoch = epoch_ + 1;
  if (u.changed) ++mistakesNow_;
  if (++cursor_ == data_.size()) {
    cursor_ = 0;
    ++epoch_;
    mistakes_.push_back(mistakesNow_);
    if (mistakesNow_ == 0 && convergedEpoch_ == 0) convergedEpoch_ = epoch_;
    s.epochCompleted = true;
    s.mistakesInEpoch = mistakesNow_;
    mistakesNow_ = 0;
  } else {
    s.mistakesInEpoch = mistakesNow_;
  }
  s.converged = converged();
  return s;
}

PerceptronStep PerceptronSession::runEpoch() {
  PerceptronStep s;
  do s = step();
  while (!s.epochCompleted);
  return s;
}

PerceptronStep PerceptronSession::train(int maxEpochs) {
  require(maxEpochs >= 1 && maxEpochs <= 1000000, "the number of epochs must be 1 to 1000000");
  PerceptronStep s = runEpoch();
  while (!converged() && epoch_ < maxEpochs) s = runEpoch();
  return s;
}

void PerceptronSession::evaluateGrid(int resolution, double xMin, double xMax, double yMin, double yMax) {
  require(resolution >= 1 && resolution <= 1024, "the grid resolution must be 1 to 1024");
  require(std::isfinite(xMin) && std::isfinite(xMax) && std::isfinite(yMin) && std::isfinite(yMax) && xMin < xMax &&
              yMin < yMax,
          "the grid bounds must be finite with xMin < xMax and yMin < yMax");
  const Index n = static_cast<Index>(resolution) * resolution;
  Matrix points(n, 2);
  const double dx = (xMax - xMin) / resolution, dy = (yMax - yMin) / resolution;
  for (Index r = 0; r < resolution; ++r) {
    for (Index c = 0; c < resolution; ++c) {
      points(r * resolution + c, 0) = static_cast<Scalar>(xMin + dx * (c + 0.5));
      points(r * resolution + c, 1) = static_cast<Scalar>(yMax - dy * (r + 0.5));
    }
  }
  const Eigen::VectorXi out = perceptron_.predictAll(points);
  output_.assign(out.data(), out.data() + out.size());
}

}  // namespace nnplay
