#include "bench/sequence_workload.h"

#include <memory>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "io/json_reader.h"
#include "sequence/sequence_session.h"

namespace nnplay::bench {

namespace {

// Keep in step with W7_LSTM_CONFIG / W7_TRANSFORMER_CONFIG in engine/bench/wasm/bench.mjs.
const char* kLstmConfig = R"({
  "task": {"task": "sum_of_sines", "length": 50, "trainSamples": 2048, "testSamples": 64, "seed": 1},
  "network": {"seed": 1, "layers": [{"kind": "lstm", "units": 64}, {"kind": "dense", "units": 1}]},
  "optimizer": {"kind": "adam", "learningRate": 0.003},
  "batchSize": 32, "clipNorm": 0
})";
const char* kTransformerConfig = R"({
  "task": {"task": "reverse", "length": 32, "symbols": 16, "trainSamples": 2048, "testSamples": 64, "seed": 1},
  "network": {"seed": 1, "layers": [
    {"kind": "embedding", "vocabulary": 16, "dimension": 64},
    {"kind": "positional_encoding", "encoding": "sinusoidal"},
    {"kind": "transformer_block", "heads": 4, "ffUnits": 128},
    {"kind": "transformer_block", "heads": 4, "ffUnits": 128},
    {"kind": "dense_per_step", "units": 16}]},
  "optimizer": {"kind": "adam", "learningRate": 0.003},
  "batchSize": 32, "clipNorm": 0
})";
constexpr double kBatch = 32;

std::shared_ptr<SequenceSession> sessionOf(const char* config, Index expectedParameters) {
  const nlohmann::json j = nlohmann::json::parse(config);
  auto session = std::make_shared<SequenceSession>(sequenceSessionConfigFromJson(JsonReader(j, "config")));
  require(session->network().parameterCount() == expectedParameters,
          "W7 set-up: " + std::to_string(session->network().parameterCount()) + " parameters, expected " +
              std::to_string(expectedParameters));
  return session;
}

}  // namespace

void appendSequenceWorkloads(std::vector<Workload>& workloads, const std::set<std::string>& only) {
  const char* driver = "SequenceSession::step per batch (gather, forward, loss, backward, Adam)";
  if (only.empty() || only.count("W7.lstm")) {
    auto session = sessionOf(kLstmConfig, 16961);
    workloads.push_back({"W7.lstm", "LSTM 64 on sum_of_sines 50x1, last state -> dense 1, MSE, batch 32, Adam", driver,
                         "samples/s", kBatch, [session] { return session->step().loss; },
                         [session] { session->reset(); }});
  }
  if (only.empty() || only.count("W7.transformer")) {
    auto session = sessionOf(kTransformerConfig, 69008);
    workloads.push_back({"W7.transformer",
                         "2 transformer blocks d64 4 heads ff128 on reverse 32 tokens/16 symbols, per-step softmax "
                         "CE, batch 32, Adam",
                         driver, "samples/s", kBatch, [session] { return session->step().loss; },
                         [session] { session->reset(); }});
  }
}

}  // namespace nnplay::bench
