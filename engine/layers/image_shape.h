// Shape checks and window arithmetic shared by the image layers (convolution, pooling).
// Messages name the layer but not its index: the network prefixes that.
#pragma once

#include <string>
#include <vector>

#include "core/shape.h"
#include "schema/field.h"

namespace nnplay {

// Throws InvalidArgument unless `input` is an image (channels×height×width) with at least
// one channel and one pixel. `subject` starts the message: "max pooling needs an image input
// (channels×height×width), got 784 features; …".
void requireImageInput(const std::string& subject, const Shape& input);

// "5×5"
std::string squareSide(Index side);

// The output of a pooling window of size×size moved by `stride` over every channel, taking
// valid windows only: H' = ⌊(H − size) / stride⌋ + 1. Validates all three. `layer` is a
// noun without article: "max pooling" ("a 2×2 max pooling window does not fit a 1×1 input").
Shape pooledShape(const std::string& layer, const Shape& input, Index size, Index stride);

struct LayerSpec;

// The settings both pooling kinds take: window `size` and `stride` (0 = the window size).
std::vector<FieldSchema> poolingFields();
// The stride a pooling spec asks for, with 0 read as "the window size".
Index poolingStride(const LayerSpec& spec);

}  // namespace nnplay
