// The stages of one back-propagation step for the step-through, from a trace
// (Session.traceSample) and the network's structure (describe()): pure data, no DOM.
//   input → forward through each neuron layer → loss → error δ back through each layer,
//   output first → the update.
// Each stage names the diagram column it highlights, the value shown at each of its nodes,
// what the links show (gradients or updates, or nothing) and rows for the numbers table.
import { formatNumber } from '../ground/validate.js';

const f = (v) => formatNumber(v, 4);

/** names: { layer(l), neuron(l, j) } from the diagram's wording. */
export function backpropStages(trace, structure, names) {
  const layers = structure.neuronLayers;
  const last = layers.length - 1;
  const stages = [];
  stages.push({
    title: 'Input',
    text: `Training point #${trace.index + 1} enters the network as ${trace.input.length} input value${trace.input.length === 1 ? '' : 's'}.`,
    column: 0, values: Array.from(trace.input), links: null,
    head: ['input', 'value'], rows: Array.from(trace.input, (v, i) => [names.input(i), f(v)]),
  });
  layers.forEach((n, l) => {
    const z = trace.outputs[n.denseLayer], a = trace.outputs[n.outputLayer];
    stages.push({
      title: `Forward: ${names.layer(l)}`,
      text: `Each neuron adds up its weighted inputs and its bias, z = Σ w·a + b, then applies ${n.activation}: a = ${n.activation}(z).`,
      column: l + 1, values: Array.from(a), links: null,
      head: ['neuron', 'z (weighted sum)', `a = ${n.activation}(z)`],
      rows: Array.from(a, (v, j) => [names.neuron(l, j), f(z[j]), f(v)]),
    });
  });
  const out = trace.outputs[layers[last].outputLayer];
  stages.push({
    title: 'Loss',
    text: `The output is compared with the target: ${structure.loss.replaceAll('_', ' ')} = ${f(trace.loss)} for this point.`,
    column: last + 1, values: Array.from(out), links: null,
    head: ['output', 'value', 'target'], rows: Array.from(out, (v, j) => [names.neuron(last, j), f(v), f(trace.target[j])]),
  });
  for (let l = last; l >= 0; l--) {
    const n = layers[l];
    const delta = trace.deltas[n.denseLayer];
    const text = l === last
      ? (trace.deltas[n.outputLayer]?.length === 0
        ? 'The error starts at the output: for this activation and loss, δ = dL/dz = output − target.'
        : `The error starts at the output: δ = dL/dz = dL/da · ${n.activation}′(z).`)
      : `The error flows back through the weights: δ = (Σ over the next layer of w·δ) · ${n.activation}′(z). The links into this layer carry dL/dw = a(input) · δ.`;
    stages.push({
      title: `Backward: ${names.layer(l)}`, text, column: l + 1, values: Array.from(delta), links: { kind: 'gradients', layer: l },
      head: ['neuron', 'δ = dL/dz', 'dL/db'], rows: Array.from(delta, (d, j) => [names.neuron(l, j), f(d), f(trace.gradients[n.biasOffset + j])]),
    });
  }
  const top = largestUpdates(trace, layers, 8);
  stages.push({
    title: 'Update',
    text: 'The optimizer turns each gradient into a change of its weight (links: the change Δw; the optimizer\'s state is read, not changed, until training goes on).',
    column: null, values: null, links: { kind: 'update' },
    head: ['parameter', 'gradient', 'change Δ'], rows: top.map(({ name, g, u }) => [name(names), f(g), f(u)]),
  });
  return stages;
}

/** The `count` parameters the update moves most, with names. */
function largestUpdates(trace, layers, count) {
  const all = [];
  layers.forEach((n, l) => {
    for (let to = 0; to < n.units; to++) {
      for (let from = 0; from < n.inputs; from++) {
        const i = n.weightOffset + to * n.inputs + from;
        all.push({ i, name: (names) => `w ${names.source(l, from)} → ${names.neuron(l, to)}` });
      }
      all.push({ i: n.biasOffset + to, name: (names) => `bias of ${names.neuron(l, to)}` });
    }
  });
  for (const p of all) { p.g = trace.gradients[p.i]; p.u = trace.update[p.i]; }
  return all.sort((a, b) => Math.abs(b.u) - Math.abs(a.u)).slice(0, count);
}
