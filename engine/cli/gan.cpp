// `nnplay gan`: trains a GAN on a 2-D target and prints both losses and, for targets made of
// modes (ring, mixture), how many modes 1,000 generated samples cover.
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "cli/args.h"
#include "core/error.h"
#include "gan/gan.h"
#include "gan/gan_presets.h"

namespace nnplay::cli {

namespace {

const char* kGanUsage = R"(usage: nnplay gan [--target ring] [options]
  Trains a generative adversarial network on a 2-D target and prints the losses every
  --every generator steps and the modes covered (ring, mixture).
  --preset default|collapse   start from a named setting (the page's lesson presets)
  --target       ring, moons, line, spiral, mixture                (default ring)
  --steps 3000   generator steps (each after k discriminator steps)
  --seed 1       --batch 64     --every 500
  --k 1          discriminator steps per generator step
  --loss         non_saturating, minimax                           (default non_saturating)
  --noise-dims   1 or 2 (default 2)   --noise gaussian|uniform
  --g-layers 32,32  --d-layers 32,32  hidden layer sizes
  --activation   relu, leaky_relu, tanh, sigmoid, linear (hidden layers of both; default relu)
  --g-optimizer, --d-optimizer   sgd, momentum, nesterov, rmsprop, adagrad, adam (default adam)
  --g-lr 0.002   --d-lr 0.002    learning rates
)";

std::vector<HiddenLayerOptions> layers(const std::vector<long long>& units, Activation activation) {
  std::vector<HiddenLayerOptions> out;
  for (long long u : units) out.push_back({static_cast<Index>(u), activation});
  return out;
}

std::vector<long long> unitsOf(const std::vector<HiddenLayerOptions>& layers) {
  std::vector<long long> out;
  for (const HiddenLayerOptions& l : layers) out.push_back(l.units);
  return out;
}

OptimizerSettings optimizerOption(const Args& a, const char* kindOption, const char* lrOption, OptimizerSettings s) {
  if (a.has(kindOption)) {
    const OptimizerKind kind = parseOptimizerKind(a.text(kindOption, ""));
    if (kind != s.kind) s = kind == OptimizerKind::Adam ? GanSettings::defaultOptimizer() : OptimizerSettings::defaultsFor(kind);
  }
  if (a.has(lrOption)) s.learningRate = a.number(lrOption, s.learningRate);
  return s;
}

}  // namespace

int ganCommand(const std::vector<std::string>& argv) {
  for (const std::string& arg : argv) {
    if (arg == "--help" || arg == "-h") {
      std::fputs(kGanUsage, stdout);
      return 0;
    }
  }
  const Args a(argv,
               {"preset", "target", "steps", "seed", "batch", "every", "k", "loss", "noise-dims", "noise", "g-layers",
                "d-layers", "activation", "g-optimizer", "d-optimizer", "g-lr", "d-lr"},
               {});
  GanSettings s = ganPreset(a.text("preset", "default"));
  if (a.has("target")) {
    s.target = parseGanTargetKind(a.text("target", "ring"));
    if (s.target == GanTargetKind::Custom) throw UsageError{"--target custom needs points: draw them in the page"};
  }
  s.seed = static_cast<std::uint64_t>(a.integer("seed", 1, 0, (1LL << 53) - 1));
  s.batchSize = a.integer("batch", s.batchSize, 1, 4096);
  s.discriminatorSteps = static_cast<int>(a.integer("k", s.discriminatorSteps, 1, 100));
  if (a.has("loss")) s.loss = parseGeneratorLoss(a.text("loss", ""));
  s.noiseDims = static_cast<int>(a.integer("noise-dims", s.noiseDims, 1, 2));
  if (a.has("noise")) s.noise = parseNoiseDistribution(a.text("noise", ""));
  const Activation activation =
      a.has("activation") ? parseActivation(a.text("activation", "")) : s.generatorLayers.empty() ? Activation::ReLU
                                                                                                  : s.generatorLayers[0].activation;
  s.generatorLayers = layers(a.integerList("g-layers", unitsOf(s.generatorLayers)), activation);
  s.discriminatorLayers = layers(a.integerList("d-layers", unitsOf(s.discriminatorLayers)), activation);
  s.generatorOptimizer = optimizerOption(a, "g-optimizer", "g-lr", s.generatorOptimizer);
  s.discriminatorOptimizer = optimizerOption(a, "d-optimizer", "d-lr", s.discriminatorOptimizer);
  const int steps = static_cast<int>(a.integer("steps", 3000, 1, 10000000));
  const int every = static_cast<int>(a.integer("every", 500, 1, 10000000));

  Gan gan(s);
  const GanModes modes = ganModes(s.target);
  std::printf("GAN on %s: noise %d-D %s, generator %lld parameters (%s lr %g), discriminator %lld parameters (%s lr %g),\n"
              "k %d, %s generator loss, batch %lld, seed %llu\n",
              ganTargetName(s.target), s.noiseDims, noiseDistributionName(s.noise),
              (long long)gan.generator().parameterCount(), optimizerName(s.generatorOptimizer.kind),
              s.generatorOptimizer.learningRate, (long long)gan.discriminator().parameterCount(),
              optimizerName(s.discriminatorOptimizer.kind), s.discriminatorOptimizer.learningRate, s.discriminatorSteps,
              generatorLossName(s.loss), (long long)s.batchSize, (unsigned long long)s.seed);
  std::printf("%8s %10s %10s %8s %8s%s\n", "G step", "D loss", "G loss", "D(real)", "D(fake)",
              modes.count() > 0 ? "   modes" : "");
  for (int done = 0; done < steps;) {
    const int chunk = std::min(every, steps - done);
    const GanStepResult r = gan.train(chunk);
    done += chunk;
    std::printf("%8lld %10.4f %10.4f %8.3f %8.3f", (long long)r.generatorSteps, r.discriminatorLoss, r.generatorLoss,
                r.realScore, r.fakeScore);
    if (modes.count() > 0) std::printf("   %lld/%lld", (long long)gan.coverage().covered, (long long)modes.count());
    std::printf("\n");
  }
  if (modes.count() > 0) {
    const ModeCoverage c = gan.coverage();
    std::printf("\nmodes covered: %lld of %lld (a mode counts when it holds ≥ 5 %% of 1000 samples)\nshare per mode:",
                (long long)c.covered, (long long)modes.count());
    for (Index m = 0; m < c.share.size(); ++m) std::printf(" %.1f%%", 100.0 * c.share(m));
    std::printf("   outside every mode: %.1f%%\n", 100.0 * c.outside);
  }
  return 0;
}

}  // namespace nnplay::cli
