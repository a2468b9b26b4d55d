// The rewind timeline's worker side (issue 11, item 3). While training, the session is
// snapshotted at every epoch boundary (weights, batch-norm statistics, optimizer state and
// training progress: Session.takeSnapshot), and snapshots are thinned so that they stay within
// TIMELINE_BUDGET_BYTES. Scrubbing restores a past snapshot (the present is saved first) so the
// page draws that epoch's surface, diagram and readouts; "Continue from here" keeps the past
// state and discards the later history (kept aside for Undo until the next branch).

export const TIMELINE_BUDGET_BYTES = 20 * 1024 * 1024;
// Thinning aims below the budget: the estimate leaves out malloc's bookkeeping and the
// vectors' own headers (measured: ~4 % more than estimated over 10,000 epochs).
const THIN_TO = 0.9 * TIMELINE_BUDGET_BYTES;
const MAX_ENTRIES = 400;   // the engine holds at most 1000 snapshots; the page's "last good state" needs 2
const RECORD_BYTES = 48;   // one EpochRecord (int, int64, 4 doubles) in each snapshot's copy of the history

export class TimelineHost {
  /** session(): the engine Session; hooks: { branched(epoch), rejoined(), changed() } */
  constructor(session, hooks) {
    this.session = session;
    this.hooks = hooks;
    this.entries = [];     // { id, epoch, bytes }, oldest first
    this.viewing = null;   // index of the entry shown, or null: the present
    this.present = null;   // snapshot id of the present while viewing the past
    this.undoState = null; // { present, discarded, branchEpoch } after "Continue from here"
    this.sizes = null;     // { fixed, perEpoch } bytes of one snapshot, for this network
  }

  /** The page's requests: 'view' {index} | 'present' | 'continue' | 'undo'. */
  command(m) {
    switch (m.command) {
      case 'view': return this.view(m.index);
      case 'present': return this.leavePast();
      case 'continue': return this.continueHere();
      case 'undo': return this.undo();
      default: throw new Error(`unknown timeline command "${m.command}"`);
    }
  }

  /** Training: session.train(batches), cut at epoch boundaries so each epoch is snapshotted. */
  train(batches) {
    const s = this.session();
    let left = batches;
    while (left > 0) {
      const n = Math.min(left, s.batchesPerEpoch - s.batchCursor);
      s.train(n);
      left -= n;
      this.observe();
    }
  }

  /** Takes the snapshot of a just-completed epoch (once per epoch). */
  observe() {
    const s = this.session();
    if (s.batchCursor !== 0 || s.epoch === 0 || s.epoch <= (this.entries.at(-1)?.epoch ?? 0)) return;
    this.sizes ??= snapshotSizes(s.describe());
    this.entries.push({ id: s.takeSnapshot(), epoch: s.epoch, bytes: this.sizes.fixed + this.sizes.perEpoch * s.epoch });
    this.thin();
  }

  /** Drops snapshots (never the first or the newest) where they are densest until within budget. */
  thin() {
    const s = this.session();
    while (this.entries.length > 2 && (this.bytes() > THIN_TO || this.entries.length > MAX_ENTRIES)) {
      let drop = 1, gap = Infinity;
      for (let i = 1; i < this.entries.length - 1; i++) {
        const g = this.entries[i + 1].epoch - this.entries[i - 1].epoch;
        if (g < gap) { gap = g; drop = i; }
      }
      s.deleteSnapshot(this.entries[drop].id);
      this.entries.splice(drop, 1);
    }
  }

  bytes() { return this.entries.reduce((sum, e) => sum + e.bytes, 0); }

  /** Shows the entry at `index` (training pauses; the present is kept to come back to). */
  view(index) {
    const entry = this.entries[index];
    if (!entry) throw new Error(`there is no saved epoch number ${index + 1} on the timeline`);
    const s = this.session();
    if (this.present === null) this.present = s.takeSnapshot();
    s.restoreSnapshot(entry.id);
    this.viewing = index;
    this.hooks.changed();
  }

  /** Back to the present (nothing is lost). */
  leavePast() {
    if (this.present === null) return;
    const s = this.session();
    s.restoreSnapshot(this.present);
    s.deleteSnapshot(this.present);
    this.present = null;
    this.viewing = null;
    this.hooks.changed();
  }

  /** Training goes on from the epoch shown; the later snapshots are set aside for Undo. */
  continueHere() {
    if (this.viewing === null) throw new Error('choose an epoch on the timeline first');
    this.dropUndo();
    const kept = this.entries.slice(0, this.viewing + 1);
    this.undoState = { present: this.present, discarded: this.entries.slice(this.viewing + 1), branchEpoch: kept.at(-1).epoch };
    this.entries = kept;
    this.present = null;
    this.viewing = null;
    this.hooks.branched(kept.at(-1).epoch);
  }

  /** Undoes the last "Continue from here": back to where training was, with its history. */
  undo() {
    const u = this.undoState;
    if (!u) throw new Error('there is nothing to undo');
    this.leavePast();
    const s = this.session();
    s.restoreSnapshot(u.present);
    s.deleteSnapshot(u.present);
    for (const e of this.entries.filter((x) => x.epoch > u.branchEpoch)) s.deleteSnapshot(e.id);
    this.entries = [...this.entries.filter((x) => x.epoch <= u.branchEpoch), ...u.discarded];
    this.undoState = null;
    this.thin();
    this.hooks.rejoined();
  }

  dropUndo() {
    const u = this.undoState;
    if (!u) return;
    const s = this.session();
    s.deleteSnapshot(u.present);
    for (const e of u.discarded) s.deleteSnapshot(e.id);
    this.undoState = null;
  }

  /** A new run (rebuilt network, reset, new data): its snapshots go (a rebuild or reset has already dropped them). */
  clear() {
    const s = this.session();
    const ids = [...this.entries.map((e) => e.id), this.present, this.undoState?.present, ...(this.undoState?.discarded ?? []).map((e) => e.id)];
    for (const id of ids) {
      if (id === null || id === undefined) continue;
      try { s.deleteSnapshot(id); } catch { /* already dropped by the engine */ }
    }
    this.entries = [];
    this.viewing = null;
    this.present = null;
    this.undoState = null;
    this.sizes = null;
  }

  /** What the scrubber draws. */
  summary() {
    return { epochs: this.entries.map((e) => e.epoch), viewing: this.viewing, canUndo: this.undoState !== null,
      bytes: this.bytes(), budget: TIMELINE_BUDGET_BYTES };
  }
}

/** Bytes one snapshot holds: parameters, state and optimizer slots (float32), the shuffle order, the history. */
export function snapshotSizes(d) {
  const values = d.parameterCount * (1 + d.optimizerSlots.length) + d.stateCount;
  return { fixed: 4 * values + 4 * d.trainSize + 256, perEpoch: RECORD_BYTES };
}
