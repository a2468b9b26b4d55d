// A toy layer kind defined only here, for tests that prove adding a kind is a one-place
// change: y = scale · x with one learned scale. ToyRegistered adds it to the registry for
// its lifetime.
#pragma once

#include <memory>

#include "layers/layer.h"
#include "layers/layer_registry.h"
#include "network/network_spec.h"

namespace nnplay::test {

// y = scale · x, element-wise; one learnable scale.
class ToyScaleLayer final : public Layer {
 public:
  explicit ToyScaleLayer(const Shape& shape) : Layer(shape, shape) {}
  const char* kind() const override { return "toy_scale"; }
  Index parameterCount() const override { return 1; }
  void bind(Scalar* p, Scalar* g, Scalar*) override { p_ = p; g_ = g; }
  void initialize(Initializer, Rng&) override { *p_ = Scalar(start_); }
  void setStart(double s) { start_ = s; }
  void forward(const ConstMatrixRef& in, MatrixRef out, Mode) override { out = in * *p_; }
  void backward(const ConstMatrixRef& in, const ConstMatrixRef&, const ConstMatrixRef& gOut, MatrixRef gIn,
                bool needInput) override {
    *g_ = in.cwiseProduct(gOut).sum();
    if (needInput) gIn = gOut * *p_;
  }

 private:
  Scalar* p_ = nullptr;
  Scalar* g_ = nullptr;
  double start_ = 1;
};

inline LayerKindInfo toyKind() {
  LayerKindInfo k;
  k.name = "toy_scale";
  k.label = "Toy scale";
  k.category = "test";
  k.doc = "Multiplies every value by one learned number.";
  k.fields = {FieldSchema::number("start", "Starting scale", -10, 10, 2).withDoc("The scale before training.")};
  k.build = [](const LayerSpec& s, const Shape& input, LayerContext&) {
    auto layer = std::make_unique<ToyScaleLayer>(input);
    layer->setStart(s.number("start"));
    return layer;
  };
  return k;
}

struct ToyRegistered {
  ToyRegistered() { registerLayerKind(toyKind()); }
  ~ToyRegistered() { unregisterLayerKind("toy_scale"); }
};


}  // namespace nnplay::test
