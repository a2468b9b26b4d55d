#include "session/session_config.h"

#include "core/error.h"
#include "io/spec_json.h"
#include "schema/config_schema.h"
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

// Every field is read through the schema (schema/config_schema.h): unknown keys are refused
// with the list of known ones, ranges and defaults are the schema's.
DataConfig dataFromJson(const JsonReader& r) {
  const json v = readFields(r, dataFields(), "the data");
  DataConfig d;
  d.source = v["source"] == "custom" ? DataConfig::Source::Custom : DataConfig::Source::Generated;
  DatasetOptions& g = d.generated;
  g.kind = parseDatasetKind(v["kind"].get<std::string>());
  g.points = v["points"].get<Index>();
  g.noise = v["noise"].get<double>();
  g.classes = v["classes"].get<int>();
  g.seed = v["seed"].get<std::uint64_t>();
  d.testFraction = v["testFraction"].get<double>();
  d.features.clear();
  for (const auto& name : v["features"]) d.features.push_back(parseFeature(name.get<std::string>()));
  try {
    validateFeatures(d.features);
  } catch (const InvalidArgument& e) {
    r.at("features").fail(std::string("is not usable: ") + e.what());
  }
  d.autoencoder = v["task"] == "autoencoder";
  return d;
}

HiddenLayerOptions hiddenLayerFromJson(const JsonReader& r) {
  const json v = readFields(r, hiddenLayerFields(), "hidden layers");
  HiddenLayerOptions o;
  o.units = v["units"].get<Index>();
  o.activation = parseActivation(v["activation"].get<std::string>());
  o.dropoutRate = v["dropout"].get<double>();
  o.batchNorm = v["batchNorm"].get<bool>();
  return o;
}

NetworkConfig networkFromJson(const JsonReader& r) {
  const json v = readFields(r, networkFields(), "the network", {"hidden", "output", "layers", "loss", "inputShape"});
  NetworkConfig n;
  if (r.has("layers")) {
    const JsonReader layers = r.at("layers");
    for (std::size_t i = 0; i < layers.arraySize(); ++i) n.layers.push_back(layerSpecFromJson(layers.at(i)));
    if (n.layers.empty()) layers.fail("is empty: a network needs at least one layer");
    n.loss = parseNamed(r.at("loss"), parseLoss);
    if (r.has("inputShape")) n.inputShape = shapeFromJson(r.at("inputShape"));
  } else {
    if (r.has("inputShape")) r.at("inputShape").fail("needs an explicit layer stack (network.layers)");
    if (r.has("hidden")) {
      const JsonReader hidden = r.at("hidden");
      n.hidden.clear();
      for (std::size_t i = 0; i < hidden.arraySize(); ++i) n.hidden.push_back(hiddenLayerFromJson(hidden.at(i)));
    }
    if (r.has("output")) {
      const json o = readFields(r.at("output"), outputFields(), "the output layer");
      const std::string a = o["activation"], l = o["loss"];
      n.outputActivation = a == "auto" ? std::nullopt : std::optional<Activation>(parseActivation(a));
      n.loss = l == "auto" ? std::nullopt : std::optional<Loss>(parseLoss(l));
    }
  }
  n.initializer = parseInitializer(v["initializer"].get<std::string>());
  n.seed = v["seed"].get<std::uint64_t>();
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
  if (r.has("data")) c.data = dataFromJson(r.at("data"));
  if (r.has("network")) c.network = networkFromJson(r.at("network"));
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
