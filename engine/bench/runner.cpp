#include "bench/runner.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace nnplay::bench {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double cpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

struct Timing {
  double wall, cpu;
};

// Seconds for `calls` calls, after an untimed restart.
Timing timeCalls(const Workload& w, long long calls, double& checksum) {
  if (w.restart) w.restart();
  const double cpuStart = cpuSeconds();
  const auto start = Clock::now();
  double sum = 0;
  for (long long i = 0; i < calls; ++i) sum += w.call();
  const double seconds = secondsSince(start);
  const double cpu = cpuSeconds() - cpuStart;
  checksum += sum;
  return {seconds, cpu};
}

// Calls per repetition so that one repetition lasts at least minSeconds. The first call
// is a warm-up (it grows the per-batch workspaces to their final size).
long long calibrate(const Workload& w, double minSeconds, double& checksum) {
  timeCalls(w, 1, checksum);
  long long calls = 1;
  const double probeSeconds = std::min(0.05, minSeconds / 4);
  for (;;) {
    const double seconds = timeCalls(w, calls, checksum).wall;
    if (seconds >= probeSeconds) {
      return std::max(1LL, static_cast<long long>(std::ceil(minSeconds * calls / seconds)));
    }
    calls *= seconds > 0 ? std::clamp(static_cast<long long>(probeSeconds / seconds * 1.2), 2LL, 100LL) : 100;
  }
}

}  // namespace

double median(std::vector<double> v) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

std::vector<Measurement> measureInterleaved(const std::vector<Workload>& workloads,
                                            const RunOptions& options, double& checksum) {
  std::vector<Measurement> results(workloads.size());
  for (std::size_t i = 0; i < workloads.size(); ++i) {
    results[i].callsPerRepetition = calibrate(workloads[i], options.minSeconds, checksum);
  }
  for (int rep = 0; rep < options.repetitions; ++rep) {
    if (options.progress) std::fprintf(stderr, "  repetition %d/%d\r", rep + 1, options.repetitions);
    for (std::size_t i = 0; i < workloads.size(); ++i) {
      const Workload& w = workloads[i];
      const long long calls = results[i].callsPerRepetition;
      const Timing t = timeCalls(w, calls, checksum);
      const double work = static_cast<double>(calls) * w.workPerCall;
      results[i].rates.push_back(work / t.wall);
      results[i].cpuRates.push_back(work / t.cpu);
    }
  }
  if (options.progress) std::fprintf(stderr, "%40s\r", "");
  for (Measurement& m : results) {
    m.median = median(m.rates);
    m.min = *std::min_element(m.rates.begin(), m.rates.end());
    m.max = *std::max_element(m.rates.begin(), m.rates.end());
    m.cpuMedian = median(m.cpuRates);
    std::vector<double> shares;
    for (std::size_t k = 0; k < m.rates.size(); ++k) shares.push_back(m.rates[k] / m.cpuRates[k]);
    m.cpuShare = median(shares);
  }
  return results;
}

}  // namespace nnplay::bench
