// Seeded 2-D data sets (and the containers every other data set uses).
// Points are N×2 (one point per row); labels are class indices 0..classes−1 stored as
// Scalars, or real targets when classes == 0 (regression).
// Coordinates live in [−6, 6]² (the logic gates in [0, 1]²), like TensorFlow Playground,
// so features such as sin(x1) and x1² are meaningful.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/types.h"

namespace nnplay {

struct Dataset {
  Matrix points;      // N×F (F = 2 for the generated sets)
  Vector labels;      // N
  int classes = 2;    // 0 = regression
  // Optional explicit targets (N×K), e.g. the inputs themselves for an autoencoder. When
  // set, the network is trained against them and labels only name the points' classes.
  Matrix targets;
  // An autoencoder's targets are its inputs: this flag says so without a copy of the points.
  bool targetsArePoints = false;
  // > 0: rows i, i + k, i + 2k… form one group (k = interleavedGroups), e.g. the copies of
  // one corner of a logic gate; splitDataset then puts a share of every group of two or more
  // rows in each set. 0: no groups.
  int interleavedGroups = 0;
  Index size() const { return points.rows(); }
  bool hasExplicitTargets() const { return targetsArePoints || targets.size() > 0; }
  // Throws InvalidArgument unless points and labels agree and labels fit `classes`.
  void validate() const;
};

enum class DatasetKind {
  Circle,        // class 1 inside a disk of radius 2.5, class 0 in a ring 3.5–5
  Xor,           // uniform in [−5, 5]²; class 1 where x1·x2 > 0
  Gaussians,     // two round clusters (σ = 1) at (−2, −2) and (2, 2)
  Spiral,        // two interleaved arms over 1.75 turns, radius up to 5
  Moons,         // two interleaving half circles (scikit-learn's make_moons, scaled ×3)
  AndGate,       // the truth table of AND: 4 points in {0, 1}² (or jittered copies of them)
  OrGate,        // the truth table of OR
  XorGate,       // the truth table of XOR
  Blobs,         // k round clusters (σ = 1) on a circle of radius 3.5
  MultiSpiral,   // k interleaved arms
  RegressionPlane,       // target (x1 + x2) / 10, in [−1, 1]
  RegressionGaussians,   // target a sum of six signed Gaussian bumps, in [−1, 1]
};

// "circle", "xor", "gaussians", "spiral", "moons", "and", "or", "xor_gate", "blobs",
// "multi_spiral", "regression_plane", "regression_gaussians".
const char* datasetName(DatasetKind kind);
DatasetKind parseDatasetKind(const std::string& name);
// Every valid name, in the order the page lists them.
std::vector<std::string> datasetNames();
bool isRegression(DatasetKind kind);
bool isGate(DatasetKind kind);

struct DatasetOptions {
  DatasetKind kind = DatasetKind::Circle;
  // 0: the kind's own size (a gate's truth table, 4 rows; 200 points for the others). For a
  // gate, n ≥ 4 gives n rows cycling through the 4 corners (row i is corner i mod 4, so the
  // first 4 rows are the truth table), each jittered: a playground-sized set in which every
  // corner appears many times, grouped so splitDataset keeps every corner in both sets.
  Index points = 0;
  double noise = 0.0;      // 0–1: std-dev of Gaussian jitter in coordinate units (×0.1 for the
                           // gates; ×0.2 on the target for regression sets)
  int classes = 3;         // Blobs and MultiSpiral only: 2–8
  std::uint64_t seed = 1;
  void validate() const;
  bool operator==(const DatasetOptions& o) const {
    return kind == o.kind && points == o.points && noise == o.noise && classes == o.classes && seed == o.seed;
  }
  bool operator!=(const DatasetOptions& o) const { return !(*this == o); }
};

// Same options and seed → bit-identical points. Classes are balanced (sizes differ by ≤ 1).
Dataset generateDataset(const DatasetOptions& options);

struct Bounds {
  double xMin, xMax, yMin, yMax;
};
// The region the page draws for a kind (data range plus a margin).
Bounds datasetBounds(DatasetKind kind);

struct DataSplit {
  Dataset train;
  Dataset test;
};
// Shuffles (seeded) and puts round(testFraction·N) samples in the test set.
// testFraction must be in [0, 0.9]; 0 gives an empty test set.
// Grouped data (interleavedGroups > 0) is split group by group: round(testFraction·m) of a
// group's m rows, at least 1 and at most m − 1 when m ≥ 2 and testFraction > 0, go to the test
// set (a group of one row stays in training); each set is then shuffled.
DataSplit splitDataset(const Dataset& data, double testFraction, std::uint64_t seed);

}  // namespace nnplay
