// What the page draws from: the network evaluated on a grid of the plane (the decision
// surface), on given points, or from a hidden layer on (an autoencoder's code plane), with
// every "neuron layer" kept (a dense layer and the activation after it: one column of the
// network diagram). Buffers grow to the largest evaluation, then are reused.
//
// Lifetimes: inputData()/outputData()/neuronLayerData() are views into the network and the
// buffers here, valid until the next evaluation, training step or rebind.
#pragma once

#include <vector>

#include "core/workspace.h"
#include "data/features.h"
#include "network/network.h"

namespace nnplay {

// One "neuron layer" as the page draws it: a dense layer and the activation after it.
struct NeuronLayer {
  Index denseLayer = 0;   // index of the Dense layer in the stack
  Index outputLayer = 0;  // index of the layer whose output is this neuron layer's output
  Index inputs = 0;
  Index units = 0;
  Activation activation = Activation::Linear;
  Index weightOffset = 0;  // into parameters(): W (inputs×units, column-major)
  Index biasOffset = 0;    // into parameters(): b (units)
};

std::vector<NeuronLayer> findNeuronLayers(const Network& network);

// Values one forward pass of `rows` rows keeps (the input and every layer's output), and the
// refusal of an evaluation or batch beyond core/limits.h's kMaxForwardValues.
double forwardValues(const Network& network, Index rows, Index firstLayer = 0);
void requireForwardFits(double values, const std::string& what);

class EvaluationViews {
 public:
  // The network to evaluate and how a raw point of `dims` coordinates becomes its input:
  // through `features` for 2-D data, as it is otherwise. Forgets the last evaluation.
  void bind(Network& network, Index dims, const std::vector<Feature>& features);
  void invalidate() { evaluatedRows_ = 0; }

  // A resolution×resolution grid of cell centres over [xMin, xMax]×[yMin, yMax]; row r of the
  // batch is cell (r % resolution, r / resolution) and cell row 0 is the top (y near yMax).
  void evaluateGrid(int resolution, double xMin, double xMax, double yMin, double yMax);
  void evaluatePoints(const float* points, Index n, Index dims);  // n×dims row-major
  void evaluateFrom(Index layer, const float* values, Index n, Index units);

  Index rows() const { return evaluatedRows_; }
  const Scalar* inputData() const;   // rows×inputs (the features), column-major
  const Scalar* outputData() const;  // rows×outputs, column-major
  Index neuronLayerCount() const { return static_cast<Index>(neuronLayers_.size()); }
  const NeuronLayer& neuronLayer(Index i) const;
  const Scalar* neuronLayerData(Index i) const;  // rows×units, column-major

 private:
  void evaluateRawPoints(Index rows);  // points_ (rows×dims) → features → network

  Network* network_ = nullptr;
  Index dims_ = 0;
  std::vector<Feature> features_;  // empty: the raw points are the inputs
  std::vector<NeuronLayer> neuronLayers_;
  Workspace points_, inputs_;
  Index evaluatedRows_ = 0;
};

}  // namespace nnplay
