// nnplay_bench: how fast the native engine trains and evaluates, next to a hand-written
// Eigen MLP doing the same work. Run `nnplay_bench --help`.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/runner.h"
#include "bench/workloads.h"
#include "core/error.h"
#include "core/types.h"

#ifndef NNPLAY_BENCH_VARIANT
#define NNPLAY_BENCH_VARIANT "default"
#endif
#ifndef NNPLAY_BENCH_FLAGS
#define NNPLAY_BENCH_FLAGS "?"
#endif

using nnplay::bench::Measurement;
using nnplay::bench::Workload;

namespace {

const char* kUsage = R"(nnplay_bench — native engine throughput (float32), with a hand-written Eigen baseline

usage: nnplay_bench [--reps N] [--min-time SECONDS] [--only ID,ID...] [--json] [--quick] [--list]
  --reps N          repetitions per workload, interleaved across workloads (default 9)
  --min-time S      minimum seconds per repetition and workload (default 0.3)
  --only IDS        run only these workloads (see --list), e.g. --only W3,W3.base
  --json            print the table on stderr and ONE JSON line on stdout
  --quick           --reps 3 --min-time 0.05 (a smoke test, not a measurement)
  --list            list the workloads and exit

Workloads (throughput; the median over the repetitions is the figure to quote):
  W1  2-8-8-1 tanh, sigmoid+BCE, circle 500 points, batch 10, SGD lr 0.03    samples/s
  W2  XOR 2-4-1 sigmoid, MSE, SGD lr 1, full batch of 4                      epochs/s
  W3  784-128-64-10 ReLU, softmax+CCE, batch 32, 8192 random samples, SGD    samples/s
  W4  2-8-8-8-1 tanh (sigmoid out), Eval forward of a 256x256 grid, 1 batch  grids/s
  W6  CNN conv5x5x8-pool2-conv5x5x16-pool2-dense10 on 28x28x1, batch 32, SGD samples/s
      (Fashion-MNIST subset if web/data/fashion-mnist.bin exists, else random images)
  W7.lstm         LSTM 64 on 50x1 (sum_of_sines) -> dense 1, MSE, batch 32, Adam     samples/s
  W7.transformer  2 transformer blocks (d 64, 4 heads, ff 128) on 32 tokens, batch 32, Adam
                  (both through SequenceSession::step, gradient clipping off)           samples/s
  ".loop" / ".trainer" rows drive the engine the other way; ".base" rows are the baseline.
Exit status: 0 ok, 1 the baseline disagrees with the engine (ratio meaningless), 2 usage.
)";

struct Options {
  nnplay::bench::RunOptions run;
  std::set<std::string> only;
  bool json = false;
  bool list = false;
};

[[noreturn]] void usageError(const std::string& message) {
  std::fprintf(stderr, "nnplay_bench: %s\nRun \"nnplay_bench --help\" for the options.\n", message.c_str());
  std::exit(2);
}

double parseNumber(const std::string& flag, const std::string& text, double low, double high) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(v) || v < low || v > high) {
    usageError(flag + " must be a number between " + nnplay::formatNumber(low) + " and " +
               nnplay::formatNumber(high) + ", got \"" + text + "\"");
  }
  return v;
}

Options parseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usageError(a + " needs a value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (a == "--reps") {
      o.run.repetitions = static_cast<int>(parseNumber(a, value(), 1, 1000));
    } else if (a == "--min-time") {
      o.run.minSeconds = parseNumber(a, value(), 0.001, 60);
    } else if (a == "--only") {
      std::stringstream ids(value());
      for (std::string id; std::getline(ids, id, ',');) if (!id.empty()) o.only.insert(id);
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "--quick") {
      o.run.repetitions = 3;
      o.run.minSeconds = 0.05;
    } else if (a == "--list") {
      o.list = true;
    } else {
      usageError("unknown option \"" + a + "\"");
    }
  }
  o.run.progress = isatty(STDERR_FILENO);
  return o;
}

std::string loadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one;
  return in >> one ? one : "?";
}

std::string eigenVersion() {
  return std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." +
         std::to_string(EIGEN_MINOR_VERSION);
}

// 1234567 → "1.235 M".
std::string human(double v) {
  char buf[32];
  if (!std::isfinite(v)) return "n/a";
  if (v >= 1e9) std::snprintf(buf, sizeof buf, "%.3f G", v / 1e9);
  else if (v >= 1e6) std::snprintf(buf, sizeof buf, "%.3f M", v / 1e6);
  else if (v >= 1e3) std::snprintf(buf, sizeof buf, "%.3f k", v / 1e3);
  else std::snprintf(buf, sizeof buf, "%.3f  ", v);
  return buf;
}

