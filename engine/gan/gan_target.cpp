#include "gan/gan_target.h"

#include <cmath>

#include "core/enum_names.h"
#include "core/error.h"
#include "core/rng.h"

namespace nnplay {

namespace {
constexpr auto kTargetNames = enumNames<GanTargetKind>(
    "GAN target", std::pair{GanTargetKind::Ring, "ring"}, std::pair{GanTargetKind::Moons, "moons"},
    std::pair{GanTargetKind::Line, "line"}, std::pair{GanTargetKind::Spiral, "spiral"},
    std::pair{GanTargetKind::Mixture, "mixture"}, std::pair{GanTargetKind::Custom, "custom"});

constexpr double kPi = 3.14159265358979323846;
constexpr int kRingModes = 8;
constexpr double kRingRadius = 0.75, kRingSigma = 0.05;

// The mixture: centre x, y, σ, weight (weights sum to 1).
constexpr double kMixture[3][4] = {{-0.45, -0.35, 0.12, 0.45}, {0.5, -0.25, 0.07, 0.25}, {0.05, 0.5, 0.09, 0.30}};
}  // namespace

const char* ganTargetName(GanTargetKind kind) { return kTargetNames.name(kind); }
GanTargetKind parseGanTargetKind(const std::string& name) { return kTargetNames.parse(name); }

GanModes ganModes(GanTargetKind kind) {
  GanModes m;
  if (kind == GanTargetKind::Ring) {
    m.centers.resize(kRingModes, 2);
    // 3σ: modes are 0.57 apart, so these disks (radius 0.15) never overlap.
    m.radius = Vector::Constant(kRingModes, static_cast<Scalar>(3 * kRingSigma));
    for (int i = 0; i < kRingModes; ++i) {
      const double a = 2 * kPi * i / kRingModes;
      m.centers(i, 0) = static_cast<Scalar>(kRingRadius * std::cos(a));
      m.centers(i, 1) = static_cast<Scalar>(kRingRadius * std::sin(a));
    }
  } else if (kind == GanTargetKind::Mixture) {
    m.centers.resize(3, 2);
    m.radius.resize(3);
    for (int i = 0; i < 3; ++i) {
      m.centers(i, 0) = static_cast<Scalar>(kMixture[i][0]);
      m.centers(i, 1) = static_cast<Scalar>(kMixture[i][1]);
      m.radius(i) = static_cast<Scalar>(2.5 * kMixture[i][2]);
    }
  } else {
    m.centers.resize(0, 2);
    m.radius.resize(0);
  }
  return m;
}

Matrix sampleGanTarget(GanTargetKind kind, Index count, std::uint64_t seed) {
  require(count >= 1 && count <= 1000000, "the number of target points must be 1 to 1000000, got " + std::to_string(count));
  require(kind != GanTargetKind::Custom, "the custom target has no generator: give its points");
  Rng rng(seed);
  Matrix p(count, 2);
  for (Index i = 0; i < count; ++i) {
    double x = 0, y = 0;
    switch (kind) {
      case GanTargetKind::Ring: {
        const double a = 2 * kPi * static_cast<double>(rng.below(kRingModes)) / kRingModes;
        x = kRingRadius * std::cos(a) + rng.normal(0, kRingSigma);
        y = kRingRadius * std::sin(a) + rng.normal(0, kRingSigma);
        break;
      }
      case GanTargetKind::Moons: {
        // Two half circles of radius 0.5: the upper centred at (−0.25, −0.1), the lower
        // (flipped) at (0.25, 0.1), so that each reaches into the other's hollow.
        const double t = kPi * rng.uniform();
        if (rng.below(2) == 0) {
          x = -0.25 + 0.5 * std::cos(t);
          y = -0.1 + 0.5 * std::sin(t);
        } else {
          x = 0.25 - 0.5 * std::cos(t);
          y = 0.1 - 0.5 * std::sin(t);
        }
        x += rng.normal(0, 0.04);
        y += rng.normal(0, 0.04);
        break;
      }
      case GanTargetKind::Line: {
        const double t = rng.uniform();
        x = -0.7 + 1.4 * t + rng.normal(0, 0.02);
        y = -0.5 + 1.0 * t + rng.normal(0, 0.02);
        break;
      }
      case GanTargetKind::Spiral: {
        // Uniform along the arm's parameter, radius growing linearly with the angle.
        const double t = rng.uniform();
        const double angle = 3 * kPi * t;
        const double r = 0.1 + 0.75 * t;
        x = r * std::cos(angle) + rng.normal(0, 0.02);
        y = r * std::sin(angle) + rng.normal(0, 0.02);
        break;
      }
      case GanTargetKind::Mixture: {
        const double u = rng.uniform();
        int c = 0;
        for (double acc = kMixture[0][3]; c < 2 && u >= acc; acc += kMixture[++c][3]) {}
        x = rng.normal(kMixture[c][0], kMixture[c][2]);
        y = rng.normal(kMixture[c][1], kMixture[c][2]);
        break;
      }
      case GanTargetKind::Custom: break;
    }
    p(i, 0) = static_cast<Scalar>(x);
    p(i, 1) = static_cast<Scalar>(y);
  }
  return p;
}

ModeCoverage modeCoverage(const GanModes& modes, const ConstMatrixRef& samples, double minimumShare) {
  require(samples.cols() == 2, "the samples must have 2 columns");
  ModeCoverage c;
  c.share = Vector::Zero(modes.count());
  const Index n = samples.rows();
  if (n == 0 || modes.count() == 0) return c;
  Index outside = 0;
  for (Index i = 0; i < n; ++i) {
    Index best = 0;
    const Scalar d = (modes.centers.rowwise() - samples.row(i)).rowwise().squaredNorm().minCoeff(&best);
    if (std::sqrt(d) <= modes.radius(best)) c.share(best) += 1;
    else ++outside;
  }
  c.share /= static_cast<Scalar>(n);
  for (Index m = 0; m < modes.count(); ++m)
    if (c.share(m) >= static_cast<Scalar>(minimumShare)) ++c.covered;
  c.outside = static_cast<double>(outside) / static_cast<double>(n);
  return c;
}

}  // namespace nnplay
