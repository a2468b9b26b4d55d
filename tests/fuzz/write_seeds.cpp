// Writes the seed corpus under tests/fuzz/corpus/<target>/ from the engine itself, so the
// seeds are valid inputs of the current formats: `fuzz_write_seeds tests/fuzz/corpus`.
// (Regression inputs found by fuzzing are added to the same folders by hand, named
// found-*.)
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gan/gan.h"
#include "gan/gan_presets.h"
#include "io/spec_json.h"
#include "sequence/sequence_session.h"
#include "session/session.h"

namespace {

const char* const kConfigs[] = {
    R"({})",
    R"({"data":{"kind":"spiral","classes":3,"points":120,"noise":0.2},"network":{"hidden":[{"units":6,"activation":"relu","batchNorm":true},{"units":4,"activation":"tanh","dropout":0.2}]},"optimizer":{"kind":"adam","learningRate":0.01}})",
    R"({"data":{"kind":"gaussians","task":"autoencoder","points":60},"network":{"hidden":[{"units":2,"activation":"tanh"}]},"optimizer":{"kind":"momentum"}})",
    R"({"data":{"kind":"regression_plane","points":80,"features":["x1","x2","x1_x2","sin_x1"]},"network":{"hidden":[{"units":3}]},"training":{"batchSize":7,"regularization":"l2","regularizationRate":0.001}})",
    R"({"data":{"kind":"xor","points":100},"network":{"layers":[{"kind":"dense","units":4},{"kind":"activation","activation":"leaky_relu","alpha":0.1},{"kind":"dense","units":1},{"kind":"activation","activation":"sigmoid"}],"loss":"binary_cross_entropy","initializer":"he_uniform"},"optimizer":{"kind":"rmsprop"}})",
};

// Small sequence models of every cell kind and target kind (fuzz_sequence_model's corpus()
// is the character model's text).
const char* const kSequenceConfigs[] = {
    R"({"task":{"task":"first_bit","length":6,"trainSamples":20,"testSamples":8},"network":{"layers":[{"kind":"lstm","units":4},{"kind":"dense","units":2}]}})",
    R"({"task":{"task":"reverse","length":4,"symbols":4,"trainSamples":16,"testSamples":8},"network":{"layers":[{"kind":"embedding","vocabulary":4,"dimension":4},{"kind":"positional_encoding","encoding":"learned"},{"kind":"transformer_block","heads":2,"ffUnits":4},{"kind":"dense_per_step","units":4}]},"optimizer":{"kind":"rmsprop"},"batchSize":4})",
    R"({"task":{"task":"sum_of_sines","length":5,"trainSamples":20,"testSamples":8},"network":{"layers":[{"kind":"gru","units":3},{"kind":"dense","units":1}]},"optimizer":{"kind":"momentum"},"batchSize":4,"clipNorm":0})",
    R"({"task":{"task":"characters","length":6,"trainSamples":20,"testSamples":8},"network":{"layers":[{"kind":"embedding","vocabulary":14,"dimension":3},{"kind":"simple_rnn","units":4,"returnSequences":true},{"kind":"dense_per_step","units":14}]},"batchSize":4})",
};
const std::string kSequenceText = "the cat sat on the mat and the dog sat on the log. the end. " + std::string(200, ' ');

void write(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_write_seeds <corpus folder>\n");
    return 2;
  }
  const std::filesystem::path root = argv[1];
  for (const char* t : {"fuzz_model_file", "fuzz_config", "fuzz_custom_data", "fuzz_session_calls",
                        "fuzz_sequence_model", "fuzz_gan_model"}) {
    std::filesystem::create_directories(root / t);
  }
  int i = 0;
  for (const char* config : kConfigs) {
    try {
      nnplay::Session session(config);
      session.train(5);
      session.takeSnapshot();
      write(root / "fuzz_model_file" / ("model-" + std::to_string(i) + ".json"), session.saveModel());
      write(root / "fuzz_config" / ("config-" + std::to_string(i) + ".json"), std::string(1, '\0') + config);
      write(root / "fuzz_config" / ("patch-" + std::to_string(i) + ".json"), std::string(1, '\1') + config);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "seed config %d: %s\n", i, e.what());
      return 1;
    }
    ++i;
  }
  i = 0;
  for (const char* config : kSequenceConfigs) {
    try {
      nlohmann::json j = nlohmann::json::parse(config);
      if (j["task"]["task"] == "characters") j["task"]["text"] = kSequenceText;
      nnplay::SequenceSession session(nnplay::sequenceSessionConfigFromJson(nnplay::JsonReader(j, "config")));
      session.train(3);
      write(root / "fuzz_sequence_model" / ("sequence-" + std::to_string(i) + ".json"), session.saveModel());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "seed sequence config %d: %s\n", i, e.what());
      return 1;
    }
    ++i;
  }
  for (const char* preset : {"default", "collapse"}) {
    nnplay::GanSettings settings = nnplay::ganPreset(preset);
    settings.targetPoints = 64;
    settings.batchSize = 8;
    settings.generatorLayers = {{4, nnplay::Activation::ReLU}, {3, nnplay::Activation::Tanh}};
    settings.discriminatorLayers = {{4, nnplay::Activation::LeakyReLU}};
    nnplay::Gan gan(settings);
    gan.train(3);
    write(root / "fuzz_gan_model" / ("gan-" + std::string(preset) + ".json"), gan.saveModel());
  }
  // Custom data: flags, n (u16), dims (u8), then point and label bytes.
  std::string small("\x01\x20\x00\x02", 4);
  for (int k = 0; k < 32 * 3; ++k) small.push_back(static_cast<char>((k * 37) % 251));
  write(root / "fuzz_custom_data" / "small-2d.bin", small);
  std::string regression("\x08\x10\x00\x03\x00", 5);
  for (int k = 0; k < 16 * 4; ++k) regression.push_back(static_cast<char>((k * 11) % 256));
  write(root / "fuzz_custom_data" / "regression-task-3d.bin", regression);
  // Call sequences: configure, train, grid, weights, snapshots, save/load, getters.
  const std::vector<std::string> calls = {
      std::string("\x00\x01\x02\x05\x04\x08\x00\x80\x81\x82\x0f", 11),
      std::string("\x00\x02\x02\x0a\x07\x02\x03\x08\x01\x0d\x0f\x0e", 12),
      std::string("\x00\x03\x03\x05\x01\x01\x01\x40\x06\x00\x01\x20\x0c\x01\x02\x03\x04\x05\x0d", 19),
  };
  for (std::size_t k = 0; k < calls.size(); ++k) {
    write(root / "fuzz_session_calls" / ("calls-" + std::to_string(k) + ".bin"), calls[k]);
  }
  return 0;
}
