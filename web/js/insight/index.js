// See inside training (issue 11): the backprop view, the step-through of one backprop step
// and the gradient check, under the network diagram. The page gives the diagram, the worker
// client and a few accessors; frames and structure changes are passed in.
import { el } from '../views/form.js';
import { BackpropView } from './backprop-view.js';
import { StepThrough } from './step-through.js';
import { GradientCheck } from './gradient-check.js';
import { TimelineView } from './timeline-view.js';
import { PointMarker } from './point-marker.js';

export { TimelineView };   // the rewind scrubber alone, for pages without the rest (mnist.html)

/**
 * host: { container, timelineContainer (under the charts), diagram, surface (SurfaceView), client (WorkerClient), pause(), optimizer(): page optimizer
 * settings, points(): the training points {points, labels} }. Returns the page's handle.
 */
export function installInsight({ container, timelineContainer, diagram, surface, client, pause, optimizer, points }) {
  const view = new BackpropView(container, {
    diagram, optimizer,
    toggle: (on) => client.insight('view', { on }),
    linksTaken: () => steps.open,
  });
  const tools = el('div', { class: 'insight-tools' });
  container.append(tools);
  const marker = new PointMarker(surface);
  const steps = new StepThrough(tools, {
    diagram, pause, points, mark: (x, y) => marker.show(x, y),
    trace: (index) => client.insight('trace', { index }),
  });
  const check = new GradientCheck(tools, { run: () => client.insight('checkGradients') });
  const timeline = new TimelineView(timelineContainer, { command: (name, data) => client.timeline(name, data) });
  let last = null;   // the last frame drawn: what the views show (for tests and course authors)
  return {
    frame(frame) { last = frame; view.accept(frame); steps.accept(frame); timeline.accept(frame); },
    /** What is on screen: the frame's gradients and trace, the values drawn on the links, the norm history. */
    state: () => ({
      backprop: last?.backprop ?? null, trace: last?.trace ?? null, parameters: last?.parameters ?? null,
      timeline: last?.timeline ?? null,
      linkValues: diagram.overlay ? Array.from(diagram.overlay.values) : null, normRecords: view.records,
    }),
    structure(structure) { diagram.setLinkOverlay(null); view.setStructure(structure); steps.setStructure(structure); },
    /** A surface click while the step-through is open follows that point; true when used. */
    pick: (x, y) => steps.pick(x, y),
    gradientCheck: (m) => check.show(m.result),
    failed: (m) => { if (m.request === 'insight') check.failed(m.message); },
  };
}
