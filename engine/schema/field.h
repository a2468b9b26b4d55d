// One setting described as data: its JSON name, type, allowed range or choices, default,
// and the words a learner reads (label, unit, one line of documentation). The engine reads
// and validates every setting through these descriptions, and exports them (schema_json.h),
// so the page's controls, the URL reader, the JavaScript validation, the TypeScript types
// and the API reference all derive from the one table instead of repeating it.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/json_reader.h"

namespace nnplay {

// ChoiceList: an array of distinct names from `choices` (the input features).
enum class FieldType { Integer, Number, Boolean, Choice, ChoiceList };

struct FieldSchema {
  std::string name;   // the JSON key, camelCase
  FieldType type = FieldType::Number;
  std::string label;  // "Learning rate"
  std::string unit;   // "points", "%"… empty when the value has none
  std::string doc;    // one sentence for tooltips and the API reference
  double min = 0;
  double max = 0;
  bool minExclusive = false;  // min itself is not allowed (ε > 0)
  bool maxExclusive = false;  // max itself is not allowed (momentum < 1)
  nlohmann::json fallback;    // the default, used when the field is missing
  std::vector<std::string> choices;  // Choice: the allowed names
  // The narrower range the page's controls offer (a playground shows at most 16 neurons
  // per layer); NaN = the whole range. The engine accepts the whole range.
  double uiMin = std::numeric_limits<double>::quiet_NaN();
  double uiMax = std::numeric_limits<double>::quiet_NaN();
  // Only some variants use the field (Adam's β₁…): the optimizer or layer kinds it applies
  // to. Empty = always used.
  std::vector<std::string> appliesTo;
  // Must be given (model files and configs may not leave it out); `fallback` is then only
  // what the page proposes.
  bool required = false;
  // Defaults that depend on a variant (the optimizer kind: Adam's learning rate is 0.001,
  // SGD's 0.01), as {variant: value}; variants not listed use `fallback`.
  nlohmann::json fallbackByVariant = nlohmann::json::object();

  static FieldSchema integer(std::string name, std::string label, double min, double max, std::int64_t fallback);
  static FieldSchema number(std::string name, std::string label, double min, double max, double fallback);
  static FieldSchema boolean(std::string name, std::string label, bool fallback);
  static FieldSchema choice(std::string name, std::string label, std::vector<std::string> choices,
                            std::string fallback);
  static FieldSchema choiceList(std::string name, std::string label, std::vector<std::string> choices,
                                std::vector<std::string> fallback);

  FieldSchema& withUnit(std::string u) { unit = std::move(u); return *this; }
  FieldSchema& withDoc(std::string d) { doc = std::move(d); return *this; }
  FieldSchema& withUiRange(double lo, double hi) { uiMin = lo; uiMax = hi; return *this; }
  FieldSchema& excludingMin() { minExclusive = true; return *this; }
  FieldSchema& excludingMax() { maxExclusive = true; return *this; }
  FieldSchema& mustBeGiven() { required = true; return *this; }
  FieldSchema& onlyFor(std::vector<std::string> kinds) { appliesTo = std::move(kinds); return *this; }
  FieldSchema& withDefaultFor(const std::string& variant, nlohmann::json value) {
    fallbackByVariant[variant] = std::move(value);
    return *this;
  }

  // Checks one value (already known to be present); throws InvalidArgument at value's path:
  // "optimizer.learningRate must be a number from 0 to 1e+06, found -1".
  nlohmann::json read(const JsonReader& value) const;
  // The field of an object, or the default (for `variant`, when given) when it is missing.
  nlohmann::json readFrom(const JsonReader& object, const std::string& variant = "") const;
  const nlohmann::json& defaultFor(const std::string& variant) const;
  // What the value must be, in words: "a whole number from 1 to 100000".
  std::string allowed() const;
  // Checks a number already read into a struct (OptimizerSettings::validate); throws
  // InvalidArgument "the learning rate must be a number from 0 and below 1e+06, got -1".
  void check(double value) const;
};

// The schema's JSON form (see schema_json.h).
nlohmann::json toJson(const FieldSchema& field);

// A list of fields read from one object: unknown keys are refused with the list of known
// ones, missing keys take their defaults (the variant's, when given: the optimizer kind).
// `alsoAllowed` names keys read elsewhere (the network's "layers"). Returns an object holding
// every field.
nlohmann::json readFields(const JsonReader& object, const std::vector<FieldSchema>& fields,
                          const char* what, const std::vector<std::string>& alsoAllowed = {},
                          const std::string& variant = "");

const FieldSchema& findField(const std::vector<FieldSchema>& fields, const std::string& name);

}  // namespace nnplay
