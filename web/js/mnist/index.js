// The real-data page's feature: loading Fashion-MNIST and the views of its two models
// (classifier: probabilities, confusion matrix, test images, first-layer weights, drawing
// pad; autoencoder: code plane, original/reconstruction pairs). pages/mnist/ wires them.
export { loadFashionMnist } from '../worker/fashion-mnist.js';
export { TrainingPanel, percent as percentText } from './training-panel.js';
export { ConfusionView } from './confusion-view.js';
export { TestGridView } from './test-grid.js';
export { WeightsView } from './weights-view.js';
export { DrawPad } from './draw-pad.js';
export { ProbabilityBars } from './probabilities.js';
export { LatentView, MAP_RESOLUTION } from './latent-view.js';
export { PairsView } from './pairs-view.js';
export { FrameQueue } from './frame-queue.js';
export { paintGrey, PIXELS } from './images.js';
export { ArchitectureEditor } from './architecture-editor.js';
export { FiltersView, FeatureMapsView } from './cnn-views.js';
