#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "session/session.h"

using namespace nnplay;
using Catch::Matchers::Contains;
using nlohmann::json;

TEST_CASE("a default session trains on the circle and reports its architecture", "[session]") {
  Session s;
  const json d = json::parse(s.describe());
  CHECK(d["inputs"] == 2);
  CHECK(d["outputs"] == 1);
  CHECK(d["task"] == "binary");
  CHECK(d["neuronLayers"].size() == 3);  // 4, 2, output
  CHECK(d["neuronLayers"][0]["units"] == 4);
  const double before = s.evaluate().trainLoss;
  for (int i = 0; i < 30; ++i) s.stepEpoch();
  CHECK(s.trainer().completedEpochs() == 30);
  CHECK(s.trainer().history().back().trainLoss < before);
}

TEST_CASE("configure is atomic: a bad setting leaves the session as it was", "[session][errors]") {
  Session s;
  s.stepEpoch();
  const std::string before = s.config();
  const Vector params = s.network().parameters();
  CHECK_THROWS_WITH(s.configure(R"({"network": {"hidden": [{"units": 0}]}})"), Contains("network.hidden[0].units"));
  CHECK_THROWS_WITH(s.configure(R"({"optimizer": {"kind": "sgd", "learningRate": -1}})"), Contains("optimizer.learningRate"));
  CHECK_THROWS_WITH(s.update(R"({"optimizer": {"learningRate": "fast"}})"), Contains("optimizer.learningRate"));
  CHECK_THROWS_WITH(s.configure("{not json"), Contains("not valid JSON"));
  CHECK_THROWS_WITH(s.configure(R"({"colour": 1})"), Contains("unknown setting"));
  CHECK(s.config() == before);
  CHECK(s.network().parameters() == params);
  CHECK(s.trainer().completedEpochs() == 1);
  s.stepEpoch();  // still usable
  CHECK(s.trainer().completedEpochs() == 2);
}

TEST_CASE("changing the learning rate keeps the weights, changing layers rebuilds", "[session]") {
  Session s;
  s.stepEpoch();
  const Vector params = s.network().parameters();
  CHECK_FALSE(s.update(R"({"optimizer": {"learningRate": 0.1}})"));
  CHECK(s.network().parameters() == params);
  CHECK(s.optimizer().settings().learningRate == Approx(0.1));
  CHECK(s.trainer().completedEpochs() == 1);
  CHECK(s.update(R"({"network": {"hidden": [{"units": 3, "activation": "relu"}]}})"));
  CHECK(s.trainer().completedEpochs() == 0);
  CHECK(json::parse(s.describe())["neuronLayers"][0]["units"] == 3);
}

TEST_CASE("features change the number of inputs", "[session]") {
  Session s(R"({"data": {"features": ["x1", "x2", "x1_squared", "x2_squared", "sin_x1"]}})");
  CHECK(s.network().inputWidth() == 5);
  CHECK_THROWS_WITH(s.update(R"({"data": {"features": []}})"), Contains("at least one"));
  CHECK_THROWS_WITH(s.update(R"({"data": {"features": ["x1", "x1"]}})"), Contains("twice"));
}

TEST_CASE("multi-class and regression data pick their output layer", "[session]") {
  Session s(R"({"data": {"kind": "blobs", "classes": 4}})");
  json d = json::parse(s.describe());
  CHECK(d["outputs"] == 4);
  CHECK(d["outputActivation"] == "softmax");
  CHECK(d["loss"] == "categorical_cross_entropy");
  s.update(R"({"data": {"kind": "regression_plane"}})");
  d = json::parse(s.describe());
  CHECK(d["task"] == "regression");
  CHECK(d["outputActivation"] == "linear");
  s.update(R"({"data": {"kind": "circle"}, "network": {"output": {"activation": "tanh"}}})");
  d = json::parse(s.describe());
  CHECK(d["outputActivation"] == "tanh");
  CHECK(d["loss"] == "mse");
  CHECK(d["decisionThreshold"] == 0.0);
}

