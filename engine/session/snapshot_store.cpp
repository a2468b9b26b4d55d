#include "session/snapshot_store.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/limits.h"

namespace nnplay {

namespace {

double valuesOf(const Vector& parameters, const Vector& state, const OptimizerState& optimizer) {
  double n = static_cast<double>(parameters.size() + state.size());
  for (const Vector& slot : optimizer.slots) n += static_cast<double>(slot.size());
  return n;
}

}  // namespace

int SnapshotStore::take(const Network& network, const Optimizer& optimizer, const Trainer& trainer) {
  require(snapshots_.size() < kMaxSnapshots,
          "too many snapshots (" + std::to_string(kMaxSnapshots) + "); delete some first");
  double held = 0;
  for (const auto& [id, kept] : snapshots_) held += valuesOf(kept.parameters, kept.state, kept.optimizerState);
  const double needed = valuesOf(network.parameters(), network.state(), optimizer.state());
  require(held + needed <= static_cast<double>(kMaxSnapshotValues),
          "the snapshots would hold more than " + std::to_string(kMaxSnapshotValues) +
              " values (the engine's limit for this network); delete some first");
  Snapshot s{network.parameters(), network.state(), network.dropoutRng().saveState(), optimizer.state(),
             trainer.progress()};
  const int id = nextId_++;
  snapshots_.emplace(id, std::move(s));
  return id;
}

const SnapshotStore::Snapshot& SnapshotStore::find(int id) const {
  const auto it = snapshots_.find(id);
  require(it != snapshots_.end(), "snapshot " + std::to_string(id) + " does not exist");
  return it->second;
}

void SnapshotStore::restore(int id, Network& network, Optimizer& optimizer, Trainer& trainer) const {
  const Snapshot& s = find(id);
  network.parameters() = s.parameters;
  network.state() = s.state;
  network.dropoutRng().restoreState(s.dropoutRng);
  optimizer.restoreState(s.optimizerState);
  trainer.restoreProgress(s.progress);
}

void SnapshotStore::remove(int id) {
  require(snapshots_.erase(id) == 1, "snapshot " + std::to_string(id) + " does not exist");
}

std::string SnapshotStore::listJson() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [id, s] : snapshots_) {
    const double loss = s.progress.history.empty() ? std::nan("") : s.progress.history.back().trainLoss;
    list.push_back({{"id", id}, {"epoch", s.progress.epoch}, {"step", s.optimizerState.step},
                    {"trainLoss", std::isfinite(loss) ? nlohmann::json(loss) : nlohmann::json(nullptr)}});
  }
  return list.dump();
}

}  // namespace nnplay
