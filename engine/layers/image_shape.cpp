#include "layers/image_shape.h"

#include <algorithm>

#include "core/error.h"
#include "network/network_spec.h"

namespace nnplay {

namespace {
const char* kTimes = "\xC3\x97";  // ×

std::string describe(const Shape& s) {
  switch (s.rank) {
    case 1: return std::to_string(s[0]) + " features";
    case 2: return "a sequence of " + std::to_string(s.time()) + " steps " + kTimes + " " +
                   std::to_string(s.featuresPerStep()) + " features";
    default: return s.toString();
  }
}
}  // namespace

void requireImageInput(const std::string& subject, const Shape& input) {
  require(input.rank == 3, subject + " needs an image input (channels" + kTimes + "height" + kTimes + "width), got " +
                               describe(input) + "; give the network an image input shape");
  require(input.channels() >= 1 && input.height() >= 1 && input.width() >= 1,
          subject + " needs an image with at least 1 channel and 1 pixel, got " + input.toString());
}

std::string squareSide(Index side) { return std::to_string(side) + kTimes + std::to_string(side); }

Shape pooledShape(const std::string& layer, const Shape& input, Index size, Index stride) {
  requireImageInput(layer, input);
  require(size >= 1, "the " + layer + " window size must be at least 1, got " + std::to_string(size));
  require(stride >= 1, "the " + layer + " stride must be at least 1, got " + std::to_string(stride));
  require(size <= input.height() && size <= input.width(),
          "a " + squareSide(size) + " " + layer + " window does not fit a " +
              std::to_string(input.height()) + kTimes + std::to_string(input.width()) +
              " input (use a window of at most " + std::to_string(std::min(input.height(), input.width())) + ")");
  return Shape::image(input.channels(), (input.height() - size) / stride + 1, (input.width() - size) / stride + 1);
}

std::vector<FieldSchema> poolingFields() {
  return {
      FieldSchema::integer("size", "Window size", 1, 64, 2)
          .withUnit("pixels")
          .withDoc("The side of the square window (2 means 2×2 pixels).")
          .withUiRange(1, 4),
      FieldSchema::integer("stride", "Stride", 0, 64, 0)
          .withUnit("pixels")
          .withDoc("How far the window moves; 0 = the window size (windows side by side).")
          .withUiRange(0, 4),
  };
}

Index poolingStride(const LayerSpec& spec) {
  const Index stride = spec.integer("stride");
  return stride == 0 ? spec.integer("size") : stride;
}

}  // namespace nnplay
