// The sequence page's Worker: owns the engine's SequenceSession. While playing it trains in
// time slices (~12 ms of train(n) per tick), then gathers the views of the chosen test sample
// in ONE engine call (views) plus, for signals, one forecast call, and posts one frame.
import { createEngine } from '../engine.js';

const enginePromise = createEngine();
// The character model's text (data, not a module: resolved against the worker script's own URL).
const textPromise = fetch(new URL('../../data/moby-dick.txt', self.location.href)).then((r) => r.text());
let engine = null;
let session = null;
let info = null;
let playing = false;
let stepsPerTick = 1;
let speed = 100;        // training steps per second while playing
let sample = 0;
let lastTick = 0;
let owed = 0;
let until = Infinity;   // play stops at this many steps (tests, lessons)
let test = null;        // the last test-set evaluation
let lastTestStep = -1;

function post(type, payload = {}, transfer = []) { self.postMessage({ type, ...payload }, transfer); }

function frame(extra = {}) {
  const last = session.last();
  // The whole test set, at most every 100 steps while playing (it is the slowest view).
  if (last.step !== lastTestStep && (!playing || last.step - lastTestStep >= 100 || lastTestStep < 0)) {
    test = session.evaluate();
    lastTestStep = last.step;
  }
  const views = session.views(Math.min(sample, info.testSamples - 1));
  let forecast = null, signal = null;
  if (info.target === 'value' && info.task !== 'add_marked') {
    const seen = Math.min(60, info.testSamples);
    forecast = session.forecast(seen, 40);
    signal = session.testSignal();
  }
  const history = session.history();
  post('frame', { last, test, testStep: lastTestStep, views, forecast, signal, history, playing, ...extra },
    [history.buffer]);
}

function tick() {
  if (!playing) return;
  const now = performance.now();
  owed += ((now - lastTick) / 1000) * speed;
  lastTick = now;
  const steps = Math.min(Math.floor(owed), Math.max(1, stepsPerTick), until - session.last().step);
  if (steps > 0) {
    const t0 = performance.now();
    try {
      session.train(steps);
    } catch (e) {
      playing = false;
      post('error', { message: e.message });
    }
    owed -= steps;
    const ms = performance.now() - t0;
    // Keep a tick's training near 12 ms so frames keep flowing and the page stays responsive.
    stepsPerTick = Math.max(1, Math.round(ms > 0 ? steps * (12 / ms) : steps * 2));
  }
  if (owed > speed) owed = speed;  // do not pile up debt when the machine is slow
  if (session.last().step >= until) playing = false;
  frame();
  if (playing) setTimeout(tick, 16);
}

async function build(config) {
  if (config.task.task === 'characters') config.task.text = await textPromise;
  const next = engine.createSequenceSession(config);
  if (session) session.dispose();
  session = next;
  info = session.describe();
  test = null;
  lastTestStep = -1;
  post('info', { info, config: { ...session.config, task: { ...session.config.task, text: undefined } } });
}

const handlers = {
  async text() {
    const text = await textPromise;
    const body = text.replace(/^(#[^\n]*\n)+\n?/, '');
    post('text', { alphabetSize: new Set(body).size });
  },
  async configure(m) {
    playing = false;
    speed = m.speed ?? speed;
    sample = m.sample ?? sample;
    await build(m.config);
    frame();
  },
  live(m) {
    if (m.optimizer) session.setOptimizer(m.optimizer);
    if (m.speed !== undefined) speed = m.speed;
    if (m.sample !== undefined) sample = m.sample;
    if (!playing) frame();
  },
  play(m) { until = m.until ?? Infinity; if (!playing) { playing = true; lastTick = performance.now(); owed = 1; tick(); } },
  pause() { playing = false; frame(); },
  step() { session.step(); frame(); },
  reset() { playing = false; session.reset(); test = null; lastTestStep = -1; frame(); },
  sampleText(m) { post('reply', { id: m.id, value: session.sampleText(m.prompt, m.count, m.temperature, m.seed) }); },
  evaluate(m) { post('reply', { id: m.id, value: session.evaluate() }); },
};

// Set synchronously so that no message is lost while the engine loads.
self.onmessage = async (event) => {
  engine = engine ?? await enginePromise;
  const m = event.data;
  try {
    await handlers[m.type](m);
  } catch (e) {
    playing = false;
    post('error', { message: e.message, id: m.id });
  }
};
