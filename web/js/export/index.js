// Export: the header's Export button opens a dialog with pictures, the loss history (CSV),
// the model file and the training recipe as Keras / PyTorch code. main.js calls this once.
import { ExportDialog } from './export-dialog.js';

/**
 * @param {{store, renderer, saveModel: () => void}} app
 *   renderer: the page's Renderer (history, structure, the latest frame)
 */
export function installExport({ store, renderer, saveModel }) {
  const button = document.querySelector('#export');
  if (!button) return;
  let dialog = null;
  button.addEventListener('click', () => {
    dialog ??= new ExportDialog({
      state: () => store.state,
      progress: () => renderer.latest,
      history: () => renderer.history.view(),
      structure: () => renderer.structure,
      surface: document.querySelector('#surface'),
      diagram: document.querySelector('#diagram'),
      saveModel,
      loadModel: () => document.querySelector('#model-file').click(),
    });
    dialog.open(button);
  });
}

// Downloads and the clipboard, for the other features and the pages.
export { copyText, downloadBlob, downloadText, canvasToPng } from './download.js';

// The Fashion-MNIST page's classifier with its trained weights, as Keras / PyTorch scripts.
export { kerasImageScript } from './keras-script.js';
export { pytorchImageScript } from './pytorch-script.js';

// The sequence page's model file as Keras / PyTorch scripts with its trained weights.
export { kerasSequenceScript, pytorchSequenceScript } from './python-sequence.js';
