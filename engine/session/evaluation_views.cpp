#include "session/evaluation_views.h"

#include <cmath>

#include "core/error.h"
#include "core/limits.h"
#include "layers/activation_layer.h"

namespace nnplay {

namespace {

using RowMajorFloats = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;

}  // namespace

std::vector<NeuronLayer> findNeuronLayers(const Network& net) {
  std::vector<NeuronLayer> out;
  for (Index i = 0; i < net.layerCount(); ++i) {
    const Layer& l = net.layer(i);
    if (l.is("dense")) {
      NeuronLayer n;
      n.denseLayer = n.outputLayer = i;
      n.inputs = l.inputWidth();
      n.units = l.outputWidth();
      n.weightOffset = net.parameterOffset(i);
      n.biasOffset = n.weightOffset + n.inputs * n.units;
      out.push_back(n);
    } else if (l.is("activation") && !out.empty()) {
      // The group's output is its activation (dropout is the identity when drawing).
      out.back().outputLayer = i;
      out.back().activation = static_cast<const ActivationLayer&>(l).activation();
    } else if (l.is("batch_norm") && !out.empty() && out.back().outputLayer == out.back().denseLayer) {
      out.back().outputLayer = i;
    }
  }
  return out;
}

double forwardValues(const Network& net, Index rows, Index firstLayer) {
  double width = static_cast<double>(net.layer(firstLayer).inputWidth());
  for (Index i = firstLayer; i < net.layerCount(); ++i) width += static_cast<double>(net.layer(i).outputWidth());
  return width * static_cast<double>(rows);
}

void requireForwardFits(double values, const std::string& what) {
  if (values > static_cast<double>(kMaxForwardValues)) {
    throw InvalidArgument(what + " through this network needs " + formatNumber(values) +
                          " values; the engine allows at most " + std::to_string(kMaxForwardValues) +
                          " (use fewer points, a lower resolution or a smaller network)");
  }
}

void EvaluationViews::bind(Network& network, Index dims, const std::vector<Feature>& features) {
  network_ = &network;
  dims_ = dims;
  features_ = dims == 2 ? features : std::vector<Feature>{};
  neuronLayers_ = findNeuronLayers(network);
  evaluatedRows_ = 0;
}

void EvaluationViews::evaluateRawPoints(Index rows) {
  const MatrixMap points = points_.view(rows, dims_);
  MatrixMap inputs = inputs_.view(rows, network_->inputWidth());
  if (!features_.empty()) applyFeatures(features_, points, inputs);
  else inputs = points;
  network_->forward(inputs, Mode::Eval);
  evaluatedRows_ = rows;
}

void EvaluationViews::evaluateGrid(int resolution, double xMin, double xMax, double yMin, double yMax) {
  require(resolution >= 1 && resolution <= 1024, "the grid resolution must be 1 to 1024, got " + std::to_string(resolution));
  require(std::isfinite(xMin) && std::isfinite(xMax) && std::isfinite(yMin) && std::isfinite(yMax) && xMin < xMax &&
              yMin < yMax,
          "the grid bounds must be finite with xMin < xMax and yMin < yMax");
  require(dims_ == 2, "a grid needs 2-D data (this data has " + std::to_string(dims_) + " coordinates per point)");
  const Index rows = static_cast<Index>(resolution) * resolution;
  requireForwardFits(forwardValues(*network_, rows),
                     "a " + std::to_string(resolution) + "×" + std::to_string(resolution) + " grid");
  MatrixMap points = points_.view(rows, 2);
  const double dx = (xMax - xMin) / resolution, dy = (yMax - yMin) / resolution;
  // Column 0 repeats the row of x values; column 1 holds each cell row's y (top first).
  for (Index r = 0; r < resolution; ++r) {
    points.col(0).segment(r * resolution, resolution) =
        Vector::LinSpaced(resolution, static_cast<Scalar>(xMin + dx / 2), static_cast<Scalar>(xMax - dx / 2));
    points.col(1).segment(r * resolution, resolution).setConstant(static_cast<Scalar>(yMax - dy * (r + 0.5)));
  }
  evaluateRawPoints(rows);
}

void EvaluationViews::evaluatePoints(const float* values, Index n, Index dims) {
  require(n >= 1 && n <= 10000000, "give 1 to 10000000 points to evaluate");
  require(dims == dims_, "the points have " + std::to_string(dims) + " coordinates but the data has " +
                             std::to_string(dims_));
  requireForwardFits(forwardValues(*network_, n) + static_cast<double>(n) * static_cast<double>(dims),
                     std::to_string(n) + " points");
  MatrixMap points = points_.view(n, dims);
  points = RowMajorFloats(values, n, dims).cast<Scalar>();
  evaluateRawPoints(n);
}

void EvaluationViews::evaluateFrom(Index layer, const float* values, Index n, Index units) {
  const NeuronLayer& from = neuronLayer(layer);
  require(from.outputLayer + 1 < network_->layerCount(),
          "neuron layer " + std::to_string(layer) + " is the output layer: nothing comes after it");
  require(units == from.units, "give " + std::to_string(from.units) + " values per point for neuron layer " +
                                   std::to_string(layer) + ", got " + std::to_string(units));
  require(n >= 1 && n <= 10000000, "give 1 to 10000000 points to evaluate");
  requireForwardFits(forwardValues(*network_, n, from.outputLayer + 1), std::to_string(n) + " points");
  MatrixMap points = points_.view(n, units);
  points = RowMajorFloats(values, n, units).cast<Scalar>();
  network_->forwardFrom(from.outputLayer + 1, points, Mode::Eval);
  evaluatedRows_ = n;
}

const Scalar* EvaluationViews::inputData() const {
  require(evaluatedRows_ > 0, "evaluate a grid or points first");
  return inputs_.data();
}

const Scalar* EvaluationViews::outputData() const {
  require(evaluatedRows_ > 0, "evaluate a grid or points first");
  return network_->layerOutput(network_->layerCount() - 1).data();
}

const NeuronLayer& EvaluationViews::neuronLayer(Index i) const {
  require(i >= 0 && i < neuronLayerCount(), "neuron layer " + std::to_string(i) + " does not exist (there are " +
                                                std::to_string(neuronLayerCount()) + ")");
  return neuronLayers_[static_cast<std::size_t>(i)];
}

const Scalar* EvaluationViews::neuronLayerData(Index i) const {
  require(evaluatedRows_ > 0, "evaluate a grid or points first");
  return network_->layerOutput(neuronLayer(i).outputLayer).data();
}

}  // namespace nnplay
