// The learner's work on this computer: one record per key in IndexedDB (database "nnplay",
// object store "autosave"). A browser without IndexedDB (some private modes, a file:// page
// in some browsers) or a full disk makes every call a no-op that resolves to null/false:
// autosave is a safety net, never a reason for the page to fail.

const DATABASE = 'nnplay';
const STORE = 'autosave';
const VERSION = 1;

export class AutosaveStore {
  #db = null;       // a Promise of the IDBDatabase (or null when unavailable)

  /** @param {IDBFactory|undefined} factory globalThis.indexedDB by default (tests may pass another) */
  constructor(factory = globalThis.indexedDB) {
    this.factory = factory;
  }

  #open() {
    this.#db ??= new Promise((resolve) => {
      if (!this.factory) { resolve(null); return; }
      let request;
      try {
        request = this.factory.open(DATABASE, VERSION);
      } catch {
        resolve(null);
        return;
      }
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    });
    return this.#db;
  }

  /** Runs one request in a transaction; resolves to its result, or `fallback` on any failure. */
  async #run(mode, makeRequest, fallback) {
    const db = await this.#open();
    if (!db) return fallback;
    return new Promise((resolve) => {
      try {
        const tx = db.transaction(STORE, mode);
        const request = makeRequest(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(mode === 'readonly' ? request.result ?? null : true);
        tx.onerror = () => resolve(fallback);
        tx.onabort = () => resolve(fallback);
      } catch {
        resolve(fallback);
      }
    });
  }

  /** The record saved under `key`, or null. */
  read(key) { return this.#run('readonly', (s) => s.get(key), null); }

  /** Saves `record` (a structured-cloneable object) under `key`; true when it was written. */
  write(key, record) { return this.#run('readwrite', (s) => s.put(record, key), false); }

  /** Forgets `key`; true when done. */
  remove(key) { return this.#run('readwrite', (s) => s.delete(key), false); }
}
