// A session's data: turning raw points into the network's inputs (2-D points through the
// chosen features), the custom points a learner draws or uploads, and their form in model
// files ("session.customData").
#pragma once

#include <nlohmann/json.hpp>

#include "data/dataset.h"
#include "io/json_reader.h"
#include "session/session_config.h"

namespace nnplay {

// Features turn 2-D points into the network's inputs; other data goes in as it is.
bool usesFeatures(const Dataset& raw);

// The network's view of a raw part: 2-D points become the chosen features (a new matrix);
// other data goes in as it is, moved rather than copied (Fashion-MNIST is 31 MB a copy).
Dataset withFeatures(Dataset& raw, const DataConfig& data);

// n points of `dims` coordinates (row-major, as JavaScript holds them) with their labels
// (class indices, or values when classes is 0); refused beyond the engine's limits.
Dataset customDataset(const float* points, const float* labels, Index n, Index dims, int classes);

nlohmann::json customDataJson(const Dataset& raw);
Dataset customDataFromJson(const JsonReader& json);  // throws InvalidArgument naming the field

// "binary", "multiclass", "regression" or "autoencoder".
const char* taskName(const DataConfig& data, int classes);

}  // namespace nnplay
