#include "sequence/sequence_session.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"
#include "io/spec_json.h"

namespace nnplay {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Softmax cross-entropy of one block of K logits (row n, columns first … first+K−1) against
// class `target`; writes (softmax − one-hot)·scale into the gradient when asked. Returns the
// loss and whether the arg-max is the target.
std::pair<double, bool> softmaxBlock(const ConstMatrixRef& z, Index n, Index first, Index K, Index target,
                                     MatrixRef* gradient, double scale) {
  double maxZ = static_cast<double>(z(n, first));
  Index best = 0;
  for (Index k = 1; k < K; ++k) {
    const double v = static_cast<double>(z(n, first + k));
    if (v > maxZ) maxZ = v, best = k;
  }
  double sum = 0;
  for (Index k = 0; k < K; ++k) sum += std::exp(static_cast<double>(z(n, first + k)) - maxZ);
  const double logSum = maxZ + std::log(sum);
  if (gradient) {
    for (Index k = 0; k < K; ++k) {
      const double p = std::exp(static_cast<double>(z(n, first + k)) - logSum);
      (*gradient)(n, first + k) = static_cast<Scalar>((p - (k == target ? 1.0 : 0.0)) * scale);
    }
  }
  return {logSum - static_cast<double>(z(n, first + target)), best == target};
}

}  // namespace

OptimizerSettings SequenceSessionConfig::defaultOptimizer() {
  OptimizerSettings o = OptimizerSettings::defaultsFor(OptimizerKind::Adam);
  o.learningRate = 0.005;
  return o;
}

void SequenceSessionConfig::validate() const {
  task.validate();
  optimizer.validate();
  require(batchSize >= 1 && batchSize <= 4096, "batchSize must be 1 to 4096, got " + std::to_string(batchSize));
  require(std::isfinite(clipNorm) && clipNorm >= 0, "clipNorm must be 0 (off) or a positive number, got " +
                                                        formatNumber(clipNorm));
}

nlohmann::json toJson(const SequenceSessionConfig& c) {
  return {{"task", toJson(c.task)}, {"network", toJson(c.network)}, {"optimizer", toJson(c.optimizer)},
          {"batchSize", c.batchSize}, {"clipNorm", c.clipNorm}};
}

SequenceSessionConfig sequenceSessionConfigFromJson(const JsonReader& r) {
  r.requireObject();
  SequenceSessionConfig c;
  c.task = sequenceTaskSettingsFromJson(r.at("task"));
  // The input shape and loss follow from the task; a layer list alone is enough.
  nlohmann::json network = r.at("network").raw();
  JsonReader(network, r.at("network").path()).requireObject();
  if (!network.contains("inputShape") && !network.contains("inputs")) {
    const SequenceData probe = makeSequenceData([&] {
      SequenceTaskSettings small = c.task;  // only the shape is needed
      small.trainSamples = small.testSamples = 1;
      return small;
    }());
    network["inputShape"] = toJson(probe.inputShape);
  }
  if (!network.contains("loss")) network["loss"] = lossName(Loss::MeanSquaredError);
  c.network = networkSpecFromJson(JsonReader(network, r.at("network").path()));
  if (r.has("optimizer")) c.optimizer = optimizerSettingsFromJson(r.at("optimizer"));
  c.batchSize = r.integer("batchSize", c.batchSize, 1, 4096);
  c.clipNorm = r.number("clipNorm", c.clipNorm, 0, 1e6);
  c.validate();
  return c;
}

nlohmann::json describeSequenceSession(const SequenceSession& session) {
  const SequenceData& d = session.data();
  const Network& net = session.network();
  const char* target = d.target == SequenceTarget::Value   ? "value"
                       : d.target == SequenceTarget::Class ? "class"
                                                           : "class_per_step";
  nlohmann::json layers = nlohmann::json::array();
  for (Index i = 0; i < net.layerCount(); ++i)
    layers.push_back({{"kind", net.layer(i).kind()}, {"outputShape", toJson(net.layer(i).outputShape())},
                      {"parameters", net.layer(i).parameterCount()}});
  return {{"task", sequenceTaskName(session.config().task.task)},
          {"description", describeSequenceTask(session.config().task.task)},
          {"target", target},
          {"classes", d.classes},
          {"alphabet", d.alphabet},
          {"inputShape", toJson(d.inputShape)},
          {"outputShape", toJson(d.outputShape())},
          {"trainSamples", d.trainInputs.rows()},
          {"testSamples", d.testInputs.rows()},
          {"targetVariance", d.targetVariance},
          {"tolerance", d.tolerance},
          {"parameters", net.parameterCount()},
          {"layers", layers}};
}

