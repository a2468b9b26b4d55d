#include "cli/fashion_mnist.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include "core/error.h"
#include "io/json_reader.h"
#include "io/model_io.h"
#include "io/spec_json.h"
#include "network/network.h"
#include "optimizers/optimizer.h"
#include "training/trainer.h"

namespace nnplay::cli {

namespace {

constexpr Index kTrain = 10000, kTest = 2000, kPixels = 784;

// web/data/fashion-mnist.bin (build-scripts/build-data.mjs, all uint8): the training images
// (784 bytes each, row-major 28×28), their labels, then the test images and labels.
DataSplit loadImages(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError{"cannot open the Fashion-MNIST file \"" + path + "\" (give it with --data PATH)"};
  const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (static_cast<Index>(bytes.size()) != (kTrain + kTest) * (kPixels + 1)) {
    throw UsageError{"\"" + path + "\" is not the shipped Fashion-MNIST subset (" + std::to_string(bytes.size()) +
                     " bytes; expected " + std::to_string((kTrain + kTest) * (kPixels + 1)) + ")"};
  }
  auto part = [&](std::size_t imagesAt, Index n) {
    Dataset d;
    d.classes = 10;
    d.points.resize(n, kPixels);
    d.labels.resize(n);
    const std::size_t labelsAt = imagesAt + static_cast<std::size_t>(n * kPixels);
    for (Index i = 0; i < n; ++i) {
      for (Index j = 0; j < kPixels; ++j) d.points(i, j) = static_cast<Scalar>(bytes[imagesAt + static_cast<std::size_t>(i * kPixels + j)]) / 255;
      d.labels(i) = static_cast<Scalar>(bytes[labelsAt + static_cast<std::size_t>(i)]);
    }
    d.validate();
    return d;
  };
  DataSplit s;
  s.train = part(0, kTrain);
  s.test = part(static_cast<std::size_t>(kTrain * (kPixels + 1)), kTest);
  return s;
}

// The page's presets (web/js/ground/image-architecture.js).
NetworkSpec presetSpec(const std::string& name, std::uint64_t seed) {
  NetworkSpec s;
  s.input = Shape::image(1, 28, 28);
  s.loss = Loss::CategoricalCrossEntropy;
  s.seed = seed;
  const auto relu = LayerSpec::activationOf(Activation::ReLU);
  if (name == "cnn") {
    s.layers = {LayerSpec::of("conv2d", {{"filters", 8}, {"kernel", 5}, {"padding", "same"}}), relu,
                LayerSpec::of("max_pool2d", {{"size", 2}}),
                LayerSpec::of("conv2d", {{"filters", 16}, {"kernel", 5}, {"padding", "same"}}), relu,
                LayerSpec::of("max_pool2d", {{"size", 2}})};
  } else {
    s.layers = {LayerSpec::dense(128), relu, LayerSpec::dense(64), relu};
  }
  s.layers.insert(s.layers.begin() + (name == "cnn" ? static_cast<long>(s.layers.size()) : 0), LayerSpec::of("flatten"));
  s.layers.push_back(LayerSpec::dense(10));
  s.layers.push_back(LayerSpec::activationOf(Activation::Softmax));
  return s;
}

struct Model {
  NetworkSpec spec;
  std::optional<ModelFile> file;  // weights to start from
  std::string name;
};

Model readModelOption(const std::string& model, std::uint64_t seed) {
  if (model == "cnn" || model == "mlp") return {presetSpec(model, seed), std::nullopt, model == "cnn" ? "small CNN" : "MLP 784-128-64-10"};
  std::ifstream in(model);
  if (!in) throw UsageError{"--model must be cnn, mlp or a model file; cannot open \"" + model + "\""};
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json doc = parseJsonText(text.str(), model);
  if (doc.is_object() && doc.contains("format")) {
    ModelFile f = readModel(text.str());  // throws ModelFormatError with a clear message
    return {f.network, f, model};
  }
  return {networkSpecFromJson(JsonReader(doc, "network")), std::nullopt, model};
}

}  // namespace

std::vector<std::string> fashionMnistOptions() { return {"model", "data"}; }

int trainFashionMnist(const Args& a) {
  const std::uint64_t seed = static_cast<std::uint64_t>(a.integer("seed", 1, 0, (1LL << 53) - 1));
  const DataSplit split = loadImages(a.text("data", "web/data/fashion-mnist.bin"));
  const Model m = readModelOption(a.text("model", "cnn"), seed);
  Network net(m.spec);  // names the layer when a shape does not fit
  if (net.inputWidth() != kPixels || net.outputWidth() != 10) {
    throw InvalidArgument("the model takes " + std::to_string(net.inputWidth()) + " inputs and gives " +
                          std::to_string(net.outputWidth()) + " outputs; Fashion-MNIST needs 784 and 10");
  }
  OptimizerSettings os = OptimizerSettings::defaultsFor(parseOptimizerKind(a.text("optimizer", "adam")));
  os.learningRate = a.number("lr", os.kind == OptimizerKind::Adam ? 0.001 : 0.01);
  auto optimizer = Optimizer::create(os, net.parameterCount());
  if (m.file) applyModel(*m.file, net, *optimizer);
  TrainingSettings ts;
  ts.batchSize = a.integer("batch", 64, 1, 100000);
  ts.seed = seed;
  Trainer trainer(net, *optimizer, split.train, split.test, ts);
  const int epochs = static_cast<int>(a.integer("epochs", 5, 1, 100000));
  std::printf("fashion-mnist: %lld train / %lld test images, %s, %lld parameters, %s, lr %g, batch %lld\n",
              (long long)split.train.size(), (long long)split.test.size(), m.name.c_str(), (long long)net.parameterCount(),
              optimizerName(os.kind), os.learningRate, (long long)ts.batchSize);
  std::printf("%7s %12s %12s   train acc    test acc   seconds\n", "epoch", "train loss", "test loss");
  for (int e = 1; e <= epochs; ++e) {
    const auto start = std::chrono::steady_clock::now();
    const EpochRecord r = trainer.stepEpoch();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%7d %12.6f %12.6f   %8.1f %% %8.1f %%   %7.2f\n", r.epoch, r.trainLoss, r.testLoss,
                100 * r.trainAccuracy, 100 * r.testAccuracy, seconds);
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace nnplay::cli
