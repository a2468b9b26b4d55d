#include <catch2/catch.hpp>

#include <algorithm>

#include <cmath>

#include "io/spec_json.h"
#include "sequence/sequence_session.h"
#include "core/error.h"
#include "support/layer_stack.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

namespace {

SequenceSessionConfig configFromJson(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text);
  return sequenceSessionConfigFromJson(JsonReader(j, "config"));
}

SequenceSessionConfig reverseConfig() {
  return configFromJson(R"({
    "task": {"task": "reverse", "length": 5, "symbols": 4, "trainSamples": 64, "testSamples": 16, "seed": 2},
    "network": {"seed": 3, "layers": [
      {"kind": "embedding", "vocabulary": 4, "dimension": 8},
      {"kind": "positional_encoding"},
      {"kind": "transformer_block", "heads": 2, "ffUnits": 8},
      {"kind": "dense_per_step", "units": 4}]},
    "batchSize": 8})");
}

SequenceSessionConfig firstBitConfig(const char* cell) {
  return configFromJson(std::string(R"({
    "task": {"task": "first_bit", "length": 6, "trainSamples": 64, "testSamples": 16},
    "network": {"layers": [{"kind": ")") + cell + R"(", "units": 4}, {"kind": "dense", "units": 2}]},
    "batchSize": 8})");
}

}  // namespace

TEST_CASE("a sequence session config needs only the task and a layer list", "[sequence][session]") {
  const SequenceSessionConfig c = reverseConfig();
  CHECK(c.network.input == Shape::sequence(5, 1));
  CHECK(c.network.seed == 3);
  CHECK(c.optimizer.kind == OptimizerKind::Adam);
  const nlohmann::json j = toJson(c);
  CHECK(toJson(sequenceSessionConfigFromJson(JsonReader(j, "config"))) == j);
}

TEST_CASE("a sequence session explains a network that does not fit its task", "[sequence][session]") {
  SequenceSessionConfig wrongInput = firstBitConfig("lstm");
  wrongInput.network.input = Shape::sequence(7, 1);
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { SequenceSession s(wrongInput); }),
             Contains("first_bit") && Contains("6×1") && Contains("7×1"));

  SequenceSessionConfig lastState = reverseConfig();
  lastState.network.layers = {LayerSpec::of("embedding", {{"vocabulary", 4}, {"dimension", 8}}),
                              LayerSpec::of("lstm", {{"units", 8}}), LayerSpec::dense(4)};
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { SequenceSession s(lastState); }),
             Contains("reverse") && Contains("5×4") && Contains("dense_per_step") && Contains("shape 4"));

  SequenceSessionConfig softmax = firstBitConfig("gru");
  softmax.network.layers.push_back(LayerSpec::activationOf(Activation::Softmax));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { SequenceSession s(softmax); }), Contains("linear"));

  SequenceSessionConfig badToken = reverseConfig();
  badToken.network.layers[0] = LayerSpec::of("embedding", {{"vocabulary", 3}, {"dimension", 8}});
  SequenceSession s(badToken);
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { s.train(20); }), Contains("embedding"));
}

TEST_CASE("the session's per-step softmax loss has the gradient back-propagation computes", "[gradcheck][sequence]") {
  for (const SequenceSessionConfig& config : {reverseConfig(), firstBitConfig("gru")}) {
    SequenceSession session(config);
    test::perturbParameters(session.network().parameters(), 5);  // away from the small start
    const Matrix x = session.data().testInputs.topRows(4);
    const Matrix t = session.data().testTargets.topRows(4);
    session.lossAndGradient(x, t);
    const Vector analytic = session.network().gradients();
    Vector& theta = session.network().parameters();
    double worst = 0;
    Index worstAt = 0;
    for (Index i = 0; i < theta.size(); ++i) {
      const Scalar keep = theta(i);
      theta(i) = keep + Scalar(1e-5);
      const double up = session.lossAndGradient(x, t);
      theta(i) = keep - Scalar(1e-5);
      const double down = session.lossAndGradient(x, t);
      theta(i) = keep;
      const double numeric = (up - down) / 2e-5;
      // The attention floor (support/layer_stack.h): the key bias's gradient is exactly 0 and its
      // numeric estimate rounding noise ~1e-11.
      const double scale = std::max({std::abs(numeric), std::abs(static_cast<double>(analytic(i))), test::kAttentionFloor});
      const double error = std::abs(numeric - static_cast<double>(analytic(i))) / scale;
      if (error > worst) worst = error, worstAt = i;
    }
    INFO(sequenceTaskName(config.task.task) << ": worst relative error " << worst << " at parameter " << worstAt
                                            << " (analytic " << analytic(worstAt) << ")");
    CHECK(worst < 1e-6);
  }
}

