// The Play state shared by the GAN and sequence pages: the page's side (play-client.js) and
// the worker's loop (paced-play.js), with a fake Worker and mocked timers.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';

import { PlayClient } from '../../web/js/worker/play-client.js';
import { PacedPlay } from '../../web/js/worker/paced-play.js';

/** A Worker stand-in: records what the page sends; from(message) delivers one to the page. */
class FakeWorker {
  static last = null;
  sent = [];
  constructor() { FakeWorker.last = this; }
  postMessage(message) { this.sent.push(message); }
  from(data) { this.onmessage({ data }); }
}

function client() {
  globalThis.Worker = FakeWorker;
  const shown = [];
  const play = new PlayClient('worker.js', (on) => shown.push(on));
  return { play, shown, worker: FakeWorker.last };
}

test('a frame posted before the worker saw Play does not turn Play off; one that answers it does', () => {
  const { play, shown, worker } = client();
  play.play();
  assert.deepEqual(worker.sent.at(-1), { type: 'play', command: 1, until: undefined });
  worker.from({ type: 'frame', playing: false, command: 0 });   // from a rebuild before the Play
  assert.equal(play.playing, true);
  worker.from({ type: 'frame', playing: true, command: 1 });
  play.pause();
  play.play(500);
  assert.deepEqual(worker.sent.at(-1), { type: 'play', command: 3, until: 500 });
  worker.from({ type: 'frame', playing: false, command: 2 });   // the Pause's frame, already overtaken
  assert.equal(play.playing, true);
  assert.equal(play.settled, false, 'the worker has not answered the newest Play yet');
  worker.from({ type: 'frame', playing: false, command: 3 });   // stopped by itself at 500 steps
  assert.equal(play.playing, false);
  assert.equal(play.settled, true);
  assert.deepEqual(shown, [true, false, true, false]);
});

test('replies resolve their own request; an error rejects it and ends Play; other messages reach their handler', async () => {
  const { play, worker } = client();
  const frames = [];
  play.on('frame', (f) => frames.push(f.command));
  const save = play.request('save');
  const coverage = play.request('coverage', { samples: 10 });
  assert.deepEqual(worker.sent.map((m) => [m.type, m.id]), [['save', 1], ['coverage', 2]]);
  play.play();
  worker.from({ type: 'reply', id: 2, value: 7 });
  worker.from({ type: 'error', id: 1, message: 'Out of memory while saving' });
  assert.equal(await coverage, 7);
  await assert.rejects(save, /Out of memory while saving/);
  assert.equal(play.playing, false);
  worker.from({ type: 'frame', playing: false, command: 1 });
  assert.deepEqual(frames, [1]);
});

test('the worker loop stops at exactly `until` steps and posts a frame that says so', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    let done = 0;
    const frames = [];
    const loop = new PacedPlay({
      stepsDone: () => done,
      train: (n) => { done += n; },
      frame: () => frames.push([done, loop.playing, loop.command]),
      failed: assert.fail,
    }, { speed: 1e9, sliceMs: 10 });
    loop.play(4, 37);
    for (let i = 0; i < 100 && loop.playing; i++) mock.timers.tick(16);
    assert.equal(done, 37);
    assert.deepEqual(frames.at(-1), [37, false, 4]);
  } finally {
    mock.timers.reset();
  }
});

test('a quick Pause then Play runs one loop, not two; an error in training stops it and is reported', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    let calls = 0;
    const errors = [];
    const loop = new PacedPlay({
      stepsDone: () => 0,
      train: () => { calls++; if (calls === 6) throw new Error('diverged'); },
      frame: () => {},
      failed: (e) => errors.push(e.message),
    }, { speed: 1e9, sliceMs: 10 });
    loop.play(1);
    loop.pause(2);
    loop.play(3);
    assert.equal(calls, 2);   // each play trains one slice at once
    mock.timers.tick(16);
    assert.equal(calls, 3, 'two loops trained in one tick');
    for (let i = 0; i < 10; i++) mock.timers.tick(16);
    assert.equal(calls, 6);
    assert.deepEqual(errors, ['diverged']);
    assert.equal(loop.playing, false);
  } finally {
    mock.timers.reset();
  }
});
