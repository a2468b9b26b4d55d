// Bad input throws a typed nnplay exception whose message names the setting, the value and
// what is allowed; the objects involved keep working afterwards.
#include <catch2/catch.hpp>

#include <limits>

#include "core/error.h"
#include "data/dataset.h"
#include "layers/layer_registry.h"
#include "network/network.h"
#include "optimizers/optimizer.h"
#include "regularization/regularizer.h"
#include "support/test_data.h"
#include "support/thrown_message.h"
#include "training/trainer.h"

using namespace nnplay;
using Catch::Matchers::Contains;
using test::thrownMessage;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

NetworkSpec smallSpec(std::uint64_t seed = 1) {
  return mlpSpec(2, std::vector<Index>{4}, Activation::Tanh, 1, Activation::Sigmoid, Loss::BinaryCrossEntropy, seed);
}

Dataset points(DatasetKind kind, Index n = 40) {
  DatasetOptions o;
  o.kind = kind;
  o.points = n;
  o.classes = 3;
  return generateDataset(o);
}

}  // namespace

TEST_CASE("every engine error derives from nnplay::Error", "[errors]") {
  STATIC_REQUIRE(std::is_base_of<Error, InvalidArgument>::value);
  STATIC_REQUIRE(std::is_base_of<Error, TrainingDiverged>::value);
  STATIC_REQUIRE(std::is_base_of<Error, ModelFormatError>::value);
  STATIC_REQUIRE(std::is_base_of<std::runtime_error, Error>::value);
}

TEST_CASE("network specs are checked layer by layer", "[errors][network]") {
  SECTION("a zero-width dense layer") {
    NetworkSpec spec = smallSpec();
    spec.layers[0].params["units"] = 0;
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Network net(spec); }),
               Contains("layer 1 (dense)") && Contains("at least 1 neuron") && Contains("got 0"));
  }
  SECTION("an empty network") {
    NetworkSpec spec = smallSpec();
    spec.layers.clear();
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Network net(spec); }), Contains("empty"));
  }
  SECTION("no inputs") {
    NetworkSpec spec = smallSpec();
    spec.input = Shape::features(0);
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Network net(spec); }),
               Contains("at least 1 input") && Contains("got 0"));
  }
  SECTION("a dropout rate of 1 or below 0") {
    for (double rate : {1.0, -0.1, 1.5, kNaN}) {
      NetworkSpec spec = smallSpec();
      spec.layers.insert(spec.layers.begin() + 2, LayerSpec::dropout(rate));
      const std::string message = thrownMessage<InvalidArgument>([&] { Network net(spec); });
      CAPTURE(rate);
      CHECK_THAT(message, Contains("layer 3 (dropout)") && Contains("dropout rate") && Contains("[0, 1)"));
    }
  }
  SECTION("a batch-norm momentum outside [0, 1)") {
    for (double momentum : {1.0, -0.1, 2.0}) {
      NetworkSpec spec = smallSpec();
      spec.layers.insert(spec.layers.begin() + 1, LayerSpec::batchNorm(momentum));
      const std::string message = thrownMessage<InvalidArgument>([&] { Network net(spec); });
      CAPTURE(momentum);
      CHECK_THAT(message, Contains("layer 2 (batch_norm)") && Contains("momentum") && Contains("[0, 1)") &&
                              Contains(formatNumber(momentum)));
    }
  }
  SECTION("a batch-norm epsilon of 0") {
    NetworkSpec spec = smallSpec();
    spec.layers.insert(spec.layers.begin() + 1, LayerSpec::batchNorm(0.9, 0.0));
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Network net(spec); }),
               Contains("epsilon") && Contains("positive"));
  }
  SECTION("a leaky ReLU slope outside [0, 1)") {
    NetworkSpec spec = smallSpec();
    spec.layers[1] = LayerSpec::activationOf(Activation::LeakyReLU, 1.5);
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Network net(spec); }),
               Contains("layer 2 (activation)") && Contains("alpha") && Contains("1.5"));
  }
}

