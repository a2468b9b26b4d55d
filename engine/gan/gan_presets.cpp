#include "gan/gan_presets.h"

#include "core/error.h"

namespace nnplay {

std::vector<std::string> ganPresetNames() { return {"default", "collapse"}; }

GanSettings ganPreset(const std::string& name) {
  GanSettings s;
  if (name == "default") return s;
  if (name == "collapse") {
    // 1-D noise into one small hidden layer, and a generator 30 times faster than its
    // discriminator: the generator keeps moving all its samples to wherever D currently
    // says "real" and they bunch up in one spot instead of spreading over the ring.
    s.noiseDims = 1;
    s.generatorLayers = {{16, Activation::ReLU}};
    s.generatorOptimizer.learningRate = 0.003;
    s.discriminatorOptimizer.learningRate = 0.0001;
    return s;
  }
  throw InvalidArgument("unknown GAN preset \"" + name + "\": use default or collapse");
}

}  // namespace nnplay
