// Measures of the networks on the test images, computed from the engine's outputs. Pure
// functions over typed arrays (no DOM, no engine), used by the worker and by the tests.
// Engine outputs are column-major: value c of row i is out[c * rows + i].

const CLIP = 1e-7;  // as Keras clips probabilities before the logarithm

/**
 * Classifier outputs (rows × classes softmax probabilities) against labels: predicted class,
 * its probability, mean cross-entropy, accuracy and the confusion matrix (row = true class,
 * column = predicted, counts).
 */
export function classify(out, rows, labels, classes = 10) {
  const predicted = new Uint8Array(rows);
  const confidence = new Float32Array(rows);
  const confusion = new Uint32Array(classes * classes);
  let loss = 0, correct = 0;
  for (let i = 0; i < rows; i++) {
    let best = 0, bestP = out[i];
    for (let c = 1; c < classes; c++) {
      const p = out[c * rows + i];
      if (p > bestP) { best = c; bestP = p; }
    }
    const truth = labels[i];
    predicted[i] = best;
    confidence[i] = bestP;
    loss -= Math.log(Math.max(CLIP, out[truth * rows + i]));
    if (best === truth) correct++;
    confusion[truth * classes + best]++;
  }
  return { predicted, confidence, confusion, loss: loss / rows, accuracy: correct / rows };
}

/** Mean squared error over all elements (Keras' convention; the engine's loss too). */
export function reconstructionError(out, rows, inputs, width = 784) {
  let sum = 0;
  for (let j = 0; j < width; j++) {
    const column = j * rows;
    for (let i = 0; i < rows; i++) {
      const d = out[column + i] - inputs[i * width + j];
      sum += d * d;
    }
  }
  return sum / (rows * width);
}

/** The class centres of 2-D codes (codes column-major: x of row i at i, y at rows + i). */
export function centroids(codes, rows, labels, classes = 10) {
  const sums = new Float64Array(classes * 3);
  for (let i = 0; i < rows; i++) {
    const c = labels[i] * 3;
    sums[c] += codes[i];
    sums[c + 1] += codes[rows + i];
    sums[c + 2]++;
  }
  const out = [];
  for (let c = 0; c < classes; c++) {
    const n = sums[c * 3 + 2] || 1;
    out.push([sums[c * 3] / n, sums[c * 3 + 1] / n]);
  }
  return out;
}

/**
 * How well the 2-D codes separate the classes: the share of points whose nearest class centre
 * is their own class's (chance: 1 in 10).
 */
export function nearestCentroidAccuracy(codes, rows, labels, classes = 10) {
  const centres = centroids(codes, rows, labels, classes);
  let correct = 0;
  for (let i = 0; i < rows; i++) {
    const x = codes[i], y = codes[rows + i];
    let best = 0, bestD = Infinity;
    for (let c = 0; c < classes; c++) {
      const d = (x - centres[c][0]) ** 2 + (y - centres[c][1]) ** 2;
      if (d < bestD) { bestD = d; best = c; }
    }
    if (best === labels[i]) correct++;
  }
  return correct / rows;
}

/** Row i of a column-major rows × width array as its own row-major Float32Array. */
export function gatherRow(out, rows, i, width = 784) {
  const row = new Float32Array(width);
  for (let j = 0; j < width; j++) row[j] = out[j * rows + i];
  return row;
}
