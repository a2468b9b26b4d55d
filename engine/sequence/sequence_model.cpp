// Model files of sequence sessions (format "nnplay-sequence", version 1; the layout is in
// sequence_session.h above saveModel). The numbers use io/model_io's readers and writers, so
// they read back bit-exactly and a bad value is refused with its path ("model.parameters[12]").
#include <cmath>
#include <limits>
#include <string>

#include "core/error.h"
#include "io/model_io.h"
#include "io/spec_json.h"
#include "sequence/sequence_session.h"

namespace nnplay {

namespace {

constexpr const char* kFormat = "nnplay-sequence";
constexpr int kFormatVersion = 1;
// The loss history in a file: at most this many records (every k-th step and the last), so a
// long run's file stays small (≈ 80 KB) and its chart keeps its shape.
constexpr std::size_t kSavedHistoryRecords = 2000;
// What a file may hold (a hand-edited or foreign file): more is refused, not allocated.
constexpr std::size_t kMaxHistoryRecords = 100000;

// NaN (accuracy of a signal task) is written as null.
nlohmann::json maybeNumber(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }
double maybeNumberFromJson(const JsonReader& r, const char* key) {
  if (!r.has(key) || r.at(key).raw().is_null()) return std::numeric_limits<double>::quiet_NaN();
  return r.at(key).number();
}

// "a b\n" → "\"a b\\n\"" for messages, at most 40 characters.
std::string quotedText(const std::string& s) {
  std::string out = "\"";
  for (const char c : s.substr(0, 40)) {
    if (c == '\n') out += "\\n";
    else if (c == '"') out += "\\\"";
    else out += c;
  }
  return out + (s.size() > 40 ? "…\"" : "\"");
}

// The characters task's alphabet of a text (sequence_tasks.cpp: its distinct bytes in order).
std::string alphabetOf(const std::string& text) {
  bool present[256] = {};
  for (const unsigned char c : stripTextHeader(text)) present[c] = true;
  std::string alphabet;
  for (int c = 0; c < 256; ++c)
    if (present[c]) alphabet += static_cast<char>(c);
  return alphabet;
}

// history: step, loss, accuracy per record → [[step, loss, accuracy or null], …], thinned.
nlohmann::json historyJson(const std::vector<double>& history) {
  const std::size_t records = history.size() / 3;
  const std::size_t stride = (records + kSavedHistoryRecords - 1) / kSavedHistoryRecords;
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < records; ++i) {
    if (i % stride != 0 && i + 1 != records) continue;
    out.push_back({history[3 * i], history[3 * i + 1], maybeNumber(history[3 * i + 2])});
  }
  return out;
}

// The records back: steps rising and within the file's step count, finite losses, accuracies
// in [0, 1] or null.
std::vector<double> historyFromJson(const JsonReader& r, std::int64_t steps) {
  const std::size_t records = r.arraySize();
  if (records > kMaxHistoryRecords) {
    r.fail("has " + std::to_string(records) + " records; a model file holds at most " +
           std::to_string(kMaxHistoryRecords));
  }
  std::vector<double> history;
  history.reserve(3 * records);
  std::int64_t previous = 0;
  for (std::size_t i = 0; i < records; ++i) {
    const JsonReader record = r.at(i);
    if (record.arraySize() != 3) record.fail("must be [step, loss, accuracy]");
    const std::int64_t step = record.at(std::size_t{0}).integer(previous + 1, steps);
    history.push_back(static_cast<double>(step));
    history.push_back(record.at(1).number());
    history.push_back(record.at(2).raw().is_null() ? std::numeric_limits<double>::quiet_NaN()
                                                   : record.at(2).number(0, 1));
    previous = step;
  }
  return history;
}

}  // namespace

std::string SequenceSession::saveModel() const {
  nlohmann::json config = toJson(config_);
  config["task"].erase("text");
  nlohmann::json slots = nlohmann::json::object();
  const OptimizerState& o = optimizer_->state();
  for (std::size_t i = 0; i < o.slots.size(); ++i) slots[o.slotNames[i]] = modelVectorJson(o.slots[i]);
  nlohmann::json file = {
      {"format", kFormat},
      {"version", kFormatVersion},
      {"config", config},
      {"steps", last_.step},
      {"last", {{"loss", maybeNumber(last_.loss)}, {"accuracy", maybeNumber(last_.accuracy)}}},
      {"history", historyJson(history_)},
      {"parameters", modelVectorJson(network_->parameters())},
      {"state", modelVectorJson(network_->state())},
      {"dropoutRng", modelRngJson(network_->dropoutRng().saveState())},
      {"optimizerState", {{"step", o.step}, {"slots", slots}}},
      {"batchOrder", {{"order", order_}, {"cursor", cursor_}, {"rng", modelRngJson(orderRng_.saveState())}}},
  };
  if (config_.task.task == SequenceTask::Characters) file["alphabet"] = data_.alphabet;
  return file.dump();
}

