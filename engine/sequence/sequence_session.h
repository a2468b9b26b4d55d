// A sequence model trained on a generated task (sequence_tasks.h): one Network built from an
// explicit layer list with a sequence input, one optimizer, mini-batches drawn from the task's
// training pool. The session owns the loss, because what the output means depends on the task:
//   Value:        mean squared error over the N outputs (a linear output);
//   Class:        softmax cross-entropy over K logits, mean over the N samples;
//   ClassPerStep: softmax cross-entropy at every step (T blocks of K logits, the output of a
//                 dense_per_step layer), mean over the N·T steps.
// The layer list therefore ends in a LINEAR layer (dense or dense_per_step); the softmax is
// applied here, per step, from the logits (exact where it saturates).
//
// Contract:
//  - step() allocates nothing once the first step has run (batch buffers are sized at
//    construction; the history is reserved for 20,000 steps and grows by doubling after);
//  - one config gives one run: weights from network.seed, samples from task.seed, the batch
//    order from network.seed + 1;
//  - the views (inspect() and what follows it) read one test sample through the network in
//    Eval mode; they never change the weights or the training order.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/json_reader.h"
#include "network/network.h"
#include "optimizers/optimizer.h"
#include "sequence/sequence_tasks.h"

namespace nnplay {

struct SequenceSessionConfig {
  SequenceTaskSettings task;
  NetworkSpec network;  // input: the task's shape (fromJson fills it in when absent)
  OptimizerSettings optimizer = defaultOptimizer();
  Index batchSize = 32;
  // Gradients whose overall (L2) norm exceeds this are scaled down to it before each update
  // (Pascanu et al. 2013: keeps one exploding BPTT step from wrecking an RNN). 0 = off.
  double clipNorm = 1.0;

  static OptimizerSettings defaultOptimizer();  // Adam, learning rate 0.005
  void validate() const;
};

nlohmann::json toJson(const SequenceSessionConfig& config);
// { "task": {…}, "network": { "layers": […], "seed": 1, "inputShape": [T, F] (optional) },
//   "optimizer": {…}, "batchSize": 32, "clipNorm": 1 }
SequenceSessionConfig sequenceSessionConfigFromJson(const JsonReader& json);

class SequenceSession;
// What the page and the API show about a session: the task (name, description, target kind,
// classes, alphabet), the shapes, the parameter count and each layer's kind and output shape.
nlohmann::json describeSequenceSession(const SequenceSession& session);

struct SequenceStepResult {
  std::int64_t step = 0;  // training steps so far
  double loss = 0;        // of the batch, before the update
  double accuracy = 0;    // of the batch; NaN where accuracy does not apply (signals)
};

struct SequenceEvaluation {
  double loss = 0;          // on the whole test set
  double accuracy = 0;      // share right (per step for ClassPerStep); NaN for signals
  double mse = 0;           // Value tasks: mean squared error; NaN otherwise
  double relativeMse = 0;   // mse / variance of the test targets; NaN otherwise
};

// Everything the page draws for one test sample, gathered by SequenceSession::views() in one
// call: the sample, the output, and per layer what it has to show.
struct SequenceLayerView {
  Index layer = 0;
  std::string kind;
  Index steps = 0, units = 0;                 // recurrent layers: T and H
  std::vector<std::string> gates;             // recurrent layers: gate names, in storage order
  RowVector hidden;                           // T·H, step t at t·H …
  RowVector gateValues;                       // T·G·H, gate g of step t at (t·G + g)·H …
  Vector gradientNorms;                       // T, from the last training step
  std::vector<Matrix> attention;              // per head: T×T, row = query, column = key
};

struct SequenceViews {
  Index sample = 0;
  RowVector input, target, output;
  std::vector<SequenceLayerView> layers;      // the recurrent and attention layers only
};

class SequenceSession {
 public:
  explicit SequenceSession(SequenceSessionConfig config);
  SequenceSession(const SequenceSession&) = delete;
  SequenceSession& operator=(const SequenceSession&) = delete;

  const SequenceSessionConfig& config() const { return config_; }
  const SequenceData& data() const { return data_; }
  Network& network() { return *network_; }
  const Network& network() const { return *network_; }

  SequenceStepResult step();
  SequenceStepResult train(int steps);  // returns the last step's result
  const SequenceStepResult& last() const { return last_; }
  SequenceEvaluation evaluate();
  // Three values per step: step, loss, accuracy.
  const std::vector<double>& history() const { return history_; }

