#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/error.h"
#include "data/dataset.h"
#include "support/training_fixture.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

namespace {

const DatasetKind kAllKinds[] = {
    DatasetKind::Circle,   DatasetKind::Xor,     DatasetKind::Gaussians,   DatasetKind::Spiral,
    DatasetKind::Moons,    DatasetKind::AndGate, DatasetKind::OrGate,      DatasetKind::XorGate,
    DatasetKind::Blobs,    DatasetKind::MultiSpiral, DatasetKind::RegressionPlane, DatasetKind::RegressionGaussians,
};

std::vector<Index> classCounts(const Dataset& d) {
  std::vector<Index> counts(static_cast<std::size_t>(d.classes), 0);
  for (Index i = 0; i < d.size(); ++i) ++counts[static_cast<std::size_t>(d.labels(i))];
  return counts;
}

DatasetOptions optionsFor(DatasetKind kind, Index points = 101, double noise = 0.0, std::uint64_t seed = 1) {
  return test::datasetOptions(kind, points, noise, seed);
}

}  // namespace

TEST_CASE("every data set has the right shape, classes and balance", "[dataset]") {
  const DatasetKind kind = GENERATE(from_range(std::begin(kAllKinds), std::end(kAllKinds)));
  const Index points = GENERATE(Index(101), Index(200));  // odd and even counts
  const Dataset d = generateDataset(optionsFor(kind, points, 0.2));
  CAPTURE(datasetName(kind), points, d.size(), d.classes);
  REQUIRE_NOTHROW(d.validate());
  REQUIRE(d.points.cols() == 2);
  REQUIRE(d.points.allFinite());
  REQUIRE(d.labels.allFinite());
  REQUIRE(d.size() == points);
  if (isGate(kind)) {
    REQUIRE(d.classes == 2);
    REQUIRE(d.interleavedGroups == 4);
    return;
  }
  REQUIRE(d.labels.size() == points);
  if (isRegression(kind)) {
    REQUIRE(d.classes == 0);
    // Targets lie in about [−1, 1] (noise 0.2 × 0.2 widens that a little).
    CHECK(d.labels.cwiseAbs().maxCoeff() < 1.3);
    CHECK(d.labels.cwiseAbs().maxCoeff() > 0.3);  // not constant
    return;
  }
  const int expectedClasses = (kind == DatasetKind::Blobs || kind == DatasetKind::MultiSpiral) ? 3 : 2;
  REQUIRE(d.classes == expectedClasses);
  const std::vector<Index> counts = classCounts(d);
  const Index most = *std::max_element(counts.begin(), counts.end());
  const Index least = *std::min_element(counts.begin(), counts.end());
  CAPTURE(most, least);
  REQUIRE(most - least <= 1);
  // Coordinates within the playground's [−6, 6]²; the Gaussian clusters (σ = 1) have tails.
  const bool gaussianTails = kind == DatasetKind::Gaussians || kind == DatasetKind::Blobs;
  REQUIRE(d.points.cwiseAbs().maxCoeff() < (gaussianTails ? 8.0 : 6.0));
}

TEST_CASE("blobs and multi-spiral honour the class count 2–8", "[dataset]") {
  const DatasetKind kind = GENERATE(DatasetKind::Blobs, DatasetKind::MultiSpiral);
  const int classes = GENERATE(2, 5, 8);
  DatasetOptions o = optionsFor(kind, 203);
  o.classes = classes;
  const Dataset d = generateDataset(o);
  CAPTURE(datasetName(kind), classes);
  REQUIRE(d.classes == classes);
  const std::vector<Index> counts = classCounts(d);
  const Index most = *std::max_element(counts.begin(), counts.end());
  const Index least = *std::min_element(counts.begin(), counts.end());
  CAPTURE(most, least);
  REQUIRE(most - least <= 1);
  REQUIRE(least >= 203 / classes);
}

