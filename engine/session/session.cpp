#include "session/session.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "diagnostics/gradient_check.h"
#include "io/json_reader.h"
#include "io/model_io.h"
#include "io/spec_json.h"
#include "layers/activation_layer.h"
#include "optimizers/update_preview.h"
#include "session/parameter_editing.h"
#include "session/session_data.h"
#include "training/targets.h"

namespace nnplay {

using nlohmann::json;

Session::Session() : Session(std::string("{}")) {}

Session::Session(const std::string& configJson) { configure(configJson); }

Session::~Session() = default;

bool Session::commit(std::unique_ptr<SessionBuild> build) {
  // Nothing below throws: the order keeps the trainer's references valid.
  SessionParts& next = build->parts;
  parts_.trainer.reset();
  if (next.network) parts_.network = std::move(next.network);
  if (next.optimizer) parts_.optimizer = std::move(next.optimizer);
  else parts_.optimizer->updateSettings(next.config.optimizer);
  parts_.trainer = std::move(next.trainer);
  parts_.config = std::move(next.config);
  parts_.raw = std::move(next.raw);
  parts_.rawSplit = std::move(next.rawSplit);
  views_.bind(*parts_.network, parts_.raw.points.cols(), parts_.config.data.features);
  if (build->networkRebuilt) snapshots_.clear();
  return build->networkRebuilt;
}

bool Session::configure(const std::string& text) {
  const SessionConfig next = sessionConfigFromJson(parseJsonText(text, "the configuration"));
  return commit(buildSession(parts_.network ? &parts_ : nullptr, next, nullptr, KeepNetwork::No));
}

bool Session::update(const std::string& patchText) {
  json current = toJson(parts_.config);
  const json patch = parseJsonText(patchText, "the settings change");
  require(patch.is_object(), "the settings change must be a JSON object");
  current.merge_patch(patch);
  // Switching between hidden-block and explicit-layer forms: the patch decides.
  if (patch.contains("network") && patch["network"].is_object()) {
    const json& pn = patch["network"];
    if (pn.contains("hidden") || pn.contains("output")) {
      current["network"].erase("layers");
      current["network"].erase("inputShape");
    }
    if (pn.contains("layers")) {
      current["network"].erase("hidden");
      current["network"].erase("output");
    }
  }
  return commit(buildSession(&parts_, sessionConfigFromJson(current), nullptr, KeepNetwork::No));
}

std::string Session::config() const { return toJson(parts_.config).dump(); }

std::string Session::describe() const {
  const Network& net = *parts_.network;
  json layers = json::array();
  for (Index i = 0; i < net.layerCount(); ++i) {
    const Layer& l = net.layer(i);
    json j = {{"kind", l.kind()},
              {"inputs", l.inputWidth()},
              {"outputs", l.outputWidth()},
              {"parameterOffset", net.parameterOffset(i)},
              {"parameterCount", l.parameterCount()},
              {"stateOffset", net.stateOffset(i)},
              {"stateCount", l.stateCount()}};
    if (l.is("activation")) j["activation"] = activationName(static_cast<const ActivationLayer&>(l).activation());
    layers.push_back(j);
  }
  json neurons = json::array();
  for (Index i = 0; i < views_.neuronLayerCount(); ++i) {
    const NeuronLayer& n = views_.neuronLayer(i);
    neurons.push_back({{"denseLayer", n.denseLayer}, {"outputLayer", n.outputLayer}, {"inputs", n.inputs},
                       {"units", n.units}, {"activation", activationName(n.activation)},
                       {"weightOffset", n.weightOffset}, {"biasOffset", n.biasOffset}});
  }
  const SessionConfig& config = parts_.config;
  json features = json::array();
  if (usesFeatures(parts_.raw))
    for (Feature f : config.data.features) features.push_back(featureName(f));
  const bool generated = config.data.source == DataConfig::Source::Generated;
  const Bounds b = generated ? datasetBounds(config.data.generated.kind) : Bounds{-6, 6, -6, 6};
  json slots = json::array();
  for (const std::string& s : parts_.optimizer->state().slotNames) slots.push_back(s);
  const Trainer& trainer = *parts_.trainer;
  return json{{"inputs", net.inputWidth()},
              {"dimensions", parts_.raw.points.cols()},
              {"features", features},
              {"outputs", net.outputWidth()},
              {"classes", parts_.raw.classes},
              {"task", taskName(config.data, parts_.raw.classes)},
              {"outputActivation", activationName(net.outputActivation())},
              {"loss", lossName(net.spec().loss)},
              {"decisionThreshold", decisionThreshold(net.outputActivation())},
              {"layers", layers},
              {"neuronLayers", neurons},
              {"parameterCount", net.parameterCount()},
              {"stateCount", net.state().size()},
              {"trainSize", trainer.trainSet().size()},
              {"testSize", trainer.testSet().size()},
              {"bounds", {{"xMin", b.xMin}, {"xMax", b.xMax}, {"yMin", b.yMin}, {"yMax", b.yMax}}},
              {"optimizerSlots", slots},
              {"batchesPerEpoch", trainer.batchesPerEpoch()}}
      .dump();
}

void Session::setCustomData(const float* points, const float* labels, Index n, Index dims, int classes,
                            bool keepNetwork) {
  Dataset d = customDataset(points, labels, n, dims, classes);
  commit(buildSession(&parts_, parts_.config, &d, keepNetwork ? KeepNetwork::IfItFits : KeepNetwork::No));
}

// ---- training ----

BatchResult Session::stepBatch() { return parts_.trainer->stepBatch(); }

EpochRecord Session::stepEpoch() { return parts_.trainer->stepEpoch(); }

int Session::train(int maxBatches) {
  require(maxBatches >= 1, "the number of batches must be at least 1");
  int epochs = 0;
  for (int i = 0; i < maxBatches; ++i) epochs += parts_.trainer->stepBatch().epochCompleted ? 1 : 0;
  return epochs;
}

void Session::reset() { reset(parts_.config.network.seed); }

void Session::reset(std::uint64_t seed) {
  require(seed <= static_cast<std::uint64_t>(kMaxSeed), "the seed must be below 2^53");
  parts_.network->initialize(seed);
  parts_.config.network.seed = seed;
  parts_.optimizer->reset();
  parts_.trainer->resetProgress();
  snapshots_.clear();
  views_.invalidate();
}

// ---- evaluation ----

void Session::evaluateGrid(int resolution, double xMin, double xMax, double yMin, double yMax) {
  views_.evaluateGrid(resolution, xMin, xMax, yMin, yMax);
}

void Session::evaluatePoints(const float* points, Index n, Index dims) { views_.evaluatePoints(points, n, dims); }

std::vector<LayerOutputView> Session::featureMaps(const float* image, Index dims) {
  evaluatePoints(image, 1, dims);
  return layerOutputsOfOneRow(*parts_.network);
}

void Session::evaluateFrom(Index layer, const float* values, Index n, Index units) {
  views_.evaluateFrom(layer, values, n, units);
}

// ---- editing ----

Index Session::checkedWeightIndex(Index layer, Index from, Index to) const {
  return weightIndex(views_.neuronLayer(layer), layer, from, to);
}

Scalar Session::weight(Index layer, Index from, Index to) const {
  return parts_.network->parameters()(checkedWeightIndex(layer, from, to));
}

void Session::setWeight(Index layer, Index from, Index to, double value) {
  requireEditableValue(value, "weight");
  parts_.network->parameters()(checkedWeightIndex(layer, from, to)) = static_cast<Scalar>(value);
}

Scalar Session::bias(Index layer, Index neuron) const {
  checkedWeightIndex(layer, 0, neuron);
  return parts_.network->parameters()(views_.neuronLayer(layer).biasOffset + neuron);
}

void Session::setBias(Index layer, Index neuron, double value) {
  requireEditableValue(value, "bias");
  checkedWeightIndex(layer, 0, neuron);
  parts_.network->parameters()(views_.neuronLayer(layer).biasOffset + neuron) = static_cast<Scalar>(value);
}

void Session::setParameters(const float* values, Index n) { setAllParameters(*parts_.network, values, n); }

// ---- snapshots ----

int Session::takeSnapshot() { return snapshots_.take(*parts_.network, *parts_.optimizer, *parts_.trainer); }

void Session::restoreSnapshot(int id) {
  snapshots_.restore(id, *parts_.network, *parts_.optimizer, *parts_.trainer);
  views_.invalidate();
}

void Session::deleteSnapshot(int id) { snapshots_.remove(id); }

std::string Session::snapshots() const { return snapshots_.listJson(); }

// ---- model files ----

std::string Session::saveModel() const {
  ModelFile m = captureModel(*parts_.network, *parts_.optimizer, parts_.trainer.get(), parts_.config.training);
  json session = {{"config", toJson(parts_.config)}};
  if (parts_.config.data.source == DataConfig::Source::Custom) session["customData"] = customDataJson(parts_.raw);
  m.session = session;
  return writeModel(m);
}

void Session::loadModel(const std::string& text) {
  const ModelFile m = readModel(text);
  std::unique_ptr<SessionBuild> built;
  try {
    if (m.session.is_null() || !m.session.contains("config")) {
      throw InvalidArgument("it has no playground settings (the \"session\" section)");
    }
    const JsonReader session(m.session, "session");
    SessionConfig config = sessionConfigFromJson(m.session["config"]);
    config.training = m.training;
    config.optimizer = m.optimizer;
    const bool hasCustom = session.has("customData");
    Dataset custom = hasCustom ? customDataFromJson(session.at("customData")) : Dataset{};
    built = buildSession(&parts_, config, hasCustom ? &custom : nullptr, KeepNetwork::No);
    SessionParts& p = built->parts;
    if (!p.network) p.network = std::make_unique<Network>(parts_.network->spec());
    // Same layers with another seed is fine (the parameters replace the initial weights).
    NetworkSpec mine = p.network->spec(), theirs = m.network;
    mine.seed = theirs.seed;
    if (mine != theirs) throw InvalidArgument("its network does not match its playground settings");
    built->networkRebuilt = true;
    p.optimizer = Optimizer::create(m.optimizer, p.network->parameterCount());
    applyModel(m, *p.network, *p.optimizer);
    p.trainer = std::make_unique<Trainer>(*p.network, *p.optimizer, p.trainer->trainSet(), p.trainer->testSet(),
                                          m.training);
    if (m.progress) p.trainer->restoreProgress(*m.progress);
  } catch (const ModelFormatError&) {
    throw;
  } catch (const Error& e) {
    throw ModelFormatError(std::string("model file: ") + e.what());
  }
  commit(std::move(built));
}

// ---- diagnostics ----

std::string Session::checkGradients() {
  Network& net = *parts_.network;
  const Dataset& train = parts_.trainer->trainSet();
  const Index n = std::min<Index>(16, train.size());
  const Matrix x = train.points.topRows(n);
  const Matrix t = encodeTargets(train, train.classes, net.outputWidth(), net.outputActivation()).topRows(n);
  const Vector savedState = net.state();
  GradientCheckOptions o;
  o.step = sizeof(Scalar) == 4 ? 1e-2 : 1e-5;
  // In float32, central differences of gradients below ~1e-3 are mostly rounding noise:
  // treat them as ~0 so a correct network does not look wrong to a learner.
  o.floor = sizeof(Scalar) == 4 ? 1e-3 : 1e-7;
  o.mode = Mode::Eval;
  o.checkInputs = false;
  const GradientCheckResult r = nnplay::checkGradients(net, x, t, o);
  net.state() = savedState;
  views_.invalidate();
  return json{{"maxRelativeError", r.maxRelativeError}, {"maxAbsoluteError", r.maxAbsoluteError},
              {"checked", r.checked}, {"worst", r.worst}, {"precision", sizeof(Scalar) == 4 ? "float32" : "float64"}}
      .dump();
}

BackpropTrace Session::traceSample(Index trainIndex) {
  Network& net = *parts_.network;
  const Dataset& train = parts_.trainer->trainSet();
  require(trainIndex >= 0 && trainIndex < train.size(), "training point " + std::to_string(trainIndex) +
                                                            " does not exist (there are " + std::to_string(train.size()) + ")");
  const Matrix x = train.points.row(trainIndex);
  Matrix t;
  if (train.targetsArePoints) t = x;
  else if (train.targets.size() > 0) t = train.targets.row(trainIndex);
  else t = encodeTargets(Vector(train.labels.segment(trainIndex, 1)), train.classes, net.outputWidth(),
                         net.outputActivation());
  views_.invalidate();  // the trace's forward replaced the evaluation buffers
  return traceBackprop(net, *parts_.optimizer, x, t);
}

Vector Session::previewUpdate() {
  const Network& net = *parts_.network;
  return nnplay::previewUpdate(*parts_.optimizer, net.parameters(), net.gradients(), net.decayMask());
}

}  // namespace nnplay
