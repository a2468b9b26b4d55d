// The options `nnplay train` and `nnplay compare` share: the data set and its split, the
// hidden layers, the optimizer and the training settings, read the same way by both.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "cli/args.h"
#include "data/dataset.h"
#include "layers/initializer.h"
#include "network/network_spec.h"
#include "optimizers/optimizer.h"
#include "training/trainer.h"

namespace nnplay::cli {

// --dataset --points --noise --classes --seed --test --layers --activation --dropout
// --initializer --optimizer --lr --batch --regularization --rate (and the flag --batch-norm).
std::set<std::string> trainingValueOptions(std::set<std::string> extra);

struct TrainingOptions {
  std::uint64_t seed = 1;  // data, split, weights and shuffling
  DatasetOptions data;
  DataSplit split;
  std::vector<HiddenLayerOptions> hidden;
  Initializer initializer = Initializer::Auto;
  OptimizerSettings optimizer;
  TrainingSettings training;
};

// Requires --dataset; throws UsageError or InvalidArgument with a clear message.
TrainingOptions readTrainingOptions(const Args& a, const char* command);

// The textbook defaults of `kind`, with --lr when given (SGD's default here: 0.03).
OptimizerSettings optimizerFor(OptimizerKind kind, const Args& a);

}  // namespace nnplay::cli
