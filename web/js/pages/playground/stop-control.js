// The learner's stop conditions and the training monitor in the playground: four fields in the
// settings panel (state.stop, mirrored in the URL as stop, stoploss, stopacc, patience), a note
// under the loss chart saying what the monitor sees (oscillation, plateau) and why training
// stopped, and the best epoch marked on the loss chart when early stopping is on.
// The monitor itself runs in the training worker (worker/training-host.js) on every epoch the engine
// records; the page sends the conditions and shows the report each frame carries.
import { RULES } from '../../ground/rules.js';
import { el, field, numberInput, syncValue } from '../../views/form.js';

/** state.stop → the monitor's conditions (0 = off). */
export function stopConditions(stop) {
  return {
    stopEpoch: stop.epoch || 0,
    targetLoss: stop.loss > 0 ? stop.loss : null,
    targetAccuracy: stop.accuracy > 0 ? stop.accuracy / 100 : null,
    patience: stop.patience || 0,
  };
}

export class StopControl {
  /** settings: the settings panel element; chart: the loss ChartView; client: the WorkerClient */
  constructor({ store, update, settings, chart, client }) {
    this.chart = chart;
    this.client = client;
    this.report = null;
    const s = store.state.stop;
    const input = (rule, key) => numberInput({ rule, value: s[key], onCommit: (v) => update((d) => { d.stop[key] = v; }) });
    this.controls = {
      epoch: input(RULES.stopEpoch, 'epoch'), loss: input(RULES.stopLoss, 'loss'),
      accuracy: input(RULES.stopAccuracy, 'accuracy'), patience: input(RULES.patience, 'patience'),
    };
    const c = this.controls;
    settings.append(el('div', { class: 'stop-settings' },
      field({ id: 'stop-epoch', label: 'Stop at epoch', tip: 'Training pauses after this epoch. 0 = never.', control: c.epoch }),
      field({ id: 'stop-loss', label: 'Target test loss', tip: 'Training pauses once the test loss (the training loss without a test set) is at most this. 0 = off.', control: c.loss }),
      field({ id: 'stop-accuracy', label: 'Target accuracy', tip: 'Training pauses once the test accuracy reaches this. 0 = off.', control: c.accuracy, unit: '%' }),
      field({ id: 'patience', label: 'Early stopping', tip: 'Pause when the test loss has not improved for this many epochs; the best epoch is marked on the loss chart. 0 = off.', control: c.patience, unit: 'epochs' })));
    this.note = el('p', { class: 'monitor-note', id: 'monitor-note', role: 'status', hidden: true });
    chart.canvas.closest('.chart').after(this.note);
    client.setStopConditions(stopConditions(s));
    store.subscribe((state, changed) => {
      if (!changed.has('stop')) return;
      for (const [key, control] of Object.entries(this.controls)) syncValue(control, state.stop[key]);
      client.setStopConditions(stopConditions(state.stop));
    });
  }

  /** Every frame from the worker (renderer hook). */
  frame(frame) {
    const r = frame.monitor ?? null;
    this.report = r;
    const text = r ? [r.stopText, r.trendText].filter(Boolean).join(' ') : '';
    this.note.hidden = text === '';
    this.note.dataset.trend = r?.trend ?? 'healthy';
    this.note.dataset.stop = r?.stoppedAt ? r.stop : 'none';
    if (this.note.textContent !== text) this.note.textContent = text;
    this.chart.setMarker(r && r.patience > 0 && r.bestEpoch > 0 ? { epoch: r.bestEpoch, label: `best: epoch ${r.bestEpoch}` } : null);
  }
}
