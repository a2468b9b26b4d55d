// Fuzzes custom data intake (Session::setCustomData, what a CSV upload or the JS API's
// setData ends in) with arbitrary floats and sizes, then evaluation of arbitrary points and
// parameters (setParameters). Sizes come from the input; the buffers always hold what the
// sizes claim (the bindings check that), their values are raw bytes read as floats (NaN,
// ±Infinity, denormals included).
#include <vector>

#include "fuzz_support.h"
#include "session/session.h"

using nnplay::Index;
using nnplay::Session;
using nnplay::fuzz::ByteReader;
using nnplay::fuzz::expectCleanOutcome;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  const std::uint8_t flags = in.byte();
  // Sizes: mostly small; flag bits pick edge values (0 points, very wide points).
  Index n = in.u16() % 512;
  Index dims = 1 + in.byte() % 8;
  if (flags & 2) dims = in.u16();          // up to 65535 coordinates
  if (flags & 4) n = 0;
  const int classes = (flags & 8) ? in.interestingInt() : in.byte() % 6;
  const bool keepNetwork = flags & 16;
  // Keep the work per input bounded: the fuzzer looks for wrong outcomes, not slow ones.
  if (n * dims > 200000) n = 200000 / dims;
  std::vector<float> points(static_cast<std::size_t>(n * dims)), labels(static_cast<std::size_t>(n));
  const bool rawValues = flags & 32;  // raw floats; otherwise small values and valid labels
  for (float& p : points) p = rawValues ? in.f32() : (static_cast<float>(in.byte()) - 128) / 32;
  for (float& l : labels) l = rawValues ? in.f32() : static_cast<float>(in.byte() % (classes > 0 ? classes : 7));

  Session session;
  if (flags & 1) expectCleanOutcome("configure", [&] { session.configure(R"({"network":{"hidden":[{"units":3}]}})"); });
  if (!expectCleanOutcome("setCustomData", [&] {
        session.setCustomData(points.data(), labels.data(), n, dims, classes, keepNetwork);
      })) {
    return 0;
  }
  expectCleanOutcome("train", [&] { session.train(2); });
  expectCleanOutcome("evaluatePoints", [&] {
    if (n > 0) session.evaluatePoints(points.data(), n, dims);
  });
  expectCleanOutcome("grid", [&] { session.evaluateGrid(4, -1, 1, -1, 1); });
  std::vector<float> parameters(static_cast<std::size_t>(session.network().parameterCount()));
  for (float& p : parameters) p = in.f32();
  expectCleanOutcome("setParameters", [&] {
    session.setParameters(parameters.data(), static_cast<Index>(parameters.size()));
  });
  expectCleanOutcome("train with those parameters", [&] { session.train(1); });
  return 0;
}
