// The backprop view (issue 11, item 1): a labelled toggle under the network diagram. On, the
// links show the last step's gradient dL/dw instead of the weight (same colours: blue
// positive, orange negative; thicker = larger, scaled to the largest gradient on screen), a
// ring round each neuron shows its error δ = dL/dz for the traced training point, a small
// chart follows each layer's gradient norm over the epochs (log scale: vanishing or exploding
// gradients show as lines falling or rising by decades), and pointing at (or choosing) a link
// reads out its weight, gradient, optimizer state and next update.
import { NEGATIVE, POSITIVE } from '../ground/palette.js';
import { formatNumber } from '../ground/validate.js';
import { el, checkbox } from '../views/form.js';
import { ChartView } from '../views/chart-view.js';
import { describeLinkState } from './link-readout.js';

// Okabe–Ito without its yellow (too pale for a thin line on white), then dark grey and black.
const LAYER_COLOURS = ['#E69F00', '#0072B2', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#7F7F7F', '#1d2330'];
const MAX_RECORDS = 2000;   // norm history points kept (halved by thinning beyond this)
const CHART_HZ = 10;

export class BackpropView {
  /** host: { diagram, toggle(on), optimizer(): the page's optimizer settings, linksTaken(): the step-through draws them } */
  constructor(container, host) {
    this.host = host;
    this.on = false;
    this.frame = null;
    this.structure = null;
    this.records = [];
    this.lastStep = -1;
    this.lastChart = -Infinity;
    const toggle = checkbox({ id: 'backprop-view', label: 'Backprop view: show gradients',
      tip: 'Draw each link by its gradient dL/dw from the last training step instead of its weight, ring each neuron by its error δ for one training point, and chart each layer\'s gradient size over the epochs.',
      checked: false, onChange: (on) => this.setOn(on) });
    this.key = el('p', { class: 'hint backprop-key', hidden: true },
      'Links: gradient dL/dw of the last step (blue positive, orange negative, thicker = larger, relative to the largest). ',
      'Rings: δ = dL/dz of each neuron for training point ', el('output', { class: 'traced-point' }, '–'), '.');
    this.linkChoice = el('select', { id: 'backprop-link', 'aria-label': 'Link to inspect',
      tip: 'Choose a link to read its weight, gradient, optimizer state and next update (the same as pointing at it).',
      onchange: () => this.chooseLink() });
    const chooser = el('div', { class: 'field inline backprop-link-field' },
      el('label', { for: 'backprop-link', tip: 'Choose a link to read its weight, gradient, optimizer state and next update.' }, 'Inspect link'), this.linkChoice);
    this.canvas = el('canvas', { id: 'gradient-norm-chart', role: 'img', 'aria-label': 'Gradient norm of each layer by epoch, log scale' });
    this.legend = el('span', { class: 'chart-key norm-key' });
    this.figure = el('figure', { class: 'chart gradient-norm', hidden: true },
      el('figcaption', {}, 'Gradient size per layer ', this.legend), this.canvas,
      el('p', { class: 'hint' }, 'The L2 norm of each layer\'s gradients at each step, on a log scale. Lines falling decade by decade towards the input = vanishing gradients; rising = exploding.'));
    this.details = el('div', { class: 'backprop-details', hidden: true }, this.key, chooser, this.figure);
    container.append(el('div', { class: 'backprop-view' }, toggle, this.details));
    this.chart = new ChartView(this.canvas, { yLabel: '‖dL/dθ‖', series: [],
      empty: 'Recorded while this view is on: press Play or Step epoch.', pad: { left: 60 } });
    this.chart.draw([], true);
  }

  setOn(on) {
    this.on = on;
    this.details.hidden = !on;
    this.key.hidden = !on;
    this.figure.hidden = !on;
    this.host.toggle(on);
    if (!on) {
      if (!this.host.linksTaken()) this.host.diagram.setLinkOverlay(null);
      this.clearRings();
    } else if (this.frame) this.draw();
  }

  setStructure(structure) {
    this.structure = structure;
    this.records = [];
    this.lastStep = -1;
    const layers = structure.neuronLayers;
    const name = (l) => (l === layers.length - 1 ? 'output' : `layer ${l + 1}`);
    this.chart.options.series = layers.map((_, l) => ({ key: `layer${l}`, label: name(l), colour: LAYER_COLOURS[l % LAYER_COLOURS.length] }));
    this.legend.replaceChildren(...layers.map((_, l) => el('span', {}, el('i', { class: 'swatch-line', style: `background:${LAYER_COLOURS[l % LAYER_COLOURS.length]}` }), ` ${name(l)}`)));
    this.fillLinkChoice();
    if (this.on) this.chart.draw(this.records, true);
  }

  fillLinkChoice() {
    const diagram = this.host.diagram;
    const options = [el('option', { value: '' }, '(point at a link, or choose one)')];
    diagram.links.forEach((link, i) => options.push(el('option', { value: String(i) }, diagram.linkName(link))));
    this.linkChoice.replaceChildren(...options);
  }

  chooseLink() {
    const diagram = this.host.diagram;
    const link = diagram.links[Number(this.linkChoice.value)] ?? null;
    diagram.setHovered(link);
  }

  /** A new frame from the worker; its backprop part is drawn when the view is on. */
  accept(frame) {
    if (!frame.backprop) return;
    this.frame = frame;
    const s = frame.backprop;
    if (s.step !== this.lastStep && this.structure) {
      this.lastStep = s.step;
      const record = { epoch: frame.epoch + (frame.batchesPerEpoch ? frame.batch / frame.batchesPerEpoch : 0) };
      this.structure.neuronLayers.forEach((n, l) => {
        record[`layer${l}`] = s.layerNorms[n.denseLayer];   // weights and biases of the dense layer
      });
      if (this.records.length && record.epoch < this.records.at(-1).epoch) this.records = [];
      this.records.push(record);
      if (this.records.length > MAX_RECORDS) this.records = this.records.filter((_, i) => i % 2 === 1);
    }
    if (this.on) this.draw();
  }

  draw() {
    const frame = this.frame;
    const diagram = this.host.diagram;
    if (this.host.linksTaken()) { this.chart.draw(this.records, true); return; }
    if (this.linkChoice.options.length !== diagram.links.length + 1) this.fillLinkChoice();
    const g = frame.backprop.gradients;
    let largest = 0;
    for (const link of diagram.links) largest = Math.max(largest, Math.abs(g[link.offset]) || 0);
    // The painter maps |value| to width 0.5 + 1.5·|value| and opacity 0.35 + 0.4·|value|:
    // scaled so the largest gradient on screen is drawn like a weight of 2.5.
    const scale = largest > 0 ? 2.5 / largest : 0;
    const values = new Float32Array(g.length);
    for (let i = 0; i < g.length; i++) values[i] = g[i] * scale;
    diagram.setLinkOverlay({ values, describe: (link, name) => describeLinkState(name, link.offset, frame, this.host.optimizer()) });
    this.drawRings(frame.trace);
    const now = performance.now();
    if (!frame.running || now - this.lastChart > 1000 / CHART_HZ) {
      this.lastChart = now;
      this.chart.draw(this.records, true);
    }
  }

  /** δ = dL/dz per neuron, for the traced point: a ring (colour = sign, width = size). */
  drawRings(trace) {
    if (!trace || !this.structure) return;
    this.key.querySelector('.traced-point').textContent = `#${trace.index + 1}`;
    const layers = this.structure.neuronLayers;
    let largest = 0;
    for (const n of layers) for (const d of trace.deltas[n.denseLayer] ?? []) largest = Math.max(largest, Math.abs(d));
    for (const column of this.host.diagram.columns.slice(1)) {
      const delta = trace.deltas[layers[column.layer].denseLayer];
      for (const n of column.nodes) {
        const d = delta?.[n.index];
        if (!Number.isFinite(d)) continue;
        const width = largest > 0 ? 1 + Math.round((4 * Math.abs(d)) / largest) : 1;
        n.node.style.boxShadow = `0 0 0 ${width}px ${d >= 0 ? POSITIVE : NEGATIVE}`;
        n.node.dataset.delta = String(d);
        n.node.setAttribute('aria-description', `error δ = ${formatNumber(d, 3)} for training point ${trace.index + 1}`);
      }
    }
  }

  clearRings() {
    for (const column of this.host.diagram.columns.slice(1)) {
      for (const n of column.nodes) {
        n.node.style.boxShadow = '';
        delete n.node.dataset.delta;
        n.node.removeAttribute('aria-description');
      }
    }
  }
}
