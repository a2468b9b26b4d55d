// Model files of sequence sessions: a round trip restores the same predictions, evaluation and
// training continuation; each bad file is refused with a message naming the problem and leaves
// the session as it was.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "core/error.h"
#include "io/spec_json.h"
#include "sequence/sequence_session.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

namespace {

const std::string kText = "the cat sat on the mat and the dog sat on the log. the end. " + std::string(300, ' ');

SequenceSessionConfig configFromJson(nlohmann::json j, const std::string& text = {}) {
  if (!text.empty()) j["task"]["text"] = text;
  return sequenceSessionConfigFromJson(JsonReader(j, "config"));
}

SequenceSessionConfig firstBitLstm() {
  return configFromJson(nlohmann::json::parse(R"({
    "task": {"task": "first_bit", "length": 8, "trainSamples": 50, "testSamples": 20, "seed": 4},
    "network": {"seed": 5, "layers": [{"kind": "lstm", "units": 6}, {"kind": "dense", "units": 2}]},
    "optimizer": {"kind": "adam", "learningRate": 0.01},
    "batchSize": 16})"));
}

SequenceSessionConfig reverseTransformer() {
  return configFromJson(nlohmann::json::parse(R"({
    "task": {"task": "reverse", "length": 5, "symbols": 4, "trainSamples": 64, "testSamples": 16, "seed": 2},
    "network": {"seed": 3, "layers": [
      {"kind": "embedding", "vocabulary": 4, "dimension": 8},
      {"kind": "positional_encoding", "encoding": "learned"},
      {"kind": "transformer_block", "heads": 2, "ffUnits": 8},
      {"kind": "dense_per_step", "units": 4}]},
    "optimizer": {"kind": "rmsprop", "learningRate": 0.003},
    "batchSize": 8, "clipNorm": 0.5})"));
}

SequenceSessionConfig signalGru() {
  return configFromJson(nlohmann::json::parse(R"({
    "task": {"task": "sum_of_sines", "length": 8, "trainSamples": 100, "testSamples": 40},
    "network": {"layers": [{"kind": "gru", "units": 6}, {"kind": "dense", "units": 1}]},
    "optimizer": {"kind": "momentum", "learningRate": 0.01}})"));
}

SequenceSessionConfig charactersLstm(const std::string& text = kText) {
  return configFromJson(nlohmann::json::parse(R"({
    "task": {"task": "characters", "length": 10, "trainSamples": 100, "testSamples": 20},
    "network": {"layers": [{"kind": "embedding", "vocabulary": 14, "dimension": 6},
                           {"kind": "gru", "units": 8, "returnSequences": true},
                           {"kind": "dense_per_step", "units": 14}]}})"),
                        text);
}

bool sameNumber(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

bool sameHistory(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!sameNumber(a[i], b[i])) return false;
  return true;
}

void requireSameEvaluation(SequenceSession& a, SequenceSession& b) {
  const SequenceEvaluation x = a.evaluate(), y = b.evaluate();
  CHECK(sameNumber(x.loss, y.loss));
  CHECK(sameNumber(x.accuracy, y.accuracy));
  CHECK(sameNumber(x.mse, y.mse));
  CHECK(sameNumber(x.relativeMse, y.relativeMse));
  a.inspect(3);
  b.inspect(3);
  CHECK(Matrix(a.inspectedOutput()) == Matrix(b.inspectedOutput()));
}

// Trains `config` 23 steps, saves, loads into a session of another config (`into`) and checks
// the two are the same session: config, weights, step, evaluation, and 7 more steps.
void checkRoundTrip(const SequenceSessionConfig& config, const SequenceSessionConfig& into,
                    const std::string& corpus = {}) {
  SequenceSession original(config);
  original.train(23);
  const std::string file = original.saveModel();
  SequenceSession loaded(into);
  loaded.loadModel(file, corpus);
  CHECK(toJson(loaded.config()) == toJson(original.config()));
  CHECK(loaded.network().parameters() == original.network().parameters());
  CHECK(loaded.last().step == 23);
  CHECK(sameNumber(loaded.last().loss, original.last().loss));
  CHECK(sameNumber(loaded.last().accuracy, original.last().accuracy));
  CHECK(loaded.history().size() == 3 * 23);
  CHECK(sameHistory(loaded.history(), original.history()));
  requireSameEvaluation(original, loaded);
  CHECK(loaded.saveModel() == file);
  // Training goes on as if it had never stopped: the same batches, optimizer moments, steps.
  original.train(7);
  loaded.train(7);
  CHECK(loaded.last().step == 30);
  CHECK(loaded.network().parameters() == original.network().parameters());
  CHECK(loaded.last().loss == original.last().loss);
  CHECK(sameHistory(loaded.history(), original.history()));
}

