#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "diagnostics/backprop_trace.h"
#include "session/session.h"
#include "support/test_data.h"

using namespace nnplay;

namespace {

double maxDifference(const Vector& a, const Vector& b) {
  REQUIRE(a.size() == b.size());
  return a.size() == 0 ? 0.0 : static_cast<double>((a - b).cwiseAbs().maxCoeff());
}

OptimizerSettings adam() {
  OptimizerSettings s = OptimizerSettings::defaultsFor(OptimizerKind::Adam);
  s.learningRate = 0.01;
  return s;
}

}  // namespace

TEST_CASE("a 2-3-2 trace matches a hand-computed forward and backward pass", "[diagnostics]") {
  // Dense(2→3) → tanh → Dense(3→2) → softmax, categorical cross-entropy.
  Network net(mlpSpec(2, std::vector<Index>{3}, Activation::Tanh, 2, Activation::Softmax,
                      Loss::CategoricalCrossEntropy, 5));
  auto optimizer = Optimizer::create(OptimizerSettings::defaultsFor(OptimizerKind::SGD), net.parameterCount());
  const Vector& p = net.parameters();
  // Parameters: W1 (2×3, column-major), b1 (3), W2 (3×2), b2 (2).
  auto w1 = [&](int i, int j) { return static_cast<double>(p(j * 2 + i)); };
  auto b1 = [&](int j) { return static_cast<double>(p(6 + j)); };
  auto w2 = [&](int j, int k) { return static_cast<double>(p(9 + k * 3 + j)); };
  auto b2 = [&](int k) { return static_cast<double>(p(15 + k)); };
  Matrix x(1, 2), t(1, 2);
  x << 0.4, -0.7;
  t << 0, 1;

  double a[3], z2[2], y[2], d2[2], d1[3];
  for (int j = 0; j < 3; ++j) a[j] = std::tanh(w1(0, j) * x(0, 0) + w1(1, j) * x(0, 1) + b1(j));
  for (int k = 0; k < 2; ++k) z2[k] = b2(k) + w2(0, k) * a[0] + w2(1, k) * a[1] + w2(2, k) * a[2];
  const double m = std::max(z2[0], z2[1]), e0 = std::exp(z2[0] - m), e1 = std::exp(z2[1] - m);
  y[0] = e0 / (e0 + e1);
  y[1] = e1 / (e0 + e1);
  for (int k = 0; k < 2; ++k) d2[k] = y[k] - t(0, k);  // softmax + CCE: dL/dz = y − t
  for (int j = 0; j < 3; ++j) d1[j] = (w2(j, 0) * d2[0] + w2(j, 1) * d2[1]) * (1 - a[j] * a[j]);

  const BackpropTrace trace = traceBackprop(net, *optimizer, x, t);
  const double tolerance = sizeof(Scalar) == 8 ? 1e-12 : 1e-5;
  REQUIRE(trace.outputs.size() == 4);
  CHECK(std::fabs(trace.loss - (-std::log(y[1]))) < tolerance);
  for (int j = 0; j < 3; ++j) {
    CHECK(std::fabs(trace.outputs[1](j) - a[j]) < tolerance);         // after tanh
    CHECK(std::fabs(trace.deltas[0](j) - d1[j]) < tolerance);          // dL/dz1
    CHECK(std::fabs(trace.gradients(6 + j) - d1[j]) < tolerance);      // dL/db1 = δ1
    for (int i = 0; i < 2; ++i) CHECK(std::fabs(trace.gradients(j * 2 + i) - x(0, i) * d1[j]) < tolerance);
  }
  for (int k = 0; k < 2; ++k) {
    CHECK(std::fabs(trace.outputs[3](k) - y[k]) < tolerance);
    CHECK(std::fabs(trace.deltas[2](k) - d2[k]) < tolerance);           // dL/dz2
    for (int j = 0; j < 3; ++j) CHECK(std::fabs(trace.gradients(9 + k * 3 + j) - a[j] * d2[k]) < tolerance);
  }
  CHECK(trace.deltas[3].size() == 0);  // fused with the loss
  // SGD: the update is −η·g.
  CHECK(maxDifference(trace.update, -Scalar(0.01) * trace.gradients) < 1e-7);
}

