// The postMessage API for a page that embeds nnplay in an iframe (docs/embed.md).
// Commands from the host: nnplay:play, nnplay:pause, nnplay:step-epoch, nnplay:step-batch,
// nnplay:reset, nnplay:load-config, nnplay:get-state. Events to the host: nnplay:ready,
// nnplay:epoch (at most EPOCH_HZ a second, the last one always sent), nnplay:state,
// nnplay:error. Every incoming message is checked; a malformed one gets an nnplay:error reply
// and changes nothing. Only the parent window is obeyed, and only when its origin is one the
// embed address allows (origins=…; by default the embedding parent's own origin, see
// allowedHostOrigins). Messages from anywhere else are ignored without a reply. Every message
// that is ignored or refused is counted and logged with its reason (console.warn), so an
// author sees why the playground does not obey. No message is ever evaluated as code.
import { SPEEDS } from '../ground/catalog.js';
import { fromEngineConfig, toEngineConfig } from '../ground/state.js';

export const API_VERSION = 1;
const EPOCH_HZ = 10;
const STATE_DEBOUNCE_MS = 250;
const MAX_QUERY = 200000;
const KEPT_REASONS = 20;         // the newest reasons kept for the report
/** Keys a configuration patch may not carry (they would reach an object's prototype). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The origins whose commands the playground obeys: those the embed address lists (origins=),
 * else the embedding parent's origin as the browser reports it (location.ancestorOrigins,
 * else document.referrer), else none. The parent's origin is a safe default: a page that
 * frames the playground can only drive its own copy of it.
 * @param {string[]|null} listed from readEmbedOptions
 * @returns {{allowed: string[], parent: string|null, from: 'link'|'parent'|'none'}}
 */
export function allowedHostOrigins(listed, where = globalThis.location, referrer = globalThis.document?.referrer) {
  let parent = null;
  if (where?.ancestorOrigins?.length) parent = where.ancestorOrigins[0];
  else if (referrer) {
    try { parent = new URL(referrer).origin; } catch { parent = null; }
  }
  if (listed) return { allowed: listed, parent, from: 'link' };
  return parent ? { allowed: [parent], parent, from: 'parent' } : { allowed: [], parent, from: 'none' };
}

/** Each command: the fields it accepts besides type and id. */
const COMMANDS = {
  'nnplay:play': ['speed'],
  'nnplay:pause': [],
  'nnplay:step-epoch': [],
  'nnplay:step-batch': [],
  'nnplay:reset': [],
  'nnplay:load-config': ['query', 'config'],
  'nnplay:get-state': [],
};

export class HostApi {
  /**
   * @param {{host: Window, origins: ReturnType<typeof allowedHostOrigins>, store, update, actions, links}} deps
   *   host: the window to talk to (window.parent); origins: whose commands are obeyed
   */
  constructor({ host, origins, store, update, actions, links }) {
    this.links = links;   // the page's LinkFormat
    this.host = host;
    this.origins = origins;
    // Where unsolicited events go: the parent's origin when it is allowed, else the one allowed
    // origin, else (several, parent unknown) each allowed origin until a command shows which.
    const { allowed, parent } = origins;
    this.eventTargets = allowed.includes(parent) ? [parent] : allowed;
    /** Messages ignored or refused, for tests and authors: {count, reasons (newest last)}. */
    this.report = { ignored: 0, reasons: [], allowed: [...allowed], from: origins.from };
    this.store = store;
    this.update = update;
    this.actions = actions;
    this.latest = null;        // the last frame from the worker
    this.ready = false;
    this.engine = null;        // {version, simd}
    this.lastEpochSent = { at: -Infinity, step: -1, running: null };
    this.epochTimer = 0;
    this.stateTimer = 0;
    window.addEventListener('message', (event) => this.receive(event));
    store.subscribe(() => {
      if (!this.ready) return;
      clearTimeout(this.stateTimer);
      this.stateTimer = setTimeout(() => this.send(this.stateMessage()), STATE_DEBOUNCE_MS);
    });
  }

  // ---- events to the host ----
  /** Unsolicited events go only to the allowed host origins ("*" for a host opened from a file). */
  send(message) {
    for (const target of this.eventTargets) {
      try {
        this.host.postMessage(message, target === 'null' ? '*' : target);
      } catch {
        // A host that navigated away or a closed frame: nothing to tell.
      }
    }
  }

