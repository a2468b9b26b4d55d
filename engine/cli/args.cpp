#include "cli/args.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace nnplay::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& valueOptions,
           const std::set<std::string>& flags) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.rfind("--", 0) != 0) throw UsageError{"unexpected argument \"" + a + "\""};
    const std::string name = a.substr(2);
    if (flags.count(name)) {
      flags_.insert(name);
    } else if (valueOptions.count(name)) {
      if (i + 1 >= argv.size()) throw UsageError{"option --" + name + " needs a value"};
      values_[name] = argv[++i];
    } else {
      throw UsageError{"unknown option --" + name};
    }
  }
}

std::string Args::text(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

double Args::number(const std::string& name, double fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(it->second.c_str(), &end);
  if (end == it->second.c_str() || *end != '\0' || errno == ERANGE) {
    throw UsageError{"--" + name + " expects a number, got \"" + it->second + "\""};
  }
  return v;
}

long long Args::integer(const std::string& name, long long fallback, long long min, long long max) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(it->second.c_str(), &end, 10);
  if (end == it->second.c_str() || *end != '\0' || errno == ERANGE || v < min || v > max) {
    throw UsageError{"--" + name + " expects a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", got \"" + it->second + "\""};
  }
  return v;
}

std::vector<long long> Args::integerList(const std::string& name, const std::vector<long long>& fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  std::vector<long long> out;
  const std::string& s = it->second;
  if (s.empty() || s == "none") return out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t comma = s.find(',', start);
    const std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    char* end = nullptr;
    const long long v = std::strtoll(part.c_str(), &end, 10);
    if (part.empty() || *end != '\0' || v < 0 || v > 100000) {
      throw UsageError{"--" + name + " expects whole numbers separated by commas (e.g. 8,8), got \"" + s + "\""};
    }
    out.push_back(v);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace nnplay::cli
