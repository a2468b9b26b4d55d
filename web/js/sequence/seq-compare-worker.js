// The sequence page's compare Worker: one SequenceSession per compared architecture, all from
// the same task, seed, learning rate and batch size. While playing it trains them in
// interleaved slices (every model the same number of steps per slice, so all lines grow
// together) and evaluates each on the whole test set at fixed steps (0, every `evalEvery`
// steps and the last), whatever the slices: the figures do not depend on the machine's speed.
import { createEngine } from '../engine.js';
import { PacedPlay } from '../worker/paced-play.js';
import { shippedTextLoader } from './seq-text.js';

const enginePromise = createEngine();
const shippedText = shippedTextLoader();   // the character model's text, when first needed
let engine = null;
let models = [];      // { arch, session, evals: [step, loss, accuracy, …], trainMs, parameters, error }
let steps = 600;      // the budget: every model trains this many steps
let evalEvery = 20;
let runId = 0;        // the page's number of the comparison, echoed in every frame

const live = () => models.filter((m) => m.session);
const stepOf = (m) => m.session.last().step;

// As fast as the machine goes (the speed is steps per second): slices of ~30 ms of engine time,
// then a frame; the page's Pause is answered between slices.
const loop = new PacedPlay({
  stepsDone: () => Math.min(...live().map(stepOf), steps),
  train: (n) => trainAll(n),
  frame: () => frame(),
  failed: (e) => post('error', { message: e.message }),
}, { speed: 1e6, sliceMs: 30 });

function post(type, payload = {}) { self.postMessage({ type, ...payload }); }

function evaluate(m) {
  const e = m.session.evaluate();
  m.evals.push(stepOf(m), e.loss, e.accuracy);
}

// n more steps for every model (fewer at the budget), stopping at each evaluation step.
function trainAll(n) {
  for (const m of live()) {
    let left = Math.min(n, steps - stepOf(m));
    while (left > 0) {
      const step = stepOf(m);
      const chunk = Math.min(left, evalEvery - (step % evalEvery), steps - step);
      const t0 = performance.now();
      m.session.train(chunk);
      m.trainMs += performance.now() - t0;
      left -= chunk;
      const now = stepOf(m);
      if (now % evalEvery === 0 || now === steps) evaluate(m);
    }
  }
}

function frame() {
  post('frame', {
    run: runId,
    models: models.map((m) => ({ arch: m.arch, step: m.session ? stepOf(m) : 0, evals: m.evals, trainMs: m.trainMs, parameters: m.parameters, error: m.error })),
    steps,
    done: live().length > 0 && live().every((m) => stepOf(m) >= steps),
    playing: loop.playing,
    command: loop.command,
  });
}

function dispose() {
  for (const m of models) m.session?.dispose();
  models = [];
}

const handlers = {
  // A new comparison: { run, models: [{ arch, config }], steps, evalEvery }.
  async setup(m) {
    loop.stop();
    dispose();
    runId = m.run;
    steps = m.steps;
    evalEvery = Math.max(1, m.evalEvery);
    const text = m.models.some((x) => x.config.task.task === 'characters') ? await shippedText() : undefined;
    models = m.models.map(({ arch, config }) => {
      const model = { arch, session: null, evals: [], trainMs: 0, parameters: 0, error: null };
      try {
        if (text) config.task.text = text;
        model.session = engine.createSequenceSession(config);
        model.parameters = model.session.describe().parameters;
        evaluate(model);   // step 0: the untrained model
      } catch (e) {
        model.error = e.message;
      }
      return model;
    });
    const first = live()[0];
    const info = first ? first.session.describe() : null;
    post('setup', { run: runId, target: info?.target ?? 'class', tolerance: info?.tolerance ?? 0 });
    frame();
  },
  play(m) { loop.play(m.command, steps); },
  pause(m) { loop.pause(m.command); frame(); },
  // Ends the comparison (after the page's Pause): the sessions go, the figures stay on the page.
  stop() { loop.stop(); dispose(); },
};

// Set synchronously so that no message is lost while the engine loads; one message at a time
// (a Play sent right after a setup waits until the text is read and the models are built).
let queue = Promise.resolve();
self.onmessage = (event) => {
  const m = event.data;
  queue = queue.then(async () => {
    engine = engine ?? await enginePromise;
    try {
      await handlers[m.type](m);
    } catch (e) {
      loop.stop();
      post('error', { message: e.message, id: m.id });
    }
  });
};
