// Input features computed from a 2-D point (x1, x2), as in TensorFlow Playground: the
// learner chooses which ones feed the network.
#pragma once

#include <string>
#include <vector>

#include "core/types.h"

namespace nnplay {

enum class Feature { X1, X2, X1Squared, X2Squared, X1TimesX2, SinX1, SinX2 };

// "x1", "x2", "x1_squared", "x2_squared", "x1_x2", "sin_x1", "sin_x2".
const char* featureName(Feature feature);
Feature parseFeature(const std::string& name);
// Every valid name, in the order the page lists them.
std::vector<std::string> featureNames();
// Throws InvalidArgument for an empty list or a repeated feature.
void validateFeatures(const std::vector<Feature>& features);

// out (N×features.size()) from points (N×2). Column-wise Eigen operations, no allocation.
void applyFeatures(const std::vector<Feature>& features, const ConstMatrixRef& points, MatrixRef out);

}  // namespace nnplay
