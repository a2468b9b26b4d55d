#include "layers/positional_encoding.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

#include <cmath>

#include "core/enum_names.h"
#include "core/error.h"

namespace nnplay {

namespace {
constexpr auto kEncodingNames = enumNames<PositionalEncoding>(
    "positional encoding", std::pair{PositionalEncoding::Sinusoidal, "sinusoidal"},
    std::pair{PositionalEncoding::Learned, "learned"});

const Shape& sequenceInput(const Shape& input) {
  require(input.rank == 2, "a positional encoding needs a sequence input (time×features), got the shape " +
                               input.toString());
  return input;
}
}  // namespace

const char* positionalEncodingName(PositionalEncoding encoding) { return kEncodingNames.name(encoding); }
PositionalEncoding parsePositionalEncoding(const std::string& name) { return kEncodingNames.parse(name); }

PositionalEncodingLayer::PositionalEncodingLayer(Shape input, PositionalEncoding encoding)
    : Layer(sequenceInput(input), input), encoding_(encoding) {
  if (encoding_ != PositionalEncoding::Sinusoidal) return;
  const Index T = input.time(), D = input.featuresPerStep();
  sinusoids_.resize(T * D);
  for (Index t = 0; t < T; ++t) {
    for (Index j = 0; j < D; ++j) {
      const double frequency = std::pow(10000.0, -static_cast<double>(j - j % 2) / static_cast<double>(D));
      const double angle = static_cast<double>(t) * frequency;
      sinusoids_(t * D + j) = static_cast<Scalar>(j % 2 == 0 ? std::sin(angle) : std::cos(angle));
    }
  }
}

void PositionalEncodingLayer::bind(Scalar* parameters, Scalar* gradients, Scalar* /*state*/) {
  parameters_ = parameters;
  gradients_ = gradients;
}

void PositionalEncodingLayer::initialize(Initializer /*initializer*/, Rng& rng) {
  if (encoding_ != PositionalEncoding::Learned) return;
  for (Index i = 0; i < inputWidth(); ++i) parameters_[i] = static_cast<Scalar>(rng.uniform(-0.05, 0.05));
}

Eigen::Map<const RowVector> PositionalEncodingLayer::table() const {
  return {encoding_ == PositionalEncoding::Learned ? parameters_ : sinusoids_.data(), inputWidth()};
}

void PositionalEncodingLayer::forward(const ConstMatrixRef& input, MatrixRef output, Mode /*mode*/) {
  output = input;
  output.rowwise() += table();
}

void PositionalEncodingLayer::backward(const ConstMatrixRef& /*input*/, const ConstMatrixRef& /*output*/,
                                       const ConstMatrixRef& gradOutput, MatrixRef gradInput,
                                       bool needInputGradient) {
  if (encoding_ == PositionalEncoding::Learned) RowVectorMap(gradients_, inputWidth()) = gradOutput.colwise().sum();
  if (needInputGradient) gradInput = gradOutput;
}


LayerKindInfo positionalEncodingLayerKind() {
  LayerKindInfo k;
  k.name = "positional_encoding";
  k.label = "Positional encoding";
  k.category = "sequence";
  k.doc = "Adds a position signal to every step, so that attention (blind to order by itself) can tell the "
          "steps apart.";
  k.fields = {
      FieldSchema::choice("encoding", "Encoding", {"sinusoidal", "learned"}, "sinusoidal")
          .withDoc("sinusoidal: fixed sines and cosines of the position (no weights); learned: one trained vector "
                   "per position."),
  };
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    return std::make_unique<PositionalEncodingLayer>(input, parsePositionalEncoding(s.text("encoding")));
  };
  return k;
}

}  // namespace nnplay
