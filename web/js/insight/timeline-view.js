// The rewind timeline's scrubber, under the charts (issue 11, item 3). Each saved epoch is a
// stop on a range input (arrow keys step through them); moving it shows that epoch's surface,
// diagram and readouts. "Continue from here" branches training from the epoch shown (the
// later history is set aside, and "Undo" brings it back); "Back to now" returns unchanged.
// Used by the playground (under the charts) and the Fashion-MNIST classifier (its training panel).
import { formatNumber } from '../ground/validate.js';
import { el } from '../views/form.js';
import { TIMELINE_BUDGET_BYTES } from '../worker/timeline-host.js';

const UPDATE_HZ = 4;

export class TimelineView {
  /**
   * host: { command(name, data) } → the worker's timeline ('view' | 'present' | 'continue' | 'undo');
   * describe(frame): what the readout says about the epoch shown (default: the playground's training loss).
   */
  constructor(container, host, { describe = (frame) => `training loss ${formatNumber(frame.metrics.trainLoss, 4)}` } = {}) {
    this.host = host;
    this.describe = describe;
    this.state = null;
    this.key = '';
    this.updated = -Infinity;
    const tip = `Snapshots of the weights and the optimizer state, taken at every epoch and thinned (older epochs more sparsely) so they stay within ${TIMELINE_BUDGET_BYTES / 1048576} MB. Arrow keys step through them.`;
    this.scrubber = el('input', { id: 'timeline-scrubber', type: 'range', min: '0', max: '0', step: '1', value: '0', disabled: true, tip,
      oninput: () => this.host.command('view', { index: Number(this.scrubber.value) }) });
    this.readout = el('output', { id: 'timeline-readout', for: 'timeline-scrubber', 'aria-live': 'polite' }, 'No epochs saved yet.');
    this.present = el('button', { id: 'timeline-present', disabled: true, onclick: () => this.host.command('present'),
      tip: 'Return to where training is now; nothing is lost' }, 'Back to now');
    this.continue = el('button', { id: 'timeline-continue', disabled: true, onclick: () => this.host.command('continue'),
      tip: 'Train on from the epoch shown: the later epochs are discarded (Undo brings them back)' }, 'Continue from here');
    this.undo = el('button', { id: 'timeline-undo', disabled: true, onclick: () => this.host.command('undo'),
      tip: 'Bring back the epochs discarded by the last "Continue from here", and the state training had then' }, 'Undo');
    this.memory = el('span', { class: 'hint timeline-memory' });
    container.append(el('div', { class: 'timeline-row' },
      el('label', { for: 'timeline-scrubber', tip }, 'Rewind'), this.scrubber),
    el('div', { class: 'timeline-row' }, this.readout),
    el('div', { class: 'timeline-row timeline-buttons' }, this.present, this.continue, this.undo, this.memory));
  }

  accept(frame) {
    const t = frame.timeline;
    if (!t) return;
    // The DOM is touched only when something shown changed, and while training at most
    // UPDATE_HZ times a second (each change costs the page a layout).
    const key = `${t.epochs.length} ${t.epochs.at(-1)} ${t.viewing} ${t.canUndo} ${frame.epoch} ${frame.step}`;
    const now = performance.now();
    if (key === this.key || (frame.running && now - this.updated < 1000 / UPDATE_HZ)) return;
    this.key = key;
    this.updated = now;
    this.state = t;
    const n = t.epochs.length;
    this.scrubber.max = String(Math.max(0, n - 1));
    this.scrubber.disabled = n === 0;
    const dragging = document.activeElement === this.scrubber && t.viewing !== null;
    if (!dragging) this.scrubber.value = String(t.viewing ?? Math.max(0, n - 1));
    const viewing = t.viewing !== null;
    this.scrubber.setAttribute('aria-valuetext', viewing ? `epoch ${t.epochs[t.viewing]}` : `now, epoch ${frame.epoch}`);
    this.readout.textContent = viewing
      ? `Showing epoch ${t.epochs[t.viewing]} (${this.describe(frame)}); training is paused.`
      : n ? `Now: epoch ${frame.epoch}. Move the slider to look back (${n} saved epoch${n === 1 ? '' : 's'}, ${t.epochs[0]}–${t.epochs[n - 1]}).` : 'No epochs saved yet: train to fill the timeline.';
    this.present.disabled = !viewing;
    this.continue.disabled = !viewing;
    this.undo.disabled = !t.canUndo;
    this.memory.textContent = `${formatNumber(t.bytes / 1048576, 2)} MB of ${formatNumber(t.budget / 1048576, 2)} MB`;
    this.memory.dataset.bytes = String(t.bytes);
  }
}
