// `nnplay compare`: one setting varied over 2–8 values, everything else (data, seed, network,
// training) shared, and a table of how fast and how well each value trains.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/training_options.h"
#include "core/error.h"
#include "data/dataset.h"
#include "optimizers/optimizer.h"
#include "regularization/regularizer.h"
#include "training/comparison.h"
#include "training/targets.h"

namespace nnplay::cli {

namespace {

enum class Varied { Optimizer, Activation, Regularization, Dropout, BatchNorm, LearningRate };

struct VariedSetting {
  Varied what;
  const char* name;    // the --vary value
  const char* option;  // the option it replaces (may not be given together with --vary)
};

const VariedSetting kVariedSettings[] = {
    {Varied::Optimizer, "optimizer", "optimizer"},
    {Varied::Activation, "activation", "activation"},
    {Varied::Regularization, "regularization", "regularization"},
    {Varied::Dropout, "dropout", "dropout"},
    {Varied::BatchNorm, "batch-norm", "batch-norm"},
    {Varied::LearningRate, "lr", "lr"},
};

VariedSetting parseVaried(const std::string& name) {
  for (const VariedSetting& v : kVariedSettings)
    if (name == v.name) return v;
  throw UsageError{"--vary must be optimizer, activation, regularization, dropout, batch-norm or lr, got \"" +
                   name + "\""};
}

std::vector<std::string> splitValues(const std::string& text) {
  std::vector<std::string> values;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    values.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::set<std::string> seen;
  for (const std::string& v : values) {
    if (v.empty()) throw UsageError{"--values has an empty entry in \"" + text + "\" (write e.g. sgd,adam)"};
    if (!seen.insert(v).second) throw UsageError{"--values lists \"" + v + "\" twice"};
  }
  if (values.size() < 2 || values.size() > static_cast<std::size_t>(kMaxComparisonConfigs)) {
    throw UsageError{"--values needs 2 to " + std::to_string(kMaxComparisonConfigs) +
                     " comma-separated values to compare, got " + std::to_string(values.size())};
  }
  return values;
}

double parseNumber(const std::string& what, const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(v)) {
    throw UsageError{what + " expects numbers, got \"" + text + "\""};
  }
  return v;
}

// The learning rate `nnplay train` uses: --lr, else 0.03 for SGD and the textbook default otherwise.
std::string layersText(Index inputs, const std::vector<HiddenLayerOptions>& hidden, Index outputs) {
  std::string s = std::to_string(inputs);
  for (const HiddenLayerOptions& h : hidden) s += "-" + std::to_string(h.units);
  return s + "-" + std::to_string(outputs);
}

}  // namespace

