#include "bench/cnn_workload.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <memory>

#include "core/rng.h"
#include "network/network.h"
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

// Built through the layer registry, as the page and model files build networks.
NetworkSpec smallCnnSpec() {
  NetworkSpec s;
  s.input = Shape::image(1, kSide, kSide);
  s.layers = {LayerSpec::of("conv2d", {{"filters", 8}, {"kernel", 5}, {"padding", "same"}}),
              LayerSpec::activationOf(Activation::ReLU),
              LayerSpec::of("max_pool2d", {{"size", 2}}),
              LayerSpec::of("conv2d", {{"filters", 16}, {"kernel", 5}, {"padding", "same"}}),
              LayerSpec::activationOf(Activation::ReLU),
              LayerSpec::of("max_pool2d", {{"size", 2}}),
              LayerSpec::of("flatten"),
              LayerSpec::dense(kClasses),
              LayerSpec::activationOf(Activation::Softmax)};
  s.loss = Loss::CategoricalCrossEntropy;
  s.seed = kSeed;
  return s;
}

// forward, backward (fused softmax + CCE), SGD step per batch, over the images in order: as
// W3's LoopRun.
struct CnnRun {
  Images images;
  Network net;
  std::unique_ptr<Optimizer> optimizer;
  Index cursor = 0;

  explicit CnnRun(Images data)
      : images(std::move(data)), net(smallCnnSpec()), optimizer(Optimizer::create(sgd(), net.parameterCount())) {}
  static OptimizerSettings sgd() {
    OptimizerSettings s;
    s.kind = OptimizerKind::SGD;
    s.learningRate = kLearningRate;
    return s;
  }
  void restart() {
    net.initialize(kSeed);
    optimizer->reset();
    cursor = 0;
  }
  double batch() {
    const Index rows = std::min(kBatch, images.pixels.rows() - cursor);
    net.forward(images.pixels.middleRows(cursor, rows), Mode::Train);
    const double loss = net.backward(images.targets.middleRows(cursor, rows));
    optimizer->step(net.parameters(), net.gradients(), net.decayMask());
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
  workloads.push_back({"W6", title, "Network (registry-built) forward+backward+Optimizer::step per batch", "samples/s",
                       static_cast<double>(kBatch), [run] { return run->batch(); }, [run] { run->restart(); }});
}

}  // namespace nnplay::bench
