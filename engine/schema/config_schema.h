// The settings of a playground session, described as data (schema/field.h): one list of
// fields per section of the configuration (session/session_config.h). The configuration
// reader reads every field through these lists and OptimizerSettings::validate checks with
// them, so a range is written once, here; the schema export (schema_json.h) publishes them
// to the page's controls, its URL reader, engine.js, the TypeScript types and the API
// reference. A new setting = one line here plus the struct member it fills.
#pragma once

#include <vector>

#include "schema/field.h"

namespace nnplay {

const std::vector<FieldSchema>& dataFields();         // "data": source, kind, points, noise…
const std::vector<FieldSchema>& networkFields();      // "network": initializer, seed (+ layers)
const std::vector<FieldSchema>& hiddenLayerFields();  // "network.hidden[i]": units, activation…
const std::vector<FieldSchema>& outputFields();       // "network.output": activation, loss
const std::vector<FieldSchema>& optimizerFields();    // "optimizer": kind, learningRate…
const std::vector<FieldSchema>& trainingFields();     // "training": batchSize, shuffle…
// When training stops by itself (training/training_monitor.h); used by the page, the CLI
// and embed options. 0 = off for each.
const std::vector<FieldSchema>& stopFields();

}  // namespace nnplay
