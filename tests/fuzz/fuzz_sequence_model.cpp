// Fuzzes the sequence model-file reader (SequenceSession::loadModel: the config, the alphabet
// of a character model, weights, optimizer moments, the batch order and the loss history).
// A file that loads must evaluate, train when small, save, and load again to the same file.
#include "fuzz_support.h"
#include "io/spec_json.h"
#include "sequence/sequence_session.h"

using nnplay::fuzz::expectCleanOutcome;
using nnplay::SequenceSession;

namespace {

// The text a character model is loaded with (the seeds' character model was trained on it).
const std::string& corpus() {
  static const std::string text = "the cat sat on the mat and the dog sat on the log. the end. " + std::string(200, ' ');
  return text;
}

nnplay::SequenceSessionConfig smallConfig() {
  const nlohmann::json j = nlohmann::json::parse(R"({
    "task": {"task": "first_bit", "length": 4, "trainSamples": 8, "testSamples": 4},
    "network": {"layers": [{"kind": "simple_rnn", "units": 2}, {"kind": "dense", "units": 2}]}})");
  return nnplay::sequenceSessionConfigFromJson(nnplay::JsonReader(j, "config"));
}

// Multiply-adds of one pass over `rows` sequences, roughly: a file may ask for a network and a
// data set that are valid but far too slow to train under the sanitizers within the timeout.
double workOf(const SequenceSession& s, double rows) {
  return rows * static_cast<double>(s.config().task.length) * static_cast<double>(s.network().parameterCount());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  SequenceSession session(smallConfig());
  if (!expectCleanOutcome("loadModel", [&] { session.loadModel(text, corpus()); })) return 0;
  constexpr double kBudget = 2e7;
  if (workOf(session, static_cast<double>(session.data().testInputs.rows())) < kBudget) {
    expectCleanOutcome("evaluate after load", [&] { session.evaluate(); });
  }
  if (workOf(session, 3.0 * static_cast<double>(session.config().batchSize)) < kBudget) {
    expectCleanOutcome("train after load", [&] { session.train(1); });
  }
  std::string saved;
  expectCleanOutcome("save after load", [&] { saved = session.saveModel(); });
  if (saved.empty()) return 0;
  nnplay::fuzz::requireReloadsToSame("sequence model", saved, [](const std::string& file) {
    SequenceSession again(smallConfig());
    again.loadModel(file, corpus());
    return again.saveModel();
  });
  return 0;
}
