#include "io/json_reader.h"

#include <cmath>

#include "core/error.h"
#include "core/limits.h"

namespace nnplay {

std::string describeJson(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::string: return "the text \"" + v.get<std::string>().substr(0, 40) + "\"";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return formatNumber(v.get<double>());
    default: return "an unsupported value";
  }
}

namespace {

// The deepest nesting of arrays and objects in text (outside strings), counted without
// parsing: a document nested deeper than kMaxJsonDepth is refused before nlohmann::json
// builds it, because copying, comparing and writing a json value recurse once per level
// (10⁴ levels overflowed the WebAssembly call stack: a RangeError that left the module unusable).
bool nestsDeeperThan(const std::string& text, int limit) {
  int depth = 0;
  bool inString = false, escaped = false;
  for (const char c : text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace

nlohmann::json parseJsonText(const std::string& text, const std::string& what) {
  if (nestsDeeperThan(text, kMaxJsonDepth)) {
    throw InvalidArgument(what + " nests arrays or objects more than " + std::to_string(kMaxJsonDepth) +
                          " levels deep (the engine's limit)");
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    std::string detail = e.what();
    const auto colon = detail.find("parse error");
    if (colon != std::string::npos) detail = detail.substr(colon);
    throw InvalidArgument(what + " is not valid JSON (" + detail + ")");
  } catch (const nlohmann::json::exception& e) {
    // A number beyond double's range ("1e999", found by the fuzzer) fails with out_of_range.
    std::string detail = e.what();
    const auto bracket = detail.find("] ");
    if (bracket != std::string::npos) detail = detail.substr(bracket + 2);
    throw InvalidArgument(what + " is not usable JSON (" + detail + ")");
  }
}

void JsonReader::fail(const std::string& problem) const {
  throw InvalidArgument((path_.empty() ? std::string("the top level") : path_) + " " + problem);
}

void JsonReader::requireObject() const {
  if (!value_->is_object()) fail("must be an object, found " + describeJson(*value_));
}

bool JsonReader::has(const char* key) const {
  return value_->is_object() && value_->contains(key) && !(*value_)[key].is_null();
}

JsonReader JsonReader::at(const char* key) const {
  requireObject();
  const std::string child = path_.empty() ? key : path_ + "." + key;
  auto it = value_->find(key);
  if (it == value_->end()) throw InvalidArgument("missing field " + child);
  return JsonReader(*it, child);
}

JsonReader JsonReader::at(std::size_t index) const {
  const std::size_t n = arraySize();
  const std::string child = path_ + "[" + std::to_string(index) + "]";
  if (index >= n) throw InvalidArgument("missing element " + child);
  return JsonReader((*value_)[index], child);
}

std::size_t JsonReader::arraySize() const {
  if (!value_->is_array()) fail("must be an array, found " + describeJson(*value_));
  return value_->size();
}

double JsonReader::number() const {
  if (!value_->is_number()) fail("must be a number, found " + describeJson(*value_));
  const double v = value_->get<double>();
  if (!std::isfinite(v)) fail("must be a finite number");
  return v;
}

double JsonReader::number(double min, double max) const {
  const double v = number();
  if (v < min || v > max) fail("must be between " + formatNumber(min) + " and " + formatNumber(max) + ", found " + formatNumber(v));
  return v;
}

std::int64_t JsonReader::integer(std::int64_t min, std::int64_t max) const {
  const double v = number();
  if (v != std::floor(v)) fail("must be a whole number, found " + formatNumber(v));
  if (v < static_cast<double>(min) || v > static_cast<double>(max)) {
    fail("must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ", found " +
         formatNumber(v));
  }
  return static_cast<std::int64_t>(v);
}

std::string JsonReader::text() const {
  if (!value_->is_string()) fail("must be a text, found " + describeJson(*value_));
  return value_->get<std::string>();
}

bool JsonReader::boolean() const {
  if (!value_->is_boolean()) fail("must be true or false, found " + describeJson(*value_));
  return value_->get<bool>();
}

double JsonReader::number(const char* key, double fallback, double min, double max) const {
  return has(key) ? at(key).number(min, max) : fallback;
}

std::int64_t JsonReader::integer(const char* key, std::int64_t fallback, std::int64_t min, std::int64_t max) const {
  return has(key) ? at(key).integer(min, max) : fallback;
}

std::string JsonReader::text(const char* key, const std::string& fallback) const {
  return has(key) ? at(key).text() : fallback;
}

bool JsonReader::boolean(const char* key, bool fallback) const {
  return has(key) ? at(key).boolean() : fallback;
}

}  // namespace nnplay
