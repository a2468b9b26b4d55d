// The classifier's layer list: choose a preset, or add, remove, reorder and set up layers.
// Every row shows the shape after its layer while the learner edits (image-architecture.js);
// a layer that cannot fit its input is marked and named, and "Build" stays off until it is
// fixed. Build hands the list to the page, which asks the worker to rebuild the network; the
// engine checks again, and if it refuses, the list says why and the running network stays.
import {
  KINDS, PRESETS, INPUT_SHAPE, OUTPUT_CLASSES, newLayer, inferShapes, shapeText, parameterCount, sameLayers,
} from '../ground/image-architecture.js';

export class ArchitectureEditor {
  /**
   * @param {{root: HTMLElement, preset: HTMLSelectElement, addKind: HTMLSelectElement, add: HTMLButtonElement,
   *          build: HTMLButtonElement, message: HTMLElement, onBuild: (layers) => void}} options
   */
  constructor({ root, preset, addKind, add, build, message, onBuild }) {
    Object.assign(this, { root, preset, addKind, add, build, message, onBuild });
    this.draft = [];
    this.applied = [];
    this.disabled = false;
    for (const [name, p] of Object.entries(PRESETS)) preset.append(new Option(p.label, name));
    preset.append(new Option('custom (edited)', 'custom'));
    for (const [kind, k] of Object.entries(KINDS)) addKind.append(new Option(k.label, kind));
    preset.addEventListener('change', () => {
      if (!PRESETS[preset.value]) return;
      this.draft = structuredClone(PRESETS[preset.value].layers);
      this.render();
      this.onBuild(structuredClone(this.draft));
    });
    add.addEventListener('click', () => {
      // New layers go before the first Dense/Flatten (where image layers belong), or at the end.
      const kind = addKind.value;
      const flatAt = this.draft.findIndex((l) => l.kind === 'dense' || l.kind === 'flatten');
      const at = (kind === 'conv' || kind === 'pool') && flatAt >= 0 ? flatAt : this.draft.length;
      this.draft.splice(at, 0, newLayer(kind));
      this.render(at);
    });
    build.addEventListener('click', () => {
      if (!this.buildable()) return;
      this.onBuild(structuredClone(this.draft));
    });
  }

  /** The layers the network was built from (a rebuild, a loaded file or the address). */
  setApplied(layers) {
    this.applied = structuredClone(layers);
    this.draft = structuredClone(layers);
    this.render();
  }

  /** The engine refused the draft: say why; the network keeps its old layers. */
  refused(text) {
    this.showMessage(`Not built: ${text} The network still has its previous layers.`, true);
  }

  setDisabled(disabled) {
    this.disabled = disabled;
    this.render();
  }

  buildable() {
    return !this.disabled && !inferShapes(this.draft).error && !sameLayers(this.draft, this.applied);
  }

  showMessage(text, isError) {
    this.message.textContent = text;
    this.message.classList.toggle('error', Boolean(isError));
  }

  render(focusRow = -1) {
    const { shapes, error } = inferShapes(this.draft);
    const preset = Object.entries(PRESETS).find(([, p]) => sameLayers(p.layers, this.draft));
    this.preset.value = preset ? preset[0] : 'custom';
    this.root.replaceChildren(
      row({ label: 'Input', tip: 'One Fashion-MNIST image: 1 channel (grey), 28×28 pixels', shape: INPUT_SHAPE }),
      ...this.draft.map((layer, i) => this.layerRow(layer, i, shapes[i], error?.index === i ? error.message : null)),
      row({ label: `Output: Dense ${OUTPUT_CLASSES} + softmax`, tip: 'Always last: one probability per class (an image is flattened first)', shape: error ? null : [OUTPUT_CLASSES] }),
    );
    if (focusRow >= 0) this.root.children[focusRow + 1]?.querySelector('input, select, button')?.focus();
    for (const b of [this.build, this.add, this.addKind, this.preset]) b.disabled = this.disabled;
    this.build.disabled = !this.buildable();
    if (error) {
      this.showMessage(`${capitalize(error.message)}.`, true);
    } else {
      const count = parameterCount(this.draft);
      const changed = !sameLayers(this.draft, this.applied);
      this.showMessage(`${count.toLocaleString('en')} weights and biases.${changed ? ' Press Build to train this network (training restarts).' : ''}`, false);
    }
  }

  layerRow(layer, i, shape, problem) {
    const k = KINDS[layer.kind];
    const li = row({ label: `${i + 1}. ${k.label}`, tip: k.tip, shape: problem ? null : shape });
    if (problem) li.classList.add('refused');
    const fields = li.querySelector('.arch-fields');
    for (const f of k.fields) {
      const id = `arch-${i}-${f.key}`;
      const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: f.label });
      label.dataset.tip = f.tip;
      let input;
      if (f.choices) {
        input = document.createElement('select');
        for (const c of f.choices) input.append(new Option(c, c));
        input.value = layer[f.key];
      } else {
        input = Object.assign(document.createElement('input'), { type: 'number', min: f.min, max: f.max, step: f.step ?? 1, value: layer[f.key] });
        input.inputMode = f.step ? 'decimal' : 'numeric';
      }
      input.id = id;
      input.dataset.tip = f.tip;
      input.disabled = this.disabled;
      input.addEventListener('change', () => {
        if (f.choices) {
          layer[f.key] = input.value;
        } else {
          const v = Number(input.value);
          if (!Number.isFinite(v) || v < f.min || v > f.max || (!f.step && !Number.isInteger(v))) {
            this.showMessage(`Layer ${i + 1} (${k.label}): ${f.label} must be ${f.step ? 'a number' : 'a whole number'} from ${f.min} to ${f.max}.`, true);
            input.value = layer[f.key];
            return;
          }
          layer[f.key] = v;
        }
        this.render();
        document.getElementById(id)?.focus();
      });
      const wrap = document.createElement('span');
      wrap.className = 'arch-field';
      wrap.append(label, input);
      fields.append(wrap);
    }
    const tools = li.querySelector('.arch-tools');
    const button = (text, tip, enabled, act) => {
      const b = Object.assign(document.createElement('button'), { type: 'button', textContent: text, disabled: this.disabled || !enabled });
      b.dataset.tip = tip;
      b.setAttribute('aria-label', tip);
      b.addEventListener('click', act);
      tools.append(b);
    };
    const move = (to) => () => {
      const [l] = this.draft.splice(i, 1);
      this.draft.splice(to, 0, l);
      this.render(to);
    };
    button('↑', `Move layer ${i + 1} up`, i > 0, move(i - 1));
    button('↓', `Move layer ${i + 1} down`, i < this.draft.length - 1, move(i + 1));
    button('✕', `Remove layer ${i + 1}`, true, () => { this.draft.splice(i, 1); this.render(Math.min(i, this.draft.length - 1)); });
    return li;
  }
}

function row({ label, tip, shape }) {
  const li = document.createElement('li');
  li.className = 'arch-row';
  const name = Object.assign(document.createElement('span'), { className: 'arch-name', textContent: label });
  name.dataset.tip = tip;
  const fields = Object.assign(document.createElement('span'), { className: 'arch-fields' });
  const out = Object.assign(document.createElement('output'), { className: 'arch-shape', textContent: shape ? `→ ${shapeText(shape)}` : '→ ✗' });
  out.dataset.tip = shape ? (shape.length === 3 ? 'Shape after this layer: channels × height × width' : 'Shape after this layer: number of values') : 'This layer does not fit its input';
  const tools = Object.assign(document.createElement('span'), { className: 'arch-tools' });
  li.append(name, fields, out, tools);
  return li;
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
