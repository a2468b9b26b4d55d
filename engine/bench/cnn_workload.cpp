#include "bench/cnn_workload.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <memory>

#include "core/rng.h"
#include "core/workspace.h"
#include "layers/activation_layer.h"
#include "layers/conv2d.h"
#include "layers/dense.h"
#include "layers/flatten.h"
#include "layers/max_pool2d.h"
#include "losses/loss.h"
#include "optimizers/optimizer.h"

#ifndef NNPLAY_BENCH_FASHION_MNIST
#define NNPLAY_BENCH_FASHION_MNIST ""
#endif

namespace nnplay::bench {

namespace {

constexpr std::uint64_t kSeed = 1;
constexpr Index kBatch = 32, kSide = 28, kClasses = 10;
constexpr double kLearningRate = 0.01;

// ---- The images ---------------------------------------------------------------------------

struct Images {
  Matrix pixels;   // N×784, values in [0, 1]
  Matrix targets;  // N×10 one-hot
  std::string source;
};

// web/data/fashion-mnist.bin (layout in build-scripts/build-data.mjs, all uint8): the 10,000
// training images (784 bytes each, row-major 28×28: already the engine's (c·H + y)·W + x order
// for one channel), their 10,000 labels, then the 2,000 test images and labels (unused here).
bool loadFashionMnist(Images& images) {
  constexpr Index kTrain = 10000, kTest = 2000;  // 1000 and 200 per class
  std::ifstream in(NNPLAY_BENCH_FASHION_MNIST, std::ios::binary | std::ios::ate);
  if (!in || static_cast<Index>(in.tellg()) != (kTrain + kTest) * (kSide * kSide + 1)) return false;
  in.seekg(0);
  std::vector<unsigned char> bytes(static_cast<std::size_t>(kTrain * (kSide * kSide + 1)));
  if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()))) return false;
  images.pixels.resize(kTrain, kSide * kSide);
  images.targets = Matrix::Zero(kTrain, kClasses);
  for (Index i = 0; i < kTrain; ++i) {
    for (Index j = 0; j < kSide * kSide; ++j)
      images.pixels(i, j) = static_cast<Scalar>(bytes[static_cast<std::size_t>(i * kSide * kSide + j)]) / 255;
    const int label = bytes[static_cast<std::size_t>(kTrain * kSide * kSide + i)];
    if (label >= kClasses) return false;
    images.targets(i, label) = 1;
  }
  images.source = "Fashion-MNIST subset (10000 training images)";
  return true;
}

Images randomImages() {
  constexpr Index kCount = 2048;
  Images images;
  Rng rng(kSeed);
  images.pixels.resize(kCount, kSide * kSide);
  for (Index j = 0; j < kSide * kSide; ++j)
    for (Index i = 0; i < kCount; ++i) images.pixels(i, j) = static_cast<Scalar>(rng.uniform());
  images.targets = Matrix::Zero(kCount, kClasses);
  for (Index i = 0; i < kCount; ++i) images.targets(i, static_cast<Index>(rng.below(kClasses))) = 1;
  images.source = "seeded random 28x28 images (web/data/fashion-mnist.bin not found)";
  return images;
}

// ---- The network --------------------------------------------------------------------------

// The layers chained with flat parameter/gradient buffers and one workspace per layer output,
// as Network does; the registry-built Network will replace this once it accepts image inputs.
class SmallCnn {
 public:
  SmallCnn() {
    add(std::make_unique<Conv2DLayer>(Shape::image(1, kSide, kSide), 8, 5, 1, Padding::Same), Initializer::HeNormal);
    addReluAndPool();
    add(std::make_unique<Conv2DLayer>(shape_, 16, 5, 1, Padding::Same), Initializer::HeNormal);
    addReluAndPool();
    add(std::make_unique<FlattenLayer>(shape_));
    add(std::make_unique<DenseLayer>(shape_.size(), kClasses), Initializer::XavierUniform);
    add(std::make_unique<ActivationLayer>(kClasses, Activation::Softmax));
    Index total = 0;
    for (const auto& l : layers_) total += l->parameterCount();
    parameters_ = Vector::Zero(total);
    gradients_ = Vector::Zero(total);
    decayMask_ = Vector::Zero(total);
    Index offset = 0;
    for (const auto& l : layers_) {
      l->bind(parameters_.data() + offset, gradients_.data() + offset, nullptr);
      l->writeDecayMask(decayMask_.data() + offset);
      offset += l->parameterCount();
    }
    outputs_.resize(layers_.size());
    grads_.resize(layers_.size());
    OptimizerSettings sgd;
    sgd.kind = OptimizerKind::SGD;
    sgd.learningRate = kLearningRate;
    optimizer_ = Optimizer::create(sgd, total);
    restart();
  }