TEST_CASE("a sequence session is deterministic per seed and resets to the same run", "[sequence][session]") {
  SequenceSession a(reverseConfig()), b(reverseConfig());
  a.train(15);
  b.train(15);
  CHECK(a.history() == b.history());
  CHECK(a.network().parameters() == b.network().parameters());
  const std::vector<double> first = a.history();
  a.reset();
  a.train(15);
  CHECK(a.history() == first);
  a.reset(99);
  a.train(15);
  CHECK(a.history() != first);
  const SequenceEvaluation e = a.evaluate();
  CHECK(e.accuracy >= 0);
  CHECK(e.accuracy <= 1);
  CHECK(std::isnan(e.mse));
}

TEST_CASE("the sequence views read one test sample", "[sequence][session][views]") {
  SequenceSession rnn(firstBitConfig("lstm"));
  rnn.train(3);
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { rnn.hiddenStates(0); }), Contains("inspect"));
  rnn.inspect(2);
  CHECK(rnn.hiddenStates(0).size() == 6 * 4);
  CHECK(rnn.gateActivations(0).size() == 6 * 4 * 4);
  CHECK(rnn.gateNames(0) == std::vector<std::string>{"input", "forget", "candidate", "output"});
  CHECK(rnn.gradientNormPerStep(0).size() == 6);
  CHECK(rnn.gradientNormPerStep(0).maxCoeff() > 0);
  CHECK(rnn.inspectedOutput().cols() == 2);
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { rnn.hiddenStates(1); }), Contains("dense"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { rnn.attentionWeights(0, 0); }), Contains("no attention"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { rnn.inspect(16); }), Contains("16"));

  SequenceSession transformer(reverseConfig());
  transformer.train(2);
  transformer.inspect(0);
  CHECK(transformer.attentionHeads(2) == 2);
  const Matrix a = transformer.attentionWeights(2, 1);
  CHECK(a.rows() == 5);
  CHECK(a.cols() == 5);
  CHECK(a.rowwise().sum().isApproxToConstant(1, 1e-5));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { transformer.attentionWeights(2, 2); }), Contains("head 2"));
}

TEST_CASE("a signal session forecasts and a character session samples text", "[sequence][session][views]") {
  SequenceSession signal(configFromJson(R"({
    "task": {"task": "sum_of_sines", "length": 8, "trainSamples": 100, "testSamples": 40},
    "network": {"layers": [{"kind": "gru", "units": 6}, {"kind": "dense", "units": 1}]}})"));
  signal.train(5);
  const Vector f = signal.forecast(10, 25);
  CHECK(f.size() == 35);
  CHECK(f.allFinite());
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { signal.sampleText("a", 3, 1, 1); }), Contains("characters"));

  nlohmann::json j = nlohmann::json::parse(R"({
    "task": {"task": "characters", "length": 10, "trainSamples": 100, "testSamples": 20},
    "network": {"layers": [{"kind": "embedding", "vocabulary": 14, "dimension": 6},
                           {"kind": "lstm", "units": 8, "returnSequences": true},
                           {"kind": "dense_per_step", "units": 14}]}})");
  j["task"]["text"] = "the cat sat on the mat and the dog sat on the log. the end. " + std::string(300, ' ');
  SequenceSession chars(sequenceSessionConfigFromJson(JsonReader(j, "config")));
  chars.train(5);
  const std::string text = chars.sampleText("the ", 40, 0.8, 7);
  CHECK(text.size() == 40);
  CHECK(text.find_first_not_of(chars.data().alphabet) == std::string::npos);
  CHECK(chars.sampleText("the ", 40, 0.8, 7) == text);
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { chars.sampleText("xyz", 4, 1, 1); }), Contains("'x'"));
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { chars.sampleText("the", 4, 0, 1); }), Contains("temperature"));
}

#ifdef EIGEN_RUNTIME_NO_MALLOC
TEST_CASE("a sequence session's training step allocates nothing after the first", "[sequence][allocation]") {
  SequenceSession s(reverseConfig());
  s.step();
  Eigen::internal::set_is_malloc_allowed(false);
  try {
    s.train(20);  // crosses a reshuffle of the 64-sample pool
  } catch (...) {
    Eigen::internal::set_is_malloc_allowed(true);
    throw;
  }
  Eigen::internal::set_is_malloc_allowed(true);
  CHECK(s.last().step == 21);
}
#endif
