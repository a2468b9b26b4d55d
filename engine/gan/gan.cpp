#include "gan/gan.h"

#include <cmath>
#include <string>

#include "core/error.h"
#include "io/model_io.h"
#include "io/spec_json.h"

namespace nnplay {

namespace {
// Independent streams from one seed (xor with fixed odd constants).
constexpr std::uint64_t kNoiseStream = 0x6e6f697365ULL, kRealStream = 0x7265616cULL, kViewStream = 0x76696577ULL,
                        kCoverageStream = 0x636f766572ULL;
constexpr std::size_t kHistoryReserve = 4 * 20000;  // records kept without reallocation
constexpr const char* kFormat = "nnplay-gan";
constexpr int kFormatVersion = 1;

// log(1 + e^x) without overflow.
template <typename A>
auto softplus(const A& x) {
  return x.max(Scalar(0)) + (-x.abs()).exp().log1p();
}
template <typename A>
auto sigmoid(const A& x) {
  return (Scalar(1) + (-x).exp()).inverse();
}

nlohmann::json optimizerStateJson(const Optimizer& o) {
  nlohmann::json slots = nlohmann::json::object();
  for (std::size_t i = 0; i < o.state().slots.size(); ++i) slots[o.state().slotNames[i]] = modelVectorJson(o.state().slots[i]);
  return {{"step", o.state().step}, {"slots", slots}};
}

void restoreOptimizer(Optimizer& o, const JsonReader& r) {
  r.requireObject();
  OptimizerState s = o.state();
  s.step = r.at("step").integer(0, kMaxSeed);
  const JsonReader slots = r.at("slots");
  for (std::size_t i = 0; i < s.slotNames.size(); ++i) {
    s.slots[i] = modelVectorFromJson(slots.at(s.slotNames[i].c_str()), o.parameterCount());
  }
  o.restoreState(s);
}
}  // namespace

void GanViewOptions::validate() const {
  require(gridResolution >= 2 && gridResolution <= 256,
          "the heatmap resolution must be 2 to 256, got " + std::to_string(gridResolution));
  require(std::isfinite(xMin) && std::isfinite(xMax) && std::isfinite(yMin) && std::isfinite(yMax) && xMin < xMax &&
              yMin < yMax,
          "the view bounds must be finite with xMin < xMax and yMin < yMax");
  require(samples >= 1 && samples <= 10000, "the number of drawn samples must be 1 to 10000, got " + std::to_string(samples));
  require(noiseGridLines >= 2 && noiseGridLines <= 64,
          "the warped grid needs 2 to 64 lines, got " + std::to_string(noiseGridLines));
}

bool GanViewOptions::operator==(const GanViewOptions& o) const {
  return gridResolution == o.gridResolution && xMin == o.xMin && xMax == o.xMax && yMin == o.yMin && yMax == o.yMax &&
         samples == o.samples && noiseGridLines == o.noiseGridLines;
}

Gan::Gan(GanSettings settings) : settings_(std::move(settings)) {
  settings_.validate();
  if (settings_.target != GanTargetKind::Custom) {
    real_ = sampleGanTarget(settings_.target, settings_.targetPoints, settings_.seed);
  } else {
    // A custom target starts as a single point at the origin until the page sends points.
    real_ = Matrix::Zero(1, 2);
  }
  build();
}

void Gan::build() {
  generator_ = std::make_unique<Network>(generatorSpec(settings_));
  discriminator_ = std::make_unique<Network>(discriminatorSpec(settings_));
  generatorOptimizer_ = Optimizer::create(settings_.generatorOptimizer, generator_->parameterCount());
  discriminatorOptimizer_ = Optimizer::create(settings_.discriminatorOptimizer, discriminator_->parameterCount());
  const Index n = settings_.batchSize;
  noise_.resize(n, settings_.noiseDims);
  realBatch_.resize(n, 2);
  discInput_.view(2 * n, 2);
  gradLogit_.view(2 * n, 1);
  logits_.view(2 * n, 1);
  history_.reserve(kHistoryReserve);
  seedStreams();
}

void Gan::seedStreams() {
  noiseRng_.reseed(settings_.seed ^ kNoiseStream);
  realRng_.reseed(settings_.seed ^ kRealStream);
  last_ = GanStepResult{};
  history_.clear();
  viewsSized_ = false;  // the view noise follows the seed
}

void Gan::reset() { reset(settings_.seed); }

void Gan::reset(std::uint64_t seed) {
  require(seed <= static_cast<std::uint64_t>(kMaxSeed), "the seed must be below 2^53");
  const bool newPool = seed != settings_.seed && settings_.target != GanTargetKind::Custom;
  settings_.seed = seed;
  if (newPool) real_ = sampleGanTarget(settings_.target, settings_.targetPoints, seed);
  generator_->initialize(generatorSpec(settings_).seed);
  discriminator_->initialize(discriminatorSpec(settings_).seed);
  generatorOptimizer_->reset();
  discriminatorOptimizer_->reset();
  seedStreams();
}

void Gan::setCustomTarget(const ConstMatrixRef& points) {
  require(points.cols() == 2, "custom target points need 2 coordinates each, got " + std::to_string(points.cols()));
  require(points.rows() >= 1 && points.rows() <= 100000,
          "give 1 to 100000 custom target points, got " + std::to_string(points.rows()));
  require(points.allFinite(), "the custom target points must be finite numbers");
  settings_.target = GanTargetKind::Custom;
  real_ = points;
}

void Gan::setOptimizer(bool generator, const OptimizerSettings& s) {
  Optimizer& o = generator ? *generatorOptimizer_ : *discriminatorOptimizer_;
  if (s.kind == o.settings().kind) {
    o.updateSettings(s);
  } else {
    (generator ? generatorOptimizer_ : discriminatorOptimizer_) =
        Optimizer::create(s, (generator ? generator_ : discriminator_)->parameterCount());
  }
  (generator ? settings_.generatorOptimizer : settings_.discriminatorOptimizer) = s;
}

void Gan::setDiscriminatorSteps(int k) {
  require(k >= 1 && k <= 100, "k (discriminator steps per generator step) must be 1 to 100, got " + std::to_string(k));
  settings_.discriminatorSteps = k;
}

void Gan::setLoss(GeneratorLoss loss) { settings_.loss = loss; }

void Gan::fillNoise(MatrixRef noise, Rng& rng) const {
  const bool uniform = settings_.noise == NoiseDistribution::Uniform;
  for (Index c = 0; c < noise.cols(); ++c)
    for (Index r = 0; r < noise.rows(); ++r)
      noise(r, c) = static_cast<Scalar>(uniform ? rng.uniform(-1, 1) : rng.normal());
}

void Gan::discriminatorForward(const ConstMatrixRef& points, Mode mode) {
  const ConstMatrixMap a = discriminator_->forward(points, mode);
  MatrixMap out = logits_.view(a.rows(), 1);
  out = a;
}

double Gan::generatorLossGradient(const ConstMatrixRef& logits, MatrixRef gradLogit, Scalar scale) const {
  const auto a = logits.col(0).array();
  if (settings_.loss == GeneratorLoss::NonSaturating) {
    // l(a) = −log σ(a) = softplus(−a);  dl/da = σ(a) − 1
    gradLogit.col(0).array() = scale * (sigmoid(a) - Scalar(1));
    return static_cast<double>(softplus(-a).mean());
  }
  // l(a) = log(1 − σ(a)) = −softplus(a);  dl/da = −σ(a)
  gradLogit.col(0).array() = -scale * sigmoid(a);
  return -static_cast<double>(softplus(a).mean());
}

double Gan::discriminatorPass(const ConstMatrixRef& real, const ConstMatrixRef& noise, bool backward) {
  const Index nr = real.rows(), nf = noise.rows();
  const ConstMatrixMap fake = generator_->forward(noise, Mode::Train);
  MatrixMap input = discInput_.view(nr + nf, 2);
  input.topRows(nr) = real;
  input.bottomRows(nf) = fake;
  discriminatorForward(input, Mode::Train);
  const ConstMatrixMap logits(logits_.data(), nr + nf, 1);
  const auto aReal = logits.col(0).head(nr).array();
  const auto aFake = logits.col(0).tail(nf).array();
  // L_D = mean softplus(−a_real) + mean softplus(a_fake)
  const double loss = static_cast<double>(softplus(-aReal).mean() + softplus(aFake).mean());
  last_.realScore = static_cast<double>(sigmoid(aReal).mean());
  last_.fakeScore = static_cast<double>(sigmoid(aFake).mean());
  if (backward) {
    MatrixMap g = gradLogit_.view(nr + nf, 1);
    g.col(0).head(nr).array() = (sigmoid(aReal) - Scalar(1)) / static_cast<Scalar>(nr);
    g.col(0).tail(nf).array() = sigmoid(aFake) / static_cast<Scalar>(nf);
    discriminator_->setComputeInputGradient(false);
    discriminator_->backwardFromOutputGradient(g);
  }
  return loss;
}

double Gan::generatorPass(const ConstMatrixRef& noise, bool backward) {
  const Index n = noise.rows();
  const ConstMatrixMap fake = generator_->forward(noise, Mode::Train);
  discriminatorForward(fake, Mode::Train);
  const ConstMatrixMap logits(logits_.data(), n, 1);
  last_.fakeScore = static_cast<double>(sigmoid(logits.col(0).array()).mean());
  MatrixMap g = gradLogit_.view(n, 1);
  const double loss = generatorLossGradient(logits, g, Scalar(1) / static_cast<Scalar>(n));
  if (backward) {
    // dL/dx through D (D's parameter gradients are computed too and then ignored), then
    // dL/dθ_G through G.
    discriminator_->setComputeInputGradient(true);
    discriminator_->backwardFromOutputGradient(g);
    discriminator_->setComputeInputGradient(false);
    generator_->backwardFromOutputGradient(discriminator_->inputGradient());
  }
  return loss;
}

GanStepResult Gan::stepDiscriminator() {
  const auto pool = static_cast<std::uint32_t>(real_.rows());
  for (Index i = 0; i < realBatch_.rows(); ++i) realBatch_.row(i) = real_.row(realRng_.below(pool));
  fillNoise(noise_, noiseRng_);
  const double loss = discriminatorPass(realBatch_, noise_, true);
  if (!std::isfinite(loss)) {
    throw TrainingDiverged("the discriminator's loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") +
                           ": lower its learning rate and reset");
  }
  discriminatorOptimizer_->step(discriminator_->parameters(), discriminator_->gradients(),
                                discriminator_->decayMask());
  if (!discriminator_->parameters().allFinite()) {
    throw TrainingDiverged("a discriminator weight became NaN or infinite: lower its learning rate and reset");
  }
  last_.discriminatorLoss = loss;
  ++last_.discriminatorSteps;
  return last_;
}