  /** Counts and logs a message that was not obeyed. */
  ignore(reason) {
    this.report.ignored += 1;
    this.report.reasons.push(reason);
    if (this.report.reasons.length > KEPT_REASONS) this.report.reasons.shift();
    console.warn(`nnplay embed: a message was ignored: ${reason}`);
  }

  engineReady(info) { this.engine = info; }

  /** Every frame from the training worker. */
  frame(frame) {
    this.latest = frame;
    if (!this.ready) {
      this.ready = true;
      this.send({ type: 'nnplay:ready', apiVersion: API_VERSION, engine: this.engine?.version ?? null, ...this.stateFields() });
    }
    if (frame.step === this.lastEpochSent.step && frame.running === this.lastEpochSent.running) return;
    const wait = this.lastEpochSent.at + 1000 / EPOCH_HZ - performance.now();
    if (wait <= 0 || !frame.running) this.sendEpoch();
    else if (!this.epochTimer) this.epochTimer = setTimeout(() => this.sendEpoch(), wait);
  }

  sendEpoch() {
    clearTimeout(this.epochTimer);
    this.epochTimer = 0;
    const f = this.latest;
    if (!f) return;
    this.lastEpochSent = { at: performance.now(), step: f.step, running: f.running };
    this.send({ type: 'nnplay:epoch', ...metricsOf(f) });
  }

  /** A problem the learner also sees (divergence, an engine that stopped). */
  problem(code, message) {
    this.send({ type: 'nnplay:error', code, message });
  }

  stateFields() {
    const s = this.store.state;
    return {
      query: this.links.write(s),
      config: toEngineConfig(s),
      running: Boolean(this.latest?.running),
      ...(this.latest ? metricsOf(this.latest) : { epoch: 0, step: 0 }),
    };
  }

  stateMessage(replyTo) {
    return { type: 'nnplay:state', ...(replyTo !== undefined ? { replyTo } : {}), ...this.stateFields() };
  }

  // ---- commands from the host ----
  receive(event) {
    if (event.source !== this.host) {
      this.ignore(`it came from ${event.source ? 'another window or frame' : 'no window'} (${event.origin || 'unknown origin'}), not from the page that embeds the playground.`);
      return;
    }
    if (!this.origins.allowed.includes(event.origin)) {
      const allowed = this.origins.allowed;
      this.ignore(`its origin ${event.origin} is not allowed; ${allowed.length ? `the embed address allows ${allowed.join(', ')}` : 'no host origin is known'} (add origins=… to the embed address, docs/embed.md).`);
      return;
    }
    if (this.eventTargets.length > 1) this.eventTargets = [event.origin];   // now we know the host
    const reply = (message) => {
      try {
        event.source.postMessage(message, event.origin === 'null' ? '*' : event.origin);
      } catch {
        // The host went away.
      }
    };
    const data = event.data;
    const id = isObject(data) && (typeof data.id === 'string' || typeof data.id === 'number') ? data.id : undefined;
    const fail = (code, message) => reply({ type: 'nnplay:error', code, message, ...(id !== undefined ? { replyTo: id } : {}) });
    try {
      const problem = this.check(data);
      if (problem) { this.ignore(problem); fail('malformed', problem); return; }
      this.run(data, id, reply, fail);
    } catch (error) {
      fail('failed', `${data?.type ?? 'The message'} failed: ${error?.message ?? error}`);
    }
  }

