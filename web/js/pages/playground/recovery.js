// The learner's work is never lost. While the playground trains, its model file (the engine's
// JSON: configuration, weights, epoch, history) and its address are saved on this computer
// (IndexedDB, ground/autosave-store.js) every few seconds and whenever the tab is hidden.
// After a reload the page restores that network (when the address asks for the same
// configuration, or for none) and says so, with a Discard button. If the training worker
// crashes or stops answering, or the engine stops, the page reloads itself once and restores
// the same way. Lessons, compare mode and embedded frames have their own state and are left out.
import { AutosaveStore } from '../../ground/autosave-store.js';

const KEY = 'playground';
const RECORD_VERSION = 1;
const SAVE_EVERY_MS = 3000;      // at most this much training is lost
const PING_EVERY_MS = 1000;
const SILENT_WORKER_MS = 12000;  // a visible page's worker that has not answered this long is dead
const RELOAD_GUARD_MS = 30000;   // a second crash this soon after a recovery is shown, not reloaded
const FLAG = 'nnplay-recovery';  // sessionStorage: why the page reloaded itself

export class Recovery {
  /**
   * @param {{enabled: boolean, store, update, client, notices, links, actions, storage?: AutosaveStore}} deps
   */
  constructor({ enabled, store, update, client, notices, links, actions, storage = new AutosaveStore() }) {
    Object.assign(this, { enabled, store, update, client, notices, links, actions, storage });
    this.ready = false;           // saving starts once the saved record has been looked at
    this.last = null;             // {running, epoch, step} of the newest frame
    this.saved = null;            // {epoch, step, savedAt} of the newest record written
    this.restoredFrom = null;     // the record the page restored, for the notice and the tests
    this.restoring = null;
    this.waiters = [];            // saveNow() promises
    this.asked = false;           // a model was requested and has not arrived
    this.lastPong = 0;
    this.reloading = false;
    // Loading a model file of many megabytes keeps the worker busy for seconds: no pong is
    // expected until it is done, so the watchdog holds off until a ping sent after the load
    // request is answered.
    this.pings = 0;
    this.loadingAfterPing = -1;   // ≥ 0 while a model loads: the last ping sent before it
    const loadModel = client.loadModel.bind(client);
    client.loadModel = (text) => { this.loadingAfterPing = this.pings; loadModel(text); };
  }

