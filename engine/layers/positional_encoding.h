// Adds a position signal to each step of a sequence(T, D), so that attention (which is
// blind to order) can tell the steps apart. Output = input + P, P a T×D table:
//  - Sinusoidal (Vaswani et al. 2017), no parameters:
//      P(t, 2i) = sin(t / 10000^(2i/D)),  P(t, 2i+1) = cos(t / 10000^(2i/D));
//  - Learned: P is a parameter (T·D values, step-major like a sample: P(t, j) is parameter
//    t·D + j), started at U(−0.05, 0.05), not decayed.
#pragma once

#include <string>

#include "layers/layer.h"

namespace nnplay {

enum class PositionalEncoding { Sinusoidal, Learned };

// "sinusoidal", "learned".
const char* positionalEncodingName(PositionalEncoding encoding);
PositionalEncoding parsePositionalEncoding(const std::string& name);

class PositionalEncodingLayer final : public Layer {
 public:
  PositionalEncodingLayer(Shape input, PositionalEncoding encoding);

  const char* kind() const override { return "positional_encoding"; }
  PositionalEncoding encoding() const { return encoding_; }
  Index parameterCount() const override { return encoding_ == PositionalEncoding::Learned ? inputWidth() : 0; }
  void bind(Scalar* parameters, Scalar* gradients, Scalar* state) override;
  void initialize(Initializer initializer, Rng& rng) override;

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

  // P as one row of T·D values (the layout of one sample).
  Eigen::Map<const RowVector> table() const;

 private:
  PositionalEncoding encoding_;
  RowVector sinusoids_;  // the fixed table (Sinusoidal only)
  Scalar* parameters_ = nullptr;
  Scalar* gradients_ = nullptr;
};

}  // namespace nnplay
