#include "layers/layer.h"

#include <cstring>

#include "core/enum_names.h"

namespace nnplay {

namespace {
constexpr auto kLayerKindNames = enumNames<LayerKind>(
    "layer kind", std::pair{LayerKind::Dense, "dense"}, std::pair{LayerKind::Activation, "activation"},
    std::pair{LayerKind::Dropout, "dropout"}, std::pair{LayerKind::BatchNorm, "batch_norm"});
}  // namespace

const char* layerKindName(LayerKind kind) { return kLayerKindNames.name(kind); }
LayerKind parseLayerKind(const std::string& name) { return kLayerKindNames.parse(name); }

bool Layer::is(const char* kindName) const { return std::strcmp(kind(), kindName) == 0; }

}  // namespace nnplay
