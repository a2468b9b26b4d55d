// Compare mode's controls: which setting varies and its 2–4 values, the target loss and the
// epoch budget; Run / Pause, Step epoch, Reset and the speed. Every control is labelled and
// has a tooltip; typed numbers are checked and explained as in the rest of the page.
import { SPEEDS } from '../ground/catalog.js';
import { MAX_RUNS, MIN_RUNS, EPOCHS_RULE, RUN_COLOURS, TARGET_RULE, VARIABLES, variable } from './compare-config.js';
import { el, field, numberInput, select, syncValue } from '../views/form.js';

export class ComparePanel {
  /**
   * root: the compare stage's setup container.
   * actions: { change(comparison), run(), pause(), stepEpoch(), reset(), speed(value) }
   */
  constructor(root, actions) {
    this.actions = actions;
    this.comparison = null;
    this.running = false;
    this.vary = select(VARIABLES, VARIABLES[0].id, (id) => this.change({ vary: id, values: [...variable(id).defaults] }));
    this.replaces = el('p', { class: 'hint compare-replaces' });
    this.valueList = el('ol', { class: 'compare-values', 'aria-label': 'Values compared (one run each)' });
    this.addButton = el('button', { class: 'small-text', tip: `Add a run (at most ${MAX_RUNS})`, onclick: () => this.addValue() }, '+ Add a run');
    this.target = numberInput({ rule: TARGET_RULE, value: 0.1, onCommit: (v) => this.change({ target: v }) });
    this.epochs = numberInput({ rule: EPOCHS_RULE, value: 300, onCommit: (v) => this.change({ epochs: v }) });

    // Their tips keep clear of the epoch counter they move.
    const watch = '.compare-controls .epoch-counter';
    this.runButton = el('button', { class: 'primary play', 'data-tip-watch': watch, tip: 'Train every configuration side by side (Space)', onclick: () => (this.running ? actions.pause() : actions.run()) },
      el('span', { class: 'icon', 'aria-hidden': 'true' }), el('span', { class: 'label' }, 'Run'));
    this.stepButton = el('button', { 'data-tip-watch': watch, tip: 'Train every configuration for one more epoch (→)', onclick: () => actions.stepEpoch() },
      el('span', { class: 'icon', 'aria-hidden': 'true' }, '»'), el('span', { class: 'label' }, 'Step epoch'));
    this.resetButton = el('button', { 'data-tip-watch': watch, tip: 'Back to epoch 0: every run starts again from the same starting weights (R)', onclick: () => actions.reset() },
      el('span', { class: 'icon', 'aria-hidden': 'true' }, '↺'), el('span', { class: 'label' }, 'Reset'));
    const speedTip = 'Epochs trained per second by every run (max = as fast as this computer goes)';
    this.speed = el('input', { type: 'range', id: 'compare-speed', min: 0, max: SPEEDS.length - 1, step: 1, tip: speedTip,
      oninput: () => { const v = SPEEDS[Number(this.speed.value)]; this.showSpeed(v); actions.speed(v); } });
    this.speedValue = el('output', { for: 'compare-speed', class: 'range-value' });
    this.epochOut = el('output', { id: 'compare-epoch', class: 'compare-epoch-value' }, '0');
    this.budgetOut = el('span', { class: 'compare-budget' });

    root.append(
      el('div', { class: 'compare-setup' },
        el('div', { class: 'compare-vary-wrap' }, field({ id: 'compare-vary', label: 'Setting to vary', tip: 'The one setting that differs between the runs; everything else comes from the settings below.', control: this.vary }),
          this.replaces),
        el('div', { class: 'compare-values-field' },
          el('span', { class: 'compare-values-label', id: 'compare-values-label' }, `Values (${MIN_RUNS} to ${MAX_RUNS})`),
          this.valueList, this.addButton),
        field({ id: 'compare-target', label: 'Target loss', tip: 'The training loss (penalty excluded) whose first crossing the table records, in epochs.', control: this.target }),
        field({ id: 'compare-epochs', label: 'Epochs', tip: 'How many epochs every run trains (1 to 10000).', control: this.epochs })),
      el('div', { class: 'compare-controls', role: 'toolbar', 'aria-label': 'Comparison training' },
        this.runButton, this.stepButton, this.resetButton,
        el('div', { class: 'speed field inline' },
          el('label', { for: 'compare-speed', tip: speedTip }, 'Speed'), this.speed, this.speedValue),
        el('div', { class: 'epoch-counter' },
          el('label', { for: 'compare-epoch', tip: 'Epochs completed by every run' }, 'Epoch'), this.epochOut, this.budgetOut),
        el('p', { class: 'hint compare-keys' }, 'Keys: ', el('kbd', {}, 'Space'), ' run/pause · ', el('kbd', {}, '→'), ' one epoch · ', el('kbd', {}, 'R'), ' reset')),
    );
  }

