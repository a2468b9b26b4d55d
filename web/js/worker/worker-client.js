// The page's side of the training worker: typed commands out, events in. Nothing here
// touches the DOM; main.js connects the events to the views.
import { TypedWorker } from './typed-worker.js';

export class WorkerClient extends TypedWorker {
  init(config, custom, view) { this.send({ type: 'init', config, custom: copyCustom(custom), view }); }
  configure(config, custom = null, keepNetwork = false) {
    this.send({ type: 'configure', config, custom: copyCustom(custom), keepNetwork });
  }
  setView(resolution, bounds) { this.send({ type: 'view', resolution, bounds }); }
  play(speed) { this.send({ type: 'play', speed }); }
  pause() { this.send({ type: 'pause' }); }
  setSpeed(speed) { this.send({ type: 'speed', speed }); }
  stepEpoch() { this.send({ type: 'stepEpoch' }); }
  stepBatch() { this.send({ type: 'stepBatch' }); }
  reset() { this.send({ type: 'reset' }); }
  restore() { this.send({ type: 'restore' }); }
  setWeight(layer, from, to, value) { this.send({ type: 'setWeight', layer, from, to, value }); }
  setBias(layer, neuron, value) { this.send({ type: 'setBias', layer, neuron, value }); }
  ack() { this.send({ type: 'ack' }); }
  /** The training monitor's conditions (training-monitor.js validateConditions). */
  setStopConditions(conditions) { this.send({ type: 'stopConditions', conditions }); }
  thumbnails(items) { this.send({ type: 'thumbnails', items }); }
  /** purpose 'autosave' marks the reply for the page's autosave instead of a download. */
  saveModel(purpose = 'download') { this.send({ type: 'saveModel', purpose }); }
  loadModel(text) { this.send({ type: 'loadModel', text }); }
  /** Compare mode (web/js/compare/compare-host.js): command 'setup' | 'play' | 'pause' | … */
  compare(command, data = {}) { this.send({ ...data, type: 'compare', command }); }
  /** The backprop view and step-through (web/js/worker/insight-host.js): 'view' | 'trace' | 'checkGradients' */
  insight(command, data = {}) { this.send({ ...data, type: 'insight', command }); }
  /** The rewind timeline (web/js/worker/timeline-host.js): 'view' {index} | 'present' | 'continue' | 'undo' */
  timeline(command, data = {}) { this.send({ ...data, type: 'timeline', command }); }
}

/** The engine's setData shape ({points, labels, dims, classes}) from the page's custom data. */
function copyCustom(custom) {
  if (!custom) return null;
  return { points: custom.points.slice(), labels: custom.labels.slice(), dims: 2, classes: custom.classes };
}
