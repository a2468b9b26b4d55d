// What the learner's actions do: playback, data choices and point editing, weight editing,
// divergence recovery, sharing and model files. Views call these; these change the store
// or talk to the worker, and explain themselves through notices.
import { FEATURES } from '../../ground/catalog.js';
import { boundsObject, fromEngineConfig, taskOf } from '../../ground/state.js';
import { addPoint, clearPoints, convertProblem, importCsv, removeNearest } from '../../ground/data-editing.js';
import { toCsv } from '../../ground/csv.js';
import { formatNumber } from '../../ground/validate.js';
import { RULES } from '../../ground/rules.js';
import { copyText, downloadBlob } from '../../export/index.js';

export class Actions {
  constructor({ store, update, client, notices, links }) {
    this.store = store;
    this.links = links;   // the page's LinkFormat
    this.update = update;
    this.client = client;
    this.notices = notices;
    this.sync = null;   // EngineSync, set by main.js
  }

  attach(views) {
    Object.assign(this, views);   // renderer, surface, weightEditor, diagram, dataPanel, playback
  }

  // ---- playback ----
  /** The worker or the engine cannot run (e.g. engine.wasm failed to load). */
  fatal({ message }) {
    this.failed = message.replace(/Build with .*$/, '').replace(/\s*$/, '');
    this.playback.setRunning(false);
    this.notices.show({ id: 'fatal', kind: 'error', title: 'The training engine stopped.',
      text: `${this.failed} Reload the page to try again; your settings are kept in the address.` });
  }

  canTrain() {
    if (this.failed) { this.fatal({ message: this.failed }); return false; }
    if (!this.sync?.empty) return true;
    this.notices.show({ id: 'no-data', kind: 'warning', text: 'There are no points to train on: click on the surface to add some, or choose a data set.' });
    return false;
  }
  play() {
    if (!this.canTrain()) return;
    this.client.play(this.store.read((s) => s.view.speed));
    this.playback.setRunning(true);
  }
  pause() {
    this.client.pause();
    this.playback.setRunning(false);
  }
  stepEpoch() { if (this.canTrain()) { this.client.stepEpoch(); this.playback.setRunning(false); } }
  stepBatch() { if (this.canTrain()) { this.client.stepBatch(); this.playback.setRunning(false); } }
  reset() {
    this.client.reset();
    this.playback.setRunning(false);
    this.notices.dismiss('diverged');
  }

  // ---- data ----
  selectDataset(entry) {
    this.update((d) => {
      d.data.kind = entry.kind;
      if (entry.classes) d.data.classes = entry.classes;
      d.data.custom = null;
    });
  }

  regenerate() {
    this.update((d) => { d.data.seed = (d.data.seed + 1) % (RULES.seed.max + 1); d.data.custom = null; });
  }

  setProblem(type) {
    const custom = this.store.read((s) => s.data.custom);
    const regression = type === 'regression';
    if (regression === (taskOf(this.store.state) === 'regression')) return;
    if (custom) {
      this.update((d) => { d.data.custom = convertProblem(d.data.custom, regression); });
      this.notices.show({ id: 'problem', kind: 'info', timeout: 10000, text: regression
        ? 'Your points now carry numbers: class c became a value from −1 to 1.'
        : 'Your points now carry classes: values above 0 became class 1, the others class 0.' });
    } else {
      this.update((d) => { d.data.kind = regression ? 'regression_plane' : 'circle'; });
    }
  }

  toggleFeature(id) {
    const features = this.store.read((s) => s.features);
    if (features.includes(id) && features.length === 1) {
      this.notices.show({ id: 'features', kind: 'warning', text: 'The network needs at least one input: add another before removing this one.', timeout: 8000 });
      return;
    }
    this.update((d) => {
      d.features = features.includes(id) ? features.filter((f) => f !== id) : FEATURES.map((f) => f.id).filter((f) => f === id || features.includes(f));
    });
  }

  /** What the page shows now: the data set and the drawing box (for turning it into custom points). */
  shown() {
    const custom = this.store.read((s) => s.data.custom);
    const bounds = custom ? boundsObject(custom.bounds) : this.renderer.structure?.bounds ?? { xMin: -6, xMax: 6, yMin: -6, yMax: 6 };
    return { data: this.sync.empty ? null : this.renderer.data, bounds };
  }

  surfaceClick(x, y, { shift, remove, pixelsPerUnit }) {
    const intent = this.dataPanel.clickIntent({ shift, remove });
    const shown = this.shown();
    let problem = null;
    if (intent.remove) {
      let removed = false;
      this.update((d) => { removed = removeNearest(d, shown, x, y, 12 / pixelsPerUnit); }, { keepNetwork: true });
      if (!removed) problem = 'No point is close enough to remove: click on a point.';
    } else {
      this.update((d) => { problem = addPoint(d, shown, x, y, intent.label); }, { keepNetwork: true });
    }
    if (problem) this.notices.show({ id: 'edit', kind: 'warning', text: problem, timeout: 5000 });
  }

  clearPoints() {
    this.pause();
    this.update((d) => clearPoints(d, this.shown()), { keepNetwork: true });
  }

  importCsv(text, source) {
    let result = null;
    this.update((d) => { result = importCsv(d, this.shown(), text); });
    const lines = result.errors.slice(0, 8).map((e) => `line ${e.line}: ${e.message}`);
    const more = result.errors.length > 8 ? ` …and ${result.errors.length - 8} more.` : '';
    if (result.imported === 0) {
      this.notices.show({ id: 'csv', kind: 'error', title: `No point could be read from ${source}.`,
        text: lines.length ? `${lines.join('; ')}.${more}` : 'It is empty. Each line needs x1,x2,label.' });
      return;
    }
    const skipped = result.errors.length;
    this.notices.show({ id: 'csv', kind: skipped ? 'warning' : 'info', timeout: skipped ? 0 : 6000,
      title: `Imported ${result.imported} point${result.imported === 1 ? '' : 's'} from ${source}.`,
      text: skipped ? `${skipped} row${skipped === 1 ? ' was' : 's were'} skipped — ${lines.join('; ')}.${more}` : 'Press Play to train on them.' });
  }

