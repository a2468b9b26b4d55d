// The editable layer list: one row per layer (kind and its settings), remove and add buttons.
// Every change hands the whole new list to onChange; the engine validates it and names the
// layer when shapes do not fit.
export const LAYER_KINDS = {
  embedding: { label: 'Embedding', tip: 'Token ids → learned vectors', fields: [['vocabulary', 'tokens', 'int', 'How many different tokens'], ['dimension', 'size', 'int', 'Length of each token vector']] },
  positional_encoding: { label: 'Positions', tip: 'Adds a position signal to every step, so attention can tell the steps apart', fields: [['encoding', 'kind', ['learned', 'sinusoidal'], 'learned: a trained vector per step; sinusoidal: fixed sines and cosines']] },
  simple_rnn: { label: 'Simple RNN', tip: 'h = tanh(x·W + h_prev·U + b): forgets over long sequences', fields: 'recurrent' },
  lstm: { label: 'LSTM', tip: 'Gated memory cell: input, forget and output gates', fields: 'recurrent' },
  gru: { label: 'GRU', tip: 'Update and reset gates: lighter than the LSTM', fields: 'recurrent' },
  self_attention: { label: 'Attention', tip: 'Every step takes a weighted mix of every step', fields: [['heads', 'heads', 'int', 'Independent attention patterns (1–4)'], ['causal', 'causal', 'bool', 'Only look at earlier steps']] },
  transformer_block: { label: 'Transformer', tip: 'Attention + feed-forward, each with a residual and layer norm', fields: [['heads', 'heads', 'int', 'Attention heads (1–4)'], ['ffUnits', 'ff', 'int', 'Width of the feed-forward layer'], ['causal', 'causal', 'bool', 'Only look at earlier steps']] },
  layer_norm: { label: 'Layer norm', tip: 'Each step rescaled to mean 0, variance 1', fields: [] },
  dense_per_step: { label: 'Dense per step', tip: 'The same dense layer at every step: an answer per step', fields: [['units', 'units', 'int', 'Outputs per step']] },
  flatten: { label: 'Flatten', tip: 'All steps in one row of features', fields: [] },
  dense: { label: 'Dense', tip: 'Fully connected: one answer for the whole sequence', fields: [['units', 'units', 'int', 'Outputs']] },
};
const RECURRENT = [['units', 'units', 'int', 'Size of the state carried from step to step'],
  ['returnSequences', 'every step', 'bool', 'Output the state at every step (needed before a per-step layer)']];
const DEFAULTS = { embedding: { vocabulary: 8, dimension: 16 }, positional_encoding: { encoding: 'learned' },
  simple_rnn: { units: 16 }, lstm: { units: 16 }, gru: { units: 16 }, self_attention: { heads: 1 },
  transformer_block: { heads: 2, ffUnits: 64 }, dense_per_step: { units: 8 }, dense: { units: 2 } };

function fieldsOf(kind) {
  const f = LAYER_KINDS[kind]?.fields ?? [];
  return f === 'recurrent' ? RECURRENT : f;
}

function control(layer, [key, label, type, tip], id, update) {
  const wrap = document.createElement('label');
  wrap.className = 'seq-setting';
  wrap.dataset.tip = tip;
  wrap.htmlFor = id;
  const text = document.createElement('span');
  text.textContent = label;
  let input;
  if (Array.isArray(type)) {
    input = document.createElement('select');
    for (const v of type) input.append(new Option(v, v));
    input.value = layer[key] ?? type[0];
    input.addEventListener('change', () => update({ [key]: input.value }));
  } else if (type === 'bool') {
    input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = Boolean(layer[key]);
    input.addEventListener('change', () => update({ [key]: input.checked }));
  } else {
    input = document.createElement('input');
    input.type = 'number';
    input.min = '1';
    input.step = '1';
    input.value = layer[key] ?? '';
    input.addEventListener('change', () => { const v = Math.round(Number(input.value)); if (v >= 1) update({ [key]: v }); });
  }
  input.id = id;
  wrap.append(text, input);
  return wrap;
}

/** Fills `root` with the rows of `layers`; onChange(newLayers) after every edit. */
export function renderLayerList(root, layers, onChange) {
  root.replaceChildren();
  const set = (i, patch) => onChange(layers.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  layers.forEach((layer, i) => {
    const row = document.createElement('div');
    row.className = 'seq-layer';
    const index = document.createElement('span');
    index.className = 'seq-layer-index';
    index.textContent = String(i + 1);
    const kind = document.createElement('select');
    kind.id = `seq-layer-${i}-kind`;
    kind.setAttribute('aria-label', `Layer ${i + 1} kind`);
    kind.dataset.tip = LAYER_KINDS[layer.kind]?.tip ?? 'Layer kind';
    for (const [value, k] of Object.entries(LAYER_KINDS)) kind.append(new Option(k.label, value));
    if (!LAYER_KINDS[layer.kind]) kind.append(new Option(layer.kind, layer.kind));
    kind.value = layer.kind;
    kind.addEventListener('change', () => onChange(layers.map((l, k) => (k === i ? { kind: kind.value, ...(DEFAULTS[kind.value] ?? {}) } : l))));
    const settings = document.createElement('div');
    settings.className = 'seq-layer-settings';
    for (const f of fieldsOf(layer.kind)) settings.append(control(layer, f, `seq-layer-${i}-${f[0]}`, (patch) => set(i, patch)));
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'seq-remove';
    remove.textContent = '×';
    remove.setAttribute('aria-label', `Remove layer ${i + 1}`);
    remove.dataset.tip = `Remove layer ${i + 1}`;
    remove.disabled = layers.length <= 1;
    remove.addEventListener('click', () => onChange(layers.filter((_, k) => k !== i)));
    row.append(index, kind, settings, remove);
    root.append(row);
  });
  const add = document.createElement('button');
  add.type = 'button';
  add.className = 'seq-add';
  add.textContent = '+ layer';
  add.dataset.tip = 'Insert an LSTM layer before the output layer';
  add.disabled = layers.length >= 12;
  add.addEventListener('click', () => onChange([...layers.slice(0, -1), { kind: 'lstm', units: 16, returnSequences: true }, ...layers.slice(-1)]));
  root.append(add);
}
