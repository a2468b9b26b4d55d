// The engine's whole schema as one JSON document: every section of a session's
// configuration (schema/config_schema.h) and every layer kind (layers/layer_registry.h),
// each field with its type, range, default, choices, label, unit and documentation.
//
// It is what the engine publishes (engine.schema() in JavaScript, `nnplay schema` on the
// command line); build-scripts/generate-schema.mjs writes the page's copy
// (web/js/ground/engine-schema.js), the TypeScript types of configurations
// (web/js/engine-config.d.ts) and the settings part of docs/api-reference.md from it, and
// `npm test` fails when one of them is stale.
//
// {"version": 1,
//  "sections": [{"name": "data", "path": "data", "label", "doc", "fields": [field…]}, …],
//  "layerKinds": [{"name": "dense", "label", "doc", "category", "fields": [field…]}, …]}
#pragma once

#include <nlohmann/json.hpp>

namespace nnplay {

constexpr int kSchemaVersion = 1;

nlohmann::json engineSchema();

}  // namespace nnplay
