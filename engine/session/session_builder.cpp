#include "session/session_builder.h"

#include <algorithm>

#include "core/error.h"
#include "session/evaluation_views.h"
#include "session/session_data.h"

namespace nnplay {

std::unique_ptr<SessionBuild> buildSession(const SessionParts* current, const SessionConfig& next, Dataset* custom,
                                           KeepNetwork keep) {
  auto b = std::make_unique<SessionBuild>();
  SessionParts& p = b->parts;
  p.config = next;
  const DataConfig& data = next.data;
  const SessionConfig* was = current ? &current->config : nullptr;

  // 1. The data set, regenerated only when its settings changed.
  bool dataChanged = true;
  if (custom) {
    p.raw = std::move(*custom);
    p.config.data.source = DataConfig::Source::Custom;
  } else if (data.source == DataConfig::Source::Generated) {
    if (was && was->data.source == DataConfig::Source::Generated && was->data.generated == data.generated) {
      p.raw = current->raw;
      dataChanged = false;
    } else {
      p.raw = generateDataset(data.generated);
    }
  } else {
    require(was && was->data.source == DataConfig::Source::Custom,
            "data.source is \"custom\" but no custom points were given: add points first");
    p.raw = current->raw;
    dataChanged = false;
  }
  if (was && (data.testFraction != was->data.testFraction || data.generated.seed != was->data.generated.seed)) {
    dataChanged = true;
  }
  p.rawSplit = splitDataset(p.raw, data.testFraction, data.generated.seed);
  const bool keepRaw = usesFeatures(p.raw);  // else the trainer's sets are the raw points
  Dataset train = withFeatures(p.rawSplit.train, data);
  Dataset test = withFeatures(p.rawSplit.test, data);
  if (!keepRaw) p.rawSplit = DataSplit{};

  // 2. The network: rebuilt when its layers differ or the data changed (unless kept).
  const NetworkSpec spec = buildNetworkSpec(next.network, train.points.cols(), p.raw.classes, data.autoencoder);
  const bool sameLayers = current && spec == current->network->spec();
  b->networkRebuilt = !sameLayers || (dataChanged && keep != KeepNetwork::IfItFits) ||
                      data.features != was->data.features || data.autoencoder != was->data.autoencoder;
  if (b->networkRebuilt) p.network = std::make_unique<Network>(spec);
  Network& net = p.network ? *p.network : *current->network;

  // 3. The optimizer: new with a new network or kind, else the same one with new settings.
  next.optimizer.validate();
  if (b->networkRebuilt || next.optimizer.kind != current->optimizer->settings().kind) {
    p.optimizer = Optimizer::create(next.optimizer, net.parameterCount());
  }
  Optimizer& opt = p.optimizer ? *p.optimizer : *current->optimizer;

  // A training step keeps the batch's outputs and their gradients (2 values per output).
  const auto batchRows = static_cast<Index>(std::min<std::int64_t>(next.training.batchSize, train.size()));
  requireForwardFits(2 * forwardValues(net, batchRows), "a batch of " + std::to_string(batchRows) + " points");

  // 4. The trainer (cheap), carrying the progress over when the network is kept.
  p.trainer = std::make_unique<Trainer>(net, opt, std::move(train), std::move(test), next.training);
  if (!b->networkRebuilt) {
    Trainer::Progress progress = current->trainer->progress();
    const auto trainSize = static_cast<std::size_t>(p.trainer->trainSet().size());
    if (dataChanged || progress.order.size() != trainSize) {
      progress.order.resize(trainSize);
      for (std::size_t i = 0; i < trainSize; ++i) progress.order[i] = static_cast<Index>(i);
      progress.cursor = 0;
    }
    if (next.training.batchSize != was->training.batchSize || progress.cursor >= p.trainer->batchesPerEpoch()) {
      progress.cursor = 0;
    }
    p.trainer->restoreProgress(progress);
  }
  return b;
}

}  // namespace nnplay
