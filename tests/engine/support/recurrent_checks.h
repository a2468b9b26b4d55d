// Checks every recurrent layer (simple RNN, LSTM, GRU) must pass, written once.
#pragma once

#include <catch2/catch.hpp>

#include <memory>

#include "layers/recurrent_layer.h"
#include "support/layer_harness.h"
#include "support/layer_stack.h"
#include "support/test_data.h"

namespace nnplay::test {

// Finite-difference check of W, U, b (and b_h) and of dL/dx for a layer over T = 5 steps,
// F = 3 features, H = 4 units, batch 3, full BPTT.
template <class Cell>
void requireRecurrentGradientsMatch(bool returnSequences, std::uint64_t seed) {
  Cell cell(Shape::sequence(5, 3), 4, returnSequences);
  BoundLayer bound(cell);
  Rng rng(seed);
  cell.initialize(Initializer::XavierUniform, rng);
  perturbParameters(bound.parameters, seed + 1);
  const Matrix x = randomMatrix(3, 5 * 3, seed + 2);
  const Matrix projection = randomMatrix(3, cell.outputWidth(), seed + 3);
  const LayerGradientCheck c = checkLayerGradients(bound, x, projection, Mode::Train);
  INFO(cell.kind() << (returnSequences ? ", every step" : ", last state"));
  INFO("parameters: " << c.parameters.describe());
  INFO("inputs: " << c.inputs.describe());
  REQUIRE(c.parameters.compared == cell.parameterCount());
  REQUIRE(c.parameters.maxRelativeError < kGradientTolerance);
  REQUIRE(c.inputs.maxRelativeError < kGradientTolerance);
}

// bpttSteps ≥ T is the full gradient; bpttSteps = 1 in last-state mode leaves every step but
// the last without input gradient (nothing crosses a step boundary).
template <class Cell>
void requireTruncationCutsTheGradient() {
  const Index T = 6;
  const Matrix x = randomMatrix(4, T * 2, 5);
  auto gradientsWith = [&](Index bptt, Matrix& gradInput) {
    Cell cell(Shape::sequence(T, 2), 3, false, bptt);
    BoundLayer bound(cell);
    Rng rng(7);
    cell.initialize(Initializer::XavierUniform, rng);
    const Matrix y = bound.forward(x, Mode::Train);
    gradInput = bound.backward(x, y, randomMatrix(4, 3, 8));
    return Vector(bound.gradients);
  };
  Matrix full, sameAsFull, cutEveryStep, cutEveryTwo;
  const Vector gFull = gradientsWith(0, full);
  const Vector gLong = gradientsWith(T, sameAsFull);
  REQUIRE(gFull == gLong);
  REQUIRE(full == sameAsFull);
  gradientsWith(1, cutEveryStep);
  CHECK(cutEveryStep.leftCols((T - 1) * 2).isZero());
  CHECK(cutEveryStep.rightCols(2) == full.rightCols(2));
  gradientsWith(2, cutEveryTwo);
  CHECK(cutEveryTwo.leftCols((T - 2) * 2).isZero());
  CHECK(cutEveryTwo.rightCols(4).isApprox(full.rightCols(4)));
}

// The views: hidden states N×(T·H) end with the output; gate activations N×(T·G·H);
// T gradient norms, the last one ‖dL/dy‖ in last-state mode.
template <class Cell>
void requireViewsDescribeTheLastBatch() {
  const Index T = 4, H = 3;
  Cell cell(Shape::sequence(T, 2), H, false);
  BoundLayer bound(cell);
  Rng rng(3);
  cell.initialize(Initializer::XavierUniform, rng);
  const Matrix x = randomMatrix(5, T * 2, 4);
  const Matrix y = bound.forward(x, Mode::Train);
  REQUIRE(cell.hiddenStates().rows() == 5);
  REQUIRE(cell.hiddenStates().cols() == T * H);
  REQUIRE(cell.hiddenStates().rightCols(H) == y);
  REQUIRE(cell.gateActivations().cols() == T * cell.gateCount() * H);
  const Matrix gradOutput = randomMatrix(5, H, 6);
  bound.backward(x, y, gradOutput);
  REQUIRE(cell.gradientNormPerStep().size() == T);
  CHECK(cell.gradientNormPerStep()(T - 1) == Approx(gradOutput.norm()));
  for (Index t = 0; t < T - 1; ++t) CHECK(cell.gradientNormPerStep()(t) > 0);
  // In every-step mode the sequence output is the hidden-state view itself.
  Cell every(Shape::sequence(T, 2), H, true);
  BoundLayer boundEvery(every);
  boundEvery.parameters = bound.parameters;
  const Matrix sequence = boundEvery.forward(x, Mode::Train);
  REQUIRE(every.outputShape() == Shape::sequence(T, H));
  REQUIRE(sequence == every.hiddenStates());
  REQUIRE(sequence.rightCols(H) == y);
}

// Nothing allocated by forward/backward once the largest batch has been seen (Eigen's
// detector, f64 build): a batch of 8, then 8 and 5 again, in both output modes.
template <class Cell>
void requireNoAllocationAfterFirstBatch() {
#ifdef EIGEN_RUNTIME_NO_MALLOC
  for (bool returnSequences : {false, true}) {
    Cell cell(Shape::sequence(6, 3), 5, returnSequences, 0);
    BoundLayer bound(cell);
    Rng rng(1);
    cell.initialize(Initializer::XavierUniform, rng);
    const Matrix x = randomMatrix(8, 6 * 3, 2);
    Matrix y(8, cell.outputWidth()), gradOutput = randomMatrix(8, cell.outputWidth(), 3), gradInput(8, 6 * 3);
    cell.forward(x, y, Mode::Train);
    cell.backward(x, y, gradOutput, gradInput, true);
    Eigen::internal::set_is_malloc_allowed(false);
    try {
      cell.forward(x, y, Mode::Train);
      cell.backward(x, y, gradOutput, gradInput, true);
      cell.forward(x.topRows(5), y.topRows(5), Mode::Train);
      cell.backward(x.topRows(5), y.topRows(5), gradOutput.topRows(5), gradInput.topRows(5), true);
    } catch (...) {
      Eigen::internal::set_is_malloc_allowed(true);
      FAIL_CHECK("Eigen allocated during forward/backward after the first batch");
      throw;
    }
    Eigen::internal::set_is_malloc_allowed(true);
  }
#endif
}

}  // namespace nnplay::test
