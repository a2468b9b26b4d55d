// From a configuration to a working session: the data (regenerated only when its settings
// changed), the network (rebuilt only when its layers or its data changed), the optimizer and
// the trainer. Everything is built aside and only then committed by Session, so a refused
// configuration leaves the session as it was.
#pragma once

#include <memory>

#include "data/dataset.h"
#include "network/network.h"
#include "optimizers/optimizer.h"
#include "session/session_config.h"
#include "training/trainer.h"

namespace nnplay {

// What a session is made of. The trainer refers to the network and the optimizer: replace
// them only together (Session::commit).
struct SessionParts {
  SessionConfig config;
  Dataset raw;         // the whole data set before the split (generated or custom)
  DataSplit rawSplit;  // its split, before features (2-D data only; else empty)
  std::unique_ptr<Network> network;
  std::unique_ptr<Optimizer> optimizer;
  std::unique_ptr<Trainer> trainer;
};

struct SessionBuild {
  SessionParts parts;      // network/optimizer null: keep the current ones
  bool networkRebuilt = false;
};

enum class KeepNetwork { No, IfItFits };  // IfItFits: editing points keeps the weights

// Builds the parts for `next` next to `current` (null on the first build). `custom`: new
// custom points, moved from. Throws InvalidArgument (current is untouched).
std::unique_ptr<SessionBuild> buildSession(const SessionParts* current, const SessionConfig& next, Dataset* custom,
                                           KeepNetwork keep);

}  // namespace nnplay