// `edit` spoils a good file; loading it must throw ModelFormatError containing `expected` and
// leave the session exactly as it was.
void checkRefused(SequenceSession& session, const std::string& good, const std::function<void(nlohmann::json&)>& edit,
                  const std::string& expected) {
  nlohmann::json j = nlohmann::json::parse(good);
  edit(j);
  const std::string before = session.saveModel();
  const SequenceEvaluation e = session.evaluate();
  INFO("expected a message containing: " << expected);
  CHECK_THAT(test::thrownMessage<ModelFormatError>([&] { session.loadModel(j.dump()); }), Contains(expected));
  CHECK(session.saveModel() == before);
  CHECK(sameNumber(session.evaluate().loss, e.loss));
}

}  // namespace

TEST_CASE("a sequence model file restores the session exactly", "[sequence][model]") {
  SECTION("LSTM on first_bit into a transformer session") { checkRoundTrip(firstBitLstm(), reverseTransformer()); }
  SECTION("transformer on reverse into an LSTM session") { checkRoundTrip(reverseTransformer(), firstBitLstm()); }
  SECTION("GRU on a signal (no accuracy) into a transformer session") { checkRoundTrip(signalGru(), reverseTransformer()); }
  SECTION("a character model, given its text") { checkRoundTrip(charactersLstm(), firstBitLstm(), kText); }
  SECTION("a character model into a character session takes that session's text") {
    checkRoundTrip(charactersLstm(), charactersLstm());
  }
  SECTION("an untrained session") {
    SequenceSession fresh(firstBitLstm()), other(signalGru());
    other.loadModel(fresh.saveModel());
    CHECK(other.last().step == 0);
    CHECK(other.network().parameters() == fresh.network().parameters());
    other.train(3);
    fresh.train(3);
    CHECK(other.network().parameters() == fresh.network().parameters());
  }
}

TEST_CASE("a long run's loss history is thinned in the file and goes on after loading", "[sequence][model]") {
  SequenceSession long_run(firstBitLstm());
  long_run.train(2500);
  const std::string file = long_run.saveModel();
  const nlohmann::json history = nlohmann::json::parse(file)["history"];
  // Every 2nd of 2500 records and the last.
  REQUIRE(history.size() == 1251);
  CHECK(history[0][0] == 1);
  CHECK(history[1][0] == 3);
  CHECK(history[1250][0] == 2500);
  CHECK(history[1250][1] == long_run.history()[3 * 2499 + 1]);
  SequenceSession loaded(signalGru());
  loaded.loadModel(file);
  CHECK(loaded.history().size() == 3 * 1251);
  loaded.train(2);
  CHECK(loaded.history().size() == 3 * 1253);
  CHECK(loaded.history()[3 * 1252] == 2502);
  // A file without a history (saved before it was added) loads with an empty one.
  nlohmann::json old = nlohmann::json::parse(file);
  old.erase("history");
  loaded.loadModel(old.dump());
  CHECK(loaded.history().empty());
  CHECK(loaded.last().step == 2500);
}

TEST_CASE("a sequence model file holds the settings, not a character model's text", "[sequence][model]") {
  SequenceSession chars(charactersLstm());
  chars.train(2);
  const nlohmann::json file = nlohmann::json::parse(chars.saveModel());
  CHECK(file["format"] == "nnplay-sequence");
  CHECK(file["version"] == 1);
  CHECK(file["steps"] == 2);
  CHECK_FALSE(file["config"]["task"].contains("text"));
  CHECK(file["alphabet"] == chars.data().alphabet);
  CHECK(file["config"]["network"]["layers"].size() == 3);
  CHECK(file["config"]["batchSize"] == 32);
  CHECK(file["config"]["optimizer"]["kind"] == "adam");
  CHECK(file["parameters"].size() == static_cast<std::size_t>(chars.network().parameterCount()));
  CHECK(file["optimizerState"]["step"] == 2);

  SequenceSession signal(signalGru());
  signal.train(1);
  const nlohmann::json signalFile = nlohmann::json::parse(signal.saveModel());
  CHECK_FALSE(signalFile.contains("alphabet"));
  CHECK(signalFile["last"]["accuracy"].is_null());
}

