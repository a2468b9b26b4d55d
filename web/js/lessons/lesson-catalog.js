// The lessons: the introductory module as data. Each lesson has a stable id (its URL:
// index.html?lesson=ID), a kind that says which stage shows it, the settings it starts
// from and a short explanation (what to do, what to watch, why it happens).
//
// Kinds: 'perceptron' (the perceptron stage), 'playground' (the playground with the lesson's
// settings), 'compare' (compare mode with the runs preset), 'link' (a lesson on another page:
// its href, and the text and tip of the button that opens it).
// The settings of the compare lessons are those of tests/engine/training/phenomena.test.cpp
// (seed 1), scaled to the page's limits (at most 16 neurons per layer), where the effect is
// large and was measured with the native CLI (`nnplay compare`).
import { defaultState } from '../ground/state.js';

const layers = (units, activation, extra = {}) => units.map((n) => ({ units: n, activation, dropout: 0, batchNorm: false, ...extra }));

/** A state with the lesson's data, network and optimizer (everything else at its default). */
function preset({ data, hidden, head = 'auto', optimizer, batchSize = 10, speed = 60, logScale = false }) {
  const s = defaultState();
  s.data = { ...s.data, noise: 0.1, points: 500, testPercent: 30, seed: 1, ...data, custom: null };
  s.features = ['x1', 'x2'];
  s.network = { ...s.network, hidden, head, initializer: 'auto', seed: 1 };
  s.optimizer = { ...s.optimizer, ...optimizer, weightDecay: 0 };
  s.training = { batchSize, regularization: 'none', regularizationRate: 0 };
  s.view = { ...s.view, speed, logScale, discretize: false, showTest: true };
  return s;
}

