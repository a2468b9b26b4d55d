#include "session/session_config.h"

#include "core/error.h"
#include "io/spec_json.h"
#include "training/targets.h"

namespace nnplay {

using nlohmann::json;

SessionConfig defaultSessionConfig() {
  SessionConfig c;
  c.data.generated.kind = DatasetKind::Circle;
  c.data.generated.points = 300;
  c.data.generated.noise = 0.1;
  return c;
}

namespace {

Loss lossFor(Activation output) {
  switch (output) {
    case Activation::Sigmoid: return Loss::BinaryCrossEntropy;
    case Activation::Softmax: return Loss::CategoricalCrossEntropy;
    default: return Loss::MeanSquaredError;
  }
}

DataConfig dataFromJson(const JsonReader& r, DataConfig d) {
  r.requireObject();
  if (r.has("source")) {
    const std::string s = r.at("source").text();
    if (s == "generated") d.source = DataConfig::Source::Generated;
    else if (s == "custom") d.source = DataConfig::Source::Custom;
    else r.at("source").fail("must be \"generated\" or \"custom\", found \"" + s + "\"");
  }
  DatasetOptions& g = d.generated;
  if (r.has("kind")) g.kind = parseNamed(r.at("kind"), parseDatasetKind);
  g.points = r.integer("points", g.points, 4, 100000);
  g.noise = r.number("noise", g.noise, 0, 1);
  g.classes = static_cast<int>(r.integer("classes", g.classes, 2, 8));
  g.seed = static_cast<std::uint64_t>(r.integer("seed", static_cast<std::int64_t>(g.seed), 0, kMaxSeed));
  d.testFraction = r.number("testFraction", d.testFraction, 0, 0.9);
  if (r.has("features")) {
    const JsonReader f = r.at("features");
    d.features.clear();
    for (std::size_t i = 0; i < f.arraySize(); ++i) d.features.push_back(parseNamed(f.at(i), parseFeature));
    try {
      validateFeatures(d.features);
    } catch (const InvalidArgument& e) {
      f.fail(std::string("is not usable: ") + e.what());
    }
  }
  if (r.has("task")) {
    const std::string t = r.at("task").text();
    if (t != "auto" && t != "autoencoder") r.at("task").fail("must be \"auto\" or \"autoencoder\", found \"" + t + "\"");
    d.autoencoder = t == "autoencoder";
  }
  return d;
}

NetworkConfig networkFromJson(const JsonReader& r, NetworkConfig n) {
  r.requireObject();
  if (r.has("layers")) {
    const JsonReader layers = r.at("layers");
    n.layers.clear();
    for (std::size_t i = 0; i < layers.arraySize(); ++i) n.layers.push_back(layerSpecFromJson(layers.at(i)));
    if (n.layers.empty()) layers.fail("is empty: a network needs at least one layer");
    n.loss = parseNamed(r.at("loss"), parseLoss);
    n.inputShape.reset();
    if (r.has("inputShape")) n.inputShape = shapeFromJson(r.at("inputShape"));
  } else {
    if (r.has("inputShape")) r.at("inputShape").fail("needs an explicit layer stack (network.layers)");
    n.layers.clear();
    n.inputShape.reset();
    if (r.has("hidden")) {
      const JsonReader hidden = r.at("hidden");
      n.hidden.clear();
      for (std::size_t i = 0; i < hidden.arraySize(); ++i) {
        const JsonReader h = hidden.at(i);
        h.requireObject();
        HiddenLayerOptions o;
        o.units = h.at("units").integer(1, 100000);
        o.activation = h.has("activation") ? parseNamed(h.at("activation"), parseActivation) : Activation::Tanh;
        o.dropoutRate = h.number("dropout", 0, 0, 0.99);
        o.batchNorm = h.boolean("batchNorm", false);
        n.hidden.push_back(o);
      }
    }
    if (r.has("output")) {
      const JsonReader o = r.at("output");
      o.requireObject();
      const std::string a = o.text("activation", "auto");
      n.outputActivation = a == "auto" ? std::nullopt : std::optional<Activation>(parseNamed(o.at("activation"), parseActivation));
      const std::string l = o.text("loss", "auto");
      n.loss = l == "auto" ? std::nullopt : std::optional<Loss>(parseNamed(o.at("loss"), parseLoss));
    }
  }
  if (r.has("initializer")) n.initializer = parseNamed(r.at("initializer"), parseInitializer);
  n.seed = static_cast<std::uint64_t>(r.integer("seed", static_cast<std::int64_t>(n.seed), 0, kMaxSeed));
  return n;
}

}  // namespace

SessionConfig sessionConfigFromJson(const json& doc) {
  const JsonReader r(doc, "");
  r.requireObject();
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& k = it.key();
    if (k != "data" && k != "network" && k != "optimizer" && k != "training") {
      throw InvalidArgument("unknown setting \"" + k + "\": the sections are data, network, optimizer and training");
    }
  }
  SessionConfig c = defaultSessionConfig();
  if (r.has("data")) c.data = dataFromJson(r.at("data"), c.data);
  if (r.has("network")) c.network = networkFromJson(r.at("network"), c.network);
  if (r.has("optimizer")) c.optimizer = optimizerSettingsFromJson(r.at("optimizer"));
  if (r.has("training")) c.training = trainingSettingsFromJson(r.at("training"));
  return c;
}

