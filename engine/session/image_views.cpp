#include "session/image_views.h"

#include <string>

#include "core/error.h"
#include "layers/conv2d.h"

namespace nnplay {

ConvFilters convFilters(const Network& network, Index layer) {
  require(layer >= 0 && layer < network.layerCount(),
          "layer " + std::to_string(layer) + " does not exist (the network has " +
              std::to_string(network.layerCount()) + " layers)");
  const Layer& l = network.layer(layer);
  require(l.is("conv2d"), "layer " + std::to_string(layer) + " is a " + l.kind() + " layer, not a conv2d layer");
  const auto& conv = static_cast<const Conv2DLayer&>(l);
  ConvFilters f;
  f.values = network.parameters().data() + network.parameterOffset(layer);
  f.filters = conv.filters();
  f.channels = conv.inputShape().channels();
  f.size = conv.kernel();
  return f;
}

std::vector<LayerOutputView> layerOutputsOfOneRow(const Network& network) {
  // With one row the column-major N×width output is one contiguous run in shape order.
  require(network.lastBatchRows() == 1, "feature maps need a forward pass of exactly one image");
  std::vector<LayerOutputView> out;
  out.reserve(static_cast<std::size_t>(network.layerCount()));
  for (Index i = 0; i < network.layerCount(); ++i) {
    out.push_back({network.layerOutput(i).data(), network.layer(i).outputShape()});
  }
  return out;
}

}  // namespace nnplay
