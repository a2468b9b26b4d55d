// The perceptron lessons' session: Rosenblatt's perceptron on a logic gate, trained one
// sample at a time so the page can show each application of the learning rule.
// Samples are presented in table order (0,0), (0,1), (1,0), (1,1); an epoch is one pass.
#pragma once

#include <string>
#include <vector>

#include "data/dataset.h"
#include "perceptron/perceptron.h"

namespace nnplay {

struct PerceptronStep {
  Index sample = 0;
  int target = 0;
  int output = 0;
  bool changed = false;
  int epoch = 0;             // 1-based epoch this step belongs to
  bool epochCompleted = false;
  int mistakesInEpoch = 0;   // so far in this epoch
  bool converged = false;    // an epoch has completed without a mistake
};

class PerceptronSession {
 public:
  // gate: "and", "or" or "xor"; learningRate > 0.
  PerceptronSession(const std::string& gate, double learningRate);

  PerceptronStep step();          // the next sample; after convergence it keeps checking
  PerceptronStep runEpoch();      // the rest of the current epoch
  // Whole epochs until convergence or maxEpochs in all; returns the last step.
  PerceptronStep train(int maxEpochs);
  void reset();

  const std::string& gate() const { return gate_; }
  double learningRate() const { return learningRate_; }
  const Dataset& data() const { return data_; }
  const Perceptron& perceptron() const { return perceptron_; }
  int completedEpochs() const { return epoch_; }
  Index cursor() const { return cursor_; }
  bool converged() const { return convergedEpoch_ > 0; }
  int convergedEpoch() const { return convergedEpoch_; }  // 0 = not (yet)
  const std::vector<int>& mistakesPerEpoch() const { return mistakes_; }

  // Output (0/1) on a resolution×resolution grid (row 0 at the top), in `output()`.
  void evaluateGrid(int resolution, double xMin, double xMax, double yMin, double yMax);
  const std::vector<float>& output() const { return output_; }

 private:
  std::string gate_;
  double learningRate_;
  Dataset data_;
  Perceptron perceptron_;
  int epoch_ = 0;
  Index cursor_ = 0;
  int mistakesNow_ = 0;
  int convergedEpoch_ = 0;
  std::vector<int> mistakes_;
  std::vector<float> output_;
};

}  // namespace nnplay
