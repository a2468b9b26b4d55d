// The sequence layer kinds as the registry offers them: built from a NetworkSpec with a
// sequence input, written to and read from JSON, gradient-checked as whole stacks, trained,
// and free of allocations after the first batch.
#include <catch2/catch.hpp>

#include <set>

#include "diagnostics/gradient_check.h"
#include "io/spec_json.h"
#include "layers/layer_registry.h"
#include "network/network.h"
#include "optimizers/optimizer.h"
#include "support/layer_stack.h"
#include "support/test_data.h"
#include "core/error.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

namespace {

const std::vector<std::string> kSequenceKinds = {"embedding", "positional_encoding", "simple_rnn",
                                                 "lstm",      "gru",                 "self_attention",
                                                 "layer_norm", "transformer_block",  "dense_per_step"};

// Token ids 0 … vocabulary−1 as the embedding layer reads them (floats holding integers).
Matrix tokenMatrix(Index rows, Index steps, Index vocabulary, std::uint64_t seed) {
  Rng rng(seed);
  Matrix ids(rows, steps);
  for (Index c = 0; c < steps; ++c)
    for (Index r = 0; r < rows; ++r) ids(r, c) = static_cast<Scalar>(rng.below(static_cast<std::uint32_t>(vocabulary)));
  return ids;
}

// x (features per step) → positional encoding → transformer block → attention → layer norm →
// LSTM → GRU → simple RNN (all every step) → dense per step: every float-input kind at once.
NetworkSpec floatStackSpec() {
  NetworkSpec spec;
  spec.input = Shape::sequence(4, 4);
  spec.loss = Loss::MeanSquaredError;
  spec.seed = 3;
  spec.layers = {
      LayerSpec::of("positional_encoding", {{"encoding", "learned"}}),
      LayerSpec::of("transformer_block", {{"heads", 2}, {"ffUnits", 6}}),
      LayerSpec::of("self_attention", {{"heads", 2}, {"causal", true}}),
      LayerSpec::of("layer_norm"),
      LayerSpec::of("lstm", {{"units", 3}, {"returnSequences", true}}),
      LayerSpec::of("gru", {{"units", 3}, {"returnSequences", true}}),
      LayerSpec::of("simple_rnn", {{"units", 3}, {"returnSequences", true}}),
      LayerSpec::of("dense_per_step", {{"units", 2}}),
  };
  return spec;
}

// Token ids → embedding → sinusoidal positions → LSTM (last state) → dense → softmax, CCE.
NetworkSpec tokenStackSpec() {
  NetworkSpec spec;
  spec.input = Shape::sequence(5, 1);
  spec.loss = Loss::CategoricalCrossEntropy;
  spec.seed = 4;
  spec.layers = {
      LayerSpec::of("embedding", {{"vocabulary", 6}, {"dimension", 4}}),
      LayerSpec::of("positional_encoding"),
      LayerSpec::of("lstm", {{"units", 5}}),
      LayerSpec::dense(3),
      LayerSpec::activationOf(Activation::Softmax),
  };
  return spec;
}

}  // namespace

TEST_CASE("every sequence layer kind is in the registry with documented settings", "[layer][registry][sequence]") {
  for (const std::string& name : kSequenceKinds) {
    const LayerKindInfo& kind = findLayerKind(name);
    INFO(name);
    CHECK(kind.category == "sequence");
    CHECK(!kind.label.empty());
    CHECK(!kind.doc.empty());
    for (const FieldSchema& field : kind.fields) {
      INFO(field.name);
      CHECK(!field.label.empty());
      CHECK(!field.doc.empty());
    }
  }
  const auto& lstmFields = findLayerKind("lstm").fields;
  std::set<std::string> names;
  for (const FieldSchema& f : lstmFields) names.insert(f.name);
  CHECK(names == std::set<std::string>{"units", "returnSequences", "bpttSteps", "initializer"});
}

TEST_CASE("a spec with a sequence input builds every sequence kind with the inferred shapes", "[layer][registry][sequence]") {
  Network net(floatStackSpec());
  REQUIRE(net.layerCount() == 8);
  CHECK(net.layer(0).outputShape() == Shape::sequence(4, 4));
  CHECK(net.layer(4).is("lstm"));
  CHECK(net.layer(6).outputShape() == Shape::sequence(4, 3));
  CHECK(net.layer(7).outputShape() == Shape::sequence(4, 2));
  CHECK(net.outputWidth() == 8);

  Network tokens(tokenStackSpec());
  CHECK(tokens.layer(0).outputShape() == Shape::sequence(5, 4));
  CHECK(tokens.layer(2).outputShape() == Shape::features(5));
  CHECK(tokens.outputWidth() == 3);
}

TEST_CASE("a sequence spec survives a JSON round trip", "[layer][registry][sequence][io]") {
  for (const NetworkSpec& spec : {floatStackSpec(), tokenStackSpec()}) {
    const nlohmann::json j = toJson(spec);
    CHECK(j.contains("inputShape"));
    const NetworkSpec back = networkSpecFromJson(JsonReader(j, "network"));
    CHECK(back == spec);
    CHECK(toJson(back) == j);
  }
}

