#include "gan/gan_settings.h"

#include <string>

#include "core/enum_names.h"
#include "core/error.h"
#include "io/spec_json.h"

namespace nnplay {

namespace {
constexpr auto kNoiseNames = enumNames<NoiseDistribution>(
    "noise distribution", std::pair{NoiseDistribution::Uniform, "uniform"},
    std::pair{NoiseDistribution::Gaussian, "gaussian"});
constexpr auto kLossNames = enumNames<GeneratorLoss>(
    "generator loss", std::pair{GeneratorLoss::NonSaturating, "non_saturating"},
    std::pair{GeneratorLoss::Minimax, "minimax"});

constexpr std::size_t kMaxHiddenLayers = 8;
constexpr Index kMaxUnits = 256;

void validateStack(const std::vector<HiddenLayerOptions>& layers, const char* network) {
  require(layers.size() <= kMaxHiddenLayers, std::string("the ") + network + " has " + std::to_string(layers.size()) +
                                                 " hidden layers; at most 8 are allowed");
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const HiddenLayerOptions& l = layers[i];
    require(l.units >= 1 && l.units <= kMaxUnits, std::string("the ") + network + "'s hidden layer " +
                                                      std::to_string(i + 1) + " must have 1 to 256 neurons, got " +
                                                      std::to_string(l.units));
    require(l.activation != Activation::Softmax, std::string("the ") + network + "'s hidden layer " +
                                                     std::to_string(i + 1) + " cannot use softmax");
  }
}

NetworkSpec stackSpec(Index inputs, const std::vector<HiddenLayerOptions>& hidden, Index outputs, std::uint64_t seed) {
  // Loss is unused: the Gan back-propagates its own output gradients.
  return mlpSpec(inputs, hidden, outputs, Activation::Linear, Loss::MeanSquaredError, seed);
}

nlohmann::json stackJson(const std::vector<HiddenLayerOptions>& layers, const OptimizerSettings& optimizer) {
  nlohmann::json list = nlohmann::json::array();
  for (const HiddenLayerOptions& l : layers) list.push_back({{"units", l.units}, {"activation", activationName(l.activation)}});
  return {{"layers", list}, {"optimizer", toJson(optimizer)}};
}

void readStack(const JsonReader& r, std::vector<HiddenLayerOptions>& layers, OptimizerSettings& optimizer) {
  r.requireObject();
  if (r.has("layers")) {
    const JsonReader list = r.at("layers");
    const std::size_t n = list.arraySize();
    if (n > kMaxHiddenLayers) list.fail("has " + std::to_string(n) + " layers; at most 8 are allowed");
    layers.clear();
    for (std::size_t i = 0; i < n; ++i) {
      const JsonReader l = list.at(i);
      l.requireObject();
      HiddenLayerOptions h;
      h.units = l.at("units").integer(1, kMaxUnits);
      if (l.has("activation")) h.activation = parseNamed(l.at("activation"), parseActivation);
      if (h.activation == Activation::Softmax) l.at("activation").fail("cannot be softmax in a hidden layer");
      layers.push_back(h);
    }
  }
  if (r.has("optimizer")) {
    const JsonReader o = r.at("optimizer");
    // Missing fields take the GAN default (learning rate 0.002, β1 0.5) for Adam, else the
    // textbook defaults of the given kind.
    optimizer = optimizerSettingsFromJson(o);
    if (optimizer.kind == OptimizerKind::Adam) {
      const OptimizerSettings d = GanSettings::defaultOptimizer();
      if (!o.has("learningRate")) optimizer.learningRate = d.learningRate;
      if (!o.has("beta1")) optimizer.beta1 = d.beta1;
    }
  }
}
}  // namespace

const char* noiseDistributionName(NoiseDistribution d) { return kNoiseNames.name(d); }
NoiseDistribution parseNoiseDistribution(const std::string& name) { return kNoiseNames.parse(name); }
const char* generatorLossName(GeneratorLoss loss) { return kLossNames.name(loss); }
GeneratorLoss parseGeneratorLoss(const std::string& name) { return kLossNames.parse(name); }