TEST_CASE("the gates are their truth tables on {0, 1}²", "[dataset]") {
  const auto [kind, truth] = GENERATE(table<DatasetKind, std::array<int, 4>>({
      {DatasetKind::AndGate, {0, 0, 0, 1}},
      {DatasetKind::OrGate, {0, 1, 1, 1}},
      {DatasetKind::XorGate, {0, 1, 1, 0}},
  }));
  // points 0 (the default) is the truth table; points 4 the same rows.
  const Dataset d = generateDataset(optionsFor(kind, GENERATE(Index(0), Index(4)), 0.0));
  CAPTURE(datasetName(kind), d.points, d.labels.transpose());
  REQUIRE(d.size() == 4);
  // Each of the four corners exactly once, with its label.
  std::array<int, 4> seen = {0, 0, 0, 0};
  for (Index i = 0; i < 4; ++i) {
    const int a = static_cast<int>(d.points(i, 0)), b = static_cast<int>(d.points(i, 1));
    REQUIRE(d.points(i, 0) == static_cast<Scalar>(a));
    REQUIRE(d.points(i, 1) == static_cast<Scalar>(b));
    const int corner = 2 * a + b;
    REQUIRE(corner >= 0);
    REQUIRE(corner < 4);
    ++seen[static_cast<std::size_t>(corner)];
    REQUIRE(d.labels(i) == static_cast<Scalar>(truth[static_cast<std::size_t>(corner)]));
  }
  REQUIRE(seen == std::array<int, 4>{1, 1, 1, 1});
}

TEST_CASE("the same seed gives bit-identical data, another seed other data", "[dataset][determinism]") {
  const DatasetKind kind = GENERATE(from_range(std::begin(kAllKinds), std::end(kAllKinds)));
  // Noise > 0: spiral, moons and the gates are fixed shapes whose only randomness is the noise.
  const Dataset a = generateDataset(optionsFor(kind, 150, 0.3, 7));
  const Dataset b = generateDataset(optionsFor(kind, 150, 0.3, 7));
  const Dataset c = generateDataset(optionsFor(kind, 150, 0.3, 8));
  CAPTURE(datasetName(kind));
  REQUIRE(a.points == b.points);
  REQUIRE(a.labels == b.labels);
  REQUIRE(a.classes == b.classes);
  REQUIRE(a.points != c.points);
}

TEST_CASE("noise moves the points (regression sets: the targets)", "[dataset]") {
  const DatasetKind kind = GENERATE(from_range(std::begin(kAllKinds), std::end(kAllKinds)));
  const Dataset clean = generateDataset(optionsFor(kind, 120, 0.0, 3));
  const Dataset noisy = generateDataset(optionsFor(kind, 120, 0.5, 3));
  CAPTURE(datasetName(kind));
  if (isRegression(kind)) {
    // Noise is added to the target (× 0.2), the sampled positions stay.
    REQUIRE(clean.points == noisy.points);
    const double change = static_cast<double>((clean.labels - noisy.labels).cwiseAbs().mean());
    CAPTURE(change);  // E|N(0, 0.1²)| ≈ 0.08
    REQUIRE(change > 0.03);
  } else {
    REQUIRE(clean.labels == noisy.labels);
    const double change = static_cast<double>((clean.points - noisy.points).cwiseAbs().mean());
    CAPTURE(change);
    REQUIRE(change > (isGate(kind) ? 0.01 : 0.1));
  }
}