  exportCsv() {
    const custom = this.store.read((s) => s.data.custom);
    let points, labels;
    if (custom) ({ points, labels } = custom);
    else {
      const d = this.renderer.data;
      if (!d) return;
      points = Float32Array.from([...d.train.points, ...d.test.points]);
      labels = Float32Array.from([...d.train.labels, ...d.test.labels]);
    }
    downloadBlob('nnplay-data.csv', new Blob([toCsv(points, labels)], { type: 'text/csv' }));
  }

  // ---- weights ----
  editNeuron({ layer, unit, name }, anchor) {
    const s = this.renderer.structure;
    if (!s) return;
    this.pause();
    const l = s.neuronLayers[layer];
    const rows = [{ kind: 'bias', label: 'Bias', layer, neuron: unit, value: this.renderer.parameter(l.biasOffset + unit) }];
    for (let from = 0; from < l.inputs; from++) {
      rows.push({ kind: 'weight', label: `Weight from ${this.diagram.linkName({ layer, from, to: unit }).split(' → ')[0]}`, layer, from, to: unit,
        value: this.renderer.parameter(l.weightOffset + unit * l.inputs + from) });
    }
    this.weightEditor.open(`${name[0].toUpperCase()}${name.slice(1)}`, rows, anchor);
  }

  editLink({ layer, from, to }, anchor) {
    const s = this.renderer.structure;
    if (!s) return;
    this.pause();
    const l = s.neuronLayers[layer];
    this.weightEditor.open(`Weight ${this.diagram.linkName({ layer, from, to })}`,
      [{ kind: 'weight', label: 'Weight', layer, from, to, value: this.renderer.parameter(l.weightOffset + to * l.inputs + from) }], anchor);
  }

  applyWeights(changes) {
    for (const c of changes) {
      if (c.kind === 'bias') this.client.setBias(c.layer, c.neuron, c.value);
      else this.client.setWeight(c.layer, c.from, c.to, c.value);
    }
  }

  // ---- divergence ----
  diverged({ message, canRestore }) {
    this.playback.setRunning(false);
    const rate = this.store.read((s) => s.optimizer.learningRate);
    const lower = Number((rate / 10).toPrecision(1));
    const actions = [];
    if (canRestore) {
      actions.push({ label: 'Restore last good state', tip: 'Go back to the weights saved before the loss blew up', onClick: () => this.client.restore() });
      actions.push({ label: `Lower learning rate to ${lower} and restore`, tip: 'Divide the learning rate by 10, then restore the last good weights',
        onClick: () => { this.update((d) => { d.optimizer.learningRate = lower; }); this.client.restore(); } });
    }
    actions.push({ label: 'Reset network', tip: 'Start again from fresh weights', onClick: () => this.reset() });
    this.notices.show({ id: 'diverged', kind: 'error', title: 'Training diverged and was paused.', text: message, actions });
  }

  restored({ epoch }) {
    this.notices.show({ id: 'restored', kind: 'info', text: `Restored the weights saved at epoch ${epoch}.`, timeout: 6000 });
  }

  // ---- sharing and model files ----
  shareUrl() {
    return `${location.origin}${location.pathname}?${this.links.write(this.store.state)}`;
  }

  async share() {
    const url = this.shareUrl();
    const box = document.querySelector('#share-link');
    box.value = url;
    box.closest('.share-box').hidden = false;
    box.select();
    const copied = await copyText(url);
    document.querySelector('#share-status').textContent = copied
      ? 'Link copied to the clipboard.'
      : 'Copy this link (the clipboard is not available here).';
    if (url.length > 8000) {
      this.notices.show({ id: 'long-link', kind: 'warning', text: `The link is ${url.length} characters long because it carries your points; some apps cut long links. Export CSV keeps them safe.`, timeout: 10000 });
    }
  }

  downloadModel(text) {
    downloadBlob('nnplay-model.json', new Blob([text], { type: 'application/json' }));
  }

  loadModel(text, name) {
    this.modelName = name;
    this.client.loadModel(text);
  }

  /** The worker loaded a model: show its settings (without sending them back). */
  modelLoaded({ config, data, classes, epoch }) {
    try {
      const next = fromEngineConfig(config, this.store.state);
      if (config.data.source === 'custom') {
        const parts = [data.train, data.test];
        const points = Float32Array.from(parts.flatMap((p) => [...p.points]));
        const labels = Float32Array.from(parts.flatMap((p) => [...p.labels]));
        const b = this.renderer.structure?.bounds ?? { xMin: -6, xMax: 6, yMin: -6, yMax: 6 };
        next.data.custom = { points, labels, classes, bounds: [b.xMin, b.xMax, b.yMin, b.yMax] };
      }
      this.sync.adopt(next);
      this.notices.show({ id: 'model', kind: 'info', text: `Loaded ${this.modelName ?? 'the model'} (epoch ${formatNumber(epoch)}).`, timeout: 6000 });
    } catch (error) {
      this.notices.show({ id: 'model', kind: 'error', title: `The model ${this.modelName ?? ''} cannot be shown here:`, text: `${error.message}. The previous settings were restored.` });
      this.sync.resend();
    }
  }
}
