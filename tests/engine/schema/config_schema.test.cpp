// One schema for every setting: the configuration reader and the optimizer's checks take
// their ranges, defaults and messages from it, and the export lists every section and kind.
#include <algorithm>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "layers/layer_registry.h"
#include "optimizers/optimizer.h"
#include "schema/config_schema.h"
#include "schema/schema_json.h"
#include "session/session_config.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;
using nlohmann::json;
using nnplay::test::thrownMessage;

namespace {

SessionConfig read(const char* text) { return sessionConfigFromJson(json::parse(text)); }

}  // namespace

TEST_CASE("schema: every field has a label and a doc line, numbers a range", "[schema]") {
  for (const auto* fields : {&dataFields(), &networkFields(), &hiddenLayerFields(), &outputFields(),
                             &optimizerFields(), &trainingFields(), &stopFields()}) {
    for (const FieldSchema& f : *fields) {
      INFO(f.name);
      CHECK_FALSE(f.label.empty());
      CHECK_FALSE(f.doc.empty());
      if (f.type == FieldType::Integer || f.type == FieldType::Number) CHECK(f.min <= f.max);
    }
  }
}

TEST_CASE("schema: missing settings take the schema's defaults", "[schema]") {
  const SessionConfig c = read("{}");
  CHECK(c.data.generated.points == findField(dataFields(), "points").fallback.get<Index>());
  CHECK(c.data.testFraction == findField(dataFields(), "testFraction").fallback.get<double>());
  CHECK(c.training.batchSize == findField(trainingFields(), "batchSize").fallback.get<Index>());
  // The optimizer's per-kind defaults are the engine's own.
  const SessionConfig adam = read(R"({"optimizer": {"kind": "adam"}})");
  CHECK(adam.optimizer.learningRate == findField(optimizerFields(), "learningRate").defaultFor("adam").get<double>());
  CHECK(adam.optimizer.epsilon == OptimizerSettings::defaultsFor(OptimizerKind::Adam).epsilon);
}

TEST_CASE("schema: the reader refuses unknown settings and values out of the schema's range", "[schema][errors]") {
  CHECK_THAT(thrownMessage<InvalidArgument>([] { read(R"({"data": {"pionts": 5}})"); }),
             Contains("\"pionts\"") && Contains("points") && Contains("testFraction"));
  CHECK_THAT(thrownMessage<InvalidArgument>([] { read(R"({"data": {"points": 2}})"); }),
             Contains("data.points") && Contains("from 4 to 100000"));
  CHECK_THAT(thrownMessage<InvalidArgument>([] { read(R"({"network": {"hidden": [{"units": 0}]}})"); }),
             Contains("network.hidden[0].units"));
  CHECK_THAT(thrownMessage<InvalidArgument>([] { read(R"({"optimizer": {"kind": "sgd", "learningRate": -1}})"); }),
             Contains("optimizer.learningRate") && Contains("below 1e+06"));
  CHECK_THAT(thrownMessage<InvalidArgument>([] { read(R"({"data": {"features": ["x1", "x1"]}})"); }),
             Contains("names \"x1\" twice"));
  CHECK_THAT(thrownMessage<InvalidArgument>([] { read(R"({"training": {"batchSize": 1.5}})"); }),
             Contains("training.batchSize") && Contains("whole number"));
}

TEST_CASE("schema: OptimizerSettings::validate checks with the schema's ranges", "[schema][errors]") {
  OptimizerSettings s = OptimizerSettings::defaultsFor(OptimizerKind::Momentum);
  s.momentum = 1;
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { s.validate(); }),
             Contains("momentum") && Contains("below 1") && Contains("got 1"));
  s.momentum = 0.5;
  s.epsilon = 0;
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { s.validate(); }), Contains("epsilon") && Contains("above 0"));
}

TEST_CASE("schema export: every section and every registered layer kind", "[schema]") {
  const json schema = engineSchema();
  CHECK(schema["version"] == kSchemaVersion);
  std::vector<std::string> sections;
  for (const auto& s : schema["sections"]) sections.push_back(s["name"]);
  CHECK(sections == std::vector<std::string>{"data", "network", "hiddenLayer", "output", "optimizer", "training", "stop"});
  CHECK(schema["layerKinds"].size() == layerKinds().size());
  const json& lr = schema["sections"][4]["fields"][1];
  CHECK(lr["name"] == "learningRate");
  CHECK(lr["maxExclusive"] == true);
  CHECK(lr["ui"]["max"] == 100);
  CHECK(lr["defaultFor"]["adam"] == 0.001);
}
