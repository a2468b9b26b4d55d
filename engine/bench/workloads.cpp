#include "bench/workloads.h"

#include <algorithm>
#include <memory>

#include "bench/baseline_mlp.h"
#include "bench/cnn_workload.h"
#include "bench/sequence_workload.h"
#include "core/error.h"
#include "core/rng.h"
#include "data/dataset.h"
#include "network/network.h"
#include "optimizers/optimizer.h"
#include "training/targets.h"
#include "training/trainer.h"

namespace nnplay::bench {

namespace {

constexpr std::uint64_t kSeed = 1;

// ---- The problems -----------------------------------------------------------------------

struct Problem {
  NetworkSpec spec;
  Dataset data;
  double learningRate;
  Index batchSize;
};

Problem circleProblem() {  // W1
  DatasetOptions options;
  options.kind = DatasetKind::Circle;
  options.points = 500;
  options.noise = 0.0;
  options.seed = kSeed;
  return {mlpSpec(2, std::vector<Index>{8, 8}, Activation::Tanh, 1, Activation::Sigmoid,
                  Loss::BinaryCrossEntropy, kSeed),
          generateDataset(options), 0.03, 10};
}

Problem xorProblem() {  // W2, as `nnplay xor`
  DatasetOptions options;
  options.kind = DatasetKind::XorGate;
  return {mlpSpec(2, std::vector<Index>{4}, Activation::Sigmoid, 1, Activation::Sigmoid,
                  Loss::MeanSquaredError, kSeed),
          generateDataset(options), 1.0, 4};
}

// W3: MNIST-sized random data: inputs uniform in [0, 1), labels uniform in 0–9 (seeded).
Problem mnistSizedProblem() {
  constexpr Index kSamples = 8192, kFeatures = 784, kClasses = 10;
  Rng rng(kSeed);
  Dataset data;
  data.points.resize(kSamples, kFeatures);
  for (Index j = 0; j < kFeatures; ++j) {
    for (Index i = 0; i < kSamples; ++i) data.points(i, j) = static_cast<Scalar>(rng.uniform());
  }
  data.labels.resize(kSamples);
  for (Index i = 0; i < kSamples; ++i) data.labels(i) = static_cast<Scalar>(rng.below(kClasses));
  data.classes = kClasses;
  return {mlpSpec(kFeatures, std::vector<Index>{128, 64}, Activation::ReLU, kClasses,
                  Activation::Softmax, Loss::CategoricalCrossEntropy, kSeed),
          std::move(data), 0.01, 32};
}

OptimizerSettings sgd(double learningRate) {
  OptimizerSettings s;
  s.kind = OptimizerKind::SGD;
  s.learningRate = learningRate;
  return s;
}

// ---- Three ways of training ---------------------------------------------------------------

// The way the page trains: Trainer::stepEpoch (shuffle + gather each epoch, a
// forward/backward/step per batch, then an Eval-mode pass over the training set).
struct TrainerRun {
  Network net;
  std::unique_ptr<Optimizer> optimizer;
  Trainer trainer;

  TrainerRun(const Problem& p, bool shuffle)
      : net(p.spec), optimizer(Optimizer::create(sgd(p.learningRate), net.parameterCount())),
        trainer(net, *optimizer, p.data, emptyLike(p.data), settings(p.batchSize, shuffle)) {}

  static Dataset emptyLike(const Dataset& data) {  // no test set
    Dataset empty;
    empty.points.resize(0, data.points.cols());
    empty.labels.resize(0);
    empty.classes = data.classes;
    return empty;
  }

  static TrainingSettings settings(Index batchSize, bool shuffle) {
    TrainingSettings s;
    s.batchSize = batchSize;
    s.shuffle = shuffle;
    s.seed = kSeed;
    return s;
  }
  // Fresh weights and an empty history (the history grows by one record per epoch).
  void restart() {
    net.initialize(kSeed);
    optimizer->reset();
    trainer.resetProgress();
  }
  double epoch() { return trainer.stepEpoch().trainLoss; }
};

// The engine's parts driven directly: forward, backward, optimizer step per batch, over
// contiguous row blocks of the data in a fixed order (no shuffle, no per-epoch evaluation):
// the same work as the hand-written baseline.
struct LoopRun {
  Network net;
  std::unique_ptr<Optimizer> optimizer;
  std::shared_ptr<const Matrix> points, targets;
  Index batchSize;
  Index cursor = 0;

  LoopRun(const Problem& p, std::shared_ptr<const Matrix> x, std::shared_ptr<const Matrix> t)
      : net(p.spec), optimizer(Optimizer::create(sgd(p.learningRate), net.parameterCount())),
        points(std::move(x)), targets(std::move(t)), batchSize(p.batchSize) {}

