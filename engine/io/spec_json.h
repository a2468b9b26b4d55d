// JSON forms of the engine's settings, shared by model files and the session
// configuration that the page and the JavaScript API send. Field names are camelCase,
// enum values are the engine's snake_case names (activationName(), lossName()…).
//
//   network:   { "inputs": 2, "loss": "binary_cross_entropy", "initializer": "auto", "seed": 1,
//                "layers": [ {"kind": "dense", "units": 4, "initializer": "auto"},
//                            {"kind": "batch_norm", "momentum": 0.9, "epsilon": 1e-5},
//                            {"kind": "activation", "activation": "tanh", "alpha": 0.01},
//                            {"kind": "dropout", "rate": 0.2}, … ] }
//   optimizer: { "kind": "adam", "learningRate": 0.001, "momentum": 0.9, "rho": 0.9,
//                "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "weightDecay": 0 }
//              (missing values take OptimizerSettings::defaultsFor(kind))
//   training:  { "batchSize": 10, "shuffle": true, "regularization": "l2",
//                "regularizationRate": 0.001, "seed": 1 }
//   dataset:   { "kind": "spiral", "points": 200, "noise": 0.1, "classes": 3, "seed": 1 }
// Seeds are whole numbers below 2^53 so that JavaScript reads them exactly.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "data/dataset.h"
#include "io/json_reader.h"
#include "network/network_spec.h"
#include "optimizers/optimizer.h"
#include "training/trainer.h"

namespace nnplay {

constexpr std::int64_t kMaxSeed = (std::int64_t(1) << 53) - 1;

nlohmann::json toJson(const LayerSpec& layer);
nlohmann::json toJson(const NetworkSpec& spec);
nlohmann::json toJson(const Shape& shape);  // [channels, height, width] and the like
nlohmann::json toJson(const OptimizerSettings& settings);
nlohmann::json toJson(const TrainingSettings& settings);
nlohmann::json toJson(const DatasetOptions& options);

LayerSpec layerSpecFromJson(const JsonReader& json);
NetworkSpec networkSpecFromJson(const JsonReader& json);
Shape shapeFromJson(const JsonReader& json);
// `alsoAllowed`: keys read elsewhere (a model file's optimizer also holds "step" and "slots").
OptimizerSettings optimizerSettingsFromJson(const JsonReader& json, const std::vector<std::string>& alsoAllowed = {});
TrainingSettings trainingSettingsFromJson(const JsonReader& json);
DatasetOptions datasetOptionsFromJson(const JsonReader& json);

// Runs parse(text) and prefixes an InvalidArgument with the field's path.
template <typename Parse>
auto parseNamed(const JsonReader& field, Parse parse) {
  const std::string value = field.text();
  try {
    return parse(value);
  } catch (const InvalidArgument& e) {
    throw InvalidArgument(field.path() + ": " + e.what());
  }
}

}  // namespace nnplay
