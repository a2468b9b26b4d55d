// embind bindings: thin, no logic. The JavaScript API in web/js/engine.js wraps these; only
// it should be used from the page (it validates arguments and turns errors into JS Errors).
//
// ERRORS. Every binding runs its engine call inside guarded(): an exception is caught here,
// recorded in one error slot (a kind code + the message) and the call returns a neutral
// value. engine.js reads the kind code from WASM memory (errorKindAddress()) after every
// call and throws an Error named after the kind. Why not throw a JS exception from C++
// (val::throw_)? It would unwind through embind's glue without running its cleanups: the
// strings passed in (malloc'd by the glue) and the shadow stack would leak on every error.
//
// ARRAYS OUT are typed-array VIEWS of WASM memory (no copy), wrapped in val: returning an
// emscripten::memory_view by value crashes in Emscripten 3.1.6. A view is valid until the
// next call into the engine (memory growth detaches it).
// ARRAYS IN are copied in bulk: one TypedArray.prototype.set into a reused C++ buffer.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <cmath>
#include <cstdint>
#include <new>
#include <string>
#include <type_traits>
#include <vector>

#include "core/error.h"
#include "gan/gan.h"
#include "gan/gan_presets.h"
#include "io/spec_json.h"
#include "schema/schema_json.h"
#include "session/perceptron_session.h"
#include "sequence/sequence_session.h"
#include "session/session.h"

