// Fuzzes the model-file reader through Session::loadModel (readModel + applyModel + the
// session's own checks). A file that loads must train, evaluate, save, and load again.
#include "fuzz_support.h"
#include "session/session.h"

using nnplay::Session;
using nnplay::fuzz::expectCleanOutcome;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Session session;
  if (!expectCleanOutcome("loadModel", [&] { session.loadModel(text); })) return 0;
  expectCleanOutcome("train after load", [&] { session.train(2); });
  expectCleanOutcome("grid after load", [&] { session.evaluateGrid(8, -1, 1, -1, 1); });
  std::string saved;
  expectCleanOutcome("save after load", [&] { saved = session.saveModel(); });
  if (saved.empty()) return 0;
  Session again;
  if (!expectCleanOutcome("reload", [&] { again.loadModel(saved); })) {
    std::fprintf(stderr, "a model saved by the engine does not load again\n");
    std::abort();
  }
  return 0;
}
