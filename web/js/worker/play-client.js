// The page's side of a Worker that trains while playing and streams frames (the GAN and
// sequence pages): requests answered by a reply, and the Play/Pause state.
//
// Every play or pause is numbered and the worker echoes, in each frame, the number of the last
// one it handled. A frame that says "not playing" ends the page's Play only when it answers the
// page's newest command: a frame posted before the worker saw a Play (after drawing points, a
// configure) must not turn the button back while the worker goes on training.
import { TypedWorker } from './typed-worker.js';

export class PlayClient extends TypedWorker {
  #replies = new Map();
  #nextRequest = 1;
  #command = 0;
  #onPlaying;
  #heard = 0;
  playing = false;

  /** onPlaying(on) shows the state (the Play button); it is called on every change. */
  constructor(url, onPlaying) {
    super(url);
    this.#onPlaying = onPlaying;
  }

  receive(message) {
    if (message.type === 'reply') {
      this.#replies.get(message.id)?.resolve(message.value);
      this.#replies.delete(message.id);
      return;
    }
    if (message.type === 'error') {
      if (message.id) { this.#replies.get(message.id)?.reject(new Error(message.message)); this.#replies.delete(message.id); }
      this.#show(false);
    } else if (message.type === 'frame') {
      if (Number.isInteger(message.command)) this.#heard = message.command;
      if (this.playing && !message.playing && message.command === this.#command) this.#show(false);   // the worker stopped by itself: the step limit, an error
    }
    super.receive(message);
  }

  /** Sends {type, id, ...payload}; resolves with the worker's reply, rejects with its error. */
  request(type, payload = {}) {
    const id = this.#nextRequest++;
    return new Promise((resolve, reject) => {
      this.#replies.set(id, { resolve, reject });
      this.send({ type, id, ...payload });
    });
  }

  /** Trains continuously; with `until`, stops by itself at that many steps (tests, lessons). */
  play(until = undefined) { this.#order('play', { until }); }

  pause() { this.#order('pause'); }

  toggle() { if (this.playing) this.pause(); else this.play(); }

  /** True once a frame answers the newest play or pause: after a Pause, no more steps follow. */
  get settled() { return this.#heard === this.#command; }

  #order(type, payload = {}) {
    this.#command++;
    this.#show(type === 'play');
    this.send({ type, command: this.#command, ...payload });
  }

  #show(on) {
    this.playing = on;
    this.#onPlaying(on);
  }
}
