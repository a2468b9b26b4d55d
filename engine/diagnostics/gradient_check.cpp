#include "diagnostics/gradient_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "layers/dropout.h"
#include "losses/loss.h"

namespace nnplay {

namespace {

// Freezes every dropout mask while alive, so that repeated forwards see the same mask.
class FrozenDropout {
 public:
  explicit FrozenDropout(Network& net) {
    for (Index i = 0; i < net.layerCount(); ++i) {
      if (net.layer(i).is("dropout")) {
        auto& d = static_cast<DropoutLayer&>(net.layer(i));
        d.freezeMask(true);
        layers_.push_back(&d);
      }
    }
  }
  ~FrozenDropout() {
    for (DropoutLayer* d : layers_) d->freezeMask(false);
  }

 private:
  std::vector<DropoutLayer*> layers_;
};

std::string describeParameter(const Network& net, Index p) {
  Index layer = 0;
  for (Index i = 0; i < net.layerCount(); ++i) {
    if (net.layer(i).parameterCount() > 0 && net.parameterOffset(i) <= p) layer = i;
  }
  return "parameter " + std::to_string(p) + " (layer " + std::to_string(layer + 1) + ", " +
         std::string(net.layer(layer).kind()) + ")";
}

void record(GradientCheckResult& r, double analytic, double numeric, double floor, const std::string& what) {
  const double abs = std::fabs(analytic - numeric);
  const double rel = abs / std::max({std::fabs(analytic), std::fabs(numeric), floor});
  ++r.checked;
  r.maxAbsoluteError = std::max(r.maxAbsoluteError, abs);
  if (rel > r.maxRelativeError || r.worst.empty()) {
    r.maxRelativeError = std::max(r.maxRelativeError, rel);
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, ": analytic %.10g, numeric %.10g", analytic, numeric);
    if (rel >= r.maxRelativeError) r.worst = what + buffer;
  }
}

}  // namespace

GradientCheckResult checkGradients(Network& net, const ConstMatrixRef& inputs, const ConstMatrixRef& targets,
                                   const GradientCheckOptions& o) {
  GradientCheckResult result;
  const Matrix x = inputs;  // a private copy: perturbed for input checks
  const Matrix t = targets;
  const bool hadInputGradient = net.computesInputGradient();
  net.setComputeInputGradient(true);
  FrozenDropout frozen(net);

  // Analytic gradients (also draws the dropout masks that stay frozen below).
  net.forward(x, o.mode);
  net.backward(t);
  const Vector analyticParams = net.gradients();
  const Matrix analyticInputs = net.inputGradient();

  auto loss = [&](const Matrix& input) -> double {
    net.forward(input, o.mode);
    return static_cast<double>(net.lossOf(t));
  };
  const auto h = static_cast<Scalar>(o.step);

  if (o.checkParameters) {
    Vector& p = net.parameters();
    for (Index i = 0; i < p.size(); ++i) {
      const Scalar saved = p(i);
      p(i) = saved + h;
      const double up = loss(x);
      p(i) = saved - h;
      const double down = loss(x);
      p(i) = saved;
      record(result, analyticParams(i), (up - down) / (2 * o.step), o.floor, describeParameter(net, i));
    }
  }
  if (o.checkInputs) {
    Matrix probe = x;
    for (Index c = 0; c < x.cols(); ++c) {
      for (Index r = 0; r < x.rows(); ++r) {
        probe(r, c) = x(r, c) + h;
        const double up = loss(probe);
        probe(r, c) = x(r, c) - h;
        const double down = loss(probe);
        probe(r, c) = x(r, c);
        record(result, analyticInputs(r, c), (up - down) / (2 * o.step), o.floor,
               "input (" + std::to_string(r) + ", " + std::to_string(c) + ")");
      }
    }
  }
  net.setComputeInputGradient(hadInputGradient);
  return result;
}

}  // namespace nnplay
