#include "io/spec_json.h"

#include "core/error.h"
#include "layers/layer_registry.h"
#include "schema/config_schema.h"

namespace nnplay {

using nlohmann::json;

json toJson(const LayerSpec& l) {
  json j = {{"kind", l.kind}};
  for (auto it = l.params.begin(); it != l.params.end(); ++it) j[it.key()] = it.value();
  return j;
}

json toJson(const Shape& shape) {
  json dims = json::array();
  for (int i = 0; i < shape.rank; ++i) dims.push_back(shape[i]);
  return dims;
}

json toJson(const NetworkSpec& s) {
  json layers = json::array();
  for (const LayerSpec& l : s.layers) layers.push_back(toJson(l));
  json j = {{"layers", layers},
            {"loss", lossName(s.loss)},
            {"initializer", initializerName(s.initializer)},
            {"seed", s.seed}};
  // Flat inputs keep the "inputs" count every earlier model file has.
  if (s.input.rank == 1) j["inputs"] = s.input.size();
  else j["inputShape"] = toJson(s.input);
  return j;
}

json toJson(const OptimizerSettings& o) {
  return {{"kind", optimizerName(o.kind)}, {"learningRate", o.learningRate}, {"momentum", o.momentum},
          {"rho", o.rho}, {"beta1", o.beta1}, {"beta2", o.beta2}, {"epsilon", o.epsilon},
          {"weightDecay", o.weightDecay}};
}

json toJson(const TrainingSettings& t) {
  return {{"batchSize", t.batchSize},
          {"shuffle", t.shuffle},
          {"regularization", regularizationName(t.regularization.kind)},
          {"regularizationRate", t.regularization.rate},
          {"seed", t.seed}};
}

json toJson(const DatasetOptions& d) {
  return {{"kind", datasetName(d.kind)}, {"points", d.points}, {"noise", d.noise}, {"classes", d.classes},
          {"seed", d.seed}};
}

LayerSpec layerSpecFromJson(const JsonReader& r) {
  r.requireObject();
  const LayerKindInfo& info = parseNamed(r.at("kind"), findLayerKind);
  LayerSpec l;
  l.kind = info.name;
  l.params = readFields(r, info.fields, (info.name + " layers").c_str());
  return l;
}

Shape shapeFromJson(const JsonReader& r) {
  const std::size_t rank = r.arraySize();
  if (rank < 1 || rank > 3) r.fail("must list 1 to 3 sizes (features; time, features; or channels, height, width)");
  Shape shape;
  shape.rank = static_cast<int>(rank);
  for (std::size_t i = 0; i < rank; ++i) shape.dims[i] = r.at(i).integer(1, 1000000);
  if (shape.size() > 1000000) r.fail("describes too many inputs (" + std::to_string(shape.size()) + "; at most 1000000)");
  return shape;
}

NetworkSpec networkSpecFromJson(const JsonReader& r) {
  r.requireObject();
  NetworkSpec s;
  s.input = r.has("inputShape") ? shapeFromJson(r.at("inputShape")) : Shape::features(r.at("inputs").integer(1, 1000000));
  const JsonReader layers = r.at("layers");
  const std::size_t n = layers.arraySize();
  if (n == 0) layers.fail("is empty: a network needs at least one layer");
  for (std::size_t i = 0; i < n; ++i) s.layers.push_back(layerSpecFromJson(layers.at(i)));
  s.loss = parseNamed(r.at("loss"), parseLoss);
  if (r.has("initializer")) s.initializer = parseNamed(r.at("initializer"), parseInitializer);
  s.seed = static_cast<std::uint64_t>(r.integer("seed", 1, 0, kMaxSeed));
  return s;
}

OptimizerSettings optimizerSettingsFromJson(const JsonReader& r, const std::vector<std::string>& alsoAllowed) {
  r.requireObject();
  // Missing values take the kind's defaults (Adam's learning rate is not SGD's).
  const std::string kind = optimizerName(parseNamed(r.at("kind"), parseOptimizerKind));
  const json v = readFields(r, optimizerFields(), "the optimizer", alsoAllowed, kind);
  OptimizerSettings o = OptimizerSettings::defaultsFor(parseOptimizerKind(kind));
  o.learningRate = v["learningRate"];
  o.momentum = v["momentum"];
  o.rho = v["rho"];
  o.beta1 = v["beta1"];
  o.beta2 = v["beta2"];
  o.epsilon = v["epsilon"];
  o.weightDecay = v["weightDecay"];
  return o;
}

TrainingSettings trainingSettingsFromJson(const JsonReader& r) {
  const json v = readFields(r, trainingFields(), "the training");
  TrainingSettings t;
  t.batchSize = v["batchSize"].get<Index>();
  t.shuffle = v["shuffle"];
  t.regularization.kind = parseRegularization(v["regularization"].get<std::string>());
  t.regularization.rate = v["regularizationRate"];
  t.seed = v["seed"].get<std::uint64_t>();
  return t;
}

DatasetOptions datasetOptionsFromJson(const JsonReader& r) {
  r.requireObject();
  // The generated data set's part of the "data" section, with its ranges.
  const auto field = [&](const char* name) { return findField(dataFields(), name).readFrom(r); };
  DatasetOptions d;
  d.kind = parseNamed(r.at("kind"), parseDatasetKind);
  d.points = r.has("points") ? field("points").get<Index>() : d.points;
  d.noise = r.has("noise") ? field("noise").get<double>() : d.noise;
  d.classes = field("classes").get<int>();
  d.seed = field("seed").get<std::uint64_t>();
  return d;
}

}  // namespace nnplay
