// Snapshots of training (rewind): the network's parameters and state, its dropout generator,
// the optimizer's state and the trainer's progress, kept by id. Restoring one and training on
// is exactly what training on from the moment it was taken would have been.
//
// Memory: at most kMaxSnapshots snapshots and kMaxSnapshotValues values in all
// (core/limits.h); take() refuses beyond that with a message, before copying anything.
#pragma once

#include <map>
#include <string>

#include "network/network.h"
#include "optimizers/optimizer.h"
#include "training/trainer.h"

namespace nnplay {

class SnapshotStore {
 public:
  static constexpr std::size_t kMaxSnapshots = 1000;

  int take(const Network& network, const Optimizer& optimizer, const Trainer& trainer);
  // Puts the snapshot back into the same network, optimizer and trainer (their shapes must
  // not have changed since: the session clears the store when it rebuilds the network).
  void restore(int id, Network& network, Optimizer& optimizer, Trainer& trainer) const;
  void remove(int id);
  void clear() { snapshots_.clear(); }
  std::size_t size() const { return snapshots_.size(); }
  // JSON: [{"id", "epoch", "step", "trainLoss"}], oldest first.
  std::string listJson() const;

 private:
  struct Snapshot {
    Vector parameters, state;
    Rng::State dropoutRng;
    OptimizerState optimizerState;
    Trainer::Progress progress;
  };
  const Snapshot& find(int id) const;

  std::map<int, Snapshot> snapshots_;
  int nextId_ = 1;
};

}  // namespace nnplay
