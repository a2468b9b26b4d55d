// The current numbers: training and test loss, accuracy, optimizer steps and the measured
// speed. Static markup in index.html; this only writes text when it changes.
import { formatNumber } from '../ground/validate.js';
import { LOSS_NAMES } from '../ground/catalog.js';

export class Readouts {
  constructor(root) {
    const get = (id) => root.querySelector(`#${id}`);
    this.nodes = {
      trainLoss: get('train-loss'), testLoss: get('test-loss'),
      trainAccuracy: get('train-accuracy'), testAccuracy: get('test-accuracy'),
      steps: get('steps'), rate: get('rate'),
    };
    this.lossName = get('loss-name');
    this.accuracyRow = root.querySelectorAll('.accuracy-readout');
  }

  setStructure(structure) {
    const name = LOSS_NAMES[structure.loss] ?? structure.loss;
    this.lossName.textContent = name;
    const regression = structure.task === 'regression';
    for (const node of this.accuracyRow) node.hidden = regression;
  }

  /** No points to train on (after Clear): the last run's numbers no longer describe anything. */
  setEmpty(empty) {
    this.empty = empty;
    if (empty) {
      for (const key of ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy']) this.set(key, '–');
    }
  }

  update(frame) {
    if (this.empty) return this.setEmpty(true);
    const m = frame.metrics ?? {};
    this.set('trainLoss', formatNumber(m.trainLoss, 4));
    this.set('testLoss', m.testLoss === null && frame.structure?.testSize === 0 ? 'no test set' : formatNumber(m.testLoss, 4));
    this.set('trainAccuracy', percent(m.trainAccuracy));
    this.set('testAccuracy', percent(m.testAccuracy));
    this.set('steps', groupDigits(frame.step));
    this.set('rate', frame.running ? `${formatNumber(frame.epochsPerSecond, 3)} epochs/s` : 'paused');
  }

  set(key, text) {
    const node = this.nodes[key];
    if (node.textContent !== text) node.textContent = text;
  }
}

function percent(value) {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : `${(value * 100).toFixed(1)} %`;
}

/** 1234567 → "1 234 567" (thin spaces; toLocaleString's first call is slow). */
function groupDigits(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}
