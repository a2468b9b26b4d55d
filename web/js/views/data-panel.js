// The Data panel: data set thumbnails, noise / points / test share / seed / classes, and the
// point editor (add or remove mode, class picker, clear, CSV import, paste and export).
import { DATASETS, MULTICLASS_KINDS, datasetEntry } from '../ground/catalog.js';
import { CLASS_COLORS, CLASS_NAMES, DIVERGING } from '../ground/palette.js';
import { RULES } from '../ground/rules.js';
import { classCount, taskOf } from '../ground/state.js';
import { el, field, numberInput, syncValue } from './form.js';

const GROUPS = [
  { title: 'Two classes', ids: ['circle', 'xor', 'gaussians', 'spiral', 'moons', 'and', 'or', 'xor_gate'] },
  { title: 'Several classes', ids: ['blobs3', 'blobs4', 'spiral3', 'spiral4'] },
  { title: 'Regression', ids: ['plane', 'bumps'] },
];

export class DataPanel {
  /**
   * actions: { update(mutator), selectDataset(entry), regenerate(), clearPoints(),
   *            importCsv(text, sourceName), exportCsv() }
   */
  constructor(root, store, actions) {
    this.store = store;
    this.actions = actions;
    const s = store.state;
    this.thumbs = new Map();
    const gallery = el('div', { class: 'gallery' }, GROUPS.map((g) => el('div', { class: 'gallery-group', role: 'group', 'aria-label': g.title },
      el('h3', {}, g.title),
      el('div', { class: 'gallery-items' }, g.ids.map((id) => {
        const entry = DATASETS.find((d) => d.id === id);
        const canvas = el('canvas', { width: 64, height: 64, 'aria-hidden': 'true' });
        const button = el('button', { class: 'thumb', 'aria-pressed': 'false', tip: entry.tip, onclick: () => actions.selectDataset(entry) },
          canvas, el('span', {}, entry.label));
        this.thumbs.set(id, { button, canvas, entry });
        return button;
      })))));

    const update = actions.update;
    this.noise = el('input', { type: 'range', min: 0, max: 1, step: 0.05, oninput: () => {
      this.noiseValue.textContent = this.noise.value;
      update((d) => { d.data.noise = Number(this.noise.value); });
    } });
    this.noiseValue = el('output', { for: 'noise', class: 'range-value' });
    this.test = el('input', { type: 'range', min: 0, max: 90, step: 5, oninput: () => {
      this.testValue.textContent = `${this.test.value} %`;
      update((d) => { d.data.testPercent = Number(this.test.value); });
    } });
    this.testValue = el('output', { for: 'test-share', class: 'range-value' });
    this.points = numberInput({ rule: RULES.points, value: s.data.points, onCommit: (v) => update((d) => { d.data.points = v; }) });
    this.seed = numberInput({ rule: RULES.seed, value: s.data.seed, onCommit: (v) => update((d) => { d.data.seed = v; }) });
    this.classes = numberInput({ rule: RULES.classes, value: s.data.classes, onCommit: (v) => update((d) => { d.data.classes = v; }) });
    this.classesField = field({ id: 'classes', label: 'Classes', tip: 'How many classes (clusters or spiral arms), 2 to 8.', control: this.classes });
    this.generatedFields = [
      rangeField({ id: 'noise', label: 'Noise', tip: 'Standard deviation of the random jitter added to each point, in input units (the gates: ×0.1).', control: this.noise, output: this.noiseValue }),
      field({ id: 'points', label: 'Points', tip: 'How many points to generate (4 to 5000); for a gate, jittered copies of its 4 corners (4 = the bare truth table).', control: this.points }),
    ];

    // Point editing.
    this.mode = 'add';
    this.addMode = el('input', { type: 'radio', name: 'edit-mode', id: 'mode-add', value: 'add', checked: true, onchange: () => { this.mode = 'add'; } });
    this.removeMode = el('input', { type: 'radio', name: 'edit-mode', id: 'mode-remove', value: 'remove', onchange: () => { this.mode = 'remove'; } });
    this.classPicker = el('div', { class: 'class-picker', role: 'radiogroup', 'aria-label': 'Class of new points' });
    this.selectedClass = 0;
    this.valueInput = numberInput({ rule: RULES.customValue, value: 0.5, onCommit: (v) => { this.newValue = v; } });
    this.newValue = 0.5;
    this.valueField = field({ id: 'new-value', label: 'Value of new points', tip: 'The target value a clicked point gets (regression).', control: this.valueInput });
    const file = el('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv,text/plain', class: 'visually-hidden', onchange: async () => {
      const f = file.files[0];
      if (f) actions.importCsv(await f.text(), f.name);
      file.value = '';
    } });
    const paste = el('textarea', { id: 'csv-text', rows: 4, spellcheck: 'false', placeholder: 'x1,x2,label\n1.5,-2,0\n-3,0.5,1' });
    this.pointCount = el('p', { class: 'hint', 'aria-live': 'polite' });

