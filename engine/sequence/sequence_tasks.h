// Generated sequence tasks for the sequence page, the CLI and the tests: seeded, so one
// seed gives the same samples natively and in the browser. Nothing is downloaded; the
// character model trains on a text the caller passes (the page ships web/data/moby-dick.txt).
//
// Every task gives N samples of T steps (the `length` setting) with F features per step, laid
// out as the network reads sequences (core/shape.h: a row holds x_0 … x_{T−1}, x_t = F values):
//   signals (next value):  sum_of_sines, square_wave, noisy_sine — input a window of T values of
//       the signal, target the value after it (Value). noisy_sine adds N(0, noise²) to the inputs
//       only: the target is the clean next value, so a model must see through the noise.
//   memory (whole sequence → one answer): first_bit (T random bits 0 / 1, class = the first
//       one), parity (class = XOR of all T bits), add_marked (F = 2: a value in [0, 1) and a marker;
//       two steps are marked, one in each half; Value = the sum of the two marked values).
//   seq2seq (an answer per step; tokens 0 … symbols−1 as numbers for an embedding layer):
//       copy (y_t = x_t), reverse (y_t = x_{T−1−t}), sort (y = x sorted ascending).
//   characters: windows of T characters of the text (ids into the alphabet); the class at
//       every step is the next character. The last 10 % of the text is the test part.
// Test samples come from a separate stream (signals: the part of the signal after the
// training windows), so the test score measures generalization.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/shape.h"
#include "core/types.h"
#include "io/json_reader.h"

namespace nnplay {

enum class SequenceTask {
  SumOfSines, SquareWave, NoisySine,
  FirstBit, Parity, AddMarked,
  Copy, Reverse, Sort,
  Characters,
};
// "sum_of_sines", "square_wave", "noisy_sine", "first_bit", "parity", "add_marked", "copy",
// "reverse", "sort", "characters".
const char* sequenceTaskName(SequenceTask task);
SequenceTask parseSequenceTask(const std::string& name);
std::vector<std::string> sequenceTaskNames();

// What the network's output means for a task (and how the session scores it).
enum class SequenceTarget {
  Value,         // one number per sample; mean squared error
  Class,         // one class per sample: K scores (logits); softmax cross-entropy
  ClassPerStep,  // one class per step: T×K scores; softmax cross-entropy per step
};

struct SequenceTaskSettings {
  SequenceTask task = SequenceTask::FirstBit;
  Index length = 20;          // T, steps per input sequence
  Index symbols = 8;          // copy / reverse / sort: vocabulary size
  double noise = 0.1;         // noisy_sine: standard deviation of the input noise
  Index trainSamples = 2000;  // size of the training pool
  Index testSamples = 500;
  std::uint64_t seed = 1;
  std::string text;           // characters: the corpus (leading '#' lines are dropped)

  // Throws InvalidArgument naming the setting.
  void validate() const;
};

struct SequenceData {
  Shape inputShape;             // T×F
  SequenceTarget target = SequenceTarget::Value;
  Index classes = 1;            // K for Class / ClassPerStep
  // Inputs N×(T·F); targets N×1 (a value or a class id) or N×T (class ids per step).
  Matrix trainInputs, trainTargets, testInputs, testTargets;
  std::string alphabet;         // characters: token id → character
  // Signals: the test part of the signal, starting at the first test window (for drawing the
  // prediction over it and the free-running continuation).
  Vector testSignal;
  // Value tasks: variance of the test targets, so an MSE can be read relative to it.
  double targetVariance = 0;
  // Value tasks whose answer counts as right within this distance (add_marked: 0.04, the
  // threshold of Hochreiter & Schmidhuber 1997); 0 where accuracy does not apply (signals).
  double tolerance = 0;

  // Width of the network output this task needs: 1, K or T·K.
  Index outputWidth() const;
  // The shape that output has, as the page and errors show it.
  Shape outputShape() const;
};

SequenceData makeSequenceData(const SequenceTaskSettings& settings);

// The text without its leading lines that start with '#' (a source and licence header) and
// the blank line after them.
std::string stripTextHeader(const std::string& text);

// Learner-facing one-line description of what a task asks the model to do.
std::string describeSequenceTask(SequenceTask task);

nlohmann::json toJson(const SequenceTaskSettings& settings);
SequenceTaskSettings sequenceTaskSettingsFromJson(const JsonReader& json);

}  // namespace nnplay
