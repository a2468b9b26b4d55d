// The worker's side of "see inside training" (issue 11): while the page's backprop view is
// on, every frame carries the last step's gradients, their norm per layer, the update the next
// step would make, the optimizer's state and a trace of the chosen training point — all from
// ONE engine call (Session.gradientFrame) plus one trace. Off, frames carry none of it.
// The gradient check runs on request. The TrainingHost forwards 'insight' messages here.

export class InsightHost {
  /** session(): the current engine Session; post(message, transfer); changed(): ask for a frame */
  constructor(session, post, changed) {
    this.session = session;
    this.post = post;
    this.changed = changed;
    this.on = false;          // the backprop view is showing
    this.point = 0;           // the training point traced (an index into the training set)
    this.tracing = false;     // the step-through wants a trace even with the view off
  }

  handle(m) {
    switch (m.command) {
      case 'view': this.on = Boolean(m.on); break;
      case 'trace': this.tracing = m.index !== null; if (m.index !== null) this.point = m.index; break;
      case 'checkGradients': return this.post({ type: 'gradientCheck', result: this.session().checkGradients() });
      default: throw new Error(`unknown insight command "${m.command}"`);
    }
    this.changed();
  }

  /** Adds the view's numbers to a frame (and their buffers to `transfer`) when wanted. */
  addTo(frame, transfer) {
    if (!this.on && !this.tracing) return;
    const s = this.session();
    const size = s.describe().trainSize;
    if (this.on) {
      const g = s.gradientFrame();
      frame.backprop = g;
      transfer.push(g.gradients.buffer, g.layerNorms.buffer, g.update.buffer, ...Object.values(g.slots).map((a) => a.buffer));
    }
    if (size > 0) {
      if (this.point >= size) this.point = 0;
      const t = s.traceSample(this.point);
      frame.trace = { index: this.point, ...t };
      transfer.push(t.input.buffer, t.target.buffer, t.gradients.buffer, t.update.buffer,
        ...t.outputs.map((a) => a.buffer), ...t.deltas.map((a) => a.buffer));
    }
  }
}
