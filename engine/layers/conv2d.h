// 2-D convolution (cross-correlation, as in every deep-learning library): F filters of size
// C×k×k slide over a C×H×W image with stride s, giving an F×H'×W' image.
//
//   y[f, oy, ox] = b[f] + Σ_c Σ_i Σ_j w[f, c, i, j] · x[c, oy·s + i − padTop, ox·s + j − padLeft]
//
// Padding (the Keras/TensorFlow convention):
//   valid: no padding, H' = ⌊(H − k) / s⌋ + 1 (the kernel must fit the input);
//   same:  H' = ⌈H / s⌉, zeros added around the image, padTop = ⌊total / 2⌋ with
//          total = max((H' − 1)·s + k − H, 0) (the extra row, if any, goes at the bottom).
//
// Parameter layout in the flat buffer: the weight matrix Wmat (C·k·k × F) column-major,
// then the F biases. Row (c·k + i)·k + j of column f is w[f, c, i, j], so the weight of
// filter f, channel c, kernel row i, column j is parameter f·C·k·k + (c·k + i)·k + j.
//
// Kernel (im2col + one GEMM per batch): with the batch X column-major N×(C·H·W), the patch
// matrix P has one row per (sample n, output position p = oy·W' + ox), row index n + N·p,
// and one column per (c, i, j); every entry block is a contiguous run of N input values (or
// zeros for padding). P·Wmat (N·H'·W' × F) then has exactly the memory layout of the output
// batch N×(F·H'·W'), so the product writes the output in place. Backward: dWmat = Pᵀ·dY,
// db = column sums of dY, dP = dY·Wmatᵀ scattered back onto dX (col2im, runs of N).
#pragma once

#include <string>

#include "core/workspace.h"
#include "layers/layer.h"

namespace nnplay {

enum class Padding { Same, Valid };

// "same", "valid".
const char* paddingName(Padding padding);
Padding parsePadding(const std::string& name);

class Conv2DLayer final : public Layer {
 public:
  // input: Shape::image(C, H, W). Throws InvalidArgument when the settings or the input
  // shape do not make a convolution (e.g. "a 5×5 valid convolution does not fit a 3×3 input").
  Conv2DLayer(Shape input, Index filters, Index kernel, Index stride = 1, Padding padding = Padding::Same);

  const char* kind() const override { return "conv2d"; }
  Index filters() const { return outputShape().channels(); }
  Index kernel() const { return kernel_; }
  Index stride() const { return stride_; }
  Padding padding() const { return padding_; }
  Index padTop() const { return padTop_; }
  Index padLeft() const { return padLeft_; }

  Index parameterCount() const override { return patchWidth() * filters() + filters(); }
  void bind(Scalar* parameters, Scalar* gradients, Scalar* state) override;
  void writeDecayMask(Scalar* mask) const override;

  // Weights from fan-in C·k·k and fan-out F·k·k; biases 0.
  void initialize(Initializer initializer, Rng& rng) override;

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

  // Wmat (C·k·k × F): column f is filter f.
  MatrixMap weights() { return {parameters_, patchWidth(), filters()}; }
  ConstMatrixMap weights() const { return {parameters_, patchWidth(), filters()}; }
  RowVectorMap bias() { return {parameters_ + patchWidth() * filters(), filters()}; }
  MatrixMap weightGradient() { return {gradients_, patchWidth(), filters()}; }
  RowVectorMap biasGradient() { return {gradients_ + patchWidth() * filters(), filters()}; }

 private:
  // C·k·k: the values one output position sees.
  Index patchWidth() const { return inputShape().channels() * kernel_ * kernel_; }
  Index outputPositions() const { return outputShape().height() * outputShape().width(); }

  // Calls inside(tap, position, inputColumn, count) for each run of `count` output positions
  // of one output row (starting at `position` = oy·W' + ox) whose kernel tap
  // tap = (c·k + i)·k + j reads inside the image, starting at input column inputColumn and
  // advancing by the stride; outside(tap, position, count) for runs that read padding.
  template <class Inside, class Outside>
  void forEachTapRun(Inside&& inside, Outside&& outside) const;

  void im2col(const ConstMatrixRef& input, MatrixMap patches) const;
  void col2im(const ConstMatrixMap& patchGradient, MatrixRef gradInput) const;

  Index kernel_, stride_;
  Padding padding_;
  Index padTop_ = 0, padLeft_ = 0;
  Scalar* parameters_ = nullptr;
  Scalar* gradients_ = nullptr;
  // Per-batch storage; grows to the largest batch, then is reused.
  Workspace patches_;         // P, N·H'·W' × C·k·k (kept from forward for dWmat)
  Workspace patchGradient_;   // dP, same shape
  Workspace staging_;         // output or dY when the caller's matrix is a strided row block
};

}  // namespace nnplay
