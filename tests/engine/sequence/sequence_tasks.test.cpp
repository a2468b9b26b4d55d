#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "sequence/sequence_tasks.h"
#include "core/error.h"
#include "support/thrown_message.h"

using namespace nnplay;
using Catch::Matchers::Contains;

namespace {

SequenceTaskSettings settingsFor(SequenceTask task, Index length = 10, std::uint64_t seed = 3) {
  SequenceTaskSettings s;
  s.task = task;
  s.length = length;
  s.trainSamples = 50;
  s.testSamples = 20;
  s.seed = seed;
  if (task == SequenceTask::Characters) s.text = "# header line\n\nthe cat sat on the mat and the dog sat on the log. " + std::string(200, 'a');
  return s;
}

}  // namespace

TEST_CASE("every sequence task is seeded: one seed and one data set", "[sequence][data]") {
  for (const std::string& name : sequenceTaskNames()) {
    INFO(name);
    const SequenceTask task = parseSequenceTask(name);
    const SequenceData a = makeSequenceData(settingsFor(task));
    const SequenceData b = makeSequenceData(settingsFor(task));
    const SequenceData c = makeSequenceData(settingsFor(task, 10, 4));
    CHECK(a.trainInputs == b.trainInputs);
    CHECK(a.testTargets == b.testTargets);
    if (task != SequenceTask::SquareWave) CHECK(a.trainInputs != c.trainInputs);
    CHECK(a.trainInputs.rows() == 50);
    CHECK(a.testInputs.rows() == 20);
    CHECK(a.trainInputs.cols() == a.inputShape.size());
    CHECK(a.inputShape.time() == 10);
    CHECK(!describeSequenceTask(task).empty());
  }
}

TEST_CASE("the memory tasks' answers follow from their inputs", "[sequence][data]") {
  const SequenceData first = makeSequenceData(settingsFor(SequenceTask::FirstBit, 30));
  const SequenceData parity = makeSequenceData(settingsFor(SequenceTask::Parity, 30));
  const SequenceData add = makeSequenceData(settingsFor(SequenceTask::AddMarked, 30));
  CHECK(first.target == SequenceTarget::Class);
  CHECK(first.outputWidth() == 2);
  for (Index n = 0; n < 50; ++n) {
    CHECK(first.trainTargets(n, 0) == first.trainInputs(n, 0));
    CHECK(parity.trainTargets(n, 0) == Scalar(static_cast<int>(parity.trainInputs.row(n).sum()) % 2));
    Scalar sum = 0;
    int marks = 0;
    for (Index t = 0; t < 30; ++t)
      if (add.trainInputs(n, 2 * t + 1) == 1) sum += add.trainInputs(n, 2 * t), ++marks;
    CHECK(marks == 2);
    CHECK(add.trainTargets(n, 0) == Approx(sum));
  }
  CHECK(add.inputShape == Shape::sequence(30, 2));
  CHECK(add.tolerance == 0.04);
  // Bits are balanced enough that always answering 0 cannot look like learning.
  const double ones = first.trainTargets.mean();
  CHECK(ones > 0.3);
  CHECK(ones < 0.7);
}

TEST_CASE("copy and reverse and sort give a class per step", "[sequence][data]") {
  for (SequenceTask task : {SequenceTask::Copy, SequenceTask::Reverse, SequenceTask::Sort}) {
    const SequenceData d = makeSequenceData(settingsFor(task, 6));
    CHECK(d.target == SequenceTarget::ClassPerStep);
    CHECK(d.outputShape() == Shape::sequence(6, 8));
    for (Index n = 0; n < 5; ++n) {
      RowVector x = d.trainInputs.row(n);
      if (task == SequenceTask::Reverse) x.reverseInPlace();
      if (task == SequenceTask::Sort) std::sort(x.data(), x.data() + x.size());
      CHECK(d.trainTargets.row(n) == x);
      CHECK(d.trainInputs.row(n).maxCoeff() < 8);
    }
  }
}

TEST_CASE("a signal task predicts the value after each window and its test windows come later", "[sequence][data]") {
  SequenceTaskSettings s = settingsFor(SequenceTask::NoisySine, 12);
  s.noise = 0.2;
  const SequenceData d = makeSequenceData(s);
  CHECK(d.target == SequenceTarget::Value);
  CHECK(d.testSignal.size() == 20 + 12);
  // The window slides one step per sample.
  CHECK(d.testInputs(1, 0) == d.testInputs(0, 1));
  CHECK(d.testInputs(0, 0) == d.testSignal(0));
  // The targets are the clean signal: close to the noisy next input, not equal to it.
  double gap = 0;
  for (Index n = 0; n + 1 < 20; ++n) gap += std::abs(d.testTargets(n, 0) - d.testInputs(n + 1, 11));
  CHECK(gap / 19 > 0.05);
  CHECK(gap / 19 < 0.4);
  CHECK(d.targetVariance > 0.3);
}

TEST_CASE("the character task reads the text after its '#' header", "[sequence][data]") {
  CHECK(stripTextHeader("# a\n# b\n\nbody\n") == "body\n");
  CHECK(stripTextHeader("no header") == "no header");
  const SequenceData d = makeSequenceData(settingsFor(SequenceTask::Characters, 8));
  CHECK(d.alphabet.find('#') == std::string::npos);
  CHECK(d.alphabet == " .acdeghlmnost");
  for (Index n = 0; n < 10; ++n)
    for (Index t = 0; t + 1 < 8; ++t) CHECK(d.trainTargets(n, t) == d.trainInputs(n, t + 1));
  SequenceTaskSettings tiny = settingsFor(SequenceTask::Characters, 8);
  tiny.text = "too short";
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { makeSequenceData(tiny); }), Contains("too short"));
}

TEST_CASE("sequence task settings reject bad values and survive JSON", "[sequence][data][io]") {
  SequenceTaskSettings s = settingsFor(SequenceTask::Reverse, 12);
  s.symbols = 5;
  const nlohmann::json j = toJson(s);
  const SequenceTaskSettings back = sequenceTaskSettingsFromJson(JsonReader(j, "task"));
  CHECK(toJson(back) == j);
  nlohmann::json bad = j;
  bad["length"] = 1;
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { sequenceTaskSettingsFromJson(JsonReader(bad, "task")); }),
             Contains("task.length"));
  bad = j;
  bad["task"] = "translate";
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { sequenceTaskSettingsFromJson(JsonReader(bad, "task")); }),
             Contains("translate") && Contains("first_bit"));
  bad = {{"task", "characters"}};
  CHECK_THAT(test::thrownMessage<InvalidArgument>([&] { sequenceTaskSettingsFromJson(JsonReader(bad, "task")); }),
             Contains("needs a text"));
}
