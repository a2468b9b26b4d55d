// The parts Session is made of, each on its own: building from a configuration, the data
// helpers, evaluation views, parameter editing and the snapshot store.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "session/evaluation_views.h"
#include "session/parameter_editing.h"
#include "session/session_builder.h"
#include "session/session_data.h"
#include "session/snapshot_store.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;
using nnplay::test::thrownMessage;

namespace {

SessionParts committed(std::unique_ptr<SessionBuild> b) { return std::move(b->parts); }

SessionConfig circleConfig() {
  SessionConfig c = defaultSessionConfig();
  c.data.generated.points = 60;
  return c;
}

}  // namespace

TEST_CASE("session builder: a first build makes data, network, optimizer and trainer", "[session][builder]") {
  const auto b = buildSession(nullptr, circleConfig(), nullptr, KeepNetwork::No);
  CHECK(b->networkRebuilt);
  REQUIRE(b->parts.network);
  REQUIRE(b->parts.optimizer);
  CHECK(b->parts.raw.size() == 60);
  CHECK(b->parts.trainer->trainSet().size() + b->parts.trainer->testSet().size() == 60);
  CHECK(b->parts.network->inputWidth() == 2);
}

TEST_CASE("session builder: only what changed is rebuilt", "[session][builder]") {
  SessionParts current = committed(buildSession(nullptr, circleConfig(), nullptr, KeepNetwork::No));
  SECTION("a new learning rate keeps the network and the optimizer") {
    SessionConfig next = current.config;
    next.optimizer.learningRate = 0.5;
    const auto b = buildSession(&current, next, nullptr, KeepNetwork::No);
    CHECK_FALSE(b->networkRebuilt);
    CHECK_FALSE(b->parts.network);
    CHECK_FALSE(b->parts.optimizer);
  }
  SECTION("another optimizer kind keeps the network, not the optimizer") {
    SessionConfig next = current.config;
    next.optimizer = OptimizerSettings::defaultsFor(OptimizerKind::Adam);
    const auto b = buildSession(&current, next, nullptr, KeepNetwork::No);
    CHECK_FALSE(b->networkRebuilt);
    CHECK(b->parts.optimizer);
  }
  SECTION("new data rebuilds the network") {
    SessionConfig next = current.config;
    next.data.generated.seed = 2;
    CHECK(buildSession(&current, next, nullptr, KeepNetwork::No)->networkRebuilt);
  }
  SECTION("another layer width rebuilds the network") {
    SessionConfig next = current.config;
    next.network.hidden[0].units = 5;
    CHECK(buildSession(&current, next, nullptr, KeepNetwork::No)->networkRebuilt);
  }
}

TEST_CASE("session builder: a refused configuration leaves the current parts untouched", "[session][builder][errors]") {
  SessionParts current = committed(buildSession(nullptr, circleConfig(), nullptr, KeepNetwork::No));
  const Vector before = current.network->parameters();
  SessionConfig next = current.config;
  next.data.source = DataConfig::Source::Custom;  // custom without points
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { buildSession(&current, next, nullptr, KeepNetwork::No); }),
             Contains("no custom points"));
  CHECK(current.network->parameters() == before);
  CHECK(current.config.data.source == DataConfig::Source::Generated);
}

TEST_CASE("session data: custom points are checked and survive their model-file form", "[session][data]") {
  const float points[] = {0, 1, 2, 3, 4, 5};
  const float labels[] = {0, 1, 1};
  const Dataset d = customDataset(points, labels, 3, 2, 2);
  CHECK(d.points(1, 0) == 2);
  CHECK(d.points(2, 1) == 5);
  const nlohmann::json j = customDataJson(d);
  const Dataset back = customDataFromJson(JsonReader(j, "customData"));
  CHECK(back.points == d.points);
  CHECK(back.labels == d.labels);
  CHECK(back.classes == 2);
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { customDataset(points, labels, 0, 2, 2); }), Contains("at least one point"));
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { customDataset(points, labels, 3, 0, 2); }), Contains("coordinates"));
  nlohmann::json bad = j;
  bad["points"].erase(0);
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { customDataFromJson(JsonReader(bad, "customData")); }),
             Contains("customData.points") && Contains("dimensions × labels"));
}

TEST_CASE("evaluation views: the grid's rows run left to right, top row first", "[session][views]") {
  Network net(mlpSpec(2, {3}, Activation::Tanh, 1, Activation::Linear, Loss::MeanSquaredError, 1));
  EvaluationViews views;
  views.bind(net, 2, {Feature::X1, Feature::X2});
  CHECK(views.neuronLayerCount() == 2);
  views.evaluateGrid(4, -2, 2, -1, 1);
  REQUIRE(views.rows() == 16);
  const Scalar* in = views.inputData();  // column-major: x then y
  CHECK(in[0] == Approx(-1.5));          // cell (0, 0): left…
  CHECK(in[16] == Approx(0.75));         // …top
  CHECK(in[3] == Approx(1.5));           // cell (3, 0): right
  CHECK(in[16 + 15] == Approx(-0.75));   // last cell: bottom
  views.invalidate();
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { views.outputData(); }), Contains("evaluate a grid or points first"));
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { views.evaluateGrid(0, -1, 1, -1, 1); }), Contains("resolution"));
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { views.neuronLayer(5); }), Contains("does not exist"));
}

TEST_CASE("parameter editing: indices and values are checked", "[session][editing]") {
  Network net(mlpSpec(2, {3}, Activation::Tanh, 1, Activation::Linear, Loss::MeanSquaredError, 1));
  const NeuronLayer first = findNeuronLayers(net)[0];
  CHECK(weightIndex(first, 0, 1, 2) == first.weightOffset + 2 * 2 + 1);
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { weightIndex(first, 0, 2, 0); }), Contains("input 2 does not exist"));
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { weightIndex(first, 0, 0, 3); }), Contains("neuron 3 does not exist"));
  CHECK_THAT(thrownMessage<InvalidArgument>([] { requireEditableValue(std::nan(""), "weight"); }),
             Contains("a weight must be a finite number"));
  std::vector<float> values(static_cast<std::size_t>(net.parameterCount()), 0.25f);
  setAllParameters(net, values.data(), net.parameterCount());
  CHECK(net.parameters()(0) == Approx(0.25));
  values[1] = INFINITY;
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { setAllParameters(net, values.data(), net.parameterCount()); }),
             Contains("parameter 1"));
}

TEST_CASE("snapshot store: restore brings back parameters, optimizer state and progress", "[session][snapshots]") {
  SessionParts p = committed(buildSession(nullptr, circleConfig(), nullptr, KeepNetwork::No));
  SnapshotStore store;
  p.trainer->stepEpoch();
  const int id = store.take(*p.network, *p.optimizer, *p.trainer);
  const Vector saved = p.network->parameters();
  const int epoch = p.trainer->completedEpochs();
  p.trainer->stepEpoch();
  p.trainer->stepEpoch();
  REQUIRE(p.network->parameters() != saved);
  store.restore(id, *p.network, *p.optimizer, *p.trainer);
  CHECK(p.network->parameters() == saved);
  CHECK(p.trainer->completedEpochs() == epoch);
  CHECK(nlohmann::json::parse(store.listJson())[0]["epoch"] == epoch);
  store.remove(id);
  CHECK(store.size() == 0);
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { store.remove(id); }), Contains("does not exist"));
}
