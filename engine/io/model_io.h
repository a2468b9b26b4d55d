// Versioned JSON model files. A file holds everything needed to continue training exactly
// as if it had never stopped: architecture, parameters, batch-norm statistics, optimizer
// settings and state, training settings, seeds, random-generator states and the position
// in the current epoch.
//
//   { "format": "nnplay-model", "version": 1,
//     "network": {…spec_json…}, "parameters": [θ…], "state": [running statistics…],
//     "dropoutRng": {"state": "hex", "increment": "hex", "hasSpare": false, "spare": 0},
//     "optimizer": {…settings…, "step": 120, "slots": {"velocity": […]}},
//     "training": {…settings…},
//     "progress": {"epoch": 12, "cursor": 3, "order": […], "shuffleRng": {…}, "history": […]},
//     "session": {…whatever the session stores: data set, features…} }
//
// Numbers are written with enough digits to read back bit-exactly (float32 and float64).
// Reading validates everything and throws ModelFormatError naming the field.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/rng.h"
#include "io/json_reader.h"
#include "network/network.h"
#include "optimizers/optimizer.h"
#include "training/trainer.h"

namespace nnplay {

constexpr int kModelFormatVersion = 1;

struct ModelFile {
  NetworkSpec network;
  Vector parameters;
  Vector state;
  Rng::State dropoutRng;
  OptimizerSettings optimizer;
  OptimizerState optimizerState;
  TrainingSettings training;
  std::optional<Trainer::Progress> progress;
  nlohmann::json session;  // opaque to this module; null when absent
};

// Collects the file contents from live objects (trainer may be null).
ModelFile captureModel(const Network& network, const Optimizer& optimizer, const Trainer* trainer,
                       const TrainingSettings& training);

std::string writeModel(const ModelFile& model);
// Throws ModelFormatError ("model file: network.layers[1].units must be …").
ModelFile readModel(const std::string& text);

// Puts parameters, statistics and generator state into a network built from model.network,
// and the optimizer state into an optimizer built from model.optimizer.
void applyModel(const ModelFile& model, Network& network, Optimizer& optimizer);

// The pieces, for the other model files (sequence models): a parameter vector as a JSON array
// (read back bit-exactly; a non-finite value is refused with TrainingDiverged, as it could not
// be read back), checked on reading (count, finite, within float range); a random generator's
// state.
nlohmann::json modelVectorJson(const Vector& values);
Vector modelVectorFromJson(const JsonReader& json, Index expected);
nlohmann::json modelRngJson(const Rng::State& state);
Rng::State modelRngFromJson(const JsonReader& json);

}  // namespace nnplay
