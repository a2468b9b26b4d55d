#include "session/session.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/limits.h"
#include "diagnostics/gradient_check.h"
#include "io/json_reader.h"
#include "io/spec_json.h"
#include "layers/activation_layer.h"
#include "training/targets.h"

namespace nnplay {

using nlohmann::json;

namespace {

// Values one forward pass of `rows` rows keeps (the input and every layer's output).
double forwardValues(const Network& net, Index rows, Index firstLayer = 0) {
  double width = static_cast<double>(net.layer(firstLayer).inputWidth());
  for (Index i = firstLayer; i < net.layerCount(); ++i) width += static_cast<double>(net.layer(i).outputWidth());
  return width * static_cast<double>(rows);
}

// Refuses an evaluation or a batch beyond kMaxForwardValues before its buffers grow.
void requireForwardFits(double values, const std::string& what) {
  if (values > static_cast<double>(kMaxForwardValues)) {
    throw InvalidArgument(what + " through this network needs " + formatNumber(values) +
                          " values; the engine allows at most " + std::to_string(kMaxForwardValues) +
                          " (use fewer points, a lower resolution or a smaller network)");
  }
}

}  // namespace

struct Session::Snapshot {
  Vector parameters, state;
  Rng::State dropoutRng;
  OptimizerState optimizerState;
  Trainer::Progress progress;
};

// Everything a configuration change produces, built aside and committed only when complete.
struct Session::Built {
  SessionConfig config;
  Dataset raw;
  DataSplit rawSplit;
  std::unique_ptr<Network> network;      // null: keep the current one
  std::unique_ptr<Optimizer> optimizer;  // null: keep the current one
  std::unique_ptr<Trainer> trainer;
  bool networkRebuilt = false;
};

namespace {

// Features turn 2-D points into the network's inputs; other data goes in as it is.
bool usesFeatures(const Dataset& raw) { return raw.points.cols() == 2; }

// The network's view of a raw part: 2-D points become the chosen features (a new matrix);
// other data goes in as it is, moved rather than copied (Fashion-MNIST is 31 MB a copy).
Dataset withFeatures(Dataset& raw, const DataConfig& data) {
  Dataset d;
  d.classes = raw.classes;
  d.labels = raw.labels;
  if (usesFeatures(raw)) {
    d.points.resize(raw.size(), static_cast<Index>(data.features.size()));
    applyFeatures(data.features, raw.points, d.points);
  } else {
    d.points = std::move(raw.points);
    raw.points.resize(0, d.points.cols());
  }
  d.targetsArePoints = data.autoencoder;
  return d;
}

std::vector<NeuronLayer> findNeuronLayers(const Network& net) {
  std::vector<NeuronLayer> out;
  for (Index i = 0; i < net.layerCount(); ++i) {
    const Layer& l = net.layer(i);
    if (l.is("dense")) {
      NeuronLayer n;
      n.denseLayer = n.outputLayer = i;
      n.inputs = l.inputWidth();
      n.units = l.outputWidth();
      n.weightOffset = net.parameterOffset(i);
      n.biasOffset = n.weightOffset + n.inputs * n.units;
      out.push_back(n);
    } else if (l.is("activation") && !out.empty()) {
      // The group's output is its activation (dropout is the identity when drawing).
      out.back().outputLayer = i;
      out.back().activation = static_cast<const ActivationLayer&>(l).activation();
    } else if (l.is("batch_norm") && !out.empty() &&
               out.back().outputLayer == out.back().denseLayer) {
      out.back().outputLayer = i;
    }
  }
  return out;
}

}  // namespace

Session::Session() : Session(std::string("{}")) {}

Session::Session(const std::string& configJson) { configure(configJson); }

Session::~Session() = default;

std::unique_ptr<Session::Built> Session::prepare(const SessionConfig& next, Dataset* custom, Keep keep) const {
  auto b = std::make_unique<Built>();
  b->config = next;
  const DataConfig& data = next.data;

  // 1. The data set, regenerated only when its settings changed.
  bool dataChanged = true;
  if (custom) {
    b->raw = std::move(*custom);
    b->config.data.source = DataConfig::Source::Custom;
  } else if (data.source == DataConfig::Source::Generated) {
    const bool same = network_ && config_.data.source == DataConfig::Source::Generated &&
                      toJson(config_.data.generated) == toJson(data.generated);
    if (same) {
      b->raw = raw_;
      dataChanged = false;
    } else {
      b->raw = generateDataset(data.generated);
    }
  } else {
    require(network_ && config_.data.source == DataConfig::Source::Custom,
            "data.source is \"custom\" but no custom points were given: add points first");
    b->raw = raw_;
    dataChanged = false;
  }
  if (network_ && (data.testFraction != config_.data.testFraction ||
                   data.generated.seed != config_.data.generated.seed)) {
    dataChanged = true;
  }
  b->rawSplit = splitDataset(b->raw, data.testFraction, data.generated.seed);
  const bool keepRaw = usesFeatures(b->raw);  // else the trainer's sets are the raw points
  Dataset train = withFeatures(b->rawSplit.train, data);
  Dataset test = withFeatures(b->rawSplit.test, data);

  // 2. The network: rebuilt when its layers differ or the data changed (unless kept).
  if (!keepRaw) b->rawSplit = DataSplit{};
  const NetworkSpec spec = buildNetworkSpec(next.network, train.points.cols(), b->raw.classes, data.autoencoder);
  const bool sameShape = network_ && toJson(spec) == toJson(network_->spec());
  b->networkRebuilt = !sameShape || (dataChanged && keep != Keep::NetworkIfFits) ||
                      data.features != config_.data.features || data.autoencoder != config_.data.autoencoder;
  if (b->networkRebuilt) b->network = std::make_unique<Network>(spec);
  Network& net = b->network ? *b->network : *network_;

  // 3. The optimizer: new with a new network or kind, else the same one with new settings.
  next.optimizer.validate();
  if (b->networkRebuilt || next.optimizer.kind != optimizer_->settings().kind) {
    b->optimizer = Optimizer::create(next.optimizer, net.parameterCount());
  }
  Optimizer& opt = b->optimizer ? *b->optimizer : *optimizer_;

  // A training step keeps the batch's outputs and their gradients (2 values per output).
  const auto batchRows = static_cast<Index>(std::min<std::int64_t>(next.training.batchSize, train.size()));
  requireForwardFits(2 * forwardValues(net, batchRows),
                     "a batch of " + std::to_string(batchRows) + " points");

  // 4. The trainer (cheap), carrying the progress over when the network is kept.
  b->trainer = std::make_unique<Trainer>(net, opt, std::move(train), std::move(test), next.training);
  if (!b->networkRebuilt) {
    Trainer::Progress p = trainer_->progress();
    if (dataChanged || p.order.size() != static_cast<std::size_t>(b->trainer->trainSet().size())) {
      p.order.resize(static_cast<std::size_t>(b->trainer->trainSet().size()));
      for (std::size_t i = 0; i < p.order.size(); ++i) p.order[i] = static_cast<Index>(i);
      p.cursor = 0;
    }
    if (next.training.batchSize != config_.training.batchSize || p.cursor >= b->trainer->batchesPerEpoch()) {
      p.cursor = 0;
    }
    b->trainer->restoreProgress(p);
  }
  return b;
}

bool Session::commit(std::unique_ptr<Built> b) {
  // Nothing below throws: the order keeps the trainer's references valid.
  trainer_.reset();
  if (b->network) network_ = std::move(b->network);
  if (b->optimizer) optimizer_ = std::move(b->optimizer);
  else optimizer_->updateSettings(b->config.optimizer);
  trainer_ = std::move(b->trainer);
  config_ = std::move(b->config);
  raw_ = std::move(b->raw);
  rawSplit_ = std::move(b->rawSplit);
  neuronLayers_ = findNeuronLayers(*network_);
  evaluatedRows_ = 0;
  if (b->networkRebuilt) snapshots_.clear();
  return b->networkRebuilt;
}

bool Session::configure(const std::string& text) {
  const SessionConfig next = sessionConfigFromJson(parseJsonText(text, "the configuration"));
  return commit(prepare(next, nullptr, Keep::Nothing));
}

bool Session::update(const std::string& patchText) {
  json current = toJson(config_);
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
  return commit(prepare(sessionConfigFromJson(current), nullptr, Keep::Nothing));
}

std::string Session::config() const { return toJson(config_).dump(); }

std::string Session::describe() const {
  const Network& net = *network_;
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
  for (const NeuronLayer& n : neuronLayers_) {
    neurons.push_back({{"denseLayer", n.denseLayer}, {"outputLayer", n.outputLayer}, {"inputs", n.inputs},
                       {"units", n.units}, {"activation", activationName(n.activation)},
                       {"weightOffset", n.weightOffset}, {"biasOffset", n.biasOffset}});
  }
  json features = json::array();
  if (usesFeatures(raw_))
    for (Feature f : config_.data.features) features.push_back(featureName(f));
  const int classes = raw_.classes;
  const char* task = config_.data.autoencoder ? "autoencoder"
                     : classes == 0           ? "regression"
                     : classes == 2           ? "binary"
                                              : "multiclass";
  const bool generated = config_.data.source == DataConfig::Source::Generated;
  const Bounds b = generated ? datasetBounds(config_.data.generated.kind) : Bounds{-6, 6, -6, 6};
  json slots = json::array();
  for (const std::string& s : optimizer_->state().slotNames) slots.push_back(s);
  return json{{"inputs", net.inputWidth()},
              {"dimensions", raw_.points.cols()},
              {"features", features},
              {"outputs", net.outputWidth()},
              {"classes", classes},
              {"task", task},
              {"outputActivation", activationName(net.outputActivation())},
              {"loss", lossName(net.spec().loss)},
              {"decisionThreshold", decisionThreshold(net.outputActivation())},
              {"layers", layers},
              {"neuronLayers", neurons},
              {"parameterCount", net.parameterCount()},
              {"stateCount", net.state().size()},
              {"trainSize", trainer_->trainSet().size()},
              {"testSize", trainer_->testSet().size()},
              {"bounds", {{"xMin", b.xMin}, {"xMax", b.xMax}, {"yMin", b.yMin}, {"yMax", b.yMax}}},
              {"optimizerSlots", slots},
              {"batchesPerEpoch", trainer_->batchesPerEpoch()}}
      .dump();
}

void Session::setCustomData(const float* points, const float* labels, Index n, Index dims, int classes,
                            bool keepNetwork) {
  require(n >= 1, "add at least one point");
  require(n <= 1000000, "too many points (" + std::to_string(n) + "; at most 1000000)");
  require(dims >= 1 && dims <= 100000, "each point needs 1 to 100000 coordinates, got " + std::to_string(dims));
  require(classes >= 0 && classes <= 1000, "the number of classes must be 0 (regression) to 1000");
  require(static_cast<double>(n) * static_cast<double>(dims) <= static_cast<double>(kMaxDataValues),
          std::to_string(n) + " points of " + std::to_string(dims) + " coordinates are more data than the engine takes (at most " +
              std::to_string(kMaxDataValues) + " coordinates in all)");
  Dataset d;
  d.classes = classes;
  d.points.resize(n, dims);
  d.labels.resize(n);
  for (Index i = 0; i < n; ++i) {
    for (Index c = 0; c < dims; ++c) d.points(i, c) = static_cast<Scalar>(points[i * dims + c]);
    d.labels(i) = static_cast<Scalar>(labels[i]);
  }
  d.validate();
  commit(prepare(config_, &d, keepNetwork ? Keep::NetworkIfFits : Keep::Nothing));
}

BatchResult Session::stepBatch() { return trainer_->stepBatch(); }

EpochRecord Session::stepEpoch() { return trainer_->stepEpoch(); }

int Session::train(int maxBatches) {
  require(maxBatches >= 1, "the number of batches must be at least 1");
  int epochs = 0;
  for (int i = 0; i < maxBatches; ++i) epochs += trainer_->stepBatch().epochCompleted ? 1 : 0;
  return epochs;
}

void Session::reset() { reset(config_.network.seed); }

void Session::reset(std::uint64_t seed) {
  require(seed <= static_cast<std::uint64_t>(kMaxSeed), "the seed must be below 2^53");
  network_->initialize(seed);
  config_.network.seed = seed;
  optimizer_->reset();
  trainer_->resetProgress();
  snapshots_.clear();
  evaluatedRows_ = 0;
}

void Session::evaluateRawPoints(Index rows) {
  const Index dims = raw_.points.cols();
  const MatrixMap points = evalPoints_.view(rows, dims);
  MatrixMap inputs = evalInputs_.view(rows, network_->inputWidth());
  if (usesFeatures(raw_)) {
    applyFeatures(config_.data.features, points, inputs);
  } else {
    inputs = points;
  }
  network_->forward(inputs, Mode::Eval);
  evaluatedRows_ = rows;
}

void Session::evaluateGrid(int resolution, double xMin, double xMax, double yMin, double yMax) {
  require(resolution >= 1 && resolution <= 1024, "the grid resolution must be 1 to 1024, got " + std::to_string(resolution));
  require(std::isfinite(xMin) && std::isfinite(xMax) && std::isfinite(yMin) && std::isfinite(yMax) && xMin < xMax &&
              yMin < yMax,
          "the grid bounds must be finite with xMin < xMax and yMin < yMax");
  require(raw_.points.cols() == 2, "a grid needs 2-D data (this data has " + std::to_string(raw_.points.cols()) +
                                       " coordinates per point)");
  const Index rows = static_cast<Index>(resolution) * resolution;
  requireForwardFits(forwardValues(*network_, rows),
                     "a " + std::to_string(resolution) + "×" + std::to_string(resolution) + " grid");
  MatrixMap points = evalPoints_.view(rows, 2);
  const double dx = (xMax - xMin) / resolution, dy = (yMax - yMin) / resolution;
  // Column 0 repeats the row of x values; column 1 holds each cell row's y (top first).
  for (Index r = 0; r < resolution; ++r) {
    points.col(0).segment(r * resolution, resolution) =
        Vector::LinSpaced(resolution, static_cast<Scalar>(xMin + dx / 2), static_cast<Scalar>(xMax - dx / 2));
    points.col(1).segment(r * resolution, resolution).setConstant(static_cast<Scalar>(yMax - dy * (r + 0.5)));
  }
  evaluateRawPoints(rows);
}

void Session::evaluatePoints(const float* values, Index n, Index dims) {
  require(n >= 1 && n <= 10000000, "give 1 to 10000000 points to evaluate");
  require(dims == raw_.points.cols(), "the points have " + std::to_string(dims) + " coordinates but the data has " +
                                          std::to_string(raw_.points.cols()));
  requireForwardFits(forwardValues(*network_, n) + static_cast<double>(n) * static_cast<double>(dims),
                     std::to_string(n) + " points");
  MatrixMap points = evalPoints_.view(n, dims);
  points = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(values, n, dims)
               .cast<Scalar>();
  evaluateRawPoints(n);
}

std::vector<LayerOutputView> Session::featureMaps(const float* image, Index dims) {
  evaluatePoints(image, 1, dims);
  return layerOutputsOfOneRow(*network_);
}

void Session::evaluateFrom(Index layer, const float* values, Index n, Index units) {
  const NeuronLayer& from = neuronLayer(layer);
  require(from.outputLayer + 1 < network_->layerCount(), "neuron layer " + std::to_string(layer) +
                                                             " is the output layer: nothing comes after it");
  require(units == from.units, "give " + std::to_string(from.units) + " values per point for neuron layer " +
                                   std::to_string(layer) + ", got " + std::to_string(units));
  require(n >= 1 && n <= 10000000, "give 1 to 10000000 points to evaluate");
  requireForwardFits(forwardValues(*network_, n, from.outputLayer + 1), std::to_string(n) + " points");
  MatrixMap points = evalPoints_.view(n, units);
  points = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(values, n, units)
               .cast<Scalar>();
  network_->forwardFrom(from.outputLayer + 1, points, Mode::Eval);
  evaluatedRows_ = n;
}

const Scalar* Session::inputData() const {
  require(evaluatedRows_ > 0, "evaluate a grid or points first");
  return evalInputs_.data();
}

const Scalar* Session::outputData() const {
  require(evaluatedRows_ > 0, "evaluate a grid or points first");
  return network_->layerOutput(network_->layerCount() - 1).data();
}

const NeuronLayer& Session::neuronLayer(Index i) const {
  require(i >= 0 && i < neuronLayerCount(), "neuron layer " + std::to_string(i) + " does not exist (there are " +
                                                std::to_string(neuronLayerCount()) + ")");
  return neuronLayers_[static_cast<std::size_t>(i)];
}

const Scalar* Session::neuronLayerData(Index i) const {
  require(evaluatedRows_ > 0, "evaluate a grid or points first");
  return network_->layerOutput(neuronLayer(i).outputLayer).data();
}

Index Session::checkNeuronIndex(Index layer, Index from, Index to) const {
  const NeuronLayer& n = neuronLayer(layer);
  require(from >= 0 && from < n.inputs, "input " + std::to_string(from) + " does not exist in layer " +
                                            std::to_string(layer) + " (it has " + std::to_string(n.inputs) + " inputs)");
  require(to >= 0 && to < n.units, "neuron " + std::to_string(to) + " does not exist in layer " + std::to_string(layer) +
                                       " (it has " + std::to_string(n.units) + ")");
  return n.weightOffset + to * n.inputs + from;
}

Scalar Session::weight(Index layer, Index from, Index to) const {
  return network_->parameters()(checkNeuronIndex(layer, from, to));
}

void Session::setWeight(Index layer, Index from, Index to, double value) {
  require(std::isfinite(value) && std::fabs(value) < 1e6, "a weight must be a finite number, got " + formatNumber(value));
  network_->parameters()(checkNeuronIndex(layer, from, to)) = static_cast<Scalar>(value);
}

Scalar Session::bias(Index layer, Index neuron) const {
  checkNeuronIndex(layer, 0, neuron);
  return network_->parameters()(neuronLayer(layer).biasOffset + neuron);
}

void Session::setBias(Index layer, Index neuron, double value) {
  require(std::isfinite(value) && std::fabs(value) < 1e6, "a bias must be a finite number, got " + formatNumber(value));
  checkNeuronIndex(layer, 0, neuron);
  network_->parameters()(neuronLayer(layer).biasOffset + neuron) = static_cast<Scalar>(value);
}

void Session::setParameters(const float* values, Index n) {
  require(n == network_->parameterCount(), "expected " + std::to_string(network_->parameterCount()) +
                                               " parameters, got " + std::to_string(n));
  for (Index i = 0; i < n; ++i) {
    require(std::isfinite(values[i]), "parameter " + std::to_string(i) + " is not a finite number");
  }
  network_->parameters() = Eigen::Map<const Eigen::VectorXf>(values, n).cast<Scalar>();
}

int Session::takeSnapshot() {
  require(snapshots_.size() < 1000, "too many snapshots (1000); delete some first");
  double held = 0;
  for (const auto& [id, kept] : snapshots_) {
    held += static_cast<double>(kept.parameters.size() + kept.state.size());
    for (const Vector& slot : kept.optimizerState.slots) held += static_cast<double>(slot.size());
  }
  double needed = static_cast<double>(network_->parameterCount() + network_->state().size());
  for (const Vector& slot : optimizer_->state().slots) needed += static_cast<double>(slot.size());
  require(held + needed <= static_cast<double>(kMaxSnapshotValues),
          "the snapshots would hold more than " + std::to_string(kMaxSnapshotValues) +
              " values (the engine's limit for this network); delete some first");
  Snapshot s{network_->parameters(), network_->state(), network_->dropoutRng().saveState(), optimizer_->state(),
             trainer_->progress()};
  const int id = nextSnapshotId_++;
  snapshots_.emplace(id, std::move(s));
  return id;
}

void Session::restoreSnapshot(int id) {
  auto it = snapshots_.find(id);
  require(it != snapshots_.end(), "snapshot " + std::to_string(id) + " does not exist");
  const Snapshot& s = it->second;
  network_->parameters() = s.parameters;
  network_->state() = s.state;
  network_->dropoutRng().restoreState(s.dropoutRng);
  optimizer_->restoreState(s.optimizerState);
  trainer_->restoreProgress(s.progress);
  evaluatedRows_ = 0;
}

void Session::deleteSnapshot(int id) {
  require(snapshots_.erase(id) == 1, "snapshot " + std::to_string(id) + " does not exist");
}

std::string Session::snapshots() const {
  json list = json::array();
  for (const auto& [id, s] : snapshots_) {
    const double loss = s.progress.history.empty() ? std::nan("") : s.progress.history.back().trainLoss;
    list.push_back({{"id", id}, {"epoch", s.progress.epoch}, {"step", s.optimizerState.step},
                    {"trainLoss", std::isfinite(loss) ? json(loss) : json(nullptr)}});
  }
  return list.dump();
}

std::string Session::saveModel() const {
  ModelFile m = captureModel(*network_, *optimizer_, trainer_.get(), config_.training);
  json session = {{"config", toJson(config_)}};
  if (config_.data.source == DataConfig::Source::Custom) {
    std::vector<double> points, labels;
    for (Index i = 0; i < raw_.size(); ++i) {
      for (Index c = 0; c < raw_.points.cols(); ++c) points.push_back(raw_.points(i, c));
      labels.push_back(raw_.labels(i));
    }
    session["customData"] = {{"dimensions", raw_.points.cols()}, {"classes", raw_.classes},
                             {"points", points}, {"labels", labels}};
  }
  m.session = session;
  return writeModel(m);
}

void Session::loadModel(const std::string& text) {
  const ModelFile m = readModel(text);
  std::unique_ptr<Built> built;
  try {
    if (m.session.is_null() || !m.session.contains("config")) {
      throw InvalidArgument("it has no playground settings (the \"session\" section)");
    }
    const JsonReader session(m.session, "session");
    SessionConfig config = sessionConfigFromJson(m.session["config"]);
    config.training = m.training;
    config.optimizer = m.optimizer;
    Dataset custom;
    const bool hasCustom = session.has("customData");
    if (hasCustom) {
      const JsonReader d = session.at("customData");
      const Index dims = d.at("dimensions").integer(1, 100000);
      custom.classes = static_cast<int>(d.at("classes").integer(0, 1000));
      const JsonReader points = d.at("points"), labels = d.at("labels");
      const Index n = static_cast<Index>(labels.arraySize());
      if (static_cast<Index>(points.arraySize()) != n * dims) points.fail("does not hold dimensions × labels values");
      custom.points.resize(n, dims);
      custom.labels.resize(n);
      for (Index i = 0; i < n; ++i) {
        for (Index c = 0; c < dims; ++c)
          custom.points(i, c) = static_cast<Scalar>(points.at(static_cast<std::size_t>(i * dims + c)).number());
        custom.labels(i) = static_cast<Scalar>(labels.at(static_cast<std::size_t>(i)).number());
      }
      custom.validate();
    }
    built = prepare(config, hasCustom ? &custom : nullptr, Keep::Nothing);
    if (!built->network) built->network = std::make_unique<Network>(network_->spec());
    if (toJson(built->network->spec()) != toJson(m.network)) {
      // Same layers but another seed is fine (the parameters replace the initial weights).
      json a = toJson(built->network->spec()), b = toJson(m.network);
      a.erase("seed");
      b.erase("seed");
      if (a != b) throw InvalidArgument("its network does not match its playground settings");
    }
    built->networkRebuilt = true;
    built->optimizer = Optimizer::create(m.optimizer, built->network->parameterCount());
    applyModel(m, *built->network, *built->optimizer);
    built->trainer = std::make_unique<Trainer>(*built->network, *built->optimizer, built->trainer->trainSet(),
                                               built->trainer->testSet(), m.training);
    if (m.progress) built->trainer->restoreProgress(*m.progress);
  } catch (const ModelFormatError&) {
    throw;
  } catch (const Error& e) {
    throw ModelFormatError(std::string("model file: ") + e.what());
  }
  commit(std::move(built));
}

std::string Session::checkGradients() {
  const Dataset& train = trainer_->trainSet();
  const Index n = std::min<Index>(16, train.size());
  const Matrix x = train.points.topRows(n);
  const Matrix t = encodeTargets(train, train.classes, network_->outputWidth(), network_->outputActivation()).topRows(n);
  const Vector savedState = network_->state();
  GradientCheckOptions o;
  o.step = sizeof(Scalar) == 4 ? 1e-2 : 1e-5;
  // In float32, central differences of gradients below ~1e-3 are mostly rounding noise:
  // treat them as ~0 so a correct network does not look wrong to a learner.
  o.floor = sizeof(Scalar) == 4 ? 1e-3 : 1e-7;
  o.mode = Mode::Eval;
  o.checkInputs = false;
  const GradientCheckResult r = nnplay::checkGradients(*network_, x, t, o);
  network_->state() = savedState;
  evaluatedRows_ = 0;
  return json{{"maxRelativeError", r.maxRelativeError}, {"maxAbsoluteError", r.maxAbsoluteError},
              {"checked", r.checked}, {"worst", r.worst}, {"precision", sizeof(Scalar) == 4 ? "float32" : "float64"}}
      .dump();
}

}  // namespace nnplay