GanStepResult Gan::stepGenerator() {
  fillNoise(noise_, noiseRng_);
  const double loss = generatorPass(noise_, true);
  if (!std::isfinite(loss)) {
    throw TrainingDiverged("the generator's loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") +
                           ": lower its learning rate and reset");
  }
  generatorOptimizer_->step(generator_->parameters(), generator_->gradients(), generator_->decayMask());
  if (!generator_->parameters().allFinite()) {
    throw TrainingDiverged("a generator weight became NaN or infinite: lower its learning rate and reset");
  }
  last_.generatorLoss = loss;
  ++last_.generatorSteps;
  history_.push_back(static_cast<double>(last_.generatorSteps));
  history_.push_back(last_.discriminatorLoss);
  history_.push_back(last_.generatorLoss);
  history_.push_back(last_.fakeScore);
  return last_;
}

GanStepResult Gan::step() {
  for (int i = 0; i < settings_.discriminatorSteps; ++i) stepDiscriminator();
  return stepGenerator();
}

GanStepResult Gan::train(int steps) {
  require(steps >= 0 && steps <= 10000000, "the number of steps must be 0 to 10000000, got " + std::to_string(steps));
  for (int i = 0; i < steps; ++i) step();
  return last_;
}

void Gan::evaluateViews(const GanViewOptions& options) {
  if (!viewsSized_ || !(options == viewOptions_)) {
    options.validate();
    viewOptions_ = options;
    const Index r = options.gridResolution;
    gridPoints_.resize(r * r, 2);
    const double dx = (options.xMax - options.xMin) / r, dy = (options.yMax - options.yMin) / r;
    for (Index row = 0; row < r; ++row) {
      gridPoints_.col(0).segment(row * r, r) = Vector::LinSpaced(r, static_cast<Scalar>(options.xMin + dx / 2),
                                                                 static_cast<Scalar>(options.xMax - dx / 2));
      gridPoints_.col(1).segment(row * r, r).setConstant(static_cast<Scalar>(options.yMax - dy * (row + 0.5)));
    }
    probability_.resize(r * r);
    viewNoise_.resize(options.samples, settings_.noiseDims);
    Rng viewRng(settings_.seed ^ kViewStream);
    fillNoise(viewNoise_, viewRng);
    samples_.resize(options.samples, 2);
    arrows_.resize(options.samples, 2);
    // The warped grid spans where most noise lies: U(−1, 1), or ±2σ of N(0, 1).
    const Scalar extent = settings_.noise == NoiseDistribution::Uniform ? Scalar(1) : Scalar(2);
    const Index lines = options.noiseGridLines;
    if (settings_.noiseDims == 2) {
      noiseGrid_.resize(lines * lines, 2);
      const Vector ticks = Vector::LinSpaced(lines, -extent, extent);
      for (Index i = 0; i < lines; ++i) {
        noiseGrid_.col(0).segment(i * lines, lines).setConstant(ticks(i));
        noiseGrid_.col(1).segment(i * lines, lines) = ticks;
      }
    } else {
      noiseGrid_.resize(lines * lines, 1);
      noiseGrid_.col(0) = Vector::LinSpaced(lines * lines, -extent, extent);
    }
    warped_.resize(noiseGrid_.rows(), 2);
    viewsSized_ = true;
  }
  // Heatmap: D(x) = σ(a) over the grid.
  discriminatorForward(gridPoints_, Mode::Eval);
  probability_.array() = sigmoid(ConstMatrixMap(logits_.data(), gridPoints_.rows(), 1).col(0).array());
  // Samples of the fixed noise, and where the generator's loss pushes each of them.
  samples_ = generator_->forward(viewNoise_, Mode::Eval);
  discriminatorForward(samples_, Mode::Eval);
  const ConstMatrixMap logits(logits_.data(), samples_.rows(), 1);
  MatrixMap g = gradLogit_.view(samples_.rows(), 1);
  generatorLossGradient(logits, g, Scalar(1));
  discriminator_->setComputeInputGradient(true);
  discriminator_->backwardFromOutputGradient(g);
  discriminator_->setComputeInputGradient(false);
  arrows_ = -discriminator_->inputGradient();
  warped_ = generator_->forward(noiseGrid_, Mode::Eval);
}

