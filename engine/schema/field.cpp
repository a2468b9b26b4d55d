#include "schema/field.h"

#include <cctype>
#include <cmath>

#include "core/error.h"

namespace nnplay {

using nlohmann::json;

namespace {

std::string listNames(const std::vector<std::string>& names) {
  std::string list;
  for (std::size_t i = 0; i < names.size(); ++i) {
    list += i == 0 ? "" : i + 1 == names.size() ? " or " : ", ";
    list += names[i];
  }
  return list;
}

}  // namespace

FieldSchema FieldSchema::integer(std::string name, std::string label, double min, double max,
                                 std::int64_t fallback) {
  FieldSchema f;
  f.name = std::move(name);
  f.label = std::move(label);
  f.type = FieldType::Integer;
  f.min = min;
  f.max = max;
  f.fallback = fallback;
  return f;
}

FieldSchema FieldSchema::number(std::string name, std::string label, double min, double max, double fallback) {
  FieldSchema f;
  f.name = std::move(name);
  f.label = std::move(label);
  f.type = FieldType::Number;
  f.min = min;
  f.max = max;
  f.fallback = fallback;
  return f;
}

FieldSchema FieldSchema::boolean(std::string name, std::string label, bool fallback) {
  FieldSchema f;
  f.name = std::move(name);
  f.label = std::move(label);
  f.type = FieldType::Boolean;
  f.fallback = fallback;
  return f;
}

FieldSchema FieldSchema::choice(std::string name, std::string label, std::vector<std::string> choices,
                                std::string fallback) {
  FieldSchema f;
  f.name = std::move(name);
  f.label = std::move(label);
  f.type = FieldType::Choice;
  f.choices = std::move(choices);
  f.fallback = std::move(fallback);
  return f;
}

FieldSchema FieldSchema::choiceList(std::string name, std::string label, std::vector<std::string> choices,
                                    std::vector<std::string> fallback) {
  FieldSchema f;
  f.name = std::move(name);
  f.label = std::move(label);
  f.type = FieldType::ChoiceList;
  f.choices = std::move(choices);
  f.fallback = std::move(fallback);
  return f;
}

std::string FieldSchema::allowed() const {
  switch (type) {
    case FieldType::Boolean: return "true or false";
    case FieldType::Choice: return listNames(choices);
    case FieldType::ChoiceList: return "a list of distinct names from " + listNames(choices);
    case FieldType::Integer:
      return "a whole number from " + formatNumber(min) + " to " + formatNumber(max);
    case FieldType::Number: {
      std::string lower = minExclusive ? "above " : "from ";
      std::string upper = maxExclusive ? " and below " : " to ";
      if (minExclusive && !maxExclusive) upper = " up to ";
      return "a number " + lower + formatNumber(min) + upper + formatNumber(max);
    }
  }
  return "";
}

json FieldSchema::read(const JsonReader& value) const {
  const json& v = value.raw();
  switch (type) {
    case FieldType::Boolean:
      return value.boolean();
    case FieldType::Choice: {
      const std::string text = value.text();
      for (const std::string& c : choices)
        if (c == text) return text;
      value.fail("must be " + listNames(choices) + ", found \"" + text + "\"");
    }
    case FieldType::ChoiceList: {
      json out = json::array();
      for (std::size_t i = 0; i < value.arraySize(); ++i) {
        const JsonReader item = value.at(i);
        const std::string text = item.text();
        bool known = false;
        for (const std::string& c : choices) known = known || c == text;
        if (!known) item.fail("must be " + listNames(choices) + ", found \"" + text + "\"");
        for (const auto& seen : out)
          if (seen == text) item.fail("names \"" + text + "\" twice");
        out.push_back(text);
      }
      return out;
    }
    case FieldType::Integer:
    case FieldType::Number: {
      if (!v.is_number()) value.fail("must be " + allowed() + ", found " + describeJson(v));
      const double x = v.get<double>();
      const bool whole = type != FieldType::Integer || std::floor(x) == x;
      const bool inRange = std::isfinite(x) && (minExclusive ? x > min : x >= min) &&
                           (maxExclusive ? x < max : x <= max);
      if (!whole || !inRange) value.fail("must be " + allowed() + ", found " + v.dump());
      if (type == FieldType::Integer) return static_cast<std::int64_t>(x);
      return x;
    }
  }
  return v;
}

void FieldSchema::check(double x) const {
  const bool whole = type != FieldType::Integer || std::floor(x) == x;
  const bool inRange = std::isfinite(x) && (minExclusive ? x > min : x >= min) && (maxExclusive ? x < max : x <= max);
  if (whole && inRange) return;
  std::string what = label;
  for (char& c : what) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  throw InvalidArgument("the " + what + " (" + name + ") must be " + allowed() + ", got " +
                        (std::isnan(x) ? std::string("NaN") : formatNumber(x)));
}

const json& FieldSchema::defaultFor(const std::string& variant) const {
  const auto it = fallbackByVariant.find(variant);
  return it == fallbackByVariant.end() ? fallback : *it;
}

json FieldSchema::readFrom(const JsonReader& object, const std::string& variant) const {
  if (required) return read(object.at(name.c_str()));  // "missing field …" when absent
  return object.has(name.c_str()) ? read(object.at(name.c_str())) : defaultFor(variant);
}

json toJson(const FieldSchema& f) {
  static const char* const kTypeNames[] = {"integer", "number", "boolean", "choice", "choiceList"};
  json j = {{"name", f.name}, {"type", kTypeNames[static_cast<int>(f.type)]}, {"label", f.label},
            {"default", f.fallback}, {"doc", f.doc}};
  if (!f.unit.empty()) j["unit"] = f.unit;
  if (f.type == FieldType::Integer || f.type == FieldType::Number) {
    j["min"] = f.min;
    j["max"] = f.max;
    if (f.minExclusive) j["minExclusive"] = true;
    if (f.maxExclusive) j["maxExclusive"] = true;
    if (!std::isnan(f.uiMin)) j["ui"] = {{"min", f.uiMin}, {"max", f.uiMax}};
  }
  if (f.type == FieldType::Choice || f.type == FieldType::ChoiceList) j["choices"] = f.choices;
  if (!f.fallbackByVariant.empty()) j["defaultFor"] = f.fallbackByVariant;
  if (!f.appliesTo.empty()) j["appliesTo"] = f.appliesTo;
  if (f.required) j["required"] = true;
  return j;
}

json readFields(const JsonReader& object, const std::vector<FieldSchema>& fields, const char* what,
                const std::vector<std::string>& alsoAllowed, const std::string& variant) {
  object.requireObject();
  for (auto it = object.raw().begin(); it != object.raw().end(); ++it) {
    bool known = it.key() == "kind";
    for (const std::string& k : alsoAllowed) known = known || k == it.key();
    for (const FieldSchema& f : fields) known = known || f.name == it.key();
    if (!known) {
      std::vector<std::string> names;
      for (const FieldSchema& f : fields) names.push_back(f.name);
      for (const std::string& k : alsoAllowed) names.push_back(k);
      object.fail(std::string("has an unknown setting \"") + it.key() + "\" for " + what +
                  (names.empty() ? std::string(" (it takes none)") : ": use " + listNames(names)));
    }
  }
  json out = json::object();
  for (const FieldSchema& f : fields) out[f.name] = f.readFrom(object, variant);
  return out;
}

const FieldSchema& findField(const std::vector<FieldSchema>& fields, const std::string& name) {
  for (const FieldSchema& f : fields)
    if (f.name == name) return f;
  throw InvalidArgument("no setting named \"" + name + "\"");
}

}  // namespace nnplay
