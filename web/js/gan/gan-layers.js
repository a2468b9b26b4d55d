// An editable layer stack (neurons and activation per hidden layer; add/remove).
import { ACTIVATIONS } from './gan-state.js';

export function renderLayerStack(container, layers, name, onChange) {
  container.replaceChildren();
  layers.forEach((layer, i) => {
    const row = document.createElement('div');
    row.className = 'gan-layer';
    const units = document.createElement('input');
    Object.assign(units, { type: 'number', min: 1, max: 256, value: layer.units });
    units.id = `${name}-units-${i}`;
    units.title = `Neurons in ${name} hidden layer ${i + 1} (1–256)`;
    units.setAttribute('aria-label', units.title);
    units.addEventListener('change', () => {
      const v = Math.min(256, Math.max(1, Math.round(Number(units.value) || 1)));
      onChange(layers.map((l, j) => (j === i ? { ...l, units: v } : l)));
    });
    const act = document.createElement('select');
    act.title = `Activation of ${name} hidden layer ${i + 1}`;
    act.setAttribute('aria-label', act.title);
    for (const a of ACTIVATIONS) act.add(new Option(a.replace('_', ' '), a, false, a === layer.activation));
    act.addEventListener('change', () => onChange(layers.map((l, j) => (j === i ? { ...l, activation: act.value } : l))));
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '×';
    remove.title = `Remove ${name} hidden layer ${i + 1}`;
    remove.setAttribute('aria-label', remove.title);
    remove.addEventListener('click', () => onChange(layers.filter((_, j) => j !== i)));
    const label = document.createElement('span');
    label.className = 'gan-layer-index';
    label.textContent = `${i + 1}`;
    row.append(label, units, act, remove);
    container.append(row);
  });
  const add = document.createElement('button');
  add.type = 'button';
  add.className = 'gan-add';
  add.textContent = '+ layer';
  add.title = `Add a hidden layer to the ${name} (at most 8)`;
  add.disabled = layers.length >= 8;
  add.addEventListener('click', () => onChange([...layers, { units: 16, activation: 'relu' }]));
  container.append(add);
}
