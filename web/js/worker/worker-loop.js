// What the Worker hosts share (training-host.js, compare/compare-host.js, mnist/mnist-host.js):
// waking up for the next training slice without starving incoming messages, the measured
// epochs per second, and answering the page's requests so that one that fails is reported
// instead of stopping the worker.

/**
 * Calls `tick` again later: after `delay` ms, or when delay ≤ 1 as a macrotask, so that the
 * page's messages already waiting are handled first. At most one call is pending.
 */
export class SliceTimer {
  #tick;
  #pending = null;   // a setTimeout id, or 'yield' while a channel message is on its way
  #channel = new MessageChannel();

  constructor(tick) {
    this.#tick = tick;
    this.#channel.port1.onmessage = () => this.#fire();
  }

  schedule(delay = 0) {
    if (this.#pending !== null) return;
    if (delay > 1) {
      this.#pending = setTimeout(() => this.#fire(), delay);
    } else {
      this.#pending = 'yield';
      this.#channel.port2.postMessage(0);
    }
  }

  #fire() {
    this.#pending = null;
    this.#tick();
  }
}

/** Epochs trained per second, measured over windows of more than `windowMs` (a steady readout). */
export class EpochRate {
  constructor(windowMs) {
    this.windowMs = windowMs;
    this.since = 0;
    this.epochs = 0;
    this.value = 0;     // the last measurement; kept while a new window fills
  }

  /** Training starts (again) at `epochs`: the next window begins now. */
  restart(now, epochs) {
    this.since = now;
    this.epochs = epochs;
  }

  /** A new value once the window is over. */
  update(now, epochs) {
    if (!(now - this.since > this.windowMs)) return;
    this.value = ((epochs - this.epochs) * 1000) / (now - this.since);
    this.since = now;
    this.epochs = epochs;
  }
}

/**
 * A Worker host's request handling. Subclasses implement handle(message) and flush() (send a
 * frame if one is due); post(message, transfer) sends to the page.
 */
export class WorkerHost {
  constructor(post) {
    this.post = post;   // (message, transfer) => void
  }

  /** Handles one request; one that throws is answered with an 'error' naming it. Then a frame, if due. */
  answer(message) {
    try {
      this.handle(message);
    } catch (error) {
      this.reportError(error, message.type);
    }
    this.flush();
  }

  reportError(error, request) {
    this.post({ type: 'error', request, name: error?.name ?? 'Error', message: error?.message ?? String(error) });
  }
}
