#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "data/dataset.h"
#include "io/model_io.h"
#include "network/network.h"
#include "training/trainer.h"

using namespace nnplay;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// A network with every layer kind and an optimizer with state, part-way through an epoch.
struct Fixture {
  DataSplit data;
  std::unique_ptr<Network> net;
  std::unique_ptr<Optimizer> opt;
  std::unique_ptr<Trainer> trainer;
  TrainingSettings training;

  explicit Fixture(OptimizerKind kind = OptimizerKind::Adam) {
    DatasetOptions d;
    d.kind = DatasetKind::Moons;
    d.points = 120;
    d.noise = 0.2;
    data = splitDataset(generateDataset(d), 0.25, 3);
    net = std::make_unique<Network>(mlpSpec(2, {{6, Activation::Tanh, 0.2, true}, {5, Activation::ReLU, 0.0, false}},
                                            1, Activation::Sigmoid, Loss::BinaryCrossEntropy, 9));
    OptimizerSettings o = OptimizerSettings::defaultsFor(kind);
    o.weightDecay = 0.01;
    opt = Optimizer::create(o, net->parameterCount());
    training.batchSize = 16;
    training.regularization = {Regularization::L2, 0.001};
    training.seed = 5;
    trainer = std::make_unique<Trainer>(*net, *opt, data.train, data.test, training);
  }

  std::string save() const { return writeModel(captureModel(*net, *opt, trainer.get(), training)); }
};

std::string withChange(const std::string& file, const std::function<void(json&)>& change) {
  json j = json::parse(file);
  change(j);
  return j.dump();
}

}  // namespace

TEST_CASE("a model file round trip is bit-exact", "[model]") {
  Fixture f;
  f.trainer->run(2);
  f.trainer->stepBatch();
  const std::string text = f.save();
  const ModelFile m = readModel(text);
  CHECK(m.parameters == f.net->parameters());  // exact equality, not approximate
  CHECK(m.state == f.net->state());
  CHECK(m.optimizerState.step == f.opt->state().step);
  REQUIRE(m.optimizerState.slots.size() == 2);
  CHECK(m.optimizerState.slots[0] == f.opt->state().slots[0]);
  CHECK(m.optimizerState.slots[1] == f.opt->state().slots[1]);
  REQUIRE(m.progress);
  CHECK(m.progress->cursor == f.trainer->batchCursor());
  CHECK(m.progress->history.size() == 2);
  CHECK(writeModel(m) == text);  // and writing it again gives the same bytes
}

TEST_CASE("training continued after save and load equals training continued without", "[model]") {
  const auto kind = GENERATE(OptimizerKind::SGD, OptimizerKind::Momentum, OptimizerKind::Adam, OptimizerKind::RMSProp);
  Fixture original(kind);
  original.trainer->run(2);
  original.trainer->stepBatch();  // mid-epoch, so the shuffle order and cursor matter
  const ModelFile m = readModel(original.save());

  Network net(m.network);
  auto opt = Optimizer::create(m.optimizer, net.parameterCount());
  applyModel(m, net, *opt);
  Trainer trainer(net, *opt, original.data.train, original.data.test, m.training);
  trainer.restoreProgress(*m.progress);

  for (int i = 0; i < 3; ++i) {
    const EpochRecord a = original.trainer->stepEpoch();
    const EpochRecord b = trainer.stepEpoch();
    CHECK(a.trainLoss == b.trainLoss);
    CHECK(a.testLoss == b.testLoss);
  }
  CHECK(net.parameters() == original.net->parameters());
  CHECK(opt->state().step == original.opt->state().step);
}

TEST_CASE("each kind of malformed model file gives its own clear error", "[model][errors]") {
  Fixture f;
  f.trainer->stepEpoch();
  const std::string good = f.save();
  REQUIRE_NOTHROW(readModel(good));

  struct Case {
    const char* what;
    std::string text;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"not JSON", "{\"format\": ", "not valid JSON"},
      {"not a model", "{\"hello\": 1}", "not an nnplay model"},
      {"unknown version", withChange(good, [](json& j) { j["version"] = 2; }), "version 2 is not supported"},
      {"missing field", withChange(good, [](json& j) { j.erase("parameters"); }), "missing field parameters"},
      {"missing nested field", withChange(good, [](json& j) { j["network"]["layers"][0].erase("units"); }),
       "missing field network.layers[0].units"},
      {"wrong shape", withChange(good, [](json& j) { j["parameters"].erase(0); }), "parameters has"},
      {"wrong slot shape", withChange(good, [](json& j) { j["optimizer"]["slots"]["first_moment"].push_back(0); }),
       "optimizer.slots.first_moment has"},
      {"non-finite number", withChange(good, [](json& j) { j["parameters"][3] = nullptr; }),
       "parameters[3] must be a finite number"},
      {"text instead of a number", withChange(good, [](json& j) { j["parameters"][1] = "x"; }),
       "parameters[1] must be a finite number"},
      {"bad layer kind", withChange(good, [](json& j) { j["network"]["layers"][1]["kind"] = "conv"; }),
       "network.layers[1].kind: unknown layer kind \"conv\""},
      {"zero-width layer", withChange(good, [](json& j) { j["network"]["layers"][0]["units"] = 0; }),
       "network.layers[0].units must be a whole number from 1"},
      {"negative learning rate", withChange(good, [](json& j) { j["optimizer"]["learningRate"] = -1; }),
       "optimizer.learningRate must be a number from 0 and below 1e+06"},
      {"unknown optimizer", withChange(good, [](json& j) { j["optimizer"]["kind"] = "lbfgs"; }),
       "unknown optimizer \"lbfgs\""},
      {"bad generator state", withChange(good, [](json& j) { j["dropoutRng"]["state"] = "xyz"; }),
       "dropoutRng.state must be up to 16 hexadecimal digits"},
      {"bad shuffle order", withChange(good, [](json& j) { j["progress"]["order"][0] = j["progress"]["order"][1]; }),
       ""},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    if (std::string(c.what) == "bad shuffle order") {
      // The order is checked when the progress is applied to a trainer.
      const ModelFile m = readModel(c.text);
      Network net(m.network);
      auto opt = Optimizer::create(m.optimizer, net.parameterCount());
      Trainer t(net, *opt, f.data.train, f.data.test, m.training);
      CHECK_THROWS_WITH(t.restoreProgress(*m.progress), Contains("not a permutation"));
      continue;
    }
    CHECK_THROWS_AS(readModel(c.text), ModelFormatError);
    CHECK_THROWS_WITH(readModel(c.text), Contains(c.message) && Contains("model file:"));
  }
}
