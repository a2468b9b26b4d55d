// Model files on the sequence page: "Save model" downloads nnplay-sequence.json (the engine's
// SequenceSession.saveModel: settings, weights, optimizer state, step count; a character model
// holds its alphabet, not the book), "Load model" sends a file to the worker, which replaces
// its session (atomic: a bad file leaves the model as it was and the worker reports why).
// "Keras script" / "PyTorch script" download the current model file as a Python script that
// rebuilds the network with its trained weights (web/js/export/python-sequence.js).
import { downloadText, kerasSequenceScript, pytorchSequenceScript } from '../export/index.js';
import { LAYER_KINDS } from './seq-layers.js';
import { ARCHITECTURES, presetLayers } from './seq-state.js';

const RECURRENT = ['units', 'returnSequences'];
// The settings the page's layer list shows for a layer (the engine's config lists every one).
const shownKeys = (kind) => {
  const f = LAYER_KINDS[kind]?.fields;
  return f === 'recurrent' ? RECURRENT : f ? f.map(([key]) => key) : null;
};

// A layer as the page's state keeps it: the kind and the settings the layer list shows.
function pageLayer(layer) {
  const keys = shownKeys(layer.kind);
  if (!keys) return { ...layer };
  const out = { kind: layer.kind };
  for (const k of keys) if (layer[k] !== undefined) out[k] = layer[k];
  return out;
}

const sameLayers = (a, b) => a.length === b.length && a.every((l, i) => l.kind === b[i].kind &&
  Object.keys(l).every((k) => l[k] === b[i][k]));

/**
 * The page state of a loaded model's config (SequenceSession.config, without the text): the
 * task, length, symbols, seed, learning rate and batch size, and the layers — null with that
 * architecture when they are one of the presets, so the URL stays short.
 */
export function stateFromConfig(config, state, alphabetSize) {
  const t = config.task;
  const next = { ...state, task: t.task, length: t.length, symbols: t.symbols, seed: config.network.seed,
    lr: config.optimizer.learningRate, batch: config.batchSize, sample: Math.min(state.sample, t.testSamples - 1) };
  const layers = config.network.layers.map(pageLayer);
  const preset = ARCHITECTURES.find((a) => sameLayers(presetLayers({ ...next, arch: a.value }, alphabetSize), layers));
  return preset ? { ...next, arch: preset.value, layers: null } : { ...next, layers };
}

/** Wires the Save model button and the Load model file input (#seq-save, #seq-load). */
export function installModelFiles($, worker) {
  $('seq-save').addEventListener('click', async () => {
    try {
      downloadText('nnplay-sequence.json', await worker.request('save'), 'application/json');
    } catch (e) {
      $('seq-status').textContent = e.message;
    }
  });
  const scripts = { 'seq-export-keras': ['nnplay-sequence-keras.py', kerasSequenceScript], 'seq-export-pytorch': ['nnplay-sequence-pytorch.py', pytorchSequenceScript] };
  for (const [id, [name, script]] of Object.entries(scripts)) {
    $(id)?.addEventListener('click', async () => {
      try {
        downloadText(name, script(await worker.request('save')), 'text/x-python');
      } catch (e) {
        $('seq-status').textContent = `The model was not exported: ${e.message}`;
      }
    });
  }
  const input = $('seq-load');
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    worker.pause();
    $('seq-status').textContent = `Loading ${file.name}…`;
    worker.send({ type: 'load', text: await file.text() });
    input.value = '';
  });
  // The label is the visible button: Enter and Space open the file chooser (and Space does not
  // also reach the page's Play/Pause shortcut).
  const label = document.querySelector('label[for="seq-load"]');
  label.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.stopPropagation();
    input.click();
  });
}
