#include "session/parameter_editing.h"

#include <cmath>

#include "core/error.h"

namespace nnplay {

Index weightIndex(const NeuronLayer& n, Index layer, Index from, Index to) {
  require(from >= 0 && from < n.inputs, "input " + std::to_string(from) + " does not exist in layer " +
                                            std::to_string(layer) + " (it has " + std::to_string(n.inputs) + " inputs)");
  require(to >= 0 && to < n.units, "neuron " + std::to_string(to) + " does not exist in layer " + std::to_string(layer) +
                                       " (it has " + std::to_string(n.units) + ")");
  return n.weightOffset + to * n.inputs + from;
}

void requireEditableValue(double value, const char* what) {
  require(std::isfinite(value) && std::fabs(value) < 1e6,
          std::string("a ") + what + " must be a finite number, got " + formatNumber(value));
}

void setAllParameters(Network& network, const float* values, Index n) {
  require(n == network.parameterCount(),
          "expected " + std::to_string(network.parameterCount()) + " parameters, got " + std::to_string(n));
  for (Index i = 0; i < n; ++i) require(std::isfinite(values[i]), "parameter " + std::to_string(i) + " is not a finite number");
  network.parameters() = Eigen::Map<const Eigen::VectorXf>(values, n).cast<Scalar>();
}

}  // namespace nnplay
