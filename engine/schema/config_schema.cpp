#include "schema/config_schema.h"

#include "activations/activation.h"
#include "data/dataset.h"
#include "data/features.h"
#include "io/spec_json.h"
#include "layers/initializer.h"
#include "losses/loss.h"
#include "optimizers/optimizer.h"
#include "regularization/regularizer.h"

namespace nnplay {

namespace {

// Seeds are whole numbers that survive a round trip through a JavaScript number (2⁵³ − 1);
// the page offers nine digits.
FieldSchema seedField(const char* label, const char* doc) {
  return FieldSchema::integer("seed", label, 0, static_cast<double>(kMaxSeed), 1)
      .withUiRange(0, 999999999)
      .withDoc(doc);
}

std::vector<std::string> withAuto(std::vector<std::string> names) {
  names.insert(names.begin(), "auto");
  return names;
}

}  // namespace

const std::vector<FieldSchema>& dataFields() {
  static const std::vector<FieldSchema> fields = {
      FieldSchema::choice("source", "Data source", {"generated", "custom"}, "generated")
          .withDoc("generated: one of the engine's seeded data sets; custom: points given with setCustomData."),
      FieldSchema::choice("kind", "Data set", datasetNames(), "circle")
          .withDoc("Which generated data set (circle, xor, spiral, …)."),
      FieldSchema::integer("points", "Number of points", 4, 100000, 300)
          .withUnit("points").withUiRange(4, 5000)
          .withDoc("How many points the generated data set has (training and test together)."),
      FieldSchema::number("noise", "Noise", 0, 1, 0.1)
          .withDoc("Standard deviation of the jitter added to every point, in coordinate units."),
      FieldSchema::integer("classes", "Classes", 2, 8, 3)
          .onlyFor({"blobs", "multi_spiral"})
          .withDoc("Number of classes of the multi-class data sets."),
      seedField("Data seed", "Seed of the data set and of its split into training and test points."),
      FieldSchema::number("testFraction", "Test share", 0, 0.9, 0.3)
          .withDoc("Fraction of the points held out as the test set (0 = no test set)."),
      FieldSchema::choiceList("features", "Input features", featureNames(), {"x1", "x2"})
          .withDoc("What the network sees of a 2-D point: x1, x2 and derived features such as x1_squared."),
      FieldSchema::choice("task", "Task", {"auto", "autoencoder"}, "auto")
          .withDoc("auto: follow the data (classification or regression); autoencoder: the targets are the inputs."),
  };
  return fields;
}

const std::vector<FieldSchema>& networkFields() {
  static const std::vector<FieldSchema> fields = {
      FieldSchema::choice("initializer", "Initializer", initializerNames(), "auto")
          .withDoc("How the weights are drawn; auto = He for ReLU layers, Xavier otherwise."),
      seedField("Weight seed", "Seed of the initial weights (and dropout masks): Reset draws them again from it."),
  };
  return fields;
}

const std::vector<FieldSchema>& hiddenLayerFields() {
  static const std::vector<FieldSchema> fields = {
      FieldSchema::integer("units", "Neurons", 1, 100000, 4)
          .withUnit("neurons").withUiRange(1, 16)
          .mustBeGiven()
          .withDoc("Neurons in this hidden layer."),
      FieldSchema::choice("activation", "Activation", activationNames(), "tanh")
          .withDoc("The function each neuron applies to its weighted sum."),
      FieldSchema::number("dropout", "Dropout rate", 0, 0.99, 0)
          .withUiRange(0, 0.9)
          .withDoc("Fraction of this layer's outputs zeroed at random during training (0 = off)."),
      FieldSchema::boolean("batchNorm", "Batch normalization", false)
          .withDoc("Normalize the layer's weighted sums over each batch before the activation."),
  };
  return fields;
}

const std::vector<FieldSchema>& outputFields() {
  static const std::vector<FieldSchema> fields = {
      FieldSchema::choice("activation", "Output activation", withAuto(activationNames()), "auto")
          .withDoc("auto: sigmoid for two classes, softmax for more, linear for regression."),
      FieldSchema::choice("loss", "Loss", withAuto(lossNames()), "auto")
          .withDoc("auto: follow the output activation (cross-entropy after sigmoid/softmax, MSE otherwise)."),
  };
  return fields;
}

const std::vector<FieldSchema>& optimizerFields() {
  static const std::vector<FieldSchema> fields = [] {
    FieldSchema learningRate = FieldSchema::number("learningRate", "Learning rate", 0, 1e6, 0.03)
                                   .excludingMax().withUiRange(0, 100)
                                   .withDoc("Step size η of every update.");
    FieldSchema epsilon = FieldSchema::number("epsilon", "ε", 0, 1, 1e-7)
                              .excludingMin().excludingMax().withUiRange(0, 0.5)
                              .onlyFor({"rmsprop", "adagrad", "adam"})
                              .withDoc("Small constant δ added to the denominator so no step divides by zero.");
    // The per-kind defaults are the engine's own (OptimizerSettings::defaultsFor).
    for (const std::string& kind : optimizerNames()) {
      const OptimizerSettings d = OptimizerSettings::defaultsFor(parseOptimizerKind(kind));
      learningRate.withDefaultFor(kind, d.learningRate);
      epsilon.withDefaultFor(kind, d.epsilon);
    }
    return std::vector<FieldSchema>{
        FieldSchema::choice("kind", "Optimizer", optimizerNames(), "sgd")
            .withDoc("The update rule: sgd, momentum, nesterov, rmsprop, adagrad or adam."),
        learningRate,
        FieldSchema::number("momentum", "Momentum", 0, 1, 0.9)
            .excludingMax().onlyFor({"momentum", "nesterov"})
            .withDoc("Share α of the previous step kept in the velocity."),
        FieldSchema::number("rho", "Decay ρ", 0, 1, 0.9)
            .excludingMax().onlyFor({"rmsprop"})
            .withDoc("Decay ρ of RMSProp's running average of squared gradients."),
        FieldSchema::number("beta1", "β₁", 0, 1, 0.9)
            .excludingMax().onlyFor({"adam"})
            .withDoc("Adam's decay β₁ of the first moment (the mean gradient)."),
        FieldSchema::number("beta2", "β₂", 0, 1, 0.999)
            .excludingMax().onlyFor({"adam"})
            .withDoc("Adam's decay β₂ of the second moment (the mean squared gradient)."),
        epsilon,
        FieldSchema::number("weightDecay", "Weight decay", 0, 1e6, 0)
            .excludingMax().withUiRange(0, 10)
            .withDoc("Decoupled weight decay λ: every step also shrinks the weights by η·λ·w (0 = off)."),
    };
  }();
  return fields;
}

const std::vector<FieldSchema>& trainingFields() {
  static const std::vector<FieldSchema> fields = {
      FieldSchema::integer("batchSize", "Batch size", 1, 10000000, 10)
          .withUnit("points").withUiRange(1, 5000)
          .withDoc("Points per optimizer step; larger than the training set = full batch."),
      FieldSchema::boolean("shuffle", "Shuffle", true)
          .withDoc("Shuffle the training points at the start of every epoch."),
      FieldSchema::choice("regularization", "Regularization", regularizationNames(), "none")
          .withDoc("Penalty on the weights added to the loss: none, l1 or l2."),
      FieldSchema::number("regularizationRate", "Regularization rate", 0, 1e6, 0)
          .withUiRange(0, 10)
          .withDoc("Strength λ of the L1/L2 penalty."),
      seedField("Shuffle seed", "Seed of the order in which training points are visited."),
  };
  return fields;
}

const std::vector<FieldSchema>& stopFields() {
  static const std::vector<FieldSchema> fields = {
      FieldSchema::integer("stopEpoch", "Stop at epoch", 0, 10000000, 0)
          .withUnit("epochs")
          .withDoc("Pause training once this many epochs are done (0 = never)."),
      FieldSchema::number("targetLoss", "Target loss", 0, 100, 0)
          .withDoc("Pause once the test loss (the training loss without a test set) is at or below this (0 = off)."),
      FieldSchema::number("targetAccuracy", "Target accuracy", 0, 1, 0)
          .withDoc("Pause once the test accuracy reaches this fraction (0.95 = 95 %; 0 = off)."),
      FieldSchema::integer("patience", "Patience", 0, 100000, 0)
          .withUnit("epochs")
          .withDoc("Early stopping: pause when the test loss has not improved for this many epochs (0 = off)."),
  };
  return fields;
}

}  // namespace nnplay