Matrix Gan::generate(Index count, std::uint64_t seed) {
  require(count >= 1 && count <= 1000000, "give 1 to 1000000 samples to generate, got " + std::to_string(count));
  Matrix noise(count, settings_.noiseDims);
  Rng rng(seed);
  fillNoise(noise, rng);
  return generator_->forward(noise, Mode::Eval);
}

ModeCoverage Gan::coverage(Index count, double minimumShare) {
  const Matrix samples = generate(count, settings_.seed ^ kCoverageStream);
  const GanModes modes = ganModes(settings_.target);
  return modeCoverage(modes, samples, minimumShare);
}

double Gan::generatorLossFor(const ConstMatrixRef& noise) {
  require(noise.cols() == settings_.noiseDims && noise.rows() >= 1 && noise.rows() <= settings_.batchSize,
          "the noise must be 1 to batchSize rows of noiseDims values");
  return generatorPass(noise, false);
}

double Gan::generatorGradientFor(const ConstMatrixRef& noise) {
  require(noise.cols() == settings_.noiseDims && noise.rows() >= 1 && noise.rows() <= settings_.batchSize,
          "the noise must be 1 to batchSize rows of noiseDims values");
  return generatorPass(noise, true);
}

double Gan::discriminatorLossFor(const ConstMatrixRef& real, const ConstMatrixRef& noise) {
  require(real.cols() == 2 && noise.cols() == settings_.noiseDims && real.rows() >= 1 && noise.rows() >= 1 &&
              real.rows() <= settings_.batchSize && noise.rows() <= settings_.batchSize,
          "the batches must have 1 to batchSize rows (real: 2 columns, noise: noiseDims)");
  return discriminatorPass(real, noise, false);
}

