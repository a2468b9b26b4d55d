#include "layers/layer_registry.h"

#include "core/error.h"

namespace nnplay {

namespace {

// Built once, on first use (no work at program start-up).
std::vector<LayerKindInfo>& registry() {
  static std::vector<LayerKindInfo> kinds = [] {
    std::vector<LayerKindInfo> list;
    // One line per built-in kind, in the order the page offers them.
    list.push_back(denseLayerKind());
    list.push_back(activationLayerKind());
    list.push_back(dropoutLayerKind());
    list.push_back(batchNormLayerKind());
    list.push_back(conv2dLayerKind());
    list.push_back(maxPool2dLayerKind());
    list.push_back(averagePool2dLayerKind());
    list.push_back(flattenLayerKind());
    list.push_back(globalAveragePoolLayerKind());
    list.push_back(embeddingLayerKind());
    list.push_back(positionalEncodingLayerKind());
    list.push_back(simpleRnnLayerKind());
    list.push_back(lstmLayerKind());
    list.push_back(gruLayerKind());
    list.push_back(selfAttentionLayerKind());
    list.push_back(layerNormLayerKind());
    list.push_back(transformerBlockLayerKind());
    list.push_back(densePerStepLayerKind());
    return list;
  }();
  return kinds;
}

}  // namespace

const std::vector<LayerKindInfo>& layerKinds() { return registry(); }

const LayerKindInfo& findLayerKind(const std::string& name) {
  for (const LayerKindInfo& k : registry())
    if (k.name == name) return k;
  std::string list;
  const auto& kinds = registry();
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    list += i == 0 ? "" : i + 1 == kinds.size() ? " or " : ", ";
    list += kinds[i].name;
  }
  throw InvalidArgument("unknown layer kind \"" + name + "\": use " + list);
}

void registerLayerKind(LayerKindInfo info) {
  for (LayerKindInfo& k : registry()) {
    if (k.name == info.name) {
      k = std::move(info);
      return;
    }
  }
  registry().push_back(std::move(info));
}

void unregisterLayerKind(const std::string& name) {
  auto& kinds = registry();
  for (auto it = kinds.begin(); it != kinds.end(); ++it) {
    if (it->name == name) {
      kinds.erase(it);
      return;
    }
  }
}

}  // namespace nnplay
