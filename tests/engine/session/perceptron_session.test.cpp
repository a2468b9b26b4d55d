#include <catch2/catch.hpp>

#include "core/error.h"
#include "session/perceptron_session.h"

using namespace nnplay;

TEST_CASE("the perceptron session steps through AND one sample at a time and converges", "[perceptron][session]") {
  PerceptronSession s("and", 1.0);
  PerceptronStep first = s.step();
  CHECK(first.sample == 0);
  CHECK(first.epoch == 1);
  CHECK_FALSE(first.epochCompleted);
  for (int i = 0; i < 3; ++i) s.step();
  CHECK(s.completedEpochs() == 1);
  const PerceptronStep last = s.train(100);
  CHECK(last.converged);
  CHECK(s.convergedEpoch() == 6);  // the same as `nnplay perceptron --gate and`
  CHECK(s.mistakesPerEpoch().back() == 0);
  s.evaluateGrid(2, -0.5, 1.5, -0.5, 1.5);
  // Cells: top-left (0,1)→0, top-right (1,1)→1, bottom-left (0,0)→0, bottom-right (1,0)→0.
  CHECK(s.output() == std::vector<float>{0, 1, 0, 0});
}

TEST_CASE("the perceptron session never converges on XOR", "[perceptron][session]") {
  PerceptronSession s("xor", 1.0);
  s.train(1000);
  CHECK_FALSE(s.converged());
  CHECK(s.completedEpochs() == 1000);
  for (int m : s.mistakesPerEpoch()) CHECK(m > 0);
  s.reset();
  CHECK(s.completedEpochs() == 0);
  CHECK_THROWS_AS(PerceptronSession("nand", 1.0), InvalidArgument);
  CHECK_THROWS_AS(PerceptronSession("and", -1.0), InvalidArgument);
}
