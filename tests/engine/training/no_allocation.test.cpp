// "No allocation in the training loop after the first (largest) batch."
//
// Two detectors:
//  - Eigen's own (f64 build only, where EIGEN_RUNTIME_NO_MALLOC is defined): after
//    Eigen::internal::set_is_malloc_allowed(false) any Eigen heap allocation throws
//    std::logic_error (core/types.h turns Eigen's assertion into an exception);
//  - a count of global operator new calls (both builds), which also sees std::string,
//    std::vector and other non-Eigen allocations. It is defined below for this whole test
//    binary and only counts while a test switches it on.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>
#include <sstream>
#include <stdexcept>

#include "support/training_fixture.h"
#include "training/targets.h"

namespace {
std::atomic<bool> gCountAllocations{false};
std::atomic<long> gAllocations{0};
}  // namespace

void* operator new(std::size_t size) {
  if (gCountAllocations.load(std::memory_order_relaxed)) gAllocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace nnplay;

namespace {

// Counts operator-new calls while alive; switches counting off even when a test fails.
class AllocationCounter {
 public:
  AllocationCounter() {
    gAllocations = 0;
    gCountAllocations = true;
  }
  ~AllocationCounter() { gCountAllocations = false; }
  long count() const { return gAllocations.load(); }
  AllocationCounter(const AllocationCounter&) = delete;
  AllocationCounter& operator=(const AllocationCounter&) = delete;
};

#ifdef EIGEN_RUNTIME_NO_MALLOC
// Forbids Eigen heap allocations while alive; allows them again even when a test fails.
class EigenMallocForbidden {
 public:
  EigenMallocForbidden() { Eigen::internal::set_is_malloc_allowed(false); }
  ~EigenMallocForbidden() { Eigen::internal::set_is_malloc_allowed(true); }
  EigenMallocForbidden(const EigenMallocForbidden&) = delete;
  EigenMallocForbidden& operator=(const EigenMallocForbidden&) = delete;
};
#endif

struct Scenario {
  const char* name;
  std::vector<HiddenLayerOptions> hidden;
  OptimizerKind optimizer;
  DatasetKind data;
  Regularization regularization;
};

// 2-8-8-1 tanh (or softmax over 3 classes / linear regression), batch 10, 500 points.
std::vector<Scenario> scenarios() {
  const HiddenLayerOptions plain{8, Activation::Tanh, 0.0, false};
  const HiddenLayerOptions dropout{8, Activation::Tanh, 0.3, false};
  const HiddenLayerOptions batchNorm{8, Activation::Tanh, 0.0, true};
  const HiddenLayerOptions both{8, Activation::ReLU, 0.2, true};
  return {
      {"plain, SGD", {plain, plain}, OptimizerKind::SGD, DatasetKind::Circle, Regularization::None},
      {"plain, Adam, L2", {plain, plain}, OptimizerKind::Adam, DatasetKind::Circle, Regularization::L2},
      {"dropout, SGD", {dropout, dropout}, OptimizerKind::SGD, DatasetKind::Circle, Regularization::None},
      {"dropout, Adam", {dropout, dropout}, OptimizerKind::Adam, DatasetKind::Circle, Regularization::L1},
      {"batch norm, SGD", {batchNorm, batchNorm}, OptimizerKind::SGD, DatasetKind::Circle, Regularization::None},
      {"batch norm, Adam", {batchNorm, batchNorm}, OptimizerKind::Adam, DatasetKind::Circle, Regularization::None},
      {"batch norm + dropout, RMSProp, softmax", {both, both}, OptimizerKind::RMSProp, DatasetKind::Blobs,
       Regularization::L2},
      {"plain, Nesterov, regression", {plain, plain}, OptimizerKind::Nesterov, DatasetKind::RegressionGaussians,
       Regularization::None},
  };
}

test::TrainingSetup makeSetup(const Scenario& s) {
  const Dataset data = test::makeDataset(s.data, 500);
  const DataSplit split = splitDataset(data, 0.2, 3);
  const OutputHead head = defaultOutputHead(data.classes);
  TrainingSettings training;
  training.batchSize = 10;  // 400 training points: 40 batches per epoch
  training.regularization = {s.regularization, s.regularization == Regularization::None ? 0.0 : 1e-3};
  OptimizerSettings optimizer = OptimizerSettings::defaultsFor(s.optimizer);
  optimizer.weightDecay = s.optimizer == OptimizerKind::Adam ? 1e-4 : 0.0;
  return test::TrainingSetup(mlpSpec(2, s.hidden, head.outputs, head.activation, head.loss, 7), optimizer,
                             split.train, split.test, training);
}

}  // namespace

#ifdef EIGEN_RUNTIME_NO_MALLOC
TEST_CASE("the Eigen allocation guard works (this test's detector can fail)", "[allocation]") {
  std::string caught;
  {
    EigenMallocForbidden forbidden;
    try {
      Matrix m(50, 50);
      m.setZero();
    } catch (const std::logic_error& e) {
      caught = e.what();
    }
  }
  CAPTURE(caught);
  REQUIRE_THAT(caught, Catch::Matchers::Contains("heap allocation is forbidden"));
  REQUIRE_NOTHROW(Matrix(50, 50));  // allowed again
}

TEST_CASE("a training epoch after the warm-up makes no Eigen heap allocation", "[allocation][trainer]") {
  for (const Scenario& scenario : scenarios()) {
    test::TrainingSetup s = makeSetup(scenario);
    s.trainer->stepEpoch();  // warm-up: every workspace reaches its largest size
    std::string failure;
    Index batchesRun = 0;
    {
      EigenMallocForbidden forbidden;
      try {
        BatchResult r;
        do {
          r = s.trainer->stepBatch();
          ++batchesRun;
        } while (!r.epochCompleted);
      } catch (const std::logic_error& e) {
        failure = e.what();
      }
    }
    INFO(scenario.name << ": " << (failure.empty() ? "no allocation" : failure) << " after " << batchesRun
                       << " batches");
    CHECK(failure.empty());
    CHECK(batchesRun == 40);
    CHECK(s.trainer->completedEpochs() == 2);
  }
}
#endif

TEST_CASE("the allocation counter works (this test's detector can fail)", "[allocation]") {
  long counted = 0;
  {
    AllocationCounter counter;
    // Explicit calls (a new-expression may be optimized away).
    void* p = ::operator new(64);
    ::operator delete(p);
    counted = counter.count();
  }
  CAPTURE(counted);
  REQUIRE(counted == 1);
}

TEST_CASE("training batches after the warm-up make no heap allocation at all", "[allocation][trainer]") {
  for (const Scenario& scenario : scenarios()) {
    test::TrainingSetup s = makeSetup(scenario);
    s.trainer->stepEpoch();
    long allocations = 0;
    {
      AllocationCounter counter;
      // Batches within the epoch (completing it also appends to the history vector).
      for (int i = 0; i < 39; ++i) s.trainer->stepBatch();
      allocations = counter.count();
    }
    INFO(scenario.name << ": " << allocations << " operator-new calls in 39 batches");
    CHECK(allocations == 0);
  }
}