namespace {

using emscripten::val;
using nnplay::BatchResult;
using nnplay::EpochRecord;
using nnplay::Index;
using nnplay::Scalar;
using nnplay::PerceptronSession;
using nnplay::PerceptronStep;
using nnplay::Session;

// ---- the error slot ----
// Codes shared with engine.js (ERROR_NAMES there).
enum ErrorKind : int { kNoError = 0, kInvalidArgument = 1, kModelFormatError = 2, kTrainingDiverged = 3, kOther = 4 };
int errorKind = kNoError;
std::string errorMessage;

void record(int kind, const char* message) {
  errorKind = kind;
  errorMessage = message;
}

template <typename F>
auto guarded(F&& f) -> decltype(f()) {
  using R = decltype(f());
  try {
    return f();
  } catch (const nnplay::InvalidArgument& e) {
    record(kInvalidArgument, e.what());
  } catch (const nnplay::ModelFormatError& e) {
    record(kModelFormatError, e.what());
  } catch (const nnplay::TrainingDiverged& e) {
    record(kTrainingDiverged, e.what());
  } catch (const std::bad_alloc&) {
    record(kOther, "out of memory: the browser refused more memory for the engine (use less data, a smaller grid or network)");
  } catch (const std::exception& e) {
    record(kOther, e.what());
  } catch (...) {
    record(kOther, "unknown engine error");
  }
  if constexpr (std::is_same_v<R, val>) return val::undefined();
  else if constexpr (!std::is_void_v<R>) return R{};
}

std::uintptr_t errorKindAddress() { return reinterpret_cast<std::uintptr_t>(&errorKind); }

// The message of the last error; clears the slot.
std::string takeErrorMessage() {
  errorKind = kNoError;
  std::string m;
  m.swap(errorMessage);
  return m;
}

// ---- arrays ----
template <typename T>
val view(const T* data, Index n) {
  return val(emscripten::typed_memory_view(static_cast<std::size_t>(n), data));
}

// Reused input buffers (single-threaded: a Worker has its own module instance).
std::vector<float> pointsIn, labelsIn;

// Copies a JS typed array (or array of numbers) into buffer with ONE TypedArray.set call.
const float* copyIn(const val& array, std::vector<float>& buffer) {
  const auto n = array["length"].as<std::size_t>();
  buffer.resize(n);
  if (n > 0) val(emscripten::typed_memory_view(n, buffer.data())).call<void>("set", array);
  return buffer.data();
}

std::vector<double> historyOut;  // 6 numbers per epoch record, reused

// ---- module functions ----
std::string version() { return NNPLAY_VERSION; }
std::string schema() { return nnplay::engineSchema().dump(); }
std::string simdInstructionSets() { return Eigen::SimdInstructionSetsInUse(); }
// Bytes malloc has handed out and not taken back (for leak tests).
double allocatedBytes() { return static_cast<double>(mallinfo().uordblks); }

Session* newSession(const std::string& configJson) {
  return guarded([&]() -> Session* { return new Session(configJson); });
}

// ---- Session methods (first argument: the session) ----
bool configure(Session& s, const std::string& json) { return guarded([&] { return s.configure(json); }); }
bool update(Session& s, const std::string& patch) { return guarded([&] { return s.update(patch); }); }
std::string config(const Session& s) { return guarded([&] { return s.config(); }); }
std::string describe(const Session& s) { return guarded([&] { return s.describe(); }); }

void setData(Session& s, const val& points, const val& labels, int dims, int classes, bool keepNetwork) {
  guarded([&] {
    const float* p = copyIn(points, pointsIn);
    const float* l = copyIn(labels, labelsIn);
    // Memory safety only (engine.js checks first, with better messages).
    nnplay::require(dims >= 1 && pointsIn.size() == labelsIn.size() * static_cast<std::size_t>(dims),
                    "the points must hold dims values per label");
    s.setCustomData(p, l, static_cast<Index>(labelsIn.size()), dims, classes, keepNetwork);
    // Large inputs (Fashion-MNIST: 31 MB) should not stay resident in the reused buffers.
    if (pointsIn.capacity() > (1u << 20)) std::vector<float>().swap(pointsIn);
  });
}
// The raw points of the training (part 0) or test (part 1) set: N×dims, column-major.
val dataPoints(const Session& s, int part) {
  const nnplay::Dataset& d = part == 0 ? s.rawTrain() : s.rawTest();
  return view(d.points.data(), d.points.size());
}
val dataLabels(const Session& s, int part) {
  const nnplay::Dataset& d = part == 0 ? s.rawTrain() : s.rawTest();
  return view(d.labels.data(), d.labels.size());
}

BatchResult stepBatch(Session& s) { return guarded([&] { return s.stepBatch(); }); }
EpochRecord stepEpoch(Session& s) { return guarded([&] { return s.stepEpoch(); }); }
int train(Session& s, int batches) { return guarded([&] { return s.train(batches); }); }
void reset(Session& s) { guarded([&] { s.reset(); }); }
void resetWithSeed(Session& s, double seed) {
  guarded([&] {
    nnplay::require(seed >= 0 && seed == std::floor(seed), "the seed must be a whole number ≥ 0");
    s.reset(static_cast<std::uint64_t>(seed));
  });
}
EpochRecord evaluate(Session& s) { return guarded([&] { return s.evaluate(); }); }
// Float64Array view: epoch, step, trainLoss, testLoss, trainAccuracy, testAccuracy per record,
// from record `from` on (a page that already holds the first records asks only for the new
// ones: a copy of the whole history every frame would grow with every epoch trained).
val history(const Session& s, double from) {
  const std::vector<EpochRecord>& h = s.trainer().history();
  const std::size_t first = from > 0 ? std::min(h.size(), static_cast<std::size_t>(from)) : 0;
  historyOut.resize((h.size() - first) * 6);
  for (std::size_t i = first; i < h.size(); ++i) {
    double* r = &historyOut[(i - first) * 6];
    r[0] = h[i].epoch;
    r[1] = static_cast<double>(h[i].step);
    r[2] = h[i].trainLoss;
    r[3] = h[i].testLoss;
    r[4] = h[i].trainAccuracy;
    r[5] = h[i].testAccuracy;
  }
  return view(historyOut.data(), static_cast<Index>(historyOut.size()));
}
int epoch(const Session& s) { return s.trainer().completedEpochs(); }
double step(const Session& s) { return static_cast<double>(s.optimizer().state().step); }
int batchCursor(const Session& s) { return static_cast<int>(s.trainer().batchCursor()); }
int batchesPerEpoch(const Session& s) { return static_cast<int>(s.trainer().batchesPerEpoch()); }

// Everything an evaluation produced, in ONE call (a frame costs one JS→WASM call):
// {rows, inputs, output, neuronLayers: [...]}, each a rows × width column-major view.
// `first` is the first neuron layer whose output is valid (evaluateFrom skips earlier ones).
val evaluation(const Session& s, int first = 0) {
  val result = val::object();
  const Index rows = s.evaluatedRows();
  result.set("rows", static_cast<double>(rows));
  result.set("inputs", first == 0 ? view(s.inputData(), rows * s.network().inputWidth()) : val::null());
  result.set("output", view(s.outputData(), rows * s.network().outputWidth()));
  val layers = val::array();
  for (Index i = 0; i < s.neuronLayerCount(); ++i) {
    layers.call<void>("push", i >= first ? view(s.neuronLayerData(i), rows * s.neuronLayer(i).units) : val::null());
  }
  result.set("neuronLayers", layers);
  return result;
}
val evaluateGrid(Session& s, int resolution, double xMin, double xMax, double yMin, double yMax) {
  return guarded([&] {
    s.evaluateGrid(resolution, xMin, xMax, yMin, yMax);
    return evaluation(s);
  });
}
val evaluatePoints(Session& s, const val& points, int dims) {
  return guarded([&] {
    const float* p = copyIn(points, pointsIn);
    nnplay::require(dims >= 1, "dims must be at least 1");
    s.evaluatePoints(p, static_cast<Index>(pointsIn.size()) / dims, dims);
    return evaluation(s);
  });
}
val evaluateFrom(Session& s, int layer, const val& values, int units) {
  return guarded([&] {
    const float* p = copyIn(values, pointsIn);
    nnplay::require(units >= 1, "units must be at least 1");
    s.evaluateFrom(layer, p, static_cast<Index>(pointsIn.size()) / units, units);
    return evaluation(s, layer + 1);
  });
}
// ---- CNN views (session/image_views.h): one call each ----
// {filters, channels, size, weights: view of filters×channels×size×size values, row-major}
val convFilters(const Session& s, int layer) {
  return guarded([&] {
    const nnplay::ConvFilters f = s.convFilters(layer);
    val r = val::object();
    r.set("filters", static_cast<double>(f.filters));
    r.set("channels", static_cast<double>(f.channels));
    r.set("size", static_cast<double>(f.size));
    r.set("weights", view(f.values, f.count()));
    return r;
  });
}
// [{kind, shape: [c, h, w] | [n], values: view}] for every layer, for one image.
val featureMaps(Session& s, const val& image) {
  return guarded([&] {
    const float* p = copyIn(image, pointsIn);
    val layers = val::array();
    const auto maps = s.featureMaps(p, static_cast<Index>(pointsIn.size()));
    for (std::size_t i = 0; i < maps.size(); ++i) {
      val shape = val::array();
      for (int d = 0; d < maps[i].shape.rank; ++d) shape.call<void>("push", static_cast<double>(maps[i].shape[d]));
      val m = val::object();
      m.set("kind", std::string(s.network().layer(static_cast<Index>(i)).kind()));
      m.set("shape", shape);
      m.set("values", view(maps[i].values, maps[i].shape.size()));
      layers.call<void>("push", m);
    }
    return layers;
  });
}

val parameters(Session& s) { return view(s.network().parameters().data(), s.network().parameterCount()); }
val gradients(Session& s) { return view(s.network().gradients().data(), s.network().gradients().size()); }
void setParameters(Session& s, const val& values) {
  guarded([&] {
    const float* v = copyIn(values, pointsIn);
    s.setParameters(v, static_cast<Index>(pointsIn.size()));
  });
}
float getWeight(const Session& s, int layer, int from, int to) { return guarded([&] { return s.weight(layer, from, to); }); }
void setWeight(Session& s, int layer, int from, int to, double value) {
  guarded([&] { s.setWeight(layer, from, to, value); });
}
float getBias(const Session& s, int layer, int neuron) { return guarded([&] { return s.bias(layer, neuron); }); }
void setBias(Session& s, int layer, int neuron, double value) { guarded([&] { s.setBias(layer, neuron, value); }); }

int optimizerSlotCount(const Session& s) { return static_cast<int>(s.optimizer().state().slots.size()); }
std::string optimizerSlotName(const Session& s, int i) {
  return guarded([&] { return s.optimizer().state().slotNames.at(static_cast<std::size_t>(i)); });
}
val optimizerSlot(const Session& s, int i) {
  return guarded([&] {
    const nnplay::Vector& slot = s.optimizer().state().slots.at(static_cast<std::size_t>(i));
    return view(slot.data(), slot.size());
  });
}

int takeSnapshot(Session& s) { return guarded([&] { return s.takeSnapshot(); }); }
void restoreSnapshot(Session& s, int id) { guarded([&] { s.restoreSnapshot(id); }); }
void deleteSnapshot(Session& s, int id) { guarded([&] { s.deleteSnapshot(id); }); }
std::string snapshots(const Session& s) { return guarded([&] { return s.snapshots(); }); }

std::string saveModel(const Session& s) { return guarded([&] { return s.saveModel(); }); }
void loadModel(Session& s, const std::string& text) { guarded([&] { s.loadModel(text); }); }
std::string checkGradients(Session& s) { return guarded([&] { return s.checkGradients(); }); }

// ---- seeing inside training (issue 11): copies, so one call's arrays outlive the next ----
template <typename T>
val copyOut(const T* data, Index n) {
  const char* type = std::is_same_v<T, double> ? "Float64Array" : "Float32Array";
  return val::global(type).new_(emscripten::typed_memory_view(static_cast<std::size_t>(n), data));
}
template <typename V>
val copyOut(const V& v) { return copyOut(v.data(), static_cast<Index>(v.size())); }

// {input, target, loss, outputs: [per layer], deltas: [per layer, empty where fused], gradients, update}
val traceSample(Session& s, int trainIndex) {
  return guarded([&] {
    const nnplay::BackpropTrace t = s.traceSample(trainIndex);
    val outputs = val::array(), deltas = val::array();
    for (std::size_t i = 0; i < t.outputs.size(); ++i) {
      outputs.call<void>("push", copyOut(t.outputs[i]));
      deltas.call<void>("push", copyOut(t.deltas[i]));
    }
    val out = val::object();
    out.set("input", copyOut(t.input));
    out.set("target", copyOut(t.target));
    out.set("loss", t.loss);
    out.set("outputs", outputs);
    out.set("deltas", deltas);
    out.set("gradients", copyOut(t.gradients));
    out.set("update", copyOut(t.update));
    return out;
  });
}
// One call per frame for the backprop view: {gradients, layerNorms, update, step, slots: {name: values}}.
val gradientFrame(Session& s) {
  return guarded([&] {
    val out = val::object();
    out.set("gradients", copyOut(s.network().gradients()));
    out.set("layerNorms", copyOut(s.layerGradientNorms()));
    out.set("update", copyOut(s.previewUpdate()));
    const nnplay::OptimizerState& state = s.optimizer().state();
    out.set("step", static_cast<double>(state.step));
    val slots = val::object();
    for (std::size_t i = 0; i < state.slots.size(); ++i) slots.set(state.slotNames[i], copyOut(state.slots[i]));
    out.set("slots", slots);
    return out;
  });
}

// ---- the perceptron lessons ----
PerceptronSession* newPerceptron(const std::string& gate, double learningRate) {
  return guarded([&]() -> PerceptronSession* { return new PerceptronSession(gate, learningRate); });
}
PerceptronStep perceptronStep(PerceptronSession& p) { return guarded([&] { return p.step(); }); }
PerceptronStep perceptronRunEpoch(PerceptronSession& p) { return guarded([&] { return p.runEpoch(); }); }
PerceptronStep perceptronTrain(PerceptronSession& p, int maxEpochs) { return guarded([&] { return p.train(maxEpochs); }); }
void perceptronReset(PerceptronSession& p) { p.reset(); }
// {epoch, cursor, convergedEpoch, weights: [w1, w2], bias, mistakesPerEpoch: Int32Array view}
val perceptronState(const PerceptronSession& p) {
  val r = val::object();
  r.set("epoch", p.completedEpochs());
  r.set("cursor", static_cast<int>(p.cursor()));
  r.set("convergedEpoch", p.convergedEpoch());
  val w = val::array();
  w.call<void>("push", static_cast<double>(p.perceptron().weights()(0)));
  w.call<void>("push", static_cast<double>(p.perceptron().weights()(1)));
  r.set("weights", w);
  r.set("bias", static_cast<double>(p.perceptron().bias()));
  r.set("mistakesPerEpoch", view(p.mistakesPerEpoch().data(), static_cast<Index>(p.mistakesPerEpoch().size())));
  return r;
}
val perceptronGrid(PerceptronSession& p, int resolution, double xMin, double xMax, double yMin, double yMax) {
  return guarded([&] {
    p.evaluateGrid(resolution, xMin, xMax, yMin, yMax);
    return view(p.output().data(), static_cast<Index>(p.output().size()));
  });
}

// EpochRecord.step is 64-bit; embind has no int64 without BigInt, and steps stay below 2^53.
double recordStep(const EpochRecord& r) { return static_cast<double>(r.step); }
void setRecordStep(EpochRecord& r, double step) { r.step = static_cast<std::int64_t>(step); }


// ---- GAN (issue 14): a Gan driven by web/js/engine.js's GanSession ----
using nnplay::Gan;
using nnplay::GanStepResult;

Gan* newGan(const std::string& settingsJson) {
  return guarded([&]() -> Gan* {
    const nlohmann::json j = nnplay::parseJsonText(settingsJson, "the GAN settings");
    return new Gan(nnplay::ganSettingsFromJson(nnplay::JsonReader(j, "settings")));
  });
}
std::string ganPresetJson(const std::string& name) {
  return guarded([&] { return nnplay::toJson(nnplay::ganPreset(name)).dump(); });
}
val ganResult(const GanStepResult& r) {
  val o = val::object();
  o.set("discriminatorLoss", r.discriminatorLoss);
  o.set("generatorLoss", r.generatorLoss);
  o.set("realScore", r.realScore);
  o.set("fakeScore", r.fakeScore);
  o.set("generatorSteps", static_cast<double>(r.generatorSteps));
  o.set("discriminatorSteps", static_cast<double>(r.discriminatorSteps));
  return o;
}
val ganStepDiscriminator(Gan& g) { return guarded([&] { return ganResult(g.stepDiscriminator()); }); }
val ganStepGenerator(Gan& g) { return guarded([&] { return ganResult(g.stepGenerator()); }); }
val ganStep(Gan& g) { return guarded([&] { return ganResult(g.step()); }); }
val ganTrain(Gan& g, int steps) { return guarded([&] { return ganResult(g.train(steps)); }); }
val ganLast(const Gan& g) { return ganResult(g.last()); }
void ganReset(Gan& g, double seed) {
  guarded([&] {
    if (seed < 0) return g.reset();
    nnplay::require(seed == std::floor(seed) && seed <= 9007199254740991.0, "the seed must be a whole number below 2^53");
    g.reset(static_cast<std::uint64_t>(seed));
  });
}
std::string ganSettings(const Gan& g) { return guarded([&] { return nnplay::toJson(g.settings()).dump(); }); }
void ganSetOptimizer(Gan& g, bool generator, const std::string& json) {
  guarded([&] {
    const nlohmann::json j = nnplay::parseJsonText(json, "the optimizer settings");
    g.setOptimizer(generator, nnplay::optimizerSettingsFromJson(nnplay::JsonReader(j, "optimizer")));
  });
}
void ganSetDiscriminatorSteps(Gan& g, int k) { guarded([&] { g.setDiscriminatorSteps(k); }); }
void ganSetLoss(Gan& g, const std::string& name) { guarded([&] { g.setLoss(nnplay::parseGeneratorLoss(name)); }); }
// points: x1, y1, x2, y2, … (row-major pairs).
void ganSetCustomTarget(Gan& g, const val& points) {
  guarded([&] {
    const float* p = copyIn(points, pointsIn);
    nnplay::require(pointsIn.size() % 2 == 0, "the custom points must be (x, y) pairs");
    const Index n = static_cast<Index>(pointsIn.size() / 2);
    nnplay::Matrix m(n, 2);
    for (Index i = 0; i < n; ++i) {
      m(i, 0) = p[2 * i];
      m(i, 1) = p[2 * i + 1];
    }
    g.setCustomTarget(m);
  });
}
// The real pool, n×2 column-major (all x, then all y).
val ganTargetPoints(const Gan& g) { return view(g.targetPoints().data(), g.targetPoints().size()); }
// Every view of one frame in ONE call; arrays are views (column-major n×2 for points).
val ganEvaluate(Gan& g, int resolution, double xMin, double xMax, double yMin, double yMax, int samples, int lines) {
  return guarded([&] {
    nnplay::GanViewOptions o;
    o.gridResolution = resolution;
    o.xMin = xMin;
    o.xMax = xMax;
    o.yMin = yMin;
    o.yMax = yMax;
    o.samples = samples;
    o.noiseGridLines = lines;
    g.evaluateViews(o);
    val r = val::object();
    r.set("resolution", resolution);
    r.set("probability", view(g.probabilityGrid().data(), g.probabilityGrid().size()));
    r.set("samples", view(g.samples().data(), g.samples().size()));
    r.set("arrows", view(g.arrows().data(), g.arrows().size()));
    r.set("warpedGrid", view(g.warpedGrid().data(), g.warpedGrid().size()));
    r.set("noiseDims", g.settings().noiseDims);
    r.set("gridLines", lines);
    return r;
  });
}
val ganCoverage(Gan& g, int count) {
  return guarded([&] {
    nnplay::require(count >= 1 && count <= 1000000, "give 1 to 1000000 samples");
    const nnplay::ModeCoverage c = g.coverage(count);
    val r = val::object();
    r.set("covered", static_cast<double>(c.covered));
    r.set("modes", static_cast<double>(c.share.size()));
    val share = val::array();
    for (Index m = 0; m < c.share.size(); ++m) share.call<void>("push", static_cast<double>(c.share(m)));
    r.set("share", share);
    r.set("outside", c.outside);
    return r;
  });
}
// Float64Array view: generator step, L_D, L_G, mean D(G(z)) per generator step.
val ganHistory(const Gan& g) { return view(g.history().data(), static_cast<Index>(g.history().size())); }
std::string ganSaveModel(const Gan& g) { return guarded([&] { return g.saveModel(); }); }
void ganLoadModel(Gan& g, const std::string& text) { guarded([&] { g.loadModel(text); }); }
// ---- end GAN ----

// ---- sequences (issue 13): a SequenceSession driven by web/js/engine.js's SequenceSession ----
using nnplay::SequenceSession;

// An independent Float32Array (for values the engine computes into temporaries).
val copyOut(const Scalar* data, Index n) {
  return val::global("Float32Array").new_(emscripten::typed_memory_view(static_cast<std::size_t>(n), data));
}
SequenceSession* newSequenceSession(const std::string& configJson) {
  return guarded([&]() -> SequenceSession* {
    const nlohmann::json j = nnplay::parseJsonText(configJson, "the sequence session config");
    return new SequenceSession(nnplay::sequenceSessionConfigFromJson(nnplay::JsonReader(j, "config")));
  });
}
val sequenceResult(const nnplay::SequenceStepResult& r) {
  val o = val::object();
  o.set("step", static_cast<double>(r.step));
  o.set("loss", r.loss);
  o.set("accuracy", r.accuracy);
  return o;
}
val seqStep(SequenceSession& s) { return guarded([&] { return sequenceResult(s.step()); }); }
val seqTrain(SequenceSession& s, int steps) { return guarded([&] { return sequenceResult(s.train(steps)); }); }
val seqLast(const SequenceSession& s) { return sequenceResult(s.last()); }
val seqEvaluate(SequenceSession& s) {
  return guarded([&] {
    const nnplay::SequenceEvaluation e = s.evaluate();
    val o = val::object();
    o.set("loss", e.loss);
    o.set("accuracy", e.accuracy);
    o.set("mse", e.mse);
    o.set("relativeMse", e.relativeMse);
    return o;
  });
}
void seqReset(SequenceSession& s, double seed) {
  guarded([&] {
    if (seed < 0) return s.reset();
    nnplay::require(seed == std::floor(seed) && seed <= 9007199254740991.0, "the seed must be a whole number below 2^53");
    s.reset(static_cast<std::uint64_t>(seed));
  });
}
std::string seqConfig(const SequenceSession& s) { return guarded([&] { return nnplay::toJson(s.config()).dump(); }); }
std::string seqDescribe(const SequenceSession& s) {
  return guarded([&] { return nnplay::describeSequenceSession(s).dump(); });
}
void seqSetOptimizer(SequenceSession& s, const std::string& json) {
  guarded([&] {
    const nlohmann::json j = nnplay::parseJsonText(json, "the optimizer settings");
    s.setOptimizer(nnplay::optimizerSettingsFromJson(nnplay::JsonReader(j, "optimizer")));
  });
}
// Float64Array view: step, loss, accuracy per training step.
val seqHistory(const SequenceSession& s) { return view(s.history().data(), static_cast<Index>(s.history().size())); }
// Every view of one test sample in ONE call (arrays are copies; attention row-major, query × key).
val seqViews(SequenceSession& s, int sample) {
  return guarded([&] {
    const nnplay::SequenceViews v = s.views(sample);
    val o = val::object();
    o.set("sample", sample);
    o.set("input", copyOut(v.input.data(), v.input.size()));
    o.set("target", copyOut(v.target.data(), v.target.size()));
    o.set("output", copyOut(v.output.data(), v.output.size()));
    val layers = val::array();
    for (const nnplay::SequenceLayerView& l : v.layers) {
      val x = val::object();
      x.set("layer", static_cast<double>(l.layer));
      x.set("kind", l.kind);
      x.set("steps", static_cast<double>(l.steps));
      if (l.attention.empty()) {
        x.set("units", static_cast<double>(l.units));
        val gates = val::array();
        for (const std::string& g : l.gates) gates.call<void>("push", g);
        x.set("gates", gates);
        x.set("hidden", copyOut(l.hidden.data(), l.hidden.size()));
        x.set("gateValues", copyOut(l.gateValues.data(), l.gateValues.size()));
        x.set("gradientNorms", copyOut(l.gradientNorms.data(), l.gradientNorms.size()));
      } else {
        val heads = val::array();
        for (const nnplay::Matrix& a : l.attention) {
          const nnplay::Matrix rowMajor = a.transpose();
          heads.call<void>("push", copyOut(rowMajor.data(), rowMajor.size()));
        }
        x.set("attention", heads);
      }
      layers.call<void>("push", x);
    }
    o.set("layers", layers);
    return o;
  });
}
val seqForecast(SequenceSession& s, int seen, int free) {
  return guarded([&] {
    const nnplay::Vector f = s.forecast(seen, free);
    return copyOut(f.data(), f.size());
  });
}
val seqTestSignal(const SequenceSession& s) {
  return view(s.data().testSignal.data(), s.data().testSignal.size());
}
std::string seqSampleText(SequenceSession& s, const std::string& prompt, int count, double temperature, double seed) {
  return guarded([&] {
    nnplay::require(seed >= 0 && seed == std::floor(seed) && seed <= 9007199254740991.0,
                    "the seed must be a whole number below 2^53");
    return s.sampleText(prompt, count, temperature, static_cast<std::uint64_t>(seed));
  });
}
std::string seqSaveModel(const SequenceSession& s) { return guarded([&] { return s.saveModel(); }); }
void seqLoadModel(SequenceSession& s, const std::string& text, const std::string& corpus) {
  guarded([&] { s.loadModel(text, corpus); });
}
// ---- end sequences ----

}  // namespace