int compareCommand(const std::vector<std::string>& argv) {
  const Args a(argv, cli::trainingValueOptions({"vary", "values", "target", "epochs"}), {"batch-norm"});
  if (!a.has("dataset")) throw UsageError{"compare needs --dataset (e.g. --dataset spiral)"};
  if (!a.has("vary")) throw UsageError{"compare needs --vary (optimizer, activation, regularization, dropout, batch-norm or lr)"};
  if (!a.has("values")) throw UsageError{"compare needs --values, the values to compare (e.g. --values sgd,momentum,adam)"};
  const VariedSetting varied = parseVaried(a.text("vary", ""));
  if (a.has(varied.option) || a.flag(varied.option)) {
    throw UsageError{"--" + std::string(varied.option) + " cannot be combined with --vary " + varied.name +
                     ": list the values to compare in --values"};
  }
  const std::vector<std::string> values = splitValues(a.text("values", ""));

  const cli::TrainingOptions options = cli::readTrainingOptions(a, "compare");
  const DataSplit& split = options.split;
  const DatasetOptions& d = options.data;
  const std::uint64_t seed = options.seed;
  const int epochs = static_cast<int>(a.integer("epochs", 300, 1, 10000000));
  const double target = a.number("target", 0.3);
  if (!(std::isfinite(target) && target >= 0)) {
    throw UsageError{"--target expects a training loss ≥ 0, got \"" + a.text("target", "") + "\""};
  }

  // The shared configuration; each value then changes one setting of a copy.
  const std::vector<HiddenLayerOptions>& hidden = options.hidden;
  const Activation activation = parseActivation(a.text("activation", "tanh"));
  const double dropout = a.number("dropout", 0.0);
  const bool regularized = options.training.regularization.kind != Regularization::None;
  const bool perHiddenLayer = varied.what == Varied::Activation || varied.what == Varied::Dropout ||
                              varied.what == Varied::BatchNorm;
  if (perHiddenLayer && hidden.empty()) {
    throw UsageError{std::string("--vary ") + varied.name + " changes the hidden layers, but --layers has none"};
  }
  const Initializer initializer = options.initializer;
  ComparisonConfig base;
  base.optimizer = options.optimizer;
  base.training = options.training;

  std::vector<ComparisonConfig> configs;
  for (const std::string& value : values) {
    ComparisonConfig c = base;
    std::vector<HiddenLayerOptions> h = hidden;
    c.label = value;
    switch (varied.what) {
      case Varied::Optimizer:
        c.optimizer = optimizerFor(parseOptimizerKind(value), a);
        if (!a.has("lr")) c.label += " (lr " + formatNumber(c.optimizer.learningRate) + ")";
        break;
      case Varied::Activation:
        for (HiddenLayerOptions& layer : h) layer.activation = parseActivation(value);
        break;
      case Varied::Regularization:
        c.training.regularization.kind = parseRegularization(value);
        c.training.regularization.rate =
            c.training.regularization.kind == Regularization::None ? 0.0 : a.number("rate", 0.001);
        if (c.training.regularization.kind == Regularization::None) c.label = "no penalty";
        else c.label += " rate " + formatNumber(c.training.regularization.rate);
        break;
      case Varied::Dropout: {
        const double rate = parseNumber("--values (dropout rates)", value);
        if (!(rate >= 0 && rate < 1)) throw UsageError{"a dropout rate must be from 0 up to (not including) 1, got " + value};
        for (HiddenLayerOptions& layer : h) layer.dropoutRate = rate;
        c.label = "dropout " + value;
        break;
      }
      case Varied::BatchNorm: {
        if (value != "on" && value != "off") throw UsageError{"--vary batch-norm takes the values on and off, got \"" + value + "\""};
        for (HiddenLayerOptions& layer : h) layer.batchNorm = value == "on";
        c.label = "batch norm " + value;
        break;
      }
      case Varied::LearningRate: {
        const double lr = parseNumber("--values (learning rates)", value);
        c.optimizer.learningRate = lr;
        c.label = "lr " + value;
        break;
      }
    }
    c.network = comparisonNetwork(split.train, h, seed, initializer);
    configs.push_back(c);
  }

  const Comparison result = runComparison(split, configs, epochs, target);

  const OutputHead head = defaultOutputHead(split.train.classes);
  std::printf("%s: %lld train / %lld test points, noise %g, seed %llu\n", datasetName(d.kind),
              (long long)split.train.size(), (long long)split.test.size(), d.noise, (unsigned long long)seed);
  std::string shared = "network " + layersText(split.train.points.cols(), hidden, head.outputs);
  if (varied.what != Varied::Activation) shared += ", " + std::string(activationName(activation));
  if (varied.what != Varied::Dropout && dropout > 0) shared += ", dropout " + formatNumber(dropout);
  if (varied.what != Varied::BatchNorm && a.flag("batch-norm")) shared += ", batch norm";
  if (varied.what != Varied::Optimizer) shared += ", " + std::string(optimizerName(base.optimizer.kind));
  if (varied.what != Varied::LearningRate && (varied.what != Varied::Optimizer || a.has("lr")))
    shared += ", lr " + formatNumber(base.optimizer.learningRate);
  if (varied.what != Varied::Regularization && regularized)
    shared += ", " + std::string(regularizationName(base.training.regularization.kind)) + " rate " +
              formatNumber(base.training.regularization.rate);
  shared += ", batch " + std::to_string(base.training.batchSize);
  std::printf("%s; varying %s; %d epochs each; target: training loss ≤ %g (%s, penalty excluded)\n\n",
              shared.c_str(), varied.name, epochs, target, lossName(head.loss));
  std::fputs(formatComparisonTable(result).c_str(), stdout);

  const ComparisonResult* fastest = nullptr;
  for (const ComparisonResult& r : result.results)
    if (r.reachedTarget() && (!fastest || r.epochsToTarget < fastest->epochsToTarget)) fastest = &r;
  std::printf("\n");
  if (fastest) {
    std::printf("First to reach the target: %s, after %d epochs.\n", fastest->label.c_str(), fastest->epochsToTarget);
  } else {
    std::printf("No configuration reached the target in %d epochs: try more --epochs or a higher --target.\n", epochs);
  }
  const ComparisonResult* smallestGap = nullptr;
  for (const ComparisonResult& r : result.results)
    if (std::isfinite(r.lossGap) && (!smallestGap || r.lossGap < smallestGap->lossGap)) smallestGap = &r;
  if (smallestGap) std::printf("Smallest train/test gap: %s (%+.4f).\n", smallestGap->label.c_str(), smallestGap->lossGap);
  std::printf("gap = test loss − train loss (larger: more overfitting); weight norm = ‖w‖₂ of the weights (no biases).\n");
  for (const ComparisonResult& r : result.results) {
    if (r.diverged) std::printf("%s: %s\n", r.label.c_str(), r.divergenceMessage.c_str());
  }
  return 0;
}

}  // namespace nnplay::cli
