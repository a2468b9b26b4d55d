// The page's side of the real-data worker: commands out, events in (no DOM here).
// Requests that want one answer each (classify a drawing, decode a code) keep only the
// newest outstanding: while one is on its way, later ones replace each other, so a fast
// stroke never queues up work the worker would answer too late to matter.
import { TypedWorker } from './typed-worker.js';

export class MnistClient extends TypedWorker {
  #asks = new Map();   // kind → { busy, next, id }

  #loading = null;     // { resolve, reject, onProgress } while the worker downloads the images

  receive(message) {
    if (this.#loading && (message.type === 'loadProgress' || message.type === 'loaded' || (message.type === 'error' && message.request === 'load'))) {
      const loading = this.#loading;
      if (message.type === 'loadProgress') { loading.onProgress(message.fraction); return; }
      this.#loading = null;
      if (message.type === 'loaded') loading.resolve(message);
      else loading.reject(new Error(message.message));
      return;
    }
    const kind = message.type === 'error' ? message.request : { prediction: 'predict', decoded: 'decode', decodedGrid: 'decodeGrid' }[message.type];
    if (kind) this.#answered(kind);
    super.receive(message);
  }

  // Sends now if nothing of this kind is outstanding, else keeps it as the next one.
  #ask(kind, message, transfer = []) {
    const a = this.#asks.get(kind) ?? { busy: false, next: null, id: 0 };
    this.#asks.set(kind, a);
    message.id = ++a.id;
    if (a.busy) { a.next = { message, transfer }; return; }
    a.busy = true;
    this.send(message, transfer);
  }

  #answered(kind) {
    const a = this.#asks.get(kind);
    if (!a) return;
    a.busy = false;
    if (a.next) {
      const { message, transfer } = a.next;
      a.next = null;
      a.busy = true;
      this.send(message, transfer);
    }
  }

  /**
   * The worker downloads the images from data/ under `base` and keeps them; resolves with what
   * the page shows ({classes, licence, source, train: {count}, test: {images, labels, count}}).
   */
  load(base, onProgress = () => {}) {
    return new Promise((resolve, reject) => {
      this.#loading = { resolve, reject, onProgress };
      this.send({ type: 'load', base: String(base) });
    });
  }

  /** The images (copied to the worker; the page keeps its own): the single-file build's inline data. */
  data(set) {
    const part = (p) => ({ images: p.images.slice(), labels: p.labels.slice(), count: p.count });
    const train = part(set.train), test = part(set.test);
    this.send({ type: 'data', train, test }, [train.images.buffer, train.labels.buffer, test.images.buffer, test.labels.buffer]);
  }

  open(view, settings, architecture) { this.send({ type: 'open', view, settings, architecture }); }
  /** New classifier layers (image-architecture.js); 'opened' answers, or an 'error' for request 'architecture'. */
  architecture(layers) { this.send({ type: 'architecture', architecture: layers }); }
  settings(settings) { this.send({ type: 'settings', settings }); }
  play() { this.send({ type: 'play' }); }
  pause() { this.send({ type: 'pause' }); }
  stepEpoch() { this.send({ type: 'stepEpoch' }); }
  stepBatch() { this.send({ type: 'stepBatch' }); }
  reset() { this.send({ type: 'reset' }); }
  /** The classifier's rewind timeline (timeline-host.js): 'view' {index} | 'present' | 'continue' | 'undo'. */
  timeline(command, data = {}) { this.send({ ...data, type: 'timeline', command }); }
  pairs(indices) { this.send({ type: 'pairs', indices }); }
  ack() { this.send({ type: 'ack' }); }
  /** purpose 'download' (a model file) or 'keras' / 'pytorch' (a script); the answer says which. */
  saveModel(purpose = 'download') { this.send({ type: 'saveModel', purpose }); }
  loadModel(text, name) { this.send({ type: 'loadModel', text, name }); }
  /** pixels: 784 values in [0, 1]. */
  predict(pixels) { const copy = Float32Array.from(pixels); this.#ask('predict', { type: 'predict', pixels: copy }, [copy.buffer]); }
  decode(x, y) { this.#ask('decode', { type: 'decode', x, y }); }
  decodeGrid(bounds, resolution) { this.#ask('decodeGrid', { type: 'decodeGrid', bounds, resolution }); }
}
