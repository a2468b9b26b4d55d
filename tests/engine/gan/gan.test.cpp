// The GAN: gradients through the discriminator, mode coverage on the ring of 8 Gaussians
// (default vs the collapse preset), determinism, no allocation per step, settings and files.
#include <catch2/catch.hpp>

#include <limits>
#include <stdexcept>

#include "core/error.h"
#include "gan/gan.h"
#include "gan/gan_presets.h"
#include "io/spec_json.h"
#include "support/finite_difference.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

namespace {

// Small smooth networks (tanh: no ReLU kinks for the finite differences).
GanSettings smallSettings(GeneratorLoss loss, int noiseDims) {
  GanSettings s;
  s.seed = 5;
  s.batchSize = 8;
  s.noiseDims = noiseDims;
  s.loss = loss;
  s.generatorLayers = {{5, Activation::Tanh}, {4, Activation::Tanh}};
  s.discriminatorLayers = {{6, Activation::Tanh}};
  return s;
}

Matrix noiseBatch(Index rows, Index dims, std::uint64_t seed) {
  Rng rng(seed);
  Matrix z(rows, dims);
  for (Index i = 0; i < z.size(); ++i) z.data()[i] = static_cast<Scalar>(rng.normal());
  return z;
}

}  // namespace

TEST_CASE("the generator's gradient through the discriminator matches finite differences", "[gan][gradcheck]") {
  const auto loss = GENERATE(GeneratorLoss::NonSaturating, GeneratorLoss::Minimax);
  const int dims = GENERATE(1, 2);
  CAPTURE(generatorLossName(loss), dims);
  Gan gan(smallSettings(loss, dims));
  gan.train(20);  // away from the initial weights
  const Matrix z = noiseBatch(8, dims, 11);
  gan.generatorGradientFor(z);
  const Vector analytic = gan.generator().gradients();
  const Vector discriminatorBefore = gan.discriminator().parameters();
  const Vector numeric =
      test::numericGradientInPlace([&] { return gan.generatorLossFor(z); }, gan.generator().parameters(), 1e-5);
  const test::GradientComparison c = test::compareGradients(analytic, numeric);
  INFO(c.describe());
  CHECK(c.maxRelativeError < test::kGradientTolerance);
  CHECK(analytic.norm() > 1e-6);  // a gradient check of zeros would prove nothing
  // A generator step's pass through D leaves D's weights unchanged.
  CHECK(gan.discriminator().parameters() == discriminatorBefore);
}