TEST_CASE("sequence layers that do not fit their input say which layer and which shapes", "[layer][registry][sequence]") {
  NetworkSpec flat;
  flat.input = Shape::features(6);
  flat.layers = {LayerSpec::of("lstm", {{"units", 4}})};
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { Network n(flat); }),
             Contains("layer 1 (lstm)") && Contains("time×features") && Contains("6"));

  NetworkSpec lastState;
  lastState.input = Shape::sequence(10, 2);
  lastState.layers = {LayerSpec::of("gru", {{"units", 4}}), LayerSpec::of("dense_per_step", {{"units", 2}})};
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { Network n(lastState); }),
             Contains("layer 2 (dense_per_step)") && Contains("got the shape 4") && Contains("returnSequences"));

  NetworkSpec heads;
  heads.input = Shape::sequence(10, 5);
  heads.layers = {LayerSpec::of("self_attention", {{"heads", 2}})};
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { Network n(heads); }),
             Contains("layer 1 (self_attention)") && Contains("5"));

  NetworkSpec tooMany;
  tooMany.input = Shape::sequence(10, 4);
  tooMany.layers = {LayerSpec::of("transformer_block", {{"heads", 8}})};
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { Network n(tooMany); }),
             Contains("layer 1 (transformer_block)") && Contains("heads"));
}

TEST_CASE("a whole sequence stack built from a spec passes the gradient check", "[gradcheck][sequence]") {
  SECTION("float inputs: positions, transformer, attention, layer norm, LSTM, GRU, RNN, dense per step") {
    Network net(floatStackSpec());
    test::perturbParameters(net.parameters(), 16);
    const Matrix x = test::randomMatrix(3, net.inputWidth(), 11);
    const Matrix t = test::randomMatrix(3, net.outputWidth(), 12);
    GradientCheckOptions options;  // attention's exactly-zero key-bias gradients: support/layer_stack.h
    options.step = test::kAttentionStep;
    options.floor = test::kAttentionFloor;
    const GradientCheckResult r = checkGradients(net, x, t, options);
    INFO("worst: " << r.worst);
    REQUIRE(r.checked == net.parameterCount() + x.size());
    REQUIRE(r.maxRelativeError < 1e-6);
  }
  SECTION("token inputs: embedding, sinusoidal positions, LSTM, dense, softmax") {
    Network net(tokenStackSpec());
    // Away from the small starting weights (the embedding starts in ±0.05), so that no gradient
    // is so small that finite differences' rounding (~1e-11) dominates it.
    test::perturbParameters(net.parameters(), 15);
    const Matrix x = tokenMatrix(4, 5, 6, 13);
    const Matrix t = test::targetsFor(Activation::Softmax, 4, 3, 14);
    GradientCheckOptions options;
    options.checkInputs = false;  // token ids are not differentiable
    // Some recurrent-kernel gradients are ~1e-7 (h_{−1} = 0 feeds U nothing at the first step);
    // against them the rounding noise of finite differences (~5e-12) is 5e-5 relative. Below the
    // floor the check is absolute: |analytic − numeric| < 1e-6 · 1e-4 = 1e-10.
    options.step = test::kAttentionStep;
    options.floor = test::kAttentionFloor;
    const GradientCheckResult r = checkGradients(net, x, t, options);
    INFO("worst: " << r.worst);
    REQUIRE(r.checked == net.parameterCount());
    REQUIRE(r.maxRelativeError < 1e-6);
  }
}

TEST_CASE("a sequence stack from a spec trains: the loss falls", "[sequence][training]") {
  // Task: the sum of an 8-step sequence of numbers (needs the whole sequence).
  NetworkSpec spec;
  spec.input = Shape::sequence(8, 1);
  spec.seed = 5;
  spec.layers = {LayerSpec::of("lstm", {{"units", 8}}), LayerSpec::dense(1)};
  Network net(spec);
  auto opt = Optimizer::create(OptimizerSettings::defaultsFor(OptimizerKind::Adam), net.parameterCount());
  opt->setLearningRate(0.01);
  const Matrix x = test::randomMatrix(32, 8, 21, 0.5);
  const Matrix t = x.rowwise().sum() / Scalar(4);
  net.forward(x, Mode::Eval);
  const Scalar before = net.lossOf(t);
  for (int i = 0; i < 300; ++i) {
    net.forward(x, Mode::Train);
    net.backward(t);
    opt->step(net.parameters(), net.gradients(), net.decayMask());
  }
  net.forward(x, Mode::Eval);
  const Scalar after = net.lossOf(t);
  INFO("loss " << before << " → " << after);
  CHECK(after < before * Scalar(0.1));
}

#ifdef EIGEN_RUNTIME_NO_MALLOC
TEST_CASE("a sequence stack allocates nothing per batch after the first", "[sequence][allocation]") {
  Network net(floatStackSpec());
  auto opt = Optimizer::create(OptimizerSettings::defaultsFor(OptimizerKind::Adam), net.parameterCount());
  const Matrix x = test::randomMatrix(6, net.inputWidth(), 31);
  const Matrix t = test::randomMatrix(6, net.outputWidth(), 32);
  const Matrix smaller = x.topRows(4), smallerT = t.topRows(4);
  auto step = [&](const Matrix& in, const Matrix& target) {
    net.forward(in, Mode::Train);
    net.backward(target);
    opt->step(net.parameters(), net.gradients(), net.decayMask());
  };
  step(x, t);  // sizes every workspace
  Eigen::internal::set_is_malloc_allowed(false);
  try {
    step(x, t);
    step(smaller, smallerT);
    step(x, t);
  } catch (...) {
    Eigen::internal::set_is_malloc_allowed(true);
    throw;
  }
  Eigen::internal::set_is_malloc_allowed(true);
  SUCCEED("no Eigen allocation after the first batch");
}
#endif
