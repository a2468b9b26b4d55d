// Compare mode on the page: turns the page's settings (the base) and the comparison into
// runs, sends them to the training Worker (compare-host.js trains them in lockstep), and
// draws the frames it sends back — surfaces up to 30 times a second, numbers at a readable
// rate. The main thread never trains.
import { buildRuns, valuesProblem, variable } from './compare-config.js';
import { ComparePanel } from './compare-panel.js';
import { CompareResults } from './compare-results.js';
import { el } from '../views/form.js';

const RESOLUTION = 32;   // grid cells per side of each run's small surface
const TEXT_HZ = 10;
const SURFACE_HZ = 30;

export class CompareController {
  /**
   * stage: the compare section; context: { store, update, client, notices };
   * onChange(comparison): the comparison was edited (the page mode rewrites the URL).
   */
  constructor(stage, { store, update, client, notices }, onChange) {
    this.store = store;
    this.update = update;
    this.client = client;
    this.notices = notices;
    this.onChange = onChange;
    this.active = false;
    this.comparison = null;
    this.setups = 0;          // setups sent; the worker numbers its generations the same way
    this.sentKey = null;
    this.view = null;         // what the latest frames say
    this.scheduled = false;
    this.lastText = -Infinity;
    this.lastSurfaces = -Infinity;
    const setupSlot = el('div', { class: 'compare-setup-slot' });
    const resultsSlot = el('div', { class: 'compare-results-slot' });
    stage.append(
      el('h2', { id: 'compare-title' }, 'Compare runs'),
      el('p', { class: 'hint compare-intro' }, 'Every run trains on the same data, with the same split and the same starting seed; they differ only in the setting you vary. The settings below the comparison (data, network, optimizer) are shared by all runs.'),
      setupSlot, resultsSlot);
    this.panel = new ComparePanel(setupSlot, {
      change: (c) => this.edit(c),
      run: () => this.run(),
      pause: () => this.pause(),
      stepEpoch: () => this.stepEpoch(),
      reset: () => this.reset(),
      speed: (v) => update((d) => { d.view.speed = v; }),
    });
    this.results = new CompareResults(resultsSlot, {
      logScale: (on) => update((d) => { d.view.logScale = on; }),
    });
    client.on('compareFrame', (frame) => this.accept(frame)).on('compareError', (m) => this.failed(m));
    store.subscribe((s, changed) => {
      if (!this.active) return;
      if (changed.has('view')) this.applyView(s);
      if ([...changed].some((k) => k !== 'view')) this.rebuild();
    });
  }

  /** Shows compare mode with this comparison (the worker builds the runs). */
  activate(comparison) {
    this.active = true;
    this.comparison = comparison;
    this.panel.show(comparison);
    this.applyView(this.store.state);
    this.rebuild(true);
  }

  deactivate() {
    if (!this.active) return;
    this.active = false;
    this.sentKey = null;
    this.client.compare('stop');
  }

  applyView(s) {
    this.panel.setSpeed(s.view.speed);
    this.client.compare('speed', { speed: s.view.speed });
    this.results.setLogScale(s.view.logScale);
    if (this.view) { this.view.log = s.view.logScale; this.results.update(this.view, true); }
  }

  /** The learner changed the comparison in the panel. */
  edit(next) {
    const v = variable(next.vary);
    const problem = valuesProblem(v, next.values);
    if (problem) {
      this.notices.show({ id: 'compare-values', kind: 'warning', text: `Compare mode: ${problem} The previous values are kept.`, timeout: 8000 });
      this.panel.show(this.comparison);
      return;
    }
    this.notices.dismiss('compare-values');
    const budgetOnly = next.vary === this.comparison.vary && String(next.values) === String(this.comparison.values);
    this.comparison = next;
    this.panel.show(next);
    this.onChange(next);
    if (budgetOnly) this.client.compare('budget', { epochs: next.epochs, target: next.target });
    else this.rebuild();
  }

  /** Sends the runs for the current settings unless the worker already has exactly these. */
  rebuild(force = false) {
    const state = this.store.state;
    const { runs, warnings } = buildRuns(state, this.comparison);
    const custom = state.data.custom;
    if (custom && custom.labels.length === 0) warnings.push('There are no points to train on: choose a data set or add points.');
    this.results.setWarnings(warnings);
    if (custom && custom.labels.length === 0) return;
    const payload = {
      runs, epochs: this.comparison.epochs, target: this.comparison.target, resolution: RESOLUTION,
      custom: custom ? { points: custom.points.slice(), labels: custom.labels.slice(), dims: 2, classes: custom.classes } : null,
    };
    const key = JSON.stringify({ runs, custom: custom ? [Array.from(custom.points), Array.from(custom.labels)] : null });
    if (!force && key === this.sentKey) return;
    this.sentKey = key;
    this.setups++;
    this.client.compare('setup', payload);
    this.results.setRuns(runs.map((r) => r.label));
    this.view = {
      runs: runs.map((r) => ({ label: r.label, history: [], epochsToTarget: 0, diverged: null, weightNorm: 0, grid: null })),
      epoch: 0, maxEpochs: this.comparison.epochs, target: this.comparison.target, finished: false, running: false,
      log: state.view.logScale, structuresSeen: false,
    };
    this.panel.setProgress(this.view);
    this.results.update(this.view, true);
  }

  run() {
    if (this.view?.finished) this.rebuild(true);
    this.client.compare('play', { speed: this.store.read((s) => s.view.speed) });
    this.panel.setProgress({ ...this.view, running: true });
  }
  pause() { this.client.compare('pause'); }
  stepEpoch() { this.client.compare('stepEpoch'); }
  reset() { this.rebuild(true); }
  togglePlay() { if (this.view?.running || this.panel.running) this.pause(); else this.run(); }

  accept(frame) {
    if (frame.generation !== this.setups || !this.view) { this.client.compare('ack'); return; }
    const v = this.view;
    frame.runs.forEach((r, i) => {
      const run = v.runs[i];
      for (const record of r.records) run.history.push(record);
      Object.assign(run, { epochsToTarget: r.epochsToTarget, diverged: r.diverged, weightNorm: r.weightNorm, grid: r.grid });
    });
    Object.assign(v, { epoch: frame.epoch, maxEpochs: frame.maxEpochs, target: frame.target, finished: frame.finished, running: frame.running });
    if (frame.structures) this.results.setSetup(frame.structures, frame.data);
    if (!this.scheduled) {
      this.scheduled = true;
      requestAnimationFrame(() => this.draw());
    }
  }

  draw() {
    this.scheduled = false;
    this.client.compare('ack');
    const v = this.view;
    if (!v) return;
    const now = performance.now();
    const text = !v.running || now - this.lastText >= 1000 / TEXT_HZ;
    if (text) this.lastText = now;
    // Up to four surfaces: 30 per second is smooth and leaves the frame budget room.
    const surfaces = !v.running || now - this.lastSurfaces >= 1000 / SURFACE_HZ;
    if (surfaces) this.lastSurfaces = now;
    this.results.update(v, text, surfaces);
    if (text) this.panel.setProgress(v);
  }

  failed({ message }) {
    this.notices.show({ id: 'compare-error', kind: 'error', title: 'Compare mode could not run these settings:', text: message });
    if (this.view) { this.view.running = false; this.panel.setProgress(this.view); }
  }
}
