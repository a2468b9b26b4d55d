// A network described as data: what the page, the CLI and model files build networks from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "activations/activation.h"
#include "core/types.h"
#include "layers/initializer.h"
#include "layers/layer.h"
#include "losses/loss.h"

namespace nnplay {

// One layer of the stack. Only the fields of its kind are used.
struct LayerSpec {
  LayerKind kind = LayerKind::Dense;
  Index units = 0;                          // dense: number of neurons
  Initializer initializer = Initializer::Auto;  // dense: Auto → the network's initializer
  Activation activation = Activation::Linear;  // activation
  double leakyAlpha = 0.01;                  // activation (leaky ReLU slope)
  double dropoutRate = 0.0;                  // dropout
  double momentum = 0.9;                     // batch norm (running statistics)
  double epsilon = 1e-5;                     // batch norm

  static LayerSpec dense(Index units, Initializer init = Initializer::Auto);
  static LayerSpec activationOf(Activation activation, double leakyAlpha = 0.01);
  static LayerSpec dropout(double rate);
  static LayerSpec batchNorm(double momentum = 0.9, double epsilon = 1e-5);
};

struct NetworkSpec {
  Index inputs = 2;
  std::vector<LayerSpec> layers;
  Loss loss = Loss::MeanSquaredError;
  Initializer initializer = Initializer::Auto;  // default for dense layers
  std::uint64_t seed = 1;                       // weights and dropout masks
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
