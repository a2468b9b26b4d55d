// Loss and accuracy history for the charts, with a bounded size: when it fills up, every
// other record is dropped and only records at least `stride` epochs apart are kept after
// that. Memory and drawing cost stay flat over a run of any length, and the curve keeps its
// shape (the newest record is always kept exactly).

export class MetricHistory {
  constructor(capacity = 600) {
    this.capacity = capacity;
    this.clear();
  }

  clear() {
    this.records = [];
    this.stride = 0;       // minimum epoch distance between kept records (0 = keep all)
    this.latest = null;    // the newest record, even if the stride skipped it
  }

  /** Drops records at or after `epoch` (restoring a snapshot rewinds time). */
  truncateFrom(epoch) {
    this.records = this.records.filter((r) => r.epoch < epoch);
    this.latest = this.records.at(-1) ?? null;
  }

  push(record) {
    this.latest = record;
    const last = this.records.at(-1);
    if (last && record.epoch <= last.epoch) {
      this.records[this.records.length - 1] = record;   // same step re-evaluated
      return;
    }
    if (last && this.stride > 0 && record.epoch - last.epoch < this.stride) return;
    this.records.push(record);
    if (this.records.length > this.capacity) {
      this.records = this.records.filter((_, i) => i % 2 === 0);
      const span = this.records.at(-1).epoch - this.records[0].epoch;
      this.stride = span / (this.capacity / 2);
    }
  }

  /** Records to draw: the kept ones plus the newest. */
  view() {
    const last = this.records.at(-1);
    return this.latest && last !== this.latest ? [...this.records, this.latest] : this.records;
  }
}
