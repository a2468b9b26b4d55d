// The toolbar: Play/Pause, Step epoch, Step batch, Reset, the speed control and the epoch
// counter. The speed slider moves through SPEEDS (epochs per second, log-spaced).
import { SPEEDS } from '../ground/catalog.js';

export class PlaybackView {
  /** actions: { play, pause, stepEpoch, stepBatch, reset, speed(value) } */
  constructor(root, actions) {
    this.play = root.querySelector('#play');
    this.playLabel = this.play.querySelector('.label');
    this.epoch = root.querySelector('#epoch');
    this.batch = root.querySelector('#batch-progress');
    this.speed = root.querySelector('#speed');
    this.speedValue = root.querySelector('#speed-value');
    this.running = false;
    this.speed.max = String(SPEEDS.length - 1);
    this.play.addEventListener('click', () => (this.running ? actions.pause() : actions.play()));
    root.querySelector('#step-epoch').addEventListener('click', actions.stepEpoch);
    root.querySelector('#step-batch').addEventListener('click', actions.stepBatch);
    root.querySelector('#reset').addEventListener('click', actions.reset);
    this.speed.addEventListener('input', () => {
      const value = SPEEDS[Number(this.speed.value)];
      this.showSpeed(value);
      actions.speed(value);
    });
  }

  setRunning(running) {
    if (running === this.running) return;
    this.running = running;
    this.playLabel.textContent = running ? 'Pause' : 'Play';
    this.play.classList.toggle('running', running);
    this.play.dataset.tip = running ? 'Pause training (Space)' : 'Start training (Space)';
  }

  setProgress(epoch, batch, batchesPerEpoch) {
    const text = String(epoch);
    if (this.epoch.textContent !== text) this.epoch.textContent = text;
    const progress = `batch ${batch} of ${batchesPerEpoch}`;
    if (this.batch.textContent !== progress) this.batch.textContent = progress;
  }

  setSpeed(value) {
    const index = SPEEDS.indexOf(value);
    this.speed.value = String(index < 0 ? SPEEDS.indexOf(60) : index);
    this.showSpeed(value);
  }

  showSpeed(value) {
    const text = value === Infinity ? 'max' : `${value}/s`;
    this.speedValue.textContent = text;
    this.speed.setAttribute('aria-valuetext', value === Infinity ? 'as fast as possible' : `${value} epochs per second`);
  }
}