TEST_CASE("without noise the sets are cleanly shaped", "[dataset]") {
  SECTION("circle: class 1 inside radius 2.5, class 0 in the ring 3.5–5") {
    const Dataset d = generateDataset(optionsFor(DatasetKind::Circle, 300));
    for (Index i = 0; i < d.size(); ++i) {
      const double r = std::hypot(static_cast<double>(d.points(i, 0)), static_cast<double>(d.points(i, 1)));
      CAPTURE(i, r, d.labels(i));
      if (d.labels(i) == 1) REQUIRE(r <= 2.5 + 1e-5);
      else REQUIRE((r >= 3.5 - 1e-5 && r <= 5 + 1e-5));
    }
  }
  SECTION("xor: class 1 where x1·x2 > 0") {
    const Dataset d = generateDataset(optionsFor(DatasetKind::Xor, 300));
    for (Index i = 0; i < d.size(); ++i) {
      const bool same = d.points(i, 0) * d.points(i, 1) > 0;
      CAPTURE(i, d.points.row(i), d.labels(i));
      REQUIRE(same == (d.labels(i) == 1));
    }
  }
  SECTION("regression plane: target (x1 + x2)/10") {
    const Dataset d = generateDataset(optionsFor(DatasetKind::RegressionPlane, 100));
    for (Index i = 0; i < d.size(); ++i) {
      CAPTURE(i, d.points.row(i), d.labels(i));
      REQUIRE(d.labels(i) == Approx((d.points(i, 0) + d.points(i, 1)) / 10).margin(1e-6));
    }
  }
}

TEST_CASE("data set options are validated with clear messages", "[dataset][errors]") {
  using test::thrownMessage;
  DatasetOptions o = optionsFor(DatasetKind::Circle);
  o.points = 3;
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { generateDataset(o); }),
             Contains("number of points") && Contains("got 3"));
  o = optionsFor(DatasetKind::Circle);
  o.noise = std::numeric_limits<double>::quiet_NaN();
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { generateDataset(o); }), Contains("noise") && Contains("NaN"));
  o.noise = -0.1;
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { generateDataset(o); }), Contains("noise") && Contains("-0.1"));
  o.noise = 1.5;
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { generateDataset(o); }),
             Contains("between 0 and 1") && Contains("1.5"));
  o = optionsFor(DatasetKind::Blobs);
  o.classes = 1;
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { generateDataset(o); }),
             Contains("classes") && Contains("between 2 and 8") && Contains("got 1"));
  o.classes = 9;
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { generateDataset(o); }), Contains("got 9"));
  // Two-class kinds ignore the class count.
  o = optionsFor(DatasetKind::Spiral);
  o.classes = 99;
  CHECK_NOTHROW(generateDataset(o));
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { parseDatasetKind("swiss_roll"); }),
             Contains("swiss_roll") && Contains("spiral") && Contains("regression_gaussians"));
}

TEST_CASE("Dataset::validate rejects labels that are not classes", "[dataset][errors]") {
  Dataset d;
  d.points = Matrix::Zero(3, 2);
  d.labels = Vector::Zero(3);
  d.classes = 2;
  REQUIRE_NOTHROW(d.validate());
  d.labels(1) = 2;
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { d.validate(); }),
             Contains("point 2") && Contains("label 2") && Contains("0–1"));
  d.labels(1) = Scalar(0.5);
  CHECK_THROWS_AS(d.validate(), InvalidArgument);
  d.labels(1) = 0;
  d.labels.conservativeResize(2);
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { d.validate(); }), Contains("3 points but 2 labels"));
}

TEST_CASE("data set names round-trip", "[dataset]") {
  for (DatasetKind k : kAllKinds) {
    CAPTURE(datasetName(k));
    REQUIRE(parseDatasetKind(datasetName(k)) == k);
  }
}

