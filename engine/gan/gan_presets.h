// Named GAN settings shared by the CLI, the tests and the page's lesson (through the
// bindings), so "the default" and "the collapse preset" mean one thing everywhere.
#pragma once

#include <string>
#include <vector>

#include "gan/gan_settings.h"

namespace nnplay {

// "default": the settings that learn the ring of 8 Gaussians (GanSettings{}).
// "collapse": the same ring with 1-D noise and a generator that out-paces its slow
//             discriminator: its samples bunch up in one or two modes.
GanSettings ganPreset(const std::string& name);
std::vector<std::string> ganPresetNames();

}  // namespace nnplay
