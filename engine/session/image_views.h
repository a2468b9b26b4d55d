// What the real-data page draws of a CNN, as views into the network's own buffers (no copy):
// the filters of a convolution layer, and every layer's output for one image (the feature
// maps). Both stay valid until the next call that trains, evaluates, configures or loads.
#pragma once

#include <vector>

#include "core/shape.h"
#include "core/types.h"
#include "network/network.h"

namespace nnplay {

// The weights of conv layer `layer`, filters × channels × size × size values, row-major
// (filter f, channel c, kernel row i, column j at ((f·C + c)·k + i)·k + j: the layer's own
// parameter layout, see layers/conv2d.h). Biases are not included.
struct ConvFilters {
  const Scalar* values = nullptr;
  Index filters = 0, channels = 0, size = 0;
  Index count() const { return filters * channels * size * size; }
};

// Throws InvalidArgument when `layer` does not exist or is not a conv2d layer.
ConvFilters convFilters(const Network& network, Index layer);

// Layer i's output for row `row` of the last forward pass: outputShape().size() values,
// arranged as the shape says (C×H×W for images). Contiguous only for a one-row pass, which
// is what featureMaps() uses.
struct LayerOutputView {
  const Scalar* values = nullptr;
  Shape shape;
};

// Every layer's output after a forward pass of ONE row (throws unless the last pass had one row).
std::vector<LayerOutputView> layerOutputsOfOneRow(const Network& network);

}  // namespace nnplay
