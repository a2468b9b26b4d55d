// A network, its optimizer and a trainer built together from one description, so that tests
// can build two identical set-ups and compare them bit for bit.
#pragma once

#include <memory>

#include "data/dataset.h"
#include "network/network.h"
#include "optimizers/optimizer.h"
#include "training/trainer.h"

namespace nnplay::test {

struct TrainingSetup {
  std::unique_ptr<Network> network;
  std::unique_ptr<Optimizer> optimizer;
  std::unique_ptr<Trainer> trainer;

  TrainingSetup(const NetworkSpec& spec, const OptimizerSettings& optimizerSettings, const Dataset& train,
                const Dataset& test, const TrainingSettings& training)
      : network(std::make_unique<Network>(spec)),
        optimizer(Optimizer::create(optimizerSettings, network->parameterCount())),
        trainer(std::make_unique<Trainer>(*network, *optimizer, train, test, training)) {}
};

// Generator options with 3 classes for the multi-class kinds.
inline DatasetOptions datasetOptions(DatasetKind kind, Index points, double noise, std::uint64_t seed) {
  DatasetOptions o;
  o.kind = kind;
  o.points = points;
  o.noise = noise;
  o.seed = seed;
  o.classes = 3;
  return o;
}

inline Dataset makeDataset(DatasetKind kind, Index points, double noise = 0.1, std::uint64_t seed = 1) {
  return generateDataset(datasetOptions(kind, points, noise, seed));
}

// Bit-for-bit equality of two training histories (NaN fields compare equal to NaN).
inline bool sameBits(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }
inline bool sameHistory(const std::vector<EpochRecord>& a, const std::vector<EpochRecord>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].epoch != b[i].epoch || a[i].step != b[i].step || !sameBits(a[i].trainLoss, b[i].trainLoss) ||
        !sameBits(a[i].testLoss, b[i].testLoss) || !sameBits(a[i].trainAccuracy, b[i].trainAccuracy) ||
        !sameBits(a[i].testAccuracy, b[i].testAccuracy))
      return false;
  }
  return true;
}

}  // namespace nnplay::test
