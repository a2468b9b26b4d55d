// Optimizers update the network's flat parameter buffer from its flat gradient buffer.
// Their state is an explicit struct with ONE step counter per optimizer step (Adam's bias
// correction uses it; counting per parameter block is a known bug elsewhere).
// Formulas follow Goodfellow, Bengio & Courville, "Deep Learning" (2016), §8.3–8.5;
// each optimizer's header quotes its own.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/types.h"

namespace nnplay {

enum class OptimizerKind { SGD, Momentum, Nesterov, RMSProp, AdaGrad, Adam };

// "sgd", "momentum", "nesterov", "rmsprop", "adagrad", "adam".
const char* optimizerName(OptimizerKind kind);
OptimizerKind parseOptimizerKind(const std::string& name);
// Every valid name, in the order the page lists them.
std::vector<std::string> optimizerNames();

struct OptimizerSettings {
  OptimizerKind kind = OptimizerKind::SGD;
  double learningRate = 0.03;  // η
  double momentum = 0.9;       // α: Momentum, Nesterov
  double rho = 0.9;            // ρ: RMSProp decay rate of the squared-gradient average
  double beta1 = 0.9;          // Adam: decay of the first moment
  double beta2 = 0.999;        // Adam: decay of the second moment
  double epsilon = 1e-8;       // δ: Adam 1e-8, RMSProp 1e-6, AdaGrad 1e-7 (defaultsFor; SGD,
                               // Momentum, Nesterov do not use it and show 1e-7)
  // Decoupled weight decay λ (Loshchilov & Hutter, "AdamW"): θ ← θ − η·λ·θ each step, on
  // weights only (not biases), with any optimizer. 0 = off.
  double weightDecay = 0.0;

  // The textbook defaults for a kind (learning rate 0.01 for SGD, Momentum, Nesterov and
  // AdaGrad, 0.001 for RMSProp and Adam), so switching optimizer in the page gives sensible values.
  static OptimizerSettings defaultsFor(OptimizerKind kind);
  // Throws InvalidArgument naming the setting when a value is out of range or not finite.
  void validate() const;
};

struct OptimizerState {
  std::int64_t step = 0;               // optimizer steps taken (t)
  std::vector<std::string> slotNames;  // e.g. "velocity", "first_moment", "second_moment"
  std::vector<Vector> slots;           // one value per parameter each
};

class Optimizer {
 public:
  // Builds the optimizer of settings.kind for parameterCount parameters (validates settings).
  static std::unique_ptr<Optimizer> create(const OptimizerSettings& settings, Index parameterCount);
  virtual ~Optimizer() = default;

  const OptimizerSettings& settings() const { return settings_; }
  // Changes the learning rate (and the other hyper-parameters of the same kind) between steps.
  void updateSettings(const OptimizerSettings& settings);
  void setLearningRate(double learningRate);

  // One step: θ ← θ − (weight decay) and the optimizer's update from g.
  // decayMask: 1 where weight decay applies, 0 elsewhere.
  void step(Eigen::Ref<Vector> parameters, const Eigen::Ref<const Vector>& gradients,
            const Eigen::Ref<const Vector>& decayMask);

  const OptimizerState& state() const { return state_; }
  // Replaces the state (from a snapshot or a model file); checks slot names and sizes.
  void restoreState(const OptimizerState& state);
  // Zeroes the moments and the step counter.
  void reset();
  Index parameterCount() const { return parameterCount_; }

 protected:
  Optimizer(const OptimizerSettings& settings, Index parameterCount,
            std::vector<std::string> slotNames);
  Vector& slot(std::size_t i) { return state_.slots[i]; }
  // The kind-specific update; state_.step has already been incremented (t ≥ 1).
  virtual void update(Eigen::Ref<Vector> parameters, const Eigen::Ref<const Vector>& gradients) = 0;

  OptimizerSettings settings_;
  OptimizerState state_;

 private:
  Index parameterCount_;
};

}  // namespace nnplay
