#include "core/error.h"

#include <cstdio>

namespace nnplay {

std::string formatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

}  // namespace nnplay
