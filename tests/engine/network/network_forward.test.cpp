#include <catch2/catch.hpp>

#include "layers/dense.h"
#include "network/network.h"
#include "support/test_data.h"

using namespace nnplay;

namespace {

// Sets a 2-2-1 network's parameters by hand through the flat buffer.
//   Hidden W (input i → neuron j):  W(0,0) = 0.5   W(0,1) = −1      b = (0.1, −0.2)
//                                   W(1,0) = 0.25  W(1,1) = 0.5
//   Output V = (2, 3), c = 0.5
// Flat layout: W column-major, b, V, c.
void setHandWeights(Network& net) {
  REQUIRE(net.parameterCount() == 9);
  net.parameters() << 0.5, 0.25, -1, 0.5, 0.1, -0.2, 2, 3, 0.5;
}

Matrix handInputs() {
  Matrix x(2, 2);
  x << 1, 2,
       -1, 0.5;
  return x;
}

}  // namespace

TEST_CASE("a 2-2-1 ReLU/linear network computes the hand-worked values", "[network][forward]") {
  Network net(mlpSpec(2, std::vector<Index>{2}, Activation::ReLU, 1, Activation::Linear, Loss::MeanSquaredError));
  setHandWeights(net);
  // Sample (1, 2):     z = (0.5 + 0.5 + 0.1, −1 + 1 − 0.2)        = (1.1, −0.2)  → relu (1.1, 0)
  //                    y = 2·1.1 + 3·0 + 0.5                        = 2.7
  // Sample (−1, 0.5):  z = (−0.5 + 0.125 + 0.1, 1 + 0.25 − 0.2)   = (−0.275, 1.05) → relu (0, 1.05)
  //                    y = 2·0 + 3·1.05 + 0.5                       = 3.65
  const Matrix y = net.predict(handInputs());
  CAPTURE(y);
  REQUIRE(y.rows() == 2);
  REQUIRE(y.cols() == 1);
  CHECK(y(0, 0) == Approx(2.7).epsilon(1e-6));
  CHECK(y(1, 0) == Approx(3.65).epsilon(1e-6));
  // Hidden layer outputs are visible per layer (layer 1 = the ReLU).
  const Matrix hidden = net.layerOutput(1);
  CAPTURE(hidden);
  CHECK(hidden(0, 0) == Approx(1.1).epsilon(1e-6));
  CHECK(hidden(0, 1) == 0);
  CHECK(hidden(1, 0) == 0);
  CHECK(hidden(1, 1) == Approx(1.05).epsilon(1e-6));
  // MSE against targets (3, 3): ((2.7 − 3)² + (3.65 − 3)²) / 2 = (0.09 + 0.4225) / 2 = 0.25625
  Matrix t(2, 1);
  t << 3, 3;
  net.forward(handInputs(), Mode::Train);
  const Scalar loss = net.backward(t);
  CAPTURE(loss);
  CHECK(loss == Approx(0.25625).epsilon(1e-6));
  // Output bias gradient: Σ 2(y − t)/2 = (−0.3 + 0.65) = 0.35
  CAPTURE(net.gradients().transpose());
  CHECK(net.gradients()(8) == Approx(0.35).epsilon(1e-5));
}

