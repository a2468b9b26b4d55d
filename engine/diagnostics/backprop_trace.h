// One back-propagation step made visible, for one sample: what every layer computed on the
// way forward, the error δ = dL/d(output) flowing back through every layer, the gradient of
// every parameter and the change the optimizer's next step would make. The page's
// step-through and backprop view draw from this; the network and optimizer are left as
// they were (parameters, gradients, optimizer state, batch-norm statistics, dropout).
//
// The sample goes through in Eval mode (no dropout mask, batch norm with its running
// statistics): the trace is a pure function of the parameters, the same every time it is
// asked for. Gradients are of the data loss only (no regularization penalty).
#pragma once

#include <vector>

#include "network/network.h"
#include "optimizers/optimizer.h"

namespace nnplay {

struct BackpropTrace {
  Vector input;                 // the sample as the network sees it (after features)
  Vector target;                // what the loss compares the output with
  double loss = 0;              // the data loss of this one sample
  std::vector<Vector> outputs;  // outputs[i]: layer i's output (its width)
  // deltas[i]: dL/d(output of layer i). Empty for an output activation whose gradient is
  // fused with the loss (sigmoid + binary cross-entropy, softmax + categorical
  // cross-entropy): there δ starts at the layer below, dL/dz = y − t.
  std::vector<Vector> deltas;
  Vector gradients;             // dL/dθ for this sample, laid out like Network::parameters()
  Vector update;                // Δθ the optimizer's next step would apply with these gradients
};

// input: 1×network.inputWidth(); target: 1×network.outputWidth().
BackpropTrace traceBackprop(Network& network, Optimizer& optimizer, const ConstMatrixRef& input,
                            const ConstMatrixRef& target);

// The L2 norm of each layer's slice of network.gradients() (0 for layers without
// parameters): after a training step, how strongly each layer was pushed.
std::vector<double> layerGradientNorms(const Network& network);

}  // namespace nnplay
