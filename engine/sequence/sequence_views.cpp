// SequenceSession's views: one test sample through the network, the recurrent layers' states
// and gates, the attention maps, forecasts of a signal and text sampled from a character model.
#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "layers/lstm.h"
#include "layers/recurrent_layer.h"
#include "layers/self_attention.h"
#include "layers/transformer_block.h"
#include "sequence/sequence_session.h"

namespace nnplay {

namespace {

const SelfAttentionLayer* attentionOf(const Layer& layer) {
  if (const auto* a = dynamic_cast<const SelfAttentionLayer*>(&layer)) return a;
  if (const auto* b = dynamic_cast<const TransformerBlockLayer*>(&layer)) return &b->attention();
  return nullptr;
}

}  // namespace

void SequenceSession::requireInspected(const char* view) const {
  require(inspected_ >= 0, std::string(view) + ": call inspect(sample) first (training steps replace the "
                                               "inspected sample)");
}

const Layer& SequenceSession::viewLayer(Index layer, const char* view) const {
  require(layer >= 0 && layer < network_->layerCount(),
          std::string(view) + ": layer " + std::to_string(layer) + " does not exist (the network has " +
              std::to_string(network_->layerCount()) + " layers, numbered from 0)");
  return network_->layer(layer);
}

void SequenceSession::inspect(Index sample) {
  require(sample >= 0 && sample < data_.testInputs.rows(),
          "inspect: test sample " + std::to_string(sample) + " does not exist (there are " +
              std::to_string(data_.testInputs.rows()) + ")");
  viewInput_ = data_.testInputs.row(sample);
  network_->forward(viewInput_, Mode::Eval);
  inspected_ = sample;
}

ConstMatrixMap SequenceSession::inspectedOutput() const {
  requireInspected("inspectedOutput");
  return network_->layerOutput(network_->layerCount() - 1);
}

RowVector SequenceSession::hiddenStates(Index layer) const {
  requireInspected("hiddenStates");
  const auto* r = dynamic_cast<const RecurrentLayer*>(&viewLayer(layer, "hiddenStates"));
  require(r != nullptr, "hiddenStates: layer " + std::to_string(layer) + " (" + network_->layer(layer).kind() +
                            ") is not a recurrent layer (simple_rnn, lstm or gru)");
  return r->hiddenStates().row(0);
}

RowVector SequenceSession::gateActivations(Index layer) const {
  requireInspected("gateActivations");
  const auto* r = dynamic_cast<const RecurrentLayer*>(&viewLayer(layer, "gateActivations"));
  require(r != nullptr, "gateActivations: layer " + std::to_string(layer) + " (" + network_->layer(layer).kind() +
                            ") is not a recurrent layer (simple_rnn, lstm or gru)");
  return r->gateActivations().row(0);
}

std::vector<std::string> SequenceSession::gateNames(Index layer) const {
  const auto* r = dynamic_cast<const RecurrentLayer*>(&viewLayer(layer, "gateNames"));
  require(r != nullptr, "gateNames: layer " + std::to_string(layer) + " is not a recurrent layer");
  std::vector<std::string> names;
  for (Index g = 0; g < r->gateCount(); ++g) names.emplace_back(r->gateName(g));
  return names;
}

Vector SequenceSession::gradientNormPerStep(Index layer) const {
  const auto* r = dynamic_cast<const RecurrentLayer*>(&viewLayer(layer, "gradientNormPerStep"));
  require(r != nullptr, "gradientNormPerStep: layer " + std::to_string(layer) + " (" +
                            network_->layer(layer).kind() + ") is not a recurrent layer (simple_rnn, lstm or gru)");
  return r->gradientNormPerStep();
}

Index SequenceSession::attentionHeads(Index layer) const {
  const SelfAttentionLayer* a = attentionOf(viewLayer(layer, "attentionHeads"));
  require(a != nullptr, "attention: layer " + std::to_string(layer) + " (" + network_->layer(layer).kind() +
                            ") has no attention (use a self_attention or transformer_block layer)");
  return a->heads();
}

Matrix SequenceSession::attentionWeights(Index layer, Index head) const {
  requireInspected("attentionWeights");
  const Index heads = attentionHeads(layer);
  require(head >= 0 && head < heads, "attentionWeights: head " + std::to_string(head) + " does not exist (layer " +
                                         std::to_string(layer) + " has " + std::to_string(heads) + ")");
  return attentionOf(network_->layer(layer))->attentionWeights(0, head);
}

SequenceViews SequenceSession::views(Index sample) {
  inspect(sample);
  SequenceViews v;
  v.sample = sample;
  v.input = data_.testInputs.row(sample);
  v.target = data_.testTargets.row(sample);
  v.output = inspectedOutput().row(0);
  for (Index i = 0; i < network_->layerCount(); ++i) {
    const Layer& layer = network_->layer(i);
    SequenceLayerView l;
    l.layer = i;
    l.kind = layer.kind();
    if (const auto* r = dynamic_cast<const RecurrentLayer*>(&layer)) {
      l.steps = r->steps();
      l.units = r->units();
      l.gates = gateNames(i);
      l.hidden = hiddenStates(i);
      l.gateValues = gateActivations(i);
      l.gradientNorms = gradientNormPerStep(i);
    } else if (const SelfAttentionLayer* a = attentionOf(layer)) {
      l.steps = a->steps();
      for (Index h = 0; h < a->heads(); ++h) l.attention.push_back(attentionWeights(i, h));
    } else {
      continue;
    }
    v.layers.push_back(std::move(l));
  }
  return v;
}

Vector SequenceSession::forecast(Index seen, Index free) {
  require(data_.testSignal.size() > 0, std::string("forecast: the task ") + sequenceTaskName(config_.task.task) +
                                           " is not a signal (use sum_of_sines, square_wave or noisy_sine)");
  const Index T = data_.inputShape.time();
  const Index available = data_.testInputs.rows();
  require(seen >= 1 && seen <= available,
          "forecast: seen must be 1 to " + std::to_string(available) + " steps, got " + std::to_string(seen));
  require(free >= 0 && free <= 10000, "forecast: free must be 0 to 10000 steps, got " + std::to_string(free));
  inspected_ = -1;
  Vector out(seen + free);
  const Matrix windows = data_.testInputs.topRows(seen);
  out.head(seen) = network_->forward(windows, Mode::Eval).col(0);
  // Free-running: the window after the seen part, then the model's own outputs shift in.
  Matrix window(1, T);
  for (Index t = 0; t < T; ++t) window(0, t) = data_.testSignal(seen + t);
  for (Index i = 0; i < free; ++i) {
    const Scalar next = network_->forward(window, Mode::Eval)(0, 0);
    out(seen + i) = next;
    for (Index t = 0; t + 1 < T; ++t) window(0, t) = window(0, t + 1);
    window(0, T - 1) = next;
  }
  return out;
}

std::string SequenceSession::sampleText(const std::string& prompt, Index count, double temperature,
                                        std::uint64_t seed) {
  require(config_.task.task == SequenceTask::Characters,
          std::string("sampleText: the task ") + sequenceTaskName(config_.task.task) + " is not the characters task");
  require(count >= 0 && count <= 10000, "sampleText: count must be 0 to 10000 characters, got " + std::to_string(count));
  require(std::isfinite(temperature) && temperature >= 0.05 && temperature <= 5,
          "sampleText: temperature must be 0.05 to 5, got " + formatNumber(temperature));
  const std::string& alphabet = data_.alphabet;
  const Index T = data_.inputShape.time(), K = data_.classes;
  auto idOf = [&](char c) -> Index {
    const std::size_t at = alphabet.find(c);
    require(at != std::string::npos, std::string("sampleText: the prompt's character '") + c +
                                         "' does not occur in the text, so the model has no id for it");
    return static_cast<Index>(at);
  };
  // Before the prompt: spaces (or the first character of the alphabet), as in a fresh line.
  const Index pad = alphabet.find(' ') != std::string::npos ? idOf(' ') : 0;
  std::vector<Index> ids(static_cast<std::size_t>(T), pad);
  for (char c : prompt) {
    ids.erase(ids.begin());
    ids.push_back(idOf(c));
  }
  inspected_ = -1;
  Rng rng(seed);
  Matrix window(1, T);
  std::vector<double> p(static_cast<std::size_t>(K));
  std::string out;
  for (Index i = 0; i < count; ++i) {
    for (Index t = 0; t < T; ++t) window(0, t) = static_cast<Scalar>(ids[static_cast<std::size_t>(t)]);
    const ConstMatrixMap z = network_->forward(window, Mode::Eval);
    const Index first = (T - 1) * K;  // the scores after the last character
    double maxZ = -1e300, sum = 0;
    for (Index k = 0; k < K; ++k) maxZ = std::max(maxZ, static_cast<double>(z(0, first + k)) / temperature);
    for (Index k = 0; k < K; ++k)
      sum += p[static_cast<std::size_t>(k)] = std::exp(static_cast<double>(z(0, first + k)) / temperature - maxZ);
    double u = rng.uniform() * sum;
    Index pick = K - 1;
    for (Index k = 0; k < K; ++k) {
      u -= p[static_cast<std::size_t>(k)];
      if (u < 0) {
        pick = k;
        break;
      }
    }
    out += alphabet[static_cast<std::size_t>(pick)];
    ids.erase(ids.begin());
    ids.push_back(pick);
  }
  return out;
}

}  // namespace nnplay