  /** Why a message cannot be obeyed, or null. */
  check(data) {
    if (!isObject(data)) return `A message must be an object such as {type: "nnplay:play"}, got ${describe(data)}.`;
    if (typeof data.type !== 'string') return 'A message needs a "type" string such as "nnplay:play".';
    if (!(data.type in COMMANDS)) {
      return `"${data.type.slice(0, 60)}" is not a command; use one of ${Object.keys(COMMANDS).join(', ')}.`;
    }
    if (data.id !== undefined && typeof data.id !== 'string' && typeof data.id !== 'number') return '"id" must be a string or a number.';
    const allowed = COMMANDS[data.type];
    const extra = Object.keys(data).filter((k) => k !== 'type' && k !== 'id' && !allowed.includes(k));
    if (extra.length) {
      return `${data.type} does not take ${extra.map((k) => `"${k}"`).join(', ')}${allowed.length ? `; it takes ${allowed.map((k) => `"${k}"`).join(', ')}` : ''}.`;
    }
    if (data.type === 'nnplay:play' && data.speed !== undefined && speedOf(data.speed) === undefined) {
      return `nnplay:play: speed ${describe(data.speed)} is not one of ${SPEEDS.map((v) => (v === Infinity ? '"max"' : v)).join(', ')} (epochs per second).`;
    }
    if (data.type === 'nnplay:load-config') {
      const has = ['query', 'config'].filter((k) => data[k] !== undefined);
      if (has.length !== 1) return 'nnplay:load-config needs exactly one of "query" (a playground link or its ?… part) or "config" (an engine configuration object).';
      if (data.query !== undefined && (typeof data.query !== 'string' || data.query.length > MAX_QUERY)) return 'nnplay:load-config: "query" must be a string (a link or its ?… part).';
      if (data.config !== undefined && !isObject(data.config)) return `nnplay:load-config: "config" must be an object, got ${describe(data.config)}.`;
      const forbidden = data.config !== undefined && forbiddenKey(data.config);
      if (forbidden) return `nnplay:load-config: "config" may not contain the key "${forbidden}".`;
    }
    return null;
  }

  run(data, id, reply, fail) {
    const a = this.actions;
    switch (data.type) {
      case 'nnplay:play': {
        const speed = speedOf(data.speed);
        if (speed !== undefined) this.update((d) => { d.view.speed = speed; });
        a.play();
        return;
      }
      case 'nnplay:pause': a.pause(); return;
      case 'nnplay:step-epoch': a.stepEpoch(); return;
      case 'nnplay:step-batch': a.stepBatch(); return;
      case 'nnplay:reset': a.reset(); return;
      case 'nnplay:get-state': reply(this.stateMessage(id)); return;
      case 'nnplay:load-config': {
        const problem = this.loadConfig(data);
        if (problem) { fail('invalid-config', problem); return; }
        reply(this.stateMessage(id));
        return;
      }
      default: fail('malformed', `"${data.type}" is not a command.`);
    }
  }

  /** Applies a configuration (all or nothing); returns what was wrong, or null. */
  loadConfig({ query, config }) {
    let next;
    if (query !== undefined) {
      const search = query.includes('?') ? query.slice(query.indexOf('?')) : query;
      const { state, notices } = this.links.read(search);
      if (notices.length) return `The configuration was not loaded: ${notices.join(' ')}`;
      next = state;
    } else {
      try {
        const current = this.store.state;
        if (config.data?.source === 'custom') return 'The configuration was not loaded: custom points travel in a "query" (a link made with Share), not in a config.';
        next = fromEngineConfig(mergeDeep(toEngineConfig(current), config), current);
        // A patch without data keeps the learner's own points.
        if (config.data === undefined && current.data.custom) next.data.custom = current.data.custom;
      } catch (error) {
        return `The configuration was not loaded: ${error.message}.`;
      }
    }
    this.update((d) => { Object.assign(d, next); });
    return null;
  }
}

function metricsOf(frame) {
  const m = frame.metrics ?? {};
  return {
    epoch: frame.epoch,
    step: frame.step,
    trainLoss: m.trainLoss ?? null,
    testLoss: m.testLoss ?? null,
    trainAccuracy: m.trainAccuracy ?? null,
    testAccuracy: m.testAccuracy ?? null,
    running: Boolean(frame.running),
  };
}

function speedOf(value) {
  if (value === undefined) return undefined;
  if (value === 'max') return Infinity;
  return typeof value === 'number' && SPEEDS.includes(value) ? value : undefined;
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string "${v.slice(0, 40)}"`;
  return `${typeof v === 'object' ? 'an object' : `${typeof v} ${String(v).slice(0, 40)}`}`;
}

/** The first key anywhere in `value` that could reach a prototype, or null (depth-limited). */
function forbiddenKey(value, depth = 0) {
  if (value === null || typeof value !== 'object' || depth > 20) return null;
  for (const [k, v] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(k)) return k;
    const inner = forbiddenKey(v, depth + 1);
    if (inner) return inner;
  }
  return null;
}

/** patch over base; arrays and non-objects in patch replace what base has. */
function mergeDeep(base, patch) {
  if (!isObject(base) || !isObject(patch)) return patch;
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = isObject(v) && isObject(base[k]) ? mergeDeep(base[k], v) : v;
  return out;
}