TEST_CASE("a 2-2-1 tanh/sigmoid network computes the hand-worked values", "[network][forward]") {
  Network net(mlpSpec(2, std::vector<Index>{2}, Activation::Tanh, 1, Activation::Sigmoid, Loss::BinaryCrossEntropy));
  setHandWeights(net);
  // Same pre-activations as above, then
  // Sample (1, 2):     h = (tanh 1.1, tanh −0.2) = (0.8004990218, −0.1973753202)
  //                    o = 2·0.8004990218 + 3·(−0.1973753202) + 0.5 = 1.5088720828
  //                    y = 1 / (1 + e^−1.5088720828) = 0.8188939894
  // Sample (−1, 0.5):  h = (tanh −0.275, tanh 1.05) = (−0.2682711820, 0.7818063576)
  //                    o = 2.3088767088, y = 0.9096095408
  const Matrix y = net.predict(handInputs());
  CAPTURE(y);
  CHECK(y(0, 0) == Approx(0.8188939894).epsilon(1e-6));
  CHECK(y(1, 0) == Approx(0.9096095408).epsilon(1e-6));
  // BCE against targets (1, 0): −(log 0.8188939894 + log(1 − 0.9096095408)) / 2
  //                            = (0.1998006425 + 2.4036165564) / 2 = 1.3017085995
  Matrix t(2, 1);
  t << 1, 0;
  net.forward(handInputs(), Mode::Train);
  const Scalar loss = net.backward(t);
  CAPTURE(loss);
  CHECK(loss == Approx(1.3017085995).epsilon(1e-5));
  // Fused gradient at the output: dL/do = (y − t)/2, so the output bias gradient is
  // ((0.8188939894 − 1) + 0.9096095408) / 2 = 0.3642517651
  CAPTURE(net.gradients().transpose());
  CHECK(net.gradients()(8) == Approx(0.3642517651).epsilon(1e-5));
}

TEST_CASE("network structure: offsets, counts and the decay mask", "[network]") {
  Network net(mlpSpec(3, std::vector<Index>{4, 5}, Activation::Tanh, 2, Activation::Softmax,
                      Loss::CategoricalCrossEntropy));
  // dense(3→4), tanh, dense(4→5), tanh, dense(5→2), softmax
  REQUIRE(net.layerCount() == 6);
  REQUIRE(net.inputWidth() == 3);
  REQUIRE(net.outputWidth() == 2);
  REQUIRE(net.outputActivation() == Activation::Softmax);
  REQUIRE(net.parameterCount() == (3 * 4 + 4) + (4 * 5 + 5) + (5 * 2 + 2));
  REQUIRE(net.parameterOffset(0) == 0);
  REQUIRE(net.parameterOffset(2) == 16);
  REQUIRE(net.parameterOffset(4) == 41);
  // Weights 1, biases 0.
  const Vector& mask = net.decayMask();
  CAPTURE(mask.transpose());
  REQUIRE(mask.segment(0, 12).isOnes());
  REQUIRE(mask.segment(12, 4).isZero());
  REQUIRE(mask.segment(16, 20).isOnes());
  REQUIRE(mask.segment(36, 5).isZero());
  REQUIRE(mask.segment(41, 10).isOnes());
  REQUIRE(mask.segment(51, 2).isZero());
  // The dense layer's views alias the flat buffer.
  auto& first = static_cast<DenseLayer&>(net.layer(0));
  net.parameters()(1) = Scalar(42);
  REQUIRE(first.weights()(1, 0) == Scalar(42));
}

TEST_CASE("the same seed gives the same weights, another seed other weights", "[network][determinism]") {
  auto spec = [](std::uint64_t seed) {
    return mlpSpec(2, std::vector<Index>{8, 8}, Activation::ReLU, 1, Activation::Sigmoid, Loss::BinaryCrossEntropy, seed);
  };
  Network a(spec(3)), b(spec(3)), c(spec(4));
  REQUIRE(a.parameters() == b.parameters());
  REQUIRE(a.parameters() != c.parameters());
  c.initialize(3);
  REQUIRE(c.parameters() == a.parameters());
}

TEST_CASE("a batch of one row and a large batch give the same per-row results", "[network][forward]") {
  Network net(mlpSpec(2, std::vector<Index>{6}, Activation::Tanh, 3, Activation::Softmax,
                      Loss::CategoricalCrossEntropy, 2));
  const Matrix x = test::randomMatrix(300, 2, 5, 4.0);
  const Matrix all = net.predict(x);
  for (Index r : {Index(0), Index(150), Index(299)}) {
    const Matrix one = net.predict(x.row(r));
    CAPTURE(r, one, all.row(r));
    REQUIRE(one.isApprox(all.row(r), Scalar(1e-5)));
  }
}
