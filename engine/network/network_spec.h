// A network described as data: what the page, the CLI and model files build networks from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "activations/activation.h"
#include "core/shape.h"
#include "core/types.h"
#include "layers/initializer.h"
#include "layers/layer.h"
#include "losses/loss.h"

namespace nnplay {

// One layer of the stack: its kind (a name in the layer registry, layers/layer_registry.h)
// and its settings as a JSON object of the kind's fields (missing ones take the schema's
// defaults). The registry validates the settings and builds the layer; nothing else in the
// engine needs to know a kind's fields, so adding a kind is one class plus one schema entry.
struct LayerSpec {
  std::string kind = "dense";
  nlohmann::json params = nlohmann::json::object();

  // A layer of `kind` with the given settings, the others at their defaults (not yet
  // validated: Network does that, naming the layer). Throws for an unknown kind.
  static LayerSpec of(const std::string& kind, nlohmann::json params = nlohmann::json::object());
  static LayerSpec dense(Index units, Initializer init = Initializer::Auto);
  static LayerSpec activationOf(Activation activation, double leakyAlpha = 0.01);
  static LayerSpec dropout(double rate);
  static LayerSpec batchNorm(double momentum = 0.9, double epsilon = 1e-5);

  // Typed reads of one setting (throws InvalidArgument naming it when absent or mistyped).
  Index integer(const char* name) const;
  double number(const char* name) const;
  std::string text(const char* name) const;
  bool flag(const char* name) const;
  // The "initializer" setting of layers with weights; Auto when the kind has none.
  Initializer initializer() const;
  // An activation layer's function (Linear for other kinds).
  Activation activation() const;

  bool operator==(const LayerSpec& other) const { return kind == other.kind && params == other.params; }
  bool operator!=(const LayerSpec& other) const { return !(*this == other); }
};

struct NetworkSpec {
  Shape input = Shape::features(2);  // one sample's shape (Shape::image(1, 28, 28) for images)
  std::vector<LayerSpec> layers;
  Loss loss = Loss::MeanSquaredError;
  Initializer initializer = Initializer::Auto;  // default for layers with weights
  std::uint64_t seed = 1;                       // weights and dropout masks

  Index inputs() const { return input.size(); }
  bool operator==(const NetworkSpec& o) const {
    return input == o.input && layers == o.layers && loss == o.loss && initializer == o.initializer && seed == o.seed;
  }
  bool operator!=(const NetworkSpec& o) const { return !(*this == o); }
};

// Options for one hidden block of the convenience builder below.
struct HiddenLayerOptions {
  Index units = 4;
  Activation activation = Activation::Tanh;
  double dropoutRate = 0.0;
  bool batchNorm = false;
};

// The classic multi-layer perceptron: for each hidden block, Dense → [BatchNorm] →
// Activation → [Dropout]; then Dense(outputs) → output activation.
NetworkSpec mlpSpec(Index inputs, const std::vector<HiddenLayerOptions>& hidden, Index outputs,
                    Activation outputActivation, Loss loss, std::uint64_t seed = 1,
                    Initializer initializer = Initializer::Auto);
// Same, with every hidden layer sharing one activation: mlpSpec(2, {4}, 1, Sigmoid, ...).
NetworkSpec mlpSpec(Index inputs, const std::vector<Index>& hiddenUnits, Activation hiddenActivation,
                    Index outputs, Activation outputActivation, Loss loss, std::uint64_t seed = 1,
                    Initializer initializer = Initializer::Auto);

}  // namespace nnplay
