// A playground session: one network, its data, optimizer and trainer, snapshots, and the
// evaluation buffers the page draws from. The WASM bindings expose this class almost
// one-to-one; it knows nothing about JavaScript.
//
// It is a facade over parts with one job each:
//   session_builder   configuration → data, network, optimizer, trainer (built aside, then committed)
//   session_data      features, custom points and their model-file form
//   trainer           the training loop (training/trainer.h)
//   evaluation_views  grids, points and neuron layers for drawing
//   parameter_editing and snapshot_store   editing weights by hand; rewind
//   model_io          model files (io/model_io.h), plus the session's settings and custom points
//
// Lifetimes of the raw views (outputData(), neuronLayerData(), parameters()…): valid until
// the next call that trains, evaluates, configures or loads. Copy or draw them at once.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "diagnostics/backprop_trace.h"
#include "network/network.h"
#include "optimizers/optimizer.h"
#include "session/evaluation_views.h"
#include "session/image_views.h"
#include "session/session_builder.h"
#include "session/session_config.h"
#include "session/snapshot_store.h"
#include "training/trainer.h"

namespace nnplay {

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
  const Dataset& rawTrain() const { return hasFeatures() ? parts_.rawSplit.train : parts_.trainer->trainSet(); }
  const Dataset& rawTest() const { return hasFeatures() ? parts_.rawSplit.test : parts_.trainer->testSet(); }
  bool hasFeatures() const { return parts_.raw.points.cols() == 2; }

  // ---- training ----
  BatchResult stepBatch();
  EpochRecord stepEpoch();
  // Up to maxBatches mini-batches; stops early only on divergence (which throws). Returns
  // the number of epochs completed.
  int train(int maxBatches);
  // New weights from the network seed (or seed), optimizer state and history cleared.
  void reset();
  void reset(std::uint64_t seed);
  EpochRecord evaluate() { return parts_.trainer->evaluate(); }
  const Trainer& trainer() const { return *parts_.trainer; }
  const Network& network() const { return *parts_.network; }
  Network& network() { return *parts_.network; }
  const Optimizer& optimizer() const { return *parts_.optimizer; }

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
  Index evaluatedRows() const { return views_.rows(); }
  const Scalar* inputData() const { return views_.inputData(); }    // evaluatedRows×inputs, column-major
  const Scalar* outputData() const { return views_.outputData(); }  // evaluatedRows×outputs, column-major
  Index neuronLayerCount() const { return views_.neuronLayerCount(); }
  const NeuronLayer& neuronLayer(Index i) const { return views_.neuronLayer(i); }
  const Scalar* neuronLayerData(Index i) const { return views_.neuronLayerData(i); }  // evaluatedRows×units

  // ---- image views (CNN; session/image_views.h) ----
  ConvFilters convFilters(Index layer) const { return nnplay::convFilters(*parts_.network, layer); }
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
  // One sample of the training set (index into trainer().trainSet()) traced forward and
  // back, with the update the optimizer would make for it (diagnostics/backprop_trace.h).
  BackpropTrace traceSample(Index trainIndex);
  // Per layer of the stack, the L2 norm of its gradients from the last step.
  std::vector<double> layerGradientNorms() const { return nnplay::layerGradientNorms(*parts_.network); }
  // The change the optimizer's next step would make if the gradients stayed as they are.
  Vector previewUpdate();

 private:
  bool commit(std::unique_ptr<SessionBuild> build);
  Index checkedWeightIndex(Index layer, Index from, Index to) const;

  SessionParts parts_;
  EvaluationViews views_;
  SnapshotStore snapshots_;
};

}  // namespace nnplay
