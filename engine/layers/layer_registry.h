// Every kind of layer the engine can build, described as data: its name (as model files and
// the JavaScript API write it), label and documentation for learners, its settings
// (schema/field.h), and how to build it for a given input shape. Network builds layers only
// through this table, spec_json reads and writes layer settings only through it, and the
// schema export (schema/schema_json.h) publishes it, so the page, the types and the API
// reference follow it. Adding a kind: docs/DEVELOPING.md, "How to add a layer kind".
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/shape.h"
#include "layers/layer.h"
#include "schema/field.h"

namespace nnplay {

struct LayerSpec;

// What a layer may need from the network that builds it.
struct LayerContext {
  Rng& dropoutRng;  // the network's generator for stochastic layers (masks)
};

struct LayerKindInfo {
  std::string name;   // "dense"
  std::string label;  // "Dense (fully connected)"
  std::string doc;    // one or two sentences for learners and the API reference
  std::string category;  // "core", "convolution", "sequence"… how the page groups kinds
  std::vector<FieldSchema> fields;
  // Builds the layer for samples of shape `input`. The spec's settings have been validated
  // against `fields`. Throws InvalidArgument, without the layer's position (the network
  // adds "layer 3 (conv2d): "), when the settings do not fit the input shape.
  std::function<std::unique_ptr<Layer>(const LayerSpec& spec, const Shape& input, LayerContext& context)> build;
};

// The kinds in the order the page offers them.
const std::vector<LayerKindInfo>& layerKinds();
// Throws InvalidArgument: unknown layer kind "conv": use dense, activation, …
const LayerKindInfo& findLayerKind(const std::string& name);
// Adds a kind (or replaces one of the same name). For tests and extensions: the built-in
// kinds are listed in layer_registry.cpp.
void registerLayerKind(LayerKindInfo info);
void unregisterLayerKind(const std::string& name);

// The registry entries of the built-in kinds, each defined beside its layer class.
LayerKindInfo denseLayerKind();
LayerKindInfo activationLayerKind();
LayerKindInfo dropoutLayerKind();
LayerKindInfo batchNormLayerKind();
LayerKindInfo conv2dLayerKind();
LayerKindInfo maxPool2dLayerKind();
LayerKindInfo averagePool2dLayerKind();
LayerKindInfo flattenLayerKind();
LayerKindInfo globalAveragePoolLayerKind();
LayerKindInfo embeddingLayerKind();
LayerKindInfo positionalEncodingLayerKind();
LayerKindInfo simpleRnnLayerKind();
LayerKindInfo lstmLayerKind();
LayerKindInfo gruLayerKind();
LayerKindInfo selfAttentionLayerKind();
LayerKindInfo layerNormLayerKind();
LayerKindInfo transformerBlockLayerKind();
LayerKindInfo densePerStepLayerKind();

}  // namespace nnplay