EMSCRIPTEN_BINDINGS(nnplay) {
  using emscripten::allow_raw_pointers;
  using emscripten::function;

  function("version", &version);
  function("schema", &schema);
  function("simdInstructionSets", &simdInstructionSets);
  function("allocatedBytes", &allocatedBytes);
  function("errorKindAddress", &errorKindAddress);
  function("takeErrorMessage", &takeErrorMessage);
  function("newSession", &newSession, allow_raw_pointers());

  emscripten::value_object<BatchResult>("BatchResult")
      .field("epoch", &BatchResult::epoch)
      .field("batch", &BatchResult::batch)
      .field("batchesPerEpoch", &BatchResult::batchesPerEpoch)
      .field("loss", &BatchResult::loss)
      .field("epochCompleted", &BatchResult::epochCompleted);
  emscripten::value_object<EpochRecord>("EpochRecord")
      .field("epoch", &EpochRecord::epoch)
      .field("step", &recordStep, &setRecordStep)
      .field("trainLoss", &EpochRecord::trainLoss)
      .field("testLoss", &EpochRecord::testLoss)
      .field("trainAccuracy", &EpochRecord::trainAccuracy)
      .field("testAccuracy", &EpochRecord::testAccuracy);

  emscripten::value_object<PerceptronStep>("PerceptronStep")
      .field("sample", &PerceptronStep::sample)
      .field("target", &PerceptronStep::target)
      .field("output", &PerceptronStep::output)
      .field("changed", &PerceptronStep::changed)
      .field("epoch", &PerceptronStep::epoch)
      .field("epochCompleted", &PerceptronStep::epochCompleted)
      .field("mistakesInEpoch", &PerceptronStep::mistakesInEpoch)
      .field("converged", &PerceptronStep::converged);
  function("newPerceptron", &newPerceptron, allow_raw_pointers());
  emscripten::class_<PerceptronSession>("PerceptronSession")
      .function("step", &perceptronStep)
      .function("runEpoch", &perceptronRunEpoch)
      .function("train", &perceptronTrain)
      .function("reset", &perceptronReset)
      .function("state", &perceptronState)
      .function("evaluateGrid", &perceptronGrid);

  emscripten::class_<Session>("Session")
      .function("configure", &configure)
      .function("update", &update)
      .function("config", &config)
      .function("describe", &describe)
      .function("setData", &setData)
      .function("dataPoints", &dataPoints)
      .function("dataLabels", &dataLabels)
      .function("stepBatch", &stepBatch)
      .function("stepEpoch", &stepEpoch)
      .function("train", &train)
      .function("reset", &reset)
      .function("resetWithSeed", &resetWithSeed)
      .function("evaluate", &evaluate)
      .function("history", &history)
      .function("epoch", &epoch)
      .function("step", &step)
      .function("batchCursor", &batchCursor)
      .function("batchesPerEpoch", &batchesPerEpoch)
      .function("evaluateGrid", &evaluateGrid)
      .function("evaluatePoints", &evaluatePoints)
      .function("evaluateFrom", &evaluateFrom)
      .function("convFilters", &convFilters)
      .function("featureMaps", &featureMaps)
      .function("parameters", &parameters)
      .function("gradients", &gradients)
      .function("setParameters", &setParameters)
      .function("getWeight", &getWeight)
      .function("setWeight", &setWeight)
      .function("getBias", &getBias)
      .function("setBias", &setBias)
      .function("optimizerSlotCount", &optimizerSlotCount)
      .function("optimizerSlotName", &optimizerSlotName)
      .function("optimizerSlot", &optimizerSlot)
      .function("takeSnapshot", &takeSnapshot)
      .function("restoreSnapshot", &restoreSnapshot)
      .function("deleteSnapshot", &deleteSnapshot)
      .function("snapshots", &snapshots)
      .function("saveModel", &saveModel)
      .function("loadModel", &loadModel)
      .function("checkGradients", &checkGradients)
      .function("traceSample", &traceSample)
      .function("gradientFrame", &gradientFrame);

  // ---- GAN (issue 14) ----
  function("newGan", &newGan, allow_raw_pointers());
  function("ganPresetJson", &ganPresetJson);
  emscripten::class_<Gan>("Gan")
      .function("stepDiscriminator", &ganStepDiscriminator)
      .function("stepGenerator", &ganStepGenerator)
      .function("step", &ganStep)
      .function("train", &ganTrain)
      .function("last", &ganLast)
      .function("reset", &ganReset)
      .function("settings", &ganSettings)
      .function("setOptimizer", &ganSetOptimizer)
      .function("setDiscriminatorSteps", &ganSetDiscriminatorSteps)
      .function("setLoss", &ganSetLoss)
      .function("setCustomTarget", &ganSetCustomTarget)
      .function("targetPoints", &ganTargetPoints)
      .function("evaluate", &ganEvaluate)
      .function("coverage", &ganCoverage)
      .function("history", &ganHistory)
      .function("saveModel", &ganSaveModel)
      .function("loadModel", &ganLoadModel);

  // ---- sequences (issue 13) ----
  function("newSequenceSession", &newSequenceSession, allow_raw_pointers());
  emscripten::class_<SequenceSession>("SequenceSession")
      .function("step", &seqStep)
      .function("train", &seqTrain)
      .function("last", &seqLast)
      .function("evaluate", &seqEvaluate)
      .function("reset", &seqReset)
      .function("config", &seqConfig)
      .function("describe", &seqDescribe)
      .function("setOptimizer", &seqSetOptimizer)
      .function("history", &seqHistory)
      .function("views", &seqViews)
      .function("forecast", &seqForecast)
      .function("testSignal", &seqTestSignal)
      .function("sampleText", &seqSampleText)
      .function("saveModel", &seqSaveModel)
      .function("loadModel", &seqLoadModel);
}