TEST_CASE("a trace equals the network's own forward and backward and changes nothing", "[diagnostics]") {
  std::vector<HiddenLayerOptions> hidden = GENERATE(
      std::vector<HiddenLayerOptions>{{4, Activation::ReLU, 0, false}, {3, Activation::Tanh, 0, false}},
      std::vector<HiddenLayerOptions>{{5, Activation::Sigmoid, 0.3, true}, {4, Activation::ReLU, 0, true}},
      std::vector<HiddenLayerOptions>(6, HiddenLayerOptions{8, Activation::Sigmoid, 0, false}));
  const Activation out = GENERATE(Activation::Sigmoid, Activation::Linear);
  CAPTURE(hidden.size(), static_cast<int>(out));
  Network net(mlpSpec(3, hidden, 1, out, out == Activation::Sigmoid ? Loss::BinaryCrossEntropy : Loss::MeanSquaredError, 2));
  auto optimizer = Optimizer::create(adam(), net.parameterCount());
  // Train a little so the moments, the batch-norm statistics and the gradients are not zero.
  const Matrix batch = test::randomMatrix(8, 3, 4);
  const Matrix targets = test::targetsFor(Activation::Sigmoid, 8, 1, 6);
  for (int k = 0; k < 3; ++k) {
    net.forward(batch, Mode::Train);
    net.backward(targets);
    optimizer->step(net.parameters(), net.gradients(), net.decayMask());
  }
  const Vector params = net.parameters(), grads = net.gradients(), state = net.state();
  const OptimizerState optimizerState = optimizer->state();
  const auto rng = net.dropoutRng().saveState();

  const Matrix x = batch.topRows(1), t = targets.topRows(1);
  const BackpropTrace trace = traceBackprop(net, *optimizer, x, t);

  CHECK(net.parameters() == params);
  CHECK(net.gradients() == grads);
  CHECK(net.state() == state);
  CHECK(optimizer->state().step == optimizerState.step);
  for (std::size_t s = 0; s < optimizerState.slots.size(); ++s) CHECK(optimizer->state().slots[s] == optimizerState.slots[s]);
  CHECK(net.dropoutRng().saveState().state == rng.state);

  // The network's own pass on the same sample.
  net.forward(x, Mode::Eval);
  const double loss = static_cast<double>(net.backward(t));
  CHECK(std::fabs(trace.loss - loss) < 1e-6);
  for (Index i = 0; i < net.layerCount(); ++i) {
    CAPTURE(i);
    CHECK(maxDifference(trace.outputs[static_cast<std::size_t>(i)], net.layerOutput(i).row(0).transpose()) < 1e-6);
    // A dense layer's bias gradient is its δ (one sample): the δ the trace kept is the one
    // the network's own backward used.
    const Layer& layer = net.layer(i);
    if (std::string(layer.kind()) == "dense") {
      const Index units = layer.outputWidth();
      const Vector biasGradient = net.gradients().segment(net.parameterOffset(i) + layer.inputWidth() * units, units);
      CHECK(maxDifference(trace.deltas[static_cast<std::size_t>(i)], biasGradient) < 1e-6);
    }
  }
  CHECK(trace.deltas.back().size() == (out == Activation::Sigmoid ? 0 : 1));
  CHECK(maxDifference(trace.gradients, net.gradients()) < 1e-6);
  // …and the update a real optimizer step makes with those gradients.
  Vector theta = net.parameters();
  optimizer->step(theta, net.gradients(), net.decayMask());
  CHECK(maxDifference(trace.update, theta - net.parameters()) < 1e-6);
}

TEST_CASE("layerGradientNorms is the L2 norm of each layer's gradients", "[diagnostics]") {
  Network net(mlpSpec(2, std::vector<Index>{4, 3}, Activation::Tanh, 1, Activation::Sigmoid, Loss::BinaryCrossEntropy, 3));
  net.forward(test::randomMatrix(6, 2, 1), Mode::Train);
  net.backward(test::targetsFor(Activation::Sigmoid, 6, 1, 2));
  const std::vector<double> norms = layerGradientNorms(net);
  REQUIRE(norms.size() == static_cast<std::size_t>(net.layerCount()));
  for (Index i = 0; i < net.layerCount(); ++i) {
    const Index n = net.layer(i).parameterCount();
    const double expected = n ? static_cast<double>(net.gradients().segment(net.parameterOffset(i), n).norm()) : 0.0;
    CHECK(norms[static_cast<std::size_t>(i)] == Approx(expected));
    if (n) CHECK(norms[static_cast<std::size_t>(i)] > 0);
  }
}

TEST_CASE("Session traces a training point and previews the next update", "[diagnostics][session]") {
  Session s(R"({"optimizer": {"kind": "momentum", "learningRate": 0.1}})");
  for (int i = 0; i < 3; ++i) s.stepEpoch();
  const Vector params = s.network().parameters();
  const BackpropTrace trace = s.traceSample(2);
  CHECK(trace.input.size() == s.network().inputWidth());
  CHECK(trace.outputs.size() == static_cast<std::size_t>(s.network().layerCount()));
  CHECK(trace.gradients.cwiseAbs().maxCoeff() > 0);
  CHECK(s.network().parameters() == params);
  CHECK_THROWS_WITH(s.traceSample(-1), Catch::Matchers::Contains("does not exist"));
  CHECK_THROWS_WITH(s.traceSample(s.trainer().trainSet().size()), Catch::Matchers::Contains("does not exist"));

  const Vector preview = s.previewUpdate();
  const Vector grads = s.network().gradients();
  // Momentum: v ← αv − ηg, Δθ = v (no weight decay by default).
  const Vector& v = s.optimizer().state().slots.at(0);
  CHECK(maxDifference(preview, Scalar(0.9) * v - Scalar(0.1) * grads) < 1e-6);
  CHECK(s.layerGradientNorms().size() == static_cast<std::size_t>(s.network().layerCount()));
}
