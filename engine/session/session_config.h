// The playground's configuration as data: what the page's controls, its URL, the JavaScript
// API and model files all describe. JSON form (every field optional; missing → default):
//
// { "data": { "source": "generated" | "custom",
//             "kind": "circle", "points": 300, "noise": 0.1, "classes": 3, "seed": 1,
//             "testFraction": 0.3,
//             "features": ["x1", "x2"],          // for 2-D data; see data/features.h
//             "task": "auto" | "autoencoder" },  // autoencoder: targets = inputs
//   "network": { "hidden": [ {"units": 4, "activation": "tanh", "dropout": 0, "batchNorm": false}, … ],
//                "output": {"activation": "auto", "loss": "auto"},
//                "layers": [ …spec_json layers… ],  // instead of hidden/output: an explicit stack
//                "inputShape": [1, 28, 28],        //   how a point's values are arranged for it
//                                                  //   (channels, height, width; default flat)
//                "loss": "mse",                     //   (explicit stacks name their loss)
//                "initializer": "auto", "seed": 1 },
//   "optimizer": { "kind": "sgd", "learningRate": 0.03, … },
//   "training": { "batchSize": 10, "shuffle": true, "regularization": "none",
//                 "regularizationRate": 0, "seed": 1 } }
//
// The output layer follows the problem unless overridden: two classes → 1 sigmoid output
// with binary cross-entropy; k classes → k softmax outputs with categorical cross-entropy;
// regression → 1 linear output with MSE; autoencoder → one sigmoid output per input, MSE.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/dataset.h"
#include "data/features.h"
#include "network/network_spec.h"
#include "optimizers/optimizer.h"
#include "training/trainer.h"

namespace nnplay {

struct DataConfig {
  enum class Source { Generated, Custom };
  Source source = Source::Generated;
  DatasetOptions generated;  // used when source is Generated
  double testFraction = 0.3;
  std::vector<Feature> features{Feature::X1, Feature::X2};
  bool autoencoder = false;
};

struct NetworkConfig {
  std::vector<HiddenLayerOptions> hidden{{4, Activation::Tanh, 0.0, false}, {2, Activation::Tanh, 0.0, false}};
  std::optional<Activation> outputActivation;  // empty = follow the problem
  std::optional<Loss> loss;                    // empty = follow the output activation
  std::vector<LayerSpec> layers;               // non-empty = explicit stack (hidden/output ignored)
  std::optional<Shape> inputShape;             // explicit stacks only; empty = flat features
  Initializer initializer = Initializer::Auto;
  std::uint64_t seed = 1;
};

struct SessionConfig {
  DataConfig data;
  NetworkConfig network;
  OptimizerSettings optimizer = [] {
    OptimizerSettings o = OptimizerSettings::defaultsFor(OptimizerKind::SGD);
    o.learningRate = 0.03;
    return o;
  }();
  TrainingSettings training;
};

SessionConfig defaultSessionConfig();
// Throws InvalidArgument naming the field ("network.hidden[1].units must be …").
SessionConfig sessionConfigFromJson(const nlohmann::json& json);
nlohmann::json toJson(const SessionConfig& config);

// The layer stack for the configuration, given the data's input width and classes. Throws
// InvalidArgument when network.inputShape does not hold `inputs` values.
NetworkSpec buildNetworkSpec(const NetworkConfig& network, Index inputs, int classes, bool autoencoder);

}  // namespace nnplay
