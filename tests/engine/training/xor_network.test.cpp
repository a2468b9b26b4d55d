// The classic demonstration that a hidden layer solves XOR: 2-4-1 sigmoid network, MSE,
// plain SGD with learning rate 1.0, full batch, 5000 epochs.
#include <catch2/catch.hpp>

#include <sstream>

#include "support/training_fixture.h"
#include "training/targets.h"

using namespace nnplay;

TEST_CASE("the 2-4-1 sigmoid network learns XOR for at least 9 of 10 seeds", "[trainer][xor]") {
  DatasetOptions gate;
  gate.kind = DatasetKind::XorGate;
  const Dataset xorTable = generateDataset(gate);
  OptimizerSettings sgd = OptimizerSettings::defaultsFor(OptimizerKind::SGD);
  sgd.learningRate = 1.0;
  TrainingSettings fullBatch;
  fullBatch.batchSize = 4;
  fullBatch.shuffle = false;

  int solved = 0;
  std::ostringstream report;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    test::TrainingSetup s(mlpSpec(2, std::vector<Index>{4}, Activation::Sigmoid, 1, Activation::Sigmoid,
                                  Loss::MeanSquaredError, seed),
                          sgd, xorTable, Dataset{}, fullBatch);
    const EpochRecord last = s.trainer->run(5000);
    const Matrix out = s.network->predict(xorTable.points);
    const double acc = accuracy(out, xorTable.labels, 2, Activation::Sigmoid);
    report << "seed " << seed << ": accuracy " << acc << ", loss " << last.trainLoss << ", outputs "
           << out.transpose() << "\n";
    if (acc == 1.0) ++solved;
  }
  INFO(report.str());
  CAPTURE(solved);
  REQUIRE(solved >= 9);
}
