#include "session/session_data.h"

#include "core/error.h"
#include "core/limits.h"

namespace nnplay {

bool usesFeatures(const Dataset& raw) { return raw.points.cols() == 2; }

Dataset withFeatures(Dataset& raw, const DataConfig& data) {
  Dataset d;
  d.classes = raw.classes;
  d.labels = raw.labels;
  if (usesFeatures(raw)) {
    d.points.resize(raw.size(), static_cast<Index>(data.features.size()));
    applyFeatures(data.features, raw.points, d.points);
  } else {
    d.points = std::move(raw.points);
    raw.points.resize(0, d.points.cols());
  }
  d.targetsArePoints = data.autoencoder;
  return d;
}

Dataset customDataset(const float* points, const float* labels, Index n, Index dims, int classes) {
  require(n >= 1, "add at least one point");
  require(n <= 1000000, "too many points (" + std::to_string(n) + "; at most 1000000)");
  require(dims >= 1 && dims <= 100000, "each point needs 1 to 100000 coordinates, got " + std::to_string(dims));
  require(classes >= 0 && classes <= 1000, "the number of classes must be 0 (regression) to 1000");
  require(static_cast<double>(n) * static_cast<double>(dims) <= static_cast<double>(kMaxDataValues),
          std::to_string(n) + " points of " + std::to_string(dims) +
              " coordinates are more data than the engine takes (at most " + std::to_string(kMaxDataValues) +
              " coordinates in all)");
  Dataset d;
  d.classes = classes;
  d.points.resize(n, dims);
  d.labels.resize(n);
  for (Index i = 0; i < n; ++i) {
    for (Index c = 0; c < dims; ++c) d.points(i, c) = static_cast<Scalar>(points[i * dims + c]);
    d.labels(i) = static_cast<Scalar>(labels[i]);
  }
  d.validate();
  return d;
}

nlohmann::json customDataJson(const Dataset& raw) {
  std::vector<double> points, labels;
  for (Index i = 0; i < raw.size(); ++i) {
    for (Index c = 0; c < raw.points.cols(); ++c) points.push_back(raw.points(i, c));
    labels.push_back(raw.labels(i));
  }
  return {{"dimensions", raw.points.cols()}, {"classes", raw.classes}, {"points", points}, {"labels", labels}};
}

Dataset customDataFromJson(const JsonReader& d) {
  Dataset custom;
  const Index dims = d.at("dimensions").integer(1, 100000);
  custom.classes = static_cast<int>(d.at("classes").integer(0, 1000));
  const JsonReader points = d.at("points"), labels = d.at("labels");
  const Index n = static_cast<Index>(labels.arraySize());
  if (static_cast<Index>(points.arraySize()) != n * dims) points.fail("does not hold dimensions × labels values");
  custom.points.resize(n, dims);
  custom.labels.resize(n);
  for (Index i = 0; i < n; ++i) {
    for (Index c = 0; c < dims; ++c)
      custom.points(i, c) = static_cast<Scalar>(points.at(static_cast<std::size_t>(i * dims + c)).number());
    custom.labels(i) = static_cast<Scalar>(labels.at(static_cast<std::size_t>(i)).number());
  }
  custom.validate();
  return custom;
}

const char* taskName(const DataConfig& data, int classes) {
  return data.autoencoder ? "autoencoder" : classes == 0 ? "regression" : classes == 2 ? "binary" : "multiclass";
}

}  // namespace nnplay
