#include "network/network_spec.h"

namespace nnplay {

LayerSpec LayerSpec::dense(Index units, Initializer init) {
  LayerSpec s;
  s.kind = LayerKind::Dense;
  s.units = units;
  s.initializer = init;
  return s;
}

LayerSpec LayerSpec::activationOf(Activation activation, double leakyAlpha) {
  LayerSpec s;
  s.kind = LayerKind::Activation;
  s.activation = activation;
  s.leakyAlpha = leakyAlpha;
  return s;
}

LayerSpec LayerSpec::dropout(double rate) {
  LayerSpec s;
  s.kind = LayerKind::Dropout;
  s.dropoutRate = rate;
  return s;
}

LayerSpec LayerSpec::batchNorm(double momentum, double epsilon) {
  LayerSpec s;
  s.kind = LayerKind::BatchNorm;
  s.momentum = momentum;
  s.epsilon = epsilon;
  return s;
}

NetworkSpec mlpSpec(Index inputs, const std::vector<HiddenLayerOptions>& hidden, Index outputs,
                    Activation outputActivation, Loss loss, std::uint64_t seed,
                    Initializer initializer) {
  NetworkSpec spec;
  spec.inputs = inputs;
  spec.loss = loss;
  spec.seed = seed;
  spec.initializer = initializer;
  for (const HiddenLayerOptions& h : hidden) {
    spec.layers.push_back(LayerSpec::dense(h.units));
    if (h.batchNorm) spec.layers.push_back(LayerSpec::batchNorm());
    spec.layers.push_back(LayerSpec::activationOf(h.activation));
    if (h.dropoutRate > 0) spec.layers.push_back(LayerSpec::dropout(h.dropoutRate));
  }
  spec.layers.push_back(LayerSpec::dense(outputs));
  spec.layers.push_back(LayerSpec::activationOf(outputActivation));
  return spec;
}

NetworkSpec mlpSpec(Index inputs, const std::vector<Index>& hiddenUnits, Activation hiddenActivation,
                    Index outputs, Activation outputActivation, Loss loss, std::uint64_t seed,
                    Initializer initializer) {
  std::vector<HiddenLayerOptions> hidden;
  for (Index units : hiddenUnits) hidden.push_back({units, hiddenActivation, 0.0, false});
  return mlpSpec(inputs, hidden, outputs, outputActivation, loss, seed, initializer);
}

}  // namespace nnplay
