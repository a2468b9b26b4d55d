// `nnplay sequence`: trains a sequence model (RNN, LSTM, GRU, transformer) on a generated task
// with the sequence page's presets and settings, so a run here reproduces the page's numbers;
// prints the batch loss and the test score every --every steps; saves and loads model files
// (the page's "Save model" files).
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/args.h"
#include "core/error.h"
#include "io/spec_json.h"
#include "sequence/sequence_session.h"

namespace nnplay::cli {

namespace {

const char* kSequenceUsage = R"(usage: nnplay sequence [--task first_bit] [--arch lstm] [options]
  Trains a sequence model on a generated task with the sequence page's presets and settings
  (the same run as the page with the same URL settings) and prints the batch loss and the test
  score every --every steps.
  --task first_bit  sum_of_sines, square_wave, noisy_sine, first_bit, parity, add_marked,
                    copy, reverse, sort, characters
  --arch lstm       simple_rnn, lstm, gru, transformer (the page's preset layer lists)
  --length 30       steps per sequence      --symbols 8   (copy, reverse, sort)
  --steps 600       training steps          --every 100   (print every N steps)
  --seed 1          --lr 0.01 (Adam)        --batch 32
  --text FILE       characters: the text (default web/data/moby-dick.txt)
  --save FILE       write the trained model (a file the sequence page loads)
  --load FILE       start from a saved model (its task, layers and settings; the options
                    above that set them are refused); --steps then defaults to 0
)";

// The page's defaults (web/js/sequence/seq-state.js defaultState).
struct PageState {
  std::string task = "first_bit", arch = "lstm";
  long long length = 30, symbols = 8, batch = 32;
  long long seed = 1;
  double lr = 0.01;
};

bool isTokens(const std::string& task) { return task == "copy" || task == "reverse" || task == "sort"; }
bool isSignal(const std::string& task) {
  return task == "sum_of_sines" || task == "square_wave" || task == "noisy_sine";
}

LayerSpec layer(const std::string& kind, nlohmann::json fields) {
  return LayerSpec::of(kind, fields.is_null() ? nlohmann::json::object() : std::move(fields));
}

// web/js/sequence/seq-state.js presetLayers, layer for layer.
std::vector<LayerSpec> presetLayers(const PageState& s, long long alphabetSize) {
  const bool text = s.task == "characters";
  const bool perStep = isTokens(s.task) || text;
  const long long classes = isTokens(s.task) ? s.symbols : text ? alphabetSize
                            : s.task == "add_marked" || isSignal(s.task) ? 1 : 2;
  const long long width = text ? 64 : 32;
  std::vector<LayerSpec> layers;
  if (perStep) layers.push_back(layer("embedding", {{"vocabulary", classes}, {"dimension", width}}));
  if (s.arch == "transformer") {
    if (!perStep) layers.push_back(layer("dense_per_step", {{"units", width}}));
    layers.push_back(layer("positional_encoding", {{"encoding", std::string("learned")}}));
    layers.push_back(layer("transformer_block", {{"heads", 2LL}, {"ffUnits", 2 * width}, {"causal", text}}));
    if (!perStep) layers.push_back(layer("flatten", nullptr));
  } else {
    layers.push_back(layer(s.arch, {{"units", width}, {"returnSequences", perStep}}));
  }
  layers.push_back(perStep ? layer("dense_per_step", {{"units", classes}}) : layer("dense", {{"units", classes}}));
  return layers;
}

std::string readFile(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError{std::string("cannot read the ") + what + " " + path};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The page's engineConfig: 2000 training and 300 test sequences (characters: 4000 windows),
// Adam, gradient clipping at 1.
SequenceSessionConfig pageConfig(const PageState& s, const std::string& text) {
  nlohmann::json task = {{"task", s.task}, {"length", s.length}, {"symbols", s.symbols}, {"seed", s.seed},
                         {"trainSamples", s.task == "characters" ? 4000 : 2000}, {"testSamples", 300}};
  long long alphabet = 0;
  if (s.task == "characters") {
    task["text"] = text;
    const std::string body = stripTextHeader(text);
    alphabet = static_cast<long long>(std::set<unsigned char>(body.begin(), body.end()).size());
  }
  nlohmann::json layers = nlohmann::json::array();
  for (const LayerSpec& l : presetLayers(s, alphabet)) layers.push_back(toJson(l));
  const nlohmann::json config = {{"task", task},
                                 {"network", {{"seed", s.seed}, {"layers", layers}}},
                                 {"optimizer", {{"kind", "adam"}, {"learningRate", s.lr}}},
                                 {"batchSize", s.batch},
                                 {"clipNorm", 1}};
  return sequenceSessionConfigFromJson(JsonReader(config, "config"));
}

void printScore(const SequenceStepResult& r, const SequenceEvaluation& e) {
  std::printf("%8lld ", static_cast<long long>(r.step));
  if (r.step == 0) std::printf("%11s", "-");
  else std::printf("%11.4g", r.loss);
  std::printf(" %10.4g", e.loss);
  if (std::isfinite(e.accuracy)) std::printf(" %9.1f %%", 100 * e.accuracy);
  if (std::isfinite(e.relativeMse)) std::printf("   %.2f %% of the variance", 100 * e.relativeMse);
  std::printf("\n");
}

}  // namespace

int sequenceCommand(const std::vector<std::string>& argv) {
  for (const std::string& arg : argv) {
    if (arg == "--help" || arg == "-h") {
      std::fputs(kSequenceUsage, stdout);
      return 0;
    }
  }
  const Args a(argv, {"task", "arch", "length", "symbols", "steps", "every", "seed", "lr", "batch", "text", "save", "load"},
               {});
  const bool loading = a.has("load");
  std::unique_ptr<SequenceSession> session;
  if (loading) {
    for (const char* option : {"task", "arch", "length", "symbols", "seed", "lr", "batch"}) {
      if (a.has(option)) throw UsageError{std::string("--") + option + " comes from the model file given with --load"};
    }
    const std::string file = readFile(a.text("load", ""), "model file");
    // A character model needs its text: the one given, else the page's.
    bool characters = false;
    try {
      characters = nlohmann::json::parse(file).at("config").at("task").at("task") == "characters";
    } catch (const nlohmann::json::exception&) {
      // loadModel names what is wrong with the file
    }
    const std::string text = characters ? readFile(a.text("text", "web/data/moby-dick.txt"), "text") : std::string();
    session = std::make_unique<SequenceSession>(pageConfig(PageState{}, ""));
    session->loadModel(file, text);
  } else {
    PageState s;
    s.task = a.text("task", s.task);
    parseSequenceTask(s.task);  // names the tasks when it is not one
    s.arch = a.text("arch", s.arch);
    if (s.arch != "simple_rnn" && s.arch != "lstm" && s.arch != "gru" && s.arch != "transformer") {
      throw UsageError{"--arch must be simple_rnn, lstm, gru or transformer, got \"" + s.arch + "\""};
    }
    s.length = a.integer("length", s.length, 2, 1000);
    s.symbols = a.integer("symbols", s.symbols, 2, 256);
    s.seed = a.integer("seed", s.seed, 0, kMaxSeed);
    s.lr = a.number("lr", s.lr);
    s.batch = a.integer("batch", s.batch, 1, 4096);
    const std::string text = s.task == "characters" ? readFile(a.text("text", "web/data/moby-dick.txt"), "text") : "";
    session = std::make_unique<SequenceSession>(pageConfig(s, text));
  }
  const long long steps = a.integer("steps", loading ? 0 : 600, 0, 10000000);
  const long long every = a.integer("every", 100, 1, 10000000);

  const SequenceSessionConfig& c = session->config();
  std::string arch;
  for (const LayerSpec& l : c.network.layers) arch += (arch.empty() ? "" : " → ") + l.kind;
  std::printf("Sequence model on %s (length %lld): %s, %lld parameters, %s lr %g, batch %lld, seed %llu%s\n",
              sequenceTaskName(c.task.task), static_cast<long long>(c.task.length), arch.c_str(),
              static_cast<long long>(session->network().parameterCount()), optimizerName(c.optimizer.kind),
              c.optimizer.learningRate, static_cast<long long>(c.batchSize),
              static_cast<unsigned long long>(c.network.seed),
              loading ? (", loaded at step " + std::to_string(session->last().step)).c_str() : "");
  const bool accuracy = std::isfinite(session->evaluate().accuracy);
  std::printf("%8s %11s %10s%s\n", "step", "batch loss", "test loss", accuracy ? "  test acc." : "");
  if (loading || steps == 0) printScore(session->last(), session->evaluate());
  for (long long done = 0; done < steps;) {
    const long long chunk = std::min(every, steps - done);
    const SequenceStepResult r = session->train(static_cast<int>(chunk));
    done += chunk;
    printScore(r, session->evaluate());
  }
  if (a.has("save")) {
    const std::string path = a.text("save", "");
    std::ofstream out(path, std::ios::binary);
    out << session->saveModel();
    if (!out) throw UsageError{"cannot write the model file " + path};
    std::printf("saved the model at step %lld to %s\n", static_cast<long long>(session->last().step), path.c_str());
  }
  return 0;
}

}  // namespace nnplay::cli
