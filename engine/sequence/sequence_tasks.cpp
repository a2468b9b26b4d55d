#include "sequence/sequence_tasks.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/enum_names.h"
#include "core/error.h"
#include "core/rng.h"
#include "io/spec_json.h"

namespace nnplay {

namespace {

constexpr auto kTaskNames = enumNames<SequenceTask>(
    "sequence task", std::pair{SequenceTask::SumOfSines, "sum_of_sines"},
    std::pair{SequenceTask::SquareWave, "square_wave"}, std::pair{SequenceTask::NoisySine, "noisy_sine"},
    std::pair{SequenceTask::FirstBit, "first_bit"}, std::pair{SequenceTask::Parity, "parity"},
    std::pair{SequenceTask::AddMarked, "add_marked"}, std::pair{SequenceTask::Copy, "copy"},
    std::pair{SequenceTask::Reverse, "reverse"}, std::pair{SequenceTask::Sort, "sort"},
    std::pair{SequenceTask::Characters, "characters"});

constexpr double kPi = 3.14159265358979323846;

bool isSignal(SequenceTask t) {
  return t == SequenceTask::SumOfSines || t == SequenceTask::SquareWave || t == SequenceTask::NoisySine;
}
bool isTokenTask(SequenceTask t) {
  return t == SequenceTask::Copy || t == SequenceTask::Reverse || t == SequenceTask::Sort;
}

// The clean signal at time step s (the phase comes from the seed, so seeds differ).
double cleanSignal(SequenceTask task, double s, double phase) {
  switch (task) {
    case SequenceTask::SumOfSines:
      return 0.6 * std::sin(2 * kPi * s / 20.0 + phase) + 0.3 * std::sin(2 * kPi * s / 7.3 + 2 * phase);
    case SequenceTask::SquareWave: {
      const double cycle = std::fmod(s + phase * 16.0 / (2 * kPi), 16.0);
      return cycle < 8.0 ? 0.8 : -0.8;
    }
    default:
      return std::sin(2 * kPi * s / 25.0 + phase);
  }
}

double variance(const ConstMatrixRef& values) {
  const double mean = static_cast<double>(values.mean());
  double sum = 0;
  for (Index i = 0; i < values.size(); ++i) sum += std::pow(static_cast<double>(values.data()[i]) - mean, 2);
  return values.size() > 0 ? sum / static_cast<double>(values.size()) : 0.0;
}

void makeSignal(const SequenceTaskSettings& s, Rng& rng, SequenceData& d) {
  const Index T = s.length, train = s.trainSamples, test = s.testSamples;
  const double phase = rng.uniform(0, 2 * kPi);
  // One long signal: training windows start at 0 … train−1, test windows after the last
  // training target, so no test value was ever a training input or target.
  const Index testStart = train + T;
  const Index total = testStart + test + T;
  Vector clean(total), noisy(total);
  for (Index i = 0; i < total; ++i) {
    clean(i) = static_cast<Scalar>(cleanSignal(s.task, static_cast<double>(i), phase));
    noisy(i) = s.task == SequenceTask::NoisySine ? clean(i) + static_cast<Scalar>(rng.normal(0, s.noise)) : clean(i);
  }
  auto fill = [&](Index count, Index start, Matrix& inputs, Matrix& targets) {
    inputs.resize(count, T);
    targets.resize(count, 1);
    for (Index n = 0; n < count; ++n) {
      for (Index t = 0; t < T; ++t) inputs(n, t) = noisy(start + n + t);
      targets(n, 0) = clean(start + n + T);
    }
  };
  fill(train, 0, d.trainInputs, d.trainTargets);
  fill(test, testStart, d.testInputs, d.testTargets);
  d.testSignal = noisy.segment(testStart, test + T);
  d.inputShape = Shape::sequence(T, 1);
  d.target = SequenceTarget::Value;
  d.targetVariance = variance(d.testTargets);
}

void fillMemory(const SequenceTaskSettings& s, Rng& rng, Index count, Matrix& inputs, Matrix& targets) {
  const Index T = s.length;
  if (s.task == SequenceTask::AddMarked) {
    inputs.setZero(count, 2 * T);
    targets.resize(count, 1);
    for (Index n = 0; n < count; ++n) {
      for (Index t = 0; t < T; ++t) inputs(n, 2 * t) = static_cast<Scalar>(rng.uniform());
      const Index half = std::max<Index>(T / 2, 1);
      const Index first = rng.below(static_cast<std::uint32_t>(half));
      const Index second = half + rng.below(static_cast<std::uint32_t>(T - half));
      inputs(n, 2 * first + 1) = 1;
      inputs(n, 2 * second + 1) = 1;
      targets(n, 0) = inputs(n, 2 * first) + inputs(n, 2 * second);
    }
    return;
  }
  inputs.resize(count, T);
  targets.resize(count, 1);
  for (Index n = 0; n < count; ++n) {
    int parity = 0;
    for (Index t = 0; t < T; ++t) {
      const int bit = static_cast<int>(rng.below(2));
      parity ^= bit;
      inputs(n, t) = static_cast<Scalar>(bit);
    }
    targets(n, 0) = static_cast<Scalar>(s.task == SequenceTask::Parity ? parity : inputs(n, 0));
  }
}

void fillTokens(const SequenceTaskSettings& s, Rng& rng, Index count, Matrix& inputs, Matrix& targets) {
  const Index T = s.length;
  inputs.resize(count, T);
  targets.resize(count, T);
  std::vector<Scalar> sorted(static_cast<std::size_t>(T));
  for (Index n = 0; n < count; ++n) {
    for (Index t = 0; t < T; ++t) inputs(n, t) = static_cast<Scalar>(rng.below(static_cast<std::uint32_t>(s.symbols)));
    for (Index t = 0; t < T; ++t) sorted[static_cast<std::size_t>(t)] = inputs(n, t);
    std::sort(sorted.begin(), sorted.end());
    for (Index t = 0; t < T; ++t) {
      switch (s.task) {
        case SequenceTask::Copy: targets(n, t) = inputs(n, t); break;
        case SequenceTask::Reverse: targets(n, t) = inputs(n, T - 1 - t); break;
        default: targets(n, t) = sorted[static_cast<std::size_t>(t)]; break;
      }
    }
  }
}

void makeCharacters(const SequenceTaskSettings& s, Rng& rng, SequenceData& d) {
  const std::string text = stripTextHeader(s.text);
  const Index T = s.length;
  bool present[256] = {};
  for (unsigned char c : text) present[c] = true;
  int idOf[256];
  for (int c = 0; c < 256; ++c) {
    idOf[c] = present[c] ? static_cast<int>(d.alphabet.size()) : -1;
    if (present[c]) d.alphabet += static_cast<char>(c);
  }
  const Index length = static_cast<Index>(text.size());
  const Index split = length - length / 10;
  require(split > T + 1 && length - split > T + 1,
          "the text is too short for windows of " + std::to_string(T) + " characters (it has " +
              std::to_string(length) + "; it needs more than " + std::to_string(10 * (T + 2)) + ")");
  auto fill = [&](Index count, Index begin, Index end, Matrix& inputs, Matrix& targets) {
    inputs.resize(count, T);
    targets.resize(count, T);
    for (Index n = 0; n < count; ++n) {
      const Index start = begin + rng.below(static_cast<std::uint32_t>(end - begin - T));
      for (Index t = 0; t < T; ++t) {
        inputs(n, t) = static_cast<Scalar>(idOf[static_cast<unsigned char>(text[static_cast<std::size_t>(start + t)])]);
        targets(n, t) = static_cast<Scalar>(idOf[static_cast<unsigned char>(text[static_cast<std::size_t>(start + t + 1)])]);
      }
    }
  };
  fill(s.trainSamples, 0, split, d.trainInputs, d.trainTargets);
  fill(s.testSamples, split, length, d.testInputs, d.testTargets);
  d.inputShape = Shape::sequence(T, 1);
  d.target = SequenceTarget::ClassPerStep;
  d.classes = static_cast<Index>(d.alphabet.size());
}

}  // namespace

const char* sequenceTaskName(SequenceTask task) { return kTaskNames.name(task); }
SequenceTask parseSequenceTask(const std::string& name) { return kTaskNames.parse(name); }
std::vector<std::string> sequenceTaskNames() { return kTaskNames.names(); }

std::string describeSequenceTask(SequenceTask task) {
  switch (task) {
    case SequenceTask::SumOfSines: return "Predict the next value of a sum of two sine waves.";
    case SequenceTask::SquareWave: return "Predict the next value of a square wave (period 16 steps).";
    case SequenceTask::NoisySine: return "Predict the next clean value of a sine wave seen through noise.";
    case SequenceTask::FirstBit: return "Read a sequence of random bits; answer with the FIRST bit.";
    case SequenceTask::Parity: return "Read a sequence of random bits; answer whether the number of ones is odd.";
    case SequenceTask::AddMarked: return "Two steps are marked; answer with the sum of their two values.";
    case SequenceTask::Copy: return "Repeat the sequence of symbols, step by step.";
    case SequenceTask::Reverse: return "Write the sequence of symbols backwards.";
    case SequenceTask::Sort: return "Write the symbols in ascending order.";
    case SequenceTask::Characters: return "Predict the next character of the text at every step.";
  }
  return "";
}

void SequenceTaskSettings::validate() const {
  require(length >= 2 && length <= 1000, "sequence task: length must be 2 to 1000 steps, got " + std::to_string(length));
  require(symbols >= 2 && symbols <= 256, "sequence task: symbols must be 2 to 256, got " + std::to_string(symbols));
  require(std::isfinite(noise) && noise >= 0 && noise <= 2,
          "sequence task: noise must be 0 to 2, got " + std::to_string(noise));
  require(trainSamples >= 1 && trainSamples <= 200000,
          "sequence task: trainSamples must be 1 to 200000, got " + std::to_string(trainSamples));
  require(testSamples >= 1 && testSamples <= 200000,
          "sequence task: testSamples must be 1 to 200000, got " + std::to_string(testSamples));
  require(trainSamples * length <= 20000000 && testSamples * length <= 20000000,
          "sequence task: samples × length must stay below 20 million values");
  require(task != SequenceTask::Characters || !stripTextHeader(text).empty(),
          "sequence task: the characters task needs a text (settings.text)");
}

Index SequenceData::outputWidth() const {
  switch (target) {
    case SequenceTarget::Value: return 1;
    case SequenceTarget::Class: return classes;
    case SequenceTarget::ClassPerStep: return inputShape.time() * classes;
  }
  return 1;
}

Shape SequenceData::outputShape() const {
  return target == SequenceTarget::ClassPerStep ? Shape::sequence(inputShape.time(), classes)
                                                : Shape::features(outputWidth());
}

SequenceData makeSequenceData(const SequenceTaskSettings& settings) {
  settings.validate();
  SequenceData d;
  Rng rng(settings.seed);
  if (isSignal(settings.task)) {
    makeSignal(settings, rng, d);
  } else if (isTokenTask(settings.task)) {
    fillTokens(settings, rng, settings.trainSamples, d.trainInputs, d.trainTargets);
    fillTokens(settings, rng, settings.testSamples, d.testInputs, d.testTargets);
    d.inputShape = Shape::sequence(settings.length, 1);
    d.target = SequenceTarget::ClassPerStep;
    d.classes = settings.symbols;
  } else if (settings.task == SequenceTask::Characters) {
    makeCharacters(settings, rng, d);
  } else {
    fillMemory(settings, rng, settings.trainSamples, d.trainInputs, d.trainTargets);
    fillMemory(settings, rng, settings.testSamples, d.testInputs, d.testTargets);
    const bool add = settings.task == SequenceTask::AddMarked;
    d.inputShape = Shape::sequence(settings.length, add ? 2 : 1);
    d.target = add ? SequenceTarget::Value : SequenceTarget::Class;
    d.classes = add ? 1 : 2;
    if (add) {
      d.targetVariance = variance(d.testTargets);
      d.tolerance = 0.04;
    }
  }
  return d;
}

std::string stripTextHeader(const std::string& text) {
  std::size_t pos = 0;
  while (pos < text.size() && text[pos] == '#') {
    const std::size_t end = text.find('\n', pos);
    pos = end == std::string::npos ? text.size() : end + 1;
  }
  if (pos > 0 && pos < text.size() && text[pos] == '\n') ++pos;
  return text.substr(pos);
}

nlohmann::json toJson(const SequenceTaskSettings& s) {
  nlohmann::json j = {{"task", sequenceTaskName(s.task)}, {"length", s.length}, {"symbols", s.symbols},
                      {"noise", s.noise}, {"trainSamples", s.trainSamples}, {"testSamples", s.testSamples},
                      {"seed", s.seed}};
  if (!s.text.empty()) j["text"] = s.text;
  return j;
}

SequenceTaskSettings sequenceTaskSettingsFromJson(const JsonReader& r) {
  r.requireObject();
  SequenceTaskSettings s;
  if (r.has("task")) s.task = parseNamed(r.at("task"), parseSequenceTask);
  s.length = r.integer("length", s.length, 2, 1000);
  s.symbols = r.integer("symbols", s.symbols, 2, 256);
  s.noise = r.number("noise", s.noise, 0, 2);
  s.trainSamples = r.integer("trainSamples", s.trainSamples, 1, 200000);
  s.testSamples = r.integer("testSamples", s.testSamples, 1, 200000);
  s.seed = static_cast<std::uint64_t>(r.integer("seed", static_cast<std::int64_t>(s.seed), 0, kMaxSeed));
  s.text = r.text("text", "");
  s.validate();
  return s;
}

}  // namespace nnplay
