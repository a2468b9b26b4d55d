// The Play loop of a Worker that streams frames (the GAN and sequence workers): it trains in
// slices of about `sliceMs` of engine time, paced to `speed` steps per second, and posts one
// frame after each slice. It stops by itself at `until` steps or when training throws.
//
// At most one timer is pending, so a quick Pause then Play never runs two loops side by side.
// `command` is the number of the last play or pause handled; frames carry it back to the page
// (play-client.js explains why).
export class PacedPlay {
  playing = false;
  command = 0;
  #timer = null;
  #lastTick = 0;
  #owed = 0;
  #stepsPerTick = 1;
  #until = Infinity;
  #hooks;

  /**
   * hooks: stepsDone() → steps trained so far; train(n); frame() posts a frame; failed(error)
   * reports an error of train(). speed: steps per second; sliceMs: engine time per slice.
   */
  constructor(hooks, { speed, sliceMs }) {
    this.#hooks = hooks;
    this.speed = speed;
    this.sliceMs = sliceMs;
  }

  play(command, until) {
    this.command = command ?? this.command;
    this.#until = until ?? Infinity;
    if (this.playing) return;
    this.playing = true;
    this.#lastTick = performance.now();
    this.#owed = 1;
    this.#tick();
  }

  pause(command) {
    this.command = command ?? this.command;
    this.stop();
  }

  /** Stops without a command from the page (a rebuild, a reset); the next frame says so. */
  stop() {
    this.playing = false;
    clearTimeout(this.#timer);
    this.#timer = null;
  }

  #tick() {
    this.#timer = null;
    if (!this.playing) return;
    const hooks = this.#hooks;
    const now = performance.now();
    this.#owed += ((now - this.#lastTick) / 1000) * this.speed;
    this.#lastTick = now;
    const steps = Math.min(Math.floor(this.#owed), this.#stepsPerTick, this.#until - hooks.stepsDone());
    if (steps > 0) {
      const t0 = performance.now();
      try {
        hooks.train(steps);
      } catch (error) {
        this.stop();
        hooks.failed(error);
        return;
      }
      this.#owed -= steps;
      const ms = performance.now() - t0;
      // Keep a slice near sliceMs so that frames keep flowing and messages are answered.
      this.#stepsPerTick = Math.max(1, Math.round(ms > 0 ? steps * (this.sliceMs / ms) : steps * 2));
    }
    if (this.#owed > this.speed) this.#owed = this.speed;   // no pile of debt when the machine is slow
    if (hooks.stepsDone() >= this.#until) this.stop();
    hooks.frame();
    if (this.playing) this.#timer = setTimeout(() => this.#tick(), 16);
  }
}
