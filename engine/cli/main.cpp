// nnplay: the engine from a terminal, for teachers preparing material and for checking the
// numbers the page shows. Run `nnplay help` for the commands.
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/fashion_mnist.h"
#include "cli/training_options.h"
#include "core/error.h"
#include "data/dataset.h"
#include "network/network.h"
#include "optimizers/optimizer.h"
#include "perceptron/perceptron.h"
#include "schema/schema_json.h"
#include "training/targets.h"
#include "training/trainer.h"
#include "training/training_monitor.h"

using namespace nnplay;
using nnplay::cli::Args;
using nnplay::cli::UsageError;

namespace nnplay::cli {
int compareCommand(const std::vector<std::string>& argv);  // cli/compare.cpp
int ganCommand(const std::vector<std::string>& argv);      // cli/gan.cpp
int sequenceCommand(const std::vector<std::string>& argv);  // cli/sequence.cpp
}

namespace {

// One help text per command: `nnplay COMMAND --help` prints its own, `nnplay help` all of them.
struct CommandHelp {
  const char* name;
  const char* text;
};

const CommandHelp kCommands[] = {
    {"perceptron", R"(  nnplay perceptron --gate and|or|xor [--epochs 1000] [--lr 1]
      Trains Rosenblatt's perceptron on a logic gate and prints the epoch at which it
      converged (or that it did not) and its truth table.
)"},
    {"xor", R"(  nnplay xor [--seed 1] [--epochs 5000] [--lr 1]
      Trains the classic 2-4-1 sigmoid network on XOR (full batch, MSE, SGD) and prints
      each input with the network's output.
)"},
    {"train", R"(  nnplay train --dataset NAME [options]
      Trains a multi-layer perceptron on a 2-D data set and prints the loss.
      --dataset      circle, xor, gaussians, spiral, moons, and, or, xor_gate, blobs,
                     multi_spiral, regression_plane, regression_gaussians
      --layers 8,8   hidden layer sizes (none for no hidden layer)
      --activation   tanh, relu, leaky_relu, sigmoid, linear          (default tanh)
      --epochs 300   --seed 1   --lr 0.03   --batch 10   --every N (print every N epochs)
      --optimizer    sgd, momentum, nesterov, rmsprop, adagrad, adam   (default sgd)
      --points 500   --noise 0.1   --test 0.3 (fraction held out)   --classes 3
      --regularization none|l1|l2   --rate 0.001   --dropout 0.2   --batch-norm
      --initializer  auto, xavier_uniform, xavier_normal, he_uniform, he_normal, uniform_small
      Stopping early (the test set's loss/accuracy, the training set's when --test 0):
      --stop-epoch N     stop after epoch N (like --epochs; the smaller one wins)
      --stop-loss L      stop once the loss is at most L
      --stop-accuracy A  stop once the accuracy is at least A (0-1, or a percentage like 95%)
      --patience K       early stopping: stop when the loss has not improved for K epochs,
                         and report the best epoch
      It also says when the loss oscillates or has stalled, and what to try.
  nnplay train --dataset fashion-mnist [--model cnn|mlp|FILE] [--data PATH] [--epochs 5]
      Trains on the shipped Fashion-MNIST subset (10,000 training, 2,000 test images) and
      prints losses, accuracies and seconds per epoch. --model cnn: conv 5x5x8 - pool 2 -
      conv 5x5x16 - pool 2 - dense 10 (default); mlp: 784-128-64-10; FILE: a model saved by
      the Fashion-MNIST page (training continues from its weights) or a network spec JSON.
      --data PATH (default web/data/fashion-mnist.bin)   --optimizer adam   --lr 0.001
      --batch 64   --seed 1
)"},
    {"compare", R"(  nnplay compare --dataset NAME --vary SETTING --values A,B[,...] [--target 0.3] [options]
      Trains the same network on the same data and seed once per value (2 to 8 values) and
      prints the epochs each needed to reach the target training loss, the final train and
      test loss, their gap and the weight norm.
      --vary         optimizer, activation, regularization, dropout, batch-norm, lr
      --values       e.g. sgd,momentum,adam | sigmoid,tanh,relu | none,l2 | 0,0.3 | off,on
      --target 0.3   training loss to reach (data loss, penalty excluded)
      --epochs 300   epochs for each value
      other options as for train (except --every, the stop options and the option being varied)
)"},
    {"gan", R"(  nnplay gan [--target ring] [--steps 3000] [--seed 1] [options]
      Trains a generative adversarial network on a 2-D target (ring, moons, line, spiral,
      mixture) and prints both losses and the modes covered. nnplay gan --help: options.
)"},
    {"sequence", R"(  nnplay sequence [--task first_bit] [--length 30] [--arch lstm|gru|simple_rnn|transformer]
                  [--steps 600] [--seed 1] [--save FILE] [--load FILE] [options]
      Trains a sequence model with the sequence page's presets and settings and prints the
      batch loss and the test score every 100 steps; saves and loads the page's model files.
      nnplay sequence --help: options.
)"},
    {"schema", R"(  nnplay schema
      Prints the engine's schema as JSON: every setting and layer kind with its range,
      default, label and documentation (what engine.schema() returns in JavaScript).
)"},
    {"version", R"(  nnplay version
      Prints the engine's version.
)"},
    {"help", R"(  nnplay help [COMMAND]
      Prints every command and its options, or one command's.
)"},
};

const char* kHeader = "nnplay — a neural-network playground engine, from the terminal\n\nusage:\n";

const CommandHelp* findCommand(const std::string& name) {
  for (const CommandHelp& c : kCommands)
    if (name == c.name) return &c;
  return nullptr;
}

void printUsage() {
  std::cout << kHeader;
  for (const CommandHelp& c : kCommands) std::cout << c.text;
}

bool asksForHelp(const std::vector<std::string>& args) {
  for (const std::string& a : args)
    if (a == "--help" || a == "-h") return true;
  return false;
}

int perceptronCommand(const std::vector<std::string>& argv) {
  const Args a(argv, {"gate", "epochs", "lr"}, {});
  const std::string gate = a.text("gate", "");
  if (gate.empty()) throw UsageError{"perceptron needs --gate and, --gate or or --gate xor"};
  DatasetKind kind;
  if (gate == "and") kind = DatasetKind::AndGate;
  else if (gate == "or") kind = DatasetKind::OrGate;
  else if (gate == "xor") kind = DatasetKind::XorGate;
  else throw UsageError{"--gate must be and, or or xor, got \"" + gate + "\""};
  const int epochs = static_cast<int>(a.integer("epochs", 1000, 1, 1000000));
  DatasetOptions options;
  options.kind = kind;
  const Dataset data = generateDataset(options);
  Perceptron p(2, a.number("lr", 1.0));
  const PerceptronResult r = p.train(data.points, data.labels, epochs);
  if (r.converged) {
    std::printf("The perceptron converged on %s at epoch %d (an epoch with no mistake).\n", gate.c_str(), r.epoch);
  } else {
    std::printf("The perceptron did NOT converge on %s within %d epochs: it still made %d mistake(s) in the "
                "last epoch.\n%s is not linearly separable: no single line puts the 1s on one side.\n",
                gate.c_str(), epochs, r.mistakes.back(), gate.c_str());
  }
  std::printf("weights w1 = %g, w2 = %g, bias b = %g\n\n", double(p.weights()(0)), double(p.weights()(1)),
              double(p.bias()));
  std::printf(" x1  x2 | target  output\n");
  for (Index i = 0; i < data.size(); ++i) {
    std::printf("  %d   %d |   %d       %d%s\n", int(data.points(i, 0)), int(data.points(i, 1)), int(data.labels(i)),
                p.predict(data.points.row(i)), p.predict(data.points.row(i)) == int(data.labels(i)) ? "" : "   ✗");
  }
  return 0;
}

int xorCommand(const std::vector<std::string>& argv) {
  const Args a(argv, {"seed", "epochs", "lr"}, {});
  const auto seed = static_cast<std::uint64_t>(a.integer("seed", 1, 0, 1LL << 53));
  const int epochs = static_cast<int>(a.integer("epochs", 5000, 1, 10000000));
  DatasetOptions options;
  options.kind = DatasetKind::XorGate;
  const Dataset data = generateDataset(options);
  Network net(mlpSpec(2, std::vector<Index>{4}, Activation::Sigmoid, 1, Activation::Sigmoid,
                      Loss::MeanSquaredError, seed));
  OptimizerSettings os;
  os.learningRate = a.number("lr", 1.0);
  auto optimizer = Optimizer::create(os, net.parameterCount());
  TrainingSettings ts;
  ts.batchSize = 4;
  ts.shuffle = false;
  Trainer trainer(net, *optimizer, data, Dataset{Matrix(0, 2), Vector(0), 2}, ts);
  const EpochRecord last = trainer.run(epochs);
  std::printf("2-4-1 sigmoid network, MSE, SGD lr %g, full batch, %d epochs, seed %llu\n",
              os.learningRate, epochs, static_cast<unsigned long long>(seed));
  std::printf("final loss %.6f, accuracy %.0f %%\n\n", last.trainLoss, 100 * last.trainAccuracy);
  const Matrix out = net.predict(data.points);
  std::printf(" x1  x2 | target  output\n");
  for (Index i = 0; i < data.size(); ++i) {
    const bool right = (out(i, 0) > 0.5f) == (data.labels(i) > 0.5f);
    std::printf("  %d   %d |   %d     %.4f%s\n", int(data.points(i, 0)), int(data.points(i, 1)), int(data.labels(i)),
                double(out(i, 0)), right ? "" : "   ✗");
  }
  return 0;
}

// --stop-accuracy: a fraction 0–1, or a percentage written with % ("95%").
double accuracyOption(const Args& a) {
  std::string text = a.text("stop-accuracy", "");
  const bool percent = !text.empty() && text.back() == '%';
  if (percent) text.pop_back();
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  const double fraction = percent ? v / 100 : v;
  if (text.empty() || *end != '\0' || !(fraction >= 0 && fraction <= 1)) {
    throw UsageError{"--stop-accuracy expects an accuracy from 0 to 1 (or 0% to 100%), got \"" +
                     a.text("stop-accuracy", "") + "\""};
  }
  return fraction;
}

StopConditions stopConditions(const Args& a) {
  StopConditions c;
  c.stopEpoch = static_cast<int>(a.integer("stop-epoch", 0, 1, 10000000));
  c.patience = static_cast<int>(a.integer("patience", 0, 1, 10000000));
  if (a.has("stop-loss")) {
    const double loss = a.number("stop-loss", 0);
    if (!(std::isfinite(loss) && loss >= 0)) {
      throw UsageError{"--stop-loss expects a loss ≥ 0, got \"" + a.text("stop-loss", "") + "\""};
    }
    c.targetLoss = loss;
  }
  if (a.has("stop-accuracy")) c.targetAccuracy = accuracyOption(a);
  return c;
}

int trainCommand(const std::vector<std::string>& argv) {
  const Args a(argv, cli::trainingValueOptions({"epochs", "every", "stop-epoch", "stop-loss", "stop-accuracy", "patience", "model", "data"}),
               {"batch-norm"});
  if (a.text("dataset", "") == "fashion-mnist") return cli::trainFashionMnist(a);
  const cli::TrainingOptions o = cli::readTrainingOptions(a, "train");
  const StopConditions stop = stopConditions(a);
  const DataSplit& split = o.split;
  const OutputHead head = defaultOutputHead(split.train.classes);
  Network net(mlpSpec(2, o.hidden, head.outputs, head.activation, head.loss, o.seed, o.initializer));
  const OptimizerSettings& os = o.optimizer;
  auto optimizer = Optimizer::create(os, net.parameterCount());
  const TrainingSettings& ts = o.training;
  Trainer trainer(net, *optimizer, split.train, split.test, ts);
  TrainingMonitor monitor(stop);

  const int epochs = static_cast<int>(a.integer("epochs", 300, 1, 10000000));
  const int every = static_cast<int>(a.integer("every", std::max(1, epochs / 10), 1, 10000000));
  std::printf("%s: %lld train / %lld test points, %lld parameters, %s, lr %g, batch %lld\n",
              datasetName(o.data.kind), (long long)split.train.size(), (long long)split.test.size(),
              (long long)net.parameterCount(), optimizerName(os.kind), os.learningRate, (long long)ts.batchSize);
  const bool classify = split.train.classes > 0;
  std::printf("%7s %12s %12s%s\n", "epoch", "train loss", "test loss", classify ? "   train acc    test acc" : "");
  TrainingTrend shownTrend = TrainingTrend::Healthy;
  for (int e = 1; e <= epochs; ++e) {
    const EpochRecord r = trainer.stepEpoch();
    const MonitorReport report = monitor.observe(r);
    if (e % every == 0 || e == epochs || e == 1 || report.shouldStop()) {
      std::printf("%7d %12.6f %12.6f", r.epoch, r.trainLoss, r.testLoss);
      if (classify) std::printf("   %8.1f %% %8.1f %%", 100 * r.trainAccuracy, 100 * r.testAccuracy);
      std::printf("\n");
    }
    if (report.trend != shownTrend) {
      shownTrend = report.trend;
      if (report.trend != TrainingTrend::Healthy) std::printf("epoch %d: %s\n", e, describeTrend(report).c_str());
    }
    if (report.shouldStop()) {
      std::printf("%s\n", describeStop(report, stop).c_str());
      break;
    }
  }
  if (stop.patience > 0 && monitor.last().stop != StopReason::EarlyStopping) {
    const MonitorReport& last = monitor.last();
    std::printf("best %s loss %.6f at epoch %d\n", last.monitorsTestSet ? "test" : "training", last.bestLoss,
                last.bestEpoch);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    printUsage();
    return 2;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "help" || command == "--help" || command == "-h") {
    const bool all = args.empty() || args[0] == "--help" || args[0] == "-h";
    const CommandHelp* one = all ? nullptr : findCommand(args[0]);
    if (!all && !one) {
      std::fprintf(stderr, "nnplay: unknown command \"%s\"\nRun \"nnplay help\" for the commands and options.\n",
                   args[0].c_str());
      return 2;
    }
    if (one) std::cout << "usage:\n" << one->text;
    else printUsage();
    return 0;
  }
  // `nnplay COMMAND --help` (or -h) anywhere among the options: that command's help, nothing run.
  // (gan and sequence print their own, longer lists.)
  if (const CommandHelp* c = findCommand(command); c && command != "gan" && command != "sequence" && asksForHelp(args)) {
    std::cout << "usage:\n" << c->text;
    return 0;
  }
  try {
    if (command == "perceptron") return perceptronCommand(args);
    if (command == "xor") return xorCommand(args);
    if (command == "train") return trainCommand(args);
    if (command == "compare") return nnplay::cli::compareCommand(args);
    if (command == "gan") return nnplay::cli::ganCommand(args);
    if (command == "sequence") return nnplay::cli::sequenceCommand(args);
    if (command == "schema") {
      if (!args.empty()) throw UsageError{"schema takes no options"};
      std::cout << nnplay::engineSchema().dump(1) << "\n";
      return 0;
    }
    if (command == "version" || command == "--version") {
      std::printf("nnplay %s\n", NNPLAY_VERSION);
      return 0;
    }
    throw UsageError{"unknown command \"" + command + "\""};
  } catch (const UsageError& e) {
    std::fprintf(stderr, "nnplay: %s\nRun \"nnplay help\" for the commands and options.\n", e.message.c_str());
    return 2;
  } catch (const TrainingDiverged& e) {
    std::fprintf(stderr, "nnplay: %s\n", e.what());
    return 3;
  } catch (const Error& e) {
    std::fprintf(stderr, "nnplay: %s\n", e.what());
    return 2;
  }
}