OptimizerSettings GanSettings::defaultOptimizer() {
  OptimizerSettings s = OptimizerSettings::defaultsFor(OptimizerKind::Adam);
  s.learningRate = 0.002;
  s.beta1 = 0.5;
  return s;
}

void GanSettings::validate() const {
  require(targetPoints >= 16 && targetPoints <= 100000,
          "the number of target points must be 16 to 100000, got " + std::to_string(targetPoints));
  require(seed <= static_cast<std::uint64_t>((std::int64_t(1) << 53) - 1), "the seed must be below 2^53");
  require(batchSize >= 1 && batchSize <= 4096, "the batch size must be 1 to 4096, got " + std::to_string(batchSize));
  require(noiseDims == 1 || noiseDims == 2, "the noise must have 1 or 2 dimensions, got " + std::to_string(noiseDims));
  require(discriminatorSteps >= 1 && discriminatorSteps <= 100,
          "k (discriminator steps per generator step) must be 1 to 100, got " + std::to_string(discriminatorSteps));
  validateStack(generatorLayers, "generator");
  validateStack(discriminatorLayers, "discriminator");
  try {
    generatorOptimizer.validate();
  } catch (const InvalidArgument& e) {
    throw InvalidArgument(std::string("generator optimizer: ") + e.what());
  }
  try {
    discriminatorOptimizer.validate();
  } catch (const InvalidArgument& e) {
    throw InvalidArgument(std::string("discriminator optimizer: ") + e.what());
  }
}

NetworkSpec generatorSpec(const GanSettings& s) { return stackSpec(s.noiseDims, s.generatorLayers, 2, s.seed); }
NetworkSpec discriminatorSpec(const GanSettings& s) {
  // A different stream of initial weights from the generator's (same seed, other network).
  return stackSpec(2, s.discriminatorLayers, 1, s.seed ^ 0xd15c0000d15cULL);
}

nlohmann::json toJson(const GanSettings& s) {
  return {{"target", ganTargetName(s.target)},
          {"targetPoints", s.targetPoints},
          {"seed", s.seed},
          {"batchSize", s.batchSize},
          {"noise", {{"dims", s.noiseDims}, {"distribution", noiseDistributionName(s.noise)}}},
          {"generator", stackJson(s.generatorLayers, s.generatorOptimizer)},
          {"discriminator", stackJson(s.discriminatorLayers, s.discriminatorOptimizer)},
          {"discriminatorSteps", s.discriminatorSteps},
          {"loss", generatorLossName(s.loss)}};
}

GanSettings ganSettingsFromJson(const JsonReader& r) {
  r.requireObject();
  GanSettings s;
  if (r.has("target")) s.target = parseNamed(r.at("target"), parseGanTargetKind);
  s.targetPoints = r.integer("targetPoints", s.targetPoints, 16, 100000);
  s.seed = static_cast<std::uint64_t>(r.integer("seed", 1, 0, kMaxSeed));
  s.batchSize = r.integer("batchSize", s.batchSize, 1, 4096);
  if (r.has("noise")) {
    const JsonReader n = r.at("noise");
    n.requireObject();
    s.noiseDims = static_cast<int>(n.integer("dims", s.noiseDims, 1, 2));
    if (n.has("distribution")) s.noise = parseNamed(n.at("distribution"), parseNoiseDistribution);
  }
  if (r.has("generator")) readStack(r.at("generator"), s.generatorLayers, s.generatorOptimizer);
  if (r.has("discriminator")) readStack(r.at("discriminator"), s.discriminatorLayers, s.discriminatorOptimizer);
  s.discriminatorSteps = static_cast<int>(r.integer("discriminatorSteps", s.discriminatorSteps, 1, 100));
  if (r.has("loss")) s.loss = parseNamed(r.at("loss"), parseGeneratorLoss);
  s.validate();
  return s;
}

}  // namespace nnplay
