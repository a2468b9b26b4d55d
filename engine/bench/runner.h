// Times workloads the way a benchmark on a shared, noisy machine has to: each workload is
// calibrated once to a fixed number of calls per repetition (≥ minSeconds), then the
// repetitions are INTERLEAVED (rep 1 of every workload, then rep 2, ...), so a slow spell
// of the machine hits every workload rather than one, and the median is reported.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace nnplay::bench {

struct Workload {
  std::string id;           // stable key in the JSON output: "W3", "W3.base", ...
  std::string title;        // what is computed
  std::string driver;       // how the engine is driven (Trainer::stepEpoch, a batch loop, ...)
  std::string unit;         // "samples/s", "epochs/s", "grids/s"
  double workPerCall = 1;   // units of work (samples, epochs, grids) that one call does
  std::function<double()> call;     // does the work; the result feeds a checksum (no dead code)
  std::function<void()> restart;    // untimed, before each repetition: same work every time
};

struct RunOptions {
  int repetitions = 9;
  double minSeconds = 0.3;   // per repetition and workload
  bool progress = false;     // one line per repetition on stderr
};

// Two clocks: wall time (what a user waits; what a browser benchmark can measure) and the
// process's CPU time, which leaves out the time the OS gave to other processes: on a
// shared machine the CPU-time rate is the steadier measure of the engine's own cost.
struct Measurement {
  long long callsPerRepetition = 0;
  std::vector<double> rates;      // work per wall-clock second, one per repetition, in run order
  std::vector<double> cpuRates;   // work per CPU second of this process
  double median = 0, min = 0, max = 0;  // of rates
  double cpuMedian = 0;
  double cpuShare = 0;            // median of CPU time / wall time (1 = never preempted)
};

// Runs every workload options.repetitions times, interleaved; returns one measurement per
// workload (same order). checksum accumulates every call's result.
std::vector<Measurement> measureInterleaved(const std::vector<Workload>& workloads,
                                            const RunOptions& options, double& checksum);

double median(std::vector<double> values);

}  // namespace nnplay::bench
