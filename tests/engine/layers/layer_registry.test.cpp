// The one-place change: a layer kind registered at run time (nothing else edited) is built
// from a spec, validated against its schema, read from and written to JSON, and exported.
#include <catch2/catch.hpp>

#include "io/spec_json.h"
#include "layers/layer_registry.h"
#include "network/network.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;
using nnplay::test::thrownMessage;

namespace {

// y = scale · x, element-wise; one learnable scale.
class ToyScaleLayer final : public Layer {
 public:
  explicit ToyScaleLayer(const Shape& shape) : Layer(shape, shape) {}
  const char* kind() const override { return "toy_scale"; }
  Index parameterCount() const override { return 1; }
  void bind(Scalar* p, Scalar* g, Scalar*) override { p_ = p; g_ = g; }
  void initialize(Initializer, Rng&) override { *p_ = Scalar(start_); }
  void setStart(double s) { start_ = s; }
  void forward(const ConstMatrixRef& in, MatrixRef out, Mode) override { out = in * *p_; }
  void backward(const ConstMatrixRef& in, const ConstMatrixRef&, const ConstMatrixRef& gOut, MatrixRef gIn,
                bool needInput) override {
    *g_ = in.cwiseProduct(gOut).sum();
    if (needInput) gIn = gOut * *p_;
  }

 private:
  Scalar* p_ = nullptr;
  Scalar* g_ = nullptr;
  double start_ = 1;
};

LayerKindInfo toyKind() {
  LayerKindInfo k;
  k.name = "toy_scale";
  k.label = "Toy scale";
  k.category = "test";
  k.doc = "Multiplies every value by one learned number.";
  k.fields = {FieldSchema::number("start", "Starting scale", -10, 10, 2).withDoc("The scale before training.")};
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    auto layer = std::make_unique<ToyScaleLayer>(input);
    layer->setStart(s.number("start"));
    return layer;
  };
  return k;
}

struct ToyRegistered {
  ToyRegistered() { registerLayerKind(toyKind()); }
  ~ToyRegistered() { unregisterLayerKind("toy_scale"); }
};

}  // namespace

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