TEST_CASE("unknown names list the valid ones", "[errors]") {
  CHECK_THAT(thrownMessage<InvalidArgument>([] { parseActivation("swish"); }),
             Contains("\"swish\"") && Contains("relu") && Contains("leaky_relu") && Contains("softmax"));
  CHECK_THAT(thrownMessage<InvalidArgument>([] { parseLoss("hinge"); }),
             Contains("\"hinge\"") && Contains("mse") && Contains("categorical_cross_entropy"));
  CHECK_THAT(thrownMessage<InvalidArgument>([] { parseOptimizerKind("lion"); }),
             Contains("\"lion\"") && Contains("sgd") && Contains("adam") && Contains("nesterov"));
  CHECK_THAT(thrownMessage<InvalidArgument>([] { parseRegularization("l3"); }),
             Contains("\"l3\"") && Contains("l1") && Contains("l2"));
  CHECK_THAT(thrownMessage<InvalidArgument>([] { parseInitializer("zeros"); }),
             Contains("\"zeros\"") && Contains("he_normal"));
  CHECK_THAT(thrownMessage<InvalidArgument>([] { findLayerKind("conv"); }),
             Contains("\"conv\"") && Contains("batch_norm"));
  // Case matters: names are the lower-case ones the page and model files use.
  CHECK_THROWS_AS(parseActivation("ReLU"), InvalidArgument);
}

TEST_CASE("a forward with the wrong input width throws and the network still works", "[errors][network]") {
  Network net(smallSpec());
  const Matrix good = test::randomMatrix(5, 2, 1);
  const Matrix before = net.predict(good);
  const Matrix bad = test::randomMatrix(5, 3, 2);
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { net.forward(bad, Mode::Train); }),
             Contains("3 columns") && Contains("expects 2 inputs"));
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { net.forward(Matrix(0, 2), Mode::Eval); }), Contains("empty"));
  REQUIRE(net.predict(good) == before);
  // Targets of the wrong shape are rejected, then a correct backward works.
  net.forward(good, Mode::Train);
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { net.backward(Matrix::Zero(5, 2)); }),
             Contains("5×2") && Contains("5×1"));
  const Scalar loss = net.backward(Matrix::Zero(5, 1));
  CAPTURE(loss);
  REQUIRE(std::isfinite(loss));
  REQUIRE(net.gradients().allFinite());
}

TEST_CASE("backward before any forward is refused", "[errors][network]") {
  Network net(smallSpec());
  CHECK_THAT(thrownMessage<InvalidArgument>([&] { net.backward(Matrix::Zero(1, 1)); }),
             Contains("forward before backward"));
}

TEST_CASE("optimizer settings out of range are refused with the value", "[errors][optimizer]") {
  OptimizerSettings s = OptimizerSettings::defaultsFor(OptimizerKind::Adam);
  SECTION("NaN learning rate") {
    s.learningRate = kNaN;
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Optimizer::create(s, 3); }),
               Contains("learning rate") && Contains("NaN"));
  }
  SECTION("negative learning rate") {
    s.learningRate = -0.1;
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Optimizer::create(s, 3); }),
               Contains("learning rate") && Contains("from 0 and below") && Contains("-0.1"));
  }
  SECTION("infinite learning rate") {
    s.learningRate = std::numeric_limits<double>::infinity();
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Optimizer::create(s, 3); }), Contains("learning rate"));
  }
  SECTION("absurdly large learning rate names the limit") {
    s.learningRate = 1e7;
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Optimizer::create(s, 3); }),
               Contains("learning rate") && Contains("1e+07") && Contains("1e+06"));
  }
  SECTION("momentum 1") {
    s.kind = OptimizerKind::Momentum;
    s.momentum = 1;
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Optimizer::create(s, 3); }),
               Contains("momentum") && Contains("from 0 and below 1") && Contains("got 1"));
  }
  SECTION("beta2 above 1") {
    s.beta2 = 1.2;
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Optimizer::create(s, 3); }), Contains("beta2") && Contains("1.2"));
  }
  SECTION("epsilon 0") {
    s.epsilon = 0;
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Optimizer::create(s, 3); }), Contains("epsilon"));
  }
  SECTION("negative weight decay") {
    s.weightDecay = -1;
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Optimizer::create(s, 3); }),
               Contains("weight decay") && Contains("-1"));
  }
}

TEST_CASE("a refused learning-rate change leaves the optimizer as it was", "[errors][optimizer]") {
  std::unique_ptr<Optimizer> sgd = Optimizer::create(OptimizerSettings::defaultsFor(OptimizerKind::SGD), 2);
  CHECK_THROWS_AS(sgd->setLearningRate(kNaN), InvalidArgument);
  CHECK_THROWS_AS(sgd->setLearningRate(-1), InvalidArgument);
  REQUIRE(sgd->settings().learningRate == 0.01);
  Vector theta = Vector::Ones(2);
  sgd->step(theta, Vector::Ones(2), Vector::Ones(2));
  CAPTURE(theta.transpose());
  REQUIRE(theta(0) == Approx(0.99));
}