TEST_CASE("the discriminator's gradient matches finite differences", "[gan][gradcheck]") {
  Gan gan(smallSettings(GeneratorLoss::NonSaturating, 2));
  gan.train(3);
  const Matrix z = noiseBatch(8, 2, 12);
  const Matrix real = sampleGanTarget(GanTargetKind::Ring, 6, 13);
  gan.discriminatorGradientFor(real, z);
  const Vector analytic = gan.discriminator().gradients();
  // h = 1e-5: L_D ≈ 1.4 and some entries are ~1e-6, so rounding (~1e-16·L/h) must stay small.
  const Vector numeric = test::numericGradientInPlace([&] { return gan.discriminatorLossFor(real, z); },
                                                      gan.discriminator().parameters(), 1e-5);
  const test::GradientComparison c = test::compareGradients(analytic, numeric);
  INFO(c.describe());
  CHECK(c.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("the arrows are minus the per-sample gradient of the generator loss", "[gan][gradcheck]") {
  Gan gan(smallSettings(GeneratorLoss::NonSaturating, 2));
  gan.train(10);
  GanViewOptions v;
  v.samples = 5;
  v.gridResolution = 4;
  gan.evaluateViews(v);
  const Matrix samples = gan.samples();
  const Matrix arrows = gan.arrows();
  // l(x) = −log D(x) = softplus(−a(x)) for one sample, differentiated numerically in x.
  auto lossAt = [&](const Matrix& x) {
    const Matrix a = gan.discriminator().predict(x);
    const double v = static_cast<double>(a(0, 0));
    return std::max(-v, 0.0) + std::log1p(std::exp(-std::fabs(v)));
  };
  for (Index i = 0; i < samples.rows(); ++i) {
    const Matrix numeric = test::numericGradient(lossAt, Matrix(samples.row(i)));
    const test::GradientComparison c = test::compareGradients(Matrix(-arrows.row(i)), numeric);
    INFO("sample " << i << ": " << c.describe());
    CHECK(c.maxRelativeError < test::kGradientTolerance);
  }
}

TEST_CASE("default settings cover the ring of 8 Gaussians, the collapse preset does not", "[gan][phenomena]") {
  // Issue 14's acceptance figures: ≥ 6 of 8 modes (each ≥ 5 % of 1,000 samples) within
  // 3,000 generator steps for the default, ≤ 2 for the collapse preset. As the other
  // phenomena tests, on at least 2 of seeds 1–3: a float32 GAN is chaotic, and seed 1 alone
  // covered 8 modes on one machine and 5 on another (the page's WASM build: 8).
  int goodSeeds = 0, badSeeds = 0;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    GanSettings standardSettings = ganPreset("default"), collapseSettings = ganPreset("collapse");
    standardSettings.seed = collapseSettings.seed = seed;
    Gan standard(standardSettings);
    standard.train(3000);
    const ModeCoverage good = standard.coverage(1000);
    Gan collapsing(collapseSettings);
    collapsing.train(3000);
    const ModeCoverage bad = collapsing.coverage(1000);
    INFO("seed " << seed << ": default covers " << good.covered << " of 8 modes; collapse preset covers "
                 << bad.covered << " of 8");
    goodSeeds += good.covered >= 6 ? 1 : 0;
    badSeeds += bad.covered <= 2 ? 1 : 0;
    CHECK(good.covered > bad.covered);
  }
  CHECK(goodSeeds >= 2);
  CHECK(badSeeds >= 2);
}

TEST_CASE("a GAN run is deterministic for a seed", "[gan]") {
  GanSettings s = smallSettings(GeneratorLoss::NonSaturating, 2);
  s.discriminatorSteps = 2;
  Gan a(s), b(s);
  a.train(30);
  b.train(30);
  CHECK(a.generator().parameters() == b.generator().parameters());
  CHECK(a.discriminator().parameters() == b.discriminator().parameters());
  CHECK(a.history() == b.history());
  CHECK(a.last().generatorSteps == 30);
  CHECK(a.last().discriminatorSteps == 60);
  // reset() replays the same run; another seed gives another.
  const Vector trained = a.generator().parameters();
  a.reset();
  a.train(30);
  CHECK(a.generator().parameters() == trained);
  a.reset(6);
  a.train(30);
  CHECK(a.generator().parameters() != trained);
}

TEST_CASE("the target distributions lie in the drawn square and the ring's modes are its own", "[gan]") {
  for (GanTargetKind kind : {GanTargetKind::Ring, GanTargetKind::Moons, GanTargetKind::Line, GanTargetKind::Spiral,
                             GanTargetKind::Mixture}) {
    CAPTURE(ganTargetName(kind));
    const Matrix p = sampleGanTarget(kind, 1000, 3);
    CHECK(p.cwiseAbs().maxCoeff() < 1.0);
    CHECK(sampleGanTarget(kind, 1000, 3) == p);
  }
  const ModeCoverage real = modeCoverage(ganModes(GanTargetKind::Ring), sampleGanTarget(GanTargetKind::Ring, 1000, 3));
  CHECK(real.covered == 8);
  CHECK(real.outside < 0.01);
  const ModeCoverage oneSpot = modeCoverage(ganModes(GanTargetKind::Ring), Matrix::Constant(100, 2, Scalar(0.53)));
  CHECK(oneSpot.covered == 1);
}

TEST_CASE("views are the right size and steps allocate nothing after the first", "[gan][allocation]") {
  Gan gan(ganPreset("default"));
  GanViewOptions v;
  v.gridResolution = 20;
  v.samples = 50;
  v.noiseGridLines = 7;
  gan.step();
  gan.evaluateViews(v);
  CHECK(gan.probabilityGrid().size() == 400);
  CHECK(gan.probabilityGrid().minCoeff() >= 0);
  CHECK(gan.probabilityGrid().maxCoeff() <= 1);
  CHECK(gan.samples().rows() == 50);
  CHECK(gan.arrows().rows() == 50);
  CHECK(gan.warpedGrid().rows() == 49);
  // f64 build: any Eigen heap allocation inside the loop throws std::logic_error.
  std::string allocation;
#ifdef EIGEN_RUNTIME_NO_MALLOC
  Eigen::internal::set_is_malloc_allowed(false);
#endif
  try {
    for (int i = 0; i < 20; ++i) {
      gan.step();
      gan.stepDiscriminator();
      gan.stepGenerator();
      gan.evaluateViews(v);
    }
  } catch (const std::logic_error& e) {
    allocation = e.what();
  }
#ifdef EIGEN_RUNTIME_NO_MALLOC
  Eigen::internal::set_is_malloc_allowed(true);
#endif
  CHECK(allocation.empty());
  CHECK(gan.last().generatorSteps == 41);
}

TEST_CASE("bad GAN settings name the setting", "[gan]") {
  GanSettings s;
  s.noiseDims = 3;
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { Gan g(s); }), Contains("1 or 2 dimensions"));
  s = GanSettings{};
  s.discriminatorSteps = 0;
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { Gan g(s); }), Contains("k (discriminator steps"));
  s = GanSettings{};
  s.generatorOptimizer.learningRate = -1;
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { Gan g(s); }), Contains("generator optimizer: the learning rate"));
  s = GanSettings{};
  s.discriminatorLayers = {{0, Activation::ReLU}};
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { Gan g(s); }), Contains("discriminator's hidden layer 1"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] { ganPreset("nope"); }), Contains("unknown GAN preset"));
  const nlohmann::json bad = {{"target", "donut"}};
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { ganSettingsFromJson(JsonReader(bad, "gan")); }),
             Contains("gan.target"));
  Gan gan(GanSettings{});
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { gan.setCustomTarget(Matrix::Zero(3, 3)); }),
             Contains("2 coordinates"));
  CHECK_THAT(test::thrownMessage<ModelFormatError>([&] { gan.loadModel("{\"format\": \"nnplay-model\"}"); }),
             Contains("not a GAN model"));
}