SequenceSession::SequenceSession(SequenceSessionConfig config) : config_(std::move(config)) {
  config_.validate();
  data_ = makeSequenceData(config_.task);
  const std::string task = sequenceTaskName(config_.task.task);
  require(config_.network.input == data_.inputShape,
          "the task " + task + " gives sequences of " + data_.inputShape.toString() +
              " (time×features), but the network's input shape is " + config_.network.input.toString());
  build();
  const Index outputs = network_->outputWidth();
  if (outputs != data_.outputWidth()) {
    const std::string need =
        data_.target == SequenceTarget::ClassPerStep
            ? "a score for each of the " + std::to_string(data_.classes) + " classes at every step (" +
                  data_.outputShape().toString() + "): end with dense_per_step of " + std::to_string(data_.classes) +
                  " units after layers that output every step"
        : data_.target == SequenceTarget::Class
            ? "one score per class (" + std::to_string(data_.classes) + "): end with dense of " +
                  std::to_string(data_.classes) + " units"
            : "one value: end with dense of 1 unit";
    throw InvalidArgument("the task " + task + " needs " + need + ", but the network's output has shape " +
                          network_->layer(network_->layerCount() - 1).outputShape().toString());
  }
  require(network_->outputActivation() == Activation::Linear,
          "end the layer list with a linear layer (dense or dense_per_step): the sequence session applies the "
          "softmax itself, per step");
}

void SequenceSession::build() {
  network_ = std::make_unique<Network>(config_.network);
  optimizer_ = Optimizer::create(config_.optimizer, network_->parameterCount());
  orderRng_.reseed(config_.network.seed + 1);
  order_.resize(static_cast<std::size_t>(data_.trainInputs.rows()));
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<Index>(i);
  orderRng_.shuffle(order_);
  cursor_ = 0;
  const Index batch = std::min<Index>(config_.batchSize, data_.trainInputs.rows());
  batchInputs_.resize(batch, data_.trainInputs.cols());
  batchTargets_.resize(batch, data_.trainTargets.cols());
  outputGradient_.resize(batch, data_.outputWidth());
  last_ = {};
  history_.clear();
  history_.reserve(3 * 20000);
  inspected_ = -1;
}

void SequenceSession::reset() { reset(config_.network.seed); }

void SequenceSession::reset(std::uint64_t seed) {
  require(seed <= static_cast<std::uint64_t>(kMaxSeed), "the seed must be below 2^53");
  config_.network.seed = seed;
  build();
}

void SequenceSession::setOptimizer(const OptimizerSettings& settings) {
  settings.validate();
  if (settings.kind == config_.optimizer.kind) {
    optimizer_->updateSettings(settings);
  } else {
    optimizer_ = Optimizer::create(settings, network_->parameterCount());
  }
  config_.optimizer = settings;
}

void SequenceSession::gatherBatch() {
  const Index batch = batchInputs_.rows();
  if (cursor_ + batch > static_cast<Index>(order_.size())) {
    orderRng_.shuffle(order_);
    cursor_ = 0;
  }
  for (Index i = 0; i < batch; ++i) {
    const Index row = order_[static_cast<std::size_t>(cursor_ + i)];
    batchInputs_.row(i) = data_.trainInputs.row(row);
    batchTargets_.row(i) = data_.trainTargets.row(row);
  }
  cursor_ += batch;
}

std::pair<double, double> SequenceSession::score(const ConstMatrixRef& y, const ConstMatrixRef& t,
                                                 MatrixRef* gradient) const {
  const Index N = y.rows();
  double loss = 0, right = 0;
  switch (data_.target) {
    case SequenceTarget::Value: {
      for (Index n = 0; n < N; ++n) {
        const double e = static_cast<double>(y(n, 0)) - static_cast<double>(t(n, 0));
        loss += e * e;
        right += std::abs(e) < data_.tolerance ? 1 : 0;
        if (gradient) (*gradient)(n, 0) = static_cast<Scalar>(2 * e / static_cast<double>(N));
      }
      return {loss / static_cast<double>(N), data_.tolerance > 0 ? right / static_cast<double>(N) : kNaN};
    }
    case SequenceTarget::Class:
    case SequenceTarget::ClassPerStep: {
      const Index steps = t.cols(), K = data_.classes;
      const double scale = 1.0 / static_cast<double>(N * steps);
      for (Index n = 0; n < N; ++n) {
        for (Index s = 0; s < steps; ++s) {
          const auto [l, hit] = softmaxBlock(y, n, s * K, K, static_cast<Index>(t(n, s)), gradient, scale);
          loss += l;
          right += hit ? 1 : 0;
        }
      }
      return {loss * scale, right * scale};
    }
  }
  return {kNaN, kNaN};
}

