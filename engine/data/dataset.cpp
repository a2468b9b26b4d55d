#include "data/dataset.h"

#include <cmath>
#include <vector>

#include "core/enum_names.h"
#include "core/error.h"
#include "core/rng.h"

namespace nnplay {

namespace {

constexpr double kPi = 3.14159265358979323846;

constexpr auto kDatasetNames = enumNames<DatasetKind>(
    "data set", std::pair{DatasetKind::Circle, "circle"}, std::pair{DatasetKind::Xor, "xor"},
    std::pair{DatasetKind::Gaussians, "gaussians"}, std::pair{DatasetKind::Spiral, "spiral"},
    std::pair{DatasetKind::Moons, "moons"}, std::pair{DatasetKind::AndGate, "and"}, std::pair{DatasetKind::OrGate, "or"},
    std::pair{DatasetKind::XorGate, "xor_gate"}, std::pair{DatasetKind::Blobs, "blobs"},
    std::pair{DatasetKind::MultiSpiral, "multi_spiral"}, std::pair{DatasetKind::RegressionPlane, "regression_plane"},
    std::pair{DatasetKind::RegressionGaussians, "regression_gaussians"});

// Fills one sample; "count" samples per class, class by class, so classes are balanced.
// Random draws for a sample are made in named statements BEFORE add(): the evaluation order
// of function arguments is unspecified (GCC goes right to left, clang — the WASM build — left
// to right), so draws inside add(...) gave different data natively and in the browser. The
// y value is drawn first: the order native builds always used, so their data is unchanged.
class Builder {
 public:
  Builder(Index n, int classes) : data_() {
    data_.points.resize(n, 2);
    data_.labels.resize(n);
    data_.classes = classes;
  }
  void add(double x, double y, double label) {
    data_.points(row_, 0) = static_cast<Scalar>(x);
    data_.points(row_, 1) = static_cast<Scalar>(y);
    data_.labels(row_) = static_cast<Scalar>(label);
    ++row_;
  }
  Dataset take() { return std::move(data_); }

