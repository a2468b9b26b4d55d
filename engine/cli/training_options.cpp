#include "cli/training_options.h"

namespace nnplay::cli {

std::set<std::string> trainingValueOptions(std::set<std::string> extra) {
  for (const char* o : {"dataset", "points", "noise", "classes", "seed", "test", "layers", "activation", "dropout",
                        "initializer", "optimizer", "lr", "batch", "regularization", "rate"}) {
    extra.insert(o);
  }
  return extra;
}

OptimizerSettings optimizerFor(OptimizerKind kind, const Args& a) {
  OptimizerSettings os = OptimizerSettings::defaultsFor(kind);
  os.learningRate = a.number("lr", kind == OptimizerKind::SGD ? 0.03 : os.learningRate);
  return os;
}

TrainingOptions readTrainingOptions(const Args& a, const char* command) {
  if (!a.has("dataset")) throw UsageError{std::string(command) + " needs --dataset (e.g. --dataset spiral)"};
  TrainingOptions o;
  o.seed = static_cast<std::uint64_t>(a.integer("seed", 1, 0, (1LL << 53) - 1));
  o.data.kind = parseDatasetKind(a.text("dataset", ""));
  o.data.points = a.integer("points", 500, 4, 100000);
  o.data.noise = a.number("noise", 0.1);
  o.data.classes = static_cast<int>(a.integer("classes", 3, 2, 8));
  o.data.seed = o.seed;
  o.split = splitDataset(generateDataset(o.data), a.number("test", 0.3), o.seed);

  const Activation activation = parseActivation(a.text("activation", "tanh"));
  const double dropout = a.number("dropout", 0.0);
  for (long long units : a.integerList("layers", {8, 8})) {
    o.hidden.push_back({static_cast<Index>(units), activation, dropout, a.flag("batch-norm")});
  }
  o.initializer = parseInitializer(a.text("initializer", "auto"));
  o.optimizer = optimizerFor(parseOptimizerKind(a.text("optimizer", "sgd")), a);
  o.training.batchSize = a.integer("batch", 10, 0, 1000000);  // 0 reaches the engine's own message
  o.training.seed = o.seed;
  o.training.regularization.kind = parseRegularization(a.text("regularization", "none"));
  const bool regularized = o.training.regularization.kind != Regularization::None;
  o.training.regularization.rate = a.number("rate", regularized ? 0.001 : 0.0);
  return o;
}

}  // namespace nnplay::cli
