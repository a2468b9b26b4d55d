// Inverted dropout (Srivastava et al. 2014, in the form Keras and PyTorch use): in Train mode
// each value is kept with probability 1 − rate and scaled by 1 / (1 − rate), so the expected
// output equals the input; in Eval mode the layer is the identity.
#pragma once

#include "core/rng.h"
#include "core/workspace.h"
#include "layers/layer.h"

namespace nnplay {

class DropoutLayer final : public Layer {
 public:
  // rng: the network's dropout generator (seeded with the network), used for the masks.
  DropoutLayer(const Shape& shape, Scalar rate, Rng& rng);
  DropoutLayer(Index width, Scalar rate, Rng& rng) : DropoutLayer(Shape::features(width), rate, rng) {}

  const char* kind() const override { return "dropout"; }
  Scalar rate() const { return rate_; }

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

  // The mask of the last Train-mode forward: N×width, entries 0 (dropped) or 1/(1 − rate).
  ConstMatrixMap mask() const { return {maskView_.data(), maskView_.rows(), maskView_.cols()}; }
  // While frozen, forward reuses the last mask (for gradient checks and visualization).
  void freezeMask(bool frozen) { frozen_ = frozen; }

 private:
  Scalar rate_;
  Rng* rng_;
  bool frozen_ = false;
  bool lastWasTrain_ = false;
  Workspace maskStorage_;
  MatrixMap maskView_{nullptr, 0, 0};
};

}  // namespace nnplay
