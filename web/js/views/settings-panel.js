// Training settings: problem type, learning rate, batch size, optimizer and its parameters,
// regularization, initializer and the weight seed. Each control writes one state field.
import { INITIALIZERS, OPTIMIZERS, OPTIMIZER_PARAMS, REGULARIZATIONS } from '../ground/catalog.js';
import { RULES } from '../ground/rules.js';
import { optimizerDefaults, taskOf } from '../ground/state.js';
import { el, field, numberInput, select, syncValue } from './form.js';

const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

export class SettingsPanel {
  /** actions: { update(mutator), setProblem(type) } */
  constructor(root, store, actions) {
    this.store = store;
    const s = store.state;
    const update = actions.update;
    this.controls = {
      problem: select([
        { id: 'classification', label: 'Classification', tip: 'Predict a class: the surface shows which class wins where.' },
        { id: 'regression', label: 'Regression', tip: 'Predict a number: the surface shows the predicted value.' },
      ], problemOf(s), (v) => actions.setProblem(v)),
      learningRate: numberInput({ rule: RULES.learningRate, value: s.optimizer.learningRate, onCommit: (v) => update((d) => { d.optimizer.learningRate = v; }) }),
      batchSize: numberInput({ rule: RULES.batchSize, value: s.training.batchSize, onCommit: (v) => update((d) => { d.training.batchSize = v; }) }),
      optimizer: select(OPTIMIZERS, s.optimizer.kind, (v) => update((d) => { d.optimizer = { ...d.optimizer, ...optimizerDefaults(v), kind: v }; })),
      weightDecay: numberInput({ rule: RULES.weightDecay, value: s.optimizer.weightDecay, onCommit: (v) => update((d) => { d.optimizer.weightDecay = v; }) }),
      regularization: select(REGULARIZATIONS, s.training.regularization, (v) => update((d) => { d.training.regularization = v; })),
      regularizationRate: numberInput({ rule: RULES.regularizationRate, value: s.training.regularizationRate, onCommit: (v) => update((d) => { d.training.regularizationRate = v; }) }),
      initializer: select(INITIALIZERS, s.network.initializer, (v) => update((d) => { d.network.initializer = v; })),
      networkSeed: numberInput({ rule: RULES.networkSeed, value: s.network.seed, onCommit: (v) => update((d) => { d.network.seed = v; }) }),
    };
    const c = this.controls;
    c.learningRate.setAttribute('list', 'learning-rates');
    this.params = {};
    for (const [name, spec] of Object.entries(OPTIMIZER_PARAMS)) {
      this.params[name] = field({ id: `opt-${name}`, label: spec.label, tip: spec.tip,
        control: numberInput({ rule: RULES[name], value: s.optimizer[name], onCommit: (v) => update((d) => { d.optimizer[name] = v; }) }) });
    }
    root.append(
      el('h2', { class: 'visually-hidden' }, 'Training settings'),
      field({ id: 'problem', label: 'Problem type', tip: 'Classification (classes) or regression (a number per point). Switching picks a data set of that type.', control: c.problem }),
      field({ id: 'learning-rate', label: 'Learning rate η', tip: 'Step size of each update. Too high and the loss explodes; too low and learning crawls. Any number ≥ 0 (type or pick).', control: c.learningRate }),
      el('datalist', { id: 'learning-rates' }, LEARNING_RATES.map((v) => el('option', { value: String(v) }))),
      field({ id: 'batch-size', label: 'Batch size', tip: 'Training points per update (1 = pure stochastic; the whole training set = full batch).', control: c.batchSize, unit: 'points' }),
      field({ id: 'optimizer', label: 'Optimizer', tip: 'How gradients become updates. Switching resets its parameters to their usual defaults.', control: c.optimizer }),
      ...Object.values(this.params),
      field({ id: 'weight-decay', label: 'Weight decay λ', tip: 'Decoupled weight decay (AdamW style): every step shrinks the weights by η·λ·w. 0 = off.', control: c.weightDecay }),
      field({ id: 'regularization', label: 'Regularization', tip: 'A penalty on large weights added to the loss (biases are not penalised).', control: c.regularization }),
      field({ id: 'regularization-rate', label: 'Regularization rate', tip: 'λ of the L1 or L2 penalty; 0 = off.', control: c.regularizationRate }),
      field({ id: 'initializer', label: 'Initializer', tip: 'How the starting weights are drawn.', control: c.initializer }),
      field({ id: 'network-seed', label: 'Weight seed', tip: 'The random seed of the starting weights: the same seed gives the same run. Reset redraws from it.', control: c.networkSeed }),
    );
    store.subscribe((state, changed) => this.sync(state, changed));
    this.sync(store.state, new Set(['optimizer']));
  }

  sync(s, changed) {
    const c = this.controls;
    syncValue(c.problem, problemOf(s));
    syncValue(c.learningRate, s.optimizer.learningRate);
    syncValue(c.batchSize, s.training.batchSize);
    syncValue(c.optimizer, s.optimizer.kind);
    syncValue(c.weightDecay, s.optimizer.weightDecay);
    syncValue(c.regularization, s.training.regularization);
    syncValue(c.regularizationRate, s.training.regularizationRate);
    c.regularizationRate.disabled = s.training.regularization === 'none';
    syncValue(c.initializer, s.network.initializer);
    syncValue(c.networkSeed, s.network.seed);
    if (changed.has('optimizer')) {
      const used = new Set(OPTIMIZERS.find((o) => o.id === s.optimizer.kind).params);
      for (const [name, node] of Object.entries(this.params)) {
        node.hidden = !used.has(name);
        syncValue(node.querySelector('input'), s.optimizer[name]);
      }
    }
  }
}

function problemOf(state) {
  return taskOf(state) === 'regression' ? 'regression' : 'classification';
}
