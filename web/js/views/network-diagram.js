// The network diagram: a column of input features, one column per layer, every neuron drawn
// as a thumbnail of its response over the input plane, links coloured by the sign of their
// weight (blue positive, orange negative) and as thick as its size, biases as small squares.
// Input nodes toggle features; hovering/focusing a node shows it large on the surface;
// clicking a neuron or a link opens the weight editor. Drawing: diagram-painter.js.
import { FEATURES } from '../ground/catalog.js';
import { CLASS_TABLES, DIVERGING } from '../ground/palette.js';
import { el } from './form.js';
import { neuronRange } from './heatmap.js';
import { featureGrids } from './feature-grids.js';
import { DiagramPainter, faded } from './diagram-painter.js';

const HEAD = 44;  // px above the first row: column headings
const FADED = faded(DIVERGING);

export class NetworkDiagram {
  /** handlers: { toggleFeature(id), hover(selection|null), editNeuron(ref, anchor), editLink(ref, anchor) } */
  constructor(container, handlers) {
    this.container = container;
    this.handlers = handlers;
    const linkCanvas = el('canvas', { class: 'links', 'aria-hidden': 'true' });
    const thumbCanvas = el('canvas', { class: 'thumbs', 'aria-hidden': 'true' });
    this.painter = new DiagramPainter(linkCanvas, thumbCanvas);
    this.layer = el('div', { class: 'nodes' });
    this.linkInfo = el('p', { class: 'hint link-info' }, 'Point at a link to read its weight; click it to edit.');
    // The stage is as wide as the container: deep networks get smaller nodes (layout()).
    this.stage = el('div', { class: 'diagram-stage' }, linkCanvas, thumbCanvas, this.layer);
    container.append(this.stage);
    container.after(this.linkInfo);
    this.columns = [];
    this.links = [];
    this.hovered = null;
    this.parameters = null;
    this.overlay = null;   // { values, describe(link) }: drawn on the links instead of the weights (backprop view)
    // Links are hit-tested on the canvas: the nodes (buttons) above catch their own events.
    this.stage.addEventListener('pointermove', (e) => this.pointAt(e));
    this.stage.addEventListener('pointerleave', () => this.setHovered(null));
    this.stage.addEventListener('click', (e) => {
      if (e.target.closest('.node')) return;
      const link = this.linkAt(e);
      if (link) this.handlers.editLink({ layer: link.layer, from: link.from, to: link.to }, pointAnchor(e));
    });
    new ResizeObserver(() => this.layout()).observe(container);
  }

  /** Rebuilds the diagram for a network (structure = engine describe()). */
  setStructure(structure, activeFeatures, bounds, resolution, hiddenInfo = []) {
    this.structure = structure;
    this.resolution = resolution;
    this.layer.replaceChildren();
    this.columns = [];
    this.hovered = null;
    const usesFeatures = structure.dimensions === 2;
    this.featureMaps = usesFeatures ? featureGrids(bounds, resolution) : null;

    const inputs = usesFeatures ? FEATURES.map((f, i) => {
      const on = activeFeatures.includes(f.id);
      const node = el('button', {
        class: `node input${on ? ' on' : ''}`, 'aria-pressed': String(on), 'aria-label': `Input ${f.label}`,
        tip: `${f.tip} ${on ? 'In use: click to remove it from the inputs.' : 'Not used: click to add it to the inputs.'}`,
        onclick: () => this.handlers.toggleFeature(f.id),
      });
      this.hoverable(node, () => ({ label: `the input ${f.label}`, source: () => this.featureSource(i) }));
      return { node, on, label: el('span', { class: 'node-label' }, f.label), index: i };
    }) : [];
    this.columns.push({ ...heading(['Input', `${structure.inputs} active`], ['In', String(structure.inputs)]), nodes: inputs });

    structure.neuronLayers.forEach((layer, l) => {
      const output = l === structure.neuronLayers.length - 1;
      const extra = hiddenInfo[l];
      const detail = `${layer.units} × ${layer.activation}${extra?.dropout ? `, drop ${extra.dropout}` : ''}${extra?.batchNorm ? ', BN' : ''}`;
      const nodes = [];
      for (let j = 0; j < layer.units; j++) {
        const name = output ? (layer.units > 1 ? `output for class ${j}` : 'the output neuron') : `layer ${l + 1}, neuron ${j + 1}`;
        const node = el('button', {
          class: `node${output ? ' output' : ''}`, 'aria-label': capitalise(name),
          tip: `${capitalise(name)} (${layer.activation}): its response over the input plane. Hover or focus to see it large; click to read and edit its bias and incoming weights.`,
          onclick: () => this.handlers.editNeuron({ layer: l, unit: j, name }, node),
        });
        this.hoverable(node, () => ({ label: name, source: (grid) => this.neuronSource(grid, l, j) }));
        nodes.push({ node, index: j });
      }
      this.columns.push({ ...heading([output ? 'Output' : `Layer ${l + 1}`, detail], [output ? 'Out' : `L${l + 1}`, String(layer.units)]), nodes, layer: l });
    });
    for (const column of this.columns) {
      this.layer.append(column.head);
      for (const n of column.nodes) this.layer.append(n.node, ...(n.label ? [n.label] : []));
    }
    this.layout();
  }

