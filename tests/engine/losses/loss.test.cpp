#include <catch2/catch.hpp>

#include <cmath>

#include "activations/activation.h"
#include "losses/loss.h"
#include "network/network.h"
#include "support/finite_difference.h"
#include "support/test_data.h"

using namespace nnplay;

namespace {

// Predictions a loss accepts: probabilities in (0.05, 0.95) for the cross-entropies (away
// from the clip), any values for MSE.
Matrix predictionsFor(Loss loss, Index rows, Index cols, std::uint64_t seed) {
  if (loss == Loss::MeanSquaredError) return test::randomMatrix(rows, cols, seed, 2.0);
  return (test::randomMatrix(rows, cols, seed, 0.45).array() + Scalar(0.5)).matrix();
}

Matrix targetsFor(Loss loss, Index rows, Index cols, std::uint64_t seed) {
  switch (loss) {
    case Loss::MeanSquaredError: return test::targetsFor(Activation::Tanh, rows, cols, seed);
    case Loss::BinaryCrossEntropy: return test::targetsFor(Activation::Sigmoid, rows, cols, seed);
    case Loss::CategoricalCrossEntropy: return test::targetsFor(Activation::Softmax, rows, cols, seed);
  }
  return {};
}

}  // namespace

TEST_CASE("lossGradient matches finite differences of lossValue", "[gradcheck][loss]") {
  const Loss loss = GENERATE(Loss::MeanSquaredError, Loss::BinaryCrossEntropy, Loss::CategoricalCrossEntropy);
  const Index rows = 5, cols = 3;
  const Matrix y = predictionsFor(loss, rows, cols, 31);
  const Matrix t = targetsFor(loss, rows, cols, 32);
  Matrix analytic(rows, cols);
  lossGradient(loss, y, t, analytic);
  const Matrix numeric = test::numericGradient([&](const Matrix& yy) { return lossValue(loss, yy, t); }, y);
  const test::GradientComparison c = test::compareGradients(analytic, numeric);
  INFO(lossName(loss) << ": " << c.describe());
  REQUIRE(c.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("the fused output gradient equals the chained one and finite differences", "[gradcheck][loss]") {
  const auto [activation, loss] = GENERATE(table<Activation, Loss>({
      {Activation::Sigmoid, Loss::BinaryCrossEntropy},
      {Activation::Softmax, Loss::CategoricalCrossEntropy},
  }));
  REQUIRE(hasFusedGradient(activation, loss));
  const Index rows = 4, cols = 3;
  const Matrix z = test::randomMatrix(rows, cols, 41, 2.0);
  const Matrix t = test::targetsFor(activation, rows, cols, 42);
  const Matrix y = activate(activation, z);

  Matrix fused(rows, cols);
  fusedGradient(loss, y, t, fused);

  Matrix dy(rows, cols), chained(rows, cols);
  Vector scratch(rows);
  lossGradient(loss, y, t, dy);
  activationBackward(activation, 0, z, y, dy, chained, scratch);

  const Matrix numeric =
      test::numericGradient([&](const Matrix& zz) { return lossValue(loss, activate(activation, zz), t); }, z);

  const test::GradientComparison vsChained = test::compareGradients(fused, chained);
  const test::GradientComparison vsNumeric = test::compareGradients(fused, numeric);
  INFO(activationName(activation) << " + " << lossName(loss) << ": fused vs chained " << vsChained.describe()
                                  << "; fused vs numeric " << vsNumeric.describe());
  REQUIRE(vsChained.maxRelativeError < test::kGradientTolerance);
  REQUIRE(vsNumeric.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("only sigmoid+BCE and softmax+CCE have a fused gradient", "[loss]") {
  CHECK(hasFusedGradient(Activation::Sigmoid, Loss::BinaryCrossEntropy));
  CHECK(hasFusedGradient(Activation::Softmax, Loss::CategoricalCrossEntropy));
  CHECK_FALSE(hasFusedGradient(Activation::Sigmoid, Loss::MeanSquaredError));
  CHECK_FALSE(hasFusedGradient(Activation::Softmax, Loss::BinaryCrossEntropy));
  CHECK_FALSE(hasFusedGradient(Activation::Tanh, Loss::BinaryCrossEntropy));
  CHECK_FALSE(hasFusedGradient(Activation::Linear, Loss::CategoricalCrossEntropy));
}

TEST_CASE("loss values follow the Keras conventions", "[loss]") {
  SECTION("MSE is the mean over all elements") {
    Matrix y(2, 2), t(2, 2);
    y << 0.5, 1,
         0, 2;
    t << 0, 1,
         1, 1;
    // (0.25 + 0 + 1 + 1) / 4 = 0.5625
    const Scalar v = lossValue(Loss::MeanSquaredError, y, t);
    CAPTURE(v);
    REQUIRE(v == Approx(0.5625).epsilon(1e-6));
    Matrix dy(2, 2);
    lossGradient(Loss::MeanSquaredError, y, t, dy);
    CAPTURE(dy);  // 2(y − t)/4
    REQUIRE(dy(0, 0) == Approx(0.25));
    REQUIRE(dy(1, 0) == Approx(-0.5));
  }
  SECTION("BCE is the mean over all elements") {
    Matrix y(2, 1), t(2, 1);
    y << 0.8, 0.1;
    t << 1, 0;
    // −(log 0.8 + log 0.9) / 2 = (0.2231435513 + 0.1053605157) / 2 = 0.1642520335
    const Scalar v = lossValue(Loss::BinaryCrossEntropy, y, t);
    CAPTURE(v);
    REQUIRE(v == Approx(0.1642520335).epsilon(1e-6));
  }
  SECTION("CCE is the mean over samples of −Σ t log y") {
    Matrix y(2, 3), t(2, 3);
    y << 0.7, 0.2, 0.1,
         0.1, 0.1, 0.8;
    t << 1, 0, 0,
         0, 0, 1;
    // −(log 0.7 + log 0.8) / 2 = (0.3566749439 + 0.2231435513) / 2 = 0.2899092476
    const Scalar v = lossValue(Loss::CategoricalCrossEntropy, y, t);
    CAPTURE(v);
    REQUIRE(v == Approx(0.2899092476).epsilon(1e-6));
  }
}

TEST_CASE("cross-entropies stay finite at outputs of exactly 0 and 1", "[loss]") {
  Matrix y(4, 1), t(4, 1);
  y << 0, 1, 0, 1;
  t << 0, 1, 1, 0;  // two perfect answers, two confidently wrong ones
  const Scalar bce = lossValue(Loss::BinaryCrossEntropy, y, t);
  CAPTURE(bce);
  REQUIRE(std::isfinite(bce));
  // The wrong ones cost −log(ε) each with ε = 1e-7 (Keras's clip): 2 · 16.118 / 4.
  // (f32 rounds 1 − ε, so the second term is only close.)
  REQUIRE(bce == Approx(2 * -std::log(kProbabilityEpsilon) / 4).epsilon(0.02));

  Matrix dy(4, 1), dz(4, 1);
  lossGradient(Loss::BinaryCrossEntropy, y, t, dy);
  fusedGradient(Loss::BinaryCrossEntropy, y, t, dz);
  CAPTURE(dy, dz);
  REQUIRE(dy.allFinite());
  REQUIRE(dz.allFinite());
  // Fused: (y − t)/4 exactly, even at the clip.
  REQUIRE(dz(2, 0) == Scalar(-0.25));
  REQUIRE(dz(3, 0) == Scalar(0.25));

  Matrix p(1, 2), onehot(1, 2);
  p << 0, 1;
  onehot << 1, 0;
  const Scalar cce = lossValue(Loss::CategoricalCrossEntropy, p, onehot);
  CAPTURE(cce);
  REQUIRE(std::isfinite(cce));
  REQUIRE(cce == Approx(-std::log(kProbabilityEpsilon)).epsilon(1e-5));
  Matrix dp(1, 2);
  lossGradient(Loss::CategoricalCrossEntropy, p, onehot, dp);
  CAPTURE(dp);
  REQUIRE(dp.allFinite());
}

TEST_CASE("loss names round-trip", "[loss]") {
  for (Loss l : {Loss::MeanSquaredError, Loss::BinaryCrossEntropy, Loss::CategoricalCrossEntropy}) {
    CAPTURE(lossName(l));
    REQUIRE(parseLoss(lossName(l)) == l);
  }
}

namespace {

// Float64 references written per element from the logits, independently of the engine's
// blocked form: BCE via log σ(z) = −log1p(e^−z), CCE via −log softmax_k = log Σ_j e^{z_j − z_k}.
double referenceBce(const Matrix& z, const Matrix& t) {
  double sum = 0;
  for (Index i = 0; i < z.size(); ++i) {
    const double zi = static_cast<double>(z(i)), ti = static_cast<double>(t(i));
    const double logSigmoid = zi >= 0 ? -std::log1p(std::exp(-zi)) : zi - std::log1p(std::exp(zi));
    const double logOneMinus = zi >= 0 ? -zi - std::log1p(std::exp(-zi)) : -std::log1p(std::exp(zi));
    sum -= ti * logSigmoid + (1 - ti) * logOneMinus;
  }
  return sum / static_cast<double>(z.size());
}

double referenceCce(const Matrix& z, const Matrix& t) {
  double sum = 0;
  for (Index r = 0; r < z.rows(); ++r) {
    for (Index k = 0; k < z.cols(); ++k) {
      const double tk = static_cast<double>(t(r, k));
      if (tk == 0) continue;
      double top = -INFINITY;
      for (Index j = 0; j < z.cols(); ++j) top = std::max(top, static_cast<double>(z(r, j) - z(r, k)));
      double others = 0;  // Σ_j e^{z_j − z_k − top} without the 1 of one maximum
      bool skipped = false;
      for (Index j = 0; j < z.cols(); ++j) {
        const double d = static_cast<double>(z(r, j) - z(r, k)) - top;
        if (d == 0 && !skipped) skipped = true;
        else others += std::exp(d);
      }
      sum += tk * (top + std::log1p(others));
    }
  }
  return sum / static_cast<double>(z.rows());
}

// Logits with |z| in [20, 40] and random signs: saturated sigmoid/softmax outputs.
Matrix saturatedLogits(Index rows, Index cols, std::uint64_t seed) {
  const Matrix u = test::randomMatrix(rows, cols, seed, 1.0);
  return u.unaryExpr([](Scalar v) { return (v >= 0 ? Scalar(1) : Scalar(-1)) * (Scalar(20) + Scalar(20) * std::abs(v)); });
}

}  // namespace

TEST_CASE("cross-entropies from logits equal the probability form away from saturation", "[loss]") {
  const auto [activation, loss] = GENERATE(table<Activation, Loss>({
      {Activation::Sigmoid, Loss::BinaryCrossEntropy},
      {Activation::Softmax, Loss::CategoricalCrossEntropy},
  }));
  const Matrix z = test::randomMatrix(70, 3, 51, 3.0);  // 70 rows: more than one block
  const Matrix t = test::targetsFor(activation, 70, 3, 52);
  const double fromLogits = static_cast<double>(lossValueFromLogits(loss, z, t));
  const double fromProbabilities = static_cast<double>(lossValue(loss, activate(activation, z), t));
  CAPTURE(lossName(loss), fromLogits, fromProbabilities);
  REQUIRE(fromLogits == Approx(fromProbabilities).epsilon(std::is_same<Scalar, double>::value ? 1e-9 : 1e-5));
}

TEST_CASE("saturated cross-entropies agree with a float64 logits reference to 1e-6", "[loss]") {
  SECTION("BCE, hard and soft targets") {
    const Matrix z = saturatedLogits(40, 2, 61);
    Matrix t = test::targetsFor(Activation::Sigmoid, 40, 2, 62);
    const double hard = static_cast<double>(lossValueFromLogits(Loss::BinaryCrossEntropy, z, t));
    CAPTURE(hard, referenceBce(z, t));
    CHECK(std::fabs(hard - referenceBce(z, t)) <= 1e-6 * referenceBce(z, t));
    t = (t.array() * Scalar(0.8) + Scalar(0.1)).matrix();
    const double soft = static_cast<double>(lossValueFromLogits(Loss::BinaryCrossEntropy, z, t));
    CAPTURE(soft, referenceBce(z, t));
    CHECK(std::fabs(soft - referenceBce(z, t)) <= 1e-6 * referenceBce(z, t));
  }
  SECTION("BCE, every answer confidently right: the loss is ~1e-12, still to 1e-6 relative") {
    const Matrix z = saturatedLogits(30, 1, 63);
    const Matrix t = (z.array() > 0).cast<Scalar>().matrix();
    const double v = static_cast<double>(lossValueFromLogits(Loss::BinaryCrossEntropy, z, t));
    const double ref = referenceBce(z, t);
    CAPTURE(v, ref);
    REQUIRE(ref > 0);
    REQUIRE(ref < 1e-8);
    CHECK(std::fabs(v - ref) <= 1e-6 * ref);
  }
  SECTION("CCE, one-hot targets, right and wrong") {
    const Matrix z = saturatedLogits(70, 4, 64);
    const Matrix t = test::targetsFor(Activation::Softmax, 70, 4, 65);
    const double v = static_cast<double>(lossValueFromLogits(Loss::CategoricalCrossEntropy, z, t));
    const double ref = referenceCce(z, t);
    CAPTURE(v, ref);
    CHECK(std::fabs(v - ref) <= 1e-6 * ref);
  }
  SECTION("CCE, every answer confidently right") {
    Matrix z = Matrix::Zero(5, 3), t = Matrix::Zero(5, 3);
    for (Index r = 0; r < 5; ++r) {
      z(r, r % 3) = Scalar(21 + 3 * r);
      z(r, (r + 1) % 3) = Scalar(-2);
      t(r, r % 3) = 1;
    }
    const double v = static_cast<double>(lossValueFromLogits(Loss::CategoricalCrossEntropy, z, t));
    const double ref = referenceCce(z, t);
    CAPTURE(v, ref);
    REQUIRE(ref > 0);
    REQUIRE(ref < 1e-8);
    CHECK(std::fabs(v - ref) <= 1e-6 * ref);
  }
}

TEST_CASE("the network reports the logits-based loss of a saturated output", "[loss][network]") {
  const auto [activation, loss, outputs] = GENERATE(table<Activation, Loss, Index>({
      {Activation::Sigmoid, Loss::BinaryCrossEntropy, 1},
      {Activation::Softmax, Loss::CategoricalCrossEntropy, 3},
  }));
  Network net(mlpSpec(2, std::vector<Index>{4}, Activation::Tanh, outputs, activation, loss, 7));
  net.parameters() *= Scalar(40);  // large weights: |logits| of tens
  const Matrix x = test::randomMatrix(16, 2, 71);
  const Matrix t = test::targetsFor(activation, 16, outputs, 72);
  net.forward(x, Mode::Train);
  const Matrix z = net.layerOutput(net.layerCount() - 2);
  CAPTURE(lossName(loss), z.cwiseAbs().minCoeff(), z.cwiseAbs().maxCoeff());
  const double reported = static_cast<double>(net.backward(t));
  const double ref = loss == Loss::BinaryCrossEntropy ? referenceBce(z, t) : referenceCce(z, t);
  CAPTURE(reported, ref);
  REQUIRE(std::fabs(reported - ref) <= 1e-6 * ref);
}