void SequenceSession::loadModel(const std::string& text, const std::string& corpus) {
  try {
    const nlohmann::json root = parseJsonText(text, "the sequence model");
    const JsonReader r(root, "model");
    r.requireObject();
    if (!r.has("format")) r.fail("has no \"format\" field: this is not an nnplay sequence model file");
    const std::string format = r.at("format").text();
    if (format != kFormat) {
      r.at("format").fail("is \"" + format.substr(0, 40) + "\", not \"" + kFormat +
                          "\": this is not a sequence model file" +
                          (format == "nnplay-gan"     ? " (it is a GAN model: open it on the GAN page)"
                           : format == "nnplay-model" ? " (it is a playground model: open it in the playground)"
                                                      : ""));
    }
    const std::int64_t version = r.at("version").integer(0, 1000000);
    if (version != kFormatVersion) {
      throw InvalidArgument("model.version: version " + std::to_string(version) +
                            " is not supported: this nnplay reads sequence models of version " +
                            std::to_string(kFormatVersion));
    }

    // The config, with a character model's text put back.
    nlohmann::json config = r.at("config").raw();
    const JsonReader task = JsonReader(config, "model.config").at("task");
    task.requireObject();
    if (task.has("text")) task.at("text").fail("must not be here: a sequence model file holds the text's alphabet, not the text");
    const bool characters = task.text("task", "") == "characters";
    std::string alphabet;
    if (characters) {
      alphabet = r.at("alphabet").text();
      const std::string& source = corpus.empty() ? config_.task.text : corpus;
      if (source.empty()) {
        throw InvalidArgument("this is a character model: the file holds the alphabet of its text (" +
                              std::to_string(alphabet.size()) +
                              " characters), not the text itself; give the text it was trained on to load it");
      }
      // Checked before anything is built: a text of another alphabet would otherwise fail on
      // the layer sizes, a less telling message.
      const std::string given = alphabetOf(source);
      if (given != alphabet) {
        throw InvalidArgument("model.alphabet: the model was trained on a text of " + std::to_string(alphabet.size()) +
                              " different characters " + quotedText(alphabet) + ", but the text given has " +
                              std::to_string(given.size()) + " " + quotedText(given) +
                              ": its token ids would mean other characters");
      }
      config["task"]["text"] = source;
    }
    SequenceSessionConfig parsed = sequenceSessionConfigFromJson(JsonReader(config, "model.config"));

    // Build the new session completely before replacing anything, so a bad file changes nothing.
    auto loaded = std::make_unique<SequenceSession>(std::move(parsed));
    require(!characters || loaded->data_.alphabet == alphabet, "model.alphabet: the text's alphabet changed");
    Network& net = *loaded->network_;
    // Copied INTO the network's buffers (the layers point into them; a moved-in vector would
    // swap the storage away from under them).
    const Vector parameters = modelVectorFromJson(r.at("parameters"), net.parameterCount());
    const Vector state = modelVectorFromJson(r.at("state"), net.state().size());
    net.parameters() = parameters;
    net.state() = state;
    net.dropoutRng().restoreState(modelRngFromJson(r.at("dropoutRng")));
    const JsonReader opt = r.at("optimizerState");
    opt.requireObject();
    OptimizerState moments = loaded->optimizer_->state();
    moments.step = opt.at("step").integer(0, kMaxSeed);
    const JsonReader slots = opt.at("slots");
    slots.requireObject();
    for (std::size_t i = 0; i < moments.slotNames.size(); ++i) {
      moments.slots[i] = modelVectorFromJson(slots.at(moments.slotNames[i].c_str()), net.parameterCount());
    }
    if (slots.raw().size() != moments.slotNames.size()) {
      slots.fail(std::string("has slots that ") + optimizerName(loaded->config_.optimizer.kind) + " does not use");
    }
    loaded->optimizer_->restoreState(moments);
    // Where the training order stands: a permutation of the training pool, the next batch's
    // start in it and the generator of the next reshuffle.
    const JsonReader batchOrder = r.at("batchOrder");
    const JsonReader order = batchOrder.at("order");
    const std::size_t pool = loaded->order_.size();
    if (order.arraySize() != pool) {
      order.fail("has " + std::to_string(order.arraySize()) + " entries, expected one per training sequence (" +
                 std::to_string(pool) + ")");
    }
    std::vector<bool> seen(pool, false);
    for (std::size_t i = 0; i < pool; ++i) {
      const std::int64_t row = order.at(i).integer(0, static_cast<std::int64_t>(pool) - 1);
      if (seen[static_cast<std::size_t>(row)]) order.at(i).fail("repeats the training sequence " + std::to_string(row));
      seen[static_cast<std::size_t>(row)] = true;
      loaded->order_[i] = static_cast<Index>(row);
    }
    loaded->cursor_ = static_cast<Index>(batchOrder.at("cursor").integer(0, static_cast<std::int64_t>(pool)));
    loaded->orderRng_.restoreState(modelRngFromJson(batchOrder.at("rng")));
    loaded->last_.step = r.at("steps").integer(0, kMaxSeed);
    if (r.has("last")) {
      const JsonReader last = r.at("last");
      last.requireObject();
      loaded->last_.loss = maybeNumberFromJson(last, "loss");
      loaded->last_.accuracy = maybeNumberFromJson(last, "accuracy");
      if (std::isnan(loaded->last_.loss)) loaded->last_.loss = 0;
    }
    // Optional (files saved before it was added have none): the chart then starts empty.
    if (r.has("history")) loaded->history_ = historyFromJson(r.at("history"), loaded->last_.step);

    // Nothing below throws.
    config_ = std::move(loaded->config_);
    data_ = std::move(loaded->data_);
    network_ = std::move(loaded->network_);
    optimizer_ = std::move(loaded->optimizer_);
    orderRng_ = loaded->orderRng_;
    order_ = std::move(loaded->order_);
    cursor_ = loaded->cursor_;
    batchInputs_ = std::move(loaded->batchInputs_);
    batchTargets_ = std::move(loaded->batchTargets_);
    outputGradient_ = std::move(loaded->outputGradient_);
    checkGradient_ = Matrix();
    last_ = loaded->last_;
    history_ = std::move(loaded->history_);
    viewInput_ = Matrix();
    inspected_ = -1;
  } catch (const InvalidArgument& e) {
    throw ModelFormatError(e.what());
  } catch (const nlohmann::json::exception& e) {
    throw ModelFormatError(std::string("model: ") + e.what());
  }
}

}  // namespace nnplay
