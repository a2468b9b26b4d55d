#include "diagnostics/backprop_trace.h"

#include <cmath>

#include "core/error.h"
#include "losses/loss.h"
#include "optimizers/update_preview.h"

namespace nnplay {

BackpropTrace traceBackprop(Network& network, Optimizer& optimizer, const ConstMatrixRef& input,
                            const ConstMatrixRef& target) {
  require(input.rows() == 1 && target.rows() == 1, "a backprop trace follows exactly one sample");
  require(input.cols() == network.inputWidth() && target.cols() == network.outputWidth(),
          "the sample does not fit the network's inputs and outputs");
  const Vector savedGradients = network.gradients();
  // Eval mode does not copy the input (see Network): keep the sample alive across backward.
  const Matrix x = input, t = target;
  const Index layers = network.layerCount();
  BackpropTrace trace;
  trace.input = x.row(0).transpose();
  trace.target = t.row(0).transpose();
  try {
    network.forward(x, Mode::Eval);
    trace.loss = static_cast<double>(network.lossOf(t));
    // The same backward pass as Network::backward, layer by layer, keeping every δ (the
    // network keeps only its workspaces). Layer i's backward writes its parameter gradients.
    std::vector<Matrix> delta(static_cast<std::size_t>(layers));
    Index top = layers - 1;
    if (top >= 1 && hasFusedGradient(network.outputActivation(), network.spec().loss)) {
      --top;  // dL/dz = y − t straight into the layer below the output activation
      delta[static_cast<std::size_t>(top)].resize(1, network.outputWidth());
      fusedGradient(network.spec().loss, network.layerOutput(layers - 1), t, delta[static_cast<std::size_t>(top)]);
    } else {
      delta[static_cast<std::size_t>(top)].resize(1, network.outputWidth());
      lossGradient(network.spec().loss, network.layerOutput(top), t, delta[static_cast<std::size_t>(top)]);
    }
    Matrix gradIn;
    for (Index i = top; i >= 0; --i) {
      Layer& layer = network.layer(i);
      gradIn.resize(1, layer.inputWidth());
      const auto ui = static_cast<std::size_t>(i);
      if (i > 0) {
        layer.backward(network.layerOutput(i - 1), network.layerOutput(i), delta[ui], gradIn, true);
        delta[ui - 1] = gradIn;
      } else {
        layer.backward(x, network.layerOutput(i), delta[ui], gradIn, false);
      }
    }
    for (Index i = 0; i < layers; ++i) {
      trace.outputs.push_back(network.layerOutput(i).row(0).transpose());
      const Matrix& d = delta[static_cast<std::size_t>(i)];
      trace.deltas.push_back(d.size() ? Vector(d.row(0).transpose()) : Vector());
    }
    trace.gradients = network.gradients();
    trace.update = previewUpdate(optimizer, network.parameters(), trace.gradients, network.decayMask());
  } catch (...) {
    network.gradients() = savedGradients;
    throw;
  }
  network.gradients() = savedGradients;
  return trace;
}

std::vector<double> layerGradientNorms(const Network& network) {
  std::vector<double> norms;
  norms.reserve(static_cast<std::size_t>(network.layerCount()));
  for (Index i = 0; i < network.layerCount(); ++i) {
    const Index n = network.layer(i).parameterCount();
    norms.push_back(n == 0 ? 0.0
                           : static_cast<double>(network.gradients().segment(network.parameterOffset(i), n).norm()));
  }
  return norms;
}

}  // namespace nnplay
