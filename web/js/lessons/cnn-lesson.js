// The CNN lesson on the real-data page (mnist.html?lesson=cnn): why convolutions — weight
// sharing and the parameter count beside the MLP's, the first-layer filters turning into
// edge and texture detectors, and CNN vs MLP on the same images and the same number of
// epochs, measured live in this page (a table the learner fills by training both presets).
import { PRESETS, parameterCount, sameLayers } from '../ground/image-architecture.js';
import { el } from '../views/form.js';

const percent = (x) => `${(x * 100).toFixed(1)} %`;

export class CnnLesson {
  /**
   * root: the lesson's <section>; usePreset(name): switch the classifier to a preset ('mlp' | 'cnn').
   */
  constructor(root, usePreset) {
    this.root = root;
    this.results = new Map();  // preset name → {epoch, accuracy, seconds}
    const mlp = parameterCount(PRESETS.mlp.layers), cnn = parameterCount(PRESETS.cnn.layers);
    const firstLayerMlp = 784 * 128 + 128, firstLayerCnn = 8 * 25 + 8;
    this.table = el('tbody', {});
    const tryButton = (name, text, tip) => el('button', { type: 'button', tip, onclick: () => usePreset(name) }, text);
    root.replaceChildren(
      el('h2', { id: 'cnn-lesson-title' }, 'Lesson: why convolutions?'),
      el('p', {}, 'A dense layer gives every neuron its own weight for every pixel: the MLP\'s first layer alone has ',
        el('strong', {}, firstLayerMlp.toLocaleString('en')), ' weights and biases. A convolution slides one small filter over the whole image and ',
        el('em', {}, 'shares'), ' its weights across all positions: the small CNN\'s first layer (8 filters of 5×5) has ',
        el('strong', {}, String(firstLayerCnn)), '. A pattern learned in one place is recognised everywhere.'),
      el('table', { class: 'lesson-counts' },
        el('caption', {}, 'Weights and biases of the two presets'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'network'), el('th', { scope: 'col' }, 'parameters'))),
        el('tbody', {},
          el('tr', {}, el('th', { scope: 'row' }, PRESETS.mlp.label), el('td', {}, mlp.toLocaleString('en'))),
          el('tr', {}, el('th', { scope: 'row' }, PRESETS.cnn.label), el('td', {}, cnn.toLocaleString('en'))))),
      el('p', {}, el('strong', {}, 'Do: '), 'choose the small CNN, press Step epoch a few times and watch "Learned filters": the first layer\'s filters start as noise and turn into edge and stripe detectors (blue next to orange). Click a test image to see which parts of it each filter responds to in "Feature maps".'),
      el('p', {}, el('strong', {}, 'Compare: '), 'train each preset for the same number of epochs (e.g. 4 clicks on Step epoch after Build). The table keeps each one\'s test accuracy after that many epochs and the time it took.'),
      el('div', { class: 'button-row' },
        tryButton('mlp', 'Use the MLP', 'Switch the classifier to MLP 784-128-64-10 (training restarts)'),
        tryButton('cnn', 'Use the small CNN', 'Switch the classifier to the small CNN (training restarts)')),
      el('table', { class: 'lesson-results' },
        el('caption', {}, 'Measured in this page'),
        el('thead', {}, el('tr', {}, ['network', 'epochs', 'test accuracy', 'seconds'].map((h) => el('th', { scope: 'col' }, h)))),
        this.table),
      el('p', {}, el('strong', {}, 'Why: '), 'neighbouring pixels belong together, and a shirt is a shirt wherever its collar is. Convolutions build this in: each filter looks at a small neighbourhood, pooling keeps the strongest responses and halves the map, and later layers combine edges into parts. With ten times fewer parameters the CNN usually reaches a higher test accuracy than the MLP after the same number of epochs; each epoch costs more arithmetic, though, because every filter visits every position.'),
    );
  }

  /** A measurement of the classifier: layers it was made with, its epoch, test accuracy, seconds trained. */
  record(layers, epoch, accuracy, seconds) {
    const name = Object.keys(PRESETS).find((n) => sameLayers(PRESETS[n].layers, layers));
    if (!name || !(epoch >= 1) || !Number.isInteger(epoch)) return;
    this.results.set(name, { epoch, accuracy, seconds });
    this.table.replaceChildren(...[...this.results].map(([n, r]) => el('tr', {},
      el('th', { scope: 'row' }, PRESETS[n].label), el('td', {}, String(r.epoch)), el('td', {}, percent(r.accuracy)), el('td', {}, r.seconds.toFixed(1)))));
  }
}
