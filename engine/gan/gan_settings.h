// Everything that defines a GAN run, as data: the target, the noise, both layer stacks,
// both optimizers, k and the generator's loss. The page, the CLI and model files build a
// Gan from this; its JSON form (camelCase fields, snake_case enum names) is
//   { "target": "ring", "targetPoints": 2000, "seed": 1, "batchSize": 64,
//     "noise": { "dims": 2, "distribution": "gaussian" },
//     "generator":     { "layers": [ {"units": 32, "activation": "relu"}, … ], "optimizer": {…} },
//     "discriminator": { "layers": [ … ], "optimizer": {…} },
//     "discriminatorSteps": 1, "loss": "non_saturating" }
// (optimizer objects as in io/spec_json.h; missing fields take the defaults below).
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "gan/gan_target.h"
#include "io/json_reader.h"
#include "network/network_spec.h"
#include "optimizers/optimizer.h"

namespace nnplay {

enum class NoiseDistribution { Uniform, Gaussian };  // U(−1, 1) or N(0, 1) per dimension
const char* noiseDistributionName(NoiseDistribution d);  // "uniform", "gaussian"
NoiseDistribution parseNoiseDistribution(const std::string& name);

// The generator's objective (Goodfellow et al. 2014):
//  NonSaturating: minimize −log D(G(z))     (strong gradients while D rejects the fakes)
//  Minimax:       minimize  log(1 − D(G(z))) (the original game; saturates early on)
enum class GeneratorLoss { NonSaturating, Minimax };
const char* generatorLossName(GeneratorLoss loss);  // "non_saturating", "minimax"
GeneratorLoss parseGeneratorLoss(const std::string& name);

struct GanSettings {
  GanTargetKind target = GanTargetKind::Ring;
  Index targetPoints = 2000;     // size of the real pool (generated targets)
  std::uint64_t seed = 1;        // weights, noise, real batches, the target pool
  Index batchSize = 64;          // real and generated samples per step, each
  int noiseDims = 2;             // 1 or 2
  NoiseDistribution noise = NoiseDistribution::Gaussian;
  std::vector<HiddenLayerOptions> generatorLayers{{32, Activation::ReLU}, {32, Activation::ReLU}};
  std::vector<HiddenLayerOptions> discriminatorLayers{{32, Activation::ReLU}, {32, Activation::ReLU}};
  OptimizerSettings generatorOptimizer = defaultOptimizer();
  OptimizerSettings discriminatorOptimizer = defaultOptimizer();
  int discriminatorSteps = 1;    // k: discriminator steps per generator step
  GeneratorLoss loss = GeneratorLoss::NonSaturating;

  // Adam, learning rate 0.002, β1 = 0.5 (the usual GAN choice: less momentum in a moving game).
  static OptimizerSettings defaultOptimizer();
  // Throws InvalidArgument naming the setting.
  void validate() const;
};

// Generator: noiseDims → hidden → Dense(2), linear output (a point).
NetworkSpec generatorSpec(const GanSettings& settings);
// Discriminator: 2 → hidden → Dense(1), linear output: the LOGIT a. The Gan applies the
// sigmoid, D(x) = σ(a), so that log D and log(1 − D) are computed stably from a.
NetworkSpec discriminatorSpec(const GanSettings& settings);

nlohmann::json toJson(const GanSettings& settings);
GanSettings ganSettingsFromJson(const JsonReader& json);

}  // namespace nnplay
