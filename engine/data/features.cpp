#include "data/features.h"

#include "core/enum_names.h"

namespace nnplay {

namespace {
constexpr auto kFeatureNames = enumNames<Feature>(
    "feature", std::pair{Feature::X1, "x1"}, std::pair{Feature::X2, "x2"}, std::pair{Feature::X1Squared, "x1_squared"},
    std::pair{Feature::X2Squared, "x2_squared"}, std::pair{Feature::X1TimesX2, "x1_x2"},
    std::pair{Feature::SinX1, "sin_x1"}, std::pair{Feature::SinX2, "sin_x2"});
}  // namespace

const char* featureName(Feature f) { return kFeatureNames.name(f); }
Feature parseFeature(const std::string& name) { return kFeatureNames.parse(name); }

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

std::vector<std::string> featureNames() { return kFeatureNames.names(); }

}  // namespace nnplay
