// The Export dialog: pictures (surface, network diagram), the loss history as CSV, the model
// file (save / load), and the training recipe as a Keras or PyTorch script to carry on
// outside the playground (shown, copied or downloaded).
import { el } from '../views/form.js';
import { datasetEntry, LOSS_NAMES } from '../ground/catalog.js';
import { formatNumber } from '../ground/validate.js';
import { canvasToPng, copyText, downloadBlob, downloadText } from './download.js';
import { historyCsv } from './history-csv.js';
import { networkImage, surfaceImage } from './images.js';
import { kerasScript } from './keras-script.js';
import { pytorchScript } from './pytorch-script.js';

const SCRIPTS = {
  keras: { label: 'Keras', file: 'nnplay_keras.py', make: kerasScript, tip: 'TensorFlow / Keras 3 script' },
  pytorch: { label: 'PyTorch', file: 'nnplay_pytorch.py', make: pytorchScript, tip: 'PyTorch script with a plain training loop' },
};

export class ExportDialog {
  /**
   * @param {{state: () => object, progress: () => {epoch: number, metrics: object}|null,
   *          history: () => object[], structure: () => object|null, surface: Element, diagram: Element,
   *          saveModel: () => void, loadModel: () => void}} source
   */
  constructor(source) {
    this.source = source;
    this.kind = 'keras';
    this.build();
  }

  build() {
    const button = (label, tip, onclick, extra = {}) => el('button', { tip, onclick, ...extra }, label);
    this.status = el('p', { class: 'status', role: 'status', id: 'export-status' });
    this.code = el('textarea', { class: 'code', id: 'export-code', readonly: true, spellcheck: 'false', rows: 14,
      tip: 'The generated script: the same network, optimizer, loss and data recipe in Python' });
    this.tabs = Object.entries(SCRIPTS).map(([id, s]) => el('button', {
      role: 'tab', id: `export-tab-${id}`, 'aria-controls': 'export-code', tip: s.tip,
      onclick: () => this.select(id),
      onkeydown: (e) => this.tabKey(e),
    }, s.label));
    const close = button('Close', 'Close this dialog (Escape)', () => this.node.close());
    this.node = el('dialog', { class: 'nn-dialog', id: 'export-dialog', role: 'dialog', 'aria-labelledby': 'export-dialog-title' },
      el('div', { class: 'nn-dialog-body' },
        el('div', { class: 'nn-dialog-head' }, el('h2', { id: 'export-dialog-title' }, 'Export'), close),
        el('div', { class: 'export-grid' },
          el('fieldset', {}, el('legend', {}, 'Pictures (PNG)'),
            el('div', { class: 'actions' },
              button('Output surface', 'Download the decision surface with its data points as a PNG picture', () => this.picture('surface')),
              button('Network diagram', 'Download the network diagram with its neuron thumbnails as a PNG picture', () => this.picture('network')))),
          el('fieldset', {}, el('legend', {}, 'Numbers and model'),
            el('div', { class: 'actions' },
              button('Loss history (CSV)', 'Download the loss and accuracy after each epoch as a spreadsheet file (CSV)', () => this.csv()),
              button('Model (JSON)', 'Download the network, its weights and settings as an nnplay model file', () => { this.source.saveModel(); this.say('Model file saved as nnplay-model.json.'); }),
              button('Load model…', 'Open a model file saved by nnplay (Save model)', () => { this.node.close(); this.source.loadModel(); })))),
        el('fieldset', { class: 'export-code' }, el('legend', {}, 'Export as code'),
          el('p', { class: 'hint' }, 'A Python script that builds the same architecture, optimizer and loss, regenerates comparable data and trains: carry on outside the playground.'),
          el('div', { class: 'row' },
            el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Framework' }, this.tabs),
            button('Download .py', 'Download this script', () => this.downloadScript(), { class: 'primary' }),
            button('Copy code', 'Copy this script to the clipboard', () => this.copyScript())),
          el('label', { for: 'export-code', class: 'visually-hidden' }, 'Generated Python script'),
          this.code),
        this.status));
    this.node.addEventListener('close', () => this.returnFocus?.focus());
    this.node.addEventListener('click', (e) => { if (e.target === this.node) this.node.close(); });
    document.body.append(this.node);
  }

  open(returnFocus) {
    this.returnFocus = returnFocus;
    this.status.textContent = '';
    this.node.showModal();
    this.select(this.kind, false);
  }

  select(kind, focus = true) {
    this.kind = kind;
    for (const tab of this.tabs) {
      const on = tab.id === `export-tab-${kind}`;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on && focus) tab.focus();
    }
    this.code.value = this.script();
  }

  tabKey(e) {
    const ids = Object.keys(SCRIPTS);
    const i = ids.indexOf(this.kind);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      this.select(ids[(i + (e.key === 'ArrowRight' ? 1 : ids.length - 1)) % ids.length]);
    }
  }

  script() {
    return SCRIPTS[this.kind].make(this.source.state(), { epochs: this.source.progress()?.epoch ?? 0 });
  }

  say(text) { this.status.textContent = text; }

  /** "nnplay · Circle · 2-4-2-1 · epoch 120 · training loss 0.051 · test loss 0.062" */
  caption() {
    const s = this.source.state();
    const structure = this.source.structure();
    const p = this.source.progress();
    const data = s.data.custom ? 'your points' : datasetEntry(s.data.kind, s.data.classes)?.label ?? s.data.kind;
    const layers = structure ? [structure.inputs, ...structure.neuronLayers.map((l) => l.units)].join('-') : '';
    const parts = ['nnplay', data, layers];
    if (p) {
      parts.push(`epoch ${p.epoch}`, `training loss ${formatNumber(p.metrics?.trainLoss, 4)}`);
      if (p.metrics?.testLoss !== null && p.metrics?.testLoss !== undefined) parts.push(`test loss ${formatNumber(p.metrics.testLoss, 4)}`);
    }
    return parts.filter(Boolean).join(' · ');
  }

  async picture(which) {
    try {
      const canvas = which === 'surface' ? surfaceImage(this.source.surface, this.caption()) : networkImage(this.source.diagram, this.caption());
      const name = `nnplay-${which}.png`;
      downloadBlob(name, await canvasToPng(canvas));
      this.say(`Saved ${name} (${canvas.width} × ${canvas.height} pixels).`);
    } catch (error) {
      this.say(`The picture could not be made: ${error.message}.`);
    }
  }

  csv() {
    const records = this.source.history();
    if (records.length === 0) { this.say('There is no history yet: train for an epoch first.'); return; }
    const structure = this.source.structure();
    const text = historyCsv(records, { lossName: LOSS_NAMES[structure?.loss] ?? structure?.loss ?? 'loss', regression: structure?.task === 'regression' });
    downloadText('nnplay-loss-history.csv', text, 'text/csv');
    this.say(`Saved nnplay-loss-history.csv (${records.length} rows).`);
  }

  downloadScript() {
    const s = SCRIPTS[this.kind];
    downloadText(s.file, this.code.value, 'text/x-python');
    this.say(`Saved ${s.file}.`);
  }

  async copyScript() {
    if (await copyText(this.code.value)) {
      this.say('Script copied to the clipboard.');
    } else {
      this.code.focus();
      this.code.select();
      this.say('The clipboard is not available here: the script is selected, press Ctrl+C (⌘C) to copy it.');
    }
  }
}
