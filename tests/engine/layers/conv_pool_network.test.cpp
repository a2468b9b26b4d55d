// The image layers through the layer registry: a NetworkSpec with an image input builds a
// CNN (from code and from JSON), infers every layer's shape, passes the whole-network
// gradient check, and names the layer when a setting does not fit its input.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "diagnostics/gradient_check.h"
#include "io/spec_json.h"
#include "layers/conv2d.h"
#include "layers/layer_registry.h"
#include "layers/max_pool2d.h"
#include "network/network.h"
#include "support/finite_difference.h"
#include "support/test_data.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

namespace {

// 2×9×7 images → conv 4 3×3 same → tanh → max pool 2 → conv 5 2×2 valid → tanh →
// average pool 2 stride 1 → flatten → dense 3 → softmax.
const char* kCnnJson = R"({"inputShape": [2, 9, 7], "loss": "categorical_cross_entropy", "seed": 5, "layers": [
    {"kind": "conv2d", "filters": 4, "kernel": 3},
    {"kind": "activation", "activation": "tanh"},
    {"kind": "max_pool2d", "size": 2},
    {"kind": "conv2d", "filters": 5, "kernel": 2, "padding": "valid"},
    {"kind": "activation", "activation": "tanh"},
    {"kind": "average_pool2d", "size": 2, "stride": 1},
    {"kind": "flatten"},
    {"kind": "dense", "units": 3},
    {"kind": "activation", "activation": "softmax"}]})";

NetworkSpec cnnSpec() { return networkSpecFromJson(JsonReader(nlohmann::json::parse(kCnnJson), "network")); }

NetworkSpec imageSpec(Shape input, std::vector<LayerSpec> layers) {
  NetworkSpec s;
  s.input = input;
  s.layers = std::move(layers);
  s.loss = Loss::MeanSquaredError;
  return s;
}

}  // namespace

TEST_CASE("the image layer kinds are in the registry with their settings", "[conv][pool][registry]") {
  for (const char* name : {"conv2d", "max_pool2d", "average_pool2d", "flatten", "global_average_pool"}) {
    CAPTURE(name);
    CHECK(findLayerKind(name).category == "convolution");
  }
  std::vector<std::string> convFields;
  for (const FieldSchema& f : findLayerKind("conv2d").fields) convFields.push_back(f.name);
  CHECK(convFields == std::vector<std::string>{"filters", "kernel", "stride", "padding", "initializer"});
  CHECK(findLayerKind("max_pool2d").fields.size() == 2);
  CHECK(findLayerKind("flatten").fields.empty());
}

TEST_CASE("a NetworkSpec with an image input builds a CNN and infers every shape", "[conv][pool][network]") {
  Network net(cnnSpec());
  REQUIRE(net.layerCount() == 9);
  CHECK(net.layer(0).is("conv2d"));
  CHECK(net.layer(0).outputShape() == Shape::image(4, 9, 7));
  CHECK(net.layer(1).outputShape() == Shape::image(4, 9, 7));  // activations keep the image shape
  CHECK(net.layer(2).outputShape() == Shape::image(4, 4, 3));
  CHECK(net.layer(3).outputShape() == Shape::image(5, 3, 2));
  CHECK(net.layer(5).outputShape() == Shape::image(5, 2, 1));
  CHECK(net.layer(6).outputShape() == Shape::features(10));
  CHECK(net.outputWidth() == 3);
  CHECK(net.parameterCount() == (2 * 9 * 4 + 4) + (4 * 4 * 5 + 5) + (10 * 3 + 3));
  // Pool stride defaults to the window size; conv padding to same.
  CHECK(dynamic_cast<const MaxPool2DLayer&>(net.layer(2)).stride() == 2);
  CHECK(dynamic_cast<const Conv2DLayer&>(net.layer(0)).padding() == Padding::Same);
  // The decay mask covers conv weights but not conv biases.
  CHECK(net.decayMask().head(72).isOnes());
  CHECK(net.decayMask().segment(72, 4).isZero());
  // JSON round trip keeps the spec.
  CHECK(networkSpecFromJson(JsonReader(toJson(net.spec()), "network")) == net.spec());
  // Auto initialization: He for a conv followed by ReLU, from the conv's fan-in.
  NetworkSpec relu = imageSpec(Shape::image(3, 12, 12), {LayerSpec::of("conv2d", {{"filters", 32}, {"kernel", 5}}),
                                                          LayerSpec::activationOf(Activation::ReLU)});
  Network heNet(relu);
  const double sd = std::sqrt(static_cast<double>(heNet.parameters().head(75 * 32).array().square().mean()));
  CAPTURE(sd);
  CHECK(sd == Approx(std::sqrt(2.0 / 75)).epsilon(0.1));
}

