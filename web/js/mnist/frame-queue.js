// Drawing spread over animation frames: one job per frame, so that a measurement that
// changes several views (matrix, image grid, weight mosaic) never makes one long task.
// Jobs have keys; a newer job replaces a waiting one with the same key (and keeps its place).

export class FrameQueue {
  #jobs = new Map();
  #pending = 0;

  later(key, job) {
    this.#jobs.set(key, job);
    this.#arm();
  }

  /** True when nothing waits to be drawn. */
  get idle() {
    return this.#jobs.size === 0;
  }

  #arm() {
    if (!this.#pending && this.#jobs.size) this.#pending = requestAnimationFrame(() => this.#run());
  }

  #run() {
    this.#pending = 0;
    const [key, job] = this.#jobs.entries().next().value;
    this.#jobs.delete(key);
    try {
      job();
    } finally {
      this.#arm();
    }
  }
}