TEST_CASE("a bad sequence model file is refused and changes nothing", "[sequence][model]") {
  SequenceSession source(firstBitLstm());
  source.train(4);
  const std::string good = source.saveModel();
  SequenceSession session(reverseTransformer());
  session.train(3);

  const std::string before = session.saveModel();
  CHECK_THAT(test::thrownMessage<ModelFormatError>([&] { session.loadModel(good.substr(0, good.size() / 2)); }),
             Contains("not valid JSON"));
  CHECK_THAT(test::thrownMessage<ModelFormatError>([&] { session.loadModel(""); }), Contains("not valid JSON"));
  CHECK(session.saveModel() == before);

  checkRefused(session, good, [](nlohmann::json& j) { j["version"] = 2; }, "version 2 is not supported");
  checkRefused(session, good, [](nlohmann::json& j) { j["format"] = "nnplay-gan"; }, "not a sequence model file (it is a GAN model");
  checkRefused(session, good, [](nlohmann::json& j) { j.erase("format"); }, "not an nnplay sequence model file");
  checkRefused(session, good, [](nlohmann::json& j) { j = nlohmann::json::array(); }, "model must be an object");
  // Kernel sizes that do not fit the layer list.
  checkRefused(session, good, [](nlohmann::json& j) { j["config"]["network"]["layers"][0]["units"] = 7; },
               "model.parameters has");
  checkRefused(session, good, [](nlohmann::json& j) { j["parameters"].erase(0); }, "but the network needs");
  checkRefused(session, good, [](nlohmann::json& j) { j["optimizerState"]["slots"].begin()->erase(0); },
               "model.optimizerState.slots.");
  // Weights that are not numbers (NaN is written as null by JSON writers), or overflow float.
  checkRefused(session, good, [](nlohmann::json& j) { j["parameters"][3] = nullptr; },
               "model.parameters[3] must be a finite number, found null");
  checkRefused(session, good, [](nlohmann::json& j) { j["parameters"][5] = "NaN"; }, "model.parameters[5]");
  if (sizeof(Scalar) == 4) {  // beyond float's range (the float64 engine takes it)
    checkRefused(session, good, [](nlohmann::json& j) { j["parameters"][1] = 1e39; }, "model.parameters[1] is too large");
  }
  checkRefused(session, good, [](nlohmann::json& j) { j["state"] = nlohmann::json::array({1}); }, "model.state has 1 values");
  // Settings the engine refuses, named by their path.
  checkRefused(session, good, [](nlohmann::json& j) { j["config"]["task"]["task"] = "juggling"; }, "model.config.task.task");
  checkRefused(session, good, [](nlohmann::json& j) { j["config"]["batchSize"] = 0; }, "model.config.batchSize");
  checkRefused(session, good, [](nlohmann::json& j) { j["config"]["network"]["layers"][1]["units"] = 3; },
               "the task first_bit needs");
  checkRefused(session, good, [](nlohmann::json& j) { j["steps"] = -1; }, "model.steps");
  // The training order must be a permutation of the training pool.
  checkRefused(session, good, [](nlohmann::json& j) { j["batchOrder"]["order"][1] = j["batchOrder"]["order"][0]; },
               "model.batchOrder.order[1] repeats the training sequence");
  checkRefused(session, good, [](nlohmann::json& j) { j["batchOrder"]["order"].erase(0); },
               "model.batchOrder.order has 49 entries, expected one per training sequence (50)");
  checkRefused(session, good, [](nlohmann::json& j) { j["batchOrder"]["order"][0] = 50; }, "model.batchOrder.order[0]");
  checkRefused(session, good, [](nlohmann::json& j) { j["batchOrder"]["cursor"] = 51; }, "model.batchOrder.cursor");
  checkRefused(session, good, [](nlohmann::json& j) { j.erase("parameters"); }, "missing field model.parameters");
  checkRefused(session, good, [](nlohmann::json& j) { j["config"]["task"]["text"] = "abc"; }, "model.config.task.text");
  // The loss history: rising steps within the file's, [step, loss, accuracy] each.
  checkRefused(session, good, [](nlohmann::json& j) { j["history"][2][0] = 1; }, "model.history[2][0]");
  checkRefused(session, good, [](nlohmann::json& j) { j["history"][3][0] = 5; }, "model.history[3][0]");
  checkRefused(session, good, [](nlohmann::json& j) { j["history"][1] = {2, 0.5}; }, "model.history[1] must be [step, loss, accuracy]");
  checkRefused(session, good, [](nlohmann::json& j) { j["history"][0][2] = 1.5; }, "model.history[0][2]");
  checkRefused(session, good, [](nlohmann::json& j) { j["history"][0][1] = "low"; }, "model.history[0][1]");
  checkRefused(session, good, [](nlohmann::json& j) { j["history"] = 7; }, "model.history");
  CHECK(session.last().step == 3);
}

TEST_CASE("a character model needs a text with its alphabet", "[sequence][model]") {
  SequenceSession chars(charactersLstm());
  chars.train(2);
  const std::string file = chars.saveModel();
  SequenceSession session(firstBitLstm());
  const std::string before = session.saveModel();
  CHECK_THAT(test::thrownMessage<ModelFormatError>([&] { session.loadModel(file); }),
             Contains("character model") && Contains("14 characters") && Contains("give the text"));
  std::string other = kText;
  for (char& c : other) if (c == 'g') c = 'G';
  CHECK_THAT(test::thrownMessage<ModelFormatError>([&] { session.loadModel(file, other); }),
             Contains("model.alphabet") && Contains("token ids"));
  CHECK(session.saveModel() == before);
  session.loadModel(file, kText);
  CHECK(session.config().task.task == SequenceTask::Characters);
  CHECK(session.network().parameters() == chars.network().parameters());
}

TEST_CASE("a diverged sequence session stops with a message and is not saved", "[sequence][model]") {
  SequenceSession session(firstBitLstm());
  session.train(2);
  session.network().parameters()(0) = std::numeric_limits<Scalar>::quiet_NaN();
  CHECK_THROWS_AS(session.train(1), TrainingDiverged);
  CHECK_THAT(test::thrownMessage<TrainingDiverged>([&] { session.saveModel(); }), Contains("cannot be saved"));
}
