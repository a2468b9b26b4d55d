// Fuzzes the GAN model-file reader (Gan::loadModel: the settings, both networks' weights,
// both optimizer states and the counters). A file that loads must train a step, save, and
// load again to the same file.
#include "fuzz_support.h"
#include "gan/gan.h"
#include "gan/gan_presets.h"

using nnplay::fuzz::expectCleanOutcome;
using nnplay::Gan;

namespace {

nnplay::GanSettings smallSettings() {
  nnplay::GanSettings s = nnplay::ganPreset("default");
  s.targetPoints = 64;
  s.batchSize = 8;
  s.generatorLayers = {{4, nnplay::Activation::ReLU}};
  s.discriminatorLayers = {{4, nnplay::Activation::ReLU}};
  return s;
}

// Multiply-adds of one step, roughly (a valid file may ask for a step far too slow to run
// under the sanitizers within the timeout).
double stepWork(const nnplay::GanSettings& s) {
  double width = 2;
  for (const auto& l : s.generatorLayers) width += static_cast<double>(l.units) * static_cast<double>(l.units);
  for (const auto& l : s.discriminatorLayers) width += static_cast<double>(l.units) * static_cast<double>(l.units);
  return width * static_cast<double>(s.batchSize) * (1 + s.discriminatorSteps);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Gan gan(smallSettings());
  if (!expectCleanOutcome("loadModel", [&] { gan.loadModel(text); })) return 0;
  if (stepWork(gan.settings()) < 2e7) expectCleanOutcome("train after load", [&] { gan.train(1); });
  std::string saved;
  expectCleanOutcome("save after load", [&] { saved = gan.saveModel(); });
  if (saved.empty()) return 0;
  nnplay::fuzz::requireReloadsToSame("GAN model", saved, [](const std::string& file) {
    Gan again(smallSettings());
    again.loadModel(file);
    return again.saveModel();
  });
  return 0;
}