  /** Reads the saved record and restores it when it belongs here; then starts saving. */
  async start() {
    if (!this.enabled) return;
    const flag = takeFlag();
    const record = await this.storage.read(KEY);
    const usable = record?.version === RECORD_VERSION && typeof record.model === 'string' && typeof record.query === 'string';
    const addressQuery = new URLSearchParams(location.search).toString();
    const sameConfiguration = usable && (addressQuery === '' || this.links.write(this.store.state) === record.query);
    if (usable && (flag || sameConfiguration)) this.restore(record, flag?.reason);
    else if (usable) this.offer(record);
    else if (flag) this.notices.show({ id: 'recovered', kind: 'warning', text: `${flag.reason} The page was reloaded; your settings were kept.` });
    this.ready = true;
    setInterval(() => this.tick(), PING_EVERY_MS);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.save();
      else this.lastPong = performance.now();   // a hidden tab's worker may have been throttled
    });
    window.addEventListener('pagehide', () => this.save());
  }

  restore(record, reason) {
    const { state } = this.links.read(`?${record.query}`);
    const restoring = { ...record, reason };
    this.restoring = restoring;
    this.update((d) => { Object.assign(d, state); });
    this.client.loadModel(record.model);
    // A record the engine refuses (the engine says why) must not stop the saving for good.
    setTimeout(() => { if (this.restoring === restoring) this.restoring = null; }, 10000);
  }

  /** The address asks for another configuration: the saved network waits behind a button. */
  offer(record) {
    this.notices.show({ id: 'recovered', kind: 'info', text: `Your network from ${clock(record.savedAt)} (epoch ${record.epoch}) is saved on this computer.`,
      actions: [{ label: 'Restore it', tip: 'Replace the network in this link by the one saved on this computer', onClick: () => this.restore(record) }] });
  }

  /** The worker loaded a model (main.js forwards 'loaded'); a restore says so. */
  loaded() {
    const record = this.restoring;
    if (!record) return;
    this.restoring = null;
    this.restoredFrom = { epoch: record.epoch, step: record.step, savedAt: record.savedAt };
    this.saved = { ...this.restoredFrom };
    this.notices.dismiss('model');
    this.notices.show({ id: 'recovered', kind: record.reason ? 'warning' : 'info',
      text: `${record.reason ? `${record.reason} ` : ''}Restored your network from ${clock(record.savedAt)} (epoch ${record.epoch}).`,
      actions: [{ label: 'Discard', tip: 'Forget the saved network and start again from fresh weights with these settings', onClick: () => this.discard() }] });
  }

  async discard() {
    this.notices.dismiss('recovered');
    this.saved = null;
    await this.storage.remove(KEY);
    this.actions.reset();
  }

  /** Every frame from the worker (main.js forwards them). */
  frame(frame) {
    this.last = { running: frame.running, epoch: frame.epoch, step: frame.step };
    if (!this.lastPong) this.lastPong = performance.now();   // the worker is up: watch it from now on
  }

  tick() {
    if (this.reloading) return;
    // A main thread that was itself busy (a 10 MB CSV being read) could not hear the pongs: the
    // worker gets a fresh allowance rather than the blame.
    const now = performance.now();
    if (now - (this.lastTickAt ?? now) > 3 * PING_EVERY_MS && this.lastPong) this.lastPong = now;
    this.lastTickAt = now;
    if (this.lastPong && document.visibilityState === 'visible') {
      if (this.loadingAfterPing < 0 && performance.now() - this.lastPong > SILENT_WORKER_MS) {
        this.crashed('The training worker stopped answering.');
        return;
      }
      this.pings += 1;
      this.client.send({ type: 'ping', id: this.pings });
    }
    if (this.ready && this.last && performance.now() - (this.lastSaveAt ?? 0) >= (this.saveEvery ?? SAVE_EVERY_MS)) this.save();
  }

  pong({ id }) {
    this.lastPong = performance.now();
    if (id > this.loadingAfterPing) this.loadingAfterPing = -1;
  }

  /** Asks the worker for its model when something changed since the last save. */
  save() {
    if (!this.enabled || !this.ready || this.asked || this.restoring || !this.last || this.reloading) return;
    this.lastSaveAt = performance.now();
    if (this.last.step === 0) {
      // A fresh network (new settings, Reset): nothing to lose, and an older network must not come back.
      if (this.saved) { this.saved = null; this.storage.remove(KEY); }
      this.settle();
      return;
    }
    if (this.saved?.step === this.last.step && this.saved?.epoch === this.last.epoch) { this.settle(); return; }
    this.asked = true;
    this.client.saveModel('autosave');
  }

  /** A model file from the worker; true when it was the autosave's (not a download). */
  model(m) {
    if (m.purpose !== 'autosave') return false;
    this.asked = false;
    const record = { version: RECORD_VERSION, savedAt: Date.now(), epoch: m.epoch, step: m.step, query: this.links.write(this.store.state), model: m.text };
    // The model file carries the whole history: a long run's file is megabytes, so it is saved
    // less often (10 s per MB) rather than every few seconds.
    this.saveEvery = Math.max(SAVE_EVERY_MS, m.text.length / 100);
    this.storage.write(KEY, record).then((written) => {
      if (written) this.saved = { epoch: record.epoch, step: record.step, savedAt: record.savedAt };
      this.settle();
    });
    return true;
  }

  /** For tests and authors: saves now; resolves to what is saved. */
  saveNow() {
    const done = new Promise((resolve) => this.waiters.push(resolve));
    this.lastSaveAt = 0;
    this.save();
    return done;
  }

  settle() {
    for (const resolve of this.waiters.splice(0)) resolve(this.saved);
  }

  /**
   * The worker crashed, stopped answering or the engine stopped. Reloads the page (which
   * restores the last save) unless the engine never ran or a recovery just happened.
   * @returns {boolean} true when the page is reloading (no other message is needed)
   */
  crashed(reason) {
    if (!this.enabled || !this.lastPong || this.reloading) return false;
    const previous = Number(sessionStorage.getItem(`${FLAG}-at`) ?? 0);
    if (Date.now() - previous < RELOAD_GUARD_MS) return false;
    this.reloading = true;
    try {
      sessionStorage.setItem(`${FLAG}-at`, String(Date.now()));
      sessionStorage.setItem(FLAG, JSON.stringify({ reason }));
    } catch {
      // No session storage: the reload still restores when the address matches.
    }
    this.client.terminate();
    location.reload();
    return true;
  }

  /** What the tests read (window.nnplay.autosave). */
  get report() {
    return { enabled: this.enabled, saved: this.saved, restoredFrom: this.restoredFrom, saveNow: () => this.saveNow() };
  }
}

/** The reason of the recovery reload that just happened, or null (read once). */
function takeFlag() {
  try {
    const text = sessionStorage.getItem(FLAG);
    sessionStorage.removeItem(FLAG);
    const flag = text ? JSON.parse(text) : null;
    return flag && typeof flag.reason === 'string' ? flag : null;
  } catch {
    return null;
  }
}

/** "14:02" in the learner's own clock. */
function clock(time) {
  return new Date(time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
