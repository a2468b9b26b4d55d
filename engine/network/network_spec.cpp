#include "network/network_spec.h"

#include <cmath>

#include "core/error.h"
#include "io/json_reader.h"
#include "layers/layer_registry.h"

namespace nnplay {

LayerSpec LayerSpec::of(const std::string& kind, nlohmann::json params) {
  const LayerKindInfo& info = findLayerKind(kind);
  LayerSpec s;
  s.kind = kind;
  s.params = params.is_object() ? std::move(params) : nlohmann::json::object();
  for (const FieldSchema& f : info.fields)
    if (!s.params.contains(f.name)) s.params[f.name] = f.fallback;
  return s;
}

LayerSpec LayerSpec::dense(Index units, Initializer init) {
  return of("dense", {{"units", units}, {"initializer", initializerName(init)}});
}

LayerSpec LayerSpec::activationOf(Activation activation, double leakyAlpha) {
  return of("activation", {{"activation", activationName(activation)}, {"alpha", leakyAlpha}});
}

LayerSpec LayerSpec::dropout(double rate) { return of("dropout", {{"rate", rate}}); }

LayerSpec LayerSpec::batchNorm(double momentum, double epsilon) {
  return of("batch_norm", {{"momentum", momentum}, {"epsilon", epsilon}});
}

namespace {
const nlohmann::json& setting(const LayerSpec& s, const char* name) {
  auto it = s.params.find(name);
  if (it == s.params.end()) throw InvalidArgument("a " + s.kind + " layer has no setting \"" + name + "\"");
  return *it;
}
}  // namespace

Index LayerSpec::integer(const char* name) const {
  const nlohmann::json& v = setting(*this, name);
  if (!v.is_number()) throw InvalidArgument(std::string(name) + " must be a whole number, found " + describeJson(v));
  const double x = v.get<double>();
  // Out-of-range values are left to the layer's own checks, which explain the limit.
  if (!std::isfinite(x) || std::floor(x) != x || std::fabs(x) > 1e15)
    throw InvalidArgument(std::string(name) + " must be a whole number, found " + v.dump());
  return static_cast<Index>(x);
}

double LayerSpec::number(const char* name) const {
  const nlohmann::json& v = setting(*this, name);
  if (!v.is_number()) throw InvalidArgument(std::string(name) + " must be a number, found " + describeJson(v));
  return v.get<double>();
}

std::string LayerSpec::text(const char* name) const {
  const nlohmann::json& v = setting(*this, name);
  if (!v.is_string()) throw InvalidArgument(std::string(name) + " must be a name, found " + describeJson(v));
  return v.get<std::string>();
}

bool LayerSpec::flag(const char* name) const {
  const nlohmann::json& v = setting(*this, name);
  if (!v.is_boolean()) throw InvalidArgument(std::string(name) + " must be true or false, found " + describeJson(v));
  return v.get<bool>();
}

Initializer LayerSpec::initializer() const {
  return params.contains("initializer") ? parseInitializer(text("initializer")) : Initializer::Auto;
}

Activation LayerSpec::activation() const {
  return kind == "activation" ? parseActivation(text("activation")) : Activation::Linear;
}

NetworkSpec mlpSpec(Index inputs, const std::vector<HiddenLayerOptions>& hidden, Index outputs,
                    Activation outputActivation, Loss loss, std::uint64_t seed,
                    Initializer initializer) {
  NetworkSpec spec;
  spec.input = Shape::features(inputs);
  spec.loss = loss;
  spec.seed = seed;
  spec.initializer = initializer;
  for (const HiddenLayerOptions& h : hidden) {
    spec.layers.push_back(LayerSpec::dense(h.units));
    if (h.batchNorm) spec.layers.push_back(LayerSpec::batchNorm());
    spec.layers.push_back(LayerSpec::activationOf(h.activation));
    if (h.dropoutRate > 0) spec.layers.push_back(LayerSpec::dropout(h.dropoutRate));
  }
  spec.layers.push_back(LayerSpec::dense(outputs));
  spec.layers.push_back(LayerSpec::activationOf(outputActivation));
  return spec;
}

NetworkSpec mlpSpec(Index inputs, const std::vector<Index>& hiddenUnits, Activation hiddenActivation,
                    Index outputs, Activation outputActivation, Loss loss, std::uint64_t seed,
                    Initializer initializer) {
  std::vector<HiddenLayerOptions> hidden;
  for (Index units : hiddenUnits) hidden.push_back({units, hiddenActivation, 0.0, false});
  return mlpSpec(inputs, hidden, outputs, outputActivation, loss, seed, initializer);
}

}  // namespace nnplay
