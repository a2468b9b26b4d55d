// A run-time stack of layers with one flat parameter buffer, one flat gradient buffer and
// one flat state buffer (batch-norm running statistics). Layers view into these, so a
// snapshot, a rewind or an export of the whole network is one copy of a vector.
//
// Contract (in the manner of dlib's *_abstract.h):
//  - forward(x, mode) requires x.cols() == inputWidth(); it ensures layerOutput(i) holds the
//    output of layer i for that batch until the next forward. In Train mode x is copied (it
//    may be a temporary); in Eval mode it is not, so a caller that runs backward after an
//    Eval-mode forward (gradient checks) must keep x alive until then.
//  - backward(t) requires a Train- or Eval-mode forward on the same batch just before; it
//    ensures gradients() holds dL/dθ of the data loss (no regularization) and returns L.
//  - Nothing is allocated by forward/backward once a batch at least as large has been seen.
#pragma once

#include <memory>
#include <vector>

#include "core/rng.h"
#include "core/workspace.h"
#include "layers/layer.h"
#include "network/network_spec.h"

namespace nnplay {

// The largest network the engine builds (weights and biases): 50 M parameters, 200 MB of
// float32 for the parameters alone; refused before anything is allocated.
constexpr Index kMaxNetworkParameters = 50'000'000;

class Network {
 public:
  // Validates the spec (throws InvalidArgument naming the layer and the problem), builds the
  // layers and initializes the parameters from spec.seed.
  explicit Network(NetworkSpec spec);
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;

  const NetworkSpec& spec() const { return spec_; }
  Index inputWidth() const { return spec_.inputs(); }
  const Shape& inputShape() const { return spec_.input; }
  Index outputWidth() const;
  Index layerCount() const { return static_cast<Index>(layers_.size()); }
  const Layer& layer(Index i) const { return *layers_.at(static_cast<std::size_t>(i)); }
  Layer& layer(Index i) { return *layers_.at(static_cast<std::size_t>(i)); }
  // The output layer's activation (Linear if the stack does not end in an activation layer).
  Activation outputActivation() const;

  // Flat buffers. parameters() may be edited in place (optimizers, the page's weight editor).
  Index parameterCount() const { return parameters_.size(); }
  Vector& parameters() { return parameters_; }
  const Vector& parameters() const { return parameters_; }
  Vector& gradients() { return gradients_; }
  const Vector& gradients() const { return gradients_; }
  Vector& state() { return state_; }
  const Vector& state() const { return state_; }
  // 1 for weights, 0 for biases and batch-norm γ/β: where penalties and decay apply.
  const Vector& decayMask() const { return decayMask_; }
  // Where layer i's parameters start in parameters().
  Index parameterOffset(Index layer) const { return parameterOffsets_.at(static_cast<std::size_t>(layer)); }
  Index stateOffset(Index layer) const { return stateOffsets_.at(static_cast<std::size_t>(layer)); }

  // Draws new weights (and resets batch-norm statistics and the dropout generator).
  void initialize(std::uint64_t seed);

  // Runs the batch through every layer; returns the network output (N×outputWidth()).
  ConstMatrixMap forward(const ConstMatrixRef& input, Mode mode);
  // Runs only layers first..end on `input`, taken as the input of layer `first` (e.g. an
  // autoencoder's decoder fed with points of the 2-D code plane). Outputs of earlier layers
  // are left as they were; backward is not allowed after a partial forward.
  ConstMatrixMap forwardFrom(Index first, const ConstMatrixRef& input, Mode mode);
  // Output of layer i from the last forward (N×layer(i).outputWidth()).
  ConstMatrixMap layerOutput(Index i) const;
  Index lastBatchRows() const { return lastRows_; }

  // Back-propagates the loss against targets (N×outputWidth()) for the last forward.
  // Uses the fused (y − t)/count gradient for sigmoid+BCE and softmax+CCE.
  Scalar backward(const ConstMatrixRef& targets);
  // Back-propagates a given dL/d(output) (N×outputWidth()).
  void backwardFromOutputGradient(const ConstMatrixRef& gradOutput);
  // When enabled, backward also computes dL/d(input), readable with inputGradient().
  void setComputeInputGradient(bool enabled) { computeInputGradient_ = enabled; }
  bool computesInputGradient() const { return computeInputGradient_; }
  ConstMatrixMap inputGradient() const;

  // Eval-mode output as an independent matrix (convenience; allocates).
  Matrix predict(const ConstMatrixRef& input);

  // The generator behind dropout masks; saved with models so training continues exactly.
  Rng& dropoutRng() { return dropoutRng_; }
  const Rng& dropoutRng() const { return dropoutRng_; }

 private:
  void build();
  void backwardFrom(Index topLayer);

  NetworkSpec spec_;
  std::vector<std::unique_ptr<Layer>> layers_;
  Vector parameters_, gradients_, state_, decayMask_;
  std::vector<Index> parameterOffsets_, stateOffsets_;
  Rng dropoutRng_;
  // Per-batch workspaces: outputs_[i] is layer i's output, outputGrads_[i] is dL/d of it.
  std::vector<Workspace> outputs_, outputGrads_;
  Workspace inputGrad_;
  Workspace input_;  // a copy of the last Train-mode input
  const Scalar* inputData_ = nullptr;  // the last forward's input (input_ in Train mode)
  Index inputStride_ = 0;
  Index lastRows_ = 0;
  bool computeInputGradient_ = false;
  bool inputGradientValid_ = false;
  bool partialForward_ = false;
};

}  // namespace nnplay
