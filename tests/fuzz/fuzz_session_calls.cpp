// Fuzzes sequences of Session calls with arbitrary arguments: what the page sends from URL
// state, the weight editor, snapshots and embed messages after parsing (the URL-state and
// CSV parsers themselves are JavaScript: web/js/app/url-state.js, web/js/app/csv.js). Each
// byte picks a call; its arguments follow.
#include <vector>

#include "fuzz_support.h"
#include "session/session.h"

using nnplay::Index;
using nnplay::Session;
using nnplay::fuzz::ByteReader;
using nnplay::fuzz::expectCleanOutcome;

namespace {

// Small configurations and patches the sequences switch between (shapes that matter:
// several classes, an autoencoder, batch norm and dropout, regression).
const char* const kConfigs[] = {
    R"({})",
    R"({"data":{"kind":"spiral","classes":3,"points":120},"network":{"hidden":[{"units":5,"activation":"relu","batchNorm":true}]}})",
    R"({"data":{"kind":"gaussians","task":"autoencoder","points":60},"network":{"hidden":[{"units":2,"activation":"tanh"}]}})",
    R"({"data":{"kind":"regression_plane","points":80},"network":{"hidden":[{"units":3,"dropout":0.5}]},"optimizer":{"kind":"adam"}})",
    R"({"optimizer":{"learningRate":1e30}})",
    R"({"training":{"batchSize":1000000}})",
    R"({"data":{"features":["x1","x2","x1_x2","sin_x1","x1sq"]}})",
    R"({"network":{"hidden":[]}})",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  Session session;
  std::vector<float> values;
  for (int call = 0; call < 64 && in.remaining() > 0; ++call) {
    const std::uint8_t op = in.byte();
    switch (op % 16) {
      case 0:
        expectCleanOutcome("configure", [&] { session.configure(kConfigs[in.byte() % 8]); });
        break;
      case 1:
        expectCleanOutcome("update", [&] { session.update(kConfigs[in.byte() % 8]); });
        break;
      case 2:
        expectCleanOutcome("train", [&] { session.train(in.interestingInt() % 50); });
        break;
      case 3:
        expectCleanOutcome("stepEpoch", [&] { session.stepEpoch(); });
        break;
      case 4: {
        const int resolution = in.interestingInt();
        const double x0 = in.interestingDouble(), x1 = in.interestingDouble();
        const double y0 = in.interestingDouble(), y1 = in.interestingDouble();
        expectCleanOutcome("evaluateGrid", [&] {
          session.evaluateGrid(resolution > 64 && resolution <= 1024 ? 64 : resolution, x0, x1, y0, y1);
        });
        break;
      }
      case 5: {
        const int layer = in.interestingInt(), from = in.interestingInt(), to = in.interestingInt();
        const double v = in.interestingDouble();
        expectCleanOutcome("setWeight", [&] { session.setWeight(layer, from, to, v); });
        expectCleanOutcome("weight", [&] { (void)session.weight(layer, from, to); });
        break;
      }
      case 6: {
        const int layer = in.interestingInt(), neuron = in.interestingInt();
        const double v = in.interestingDouble();
        expectCleanOutcome("setBias", [&] { session.setBias(layer, neuron, v); });
        expectCleanOutcome("bias", [&] { (void)session.bias(layer, neuron); });
        break;
      }
      case 7:
        expectCleanOutcome("takeSnapshot", [&] { session.takeSnapshot(); });
        break;
      case 8:
        expectCleanOutcome("restoreSnapshot", [&] { session.restoreSnapshot(in.interestingInt()); });
        break;
      case 9:
        expectCleanOutcome("deleteSnapshot", [&] { session.deleteSnapshot(in.interestingInt()); });
        break;
      case 10: {
        const int layer = in.interestingInt();
        const Index units = 1 + in.byte() % 6, n = 1 + in.byte() % 40;
        values.resize(static_cast<std::size_t>(units * n));
        for (float& v : values) v = in.f32();
        expectCleanOutcome("evaluateFrom", [&] { session.evaluateFrom(layer, values.data(), n, units); });
        break;
      }
      case 11: {
        const Index dims = 1 + in.byte() % 4, n = 1 + in.byte() % 40;
        values.resize(static_cast<std::size_t>(dims * n));
        for (float& v : values) v = in.f32();
        expectCleanOutcome("evaluatePoints", [&] { session.evaluatePoints(values.data(), n, dims); });
        break;
      }
      case 12:
        expectCleanOutcome("reset", [&] { session.reset(static_cast<std::uint64_t>(in.u32()) << (in.byte() % 32)); });
        break;
      case 13: {
        std::string saved;
        expectCleanOutcome("saveModel", [&] { saved = session.saveModel(); });
        if (!saved.empty() && !expectCleanOutcome("loadModel", [&] { session.loadModel(saved); })) {
          std::fprintf(stderr, "a model saved by the engine does not load again\n");
          std::abort();
        }
        break;
      }
      case 14:
        expectCleanOutcome("checkGradients", [&] { (void)session.checkGradients(); });
        break;
      case 15:
        expectCleanOutcome("getters", [&] {
          (void)session.describe();
          (void)session.config();
          (void)session.snapshots();
          if (session.evaluatedRows() > 0) {
            (void)session.outputData();
            for (Index i = 0; i < session.neuronLayerCount(); ++i) (void)session.neuronLayerData(i);
          }
        });
        break;
    }
  }
  return 0;
}
