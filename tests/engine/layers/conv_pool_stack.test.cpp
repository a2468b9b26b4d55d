// A whole small CNN — Conv → tanh → MaxPool → Conv → tanh → AveragePool → Flatten → Dense →
// softmax, with a categorical cross-entropy — built from the layer objects and chained by
// hand as the network chains them (flat parameter/gradient buffers, per-layer workspaces):
// the gradient check of the composition and the "no allocation after the largest batch"
// property of the image layers.
#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>
#include <vector>

#include "core/workspace.h"
#include "layers/activation_layer.h"
#include "layers/average_pool2d.h"
#include "layers/conv2d.h"
#include "layers/dense.h"
#include "layers/flatten.h"
#include "layers/max_pool2d.h"
#include "losses/loss.h"
#include "support/finite_difference.h"
#include "support/test_data.h"

using namespace nnplay;

namespace {

class CnnStack {
 public:
  // 2×9×7 images → 3 classes.
  CnnStack() {
    const Shape input = Shape::image(2, 9, 7);
    add(std::make_unique<Conv2DLayer>(input, 4, 3, 1, Padding::Same));  // 4×9×7
    addTanh();
    add(std::make_unique<MaxPool2DLayer>(shape_, 2));     // 4×4×3
    add(std::make_unique<Conv2DLayer>(shape_, 5, 2, 1, Padding::Valid));  // 5×3×2
    addTanh();
    add(std::make_unique<AveragePool2DLayer>(shape_, 2, 1));  // 5×2×1
    add(std::make_unique<FlattenLayer>(shape_));              // 10
    add(std::make_unique<DenseLayer>(last().outputWidth(), 3));
    add(std::make_unique<ActivationLayer>(3, Activation::Softmax));
    Index total = 0;
    for (auto& l : layers_) total += l->parameterCount();
    parameters = Vector::Zero(total);
    gradients = Vector::Zero(total);
    Index offset = 0;
    for (auto& l : layers_) {
      l->bind(parameters.data() + offset, gradients.data() + offset, nullptr);
      offset += l->parameterCount();
    }
    Rng rng(3);
    for (auto& l : layers_) l->initialize(Initializer::XavierUniform, rng);
    parameters += test::randomMatrix(total, 1, 4, 0.1);  // biases ≠ 0
    outputs_.resize(layers_.size());
    outputGrads_.resize(layers_.size());
  }

  Index inputWidth() const { return layers_.front()->inputWidth(); }
  Index outputWidth() const { return layers_.back()->outputWidth(); }

  ConstMatrixMap forward(const ConstMatrixRef& x, Mode mode) {
    rows_ = x.rows();
    for (std::size_t i = 0; i < layers_.size(); ++i) {
      MatrixMap out = outputs_[i].view(rows_, layers_[i]->outputWidth());
      if (i == 0) layers_[i]->forward(x, out, mode);
      else layers_[i]->forward(input(i), out, mode);
    }
    return {outputs_.back().data(), rows_, outputWidth()};
  }

  // CCE of the last forward; leaves dL/dθ in gradients and returns dL/dx in inputGradient.
  Scalar backward(const ConstMatrixRef& x, const ConstMatrixRef& targets) {
    const std::size_t top = layers_.size() - 1;
    const ConstMatrixMap y(outputs_[top].data(), rows_, outputWidth());
    // The fused softmax + CCE gradient enters below the softmax layer.
    MatrixMap dz = outputGrads_[top - 1].view(rows_, layers_[top - 1]->outputWidth());
    fusedGradient(Loss::CategoricalCrossEntropy, y, targets, dz);
    for (std::size_t i = top; i-- > 0;) {
      const ConstMatrixMap gradOut(outputGrads_[i].data(), rows_, layers_[i]->outputWidth());
      const ConstMatrixMap out(outputs_[i].data(), rows_, layers_[i]->outputWidth());
      MatrixMap gradIn = i == 0 ? inputGradient_.view(rows_, inputWidth())
                                : outputGrads_[i - 1].view(rows_, layers_[i]->inputWidth());
      if (i == 0) layers_[i]->backward(x, out, gradOut, gradIn, true);
      else layers_[i]->backward(input(i), out, gradOut, gradIn, true);
    }
    return lossValue(Loss::CategoricalCrossEntropy, y, targets);
  }
  ConstMatrixMap inputGradient() const { return {inputGradient_.data(), rows_, inputWidth()}; }

