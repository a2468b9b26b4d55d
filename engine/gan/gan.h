// A generative adversarial network on 2-D data (Goodfellow et al. 2014): a generator G maps
// noise z (1–2 dims) to a point, a discriminator D maps a point to the probability that it
// is real. Each network has its own optimizer; one `step()` is k discriminator steps and one
// generator step.
//
// Losses (N samples per batch; a = D's logit, D(x) = σ(a)):
//   discriminator: L_D = −mean log D(x_real) − mean log(1 − D(G(z)))
//   generator:     non-saturating L_G = −mean log D(G(z)),  minimax L_G = mean log(1 − D(G(z)))
// The generator's gradient flows THROUGH the discriminator: dL_G/dθ_G = dL_G/dx · dx/dθ_G,
// where dL_G/dx is the discriminator's input gradient at the generated samples x = G(z).
// A generator step leaves D's parameters unchanged (its parameter gradients are scratch).
//
// Contract:
//  - every step and evaluateViews() allocate nothing once the first call of each has run
//    (batch buffers are sized at construction, view buffers when the view options change;
//    the loss history is reserved for 20,000 generator steps and grows by doubling after);
//  - one seed gives one run: the weights, the noise, the real batches and the target pool
//    each come from their own generator derived from settings.seed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gan/gan_settings.h"
#include "gan/gan_target.h"
#include "network/network.h"
#include "optimizers/optimizer.h"

namespace nnplay {

struct GanStepResult {
  double discriminatorLoss = 0;  // L_D of the last discriminator step
  double generatorLoss = 0;      // L_G of the last generator step
  double realScore = 0;          // mean D(x_real) in the last discriminator step
  double fakeScore = 0;          // mean D(G(z)) in the last step
  std::int64_t generatorSteps = 0, discriminatorSteps = 0;  // totals so far
};

// What the page draws each frame, computed by one evaluateViews() call.
struct GanViewOptions {
  int gridResolution = 40;               // probability heatmap: resolution² cells
  double xMin = -1, xMax = 1, yMin = -1, yMax = 1;
  int samples = 256;                     // generated samples drawn (a FIXED set of noise vectors)
  int noiseGridLines = 11;               // warped grid: lines per noise axis (2-D noise)
  void validate() const;
  bool operator==(const GanViewOptions& o) const;
};

class Gan {
 public:
  explicit Gan(GanSettings settings);
  Gan(const Gan&) = delete;
  Gan& operator=(const Gan&) = delete;

  const GanSettings& settings() const { return settings_; }
  // The real pool (targetPoints×2, or the custom points).
  const Matrix& targetPoints() const { return real_; }
  // Switches to the custom target: `points` n×2 (n ≥ 1) in [−1, 1]² (values outside are kept).
  void setCustomTarget(const ConstMatrixRef& points);

  GanStepResult stepDiscriminator();
  GanStepResult stepGenerator();
  // k discriminator steps, then one generator step.
  GanStepResult step();
  // `steps` calls of step(); returns the last result.
  GanStepResult train(int steps);
  const GanStepResult& last() const { return last_; }

  // New weights and optimizer states; the same seed replays the same run.
  void reset();
  void reset(std::uint64_t seed);

  // Changes the learning rate (and other hyper-parameters of the same optimizer kind), k or
  // the loss without losing the training so far.
  void setOptimizer(bool generator, const OptimizerSettings& settings);
  void setDiscriminatorSteps(int k);
  void setLoss(GeneratorLoss loss);

  // Losses per generator step: 4 values per record (generator step, L_D, L_G, mean D(G(z))).
  const std::vector<double>& history() const { return history_; }

  // ---- views ----
  void evaluateViews(const GanViewOptions& options);
  const GanViewOptions& viewOptions() const { return viewOptions_; }
  // D(x) on the grid, resolution² values, row 0 at the top (y = yMax), x rising along a row.
  const Vector& probabilityGrid() const { return probability_; }
  // G(z) of the fixed view noise: samples×2, column-major (all x, then all y).
  const Matrix& samples() const { return samples_; }
  // −dL_G/dx per sample (the direction a generator step pushes each sample): samples×2.
  // Per-sample gradient (not divided by the batch size), so lengths compare across settings.
  const Matrix& arrows() const { return arrows_; }
  // G of a grid in noise space: for 2-D noise lines×lines points, row-major over (u, v)
  // (point i·lines + j is noise (u_i, v_j)); for 1-D noise lines² points along the axis.
  const Matrix& warpedGrid() const { return warped_; }

  // Mode coverage of `count` fresh samples (ring and mixture); the noise comes from a
  // generator seeded by the run's seed, so the same network gives the same answer.
  ModeCoverage coverage(Index count = 1000, double minimumShare = 0.05);
  // `count` samples of G for noise drawn from Rng(seed) (allocates).
  Matrix generate(Index count, std::uint64_t seed);

  // ---- model files: settings, both networks' weights, both optimizer states, counters ----
  std::string saveModel() const;
  // Replaces everything by the file's content (a Gan of the file's settings).
  void loadModel(const std::string& text);

  // ---- for tests and the gradient checks: losses and gradients on GIVEN batches ----
  // L_G for noise (N×noiseDims), forward only.
  double generatorLossFor(const ConstMatrixRef& noise);
  // L_G and dL_G/dθ_G into generator().gradients() (no update).
  double generatorGradientFor(const ConstMatrixRef& noise);
  // L_D for real (N×2) and noise (M×noiseDims), forward only.
  double discriminatorLossFor(const ConstMatrixRef& real, const ConstMatrixRef& noise);
  // L_D and dL_D/dθ_D into discriminator().gradients() (no update).
  double discriminatorGradientFor(const ConstMatrixRef& real, const ConstMatrixRef& noise);

  Network& generator() { return *generator_; }
  Network& discriminator() { return *discriminator_; }
  const Network& generator() const { return *generator_; }
  const Network& discriminator() const { return *discriminator_; }
  const Optimizer& generatorOptimizer() const { return *generatorOptimizer_; }
  const Optimizer& discriminatorOptimizer() const { return *discriminatorOptimizer_; }

 private:
  void build();
  void seedStreams();
  void fillNoise(MatrixRef noise, Rng& rng) const;
  // D's logits for `points`, stored in logits_ (rows×1); Train mode so backward may follow.
  void discriminatorForward(const ConstMatrixRef& points, Mode mode);
  // Writes dL_G/da per sample into gradLogit (scaled by `scale`), returns L_G·scale·N/N.
  double generatorLossGradient(const ConstMatrixRef& logits, MatrixRef gradLogit, Scalar scale) const;
  double discriminatorPass(const ConstMatrixRef& real, const ConstMatrixRef& noise, bool backward);
  double generatorPass(const ConstMatrixRef& noise, bool backward);

  GanSettings settings_;
  Matrix real_;
  std::unique_ptr<Network> generator_, discriminator_;
  std::unique_ptr<Optimizer> generatorOptimizer_, discriminatorOptimizer_;
  Rng noiseRng_, realRng_;
  GanStepResult last_;
  std::vector<double> history_;

  // Batch buffers (sized at construction): noise, real batch, D's joint input, logits' gradient.
  Matrix noise_, realBatch_;
  Workspace discInput_, gradLogit_, logits_;

  // View buffers (sized when the options change).
  GanViewOptions viewOptions_;
  bool viewsSized_ = false;
  Matrix gridPoints_, viewNoise_, noiseGrid_, samples_, arrows_, warped_;
  Vector probability_;
};

}  // namespace nnplay
