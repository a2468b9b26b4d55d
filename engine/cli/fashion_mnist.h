// `nnplay train --dataset fashion-mnist`: the real-data page's images and networks on the
// command line. --model cnn (the page's "small CNN"), mlp (784-128-64-10) or a file: a model
// saved by the page or the engine (its layers and weights; training continues from them) or
// a bare network spec ({"inputShape": [1, 28, 28], "layers": [...], "loss": ...}).
#pragma once

#include <string>
#include <vector>

#include "cli/args.h"

namespace nnplay::cli {

// The options trainFashionMnist reads besides trainingValueOptions().
std::vector<std::string> fashionMnistOptions();
int trainFashionMnist(const Args& a);

}  // namespace nnplay::cli