  void restart() {
    Rng rng(kSeed);
    for (std::size_t i = 0; i < layers_.size(); ++i) layers_[i]->initialize(initializers_[i], rng);
    optimizer_->reset();
  }

  // forward, fused softmax+CCE backward, SGD step; returns the batch loss.
  double trainBatch(const ConstMatrixRef& x, const ConstMatrixRef& t) {
    const Index n = x.rows();
    for (std::size_t i = 0; i < layers_.size(); ++i) {
      MatrixMap out = outputs_[i].view(n, layers_[i]->outputWidth());
      if (i == 0) layers_[i]->forward(x, out, Mode::Train);
      else layers_[i]->forward(view(outputs_[i - 1], n, layers_[i]->inputWidth()), out, Mode::Train);
    }
    const std::size_t top = layers_.size() - 1;
    const ConstMatrixMap y = view(outputs_[top], n, kClasses);
    fusedGradient(Loss::CategoricalCrossEntropy, y, t, grads_[top - 1].view(n, kClasses));
    for (std::size_t i = top; i-- > 0;) {
      const Layer& layer = *layers_[i];
      const ConstMatrixMap gradOut = view(grads_[i], n, layer.outputWidth());
      const ConstMatrixMap out = view(outputs_[i], n, layer.outputWidth());
      if (i == 0) {  // no input gradient needed
        layers_[i]->backward(x, out, gradOut, MatrixMap(nullptr, 0, 0), false);
      } else {
        layers_[i]->backward(view(outputs_[i - 1], n, layer.inputWidth()), out, gradOut,
                             grads_[i - 1].view(n, layer.inputWidth()), true);
      }
    }
    optimizer_->step(parameters_, gradients_, decayMask_);
    return static_cast<double>(lossValue(Loss::CategoricalCrossEntropy, y, t));
  }

 private:
  static ConstMatrixMap view(const Workspace& w, Index rows, Index cols) { return {w.data(), rows, cols}; }
  void add(std::unique_ptr<Layer> layer, Initializer init = Initializer::XavierUniform) {
    shape_ = layer->outputShape();
    layers_.push_back(std::move(layer));
    initializers_.push_back(init);
  }
  void addReluAndPool() {
    const Shape image = shape_;
    add(std::make_unique<ActivationLayer>(image.size(), Activation::ReLU));
    add(std::make_unique<MaxPool2DLayer>(image, 2));
  }

  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Initializer> initializers_;
  std::vector<Workspace> outputs_, grads_;
  Vector parameters_, gradients_, decayMask_;
  std::unique_ptr<Optimizer> optimizer_;
  Shape shape_;
};

struct CnnRun {
  Images images;
  SmallCnn net;
  Index cursor = 0;

  explicit CnnRun(Images data) : images(std::move(data)) {}
  void restart() {
    net.restart();
    cursor = 0;
  }
  double batch() {
    const Index rows = std::min(kBatch, images.pixels.rows() - cursor);
    const double loss = net.trainBatch(images.pixels.middleRows(cursor, rows), images.targets.middleRows(cursor, rows));
    cursor += rows;
    if (cursor == images.pixels.rows()) cursor = 0;
    return loss;
  }
};

}  // namespace

void appendCnnWorkloads(std::vector<Workload>& workloads, const std::set<std::string>& only) {
  if (!only.empty() && only.count("W6") == 0) return;
  Images images;
  if (!loadFashionMnist(images)) images = randomImages();
  const std::string title = "CNN conv5x5x8-relu-pool2-conv5x5x16-relu-pool2-dense10, softmax+CCE, batch 32, SGD, " +
                            images.source;
  auto run = std::make_shared<CnnRun>(std::move(images));
  workloads.push_back({"W6", title, "layer objects: forward+backward+Optimizer::step per batch", "samples/s",
                       static_cast<double>(kBatch), [run] { return run->batch(); }, [run] { run->restart(); }});
}

}  // namespace nnplay::bench
