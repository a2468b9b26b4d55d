#include <catch2/catch.hpp>

#include "optimizers/optimizer.h"
#include "optimizers/update_preview.h"
#include "support/test_data.h"

using namespace nnplay;

namespace {
Vector column(const Matrix& m) { return ConstVectorMap(m.data(), m.size()); }
}  // namespace

TEST_CASE("previewUpdate equals the change a real step makes and leaves the state unchanged", "[optimizer]") {
  const auto kind = GENERATE(OptimizerKind::SGD, OptimizerKind::Momentum, OptimizerKind::Nesterov,
                             OptimizerKind::RMSProp, OptimizerKind::AdaGrad, OptimizerKind::Adam);
  const double decay = GENERATE(0.0, 0.1);
  CAPTURE(optimizerName(kind), decay);
  OptimizerSettings settings = OptimizerSettings::defaultsFor(kind);
  settings.learningRate = 0.05;
  settings.weightDecay = decay;
  const Index n = 9;
  auto optimizer = Optimizer::create(settings, n);
  Vector theta = column(test::randomMatrix(n, 1, 1));
  Vector mask = Vector::Ones(n);
  mask(n - 1) = 0;  // a bias: no weight decay
  // A few real steps first, so moments and the step counter are not zero.
  for (int k = 0; k < 3; ++k) optimizer->step(theta, column(test::randomMatrix(n, 1, 10 + k)), mask);
  const OptimizerState before = optimizer->state();

  const Vector g = column(test::randomMatrix(n, 1, 99));
  const Vector preview = previewUpdate(*optimizer, theta, g, mask);
  CHECK(optimizer->state().step == before.step);
  for (std::size_t s = 0; s < before.slots.size(); ++s) CHECK(optimizer->state().slots[s] == before.slots[s]);

  const Vector start = theta;
  optimizer->step(theta, g, mask);
  const Vector real = theta - start;
  CHECK((preview - real).cwiseAbs().maxCoeff() <= 1e-6 * std::max<Scalar>(1, real.cwiseAbs().maxCoeff()));
  CHECK(preview.cwiseAbs().maxCoeff() > 0);
}