TEST_CASE("a CNN built from a spec passes the whole-network gradient check", "[gradcheck][conv][pool][network]") {
  Network net(cnnSpec());
  const Matrix x = test::randomMatrix(4, net.inputWidth(), 95);
  const Matrix t = test::targetsFor(Activation::Softmax, 4, 3, 96);
  GradientCheckOptions options;
  options.step = 1e-5;  // input gradients through two poolings are ~1e-5 (see conv_pool_stack.test.cpp)
  const GradientCheckResult r = checkGradients(net, x, t, options);
  INFO("worst " << r.worst << ", max relative error " << r.maxRelativeError);
  CHECK(r.checked == net.parameterCount() + x.size());
  CHECK(r.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("global average pooling ends a CNN without flatten", "[gradcheck][pool][network]") {
  NetworkSpec s = imageSpec(Shape::image(1, 6, 5), {LayerSpec::of("conv2d", {{"filters", 3}, {"kernel", 3}, {"stride", 2}}),
                                                    LayerSpec::activationOf(Activation::Tanh),
                                                    LayerSpec::of("global_average_pool"), LayerSpec::dense(2)});
  Network net(s);
  CHECK(net.layer(0).outputShape() == Shape::image(3, 3, 3));
  CHECK(net.layer(2).outputShape() == Shape::features(3));
  const Matrix x = test::randomMatrix(3, net.inputWidth(), 97);
  const Matrix t = test::targetsFor(Activation::Linear, 3, 2, 98);
  const GradientCheckResult r = checkGradients(net, x, t);
  INFO("worst " << r.worst << ", max relative error " << r.maxRelativeError);
  CHECK(r.maxRelativeError < test::kGradientTolerance);
}

TEST_CASE("a CNN spec that does not fit its input names the layer and the problem", "[conv][pool][network][errors]") {
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] {
               Network(imageSpec(Shape::image(1, 3, 3),
                                 {LayerSpec::of("conv2d", {{"filters", 4}, {"kernel", 5}, {"padding", "valid"}})}));
             }),
             Contains("layer 1 (conv2d): a 5\xC3\x97" "5 valid convolution does not fit a 3\xC3\x97" "3 input"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] {
               Network(imageSpec(Shape::image(1, 4, 4), {LayerSpec::of("max_pool2d", {{"size", 2}}),
                                                         LayerSpec::of("max_pool2d", {{"size", 3}})}));
             }),
             Contains("layer 2 (max_pool2d): a 3\xC3\x97" "3 max pooling window does not fit a 2\xC3\x97" "2 input"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] {
               Network(imageSpec(Shape::features(784), {LayerSpec::of("conv2d", {{"filters", 8}, {"kernel", 5}})}));
             }),
             Contains("layer 1 (conv2d): a 2-D convolution needs an image input") && Contains("got 784 features"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([] {
               Network(imageSpec(Shape::image(1, 8, 8), {LayerSpec::of("conv2d", {{"filters", 2}, {"kernel", 3}}),
                                                         LayerSpec::dense(10)}));
             }),
             Contains("layer 2 (dense)") && Contains("put a flatten layer before it"));
  // From JSON the schema checks the values first.
  const auto fromJson = [](const char* text) {
    return networkSpecFromJson(JsonReader(nlohmann::json::parse(text), "network"));
  };
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] {
               fromJson(R"({"inputShape": [1, 8, 8], "loss": "mse", "layers": [
                   {"kind": "conv2d", "filters": 2, "kernel": 3, "padding": "full"}]})");
             }),
             Contains("padding"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] {
               fromJson(R"({"inputShape": [1, 8, 8], "loss": "mse", "layers": [{"kind": "conv2d", "kernel": 3}]})");
             }),
             Contains("filters"));
}

#ifdef EIGEN_RUNTIME_NO_MALLOC
TEST_CASE("a CNN network allocates nothing once the largest batch has been seen", "[conv][pool][network][allocation]") {
  Network net(cnnSpec());
  const Matrix x = test::randomMatrix(8, net.inputWidth(), 99);
  const Matrix t = test::targetsFor(Activation::Softmax, 8, 3, 100);
  net.forward(x, Mode::Train);
  net.backward(t);
  std::string failure;
  Eigen::internal::set_is_malloc_allowed(false);
  try {
    for (Index rows : {8, 5, 8, 1}) {
      net.forward(x.topRows(rows), Mode::Train);
      net.backward(t.topRows(rows));
      net.forward(x.topRows(rows), Mode::Eval);
    }
  } catch (const std::logic_error& e) {
    failure = e.what();
  }
  Eigen::internal::set_is_malloc_allowed(true);
  INFO((failure.empty() ? "no allocation" : failure));
  CHECK(failure.empty());
}
#endif
