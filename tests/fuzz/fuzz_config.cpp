// Fuzzes the configuration reader (sessionConfigFromJson behind Session::configure and
// Session::update, the path every URL state and embed message takes into the engine). A
// configuration that is accepted must train and evaluate, and its canonical form (config())
// must be accepted again.
#include "fuzz_support.h"
#include "session/session.h"

using nnplay::Session;
using nnplay::fuzz::expectCleanOutcome;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte chooses configure (a whole config) or update (a merge patch).
  const bool patch = data[0] & 1;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  Session session;
  const bool accepted = expectCleanOutcome(patch ? "update" : "configure", [&] {
    if (patch) session.update(text);
    else session.configure(text);
  });
  if (!accepted) return 0;
  expectCleanOutcome("train", [&] { session.train(3); });
  expectCleanOutcome("grid", [&] { session.evaluateGrid(6, -2, 2, -2, 2); });
  expectCleanOutcome("describe", [&] { (void)session.describe(); });
  std::string canonical;
  expectCleanOutcome("config", [&] { canonical = session.config(); });
  if (!expectCleanOutcome("configure from config()", [&] { Session again(canonical); })) {
    std::fprintf(stderr, "config() of an accepted configuration is refused: %s\n", canonical.c_str());
    std::abort();
  }
  return 0;
}
