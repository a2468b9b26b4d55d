#include "io/model_io.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "core/error.h"
#include "io/spec_json.h"

namespace nnplay {

using nlohmann::json;

namespace {

json vectorJson(const Vector& v) {
  json a = json::array();
  for (Index i = 0; i < v.size(); ++i) a.push_back(static_cast<double>(v(i)));
  return a;
}

Vector vectorFromJson(const JsonReader& r, Index expected) {
  const std::size_t n = r.arraySize();
  if (static_cast<Index>(n) != expected) {
    r.fail("has " + std::to_string(n) + " values but the network needs " + std::to_string(expected));
  }
  Vector v(expected);
  for (std::size_t i = 0; i < n; ++i) {
    const JsonReader e = r.at(i);
    if (!e.raw().is_number()) e.fail("must be a finite number, found " + describeJson(e.raw()));
    const double d = e.number();
    if (std::fabs(d) > static_cast<double>(std::numeric_limits<Scalar>::max())) e.fail("is too large");
    v(static_cast<Index>(i)) = static_cast<Scalar>(d);
  }
  return v;
}

std::string hex64(std::uint64_t v) {
  char b[19];
  std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(v));
  return b;
}

std::uint64_t hex64FromJson(const JsonReader& r) {
  const std::string s = r.text();
  if (s.empty() || s.size() > 16 || s.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    r.fail("must be up to 16 hexadecimal digits, found \"" + s.substr(0, 20) + "\"");
  }
  return std::stoull(s, nullptr, 16);
}

json rngJson(const Rng::State& s) {
  return {{"state", hex64(s.state)}, {"increment", hex64(s.increment)}, {"hasSpare", s.hasSpare}, {"spare", s.spare}};
}

Rng::State rngFromJson(const JsonReader& r) {
  Rng::State s;
  s.state = hex64FromJson(r.at("state"));
  s.increment = hex64FromJson(r.at("increment"));
  s.hasSpare = r.at("hasSpare").boolean();
  s.spare = r.at("spare").number();
  return s;
}

// NaN (no test set, regression accuracy) is written as null.
json maybeNumber(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
double maybeNumberFromJson(const JsonReader& r, const char* key) {
  if (!r.has(key)) return std::numeric_limits<double>::quiet_NaN();
  return r.at(key).number();
}

json progressJson(const Trainer::Progress& p) {
  json history = json::array();
  for (const EpochRecord& e : p.history) {
    history.push_back({{"epoch", e.epoch},
                       {"step", e.step},
                       {"trainLoss", maybeNumber(e.trainLoss)},
                       {"testLoss", maybeNumber(e.testLoss)},
                       {"trainAccuracy", maybeNumber(e.trainAccuracy)},
                       {"testAccuracy", maybeNumber(e.testAccuracy)}});
  }
  return {{"epoch", p.epoch},
          {"cursor", p.cursor},
          {"order", p.order},
          {"shuffleRng", rngJson(p.shuffleRng)},
          {"history", history}};
}

Trainer::Progress progressFromJson(const JsonReader& r) {
  r.requireObject();
  Trainer::Progress p;
  p.epoch = static_cast<int>(r.at("epoch").integer(0, 1000000000));
  p.cursor = r.at("cursor").integer(0, 1000000000);
  const JsonReader order = r.at("order");
  const std::size_t n = order.arraySize();
  for (std::size_t i = 0; i < n; ++i) p.order.push_back(order.at(i).integer(0, 1000000000));
  p.shuffleRng = rngFromJson(r.at("shuffleRng"));
  const JsonReader history = r.at("history");
  for (std::size_t i = 0; i < history.arraySize(); ++i) {
    const JsonReader h = history.at(i);
    EpochRecord e;
    e.epoch = static_cast<int>(h.at("epoch").integer(0, 1000000000));
    e.step = h.at("step").integer(0, std::numeric_limits<std::int64_t>::max() / 2);
    e.trainLoss = maybeNumberFromJson(h, "trainLoss");
    e.testLoss = maybeNumberFromJson(h, "testLoss");
    e.trainAccuracy = maybeNumberFromJson(h, "trainAccuracy");
    e.testAccuracy = maybeNumberFromJson(h, "testAccuracy");
    p.history.push_back(e);
  }
  return p;
}

}  // namespace

ModelFile captureModel(const Network& network, const Optimizer& optimizer, const Trainer* trainer,
                       const TrainingSettings& training) {
  ModelFile m;
  m.network = network.spec();
  m.parameters = network.parameters();
  m.state = network.state();
  m.dropoutRng = network.dropoutRng().saveState();
  m.optimizer = optimizer.settings();
  m.optimizerState = optimizer.state();
  m.training = training;
  if (trainer) m.progress = trainer->progress();
  m.session = nullptr;
  return m;
}

std::string writeModel(const ModelFile& m) {
  json slots = json::object();
  for (std::size_t i = 0; i < m.optimizerState.slots.size(); ++i) {
    slots[m.optimizerState.slotNames[i]] = vectorJson(m.optimizerState.slots[i]);
  }
  json optimizer = toJson(m.optimizer);
  optimizer["step"] = m.optimizerState.step;
  optimizer["slots"] = slots;
  json file = {{"format", "nnplay-model"},
               {"version", kModelFormatVersion},
               {"network", toJson(m.network)},
               {"parameters", vectorJson(m.parameters)},
               {"state", vectorJson(m.state)},
               {"dropoutRng", rngJson(m.dropoutRng)},
               {"optimizer", optimizer},
               {"training", toJson(m.training)}};
  if (m.progress) file["progress"] = progressJson(*m.progress);
  if (!m.session.is_null()) file["session"] = m.session;
  return file.dump();
}

ModelFile readModel(const std::string& text) {
  try {
    const json doc = parseJsonText(text, "the file");
    const JsonReader r(doc, "");
    r.requireObject();
    if (!r.has("format") || r.at("format").raw() != "nnplay-model") {
      throw InvalidArgument("this is not an nnplay model (its \"format\" field is not \"nnplay-model\")");
    }
    const std::int64_t version = r.at("version").integer(0, 1000000);
    if (version != kModelFormatVersion) {
      throw InvalidArgument("version " + std::to_string(version) + " is not supported: this nnplay reads version " +
                            std::to_string(kModelFormatVersion));
    }
    ModelFile m;
    m.network = networkSpecFromJson(r.at("network"));
    // Building the network checks the architecture and tells how many values must follow.
    const Network shape(m.network);
    m.parameters = vectorFromJson(r.at("parameters"), shape.parameterCount());
    m.state = vectorFromJson(r.at("state"), shape.state().size());
    m.dropoutRng = rngFromJson(r.at("dropoutRng"));
    const JsonReader opt = r.at("optimizer");
    m.optimizer = optimizerSettingsFromJson(opt, {"step", "slots"});
    m.optimizerState.step = opt.at("step").integer(0, std::numeric_limits<std::int64_t>::max() / 2);
    const auto probe = Optimizer::create(m.optimizer, shape.parameterCount());
    const JsonReader slots = opt.at("slots");
    slots.requireObject();
    for (const std::string& name : probe->state().slotNames) {
      m.optimizerState.slotNames.push_back(name);
      m.optimizerState.slots.push_back(vectorFromJson(slots.at(name.c_str()), shape.parameterCount()));
    }
    if (slots.raw().size() != probe->state().slotNames.size()) {
      slots.fail(std::string("has slots that ") + optimizerName(m.optimizer.kind) + " does not use");
    }
    m.training = trainingSettingsFromJson(r.at("training"));
    if (r.has("progress")) m.progress = progressFromJson(r.at("progress"));
    m.session = r.has("session") ? doc["session"] : json(nullptr);
    return m;
  } catch (const InvalidArgument& e) {
    throw ModelFormatError(std::string("model file: ") + e.what());
  } catch (const json::exception& e) {
    throw ModelFormatError(std::string("model file: ") + e.what());
  }
}

json modelVectorJson(const Vector& values) {
  // JSON has no NaN or ∞ (they would be written as null, a file that does not load again).
  if (!values.allFinite()) {
    throw TrainingDiverged("the model cannot be saved: some of its weights are not finite numbers (training "
                           "diverged); reset it, or load a saved model");
  }
  return vectorJson(values);
}
Vector modelVectorFromJson(const JsonReader& r, Index expected) { return vectorFromJson(r, expected); }
json modelRngJson(const Rng::State& state) { return rngJson(state); }
Rng::State modelRngFromJson(const JsonReader& r) { return rngFromJson(r); }

void applyModel(const ModelFile& m, Network& network, Optimizer& optimizer) {
  require(network.parameterCount() == m.parameters.size(), "the model does not fit this network");
  network.parameters() = m.parameters;
  network.state() = m.state;
  network.dropoutRng().restoreState(m.dropoutRng);
  optimizer.restoreState(m.optimizerState);
}

}  // namespace nnplay
