// The one configuration object and who listens to it. Views change it only through
// update(), which reports which sections changed so each listener does only its own work
// (a view re-syncs its controls, the URL is rewritten, the worker gets the new config).
import { cloneState } from './state.js';

export class Store {
  #state;
  #listeners = new Set();

  constructor(initial) {
    this.#state = cloneState(initial);
  }

  /** A read-only snapshot (a copy: mutating it changes nothing). */
  get state() {
    return cloneState(this.#state);
  }

  /** Cheap read of one value without copying the whole state. */
  read(selector) {
    return selector(this.#state);
  }

  /**
   * mutate(draft) edits a copy; listeners hear about the sections that changed.
   * options.source names the control that made the change (it need not re-sync itself).
   */
  update(mutate, options = {}) {
    const draft = cloneState(this.#state);
    mutate(draft);
    const changed = new Set();
    for (const key of Object.keys(draft)) {
      if (!sameValue(draft[key], this.#state[key])) changed.add(key);
    }
    if (changed.size === 0) return changed;
    this.#state = draft;
    for (const listener of this.#listeners) listener(this.#state, changed, options);
    return changed;
  }

  /** Replace everything (a link or a loaded model). */
  replace(next, options = {}) {
    const changed = new Set(Object.keys(next));
    this.#state = cloneState(next);
    for (const listener of this.#listeners) listener(this.#state, changed, options);
  }

  subscribe(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

function sameValue(a, b) {
  if (a === b) return true;
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue(a[k], b[k]));
}