// Engine/baseline throughput ratio. The headline is the median of the per-repetition ratios:
// both ran in the same repetition, next to each other, so a slow spell of the machine
// affects both (the ratio of the two medians is also kept).
struct Ratio {
  std::string engine, baseline;
  double ofMedians = NAN, low = NAN, high = NAN, medianOfPairs = NAN;
  double ofCpuMedians = NAN;  // of the CPU-time rates: steadier when the machine is busy
  bool busy = false;          // either side ran below 95 % CPU share
};

Ratio ratioOf(const std::vector<Workload>& w, const std::vector<Measurement>& m, const std::string& engine,
              const std::string& baseline) {
  Ratio r{engine, baseline};
  int e = -1, b = -1;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i].id == engine) e = static_cast<int>(i);
    if (w[i].id == baseline) b = static_cast<int>(i);
  }
  if (e < 0 || b < 0) return r;
  const Measurement& me = m[static_cast<std::size_t>(e)];
  const Measurement& mb = m[static_cast<std::size_t>(b)];
  r.ofMedians = me.median / mb.median;
  r.ofCpuMedians = me.cpuMedian / mb.cpuMedian;
  r.busy = me.cpuShare < 0.95 || mb.cpuShare < 0.95;
  std::vector<double> pairs;
  for (std::size_t k = 0; k < me.rates.size(); ++k) pairs.push_back(me.rates[k] / mb.rates[k]);
  r.low = *std::min_element(pairs.begin(), pairs.end());
  r.high = *std::max_element(pairs.begin(), pairs.end());
  r.medianOfPairs = nnplay::bench::median(pairs);
  return r;
}

constexpr double kW3Target = 1.0 / 1.3;  // the issue: engine throughput ≥ baseline / 1.3

std::string compilerName() {
#ifdef __clang__
  return std::string("clang ") + __clang_version__;
#elif defined(__GNUC__)
  return std::string("g++ ") + __VERSION__;
#else
  return "unknown compiler";
#endif
}

