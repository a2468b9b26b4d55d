#include "network/network.h"

#include <cmath>
#include <string>

#include "core/error.h"
#include "layers/activation_layer.h"
#include "layers/layer_registry.h"

namespace nnplay {

namespace {

std::string layerName(std::size_t index, const std::string& kind) {
  return "layer " + std::to_string(index + 1) + " (" + kind + ")";
}

// The activation applied after layer i, looking past layers without weights (batch norm,
// dropout, pooling): what Auto initialization of layer i's weights is chosen for.
Activation activationAfter(const NetworkSpec& spec, std::size_t i) {
  for (std::size_t j = i + 1; j < spec.layers.size(); ++j) {
    const LayerSpec& s = spec.layers[j];
    if (s.kind == "activation") return s.activation();
    if (s.params.contains("initializer")) break;  // the next layer with weights
  }
  return Activation::Linear;
}

}  // namespace

Network::Network(NetworkSpec spec) : spec_(std::move(spec)) {
  build();
  initialize(spec_.seed);
}

void Network::build() {
  const Index inputs = spec_.input.size();
  require(spec_.input.rank >= 1 && spec_.input.rank <= 3, "the network's input shape must have 1 to 3 dimensions");
  require(inputs >= 1, "the network needs at least 1 input, got " + std::to_string(inputs));
  require(inputs <= 1000000, "the network has too many inputs (" + std::to_string(inputs) + ")");
  require(!spec_.layers.empty(), "the network is empty: add at least one layer");
  Shape shape = spec_.input;
  Index parameterCount = 0, stateCount = 0;
  LayerContext context{dropoutRng_};
  for (std::size_t i = 0; i < spec_.layers.size(); ++i) {
    LayerSpec& s = spec_.layers[i];
    std::unique_ptr<Layer> layer;
    try {
      const LayerKindInfo& info = findLayerKind(s.kind);
      // JSON input was validated against the schema when read (spec_json); settings written
      // in code get their defaults here and are checked by the layer, in its own words.
      if (!s.params.is_object()) s.params = nlohmann::json::object();
      for (const FieldSchema& f : info.fields)
        if (!s.params.contains(f.name)) s.params[f.name] = f.fallback;
      layer = info.build(s, shape, context);
    } catch (const InvalidArgument& e) {
      throw InvalidArgument(layerName(i, s.kind) + ": " + e.what());
    }
    parameterOffsets_.push_back(parameterCount);
    stateOffsets_.push_back(stateCount);
    parameterCount += layer->parameterCount();
    stateCount += layer->stateCount();
    require(parameterCount <= kMaxNetworkParameters,
            "the network has too many weights (more than " + std::to_string(kMaxNetworkParameters) + ")");
    shape = layer->outputShape();
    layers_.push_back(std::move(layer));
  }
  parameters_ = Vector::Zero(parameterCount);
  gradients_ = Vector::Zero(parameterCount);
  state_ = Vector::Zero(stateCount);
  decayMask_ = Vector::Zero(parameterCount);
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    Scalar* p = parameters_.data() + parameterOffsets_[i];
    Scalar* g = gradients_.data() + parameterOffsets_[i];
    Scalar* st = state_.data() + stateOffsets_[i];
    layers_[i]->bind(p, g, st);
    layers_[i]->writeDecayMask(decayMask_.data() + parameterOffsets_[i]);
  }
  outputs_.resize(layers_.size());
  outputGrads_.resize(layers_.size());
}

Index Network::outputWidth() const { return layers_.back()->outputWidth(); }

Activation Network::outputActivation() const {
  const Layer& last = *layers_.back();
  if (last.is("activation")) return static_cast<const ActivationLayer&>(last).activation();
  return Activation::Linear;
}

void Network::initialize(std::uint64_t seed) {
  spec_.seed = seed;
  Rng rng(seed);
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    Layer& layer = *layers_[i];
    const Initializer own = spec_.layers[i].initializer();
    const Initializer chosen = own != Initializer::Auto ? own : spec_.initializer;
    layer.initialize(resolveInitializer(chosen, activationAfter(spec_, i)), rng);
  }
  gradients_.setZero();
  // A separate stream for dropout, so that adding dropout does not change the weights.
  dropoutRng_.reseed(seed ^ 0x9e3779b97f4a7c15ULL);
}

ConstMatrixMap Network::forward(const ConstMatrixRef& input, Mode mode) { return forwardFrom(0, input, mode); }