double Gan::discriminatorGradientFor(const ConstMatrixRef& real, const ConstMatrixRef& noise) {
  require(real.cols() == 2 && noise.cols() == settings_.noiseDims && real.rows() >= 1 && noise.rows() >= 1 &&
              real.rows() <= settings_.batchSize && noise.rows() <= settings_.batchSize,
          "the batches must have 1 to batchSize rows (real: 2 columns, noise: noiseDims)");
  return discriminatorPass(real, noise, true);
}

std::string Gan::saveModel() const {
  nlohmann::json settings = toJson(settings_);
  if (settings_.target == GanTargetKind::Custom) {
    nlohmann::json points = nlohmann::json::array();
    for (Index i = 0; i < real_.rows(); ++i) {
      points.push_back(static_cast<double>(real_(i, 0)));
      points.push_back(static_cast<double>(real_(i, 1)));
    }
    settings["customPoints"] = points;
  }
  const nlohmann::json file = {
      {"format", kFormat},
      {"version", kFormatVersion},
      {"settings", settings},
      {"generatorSteps", last_.generatorSteps},
      {"discriminatorSteps", last_.discriminatorSteps},
      {"generator",
       {{"network", toJson(generator_->spec())},
        {"parameters", modelVectorJson(generator_->parameters())},
        {"optimizerState", optimizerStateJson(*generatorOptimizer_)}}},
      {"discriminator",
       {{"network", toJson(discriminator_->spec())},
        {"parameters", modelVectorJson(discriminator_->parameters())},
        {"optimizerState", optimizerStateJson(*discriminatorOptimizer_)}}},
  };
  return file.dump();
}