  Vector parameters, gradients;

 private:
  void add(std::unique_ptr<Layer> layer) {
    shape_ = layer->outputShape();
    layers_.push_back(std::move(layer));
  }
  // Element-wise: the image shape passes through (ActivationLayer itself only knows widths).
  void addTanh() {
    const Shape keep = shape_;
    add(std::make_unique<ActivationLayer>(keep.size(), Activation::Tanh));
    shape_ = keep;
  }
  const Layer& last() const { return *layers_.back(); }
  ConstMatrixMap input(std::size_t i) const { return {outputs_[i - 1].data(), rows_, layers_[i]->inputWidth()}; }

  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Workspace> outputs_, outputGrads_;
  Workspace inputGradient_;
  Shape shape_;  // of the last layer's output
  Index rows_ = 0;
};

}  // namespace

TEST_CASE("a Conv-Pool-Conv-Pool-Flatten-Dense stack with a loss passes the gradient check",
          "[gradcheck][conv][pool]") {
  CnnStack net;
  const Matrix x = test::randomMatrix(4, net.inputWidth(), 91);
  const Matrix t = test::targetsFor(Activation::Softmax, 4, 3, 92);
  net.forward(x, Mode::Train);
  net.backward(x, t);
  const Vector analyticParameters = net.gradients;
  const Matrix analyticInputs = net.inputGradient();

  // Input gradients through two poolings are small (~1e-5): a step of 1e-5 keeps the
  // rounding error (~1e-16·L/h) below their 1e-6 relative tolerance, while the truncation
  // error (~h²) stays ~1e-10.
  constexpr double kStep = 1e-5;
  auto loss = [&](const Matrix& input) {
    return static_cast<double>(lossValue(Loss::CategoricalCrossEntropy, net.forward(input, Mode::Train), t));
  };
  const test::GradientComparison parameters =
      test::compareGradients(analyticParameters, test::numericGradientInPlace([&] { return loss(x); }, net.parameters, kStep));
  const test::GradientComparison inputs = test::compareGradients(analyticInputs, test::numericGradient(loss, x, kStep));
  INFO("parameters: " << parameters.describe());
  INFO("inputs: " << inputs.describe());
  CHECK(parameters.compared == (2 * 9 * 4 + 4) + (4 * 4 * 5 + 5) + (10 * 3 + 3));
  CHECK(parameters.maxRelativeError < test::kGradientTolerance);
  CHECK(inputs.maxRelativeError < test::kGradientTolerance);
}

#ifdef EIGEN_RUNTIME_NO_MALLOC
TEST_CASE("image layers allocate nothing once the largest batch has been seen", "[conv][pool][allocation]") {
  CnnStack net;
  const Matrix x = test::randomMatrix(8, net.inputWidth(), 93);
  const Matrix t = test::targetsFor(Activation::Softmax, 8, 3, 94);
  net.forward(x, Mode::Train);  // warm-up with the largest batch
  net.backward(x, t);
  std::string failure;
  {
    // As tests/engine/training/no_allocation.test.cpp: Eigen heap allocations throw.
    Eigen::internal::set_is_malloc_allowed(false);
    try {
      for (Index rows : {8, 5, 8, 1}) {  // same size, a smaller last batch, and back
        net.forward(x.topRows(rows), Mode::Train);
        net.backward(x.topRows(rows), t.topRows(rows));
        net.forward(x.topRows(rows), Mode::Eval);
      }
    } catch (const std::logic_error& e) {
      failure = e.what();
    }
    Eigen::internal::set_is_malloc_allowed(true);
  }
  INFO((failure.empty() ? "no allocation" : failure));
  CHECK(failure.empty());
}
#endif
