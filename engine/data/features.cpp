#include "data/features.h"

#include "core/error.h"

namespace nnplay {

namespace {
constexpr Feature kAll[] = {Feature::X1,        Feature::X2,    Feature::X1Squared, Feature::X2Squared,
                            Feature::X1TimesX2, Feature::SinX1, Feature::SinX2};
}

const char* featureName(Feature f) {
  switch (f) {
    case Feature::X1: return "x1";
    case Feature::X2: return "x2";
    case Feature::X1Squared: return "x1_squared";
    case Feature::X2Squared: return "x2_squared";
    case Feature::X1TimesX2: return "x1_x2";
    case Feature::SinX1: return "sin_x1";
    case Feature::SinX2: return "sin_x2";
  }
  return "?";
}

Feature parseFeature(const std::string& name) {
  for (Feature f : kAll)
    if (name == featureName(f)) return f;
  throw InvalidArgument("unknown feature \"" + name +
                        "\": use x1, x2, x1_squared, x2_squared, x1_x2, sin_x1 or sin_x2");
}

void validateFeatures(const std::vector<Feature>& features) {
  require(!features.empty(), "choose at least one input feature");
  for (std::size_t i = 0; i < features.size(); ++i)
    for (std::size_t j = i + 1; j < features.size(); ++j)
      require(features[i] != features[j], std::string("the feature ") + featureName(features[i]) + " is chosen twice");
}

void applyFeatures(const std::vector<Feature>& features, const ConstMatrixRef& points, MatrixRef out) {
  require(points.cols() == 2, "features are computed from 2-D points");
  const auto x1 = points.col(0).array();
  const auto x2 = points.col(1).array();
  for (std::size_t c = 0; c < features.size(); ++c) {
    auto o = out.col(static_cast<Index>(c)).array();
    switch (features[c]) {
      case Feature::X1: o = x1; break;
      case Feature::X2: o = x2; break;
      case Feature::X1Squared: o = x1.square(); break;
      case Feature::X2Squared: o = x2.square(); break;
      case Feature::X1TimesX2: o = x1 * x2; break;
      case Feature::SinX1: o = x1.sin(); break;
      case Feature::SinX2: o = x2.sin(); break;
    }
  }
}

}  // namespace nnplay