ConstMatrixMap Network::forwardFrom(Index first, const ConstMatrixRef& input, Mode mode) {
  // Hot path (every batch): if/throw builds the messages only on failure; require() would
  // build its std::string argument (a heap allocation here) on every call.
  if (first < 0 || first >= layerCount()) {
    throw InvalidArgument("layer " + std::to_string(first) + " does not exist");
  }
  const Index width = layers_[static_cast<std::size_t>(first)]->inputWidth();
  if (input.cols() != width) {
    throw InvalidArgument("the input has " + std::to_string(input.cols()) + " columns but " +
                          (first == 0 ? std::string("the network expects ") : "layer " + std::to_string(first + 1) + " expects ") +
                          std::to_string(width) + " input" + (width == 1 ? "" : "s"));
  }
  const Index rows = input.rows();
  if (rows < 1) throw InvalidArgument("the batch is empty: give at least one sample");
  // Train mode keeps a private copy of the batch: the first layer's backward reads it, and
  // the caller's argument may be a temporary (a Ref bound to an expression Eigen evaluated).
  // Eval mode (grids, whole-set evaluation) does not, to save the memory of large inputs.
  if (mode == Mode::Train) {
    MatrixMap copied = input_.view(rows, width);
    copied = input;
    inputData_ = copied.data();
    inputStride_ = rows;
  } else {
    inputData_ = input.data();
    inputStride_ = input.outerStride();
  }
  const Eigen::Map<const Matrix, 0, Eigen::OuterStride<>> firstInput(inputData_, rows, width,
                                                                     Eigen::OuterStride<>(inputStride_));
  lastRows_ = rows;
  inputGradientValid_ = false;
  partialForward_ = first > 0;
  for (std::size_t i = static_cast<std::size_t>(first); i < layers_.size(); ++i) {
    MatrixMap out = outputs_[i].view(rows, layers_[i]->outputWidth());
    if (i == static_cast<std::size_t>(first)) {
      layers_[i]->forward(firstInput, out, mode);
    } else {
      layers_[i]->forward(layerOutput(static_cast<Index>(i) - 1), out, mode);
    }
  }
  return layerOutput(layerCount() - 1);
}

ConstMatrixMap Network::layerOutput(Index i) const {
  const auto ui = static_cast<std::size_t>(i);
  if (i < 0 || ui >= layers_.size()) throw InvalidArgument("layer index " + std::to_string(i) + " is out of range");
  return ConstMatrixMap(outputs_[ui].data(), lastRows_, layers_[ui]->outputWidth());
}

Scalar Network::backward(const ConstMatrixRef& targets) {
  if (lastRows_ <= 0) throw InvalidArgument("call forward before backward");
  const ConstMatrixMap y = layerOutput(layerCount() - 1);
  if (targets.rows() != y.rows() || targets.cols() != y.cols()) {
    throw InvalidArgument("the targets are " + std::to_string(targets.rows()) + "×" + std::to_string(targets.cols()) +
                          " but the network output is " + std::to_string(y.rows()) + "×" + std::to_string(y.cols()));
  }
  const Scalar loss = lossValue(spec_.loss, y, targets);
  const Index top = layerCount() - 1;
  if (top >= 1 && hasFusedGradient(outputActivation(), spec_.loss)) {
    // dL/dz straight into the gradient of the layer below the output activation.
    MatrixMap gradZ = outputGrads_[static_cast<std::size_t>(top - 1)].view(y.rows(), y.cols());
    fusedGradient(spec_.loss, y, targets, gradZ);
    backwardFrom(top - 1);
  } else {
    MatrixMap gradY = outputGrads_[static_cast<std::size_t>(top)].view(y.rows(), y.cols());
    lossGradient(spec_.loss, y, targets, gradY);
    backwardFrom(top);
  }
  return loss;
}

void Network::backwardFromOutputGradient(const ConstMatrixRef& gradOutput) {
  if (lastRows_ <= 0) throw InvalidArgument("call forward before backward");
  if (gradOutput.rows() != lastRows_ || gradOutput.cols() != outputWidth())
    throw InvalidArgument("the output gradient has the wrong shape");
  const Index top = layerCount() - 1;
  MatrixMap gradY = outputGrads_[static_cast<std::size_t>(top)].view(lastRows_, outputWidth());
  gradY = gradOutput;
  backwardFrom(top);
}

void Network::backwardFrom(Index topLayer) {
  // Requires outputGrads_[topLayer] to hold dL/d(output of topLayer). Layers above it (the
  // fused output activation) have no parameters.
  for (Index i = topLayer; i >= 0; --i) {
    const auto ui = static_cast<std::size_t>(i);
    Layer& layer = *layers_[ui];
    const ConstMatrixMap out = layerOutput(i);
    const ConstMatrixMap gradOut(outputGrads_[ui].data(), lastRows_, layer.outputWidth());
    if (i > 0) {
      MatrixMap gradIn = outputGrads_[ui - 1].view(lastRows_, layer.inputWidth());
      layer.backward(layerOutput(i - 1), out, gradOut, gradIn, true);
    } else {
      const Eigen::Map<const Matrix, 0, Eigen::OuterStride<>> input(inputData_, lastRows_, spec_.inputs(),
                                                                     Eigen::OuterStride<>(inputStride_));
      if (computeInputGradient_) {
        MatrixMap gradIn = inputGrad_.view(lastRows_, spec_.inputs());
        layer.backward(input, out, gradOut, gradIn, true);
        inputGradientValid_ = true;
      } else {
        MatrixMap none(nullptr, 0, 0);
        layer.backward(input, out, gradOut, none, false);
      }
    }
  }
}

ConstMatrixMap Network::inputGradient() const {
  require(inputGradientValid_, "no input gradient: enable setComputeInputGradient and run backward");
  return ConstMatrixMap(inputGrad_.data(), lastRows_, spec_.inputs());
}

Matrix Network::predict(const ConstMatrixRef& input) { return forward(input, Mode::Eval); }

}  // namespace nnplay
