#include <catch2/catch.hpp>

#include "diagnostics/gradient_check.h"
#include "network/network.h"
#include "support/test_data.h"

using namespace nnplay;

TEST_CASE("a whole 3-layer network passes the finite-difference gradient check", "[gradcheck][network]") {
  const auto [losses, outAct, outputs] = GENERATE(
      std::make_tuple(Loss::MeanSquaredError, Activation::Tanh, Index(2)),
      std::make_tuple(Loss::BinaryCrossEntropy, Activation::Sigmoid, Index(1)),
      std::make_tuple(Loss::CategoricalCrossEntropy, Activation::Softmax, Index(3)));
  Network net(mlpSpec(3, std::vector<Index>{5, 4}, Activation::Tanh, outputs, outAct, losses, 7));
  const Matrix x = test::randomMatrix(6, 3, 1);
  const Matrix t = test::targetsFor(outAct, 6, outputs, 2);
  const GradientCheckResult r = checkGradients(net, x, t);
  INFO(lossName(losses) << ": worst " << r.worst);
  REQUIRE(r.checked == net.parameterCount() + x.size());
  REQUIRE(r.maxRelativeError < 1e-6);
}
