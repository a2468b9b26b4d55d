// What the simple RNN, the LSTM and the GRU share: a cell applied at every step of a
// sequence, batched over the samples, with backpropagation through time.
//
// Shapes: input sequence(T, F) → output sequence(T, H) (returnSequences) or features(H)
// (the last state). Per sample, x_t is columns t·F … t·F+F−1 of the batch, so every step is
// one GEMM over the contiguous N×F block x_t plus one recurrent GEMM over h_{t−1} (N×H).
// The initial state h_{−1} (and the LSTM's c_{−1}) is zero.
//
// Parameters (flat buffer, column-major): W (F × G·H, input kernel), then U (H × G·H,
// recurrent kernel), then b (G·H), then — GRU only — the recurrent bias b_h (G·H).
// Columns g·H … g·H+H−1 of W, U and b belong to gate g (G gates, in the order gateName()).
//
// Initialization: W by the resolved initializer (Xavier or He by fan-in F, fan-out G·H);
// U orthogonal, one H×H orthogonal block per gate (Saxe et al. 2014, Keras' default):
// an orthogonal matrix keeps ‖h·U‖ = ‖h‖, so at the start the recurrent path neither
// shrinks nor blows up the state, which is what lets gradients travel back many steps.
// Biases zero (the LSTM forget gate: 1, see lstm.h).
//
// Backpropagation through time: backward runs the steps in reverse, carrying dL/dh_t (and
// the LSTM's dL/dc_t). bpttSteps = k > 0 truncates it: the steps are cut into chunks of k
// counted back from the last step, and no gradient crosses a chunk boundary (the classic
// truncated BPTT with k₁ = k₂ = k). Every step still gets the gradient of its own output
// and contributes to the weight gradients. bpttSteps = 0 is the full, exact gradient.
//
// For the views (after forward / backward on the same batch):
//  - hiddenStates(): N×(T·H), h_t of sample n at row n, columns t·H … t·H+H−1;
//  - gateActivations(): N×(T·G·H), gate g of step t at columns (t·G + g)·H … (post-activation);
//  - gradientNormPerStep(): T values, ‖dL/dh_t‖ (Frobenius over the batch) — the total
//    gradient reaching h_t from its own output and from later steps: "vanishing gradients".
#pragma once

#include <string>

#include "core/workspace.h"
#include "layers/layer.h"
#include "schema/field.h"

namespace nnplay {

// The settings the simple RNN, LSTM and GRU registry entries share: units, returnSequences,
// bpttSteps, initializer.
std::vector<FieldSchema> recurrentLayerFields();

class RecurrentLayer : public Layer {
 public:
  Index parameterCount() const override;
  void bind(Scalar* parameters, Scalar* gradients, Scalar* state) override;
  void writeDecayMask(Scalar* mask) const override;
  void initialize(Initializer initializer, Rng& rng) override;

  void forward(const ConstMatrixRef& input, MatrixRef output, Mode mode) override;
  void backward(const ConstMatrixRef& input, const ConstMatrixRef& output,
                const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                bool needInputGradient) override;

  Index steps() const { return inputShape().time(); }
  Index features() const { return inputShape().featuresPerStep(); }
  Index units() const { return units_; }
  Index gateCount() const { return gates_; }
  virtual const char* gateName(Index gate) const = 0;
  bool returnSequences() const { return returnSequences_; }
  Index bpttSteps() const { return bpttSteps_; }

  MatrixMap inputKernel() { return {parameters_, features(), gates_ * units_}; }
  MatrixMap recurrentKernel() { return {parameters_ + kernelSize(), units_, gates_ * units_}; }
  RowVectorMap bias() { return {parameters_ + kernelSize() + recurrentSize(), gates_ * units_}; }
  MatrixMap inputKernelGradient() { return {gradients_, features(), gates_ * units_}; }
  MatrixMap recurrentKernelGradient() { return {gradients_ + kernelSize(), units_, gates_ * units_}; }
  RowVectorMap biasGradient() { return {gradients_ + kernelSize() + recurrentSize(), gates_ * units_}; }

