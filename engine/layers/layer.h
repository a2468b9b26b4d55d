// The layer interface. A layer computes forward and backward on whole batches and writes
// its parameter gradients; it never updates its parameters (the optimizer does).
// Parameters, gradients and non-trainable state (batch-norm running statistics) live in
// flat buffers owned by the Network; a layer only holds views into them (bind()).
#pragma once

#include <string>

#include "core/rng.h"
#include "core/shape.h"
#include "core/types.h"
#include "layers/initializer.h"

namespace nnplay {

class Layer {
 public:
  Layer(Shape input, Shape output) : input_(input), output_(output) {}
  // A layer on flat features (dense, and element-wise layers on any data).
  Layer(Index inputWidth, Index outputWidth) : Layer(Shape::features(inputWidth), Shape::features(outputWidth)) {}
  virtual ~Layer() = default;
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;

  // The kind's name in the layer registry and in model files: "dense", "conv2d", "lstm"…
  virtual const char* kind() const = 0;
  bool is(const char* kindName) const;
  // Shapes of one sample; the batch matrices are N×inputWidth() and N×outputWidth().
  const Shape& inputShape() const { return input_; }
  const Shape& outputShape() const { return output_; }
  Index inputWidth() const { return input_.size(); }
  Index outputWidth() const { return output_.size(); }

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

  // Draws initial parameters and resets non-trainable state. `initializer` is already
  // resolved (never Auto); layers without weights ignore it. Layers compute their own
  // fan-in/fan-out (a convolution's fan-in is channels·kernel²).
  virtual void initialize(Initializer /*initializer*/, Rng& /*rng*/) {}

  // input: N×inputWidth; output: N×outputWidth (storage owned by the network).
  virtual void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) = 0;

  // Given dL/d(output), writes this layer's parameter gradients (overwriting them) and,
  // when needInputGradient, dL/d(input) into gradInput. input/output are those of the
  // last forward call, which must have been made with the same batch.
  virtual void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                        const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                        bool needInputGradient) = 0;

 private:
  Shape input_;
  Shape output_;
};

}  // namespace nnplay