int run(const Options& options) {
  for (const std::string& id : options.only) {
    bool known = false;
    for (const auto& w : nnplay::bench::workloadIds()) known = known || id == w.id;
    if (!known) usageError("unknown workload \"" + id + "\" (see --list)");
  }
  const std::vector<Workload> workloads = nnplay::bench::makeWorkloads(options.only);
  if (options.list) {
    for (const Workload& w : workloads) {
      std::printf("%-14s %-10s %s\n%-25s driver: %s\n", w.id.c_str(), w.unit.c_str(), w.title.c_str(), "",
                  w.driver.c_str());
    }
    return 0;
  }

  // The table goes to stderr when stdout carries the JSON line.
  std::FILE* out = options.json ? stderr : stdout;
  const std::string simd = Eigen::SimdInstructionSetsInUse();
  const std::string scalar = sizeof(nnplay::Scalar) == 4 ? "float32" : "float64";
  std::fprintf(out, "nnplay_bench, variant \"%s\": %s, flags \"%s\"; Eigen %s, SIMD: %s; %s\n",
               NNPLAY_BENCH_VARIANT, compilerName().c_str(), NNPLAY_BENCH_FLAGS, eigenVersion().c_str(), simd.c_str(),
               scalar.c_str());
#ifndef NDEBUG
  std::fprintf(out, "WARNING: not a Release build (NDEBUG is not defined): these figures mean little.\n");
#endif

  const std::vector<nnplay::bench::BaselineCheck> checks = nnplay::bench::checkBaselines(options.only);
  bool agree = true;
  for (const auto& c : checks) {
    std::fprintf(out, "baseline check %s: engine and hand-written MLP, same weights and batches, %d SGD steps: "
                      "max|dθ| = %.3g (max|θ| = %.3g) %s\n",
                 c.id.c_str(), c.batches, c.maxAbsDifference, c.maxAbsParameter,
                 c.agrees() ? "ok" : "DISAGREE");
    agree = agree && c.agrees();
  }
  if (!agree) {
    std::fprintf(stderr, "nnplay_bench: the baseline computes something else than the engine; "
                         "the engine/baseline ratio would be meaningless.\n");
    return 1;
  }

  const std::string loadBefore = loadAverage();
  std::fprintf(out, "%d repetitions x >= %.2f s per workload, workloads interleaved; load average %s ...",
               options.run.repetitions, options.run.minSeconds, loadBefore.c_str());
  std::fflush(out);
  double checksum = 0;
  const std::vector<Measurement> m = nnplay::bench::measureInterleaved(workloads, options.run, checksum);
  const std::string loadAfter = loadAverage();
  std::fprintf(out, " %s\n\n", loadAfter.c_str());

  std::fprintf(out, "%-14s %12s %12s %12s %7s %12s %5s  %-10s %s\n", "id", "median", "min", "max", "spread",
               "cpu median", "cpu%", "unit", "driver");
  for (std::size_t i = 0; i < workloads.size(); ++i) {
    const Workload& w = workloads[i];
    std::fprintf(out, "%-14s %12s %12s %12s %6.1f%% %12s %4.0f%%  %-10s %s\n", w.id.c_str(),
                 human(m[i].median).c_str(), human(m[i].min).c_str(), human(m[i].max).c_str(),
                 100 * (m[i].max - m[i].min) / m[i].median, human(m[i].cpuMedian).c_str(), 100 * m[i].cpuShare,
                 w.unit.c_str(), w.driver.c_str());
  }
  std::fprintf(out,
               "(median/min/max: wall clock; spread = (max - min) / median; cpu median: work per CPU second of\n"
               " this process; cpu%%: CPU time / wall time, below ~95%% the machine was busy with other work)\n\n");

  std::vector<Ratio> ratios;
  for (const auto& id : nnplay::bench::workloadIds()) {
    if (*id.baseline) ratios.push_back(ratioOf(workloads, m, id.id, id.baseline));
  }
  for (const Ratio& r : ratios) {
    if (std::isnan(r.ofMedians)) continue;
    std::fprintf(out,
                 "%s engine/baseline throughput: %.3f (median of the per-repetition ratios, range %.3f-%.3f; "
                 "ratio of the medians %.3f; of the CPU-time medians %.3f)",
                 r.engine.c_str(), r.medianOfPairs, r.low, r.high, r.ofMedians, r.ofCpuMedians);
    if (r.engine == "W3") {
      std::fprintf(out, "; target >= %.3f (within 1.3x): %s", kW3Target,
                   r.medianOfPairs >= kW3Target ? "met" : "NOT MET");
    }
    if (r.busy) std::fprintf(out, "\n  (the machine was busy during this run: the CPU-time ratio is the better estimate)");
    std::fprintf(out, "\n");
  }

  if (options.json) {
    nlohmann::json j;
    j["schema"] = "nnplay-bench/1";
    j["bench"] = "native";
    j["variant"] = NNPLAY_BENCH_VARIANT;
    j["compiler"] = compilerName();
    j["flags"] = NNPLAY_BENCH_FLAGS;
    j["eigen"] = eigenVersion();
    j["simd"] = simd;
    j["scalar"] = scalar;
    j["repetitions"] = options.run.repetitions;
    j["minSeconds"] = options.run.minSeconds;
    j["loadAverage"] = {{"before", loadBefore}, {"after", loadAfter}};
    j["checksum"] = checksum;
    for (const auto& c : checks) {
      j["baselineCheck"][c.id] = {{"steps", c.batches}, {"maxAbsDifference", c.maxAbsDifference},
                                  {"maxAbsParameter", c.maxAbsParameter}, {"agrees", c.agrees()}};
    }
    for (std::size_t i = 0; i < workloads.size(); ++i) {
      const Workload& w = workloads[i];
      j["workloads"].push_back({{"id", w.id}, {"title", w.title}, {"driver", w.driver}, {"unit", w.unit},
                                {"median", m[i].median}, {"min", m[i].min}, {"max", m[i].max},
                                {"callsPerRepetition", m[i].callsPerRepetition},
                                {"cpuMedian", m[i].cpuMedian}, {"cpuShare", m[i].cpuShare},
                                {"workPerCall", w.workPerCall}, {"rates", m[i].rates}, {"cpuRates", m[i].cpuRates}});
    }
    for (const Ratio& r : ratios) {
      if (std::isnan(r.ofMedians)) continue;
      j["ratios"][r.engine + "/" + r.baseline] = {{"ofMedians", r.ofMedians}, {"medianOfPairs", r.medianOfPairs},
                                                  {"min", r.low}, {"max", r.high}, {"ofCpuMedians", r.ofCpuMedians}};
    }
    std::cout << j.dump() << std::endl;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parseOptions(argc, argv);
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nnplay_bench: %s\n", e.what());
    return 1;
  }
}
