// From data-set labels to the target matrix a network is trained against, and back from
// network outputs to predicted classes.
//   regression (classes 0), 1 output:       t = label
//   two classes, 1 output, tanh output:     t = −1 / +1
//   two classes, 1 output, other output:    t = 0 / 1
//   k classes, k outputs:                   one-hot rows
#pragma once

#include "activations/activation.h"
#include "core/types.h"
#include "data/dataset.h"
#include "losses/loss.h"

namespace nnplay {

// The usual output layer for a problem: two classes → 1 sigmoid output with binary
// cross-entropy; k classes → k softmax outputs with categorical cross-entropy;
// regression (classes 0) → 1 linear output with MSE.
struct OutputHead {
  Index outputs;
  Activation activation;
  Loss loss;
};
OutputHead defaultOutputHead(int classes);

// Throws InvalidArgument explaining the mismatch (e.g. 3 classes but 1 output).
Matrix encodeTargets(const Vector& labels, int classes, Index outputs, Activation outputActivation);
// A data set's explicit targets when it has them (checked against outputs), else the above.
Matrix encodeTargets(const Dataset& data, int classes, Index outputs, Activation outputActivation);

// The decision threshold of a single-output classifier: 0 for tanh, 0.5 otherwise.
Scalar decisionThreshold(Activation outputActivation);

// Fraction of rows whose predicted class equals the label; NaN for regression or no rows.
double accuracy(const ConstMatrixRef& outputs, const Eigen::Ref<const Vector>& labels, int classes,
                Activation outputActivation);

}  // namespace nnplay