  hoverable(node, selection) {
    const enter = () => this.handlers.hover(selection());
    const leave = () => this.handlers.hover(null);
    node.addEventListener('pointerenter', enter);
    node.addEventListener('pointerleave', leave);
    node.addEventListener('focus', enter);
    node.addEventListener('blur', leave);
  }

  featureSource(i) {
    const grid = this.featureMaps[i];
    const [lo, hi] = neuronRange('linear', grid, 0, grid.length);
    return { grid, offset: 0, lo, hi, resolution: this.resolution };
  }

  neuronSource(frameGrid, l, j) {
    const grid = frameGrid.neurons[l];
    if (!grid) return null;
    const rows = frameGrid.rows;
    const [lo, hi] = neuronRange(this.structure.neuronLayers[l].activation, grid, j * rows, rows);
    return { grid, offset: j * rows, lo, hi, resolution: frameGrid.resolution };
  }

  layout() {
    const available = this.container.clientWidth;
    if (!available || !this.structure) return;
    const compact = available < 480;
    const maxRows = Math.max(...this.columns.map((c) => c.nodes.length), 1);
    const left = this.featureMaps ? (compact ? 44 : 54) : 8;
    const right = compact ? 26 : 34;  // room for the output column's heading
    const gaps = Math.max(1, this.columns.length - 1);
    // Tall layers get smaller nodes so a 16-neuron layer still fits on a screen; many layers
    // get smaller ones too, so that the diagram fits its panel's width (no sideways scrolling):
    // a node takes at most 60 % of a column's span, the rest is for its links.
    const byRows = maxRows > 10 ? (compact ? 24 : 28) : compact ? 30 : 36;
    const byWidth = Math.floor((0.6 * (available - left - right)) / (gaps + 0.6));
    const size = Math.max(12, Math.min(byRows, byWidth));
    const gap = maxRows > 10 ? 6 : compact ? 8 : 10;
    const height = HEAD + maxRows * (size + gap) + 8;
    const width = available;
    const span = (width - left - right - size) / gaps;
    // Headings shorten where the full ones ("Layer 3", "16 × tanh") would run into each other.
    const short = span < 66;
    for (const column of this.columns) column.head.replaceChildren(...(short ? column.shortHead : column.fullHead));
    this.stage.style.width = `${width}px`;
    this.stage.style.height = `${height}px`;
    this.size = size;
    this.columns.forEach((column, c) => {
      const x = Math.round(left + c * span);
      const top = HEAD + ((maxRows - column.nodes.length) * (size + gap)) / 2;
      column.head.style.left = `${x + size / 2}px`;
      for (const [k, n] of column.nodes.entries()) {
        n.x = x;
        n.y = Math.round(top + k * (size + gap));
        Object.assign(n.node.style, { left: `${n.x}px`, top: `${n.y}px`, width: `${size}px`, height: `${size}px` });
        if (n.label) Object.assign(n.label.style, { left: `${n.x - 6}px`, top: `${n.y + size / 2}px` });
      }
    });
    const neurons = this.columns.reduce((sum, c) => sum + c.nodes.length, 0);
    this.painter.resize(width, height, neurons <= 40);
    // Links run from the active inputs (in feature order) and from each layer's neurons.
    const sources = [this.columns[0].nodes.filter((n) => n.on), ...this.columns.slice(1).map((c) => c.nodes)];
    if (!this.featureMaps) sources[0] = this.columns[1]?.nodes.map((n) => ({ x: left - size, y: n.y })) ?? [];
    const links = [], biases = [];
    this.structure.neuronLayers.forEach((layer, l) => {
      const targets = this.columns[l + 1].nodes;
      for (let to = 0; to < layer.units; to++) {
        const b = targets[to];
        biases.push({ x: b.x - 8, y: b.y + size - 6, offset: layer.biasOffset + to });
        for (let from = 0; from < layer.inputs; from++) {
          const a = sources[l][from];
          if (!a) continue;
          links.push({ layer: l, from, to, offset: layer.weightOffset + to * layer.inputs + from,
            x1: a.x + size, y1: a.y + size / 2, x2: b.x, y2: b.y + size / 2 });
        }
      }
    });
    this.links = links;
    this.painter.setGeometry(links, biases);
    this.painter.clearThumbs();
    this.paintFeatures();
    this.painter.drawLinks(this.linkValues(), this.hovered);
    if (this.lastGrid) this.update(this.lastGrid, this.parameters);
  }