  void restart() {
    net.initialize(kSeed);
    optimizer->reset();
    cursor = 0;
  }
  double batch() {
    const Index rows = std::min(batchSize, points->rows() - cursor);
    net.forward(points->middleRows(cursor, rows), Mode::Train);
    const Scalar loss = net.backward(targets->middleRows(cursor, rows));
    optimizer->step(net.parameters(), net.gradients(), net.decayMask());
    cursor += rows;
    if (cursor == points->rows()) cursor = 0;
    return loss;
  }
};

// The hand-written baseline on the same batches, from the same initial weights.
struct BaselineRun {
  BaselineMlp mlp;
  Vector initial;
  std::shared_ptr<const Matrix> points, targets;
  Index batchSize;
  Index cursor = 0;

  BaselineRun(const Problem& p, BaselineMlp::Hidden hidden, BaselineMlp::Head head,
              std::shared_ptr<const Matrix> x, std::shared_ptr<const Matrix> t)
      : mlp(p.spec.inputs(), p.spec.layers[0].integer("units"), p.spec.layers[2].integer("units"), p.spec.layers[4].integer("units"),
            hidden, head, static_cast<Scalar>(p.learningRate)),
        initial(Network(p.spec).parameters()), points(std::move(x)), targets(std::move(t)),
        batchSize(p.batchSize) {
    restart();
  }