 private:
  Dataset data_;
  Index row_ = 0;
};

// Samples in class c when n samples are split over k classes (first classes get the rest).
Index classCount(Index n, int k, int c) { return n / k + (c < n % k ? 1 : 0); }

Dataset gate(DatasetKind kind, Index n, double noise, Rng& rng) {
  Builder b(n, 2);
  for (Index i = 0; i < n; ++i) {
    const int a = static_cast<int>((i >> 1) & 1), c = static_cast<int>(i & 1);
    int label = 0;
    if (kind == DatasetKind::AndGate) label = a & c;
    if (kind == DatasetKind::OrGate) label = a | c;
    if (kind == DatasetKind::XorGate) label = a ^ c;
    const double dy = rng.normal(), dx = rng.normal();  // y first: see Builder::add
    b.add(a + dx * noise * 0.1, c + dy * noise * 0.1, label);
  }
  Dataset d = b.take();
  d.interleavedGroups = 4;
  return d;
}

double bumps(double x, double y) {
  // Six signed bumps on a 3×2 grid; σ = 1.6.
  static const double centres[6][3] = {{-4, 2.5, 1},  {0, 2.5, -1},  {4, 2.5, 1},
                                       {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  double v = 0;
  for (const auto& c : centres) {
    const double d2 = (x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1]);
    v += c[2] * std::exp(-d2 / (2 * 1.6 * 1.6));
  }
  return std::max(-1.0, std::min(1.0, v));
}

}  // namespace

const char* datasetName(DatasetKind kind) { return kDatasetNames.name(kind); }
DatasetKind parseDatasetKind(const std::string& name) { return kDatasetNames.parse(name); }

bool isRegression(DatasetKind kind) {
  return kind == DatasetKind::RegressionPlane || kind == DatasetKind::RegressionGaussians;
}

bool isGate(DatasetKind kind) {
  return kind == DatasetKind::AndGate || kind == DatasetKind::OrGate || kind == DatasetKind::XorGate;
}

void Dataset::validate() const {
  require(points.rows() == labels.size(), "the data set has " + std::to_string(points.rows()) +
                                              " points but " + std::to_string(labels.size()) + " labels");
  require(points.allFinite(), "the data set has a coordinate that is not a finite number");
  require(labels.allFinite(), "the data set has a label that is not a finite number");
  require(targets.size() == 0 || targets.rows() == points.rows(),
          "the data set has " + std::to_string(points.rows()) + " points but " + std::to_string(targets.rows()) +
              " target rows");
  require(targets.allFinite(), "the data set has a target that is not a finite number");
  require(classes >= 0 && classes <= 1000, "the number of classes must be 0 (regression) to 1000");
  if (classes > 0) {
    for (Index i = 0; i < labels.size(); ++i) {
      const Scalar l = labels(i);
      if (l < 0 || l >= static_cast<Scalar>(classes) || l != std::floor(l)) {
        throw InvalidArgument("point " + std::to_string(i + 1) + " has label " + formatNumber(l) +
                              ", which is not a class 0–" + std::to_string(classes - 1));
      }
    }
  }
}

void DatasetOptions::validate() const {
  require(points == 0 || (points >= 4 && points <= 100000),
          "the number of points must be between 4 and 100000 (or 0 for the data set's own size), got " +
              std::to_string(points));
  require(std::isfinite(noise) && noise >= 0 && noise <= 1,
          "the noise must be between 0 and 1, got " + (std::isnan(noise) ? std::string("NaN") : formatNumber(noise)));
  if (kind == DatasetKind::Blobs || kind == DatasetKind::MultiSpiral) {
    require(classes >= 2 && classes <= 8,
            "the number of classes must be between 2 and 8, got " + std::to_string(classes));
  }
}

Dataset generateDataset(const DatasetOptions& o) {
  o.validate();
  Rng rng(o.seed);
  const Index n = o.points > 0 ? o.points : isGate(o.kind) ? 4 : 200;
  auto jitter = [&] { return rng.normal() * o.noise; };
  switch (o.kind) {
    case DatasetKind::Circle: {
      Builder b(n, 2);
      for (int c = 1; c >= 0; --c) {
        for (Index i = 0; i < classCount(n, 2, 1 - c); ++i) {
          // Uniform over the disk / ring area: r = sqrt(uniform of r²).
          const double rMin = c == 1 ? 0.0 : 3.5, rMax = c == 1 ? 2.5 : 5.0;
          const double r = std::sqrt(rng.uniform(rMin * rMin, rMax * rMax));
          const double t = rng.uniform(0, 2 * kPi);
          const double jy = jitter(), jx = jitter();
          b.add(r * std::cos(t) + jx, r * std::sin(t) + jy, c);
        }
      }
      return b.take();
    }
    case DatasetKind::Xor: {
      Builder b(n, 2);
      for (int c = 0; c < 2; ++c) {
        for (Index i = 0; i < classCount(n, 2, c); ++i) {
          // Keep a 0.3 gap from the axes so the classes are separable without noise.
          double x = rng.uniform(0.3, 5.0), y = rng.uniform(0.3, 5.0);
          const bool flip = rng.below(2) == 1;
          if (flip) x = -x;
          if ((c == 1) == flip) y = -y;  // class 1: same signs
          const double jy = jitter(), jx = jitter();
          b.add(x + jx, y + jy, c);
        }
      }
      return b.take();
    }
    case DatasetKind::Gaussians:
    case DatasetKind::Blobs: {
      const int k = o.kind == DatasetKind::Gaussians ? 2 : o.classes;
      Builder b(n, k);
      for (int c = 0; c < k; ++c) {
        double cx, cy;
        if (o.kind == DatasetKind::Gaussians) {
          cx = cy = c == 0 ? -2.0 : 2.0;
        } else {
          const double a = 2 * kPi * c / k + kPi / 2;
          cx = 3.5 * std::cos(a);
          cy = 3.5 * std::sin(a);
        }
        for (Index i = 0; i < classCount(n, k, c); ++i) {
          const double ny = rng.normal(), jy = jitter(), nx = rng.normal(), jx = jitter();
          b.add(cx + nx + jx, cy + ny + jy, c);
        }
      }
      return b.take();
    }
    case DatasetKind::Spiral:
    case DatasetKind::MultiSpiral: {
      const int k = o.kind == DatasetKind::Spiral ? 2 : o.classes;
      Builder b(n, k);
      for (int c = 0; c < k; ++c) {
        const Index m = classCount(n, k, c);
        for (Index i = 0; i < m; ++i) {
          const double f = static_cast<double>(i) / static_cast<double>(m);
          const double r = 5.0 * f + 0.2;
          const double t = 1.75 * 2 * kPi * f + 2 * kPi * c / k;
          const double jy = jitter(), jx = jitter();
          b.add(r * std::sin(t) + jx, r * std::cos(t) + jy, c);
        }
      }
      return b.take();
    }
    case DatasetKind::Moons: {
      Builder b(n, 2);
      for (int c = 0; c < 2; ++c) {
        const Index m = classCount(n, 2, c);
        for (Index i = 0; i < m; ++i) {
          const double t = kPi * (m == 1 ? 0.5 : static_cast<double>(i) / static_cast<double>(m - 1));
          const double x = c == 0 ? std::cos(t) : 1 - std::cos(t);
          const double y = c == 0 ? std::sin(t) : 0.5 - std::sin(t);
          const double jy = jitter(), jx = jitter();
          b.add((x - 0.5) * 3 + jx, (y - 0.25) * 3 + jy, c);
        }
      }
      return b.take();
    }
    case DatasetKind::AndGate:
    case DatasetKind::OrGate:
    case DatasetKind::XorGate:
      return gate(o.kind, n, o.noise, rng);
    case DatasetKind::RegressionPlane:
    case DatasetKind::RegressionGaussians: {
      Builder b(n, 0);
      for (Index i = 0; i < n; ++i) {
        const double x = rng.uniform(-5, 5), y = rng.uniform(-5, 5);
        const double target = o.kind == DatasetKind::RegressionPlane ? (x + y) / 10 : bumps(x, y);
        b.add(x, y, target + rng.normal() * o.noise * 0.2);
      }
      return b.take();
    }
  }
  throw InvalidArgument("unknown data set kind");
}

Bounds datasetBounds(DatasetKind kind) {
  if (isGate(kind)) return {-0.5, 1.5, -0.5, 1.5};
  return {-6, 6, -6, 6};
}

DataSplit splitDataset(const Dataset& data, double testFraction, std::uint64_t seed) {
  require(std::isfinite(testFraction) && testFraction >= 0 && testFraction <= 0.9,
          "the test fraction must be between 0 and 0.9, got " + formatNumber(testFraction));
  const Index n = data.size();
  Rng rng(seed ^ 0x5851f42d4c957f2dULL);
  std::vector<Index> order(static_cast<std::size_t>(n));
  Index testCount = 0;
  if (data.interleavedGroups <= 0) {
    for (Index i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
    rng.shuffle(order);
    testCount = static_cast<Index>(std::llround(testFraction * static_cast<double>(n)));
  } else {
    // Group by group: each group's rows shuffled, its test share taken from the end.
    std::vector<Index> trainRows, testRows;
    const Index k = data.interleavedGroups;
    for (Index g = 0; g < k && g < n; ++g) {
      std::vector<Index> rows;
      for (Index i = g; i < n; i += k) rows.push_back(i);
      rng.shuffle(rows);
      const auto m = static_cast<Index>(rows.size());
      Index t = static_cast<Index>(std::llround(testFraction * static_cast<double>(m)));
      if (m >= 2 && testFraction > 0) t = std::min(std::max<Index>(t, 1), m - 1);
      if (m < 2) t = 0;
      trainRows.insert(trainRows.end(), rows.begin(), rows.end() - t);
      testRows.insert(testRows.end(), rows.end() - t, rows.end());
    }
    rng.shuffle(trainRows);
    rng.shuffle(testRows);
    order = trainRows;
    order.insert(order.end(), testRows.begin(), testRows.end());
    testCount = static_cast<Index>(testRows.size());
  }
  require(n - testCount >= 1, "the training set would be empty");
  DataSplit split;
  for (Dataset* part : {&split.train, &split.test}) {
    part->classes = data.classes;
    part->targetsArePoints = data.targetsArePoints;
  }
  auto fill = [&](Dataset& part, Index begin, Index end) {
    part.points.resize(end - begin, data.points.cols());
    part.labels.resize(end - begin);
    const bool copyTargets = data.targets.size() > 0;
    if (copyTargets) part.targets.resize(end - begin, data.targets.cols());
    for (Index i = begin; i < end; ++i) {
      const Index source = order[static_cast<std::size_t>(i)];
      part.points.row(i - begin) = data.points.row(source);
      part.labels(i - begin) = data.labels(source);
      if (copyTargets) part.targets.row(i - begin) = data.targets.row(source);
    }
  };
  fill(split.train, 0, n - testCount);
  fill(split.test, n - testCount, n);
  return split;
}

std::vector<std::string> datasetNames() { return kDatasetNames.names(); }

}  // namespace nnplay