  /** Shows a comparison (from the URL, a lesson or an edit). */
  show(comparison) {
    const previous = this.comparison;
    this.comparison = comparison;
    const v = variable(comparison.vary);
    syncValue(this.vary, comparison.vary);
    this.replaces.textContent = `Each run's value replaces ${v.replaces}.`;
    syncValue(this.target, comparison.target);
    syncValue(this.epochs, comparison.epochs);
    this.budgetOut.textContent = `of ${comparison.epochs}`;
    const sameShape = previous && previous.vary === comparison.vary && previous.values.length === comparison.values.length;
    if (!sameShape) this.valueList.replaceChildren(...comparison.values.map((value, i) => this.valueRow(v, value, i)));
    else comparison.values.forEach((value, i) => syncValue(this.valueList.children[i].control, value));
    const n = comparison.values.length;
    for (const row of this.valueList.children) row.remove.hidden = n <= MIN_RUNS;
    // A choice with every option already compared has nothing left to add.
    this.addButton.hidden = n >= MAX_RUNS || (v.type === 'choice' && n >= v.options.length);
  }

  valueRow(v, value, i) {
    const id = `compare-value-${i}`;
    const commit = (x) => {
      const values = [...this.comparison.values];
      values[i] = x;
      this.change({ values });
    };
    const control = v.type === 'choice'
      ? select(v.options, value, commit)
      : numberInput({ rule: v.rule, value, onCommit: commit });
    const name = `Run ${i + 1}: ${v.label.toLowerCase()}`;
    const f = field({ id, label: name, tip: `${v.tip} The value of run ${i + 1}.`, control });
    f.querySelector('label').classList.add('visually-hidden');
    const remove = el('button', { class: 'small', 'aria-label': `Remove run ${i + 1}`, tip: `Remove run ${i + 1} from the comparison`,
      onclick: () => this.change({ values: this.comparison.values.filter((_, j) => j !== i) }) }, '×');
    const row = el('li', { class: 'compare-value', style: `--run: ${RUN_COLOURS[i]}` },
      el('i', { class: 'run-swatch', 'aria-hidden': 'true' }), f, remove);
    row.control = control;
    row.remove = remove;
    return row;
  }

  addValue() {
    const v = variable(this.comparison.vary);
    const used = new Set(this.comparison.values.map(String));
    const candidates = v.type === 'choice' ? v.options.map((o) => o.id) : [...v.defaults, ...v.defaults.map((x) => x * 10), ...v.defaults.map((x) => x / 10)];
    const next = candidates.find((c) => !used.has(String(c))) ?? candidates[0];
    this.change({ values: [...this.comparison.values, next] });
    this.valueList.lastElementChild?.control.focus();
  }

  change(patch) {
    this.actions.change({ ...this.comparison, ...patch });
  }

  /** Run / Pause / Run again, the epoch counter and Step's availability. */
  setProgress({ running, epoch, finished }) {
    const label = running ? 'Pause' : finished ? 'Run again' : 'Run';
    const labelNode = this.runButton.querySelector('.label');
    if (labelNode.textContent !== label) {
      labelNode.textContent = label;
      this.runButton.dataset.tip = running ? 'Pause every run (Space)'
        : finished ? 'Start every run again from epoch 0 (Space)' : 'Train every configuration side by side (Space)';
    }
    this.running = running;
    this.runButton.classList.toggle('running', running);
    const text = String(epoch);
    if (this.epochOut.textContent !== text) this.epochOut.textContent = text;
    this.stepButton.disabled = finished;
  }

  setSpeed(value) {
    const index = SPEEDS.indexOf(value);
    this.speed.value = String(index < 0 ? SPEEDS.indexOf(60) : index);
    this.showSpeed(value);
  }

  showSpeed(value) {
    this.speedValue.textContent = value === Infinity ? 'max' : `${value}/s`;
    this.speed.setAttribute('aria-valuetext', value === Infinity ? 'as fast as possible' : `${value} epochs per second`);
  }
}