    root.append(
      el('h2', { id: 'data-title' }, 'Data'),
      gallery,
      el('div', { class: 'field-grid' },
        ...this.generatedFields,
        rangeField({ id: 'test-share', label: 'Test share', tip: 'Share of the points held out to measure generalisation (0 to 90 %). They are drawn with a dark outline.', control: this.test, output: this.testValue }),
        field({ id: 'data-seed', label: 'Seed', tip: 'Random seed of the data set and of the train/test split.', control: this.seed }),
        this.classesField),
      el('button', { id: 'regenerate', class: 'wide', tip: 'Draw a new data set (next seed). Custom points are replaced.', onclick: actions.regenerate }, 'Regenerate'),
      el('fieldset', { class: 'editor' },
        el('legend', {}, 'Edit points'),
        el('p', { class: 'hint' }, 'Click the surface to add a point; shift-click adds the next class; right-click removes.'),
        el('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Click mode' },
          el('label', { for: 'mode-add', tip: 'A click on the surface adds a point' }, this.addMode, el('span', {}, 'Add')),
          el('label', { for: 'mode-remove', tip: 'A click on the surface removes the nearest point' }, this.removeMode, el('span', {}, 'Remove'))),
        this.classPicker,
        this.valueField,
        this.pointCount,
        el('div', { class: 'button-row' },
          el('button', { id: 'clear-points', tip: 'Remove every point, to draw your own data set', onclick: actions.clearPoints }, 'Clear'),
          el('label', { class: 'button', for: 'csv-file', tabindex: '0', role: 'button', tip: 'Load points from a CSV file: x1,x2,label per line',
            onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); file.click(); } } }, 'Import CSV…'),
          file,
          el('button', { id: 'export-csv', tip: 'Download the current points as a CSV file', onclick: actions.exportCsv }, 'Export CSV')),
        el('details', { class: 'paste' },
          el('summary', { tip: 'Paste CSV text instead of choosing a file' }, 'Paste CSV'),
          field({ id: 'csv-text', label: 'CSV text (x1,x2,label per line)', tip: 'One point per line: x1, x2 and the class number (or the value, for regression). A header line is allowed.', control: paste }),
          el('button', { id: 'import-pasted', tip: 'Import the pasted points (replaces the current ones)', onclick: () => actions.importCsv(paste.value, 'the pasted text') }, 'Import pasted CSV'))),
    );
    store.subscribe((state) => this.sync(state));
    this.sync(s);
  }

  /** Click on the surface: what the editor is set to do. */
  clickIntent({ shift, remove }) {
    const s = this.store.state;
    const classes = classCount(s);
    if (remove || this.mode === 'remove') return { remove: true };
    if (classes === 0) return { label: this.newValue };
    return { label: shift ? (this.selectedClass + 1) % classes : this.selectedClass };
  }

  sync(s) {
    const custom = s.data.custom;
    const entry = datasetEntry(s.data.kind, s.data.classes);
    for (const [id, t] of this.thumbs) t.button.setAttribute('aria-pressed', String(!custom && entry?.id === id));
    this.noise.value = String(s.data.noise);
    this.noiseValue.textContent = String(s.data.noise);
    this.test.value = String(s.data.testPercent);
    this.testValue.textContent = `${s.data.testPercent} %`;
    syncValue(this.points, s.data.points);
    syncValue(this.seed, s.data.seed);
    syncValue(this.classes, s.data.classes);
    this.classesField.hidden = Boolean(custom) || !MULTICLASS_KINDS.has(s.data.kind);
    for (const f of this.generatedFields) {
      for (const c of f.querySelectorAll('input')) c.disabled = Boolean(custom);
    }
    const classes = classCount(s);
    this.valueField.hidden = classes !== 0;
    this.classPicker.hidden = classes === 0;
    if (this.pickerClasses !== classes) this.buildPicker(classes);
    const n = custom ? custom.labels.length : null;
    this.pointCount.textContent = custom
      ? `${n} custom point${n === 1 ? '' : 's'} (${taskOf(s) === 'regression' ? 'regression' : `${classes} classes`}).${n < 2 ? ' Add at least 2 points to train.' : ''}`
      : 'Generated data: editing a point turns it into custom data.';
  }

  buildPicker(classes) {
    this.pickerClasses = classes;
    this.selectedClass = Math.min(this.selectedClass, Math.max(0, classes - 1));
    const count = Math.max(classes, 2);
    this.classPicker.replaceChildren(el('span', { class: 'picker-label', 'aria-hidden': 'true' }, 'Class:'),
      ...Array.from({ length: Math.min(count, CLASS_COLORS.length) }, (_, c) => {
        const input = el('input', { type: 'radio', name: 'new-class', id: `class-${c}`, value: String(c), checked: c === this.selectedClass,
          onchange: () => { this.selectedClass = c; } });
        return el('label', { for: `class-${c}`, class: 'swatch', tip: `New points get class ${c} (${CLASS_NAMES[c]})` },
          input, el('span', { class: 'dot', style: `background:${CLASS_COLORS[c]}` }), el('span', {}, String(c)));
      }));
  }

  /** Thumbnails from the worker: [{id, points, labels, bounds}]. */
  setThumbnails(items) {
    for (const item of items) {
      const t = this.thumbs.get(item.id);
      if (!t) continue;
      const ctx = t.canvas.getContext('2d');
      const size = t.canvas.width;
      const b = item.bounds;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, size, size);
      const regression = t.entry.kind.startsWith('regression');
      const gate = item.labels.length <= 4;
      for (let i = 0; i < item.labels.length; i++) {
        const x = ((item.points[2 * i] - b.xMin) / (b.xMax - b.xMin)) * size;
        const y = ((b.yMax - item.points[2 * i + 1]) / (b.yMax - b.yMin)) * size;
        if (regression) {
          // ×1.6: most targets are small; stronger colours keep the thumbnail readable.
          const v = DIVERGING[Math.max(0, Math.min(255, ((item.labels[i] * 1.6 + 1) / 2) * 255)) | 0];
          ctx.fillStyle = `rgb(${v & 255},${(v >> 8) & 255},${(v >> 16) & 255})`;
        } else {
          ctx.fillStyle = CLASS_COLORS[item.labels[i] % CLASS_COLORS.length];
        }
        ctx.beginPath();
        ctx.arc(x, y, gate ? 5 : regression ? 2.2 : 1.6, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }
}

/** A slider with its label and current value on one line above it. */
function rangeField({ id, label, tip, control, output }) {
  control.id = id;
  control.dataset.tip = tip;
  return el('div', { class: 'field' }, el('div', { class: 'field-head' }, el('label', { for: id, tip }, label), output), control);
}
