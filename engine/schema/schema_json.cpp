#include "schema/schema_json.h"

#include "layers/layer_registry.h"
#include "schema/config_schema.h"

namespace nnplay {

using nlohmann::json;

namespace {

json fieldsJson(const std::vector<FieldSchema>& fields) {
  json list = json::array();
  for (const FieldSchema& f : fields) list.push_back(toJson(f));
  return list;
}

json section(const char* name, const char* path, const char* label, const char* doc,
             const std::vector<FieldSchema>& fields) {
  return {{"name", name}, {"path", path}, {"label", label}, {"doc", doc}, {"fields", fieldsJson(fields)}};
}

}  // namespace

json engineSchema() {
  json sections = json::array({
      section("data", "data", "Data", "Which points the network learns from and how they are split.", dataFields()),
      section("network", "network", "Network",
              "The network: hidden layers and an output chosen for the data, or an explicit list of layers "
              "(\"layers\" with its \"loss\").",
              networkFields()),
      section("hiddenLayer", "network.hidden[]", "Hidden layer",
              "One hidden layer of the playground's network: a dense layer, optional batch normalization, "
              "its activation and optional dropout.",
              hiddenLayerFields()),
      section("output", "network.output", "Output layer", "The output layer when the network is given as hidden layers.",
              outputFields()),
      section("optimizer", "optimizer", "Optimizer", "How each training step changes the weights.", optimizerFields()),
      section("training", "training", "Training", "Batches, shuffling and weight penalties.", trainingFields()),
      section("stop", "stop", "Stop conditions",
              "When training pauses by itself (the page, embed options and the command line).", stopFields()),
  });
  json kinds = json::array();
  for (const LayerKindInfo& k : layerKinds()) {
    kinds.push_back({{"name", k.name}, {"label", k.label}, {"doc", k.doc}, {"category", k.category},
                     {"fields", fieldsJson(k.fields)}});
  }
  return {{"version", kSchemaVersion}, {"sections", sections}, {"layerKinds", kinds}};
}

}  // namespace nnplay
