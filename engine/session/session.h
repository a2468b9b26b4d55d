// A playground session: one network, its data, optimizer and trainer, snapshots, and the
// evaluation buffers the page draws from. The WASM bindings expose this class almost
// one-to-one; it knows nothing about JavaScript.
//
// Lifetimes of the raw views (outputData(), neuronLayerData(), parameters()…): valid until
// the next call that trains, evaluates, configures or loads. Copy or draw them at once.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/workspace.h"
#include "data/dataset.h"
#include "io/model_io.h"
#include "network/network.h"
#include "optimizers/optimizer.h"
#include "session/image_views.h"
#include "session/session_config.h"
#include "training/trainer.h"

namespace nnplay {

// One "neuron layer" as the page draws it: a dense layer and the activation after it.
struct NeuronLayer {
  Index denseLayer = 0;   // index of the Dense layer in the stack
  Index outputLayer = 0;  // index of the layer whose output is this neuron layer's output
  Index inputs = 0;
  Index units = 0;
  Activation activation = Activation::Linear;
  Index weightOffset = 0;  // into parameters(): W (inputs×units, column-major)
  Index biasOffset = 0;    // into parameters(): b (units)
};

class Session {
 public:
  Session();
  explicit Session(const std::string& configJson);
  ~Session();

  // ---- configuration ----
  // Replaces the configuration (missing fields take defaults). Atomic: after an error the
  // session is unchanged. Returns true when the network was rebuilt (new weights, training
  // restarted); a change of optimizer or training settings alone keeps the weights.
  bool configure(const std::string& json);
  // Applies an RFC 7386 merge patch to config() (e.g. {"optimizer": {"learningRate": 0.1}}).
  bool update(const std::string& jsonPatch);
  std::string config() const;
  // Architecture and data facts as JSON (layers, neuron layers, offsets, sizes, bounds…).
  std::string describe() const;

  // ---- data ----
  // Custom data: n points of `dims` coordinates (row-major, as JavaScript holds them) with
  // labels (class indices, or values when classes is 0). keepNetwork keeps the weights,
  // optimizer state and epoch count when the network still fits (editing points).
  void setCustomData(const float* points, const float* labels, Index n, Index dims, int classes, bool keepNetwork);
  // The raw points (before features) of each part, N×dims column-major, and their labels.
  // Only 2-D data has features; other data is trained on as it is, without a second copy.
  const Dataset& rawTrain() const { return hasFeatures() ? rawSplit_.train : trainer_->trainSet(); }
  const Dataset& rawTest() const { return hasFeatures() ? rawSplit_.test : trainer_->testSet(); }
  bool hasFeatures() const { return raw_.points.cols() == 2; }

  // ---- training ----
  BatchResult stepBatch();
  EpochRecord stepEpoch();
  // Up to maxBatches mini-batches; stops early only on divergence (which throws). Returns
  // the number of epochs completed.
  int train(int maxBatches);
  // New weights from the network seed (or seed), optimizer state and history cleared.
  void reset();
  void reset(std::uint64_t seed);
  EpochRecord evaluate() { return trainer_->evaluate(); }
  const Trainer& trainer() const { return *trainer_; }
  const Network& network() const { return *network_; }
  Network& network() { return *network_; }
  const Optimizer& optimizer() const { return *optimizer_; }

  // ---- evaluation (for drawing) ----
  // A resolution×resolution grid of cell centres over [xMin, xMax]×[yMin, yMax]; row r of the
  // batch is cell (r % resolution, r / resolution) and cell row 0 is the top (y near yMax).
  void evaluateGrid(int resolution, double xMin, double xMax, double yMin, double yMax);
  // Raw points, n×dims row-major (features are applied as for training).
  void evaluatePoints(const float* points, Index n, Index dims);
  // Feeds values (n×units of neuron layer `layer`, row-major) into the layers after it, e.g.
  // points of an autoencoder's 2-D code plane through the decoder. Afterwards outputData()
  // and the neuron layers after `layer` hold the results (earlier ones are not valid).
  void evaluateFrom(Index layer, const float* values, Index n, Index units);
  Index evaluatedRows() const { return evaluatedRows_; }
  const Scalar* inputData() const;   // evaluatedRows×inputs (the features), column-major
  const Scalar* outputData() const;  // evaluatedRows×outputs, column-major
  Index neuronLayerCount() const { return static_cast<Index>(neuronLayers_.size()); }
  const NeuronLayer& neuronLayer(Index i) const;
  const Scalar* neuronLayerData(Index i) const;  // evaluatedRows×units, column-major

  // ---- image views (CNN; session/image_views.h) ----
  ConvFilters convFilters(Index layer) const { return nnplay::convFilters(*network_, layer); }
  // Evaluates one point (an image of `dims` values) and returns every layer's output for it;
  // inputData() then holds the image as the network saw it.
  std::vector<LayerOutputView> featureMaps(const float* image, Index dims);

  // ---- parameters ----
  Scalar weight(Index layer, Index from, Index to) const;
  void setWeight(Index layer, Index from, Index to, double value);
  Scalar bias(Index layer, Index neuron) const;
  void setBias(Index layer, Index neuron, double value);
  // Replaces all parameters at once (n must equal parameterCount; values finite).
  void setParameters(const float* values, Index n);

  // ---- snapshots (rewind) ----
  int takeSnapshot();
  void restoreSnapshot(int id);
  void deleteSnapshot(int id);
  std::string snapshots() const;  // JSON: [{"id", "epoch", "step", "trainLoss"}]

  // ---- model files ----
  std::string saveModel() const;
  void loadModel(const std::string& text);  // atomic; throws ModelFormatError

  // ---- diagnostics ----
  // Finite-difference check of the current network on (up to 16) training points, as JSON.
  std::string checkGradients();

 private:
  struct Built;
  struct Snapshot;
  enum class Keep { Nothing, NetworkIfFits };
  // custom: new custom data, moved from.
  std::unique_ptr<Built> prepare(const SessionConfig& next, Dataset* custom, Keep keep) const;
  bool commit(std::unique_ptr<Built> built);
  Index checkNeuronIndex(Index layer, Index from, Index to) const;
  void evaluateRawPoints(Index rows);  // evalPoints_ (rows×dims) → features → network

  SessionConfig config_;
  Dataset raw_;          // the whole data set before the split (generated or custom)
  DataSplit rawSplit_;   // its split, before features (2-D data only)
  std::unique_ptr<Network> network_;
  std::unique_ptr<Optimizer> optimizer_;
  std::unique_ptr<Trainer> trainer_;
  std::vector<NeuronLayer> neuronLayers_;
  std::map<int, Snapshot> snapshots_;
  int nextSnapshotId_ = 1;
  // Evaluation buffers; grow to the largest grid, then are reused.
  Workspace evalPoints_, evalInputs_;
  Index evaluatedRows_ = 0;
};

}  // namespace nnplay