// Overfitting on purpose: 30 training points of the circle with noise 1 (the classes overlap),
// a 2-16-16-1 network and Adam. Unregularized, the training loss falls to ~0 and the test loss
// climbs above 1 (seed 1: gap 1.45; with L2 λ = 0.01 0.67; with dropout 0.5 0.48).
const overfitting = () => preset({
  data: { kind: 'circle', points: 60, noise: 1, testPercent: 50 },
  hidden: layers([16, 16], 'tanh'),
  optimizer: { kind: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  speed: 120, logScale: true,
});

export const LESSONS = [
  {
    id: 'perceptron-and', kind: 'perceptron', title: 'Perceptron on the AND gate',
    short: 'The learning rule step by step until it converges.',
    perceptron: { gate: 'and', learningRate: 1 },
    todo: 'Press Step to present one sample at a time (or Play to step automatically). After each step the panel shows the sample, the perceptron\'s output y and, when it was wrong, how the rule changed w₁, w₂ and b — with the numbers.',
    watch: 'The line w₁·x₁ + w₂·x₂ + b = 0 moves only after a mistake. The mistakes per epoch go 1, 3, 3, 2, 1 — and epoch 6 passes without one: converged (with η = 1).',
    why: 'AND is linearly separable: one straight line puts (1, 1) alone on its side. The perceptron convergence theorem guarantees that the rule w ← w + η(t − y)x then reaches an epoch without mistakes after finitely many corrections.',
  },
  {
    id: 'perceptron-xor', kind: 'perceptron', title: 'Perceptron on XOR',
    short: 'It never converges — and why.',
    perceptron: { gate: 'xor', learningRate: 1 },
    todo: 'Step through the first two epochs, then press "Run 100 epochs".',
    watch: 'No epoch is ever free of mistakes. From epoch 2 on the weights at the end of every epoch are the same: the rule goes round in a cycle, fixing one point by breaking another.',
    why: 'XOR is not linearly separable. A line would need b ≤ 0 for (0, 0), w₂ + b > 0 for (0, 1), w₁ + b > 0 for (1, 0) and w₁ + w₂ + b ≤ 0 for (1, 1). The middle two add up to w₁ + w₂ + 2b > 0, the outer two to w₁ + w₂ + 2b ≤ 0: impossible. One neuron draws one line, so no learning rule can help; a hidden layer can (next lesson).',
  },
  {
    id: 'xor-mlp', kind: 'playground', title: 'A 2-layer network solves XOR',
    short: 'The classic 2-4-1 sigmoid network; watch the hidden neurons.',
    state: () => preset({
      data: { kind: 'xor_gate', points: 4, testPercent: 0 },   // the bare truth table
      hidden: layers([4], 'sigmoid'),
      head: 'sigmoid:mse',
      optimizer: { kind: 'sgd', learningRate: 1 },
      batchSize: 4, speed: 120,
    }),
    todo: 'Press Play. The network is the classic 2-4-1: four sigmoid hidden neurons, a sigmoid output, mean squared error, plain gradient descent with η = 1 on all four points at once.',
    watch: 'The four hidden neurons in the Network panel (Layer 1): each learns a soft line across the plane; hover one to see it large. The output combines them into two bands. Accuracy reaches 100 % after about 500 epochs; the loss keeps falling (about 0.008 at epoch 1000).',
    why: 'Each hidden neuron is a perceptron with a smooth sigmoid instead of a step. In the space of the hidden neurons\' outputs the four points become linearly separable, so the output neuron\'s single line is enough. Backpropagation trains both layers at once — the perceptron rule cannot, because a step has no gradient.',
  },
  {
    id: 'compare-activations', kind: 'compare', title: 'Sigmoid, tanh and ReLU',
    short: 'Three activations on the same data and seed.',
    state: () => preset({ data: { kind: 'circle' }, hidden: layers([8, 8], 'tanh'), optimizer: { kind: 'sgd', learningRate: 0.03 } }),
    compare: { vary: 'activation', values: ['sigmoid', 'tanh', 'relu'], target: 0.1, epochs: 300 },
    todo: 'Press Run. Three copies of a 2-8-8-1 network train on the circle with plain SGD (η = 0.03); they differ only in the hidden layers\' activation.',
    watch: 'The table: ReLU reaches a training loss of 0.1 first (about 20 epochs), tanh next (about 45), sigmoid not within 300 epochs — its curve stays high and flat at first.',
    why: 'A sigmoid\'s slope is at most 1/4 and its outputs are centred on 0.5, not 0, so the gradient shrinks at every layer on its way back and the first layer barely learns. tanh (slope up to 1, centred on 0) and ReLU (slope 1 wherever it is active) pass the gradient back undiminished.',
  },
  {
    id: 'compare-momentum', kind: 'compare', title: 'Momentum vs plain SGD',
    short: 'Mini-batch gradient descent with and without momentum.',
    state: () => preset({ data: { kind: 'spiral' }, hidden: layers([8, 8], 'tanh'), optimizer: { kind: 'sgd', learningRate: 0.01 }, speed: 120 }),
    compare: { vary: 'optimizer', values: ['sgd', 'momentum'], target: 0.3, epochs: 500 },
    todo: 'Press Run. Both runs use mini-batches of 10 points and the same learning rate η = 0.01 on the spiral; one adds momentum (α = 0.9).',
    watch: 'Momentum reaches the target loss of 0.3 in about 200 epochs, then jumps about a little — its velocity makes it overshoot now and then. Plain SGD, with the same η, has barely moved from where it started after 500 epochs.',
    why: 'Momentum keeps a velocity v ← α·v − η·g and steps by v. Where successive gradients agree the steps add up — up to 1/(1 − α) = 10 times longer — and where they zig-zag they cancel. Same η, much faster progress along the valley floor.',
  },
  {
    id: 'compare-l2', kind: 'compare', title: 'L2 regularization and overfitting',
    short: 'Training vs test loss with and without a weight penalty.',
    state: overfitting,
    compare: { vary: 'l2', values: [0, 0.01], target: 0.1, epochs: 1000 },
    todo: 'Press Run. Only 30 noisy training points (the classes overlap) and a large 2-16-16-1 network trained with Adam: it can memorise them. One run adds the L2 penalty (λ/2)·Σw² with λ = 0.01.',
    watch: 'Without the penalty the training loss (solid) falls to almost 0 while the test loss (dashed) climbs above 1: overfitting. With L2 the gap between them is about half as large, and the table\'s weight norm ‖w‖ is less than half.',
    why: 'The penalty pulls every weight towards 0 at each step. A network with small weights computes a smoother function, so it cannot bend around each noisy training point; it fits the training set less well and the unseen points better.',
  },
  {
    id: 'compare-dropout', kind: 'compare', title: 'Dropout vs no dropout',
    short: 'The same overfitting network, with half its hidden outputs dropped.',
    state: overfitting,
    compare: { vary: 'dropout', values: [0, 0.5], target: 0.1, epochs: 1000 },
    todo: 'Press Run. The overfitting set-up of the previous lesson; one run drops each hidden neuron\'s output with probability 0.5 at every training step.',
    watch: 'With dropout the training loss falls more slowly and stays noisier, but the test loss stays far lower: the gap (test − training) is about a third of the gap without dropout.',
    why: 'Every step trains a different random half of the network, so no neuron can rely on particular others to fix its errors. The network learns redundant, smoother features — much like averaging many smaller networks. At test time all neurons are used (their outputs are scaled during training to match).',
  },
  {
    id: 'compare-batchnorm', kind: 'compare', title: 'Batch normalization and training speed',
    short: 'Epochs to a target loss, with and without batch norm.',
    state: () => preset({ data: { kind: 'circle' }, hidden: layers([8, 8], 'sigmoid'), optimizer: { kind: 'sgd', learningRate: 0.1 } }),
    compare: { vary: 'batchNorm', values: ['off', 'on'], target: 0.1, epochs: 400 },
    todo: 'Press Run. A 2-8-8-1 sigmoid network trained with plain SGD (η = 0.1), once as it is and once with batch normalization after each hidden layer\'s weights.',
    watch: 'The epochs-to-target column and the sentence under the table: with batch norm the training loss reaches 0.1 about 3 times sooner (about 42 epochs instead of about 130). Later the run without it ends lower: each batch\'s statistics are noisy, so the batch-norm run keeps jittering — speed, not the final value, is what it buys here.',
    why: 'Batch norm re-centres and re-scales each layer\'s inputs over the mini-batch, then lets the network learn the best scale and shift. The sigmoids stay out of their flat tails, where gradients vanish, and each layer no longer chases the shifting outputs of the layer before it.',
  },
  {
    id: 'autoencoder', kind: 'link', title: 'An autoencoder for dimensionality reduction',
    short: 'Squeeze Fashion-MNIST images through a 2-number code (Fashion-MNIST page).',
    href: 'mnist.html?view=autoencoder&lesson=autoencoder',
    open: { text: 'Open the autoencoder on the Fashion-MNIST page →', tip: 'Opens the Fashion-MNIST page with the autoencoder view' },   // the page shows this lesson too (page-lesson.js)
    todo: 'On the Fashion-MNIST page\'s Autoencoder tab, press Play (or Step epoch) and let it train for a few epochs. Then click or drag anywhere on the code plane to decode that point into an image, and tick "Show decoded images behind the dots" to see what each region of the plane stands for.',
    watch: 'The 2-D code plane: each image becomes one point. Without ever seeing a label, the network places some classes (trousers, bags, footwear) in regions of their own. The "Classes separated" readout counts the test images whose code lies nearer to its own class\'s centre than to any other (10 % would be chance). Points of the plane decoded back into images show what the codes mean.',
    why: 'An autoencoder is trained to reproduce its input through a narrow middle layer. To do that with only two numbers it must keep the directions along which the images vary most — a non-linear cousin of principal component analysis.',
  },
  // Lessons 10-14 are taught on the pages of the other architectures; their links open the
  // page with the lesson's settings (those pages keep their settings in the URL).
  {
    id: 'cnn', kind: 'link', title: 'Why convolutions? A small CNN on Fashion-MNIST',
    short: 'Shared filters against dense weights: fewer parameters, better accuracy (Fashion-MNIST page).',
    href: 'mnist.html?view=classifier&lesson=cnn',
    open: { text: 'Open the CNN lesson on the Fashion-MNIST page →', tip: 'Opens the Fashion-MNIST classifier with the lesson\'s two presets' },
    todo: 'On the Fashion-MNIST page, train the MLP preset for a few epochs, then switch to the small CNN and train it for the same number of epochs. Click a test image to see its feature maps.',
    watch: 'The lesson\'s table: the CNN has about ten times fewer weights, yet after the same epochs its test accuracy is higher (about 88 % against 85 % here). Its first-layer filters turn from noise into edge and stripe detectors.',
    why: 'A convolution slides one small filter over the whole image and shares its weights across positions, so a pattern learned in one place is recognised everywhere; pooling keeps the strongest responses. Neighbouring pixels belong together, and the architecture builds that in.',
  },
  {
    id: 'rnn-forget', kind: 'link', title: 'Why RNNs forget',
    short: 'Remember the first bit of 30: the simple RNN against the LSTM (sequence page).',
    href: 'sequence.html?task=first_bit&len=30&arch=simple_rnn&lr=0.01',
    open: { text: 'Open the simple RNN on the sequence page →', tip: 'Opens the sequence page: remember the first bit of 30, simple RNN' },
    todo: 'On the sequence page press Play with the RNN preset; after a few hundred steps press LSTM and Play again. Change the seed and the length to see where each one breaks.',
    watch: 'With seed 1 the simple RNN stalls near 79 % test accuracy while the LSTM reaches 100 % within about 200 steps. The gradient-norm chart shows how little of the learning signal reaches the first step. Change the seed: with seeds 2 to 6 the simple RNN reaches 100 % too, because its recurrent weights start orthogonal (as in Keras), which keeps one bit alive well. At length 50 and 80 every cell needs a lucky seed and more steps: try the same seeds with each.',
    why: 'Each step back multiplies the RNN\'s gradient by its recurrent weights and the tanh slope (at most 1), so the early steps learn the least: the vanishing gradient.',
  },
  {
    id: 'lstm-gates', kind: 'link', title: 'Gates keep the memory (LSTM)',
    short: 'Watch the forget gate hold one bit for 30 steps (sequence page).',
    href: 'sequence.html?task=first_bit&len=30&arch=lstm&lr=0.01',
    open: { text: 'Open the LSTM on the sequence page →', tip: 'Opens the sequence page: remember the first bit of 30, LSTM' },
    todo: 'On the sequence page press Play and watch the gate activations over time.',
    watch: 'The accuracy jumps to 100 %. The units whose hidden state keeps one colour from the first step to the last have a forget gate near 1 all the way.',
    why: 'The LSTM carries its cell state as c_t = f·c_{t−1} + i·c̃_t: where the forget gate f stays near 1 nothing is multiplied away, so the first bit, and its gradient, travel the whole sequence.',
  },
  {
    id: 'attention', kind: 'link', title: 'Attention looks back (transformer)',
    short: 'Reverse 8 symbols; the attention map forms the anti-diagonal (sequence page).',
    href: 'sequence.html?task=reverse&len=8&sym=8&arch=transformer&lr=0.003',
    open: { text: 'Open the transformer on the sequence page →', tip: 'Opens the sequence page: reverse 8 symbols, transformer' },
    todo: 'On the sequence page press Play with the Transformer preset and watch the attention map of a test sample.',
    watch: 'Output step t comes to attend to input step 7 − t: the anti-diagonal. The per-step test accuracy climbs to about 100 %.',
    why: 'Attention reaches any step in one hop, whatever the distance; the positional encoding tells it which step is which. A recurrent network reading left to right would have to name symbols it has not seen yet.',
  },
  {
    id: 'gan', kind: 'link', title: 'The adversarial game (GAN)',
    short: 'A generator and a discriminator on 2-D points; equilibrium and mode collapse (GAN page).',
    href: 'gan.html',
    open: { text: 'Open the GAN page →', tip: 'Opens the GAN page with its default settings and its lesson' },
    todo: 'On the GAN page press Play with the default settings; then press Collapse in the lesson below the charts and Play again.',
    watch: 'With the defaults the generated points spread over the eight modes of the ring within about 3,000 generator steps, and the discriminator\'s background fades to white (D ≈ 0.5). With Collapse they pile onto one or two modes and jump between them.',
    why: 'D learns to tell real points from generated ones and G follows D\'s gradient toward what D believes is real. At equilibrium D can only guess; a generator much faster than its discriminator chases one spot at a time instead.',
  },
];

export const lessonById = (id) => LESSONS.find((l) => l.id === id) ?? null;
export const lessonNumber = (lesson) => LESSONS.indexOf(lesson) + 1;