  // Views of the last forward / backward (see the header comment).
  ConstMatrixMap hiddenStates() const { return {states_.data(), rows_, steps() * units_}; }
  ConstMatrixMap gateActivations() const { return {gateStore_.data(), rows_, steps() * gates_ * units_}; }
  const Vector& gradientNormPerStep() const { return gradientNorms_; }

 protected:
  // input must be a sequence; gates = G; hasRecurrentBias adds b_h (GRU).
  RecurrentLayer(const char* what, Shape input, Index units, Index gates, bool returnSequences,
                 Index bpttSteps, bool hasRecurrentBias);

  // Step t of forward. gates holds x_t·W + b on entry (N×G·H); the cell adds its recurrent
  // term, applies the gate activations in place (they are kept for backward) and writes h_t.
  virtual void forwardStep(Index t, const ConstMatrixRef& hPrev, MatrixRef gates, MatrixRef h) = 0;
  // Step t of backward, given dh = dL/dh_t (N×H). Writes the pre-activation gradients:
  // dInput for the input side (W, b, dL/dx_t) and, when separateRecurrentGradient(), dRecurrent
  // for the recurrent side (U, b_h, dL/dh_{t−1}); and the part of dL/dh_{t−1} that does not go
  // through U (GRU: z ⊙ dh; zero otherwise) into dhPrevDirect.
  virtual void backwardStep(Index t, const ConstMatrixRef& hPrev, const ConstMatrixRef& dh,
                            MatrixRef dInput, MatrixRef dRecurrent, MatrixRef dhPrevDirect) = 0;
  virtual bool separateRecurrentGradient() const { return false; }
  // Called at the start of forward/backward and at each truncation boundary: a cell that
  // carries more than h (the LSTM's c) resets its own state/gradient there.
  virtual void prepareSequence(Index /*rows*/) {}
  virtual void cutCarriedGradient() {}
  // Bias initialization hook (LSTM: forget gate 1).
  virtual void initializeBias() { bias().setZero(); }

  RowVectorMap recurrentBias() { return {parameters_ + kernelSize() + recurrentSize() + gates_ * units_, gates_ * units_}; }
  RowVectorMap recurrentBiasGradient() {
    return {gradients_ + kernelSize() + recurrentSize() + gates_ * units_, gates_ * units_};
  }
  // Gate activations of step t (N×G·H) and h_t (N×H) of the current batch.
  using ColumnBlock = Eigen::Block<MatrixMap, Eigen::Dynamic, Eigen::Dynamic, true>;
  ColumnBlock gatesAt(Index t) { return gateMatrix().middleCols(t * gates_ * units_, gates_ * units_); }
  ColumnBlock stateAt(Index t) { return stateMatrix().middleCols(t * units_, units_); }
  Index rows() const { return rows_; }

 private:
  Index kernelSize() const { return features() * gates_ * units_; }
  Index recurrentSize() const { return units_ * gates_ * units_; }
  MatrixMap gateMatrix() { return {gateStore_.data(), rows_, steps() * gates_ * units_}; }
  MatrixMap stateMatrix() { return {states_.data(), rows_, steps() * units_}; }

  Index units_;
  Index gates_;
  bool returnSequences_;
  Index bpttSteps_;
  bool hasRecurrentBias_;
  Scalar* parameters_ = nullptr;
  Scalar* gradients_ = nullptr;
  Index rows_ = 0;
  // Per-batch workspaces, sized on the largest batch.
  Workspace states_;     // h_t for every step, N×(T·H)
  Workspace gateStore_;  // gate activations for every step, N×(T·G·H)
  Workspace zeroState_;  // h_{−1} = 0, N×H
  Workspace dh_, dhNext_;            // N×H
  Workspace dInput_, dRecurrent_;    // N×G·H
  Vector gradientNorms_;             // T
};

}  // namespace nnplay