TEST_CASE("the grid evaluates every neuron in one batch, top row first", "[session]") {
  Session s;
  s.evaluateGrid(10, -6, 6, -6, 6);
  CHECK(s.evaluatedRows() == 100);
  const Scalar* inputs = s.inputData();
  // Row 0 is the top-left cell centre: x = −5.4, y = +5.4; column-major N×2.
  CHECK(inputs[0] == Approx(-5.4));
  CHECK(inputs[100] == Approx(5.4));
  CHECK(inputs[99] == Approx(5.4));    // last cell: x = +5.4
  CHECK(inputs[199] == Approx(-5.4));  // … y = −5.4
  const Scalar* out = s.outputData();
  for (int i = 0; i < 100; ++i) CHECK((out[i] > 0 && out[i] < 1));
  const Scalar* first = s.neuronLayerData(0);
  for (int i = 0; i < 400; ++i) CHECK(std::abs(first[i]) <= 1);  // tanh
  CHECK_THROWS_WITH(s.evaluateGrid(0, -1, 1, -1, 1), Contains("resolution"));
  CHECK_THROWS_WITH(s.evaluateGrid(10, 1, -1, -1, 1), Contains("xMin < xMax"));
}

TEST_CASE("weights and biases can be read and edited by index", "[session]") {
  Session s;
  s.setWeight(0, 1, 2, 0.75);
  CHECK(s.weight(0, 1, 2) == Approx(0.75));
  s.setBias(1, 0, -0.5);
  CHECK(s.bias(1, 0) == Approx(-0.5));
  CHECK_THROWS_WITH(s.setWeight(0, 2, 0, 1), Contains("input 2 does not exist"));
  CHECK_THROWS_WITH(s.setWeight(5, 0, 0, 1), Contains("neuron layer 5 does not exist"));
  CHECK_THROWS_WITH(s.setWeight(0, 0, 0, std::nan("")), Contains("finite"));
  CHECK_THROWS_AS(s.bias(0, 4), InvalidArgument);
}

TEST_CASE("snapshot, train, restore gives back exactly the saved state", "[session]") {
  Session s(R"({"optimizer": {"kind": "adam"}})");
  s.stepEpoch();
  s.stepBatch();
  const int id = s.takeSnapshot();
  const Vector params = s.network().parameters();
  const OptimizerState opt = s.optimizer().state();
  const Index cursor = s.trainer().batchCursor();
  for (int i = 0; i < 5; ++i) s.stepEpoch();
  s.restoreSnapshot(id);
  CHECK(s.network().parameters() == params);
  CHECK(s.optimizer().state().step == opt.step);
  CHECK(s.optimizer().state().slots[1] == opt.slots[1]);
  CHECK(s.trainer().batchCursor() == cursor);
  CHECK(s.trainer().completedEpochs() == 1);
  CHECK_THROWS_WITH(s.restoreSnapshot(99), Contains("does not exist"));
}

TEST_CASE("custom data: points with labels, and point edits can keep the network", "[session]") {
  Session s;
  const float points[] = {1, 1, -1, -1, 1, -1, -1, 1, 2, 2, -2, -2};
  const float labels[] = {1, 1, 0, 0, 1, 1};
  s.setCustomData(points, labels, 6, 2, 2, false);
  CHECK(json::parse(s.config())["data"]["source"] == "custom");
  s.stepEpoch();
  const Vector params = s.network().parameters();
  s.setCustomData(points, labels, 5, 2, 2, true);
  CHECK(s.network().parameters() == params);
  CHECK(s.trainer().completedEpochs() == 1);
  const float bad[] = {0, 0};
  const float badLabel[] = {3};
  CHECK_THROWS_WITH(s.setCustomData(bad, badLabel, 1, 2, 2, true), Contains("not a class"));
}

