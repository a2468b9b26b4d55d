// A small command-line parser: "--name value" options and "--flag" switches, with messages
// that say which option was wrong and what it accepts.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace nnplay::cli {

class Args {
 public:
  // argv after the command name. valueOptions take a value; flags do not. Anything else is an
  // error ("unknown option --x").
  Args(const std::vector<std::string>& argv, const std::set<std::string>& valueOptions,
       const std::set<std::string>& flags);

  bool has(const std::string& name) const { return values_.count(name) > 0; }
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  std::string text(const std::string& name, const std::string& fallback) const;
  double number(const std::string& name, double fallback) const;
  long long integer(const std::string& name, long long fallback, long long min, long long max) const;
  std::vector<long long> integerList(const std::string& name, const std::vector<long long>& fallback) const;

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
};

// Thrown for bad command lines; main prints the message and exits with status 2.
struct UsageError {
  std::string message;
};

}  // namespace nnplay::cli
