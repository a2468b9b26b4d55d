// A session with an image input shape: the configuration builds a CNN on flat custom data,
// shape errors name the layer and leave the session as it was, and the page's two CNN views
// (filters of a conv layer, every layer's output for one image) read the right values.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/rng.h"
#include "session/session.h"

using namespace nnplay;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// 24 images of 1×6×6 in 3 classes (a bright row, column or diagonal), row-major as the page sends them.
struct Images {
  std::vector<float> pixels, labels;
};
Images images() {
  Images d;
  Rng rng(7);
  for (int n = 0; n < 24; ++n) {
    const int label = n % 3;
    const int k = static_cast<int>(rng.uniform(0, 6)) % 6;
    for (int y = 0; y < 6; ++y) {
      for (int x = 0; x < 6; ++x) {
        const bool on = label == 0 ? y == k : label == 1 ? x == k : x == y;
        d.pixels.push_back(on ? 1.0f : static_cast<float>(rng.uniform(0, 0.2)));
      }
    }
    d.labels.push_back(static_cast<float>(label));
  }
  return d;
}

const char* kCnnConfig = R"({"data": {"source": "custom", "testFraction": 0},
  "network": {"inputShape": [1, 6, 6], "loss": "categorical_cross_entropy", "seed": 3, "layers": [
    {"kind": "conv2d", "filters": 2, "kernel": 3, "padding": "valid"},
    {"kind": "activation", "activation": "relu"},
    {"kind": "max_pool2d", "size": 2},
    {"kind": "flatten"},
    {"kind": "dense", "units": 3},
    {"kind": "activation", "activation": "softmax"}]},
  "optimizer": {"kind": "adam", "learningRate": 0.01}, "training": {"batchSize": 8}})";

void loadImages(Session& s) {
  const Images d = images();
  s.setCustomData(d.pixels.data(), d.labels.data(), 24, 36, 3, false);
  s.configure(kCnnConfig);
}

}  // namespace

TEST_CASE("network.inputShape with an explicit stack builds a CNN on flat custom data", "[session][conv]") {
  Session s;
  loadImages(s);
  const json d = json::parse(s.describe());
  CHECK(d["inputs"] == 36);
  CHECK(d["layers"].size() == 6);
  CHECK(d["layers"][0]["kind"] == "conv2d");
  CHECK(s.network().layer(0).outputShape() == Shape::image(2, 4, 4));
  CHECK(s.network().layer(2).outputShape() == Shape::image(2, 2, 2));
  CHECK(json::parse(s.config())["network"]["inputShape"] == json::array({1, 6, 6}));
  const double before = s.evaluate().trainLoss;
  for (int i = 0; i < 20; ++i) s.stepEpoch();
  CHECK(s.trainer().history().back().trainLoss < before);
  // The configuration round-trips (configure(config()) rebuilds nothing).
  CHECK_FALSE(s.configure(s.config()));
  // Going back to hidden blocks drops the shape.
  CHECK(s.update(R"({"network": {"hidden": [{"units": 4}]}})"));
  CHECK_FALSE(json::parse(s.config())["network"].contains("inputShape"));
}

TEST_CASE("image shape errors name the layer and both shapes, and change nothing", "[session][conv][errors]") {
  Session s;
  loadImages(s);
  s.stepEpoch();
  const std::string before = s.config();
  const Vector params = s.network().parameters();
  // 6×6 → 3×3 valid → max pool 1 → 5×5 valid does not fit the 3×3 map (layer 3).
  CHECK_THROWS_WITH(s.update(R"({"network": {"layers": [
                        {"kind": "conv2d", "filters": 2, "kernel": 4, "padding": "valid"},
                        {"kind": "max_pool2d", "size": 1},
                        {"kind": "conv2d", "filters": 2, "kernel": 5, "padding": "valid"},
                        {"kind": "flatten"}, {"kind": "dense", "units": 3}]}})"),
                    Contains("layer 3 (conv2d): a 5\xC3\x97" "5 valid convolution does not fit a 3\xC3\x97" "3 input"));
  CHECK_THROWS_WITH(s.update(R"({"network": {"inputShape": [1, 5, 5]}})"),
                    Contains("network.inputShape 1\xC3\x97" "5\xC3\x97" "5 describes 25 values per point, but the data gives 36"));
  CHECK_THROWS_WITH(s.configure(R"({"network": {"inputShape": [1, 6, 6], "hidden": [{"units": 3}]}})"),
                    Contains("network.inputShape needs an explicit layer stack"));
  CHECK_THROWS_WITH(s.update(R"({"network": {"inputShape": [36]}})"),
                    Contains("layer 1 (conv2d): a 2-D convolution needs an image input"));
  CHECK(s.config() == before);
  CHECK(s.network().parameters() == params);
  CHECK(s.trainer().completedEpochs() == 1);
}

