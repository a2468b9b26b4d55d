#include "layers/layer.h"

#include <cstring>

namespace nnplay {

bool Layer::is(const char* kindName) const { return std::strcmp(kind(), kindName) == 0; }

}  // namespace nnplay