  paintFeatures() {
    if (!this.featureMaps) return;
    this.painter.drawThumbs(this.columns[0].nodes.map((n) => {
      const s = this.featureSource(n.index);
      return { x: n.x, y: n.y, size: this.size, grid: s.grid, offset: 0, res: this.resolution, lo: s.lo, hi: s.hi, lut: n.on ? DIVERGING : FADED };
    }));
  }

  /** Per frame: thumbnails from the grid, links and biases from the parameters. */
  update(frameGrid, parameters) {
    if (!this.structure || this.size === undefined) return;
    this.lastGrid = frameGrid;
    this.parameters = parameters;
    const rows = frameGrid.rows;
    const last = this.structure.neuronLayers.length - 1;
    const jobs = [];
    for (const column of this.columns.slice(1)) {
      const grid = frameGrid.neurons[column.layer];
      if (!grid) continue;
      const activation = this.structure.neuronLayers[column.layer].activation;
      // Several outputs (one per class): white → that class's colour, like the surface.
      const perClass = column.layer === last && column.nodes.length > 1 && this.structure.task === 'multiclass';
      for (const n of column.nodes) {
        const [lo, hi] = perClass ? [0, 1] : neuronRange(activation, grid, n.index * rows, rows);
        jobs.push({ x: n.x, y: n.y, size: this.size, grid, offset: n.index * rows, res: frameGrid.resolution, lo, hi,
          lut: perClass ? CLASS_TABLES[n.index % CLASS_TABLES.length] : DIVERGING });
      }
    }
    this.painter.drawThumbs(jobs);
    this.painter.drawLinks(this.linkValues(), this.hovered);
    if (this.hovered) this.describeLink(this.hovered);
  }

  linkAt(event) {
    const r = this.stage.getBoundingClientRect();
    return this.painter.hitLink(event.clientX - r.left, event.clientY - r.top);
  }

  pointAt(event) {
    if (event.target.closest('.node')) { this.setHovered(null); return; }
    this.setHovered(this.linkAt(event));
  }

  setHovered(link) {
    if (link === this.hovered) return;
    this.hovered = link;
    this.stage.style.cursor = link ? 'pointer' : '';
    this.painter.drawLinks(this.linkValues(), link);
    if (link) this.describeLink(link);
    else this.linkInfo.textContent = 'Point at a link to read its weight; click it to edit.';
  }

  /**
   * Draws another quantity on the links (same palette and width rules as weights), e.g. the
   * backprop view's gradients; overlay = { values (laid out like the parameters), describe(link, name) } or null.
   */
  setLinkOverlay(overlay) {
    this.overlay = overlay;
    this.painter.drawLinks(this.linkValues(), this.hovered);
    if (this.hovered) this.describeLink(this.hovered);
  }

  linkValues() {
    return this.overlay?.values ?? this.parameters;
  }

  describeLink(link) {
    if (this.overlay) { this.linkInfo.textContent = this.overlay.describe(link, this.linkName(link)); return; }
    const w = this.parameters?.[link.offset];
    this.linkInfo.textContent = `${this.linkName(link)}: weight ${Number.isFinite(w) ? w.toFixed(3) : String(w)}. Click to edit.`;
  }

  /** Names the two ends of a link for the read-out and the weight editor. */
  linkName({ layer, from, to }) {
    const activeInputs = this.columns[0].nodes.filter((n) => n.on);
    const source = layer === 0
      ? (this.featureMaps ? `input ${FEATURES[activeInputs[from]?.index]?.label}` : `input ${from + 1}`)
      : `layer ${layer}, neuron ${from + 1}`;
    const last = layer === this.structure.neuronLayers.length - 1;
    const units = this.structure.neuronLayers[layer].units;
    const target = last ? (units > 1 ? `output ${to}` : 'the output') : `layer ${layer + 1}, neuron ${to + 1}`;
    return `${source} → ${target}`;
  }
}

/** A column heading and its two texts: [title, detail] in full and shortened for narrow columns. */
function heading(full, short) {
  const texts = ([title, detail]) => [title, el('small', {}, detail)];
  return { head: el('div', { class: 'col-head' }), fullHead: texts(full), shortHead: texts(short) };
}

/** Something the weight editor can sit next to: the point that was clicked. */
function pointAnchor(event) {
  const { clientX: x, clientY: y } = event;
  return { getBoundingClientRect: () => ({ left: x - 4, right: x + 4, top: y - 4, bottom: y + 4, width: 8, height: 8 }), isConnected: false };
}

function capitalise(text) {
  return text[0].toUpperCase() + text.slice(1);
}
