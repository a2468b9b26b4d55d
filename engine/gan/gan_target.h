// The "real" distributions a GAN learns to imitate, as a fixed pool of points drawn from a
// seed (the discriminator's real batches are drawn from the pool, like a data set).
// Coordinates live in [−1, 1]², the square the page draws.
#pragma once

#include <cstdint>
#include <string>

#include "core/types.h"

namespace nnplay {

enum class GanTargetKind {
  Ring,      // 8 round Gaussians (σ = 0.05) evenly spaced on a circle of radius 0.75
  Moons,     // two interleaving half circles, jitter σ = 0.04
  Line,      // a diagonal segment from (−0.7, −0.5) to (0.7, 0.5), jitter σ = 0.02
  Spiral,    // one arm over 1.5 turns, radius 0.1 → 0.85, jitter σ = 0.02
  Mixture,   // 3 Gaussians of different sizes and weights
  Custom,    // points given by the page (drawn by the learner)
};

// "ring", "moons", "line", "spiral", "mixture", "custom".
const char* ganTargetName(GanTargetKind kind);
GanTargetKind parseGanTargetKind(const std::string& name);

// The centres and spread of a target made of round modes (ring, mixture), for counting
// which modes a generator covers. Other targets have no modes (count 0).
struct GanModes {
  Matrix centers;        // M×2
  Vector radius;         // M: a sample within this distance of its nearest centre belongs to it
  Index count() const { return centers.rows(); }
};
GanModes ganModes(GanTargetKind kind);

// `count` points of the target (count×2), drawn with a generator seeded by `seed`.
// Custom has no generator: throws InvalidArgument.
Matrix sampleGanTarget(GanTargetKind kind, Index count, std::uint64_t seed);

// How many generated samples each mode holds, and how many modes hold at least
// `minimumShare` of all samples (the "covered" modes: 5 % of 1,000 samples).
struct ModeCoverage {
  Vector share;           // M: fraction of the samples that fall in each mode
  Index covered = 0;      // modes with share ≥ minimumShare
  double outside = 0;     // fraction of samples in no mode
};
// samples: N×2. Allocates (called once per report, not per step).
ModeCoverage modeCoverage(const GanModes& modes, const ConstMatrixRef& samples, double minimumShare = 0.05);

}  // namespace nnplay
