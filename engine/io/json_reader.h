// Reads a nlohmann::json value field by field, keeping the path ("network.layers[2].units")
// so every error names the exact field, what was found and what is allowed.
// Errors are InvalidArgument; model_io turns them into ModelFormatError.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

namespace nnplay {

class JsonReader {
 public:
  JsonReader(const nlohmann::json& value, std::string path) : value_(&value), path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  const nlohmann::json& raw() const { return *value_; }
  bool has(const char* key) const;
  JsonReader at(const char* key) const;  // required field of an object
  JsonReader at(std::size_t index) const;  // element of an array
  std::size_t arraySize() const;           // requires an array
  void requireObject() const;

  double number() const;  // finite number
  double number(double min, double max) const;
  std::int64_t integer(std::int64_t min, std::int64_t max) const;
  std::string text() const;
  bool boolean() const;

  // Optional fields with defaults.
  double number(const char* key, double fallback, double min, double max) const;
  std::int64_t integer(const char* key, std::int64_t fallback, std::int64_t min, std::int64_t max) const;
  std::string text(const char* key, const std::string& fallback) const;
  bool boolean(const char* key, bool fallback) const;

  [[noreturn]] void fail(const std::string& problem) const;

 private:
  const nlohmann::json* value_;
  std::string path_;
};

// What a JSON value is, for messages: "a string", "null", "an array"…
std::string describeJson(const nlohmann::json& value);

// Parses text; throws InvalidArgument("… is not valid JSON: <parser message>").
nlohmann::json parseJsonText(const std::string& text, const std::string& what);

}  // namespace nnplay
