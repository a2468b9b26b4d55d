// Keeps the worker's session in step with the page state: every change of a setting that
// the engine uses is sent as a whole configuration (the engine decides what it rebuilds);
// custom points are sent only when they changed. If the engine refuses a configuration,
// the page returns to the last one it accepted and says why.
import { cloneState, defaultState, toEngineConfig, boundsObject } from '../../ground/state.js';

export class EngineSync {
  constructor({ store, client, notices, resolution, onEmptyData }) {
    this.store = store;
    this.client = client;
    this.notices = notices;
    this.resolution = resolution;
    this.onEmptyData = onEmptyData;  // (empty: boolean) => void
    this.inFlight = [];
    this.lastGood = null;
    this.sentSignature = null;
    this.sentBounds = null;
    this.empty = false;
  }

  start() {
    const s = this.store.state;
    const custom = usable(s.data.custom);
    this.sentSignature = signature(custom);
    this.sentBounds = custom ? custom.bounds.join(',') : null;
    this.empty = Boolean(s.data.custom && !custom);
    this.client.init(toEngineConfig({ ...s, data: { ...s.data, custom } }), custom, {
      resolution: this.resolution, bounds: custom ? boundsObject(custom.bounds) : null,
    });
    this.inFlight.push(cloneState(s));
    this.store.subscribe((state, changed, options) => this.changed(state, changed, options));
  }

  /** Shows a state the engine already runs (a loaded model) without sending it back. */
  adopt(state) {
    const custom = usable(state.data.custom);
    this.sentSignature = signature(custom);
    this.sentBounds = custom ? custom.bounds.join(',') : null;
    this.client.setView(this.resolution, custom ? boundsObject(custom.bounds) : null);
    this.lastGood = cloneState(state);
    this.store.replace(state, { fromEngine: true });
  }

  /** Sends the page's settings again (after the engine loaded something the page cannot show). */
  resend() {
    this.sentSignature = null;
    this.store.replace(this.lastGood ?? this.store.state, {});
  }

  changed(state, changed, options) {
    if (options.fromEngine) return;
    if (changed.has('view') && state.view.speed !== this.speed) {
      this.speed = state.view.speed;
      this.client.setSpeed(state.view.speed);
    }
    if ([...changed].every((k) => k === 'view')) return;
    const custom = usable(state.data.custom);
    const empty = Boolean(state.data.custom && !custom);
    if (empty !== this.empty) { this.empty = empty; this.onEmptyData?.(empty); }
    if (empty) return;   // nothing to train on yet: the engine keeps its data until points arrive
    const bounds = custom ? custom.bounds.join(',') : null;
    if (bounds !== this.sentBounds) {
      this.sentBounds = bounds;
      this.client.setView(this.resolution, custom ? boundsObject(custom.bounds) : null);
    }
    const sig = signature(custom);
    const send = sig !== this.sentSignature && custom ? custom : null;
    this.sentSignature = sig;
    this.client.configure(toEngineConfig(state), send, Boolean(options.keepNetwork));
    this.inFlight.push(cloneState(state));
  }

  /** The worker applied a configuration. */
  configured() {
    this.lastGood = this.inFlight.shift() ?? this.lastGood;
  }

  /** The worker reported an error (m.request names what it was doing). */
  failed(m) {
    const text = m.message;
    if (m.request === 'configure' || m.request === 'init') {
      this.inFlight.shift();
      this.notices.show({ id: 'config-error', kind: 'error', title: 'These settings could not be applied:', text: `${text} The previous settings are still in use.` });
      // Back to what the engine runs: the last accepted settings (or, at start, its defaults).
      this.inFlight = [];
      this.sentSignature = null;   // resend points with the restored settings
      this.store.replace(this.lastGood ?? defaultState(), { revert: true });
      return;
    }
    if (m.request === 'loadModel') {
      // The engine prefixes "model file:"; the title already says so.
      let detail = text.replace(/^model file:\s*/, '').replace(/\.$/, '');
      if (/not valid JSON|not an nnplay model/.test(detail)) detail += ' (Load model expects a .json file made with Save model)';
      this.notices.show({ id: 'model', kind: 'error', title: 'The model file could not be loaded:', text: `${detail}. Nothing was changed.` });
      return;
    }
    this.notices.show({ id: `error-${m.request}`, kind: 'error', title: 'Something went wrong:', text });
  }
}

function usable(custom) {
  return custom && custom.labels.length > 0 ? custom : null;
}

/** A cheap fingerprint of custom points (they are at most a few thousand). */
function signature(custom) {
  if (!custom) return null;
  let h = custom.classes * 31 + custom.labels.length;
  for (let i = 0; i < custom.points.length; i++) h = (h * 33 + Math.round(custom.points[i] * 1e4)) | 0;
  for (let i = 0; i < custom.labels.length; i++) h = (h * 33 + Math.round(custom.labels[i] * 1e4)) | 0;
  return `${custom.labels.length}:${h}:${custom.bounds.join(',')}`;
}