SequenceStepResult SequenceSession::step() {
  gatherBatch();
  inspected_ = -1;
  const ConstMatrixMap y = network_->forward(batchInputs_, Mode::Train);
  MatrixRef gradient(outputGradient_);
  const auto [loss, accuracy] = score(y, batchTargets_, &gradient);
  if (!std::isfinite(loss))
    throw TrainingDiverged("training diverged at step " + std::to_string(last_.step + 1) +
                           " (the loss is not a finite number): lower the learning rate or turn gradient clipping on");
  network_->backwardFromOutputGradient(outputGradient_);
  Vector& g = network_->gradients();
  if (config_.clipNorm > 0) {
    const double norm = static_cast<double>(g.norm());
    if (norm > config_.clipNorm) g *= static_cast<Scalar>(config_.clipNorm / norm);
  }
  optimizer_->step(network_->parameters(), g, network_->decayMask());
  if (!network_->parameters().allFinite())
    throw TrainingDiverged("training diverged at step " + std::to_string(last_.step + 1) +
                           " (a weight became NaN or infinite): lower the learning rate or turn gradient clipping on");
  last_.step += 1;
  last_.loss = loss;
  last_.accuracy = accuracy;
  history_.push_back(static_cast<double>(last_.step));
  history_.push_back(loss);
  history_.push_back(accuracy);
  return last_;
}

SequenceStepResult SequenceSession::train(int steps) {
  require(steps >= 0 && steps <= 1000000, "train: steps must be 0 to 1000000, got " + std::to_string(steps));
  for (int i = 0; i < steps; ++i) step();
  return last_;
}

double SequenceSession::lossAndGradient(const ConstMatrixRef& inputs, const ConstMatrixRef& targets) {
  inspected_ = -1;
  const ConstMatrixMap y = network_->forward(inputs, Mode::Train);
  checkGradient_.resize(y.rows(), y.cols());
  MatrixRef gradient(checkGradient_);
  const double loss = score(y, targets, &gradient).first;
  network_->backwardFromOutputGradient(checkGradient_);
  return loss;
}

double SequenceSession::lossOf(const ConstMatrixRef& inputs, const ConstMatrixRef& targets) {
  inspected_ = -1;
  return score(network_->forward(inputs, Mode::Eval), targets, nullptr).first;
}

SequenceEvaluation SequenceSession::evaluate() {
  inspected_ = -1;
  const Index N = data_.testInputs.rows();
  constexpr Index kChunk = 256;  // bounds the evaluation workspaces
  double loss = 0, right = 0, squared = 0;
  for (Index start = 0; start < N; start += kChunk) {
    const Index rows = std::min(kChunk, N - start);
    const Matrix inputs = data_.testInputs.middleRows(start, rows);  // contiguous for every layer
    const Matrix targets = data_.testTargets.middleRows(start, rows);
    const ConstMatrixMap y = network_->forward(inputs, Mode::Eval);
    const auto [l, a] = score(y, targets, nullptr);
    loss += l * static_cast<double>(rows);
    right += (std::isnan(a) ? 0 : a) * static_cast<double>(rows);
    if (data_.target == SequenceTarget::Value) squared += l * static_cast<double>(rows);
  }
  SequenceEvaluation e;
  e.loss = loss / static_cast<double>(N);
  const bool value = data_.target == SequenceTarget::Value;
  e.accuracy = value && data_.tolerance == 0 ? kNaN : right / static_cast<double>(N);
  e.mse = value ? squared / static_cast<double>(N) : kNaN;
  e.relativeMse = value && data_.targetVariance > 0 ? e.mse / data_.targetVariance : kNaN;
  return e;
}

}  // namespace nnplay
