#include "layers/layer.h"

#include "core/error.h"

namespace nnplay {

const char* layerKindName(LayerKind kind) {
  switch (kind) {
    case LayerKind::Dense: return "dense";
    case LayerKind::Activation: return "activation";
    case LayerKind::Dropout: return "dropout";
    case LayerKind::BatchNorm: return "batch_norm";
  }
  return "?";
}

LayerKind parseLayerKind(const std::string& name) {
  for (LayerKind k : {LayerKind::Dense, LayerKind::Activation, LayerKind::Dropout, LayerKind::BatchNorm}) {
    if (name == layerKindName(k)) return k;
  }
  throw InvalidArgument("unknown layer kind \"" + name +
                        "\": use dense, activation, dropout or batch_norm");
}

}  // namespace nnplay
