// A training history for charts that stays small however long training runs (the GAN and
// sequence workers send it with every frame). Records are `width` numbers each; at most
// `capacity` are kept. When full, every second kept record is dropped and from then on only
// every 2nd (later 4th, 8th…) new record is kept, so the chart keeps the shape of the whole
// run at capacity/2 to capacity points, and the newest record is always the last one kept.
export class BoundedHistory {
  #width;
  #capacity;
  #data;             // the kept records, `width` numbers each
  #index;            // the run's record number of each kept record
  #count = 0;
  #stride = 1;       // a new record is kept for good when its number is a multiple of this
  #tailIsNewest = false;   // the last kept record is only there as the newest (not on the stride)
  #seen = 0;         // records of the run appended so far

  constructor(width, capacity = 4096) {
    this.#width = width;
    this.#capacity = capacity;
    this.#data = new Float64Array(width * (capacity + 1));
    this.#index = new Float64Array(capacity + 1);
  }

  /** Records of the run appended so far: ask the engine for the ones from here on. */
  get seen() { return this.#seen; }

  /** The first number (the step) of the newest record; −∞ when there is none. */
  get newestStep() { return this.#count ? this.#data[(this.#count - 1) * this.#width] : -Infinity; }

  /**
   * Brings the records up to date with a run now at step `step`: `recordsFrom(n)` gives the
   * run's records from number n on. A step below the newest kept one means the run restarted
   * (a reset, a new model, a loaded file): the records start over.
   */
  update(step, recordsFrom) {
    if (step < this.newestStep) this.clear();
    this.append(recordsFrom(this.#seen));
  }

  /** Training restarted (a new model, a reset, a loaded file): nothing kept. */
  clear() {
    this.#count = 0;
    this.#stride = 1;
    this.#tailIsNewest = false;
    this.#seen = 0;
  }

  /** Appends the run's next records (a flat array of `width` numbers each). */
  append(flat) {
    const w = this.#width;
    for (let o = 0; o + w <= flat.length; o += w) {
      const number = this.#seen++;
      let at = this.#count;
      if (this.#tailIsNewest) at--;   // the previous newest gives way to this one
      this.#data.set(flat.subarray(o, o + w), at * w);
      this.#index[at] = number;
      this.#count = at + 1;
      this.#tailIsNewest = number % this.#stride !== 0;
      if (this.#count > this.#capacity) this.#thin();
    }
  }

  /** A copy of the kept records (for a frame: transfer its buffer). */
  copy() { return this.#data.slice(0, this.#count * this.#width); }

  // Keeps the records on the doubled stride, and the newest.
  #thin() {
    const w = this.#width;
    this.#stride *= 2;
    let kept = 0;
    for (let i = 0; i < this.#count; i++) {
      const last = i === this.#count - 1;
      if (this.#index[i] % this.#stride !== 0 && !last) continue;
      this.#data.copyWithin(kept * w, i * w, (i + 1) * w);
      this.#index[kept] = this.#index[i];
      kept++;
    }
    this.#count = kept;
    this.#tailIsNewest = this.#index[kept - 1] % this.#stride !== 0;
  }
}
