// The one-place change: a layer kind registered at run time (nothing else edited) is built
// from a spec, validated against its schema, read from and written to JSON, and exported.
#include <algorithm>

#include <catch2/catch.hpp>

#include "io/spec_json.h"
#include "layers/layer_registry.h"
#include "network/network.h"
#include "schema/schema_json.h"
#include "support/thrown_message.h"
#include "support/toy_layer.h"

using namespace nnplay;
using Catch::Matchers::Contains;
using nnplay::test::thrownMessage;
using nnplay::test::ToyRegistered;

TEST_CASE("a layer kind added only to the registry is built, validated, saved and exported", "[registry]") {
  ToyRegistered toy;
  const nlohmann::json doc = nlohmann::json::parse(R"({"inputs": 3, "loss": "mse", "layers": [
      {"kind": "toy_scale", "start": 0.5}, {"kind": "dense", "units": 1}]})");
  const NetworkSpec spec = networkSpecFromJson(JsonReader(doc, "network"));
  Network net(spec);
  CHECK(net.layer(0).is("toy_scale"));
  CHECK(net.layer(0).outputShape() == Shape::features(3));
  CHECK(net.parameters()[0] == Approx(0.5));
  // Round trip through JSON keeps the settings.
  CHECK(networkSpecFromJson(JsonReader(toJson(spec), "network")) == spec);
  // Defaults come from the schema entry.
  CHECK(LayerSpec::of("toy_scale").number("start") == Approx(2));
  // Validation uses its range and names the field.
  nlohmann::json bad = doc;
  bad["layers"][0]["start"] = 11;
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { networkSpecFromJson(JsonReader(bad, "network")); }),
             Contains("network.layers[0].start") && Contains("from -10 to 10") && Contains("11"));
  bad["layers"][0] = {{"kind", "toy_scale"}, {"strat", 1}};
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { networkSpecFromJson(JsonReader(bad, "network")); }),
             Contains("unknown setting \"strat\"") && Contains("start"));
  // The exported schema lists it with its field (what engine.schema(), the page, the
  // TypeScript types and the API reference are made from: tests/engine/toy_schema_outputs.cmake).
  const nlohmann::json schema = engineSchema();
  const auto& kinds = schema["layerKinds"];
  const auto it = std::find_if(kinds.begin(), kinds.end(), [](const auto& k) { return k["name"] == "toy_scale"; });
  REQUIRE(it != kinds.end());
  CHECK((*it)["label"] == "Toy scale");
  CHECK((*it)["fields"][0]["name"] == "start");
  CHECK((*it)["fields"][0]["max"] == 10);
}

TEST_CASE("an unknown layer kind lists the registered ones", "[registry]") {
  CHECK_THAT(thrownMessage<InvalidArgument>([] { findLayerKind("conv"); }),
             Contains("\"conv\"") && Contains("dense") && Contains("batch_norm"));
}

TEST_CASE("layers take the shape of the layer before, and a dense layer refuses an image", "[registry][shape]") {
  NetworkSpec spec;
  spec.input = Shape::image(1, 4, 4);
  spec.layers = {LayerSpec::activationOf(Activation::ReLU), LayerSpec::dense(2)};
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { Network net(spec); }),
             Contains("layer 2 (dense)") && Contains("1×4×4") && Contains("flatten"));
  spec.input = Shape::features(16);
  Network net(spec);
  CHECK(net.layer(0).outputShape() == Shape::features(16));
  CHECK(net.outputWidth() == 2);
}