json toJson(const SessionConfig& c) {
  json features = json::array();
  for (Feature f : c.data.features) features.push_back(featureName(f));
  json data = toJson(c.data.generated);
  data["source"] = c.data.source == DataConfig::Source::Generated ? "generated" : "custom";
  data["testFraction"] = c.data.testFraction;
  data["features"] = features;
  data["task"] = c.data.autoencoder ? "autoencoder" : "auto";

  json network;
  if (!c.network.layers.empty()) {
    json layers = json::array();
    for (const LayerSpec& l : c.network.layers) layers.push_back(toJson(l));
    network["layers"] = layers;
    network["loss"] = lossName(c.network.loss.value_or(Loss::MeanSquaredError));
    if (c.network.inputShape) network["inputShape"] = toJson(*c.network.inputShape);
  } else {
    json hidden = json::array();
    for (const HiddenLayerOptions& h : c.network.hidden) {
      hidden.push_back({{"units", h.units},
                        {"activation", activationName(h.activation)},
                        {"dropout", h.dropoutRate},
                        {"batchNorm", h.batchNorm}});
    }
    network["hidden"] = hidden;
    network["output"] = {
        {"activation", c.network.outputActivation ? activationName(*c.network.outputActivation) : "auto"},
        {"loss", c.network.loss ? lossName(*c.network.loss) : "auto"}};
  }
  network["initializer"] = initializerName(c.network.initializer);
  network["seed"] = c.network.seed;
  return {{"data", data}, {"network", network}, {"optimizer", toJson(c.optimizer)}, {"training", toJson(c.training)}};
}

NetworkSpec buildNetworkSpec(const NetworkConfig& n, Index inputs, int classes, bool autoencoder) {
  if (!n.layers.empty()) {
    NetworkSpec spec;
    spec.input = n.inputShape.value_or(Shape::features(inputs));
    if (spec.input.size() != inputs) {
      throw InvalidArgument("network.inputShape " + spec.input.toString() + " describes " +
                            std::to_string(spec.input.size()) + " values per point, but the data gives " +
                            std::to_string(inputs));
    }
    spec.layers = n.layers;
    spec.loss = n.loss.value_or(Loss::MeanSquaredError);
    spec.initializer = n.initializer;
    spec.seed = n.seed;
    return spec;
  }
  OutputHead head = defaultOutputHead(classes);
  if (autoencoder) head = {inputs, Activation::Sigmoid, Loss::MeanSquaredError};
  if (n.outputActivation) {
    head.activation = *n.outputActivation;
    head.loss = lossFor(head.activation);
    // Softmax over a single output is always 1: a two-class problem then needs two outputs.
    if (head.activation == Activation::Softmax && classes == 2 && !autoencoder) head.outputs = 2;
  }
  if (n.loss) head.loss = *n.loss;
  return mlpSpec(inputs, n.hidden, head.outputs, head.activation, head.loss, n.seed, n.initializer);
}

}  // namespace nnplay