TEST_CASE("convFilters views a conv layer's weights as filters × channels × k × k", "[session][conv]") {
  Session s;
  loadImages(s);
  const ConvFilters f = s.convFilters(0);
  CHECK(f.filters == 2);
  CHECK(f.channels == 1);
  CHECK(f.size == 3);
  CHECK(f.count() == 18);
  CHECK(f.values == s.network().parameters().data() + s.network().parameterOffset(0));
  CHECK_THROWS_WITH(s.convFilters(4), Contains("layer 4 is a dense layer, not a conv2d layer"));
  CHECK_THROWS_WITH(s.convFilters(9), Contains("layer 9 does not exist"));
}

TEST_CASE("featureMaps gives every layer's output for one image, in C×H×W order", "[session][conv]") {
  Session s;
  loadImages(s);
  for (int i = 0; i < 3; ++i) s.stepEpoch();
  const Images d = images();
  const float* image = d.pixels.data() + 36 * 5;
  const std::vector<LayerOutputView> maps = s.featureMaps(image, 36);
  REQUIRE(maps.size() == 6);
  CHECK(maps[0].shape == Shape::image(2, 4, 4));
  CHECK(maps[3].shape == Shape::features(8));
  CHECK(maps[5].shape == Shape::features(3));
  // Conv output (filter 1, y 2, x 1) by hand from the filter view and the bias.
  const ConvFilters f = s.convFilters(0);
  const Scalar bias = s.network().parameters()(s.network().parameterOffset(0) + 18 + 1);
  double expected = bias;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) expected += f.values[9 + i * 3 + j] * image[(2 + i) * 6 + (1 + j)];
  CHECK(maps[0].values[(1 * 4 + 2) * 4 + 1] == Approx(expected).margin(1e-5));
  // The same image inside a batch gives the same outputs.
  std::vector<float> maxPool(maps[2].values, maps[2].values + 8);
  std::vector<float> probabilities(maps[5].values, maps[5].values + 3);
  s.evaluatePoints(d.pixels.data(), 24, 36);
  for (int c = 0; c < 3; ++c) CHECK(s.outputData()[c * 24 + 5] == Approx(probabilities[static_cast<std::size_t>(c)]));
  for (int c = 0; c < 8; ++c) {
    CHECK(s.network().layerOutput(2)(5, c) == Approx(maxPool[static_cast<std::size_t>(c)]));
  }
  CHECK_THROWS_WITH(s.featureMaps(image, 35), Contains("35 coordinates"));
}

TEST_CASE("a model file with a conv kernel of the wrong size is refused and changes nothing", "[session][conv][model]") {
  Session s;
  loadImages(s);
  s.stepEpoch();
  json file = json::parse(s.saveModel());
  const Vector params = s.network().parameters();
  const std::string before = s.config();
  // Kernel 3 → 2 in both the network and the session settings: the parameters no longer fit.
  file["network"]["layers"][0]["kernel"] = 2;
  file["session"]["config"]["network"]["layers"][0]["kernel"] = 2;
  CHECK_THROWS_WITH(s.loadModel(file.dump()), Contains("parameters has 47 values but the network needs 37"));
  // Kernel 7 does not fit the 6×6 image at all.
  file["network"]["layers"][0]["kernel"] = 7;
  CHECK_THROWS_WITH(s.loadModel(file.dump()), Contains("layer 1 (conv2d): a 7\xC3\x97" "7 valid convolution does not fit a 6\xC3\x97" "6 input"));
  CHECK(s.network().parameters() == params);
  CHECK(s.config() == before);
  s.loadModel(s.saveModel());
  CHECK(s.network().parameters() == params);
}
