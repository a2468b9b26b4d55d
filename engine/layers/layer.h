// The layer interface. A layer computes forward and backward on whole batches and writes
// its parameter gradients; it never updates its parameters (the optimizer does).
// Parameters, gradients and non-trainable state (batch-norm running statistics) live in
// flat buffers owned by the Network; a layer only holds views into them (bind()).
#pragma once

#include <string>

#include "core/types.h"

namespace nnplay {

enum class LayerKind { Dense, Activation, Dropout, BatchNorm };

// "dense", "activation", "dropout", "batch_norm".
const char* layerKindName(LayerKind kind);
LayerKind parseLayerKind(const std::string& name);

class Layer {
 public:
  Layer(Index inputWidth, Index outputWidth) : inputWidth_(inputWidth), outputWidth_(outputWidth) {}
  virtual ~Layer() = default;
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;

  virtual LayerKind kind() const = 0;
  Index inputWidth() const { return inputWidth_; }
  Index outputWidth() const { return outputWidth_; }

  // Sizes of this layer's slices of the network's flat buffers.
  virtual Index parameterCount() const { return 0; }
  virtual Index stateCount() const { return 0; }
  // Called once by the network, with pointers to this layer's slices.
  virtual void bind(Scalar* /*parameters*/, Scalar* /*gradients*/, Scalar* /*state*/) {}
  // Writes 1 for each parameter that weight penalties and weight decay apply to (weights),
  // 0 for the others (biases, batch-norm gamma and beta).
  virtual void writeDecayMask(Scalar* mask) const {
    for (Index i = 0; i < parameterCount(); ++i) mask[i] = 0;
  }

  // input: N×inputWidth; output: N×outputWidth (storage owned by the network).
  virtual void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) = 0;

  // Given dL/d(output), writes this layer's parameter gradients (overwriting them) and,
  // when needInputGradient, dL/d(input) into gradInput. input/output are those of the
  // last forward call, which must have been made with the same batch.
  virtual void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                        const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                        bool needInputGradient) = 0;

 private:
  Index inputWidth_;
  Index outputWidth_;
};

}  // namespace nnplay
