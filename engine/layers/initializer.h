// Weight initialization schemes for dense layers. Biases always start at zero.
#pragma once

#include <string>
#include <vector>

#include "activations/activation.h"
#include "core/rng.h"
#include "core/types.h"

namespace nnplay {

enum class Initializer {
  Auto,           // He for ReLU-family layers, Xavier otherwise (resolved by the network)
  XavierUniform,  // U(−a, a), a = sqrt(6 / (fanIn + fanOut))        Glorot & Bengio 2010
  XavierNormal,   // N(0, σ²), σ = sqrt(2 / (fanIn + fanOut))
  HeUniform,      // U(−a, a), a = sqrt(6 / fanIn)                   He et al. 2015
  HeNormal,       // N(0, σ²), σ = sqrt(2 / fanIn)
  UniformSmall,   // U(−0.05, 0.05): the "small random numbers" baseline, for comparison
};

// "auto", "xavier_uniform", "xavier_normal", "he_uniform", "he_normal", "uniform_small".
const char* initializerName(Initializer initializer);
Initializer parseInitializer(const std::string& name);
// Every valid name, in the order the page lists them.
std::vector<std::string> initializerNames();

// The concrete scheme Auto stands for, given the activation that follows the layer.
Initializer resolveInitializer(Initializer initializer, Activation nextActivation);

// Fills a fanIn×fanOut weight matrix. initializer must not be Auto.
void initializeWeights(Initializer initializer, Eigen::Ref<Matrix> weights, Rng& rng);

}  // namespace nnplay
