#include "layers/initializer.h"

#include <cmath>

#include "core/enum_names.h"
#include "core/error.h"

namespace nnplay {

namespace {
constexpr auto kInitializerNames = enumNames<Initializer>(
    "initializer", std::pair{Initializer::Auto, "auto"}, std::pair{Initializer::XavierUniform, "xavier_uniform"},
    std::pair{Initializer::XavierNormal, "xavier_normal"}, std::pair{Initializer::HeUniform, "he_uniform"},
    std::pair{Initializer::HeNormal, "he_normal"}, std::pair{Initializer::UniformSmall, "uniform_small"});
}  // namespace

const char* initializerName(Initializer initializer) { return kInitializerNames.name(initializer); }
Initializer parseInitializer(const std::string& name) { return kInitializerNames.parse(name); }

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

std::vector<std::string> initializerNames() { return kInitializerNames.names(); }

}  // namespace nnplay