TEST_CASE("the trainer refuses data and settings that do not fit", "[errors][trainer]") {
  Network net(smallSpec());
  std::unique_ptr<Optimizer> sgd = Optimizer::create(OptimizerSettings{}, net.parameterCount());
  const Dataset twoClasses = points(DatasetKind::Gaussians);
  SECTION("batch size 0") {
    TrainingSettings s;
    s.batchSize = 0;
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Trainer t(net, *sgd, twoClasses, Dataset{}, s); }),
               Contains("batch size") && Contains("at least 1") && Contains("got 0"));
  }
  SECTION("3-class data with a 1-output network") {
    const Dataset threeClasses = points(DatasetKind::Blobs);
    REQUIRE(threeClasses.classes == 3);
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Trainer t(net, *sgd, threeClasses, Dataset{}, {}); }),
               Contains("3 classes") && Contains("1 output") && Contains("softmax"));
  }
  SECTION("data with more features than the network has inputs") {
    Dataset wide = twoClasses;
    wide.points = test::randomMatrix(wide.size(), 3, 5);
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Trainer t(net, *sgd, wide, Dataset{}, {}); }),
               Contains("3 features") && Contains("expects 2 inputs"));
  }
  SECTION("a test set whose width does not fit") {
    Dataset wide = twoClasses;
    wide.points = test::randomMatrix(wide.size(), 4, 5);
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Trainer t(net, *sgd, twoClasses, wide, {}); }),
               Contains("4 features"));
  }
  SECTION("an empty training set") {
    Dataset empty;
    empty.points.resize(0, 2);
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Trainer t(net, *sgd, empty, Dataset{}, {}); }),
               Contains("training set is empty"));
  }
  SECTION("an optimizer made for another network") {
    std::unique_ptr<Optimizer> other = Optimizer::create(OptimizerSettings{}, net.parameterCount() + 1);
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { Trainer t(net, *other, twoClasses, Dataset{}, {}); }),
               Contains("different network"));
  }
  SECTION("a negative or NaN regularization rate") {
    for (double rate : {-0.5, kNaN}) {
      TrainingSettings s;
      s.regularization = {Regularization::L2, rate};
      CAPTURE(rate);
      CHECK_THAT(thrownMessage<InvalidArgument>([&] { Trainer t(net, *sgd, twoClasses, Dataset{}, s); }),
                 Contains("regularization rate"));
    }
  }
  SECTION("run(0)") {
    Trainer t(net, *sgd, twoClasses, Dataset{}, {});
    CHECK_THAT(thrownMessage<InvalidArgument>([&] { t.run(0); }), Contains("epochs") && Contains("got 0"));
    REQUIRE(t.completedEpochs() == 0);
  }
}

TEST_CASE("a refused settings change leaves the trainer training exactly as before", "[errors][trainer]") {
  auto makeNet = [] { return std::make_unique<Network>(smallSpec(3)); };
  std::unique_ptr<Network> netA = makeNet(), netB = makeNet();
  std::unique_ptr<Optimizer> optA = Optimizer::create(OptimizerSettings{}, netA->parameterCount());
  std::unique_ptr<Optimizer> optB = Optimizer::create(OptimizerSettings{}, netB->parameterCount());
  const Dataset data = points(DatasetKind::Gaussians, 37);
  TrainingSettings s;
  s.batchSize = 8;
  Trainer a(*netA, *optA, data, Dataset{}, s), b(*netB, *optB, data, Dataset{}, s);
  a.stepBatch();
  b.stepBatch();
  TrainingSettings bad = s;
  bad.batchSize = 0;
  CHECK_THROWS_AS(a.updateSettings(bad), InvalidArgument);
  bad = s;
  bad.regularization = {Regularization::L1, -1};
  CHECK_THROWS_AS(a.updateSettings(bad), InvalidArgument);
  REQUIRE(a.settings().batchSize == 8);
  REQUIRE(a.batchCursor() == 1);
  a.run(2);
  b.run(2);
  REQUIRE(netA->parameters() == netB->parameters());
}
