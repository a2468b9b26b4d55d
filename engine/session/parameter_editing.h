// Editing a network's parameters by hand (the page's weight editor): one weight or bias of
// a neuron layer, or all parameters at once. Every index and value is checked, with a
// message naming what does not exist or is not allowed.
#pragma once

#include "network/network.h"
#include "session/evaluation_views.h"

namespace nnplay {

// The index into network.parameters() of the weight from input `from` to neuron `to` of
// neuron layer `layer` (described by `n`).
Index weightIndex(const NeuronLayer& n, Index layer, Index from, Index to);
// Throws unless the value is finite and |value| < 1e6 ("a weight must be …").
void requireEditableValue(double value, const char* what);
// Replaces all parameters (n must equal the network's count; values finite).
void setAllParameters(Network& network, const float* values, Index n);

}  // namespace nnplay
