#include "layers/initializer.h"

#include <cmath>

#include "core/error.h"

namespace nnplay {

const char* initializerName(Initializer initializer) {
  switch (initializer) {
    case Initializer::Auto: return "auto";
    case Initializer::XavierUniform: return "xavier_uniform";
    case Initializer::XavierNormal: return "xavier_normal";
    case Initializer::HeUniform: return "he_uniform";
    case Initializer::HeNormal: return "he_normal";
    case Initializer::UniformSmall: return "uniform_small";
  }
  return "?";
}

Initializer parseInitializer(const std::string& name) {
  for (Initializer i : {Initializer::Auto, Initializer::XavierUniform, Initializer::XavierNormal,
                        Initializer::HeUniform, Initializer::HeNormal, Initializer::UniformSmall}) {
    if (name == initializerName(i)) return i;
  }
  throw InvalidArgument("unknown initializer \"" + name +
                        "\": use auto, xavier_uniform, xavier_normal, he_uniform, he_normal or "
                        "uniform_small");
}

Initializer resolveInitializer(Initializer initializer, Activation nextActivation) {
  if (initializer != Initializer::Auto) return initializer;
  const bool reluFamily =
      nextActivation == Activation::ReLU || nextActivation == Activation::LeakyReLU;
  return reluFamily ? Initializer::HeNormal : Initializer::XavierUniform;
}

void initializeWeights(Initializer initializer, Eigen::Ref<Matrix> weights, Rng& rng) {
  const double fanIn = static_cast<double>(weights.rows());
  const double fanOut = static_cast<double>(weights.cols());
  // Column by column, so the draw order is fixed by the layout, not by Eigen's traversal.
  auto fill = [&](auto draw) {
    for (Index c = 0; c < weights.cols(); ++c)
      for (Index r = 0; r < weights.rows(); ++r) weights(r, c) = static_cast<Scalar>(draw());
  };
  switch (initializer) {
    case Initializer::XavierUniform: {
      const double a = std::sqrt(6.0 / (fanIn + fanOut));
      fill([&] { return rng.uniform(-a, a); });
      return;
    }
    case Initializer::XavierNormal: {
      const double s = std::sqrt(2.0 / (fanIn + fanOut));
      fill([&] { return rng.normal(0.0, s); });
      return;
    }
    case Initializer::HeUniform: {
      const double a = std::sqrt(6.0 / fanIn);
      fill([&] { return rng.uniform(-a, a); });
      return;
    }
    case Initializer::HeNormal: {
      const double s = std::sqrt(2.0 / fanIn);
      fill([&] { return rng.normal(0.0, s); });
      return;
    }
    case Initializer::UniformSmall:
      fill([&] { return rng.uniform(-0.05, 0.05); });
      return;
    case Initializer::Auto:
      throw InvalidArgument("internal: resolve the 'auto' initializer before use");
  }
}

}  // namespace nnplay