TEST_CASE("a diverging run throws a clear error and a snapshot recovers it", "[session][errors]") {
  Session s(R"({"data": {"kind": "spiral"}, "network": {"hidden": [{"units": 8, "activation": "relu"}], "output": {"activation": "linear"}}, "optimizer": {"kind": "sgd", "learningRate": 10}})");
  const int id = s.takeSnapshot();
  bool diverged = false;
  try {
    for (int i = 0; i < 50; ++i) s.stepEpoch();
  } catch (const TrainingDiverged& e) {
    diverged = true;
    CHECK_THAT(e.what(), Contains("Lower the learning rate"));
  }
  REQUIRE(diverged);
  s.restoreSnapshot(id);
  CHECK(s.network().parameters().allFinite());
}

TEST_CASE("model files: save, load into another session, continue identically", "[session][model]") {
  Session a(R"({"data": {"kind": "moons"}, "network": {"hidden": [{"units": 6, "activation": "tanh", "dropout": 0.1, "batchNorm": true}]}, "optimizer": {"kind": "adam"}})");
  a.stepEpoch();
  a.stepBatch();
  const std::string file = a.saveModel();
  Session b;
  b.loadModel(file);
  CHECK(b.network().parameters() == a.network().parameters());
  CHECK(b.network().state() == a.network().state());
  CHECK(b.config() == a.config());
  for (int i = 0; i < 3; ++i) {
    a.stepEpoch();
    b.stepEpoch();
  }
  CHECK(b.network().parameters() == a.network().parameters());
  CHECK(b.trainer().history().back().trainLoss == a.trainer().history().back().trainLoss);
  CHECK(b.saveModel() == a.saveModel());
  CHECK_THROWS_AS(b.loadModel("{}"), ModelFormatError);
  CHECK(b.network().parameters() == a.network().parameters());  // unchanged after the failure
}

TEST_CASE("an autoencoder trains against its inputs and decodes points of its code plane", "[session]") {
  Session s(R"({"data": {"task": "autoencoder"}, "network": {"hidden": [{"units": 6, "activation": "tanh"}, {"units": 2, "activation": "linear"}, {"units": 6, "activation": "tanh"}]}, "optimizer": {"kind": "adam", "learningRate": 0.01}})");
  std::vector<float> points, labels;
  Rng rng(4);
  for (int i = 0; i < 200; ++i) {
    const double t = rng.uniform();
    // 5-D points on a 1-D curve, values in (0, 1).
    for (int d = 0; d < 5; ++d) points.push_back(static_cast<float>(0.5 + 0.4 * std::sin(3 * t + d)));
    labels.push_back(t < 0.5 ? 0.0f : 1.0f);
  }
  s.setCustomData(points.data(), labels.data(), 200, 5, 2, false);
  const json d = json::parse(s.describe());
  CHECK(d["task"] == "autoencoder");
  CHECK(d["outputs"] == 5);
  const double before = s.evaluate().trainLoss;
  for (int i = 0; i < 40; ++i) s.stepEpoch();
  const double after = s.trainer().history().back().trainLoss;
  INFO("reconstruction loss " << before << " → " << after);
  CHECK(after < before / 4);
  CHECK(std::isnan(s.trainer().history().back().trainAccuracy));  // no "accuracy" for reconstructions
  const float code[] = {0.1f, -0.2f, 0.5f, 0.3f};
  s.evaluateFrom(1, code, 2, 2);
  CHECK(s.evaluatedRows() == 2);
  for (int i = 0; i < 10; ++i) CHECK((s.outputData()[i] > 0 && s.outputData()[i] < 1));
  CHECK_THROWS_WITH(s.evaluateFrom(1, code, 1, 3), Contains("give 2 values per point"));
  CHECK_THROWS_WITH(s.evaluateFrom(3, code, 1, 5), Contains("output layer"));
}
