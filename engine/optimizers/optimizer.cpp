#include "optimizers/optimizer.h"

#include <cmath>
#include <iterator>

#include "core/enum_names.h"
#include "core/error.h"
#include "optimizers/adagrad.h"
#include "optimizers/adam.h"
#include "optimizers/momentum.h"
#include "optimizers/nesterov.h"
#include "optimizers/rmsprop.h"
#include "optimizers/sgd.h"
#include "schema/config_schema.h"

namespace nnplay {

namespace {
constexpr auto kOptimizerNames = enumNames<OptimizerKind>(
    "optimizer", std::pair{OptimizerKind::SGD, "sgd"}, std::pair{OptimizerKind::Momentum, "momentum"},
    std::pair{OptimizerKind::Nesterov, "nesterov"}, std::pair{OptimizerKind::RMSProp, "rmsprop"},
    std::pair{OptimizerKind::AdaGrad, "adagrad"}, std::pair{OptimizerKind::Adam, "adam"});
}  // namespace

const char* optimizerName(OptimizerKind kind) { return kOptimizerNames.name(kind); }
OptimizerKind parseOptimizerKind(const std::string& name) { return kOptimizerNames.parse(name); }

OptimizerSettings OptimizerSettings::defaultsFor(OptimizerKind kind) {
  OptimizerSettings s;
  s.kind = kind;
  switch (kind) {
    case OptimizerKind::SGD:
    case OptimizerKind::Momentum:
    case OptimizerKind::Nesterov: s.learningRate = 0.01; s.epsilon = 1e-7; break;  // ε unused
    case OptimizerKind::RMSProp: s.learningRate = 0.001; s.epsilon = 1e-6; break;
    case OptimizerKind::AdaGrad: s.learningRate = 0.01; s.epsilon = 1e-7; break;
    case OptimizerKind::Adam: s.learningRate = 0.001; s.epsilon = 1e-8; break;
  }
  return s;
}

void OptimizerSettings::validate() const {
  // The ranges are the schema's (schema/config_schema.cpp), checked in its order.
  const double values[] = {learningRate, momentum, rho, beta1, beta2, epsilon, weightDecay};
  const char* const names[] = {"learningRate", "momentum", "rho", "beta1", "beta2", "epsilon", "weightDecay"};
  for (std::size_t i = 0; i < std::size(values); ++i) findField(optimizerFields(), names[i]).check(values[i]);
}

std::unique_ptr<Optimizer> Optimizer::create(const OptimizerSettings& settings, Index parameterCount) {
  settings.validate();
  switch (settings.kind) {
    case OptimizerKind::SGD: return std::make_unique<SgdOptimizer>(settings, parameterCount);
    case OptimizerKind::Momentum: return std::make_unique<MomentumOptimizer>(settings, parameterCount);
    case OptimizerKind::Nesterov: return std::make_unique<NesterovOptimizer>(settings, parameterCount);
    case OptimizerKind::RMSProp: return std::make_unique<RmsPropOptimizer>(settings, parameterCount);
    case OptimizerKind::AdaGrad: return std::make_unique<AdaGradOptimizer>(settings, parameterCount);
    case OptimizerKind::Adam: return std::make_unique<AdamOptimizer>(settings, parameterCount);
  }
  throw InvalidArgument("unknown optimizer kind");
}

Optimizer::Optimizer(const OptimizerSettings& settings, Index parameterCount,
                     std::vector<std::string> slotNames)
    : settings_(settings), parameterCount_(parameterCount) {
  state_.slotNames = std::move(slotNames);
  state_.slots.assign(state_.slotNames.size(), Vector::Zero(parameterCount));
}

void Optimizer::updateSettings(const OptimizerSettings& settings) {
  require(settings.kind == settings_.kind,
          "cannot change the optimizer kind in place; create a new optimizer");
  settings.validate();
  settings_ = settings;
}

void Optimizer::setLearningRate(double learningRate) {
  OptimizerSettings s = settings_;
  s.learningRate = learningRate;
  updateSettings(s);
}

void Optimizer::step(Eigen::Ref<Vector> parameters, const Eigen::Ref<const Vector>& gradients,
                     const Eigen::Ref<const Vector>& decayMask) {
  // if/throw rather than require(): the message is built only on failure (no allocation per step).
  if (parameters.size() != parameterCount_ || gradients.size() != parameterCount_ ||
      decayMask.size() != parameterCount_) {
    throw InvalidArgument("the optimizer was made for " + std::to_string(parameterCount_) + " parameters, got " +
                          std::to_string(parameters.size()));
  }
  ++state_.step;
  if (settings_.weightDecay > 0) {
    const auto factor = static_cast<Scalar>(settings_.learningRate * settings_.weightDecay);
    parameters.array() -= factor * decayMask.array() * parameters.array();
  }
  update(parameters, gradients);
}

void Optimizer::restoreState(const OptimizerState& state) {
  if (state.slotNames != state_.slotNames) {
    throw InvalidArgument(std::string("the optimizer state does not belong to ") +
                          optimizerName(settings_.kind));
  }
  for (const Vector& v : state.slots) {
    require(v.size() == parameterCount_, "the optimizer state has " + std::to_string(v.size()) +
                                             " values per slot, expected " + std::to_string(parameterCount_));
  }
  require(state.step >= 0, "the optimizer step count must be ≥ 0");
  state_ = state;
}

void Optimizer::reset() {
  state_.step = 0;
  for (Vector& v : state_.slots) v.setZero();
}

std::vector<std::string> optimizerNames() { return kOptimizerNames.names(); }

}  // namespace nnplay
