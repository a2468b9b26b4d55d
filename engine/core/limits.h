// What the engine will allocate at most. Requests beyond these are refused BEFORE anything
// is allocated, with an InvalidArgument naming the limit, instead of an out-of-memory abort
// of the WebAssembly module (whose memory may grow to 2 GB: engine/wasm/CMakeLists.txt).
// The ceilings are chosen so that the largest of everything fits at once: a network at the
// parameter ceiling with Adam (θ, gradient, decay mask and two moments: 5 × 80 MB in float32),
// an evaluation at the evaluation ceiling (512 MB), the data at the data ceiling (a few copies
// of 80 MB) and snapshots at their ceiling (256 MB). docs/api.md states them for users.
#pragma once

#include <cstdint>

namespace nnplay {

// Parameters of a whole network (weights, biases, batch-norm γ/β).
constexpr std::int64_t kMaxParameters = 20'000'000;
// Layers in one network stack (dense, activation, dropout and batch norm each count).
constexpr std::int64_t kMaxLayers = 1000;
// Values one forward pass keeps: rows × (input width + the output width of every layer).
// A 1024×1024 grid through a playground net of 8 hidden layers of 8 neurons needs ~60 M.
constexpr std::int64_t kMaxForwardValues = 128'000'000;
// Coordinates of custom data: points × coordinates (the Fashion-MNIST subset: 9.4 M).
constexpr std::int64_t kMaxDataValues = 20'000'000;
// Values all snapshots of a session hold together (parameters, statistics, optimizer slots).
constexpr std::int64_t kMaxSnapshotValues = 64'000'000;
// Nesting of arrays and objects in a configuration or model file (real ones use ≤ 6).
constexpr int kMaxJsonDepth = 64;

}  // namespace nnplay