  void restart() {
    mlp.setParameters(initial);
    cursor = 0;
  }
  double batch() {
    const Index rows = std::min(batchSize, points->rows() - cursor);
    const Scalar loss = mlp.trainBatch(points->middleRows(cursor, rows), targets->middleRows(cursor, rows));
    cursor += rows;
    if (cursor == points->rows()) cursor = 0;
    return loss;
  }
};

std::shared_ptr<const Matrix> targetsOf(const Problem& p) {
  const Activation out = p.spec.layers.back().activation();
  return std::make_shared<const Matrix>(
      encodeTargets(p.data.labels, p.data.classes, p.spec.layers[p.spec.layers.size() - 2].integer("units"), out));
}

// ---- W4 --------------------------------------------------------------------------------------

// The decision-surface grid: 256×256 cell centres over the circle data's bounds, one point
// per row, as the page evaluates it (one batch).
Matrix decisionGrid(Index side) {
  const Bounds b = datasetBounds(DatasetKind::Circle);
  Matrix grid(side * side, 2);
  for (Index iy = 0; iy < side; ++iy) {
    for (Index ix = 0; ix < side; ++ix) {
      grid(iy * side + ix, 0) = static_cast<Scalar>(b.xMin + (ix + 0.5) * (b.xMax - b.xMin) / side);
      grid(iy * side + ix, 1) = static_cast<Scalar>(b.yMax - (iy + 0.5) * (b.yMax - b.yMin) / side);
    }
  }
  return grid;
}

struct GridRun {
  Network net;
  Matrix grid;
  GridRun()
      : net(mlpSpec(2, std::vector<Index>{8, 8, 8}, Activation::Tanh, 1, Activation::Sigmoid,
                    Loss::BinaryCrossEntropy, kSeed)),
        grid(decisionGrid(256)) {}
  double evaluate() {
    const ConstMatrixMap out = net.forward(grid, Mode::Eval);
    return out(0, 0) + out(out.rows() - 1, 0);
  }
};

const char* kTrainerDriver = "Trainer::stepEpoch";
const char* kLoopDriver = "forward+backward+Optimizer::step per batch";
const char* kBaselineDriver = "hand-written Eigen MLP (baseline)";

}  // namespace

const std::vector<WorkloadId>& workloadIds() {
  static const std::vector<WorkloadId> ids = {
      {"W1", ""}, {"W1.loop", "W1.base"}, {"W1.base", ""},    {"W2", ""},
      {"W3", "W3.base"}, {"W3.base", ""}, {"W3.trainer", ""}, {"W4", ""}, {"W6", ""},
      {"W7.lstm", ""}, {"W7.transformer", ""}};
  return ids;
}

std::vector<Workload> makeWorkloads(const std::set<std::string>& only) {
  std::vector<Workload> w;
  auto wanted = [&](const char* id) { return only.empty() || only.count(id) > 0; };

  // W1: the playground's default-sized net on the circle.
  if (wanted("W1") || wanted("W1.loop") || wanted("W1.base")) {
    const Problem p = circleProblem();
    const auto x = std::make_shared<const Matrix>(p.data.points);
    const auto t = targetsOf(p);
    const double n = static_cast<double>(p.data.size());
    const Index batchesPerPass = p.data.size() / p.batchSize;
    const std::string title = "2-8-8-1 tanh, sigmoid+BCE, circle 500, batch 10, SGD";
    if (wanted("W1")) {
      auto trainer = std::make_shared<TrainerRun>(p, true);
      w.push_back({"W1", title, std::string(kTrainerDriver) + " (shuffle, per-epoch eval)", "samples/s", n,
                   [trainer] { return trainer->epoch(); }, [trainer] { trainer->restart(); }});
    }
    if (wanted("W1.loop")) {  // one call = one pass over the 500 points
      auto loop = std::make_shared<LoopRun>(p, x, t);
      w.push_back({"W1.loop", title, kLoopDriver, "samples/s", n,
                   [loop, batchesPerPass] {
                     double s = 0;
                     for (Index b = 0; b < batchesPerPass; ++b) s += loop->batch();
                     return s;
                   },
                   [loop] { loop->restart(); }});
    }
    if (wanted("W1.base")) {
      auto base = std::make_shared<BaselineRun>(p, BaselineMlp::Hidden::Tanh, BaselineMlp::Head::SigmoidBce, x, t);
      w.push_back({"W1.base", title, kBaselineDriver, "samples/s", n,
                   [base, batchesPerPass] {
                     double s = 0;
                     for (Index b = 0; b < batchesPerPass; ++b) s += base->batch();
                     return s;
                   },
                   [base] { base->restart(); }});
    }
  }

  // W2: XOR, full batch: one optimizer step and one evaluation per epoch.
  if (wanted("W2")) {
    auto trainer = std::make_shared<TrainerRun>(xorProblem(), false);
    w.push_back({"W2", "XOR 2-4-1 sigmoid, MSE, SGD lr 1, full batch (4 points)",
                 std::string(kTrainerDriver) + " (no shuffle, as `nnplay xor`)", "epochs/s", 1.0,
                 [trainer] { return trainer->epoch(); }, [trainer] { trainer->restart(); }});
  }

  // W3: an MNIST-sized net; its engine/baseline ratio is the target.
  if (wanted("W3") || wanted("W3.base") || wanted("W3.trainer")) {
    const Problem p = mnistSizedProblem();
    const auto x = std::make_shared<const Matrix>(p.data.points);
    const auto t = targetsOf(p);
    const std::string title = "784-128-64-10 ReLU, softmax+CCE, batch 32, 8192 random samples, SGD";
    const double batch = static_cast<double>(p.batchSize);
    if (wanted("W3")) {  // one call = one batch
      auto loop = std::make_shared<LoopRun>(p, x, t);
      w.push_back({"W3", title, kLoopDriver, "samples/s", batch, [loop] { return loop->batch(); },
                   [loop] { loop->restart(); }});
    }
    if (wanted("W3.base")) {
      auto base = std::make_shared<BaselineRun>(p, BaselineMlp::Hidden::ReLU, BaselineMlp::Head::SoftmaxCce, x, t);
      w.push_back({"W3.base", title, kBaselineDriver, "samples/s", batch, [base] { return base->batch(); },
                   [base] { base->restart(); }});
    }
    if (wanted("W3.trainer")) {  // one call = one epoch
      auto trainer = std::make_shared<TrainerRun>(p, true);
      w.push_back({"W3.trainer", title, std::string(kTrainerDriver) + " (shuffle, per-epoch eval of 8192)",
                   "samples/s", static_cast<double>(p.data.size()), [trainer] { return trainer->epoch(); },
                   [trainer] { trainer->restart(); }});
    }
  }

  // W4: the decision surface.
  if (wanted("W4")) {
    auto grid = std::make_shared<GridRun>();
    w.push_back({"W4", "2-8-8-8-1 tanh (sigmoid out), 256x256 grid as one batch",
                 "Network::forward(Mode::Eval)", "grids/s", 1.0, [grid] { return grid->evaluate(); }, {}});
  }

  // W6: a small CNN (bench/cnn_workload.h).
  appendCnnWorkloads(w, only);
  // W7: an LSTM and a small transformer (bench/sequence_workload.h).
  appendSequenceWorkloads(w, only);
  return w;
}

std::vector<BaselineCheck> checkBaselines(const std::set<std::string>& only) {
  std::vector<BaselineCheck> checks;
  auto check = [&](const std::string& id, const Problem& p, BaselineMlp::Hidden hidden,
                   BaselineMlp::Head head, int batches) {
    const auto x = std::make_shared<const Matrix>(p.data.points);
    const auto t = targetsOf(p);
    LoopRun engine(p, x, t);
    BaselineRun base(p, hidden, head, x, t);
    for (int b = 0; b < batches; ++b) {
      engine.batch();
      base.batch();
    }
    const Vector& a = engine.net.parameters();
    const Vector bp = base.mlp.parameters();
    require(a.size() == bp.size(), "the baseline's parameter layout differs from the engine's");
    checks.push_back({id, batches, static_cast<double>((a - bp).cwiseAbs().maxCoeff()),
                      static_cast<double>(a.cwiseAbs().maxCoeff())});
  };
  const bool all = only.empty();
  if (all || only.count("W1.base")) {
    check("W1", circleProblem(), BaselineMlp::Hidden::Tanh, BaselineMlp::Head::SigmoidBce, 100);
  }
  if (all || only.count("W3.base")) {
    check("W3", mnistSizedProblem(), BaselineMlp::Hidden::ReLU, BaselineMlp::Head::SoftmaxCce, 20);
  }
  return checks;
}

}  // namespace nnplay::bench
