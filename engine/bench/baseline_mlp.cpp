#include "bench/baseline_mlp.h"

namespace nnplay::bench {

namespace {
constexpr Scalar kEps = Scalar(1e-7);  // probability clipping, as the engine (Keras's epsilon)
}

BaselineMlp::BaselineMlp(Index inputs, Index hidden1, Index hidden2, Index outputs, Hidden hidden,
                         Head head, Scalar learningRate)
    : hidden_(hidden), head_(head), learningRate_(learningRate),
      w1_(Matrix::Zero(inputs, hidden1)), w2_(Matrix::Zero(hidden1, hidden2)),
      w3_(Matrix::Zero(hidden2, outputs)), b1_(RowVector::Zero(hidden1)),
      b2_(RowVector::Zero(hidden2)), b3_(RowVector::Zero(outputs)),
      gw1_(w1_), gw2_(w2_), gw3_(w3_), gb1_(b1_), gb2_(b2_), gb3_(b3_) {}

void BaselineMlp::setParameters(const Vector& flat) {
  Index at = 0;
  auto take = [&](auto& m) {
    m = Eigen::Map<const Matrix>(flat.data() + at, m.rows(), m.cols());
    at += m.size();
  };
  take(w1_), take(b1_), take(w2_), take(b2_), take(w3_), take(b3_);
}

Vector BaselineMlp::parameters() const {
  Vector flat(w1_.size() + b1_.size() + w2_.size() + b2_.size() + w3_.size() + b3_.size());
  Index at = 0;
  auto put = [&](const auto& m) {
    Eigen::Map<Matrix>(flat.data() + at, m.rows(), m.cols()) = m;
    at += m.size();
  };
  put(w1_), put(b1_), put(w2_), put(b2_), put(w3_), put(b3_);
  return flat;
}

Scalar BaselineMlp::trainBatch(const Eigen::Ref<const Matrix>& x, const Eigen::Ref<const Matrix>& t) {
  const Index n = x.rows();
  // Resizing to the same shape is free; only a new batch size reallocates.
  z1_.resize(n, w1_.cols()), h1_.resize(n, w1_.cols()), d1_.resize(n, w1_.cols());
  z2_.resize(n, w2_.cols()), h2_.resize(n, w2_.cols()), d2_.resize(n, w2_.cols());
  z3_.resize(n, w3_.cols()), y_.resize(n, w3_.cols()), d3_.resize(n, w3_.cols());
  rowScratch_.resize(n);

  // Forward: z = h·W + b, h = f(z).
  z1_.noalias() = x * w1_;
  z1_.rowwise() += b1_;
  if (hidden_ == Hidden::Tanh) h1_ = z1_.array().tanh().matrix();
  else h1_ = z1_.cwiseMax(Scalar(0));
  z2_.noalias() = h1_ * w2_;
  z2_.rowwise() += b2_;
  if (hidden_ == Hidden::Tanh) h2_ = z2_.array().tanh().matrix();
  else h2_ = z2_.cwiseMax(Scalar(0));
  z3_.noalias() = h2_ * w3_;
  z3_.rowwise() += b3_;

  // Output, loss and the fused output delta d3 = (y − t)/count.
  Scalar loss;
  if (head_ == Head::SoftmaxCce) {
    rowScratch_ = z3_.rowwise().maxCoeff();
    y_ = (z3_.colwise() - rowScratch_).array().exp().matrix();
    rowScratch_ = y_.rowwise().sum();
    y_.array().colwise() /= rowScratch_.array();
    loss = -(t.array() * y_.array().max(kEps).log()).sum() / Scalar(n);
    d3_ = (y_ - t) / Scalar(n);
  } else {
    y_ = z3_.array().logistic().matrix();
    const auto p = y_.array().max(kEps).min(Scalar(1) - kEps);
    loss = -(t.array() * p.log() + (Scalar(1) - t.array()) * (Scalar(1) - p).log()).sum() /
           Scalar(y_.size());
    d3_ = (y_ - t) / Scalar(y_.size());
  }

  // Backward: gW = hᵀ·d, gb = column sums of d, d_below = (d·Wᵀ) ⊙ f'(z).
  gw3_.noalias() = h2_.transpose() * d3_;
  gb3_ = d3_.colwise().sum();
  d2_.noalias() = d3_ * w3_.transpose();
  if (hidden_ == Hidden::Tanh) d2_.array() *= Scalar(1) - h2_.array().square();
  else d2_ = (z2_.array() > Scalar(0)).select(d2_, Scalar(0));
  gw2_.noalias() = h1_.transpose() * d2_;
  gb2_ = d2_.colwise().sum();
  d1_.noalias() = d2_ * w2_.transpose();
  if (hidden_ == Hidden::Tanh) d1_.array() *= Scalar(1) - h1_.array().square();
  else d1_ = (z1_.array() > Scalar(0)).select(d1_, Scalar(0));
  gw1_.noalias() = x.transpose() * d1_;
  gb1_ = d1_.colwise().sum();

  // SGD: θ ← θ − η·g.
  w1_ -= learningRate_ * gw1_;
  b1_ -= learningRate_ * gb1_;
  w2_ -= learningRate_ * gw2_;
  b2_ -= learningRate_ * gb2_;
  w3_ -= learningRate_ * gw3_;
  b3_ -= learningRate_ * gb3_;
  return loss;
}

}  // namespace nnplay::bench