TEST_CASE("splitDataset: sizes round(f·N), a partition, reproducible per seed", "[dataset]") {
  const Dataset d = generateDataset(optionsFor(DatasetKind::Gaussians, 101, 0.1));
  const double fraction = GENERATE(0.0, 0.2, 0.5, 0.9);
  const DataSplit a = splitDataset(d, fraction, 4);
  const DataSplit b = splitDataset(d, fraction, 4);
  const DataSplit c = splitDataset(d, fraction, 5);
  const auto expectedTest = static_cast<Index>(std::llround(fraction * 101));
  CAPTURE(fraction, a.train.size(), a.test.size(), expectedTest);
  REQUIRE(a.test.size() == expectedTest);
  REQUIRE(a.train.size() == 101 - expectedTest);
  REQUIRE(a.train.classes == d.classes);
  REQUIRE(a.test.classes == d.classes);
  REQUIRE(a.train.points == b.train.points);
  REQUIRE(a.test.labels == b.test.labels);
  REQUIRE(a.train.points != c.train.points);
  // Every original point appears exactly once, with its own label.
  std::vector<int> used(101, 0);
  for (const Dataset* part : {&a.train, &a.test}) {
    for (Index i = 0; i < part->size(); ++i) {
      bool found = false;
      for (Index j = 0; j < d.size() && !found; ++j) {
        if (used[static_cast<std::size_t>(j)] == 0 && d.points.row(j) == part->points.row(i)) {
          REQUIRE(d.labels(j) == part->labels(i));
          used[static_cast<std::size_t>(j)] = 1;
          found = true;
        }
      }
      REQUIRE(found);
    }
  }
  REQUIRE(std::count(used.begin(), used.end(), 1) == 101);
}

TEST_CASE("splitDataset rejects fractions outside 0–0.9", "[dataset][errors]") {
  const Dataset d = generateDataset(optionsFor(DatasetKind::Gaussians, 20));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { splitDataset(d, 0.95, 1); }),
             Contains("test fraction") && Contains("0.95"));
  CHECK_THROWS_AS(splitDataset(d, -0.1, 1), InvalidArgument);
  CHECK_THROWS_AS(splitDataset(d, std::numeric_limits<double>::quiet_NaN(), 1), InvalidArgument);
}

TEST_CASE("a playground-sized gate is jittered copies of all four corners, each in both sets", "[dataset]") {
  const DatasetKind kind = GENERATE(DatasetKind::AndGate, DatasetKind::OrGate, DatasetKind::XorGate);
  const Index points = GENERATE(Index(8), Index(13), Index(300));
  const double testFraction = GENERATE(0.1, 0.3, 0.5);
  const Dataset d = generateDataset(optionsFor(kind, points, 0.5));
  CAPTURE(datasetName(kind), points, testFraction);
  REQUIRE(d.size() == points);
  // The first four rows are the truth table's corners, jittered (σ = 0.05 at noise 0.5).
  const Dataset table = generateDataset(optionsFor(kind, 4, 0.5));
  CHECK(d.points.topRows(4) == table.points);
  const DataSplit split = splitDataset(d, testFraction, 7);
  REQUIRE(split.train.size() + split.test.size() == points);
  // Which corner a jittered point belongs to: the nearest one.
  auto cornersIn = [](const Dataset& part) {
    std::array<int, 4> seen = {0, 0, 0, 0};
    for (Index i = 0; i < part.size(); ++i) {
      const int a = part.points(i, 0) > 0.5f ? 1 : 0, b = part.points(i, 1) > 0.5f ? 1 : 0;
      ++seen[static_cast<std::size_t>(2 * a + b)];
    }
    return seen;
  };
  const std::array<int, 4> train = cornersIn(split.train), test = cornersIn(split.test);
  CAPTURE(train, test, split.test.size());
  for (std::size_t c = 0; c < 4; ++c) {
    CHECK(train[c] >= 1);
    CHECK(test[c] >= 1);
  }
  if (points == 300) {
    // About the test fraction of each corner's 75 copies.
    for (std::size_t c = 0; c < 4; ++c) CHECK(std::abs(test[c] - 75 * testFraction) <= 1);
  }
}

TEST_CASE("the 4-row truth table stays whole in training when a test share is asked", "[dataset]") {
  const Dataset d = generateDataset(optionsFor(DatasetKind::XorGate, 4, 0.0));
  const DataSplit split = splitDataset(d, 0.3, 1);
  CHECK(split.train.size() == 4);
  CHECK(split.test.size() == 0);
}