TEST_CASE("settings round-trip through JSON and a model file restores both networks", "[gan]") {
  GanSettings s = smallSettings(GeneratorLoss::Minimax, 1);
  s.noise = NoiseDistribution::Uniform;
  s.discriminatorSteps = 3;
  s.target = GanTargetKind::Spiral;
  const nlohmann::json j = toJson(s);
  CHECK(toJson(ganSettingsFromJson(JsonReader(j, "gan"))) == j);

  Gan gan(s);
  gan.train(15);
  const std::string file = gan.saveModel();
  Gan other(GanSettings{});
  other.loadModel(file);
  CHECK(toJson(other.settings()) == j);
  CHECK(other.generator().parameters() == gan.generator().parameters());
  CHECK(other.discriminator().parameters() == gan.discriminator().parameters());
  CHECK(other.generatorOptimizer().state().step == 15);
  CHECK(other.last().generatorSteps == 15);
  CHECK(other.last().discriminatorSteps == 45);
  // The loaded networks compute with the loaded weights (the layers read the network's buffers).
  CHECK(other.generate(20, 7) == gan.generate(20, 7));
  const Matrix probe = gan.targetPoints().topRows(10);
  CHECK(other.discriminator().predict(probe) == gan.discriminator().predict(probe));

  Gan custom(GanSettings{});
  Matrix points(3, 2);
  points << 0.1, 0.2, -0.3, 0.4, 0.5, -0.6;
  custom.setCustomTarget(points);
  Gan restored(GanSettings{});
  restored.loadModel(custom.saveModel());
  CHECK(restored.settings().target == GanTargetKind::Custom);
  CHECK(restored.targetPoints() == points);
}

TEST_CASE("a GAN file with a weight beyond float's range is refused, and a diverged GAN says so and is not saved", "[gan]") {
  Gan gan(smallSettings(GeneratorLoss::NonSaturating, 2));
  gan.train(2);
  nlohmann::json file = nlohmann::json::parse(gan.saveModel());
  if (sizeof(Scalar) == 4) {  // the float64 engine takes 1e39
    file["generator"]["parameters"][2] = 1e39;
    Gan other(GanSettings{});
    CHECK_THAT(test::thrownMessage<ModelFormatError>([&] { other.loadModel(file.dump()); }),
               Contains("model.generator.parameters[2] is too large"));
  }
  // A step whose update leaves a weight infinite stops with a message, and Save refuses a file
  // that could not be loaded again (JSON has no NaN or ∞).
  gan.generator().parameters()(0) = std::numeric_limits<Scalar>::infinity();
  CHECK_THROWS_AS(gan.train(1), TrainingDiverged);
  CHECK_THAT(test::thrownMessage<TrainingDiverged>([&] { gan.saveModel(); }), Contains("cannot be saved"));
}
