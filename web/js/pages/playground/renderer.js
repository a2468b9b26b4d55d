// Turns the worker's frames into pixels. A frame is kept until the next animation frame;
// then every view draws from it and the worker is told it may send the next one (so frames
// never queue up, and training speed does not depend on how fast the page draws).
import { MetricHistory } from '../../ground/history.js';

const TEXT_HZ = 15;

export class Renderer {
  /** views: { surface, diagram, readouts, playback, lossChart, accuracyChart }; ack(): tell the worker */
  constructor(views, ack, hooks = {}) {
    this.views = views;
    this.ack = ack;
    this.hooks = hooks;           // { structure(structure), data(data), restarted(), drawn(frame) }
    this.history = new MetricHistory();
    this.pending = null;
    this.scheduled = false;
    this.structure = null;
    this.data = null;
    this.grid = null;
    this.parameters = null;
    this.latest = null;
    this.generation = -1;
    this.framesDrawn = 0;
    this.logScale = false;
    this.lastText = -Infinity;
    this.diagramEvery = 1;    // redraw the diagram every n-th frame (adapts to the frame rate)
    this.diagramSkipped = 0;
  }

  /** A frame from the worker (any number of them may arrive before the next paint). */
  accept(frame) {
    if (frame.generation !== this.generation) {
      this.generation = frame.generation;
      // A new run, a reset or a restored snapshot: keep only what came before this point.
      if (frame.historyFrom > 0) this.history.truncateFrom(frame.historyFrom);
      else { this.history.clear(); this.hooks.restarted?.(); }
    }
    for (const record of frame.records) this.history.push(record);
    this.hooks.records?.(frame, this.history);
    if (frame.structure) { this.structure = frame.structure; this.structureChanged = true; }
    if (frame.data) { this.data = frame.data; this.dataChanged = true; }
    this.grid = frame.grid;
    this.parameters = frame.parameters;
    this.latest = frame;
    if (!this.scheduled) {
      this.scheduled = true;
      requestAnimationFrame(() => this.draw());
    }
  }

  draw() {
    this.scheduled = false;
    const frame = this.latest;
    if (!frame) return;
    const started = performance.now();
    this.ack();
    const v = this.views;
    if (this.structureChanged) {
      this.structureChanged = false;
      this.hooks.structure?.(this.structure, this.grid.bounds);
      v.readouts.setStructure(this.structure);
      v.surface.setStructure(this.structure);
      v.accuracyChart.canvas.closest('.chart').hidden = this.structure.task === 'regression';
    }
    if (this.dataChanged) {
      this.dataChanged = false;
      v.surface.setData(this.data);
      this.hooks.data?.(this.data);
    }
    v.surface.setGrid(this.grid);
    v.surface.render();
    // The diagram of a large network is the costliest view: when frames come slower than
    // ~40/s it is redrawn every 2nd, 3rd… frame so the decision surface stays smooth.
    const interval = started - (this.lastStart ?? started);
    this.lastStart = started;
    this.frameInterval = 0.8 * (this.frameInterval ?? 16.7) + 0.2 * Math.min(interval, 200);
    if (frame.running && this.frameInterval > 25) this.diagramEvery = Math.min(8, this.diagramEvery + 1);
    else if (!frame.running || this.frameInterval < 19) this.diagramEvery = Math.max(1, this.diagramEvery - 1);
    if (!frame.running || ++this.diagramSkipped >= this.diagramEvery) {
      this.diagramSkipped = 0;
      v.diagram.update(this.grid, this.parameters);
    }
    v.playback.setRunning(frame.running);
    // Numbers and charts change too fast to read at 60 Hz; while training they refresh at
    // TEXT_HZ, which also spares the browser a layout per frame. Paused: every frame.
    if (!frame.running || started - this.lastText >= 1000 / TEXT_HZ) {
      this.lastText = started;
      v.playback.setProgress(frame.epoch, frame.batch, frame.batchesPerEpoch);
      v.readouts.update({ ...frame, structure: this.structure });
      this.drawCharts();
    }
    this.hooks.drawn?.(frame);
    this.framesDrawn++;
    const spent = performance.now() - started;
    this.drawMs = this.drawMs === undefined ? spent : 0.9 * this.drawMs + 0.1 * spent;
    this.maxDrawMs = Math.max(this.maxDrawMs ?? 0, spent);
  }

  drawCharts() {
    const records = this.history.view();
    this.views.lossChart.draw(records, this.logScale);
    if (this.structure?.task !== 'regression') this.views.accuracyChart.draw(records);
  }

  setLogScale(on) {
    this.logScale = on;
    this.drawCharts();
  }

  /** Values the weight editor shows: the last parameters drawn. */
  parameter(index) {
    return this.parameters ? this.parameters[index] : NaN;
  }
}
