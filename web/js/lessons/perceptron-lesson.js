// The perceptron lessons' controller. The perceptron is one neuron on four samples, so it
// runs on the main thread (each call takes microseconds): the engine is loaded here, once,
// the first time a perceptron lesson opens. Every step is shown; epoch-end weights are kept
// to recognise a cycle (the same weights at the end of two epochs with mistakes: the rule
// will repeat itself forever — what happens on XOR).
import { PerceptronView, GATES } from '../views/perceptron-view.js';

const RESOLUTION = 100;   // grid cells per side of the plane
const MANY = 100;         // epochs trained by "Run 100 epochs"

export class PerceptronLesson {
  /** stage: the perceptron section; onChange({gate, learningRate}): settings changed (URL). */
  constructor(stage, { notices }, onChange) {
    this.notices = notices;
    this.onChange = onChange;
    this.settings = { gate: 'and', learningRate: 1 };
    this.rate = 2;            // samples per second while playing
    this.timer = 0;
    this.perceptron = null;
    this.view = new PerceptronView(stage, {
      step: () => { this.pause(); this.step(); this.render(); },
      runEpoch: () => { this.pause(); this.runEpoch(); this.render(); },
      togglePlay: () => this.togglePlay(),
      runMany: () => { this.pause(); this.runMany(); this.render(); },
      reset: () => { this.pause(); this.restart(); },
      gate: (gate) => this.change({ gate }),
      eta: (learningRate) => this.change({ learningRate }),
      rate: (r) => { this.rate = r; if (this.timer) { this.pause(); this.play(); } },
    });
  }

  /** Opens the stage with these settings (loads the engine the first time). */
  async activate(settings) {
    this.settings = { ...settings };
    this.view.setSettings({ ...this.settings, rate: this.rate });
    if (!this.engine) {
      this.loading ??= import('../engine.js').then(({ createEngine }) => createEngine());
      try {
        this.engine = await this.loading;
      } catch (error) {
        this.notices.show({ id: 'perceptron', kind: 'error', title: 'The perceptron could not start:', text: `the WebAssembly engine did not load (${error.message}). Reload the page to try again.` });
        return;
      }
    }
    this.restart();
  }

  deactivate() {
    this.pause();
  }

  change(patch) {
    this.pause();
    this.settings = { ...this.settings, ...patch };
    this.view.setSettings({ ...this.settings, rate: this.rate });
    this.onChange(this.settings);
    this.restart();
  }

  restart() {
    if (!this.engine) return;
    this.perceptron?.dispose();
    this.perceptron = this.engine.createPerceptron(this.settings);
    this.last = null;
    this.epochEnds = [];    // "w1,w2,b" after each completed epoch
    this.cycle = null;
    this.render();
  }

  step() {
    if (!this.perceptron) return null;
    const before = this.perceptron.state();
    const step = this.perceptron.step();
    this.last = { step, before: { weights: before.weights, bias: before.bias } };
    if (step.epochCompleted) this.epochEnded(step);
    return step;
  }

  epochEnded(step) {
    const s = this.perceptron.state();
    const key = `${s.weights[0]},${s.weights[1]},${s.bias}`;
    const seen = this.epochEnds.indexOf(key);
    this.epochEnds.push(key);
    if (!this.cycle && seen >= 0 && step.mistakesInEpoch > 0) this.cycle = { epoch: seen + 1 };
  }

  runEpoch() {
    for (let i = 0; i < 4; i++) if (this.step()?.epochCompleted) break;
  }

  runMany() {
    if (!this.perceptron) return;
    const start = this.perceptron.state();
    const target = start.epoch + (start.cursor > 0 ? 1 : 0) + MANY;
    while (this.perceptron.state().epoch < target) {
      this.runEpoch();
      if (this.perceptron.state().convergedEpoch) break;
    }
  }

  togglePlay() {
    if (this.timer) this.pause(); else this.play();
  }

  play() {
    if (!this.perceptron || this.timer) return;
    this.timer = setInterval(() => {
      this.step();
      this.render();
      const s = this.perceptron.state();
      // A converged perceptron changes nothing more: stop at the end of that epoch.
      if (s.convergedEpoch && s.cursor === 0) this.pause();
    }, 1000 / this.rate);
    this.view.setPlaying(true);
  }

  pause() {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = 0;
    this.view.setPlaying(false);
  }

  render() {
    const p = this.perceptron;
    if (!p) return;
    const s = p.state();
    const grid = p.evaluateGrid({ resolution: RESOLUTION, xMin: -0.5, xMax: 1.5, yMin: -0.5, yMax: 1.5 });
    const outputs = [[0, 0], [0, 1], [1, 0], [1, 1]].map(([x1, x2]) => (s.weights[0] * x1 + s.weights[1] * x2 + s.bias > 0 ? 1 : 0));
    this.view.render({ ...s, gate: this.settings.gate, learningRate: this.settings.learningRate, last: this.last, grid, resolution: RESOLUTION, outputs, cycle: this.cycle });
  }

  /** Keyboard: → step, Shift+→ the rest of the epoch, Space play/pause, R reset. */
  key(name) {
    if (name === 'step') this.view.stepButton.click();
    else if (name === 'epoch') this.view.epochButton.click();
    else if (name === 'play') this.togglePlay();
    else if (name === 'reset') this.view.resetButton.click();
  }
}

export const gateIds = GATES.map((g) => g.id);
