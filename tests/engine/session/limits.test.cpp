// The engine's memory ceilings (core/limits.h): requests beyond them are refused with an
// InvalidArgument naming the limit, before anything is allocated, and the session stays as
// it was. Through the public Session API only.
#include <catch2/catch.hpp>

#include <string>

#include "core/error.h"
#include "core/limits.h"
#include "session/session.h"

using namespace nnplay;
using Catch::Matchers::Contains;

namespace {

std::string hiddenLayers(int count, int units) {
  std::string layers;
  for (int i = 0; i < count; ++i) layers += (i ? "," : "") + std::string(R"({"units":)") + std::to_string(units) + "}";
  return R"({"network":{"hidden":[)" + layers + "]}}";
}

}  // namespace

TEST_CASE("a network beyond the parameter ceiling is refused before it is built", "[session][limits]") {
  Session s;
  const std::string before = s.config();
  // Two 100000-unit layers: 10^10 weights (40 GB) between them.
  CHECK_THROWS_AS(s.configure(hiddenLayers(2, 100000)), InvalidArgument);
  CHECK_THROWS_WITH(s.configure(hiddenLayers(2, 100000)), Contains("parameters") && Contains(std::to_string(kMaxParameters)));
  // 10^6 units in one layer: refused by the per-layer width check.
  CHECK_THROWS_WITH(s.configure(hiddenLayers(1, 1000000)), Contains("units"));
  // 600 hidden layers are 1200 layers (dense + activation each).
  CHECK_THROWS_WITH(s.configure(hiddenLayers(600, 2)), Contains("layers") && Contains(std::to_string(kMaxLayers)));
  CHECK(s.config() == before);
  s.train(3);  // still usable
}

TEST_CASE("a grid or a batch beyond the forward ceiling is refused", "[session][limits]") {
  Session s(hiddenLayers(1, 2000));
  CHECK_THROWS_WITH(s.evaluateGrid(4096, -1, 1, -1, 1), Contains("resolution"));
  // 1024² rows × (2 + 2000 + 2000 + 1 + 1) values ≈ 4.2·10^9.
  CHECK_THROWS_WITH(s.evaluateGrid(1024, -1, 1, -1, 1), Contains("grid") && Contains(std::to_string(kMaxForwardValues)));
  s.evaluateGrid(64, -1, 1, -1, 1);  // a small one still works
  CHECK(s.evaluatedRows() == 64 * 64);
  // A batch of 70000 points through 2 × 20000 neurons (and their gradients).
  CHECK_THROWS_WITH(
      s.configure(R"({"data":{"points":100000},"training":{"batchSize":100000},"network":{"hidden":[{"units":20000}]}})"),
      Contains("batch") && Contains(std::to_string(kMaxForwardValues)));
}

TEST_CASE("custom data beyond the data ceiling is refused before it is copied", "[session][limits]") {
  Session s;
  // The buffers are never read: the sizes are refused first (10^6 points × 1000 coordinates).
  CHECK_THROWS_WITH(s.setCustomData(nullptr, nullptr, 1000000, 1000, 2, false),
                    Contains("data") && Contains(std::to_string(kMaxDataValues)));
  s.train(1);
}

TEST_CASE("JSON nested beyond the depth ceiling is refused before it is built", "[session][limits]") {
  // Found by tests/wasm/hostile-corpus.test.mjs: a model file with 10⁴ nested arrays in its
  // "session" section overflowed the WebAssembly call stack (json copies recurse per level).
  Session s;
  const std::string saved = s.saveModel();
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  std::string model = saved;
  model.replace(model.find("\"session\":"), 10, "\"session\": " + deep + ", \"old\":");
  CHECK_THROWS_AS(s.loadModel(model), ModelFormatError);
  CHECK_THROWS_WITH(s.loadModel(model), Contains("levels deep"));
  CHECK_THROWS_WITH(s.configure("{\"data\": " + deep + "}"), Contains("levels deep"));
  CHECK_THROWS_WITH(s.update(deep), Contains("levels deep"));
  // Brackets inside strings do not count; ordinary depth is fine.
  CHECK_THROWS_WITH(s.configure("{\"data\": {\"kind\": \"" + deep + "\"}}"), Contains("data.kind must be"));
  s.loadModel(saved);
  s.train(1);
}

TEST_CASE("a JSON number beyond double's range is refused with a message", "[session][limits]") {
  // Found by the fuzz_config target (tests/fuzz/corpus/fuzz_config/found-number-overflow-in-update):
  // the JSON library's out_of_range escaped as a non-engine exception.
  Session s;
  const std::string before = s.config();
  CHECK_THROWS_WITH(s.update(R"({"optimizer": {"learningRate": 1e999}})"), Contains("not usable JSON"));
  CHECK_THROWS_WITH(s.configure(R"({"data": {"points": 22222222222222222222E400}})"),
                    Contains("number overflow"));
  CHECK(s.config() == before);
}