  // New weights, optimizer state and batch order; the same seed replays the same run.
  void reset();
  void reset(std::uint64_t seed);
  void setOptimizer(const OptimizerSettings& settings);

  // For tests and gradient checks: the session's loss on GIVEN samples (inputs N×(T·F), targets
  // as in SequenceData) with dL/dθ written into network().gradients(); no update, no clipping.
  double lossAndGradient(const ConstMatrixRef& inputs, const ConstMatrixRef& targets);
  // The loss alone (Eval mode forward).
  double lossOf(const ConstMatrixRef& inputs, const ConstMatrixRef& targets);

  // ---- model files (sequence_model.cpp) ----
  // The config (the task settings without a character model's text: its alphabet instead),
  // the parameters, the optimizer state, the dropout generator and the step count, as JSON:
  //   { "format": "nnplay-sequence", "version": 1, "config": {…toJson(config) minus task.text…},
  //     "alphabet": "…" (characters only), "steps": 600, "last": {"loss": …, "accuracy": …},
  //     "parameters": […], "state": […], "dropoutRng": {…},
  //     "optimizerState": {"step": 600, "slots": {"first_moment": […], …}},
  //     "batchOrder": {"order": [a permutation of the training pool], "cursor": 96, "rng": {…}},
  //     "history": [[step, loss, accuracy or null], …] (at most 2001 records: every k-th and
  //                 the last; optional when reading) }
  // Training continues after loadModel exactly as if it had not stopped, and history() goes on
  // from the file's records.
  std::string saveModel() const;
  // Replaces the whole session by the file's (its task, layers, optimizer, weights, steps).
  // A character model needs its text: `corpus`, or when empty this session's own text; the
  // text's alphabet must be the file's (the token ids mean the same characters).
  // Atomic: a bad file throws ModelFormatError naming the problem and changes nothing.
  void loadModel(const std::string& file, const std::string& corpus = {});

  // ---- views (sequence_views.cpp) ----
  // Runs test sample `sample` through the network (Eval mode). The layer views below read
  // this forward until the next step().
  void inspect(Index sample);
  Index inspectedSample() const { return inspected_; }
  // The network's output for the inspected sample (outputWidth() values) and its targets.
  ConstMatrixMap inspectedOutput() const;
  // Recurrent layer `layer`: h_t for the inspected sample, T·H values, step t at t·H …
  RowVector hiddenStates(Index layer) const;
  // Gate activations, T·G·H values: gate g of step t at (t·G + g)·H … (gateNames() order).
  RowVector gateActivations(Index layer) const;
  std::vector<std::string> gateNames(Index layer) const;
  // ‖dL/dh_t‖ per step from the last training step's backward (T values).
  Vector gradientNormPerStep(Index layer) const;
  // Attention (self_attention or transformer_block): T×T weights of one head for the
  // inspected sample, row = query step, column = key step.
  Matrix attentionWeights(Index layer, Index head) const;
  Index attentionHeads(Index layer) const;
  // inspect(sample), then every view of every recurrent and attention layer (allocates: once
  // per frame, not per step).
  SequenceViews views(Index sample);
  // Signals: one-step predictions for the first `seen` test windows (prediction i is for
  // testSignal[T + i]) followed by `free` values generated from the model's own outputs.
  Vector forecast(Index seen, Index free);
  // Characters: `count` characters sampled after `prompt` at `temperature` (> 0).
  std::string sampleText(const std::string& prompt, Index count, double temperature, std::uint64_t seed);

 private:
  void build();
  void gatherBatch();
  // Loss (and accuracy) of `outputs` against `targets`; writes dL/d(outputs) when gradient
  // is not null. Returns {loss, accuracy}.
  std::pair<double, double> score(const ConstMatrixRef& outputs, const ConstMatrixRef& targets,
                                  MatrixRef* gradient) const;
  void requireInspected(const char* view) const;
  const Layer& viewLayer(Index layer, const char* view) const;

  SequenceSessionConfig config_;
  SequenceData data_;
  std::unique_ptr<Network> network_;
  std::unique_ptr<Optimizer> optimizer_;
  Rng orderRng_;
  std::vector<Index> order_;
  Index cursor_ = 0;
  Matrix batchInputs_, batchTargets_, outputGradient_, checkGradient_;
  SequenceStepResult last_;
  std::vector<double> history_;
  Matrix viewInput_;
  Index inspected_ = -1;
};

}  // namespace nnplay