void Gan::loadModel(const std::string& text) {
  try {
    const nlohmann::json root = parseJsonText(text, "the GAN model");
    const JsonReader r(root, "model");
    r.requireObject();
    if (r.at("format").text() != kFormat) r.at("format").fail("is not \"nnplay-gan\" (this is not a GAN model file)");
    r.at("version").integer(kFormatVersion, kFormatVersion);
    const JsonReader s = r.at("settings");
    GanSettings settings = ganSettingsFromJson(s);
    Matrix custom;
    if (settings.target == GanTargetKind::Custom) {
      const JsonReader p = s.at("customPoints");
      const std::size_t n = p.arraySize();
      if (n < 2 || n % 2 != 0 || n > 200000) p.fail("must hold 1 to 100000 (x, y) pairs");
      custom.resize(static_cast<Index>(n / 2), 2);
      for (std::size_t i = 0; i < n; ++i) custom(static_cast<Index>(i / 2), static_cast<Index>(i % 2)) = static_cast<Scalar>(p.at(i).number());
    }
    // Build the new state completely before replacing anything, so a bad file changes nothing.
    auto loaded = std::make_unique<Gan>(settings);
    if (custom.size() > 0) loaded->setCustomTarget(custom);
    const JsonReader g = r.at("generator"), d = r.at("discriminator");
    // Copied INTO the networks' buffers: the layers point into them (assigning a temporary
    // would move its storage in and leave the layers reading the freed old one).
    const Vector generatorParameters = modelVectorFromJson(g.at("parameters"), loaded->generator_->parameterCount());
    const Vector discriminatorParameters = modelVectorFromJson(d.at("parameters"), loaded->discriminator_->parameterCount());
    loaded->generator_->parameters() = generatorParameters;
    loaded->discriminator_->parameters() = discriminatorParameters;
    if (g.has("optimizerState")) restoreOptimizer(*loaded->generatorOptimizer_, g.at("optimizerState"));
    if (d.has("optimizerState")) restoreOptimizer(*loaded->discriminatorOptimizer_, d.at("optimizerState"));
    loaded->last_.generatorSteps = r.integer("generatorSteps", 0, 0, kMaxSeed);
    loaded->last_.discriminatorSteps = r.integer("discriminatorSteps", 0, 0, kMaxSeed);
    settings_ = loaded->settings_;
    real_ = std::move(loaded->real_);
    generator_ = std::move(loaded->generator_);
    discriminator_ = std::move(loaded->discriminator_);
    generatorOptimizer_ = std::move(loaded->generatorOptimizer_);
    discriminatorOptimizer_ = std::move(loaded->discriminatorOptimizer_);
    const Index n = settings_.batchSize;
    noise_.resize(n, settings_.noiseDims);
    realBatch_.resize(n, 2);
    discInput_.view(2 * n, 2);
    gradLogit_.view(2 * n, 1);
    logits_.view(2 * n, 1);
    const GanStepResult counters = loaded->last_;
    seedStreams();
    last_.generatorSteps = counters.generatorSteps;
    last_.discriminatorSteps = counters.discriminatorSteps;
  } catch (const InvalidArgument& e) {
    throw ModelFormatError(e.what());
  }
}

}  // namespace nnplay
