// The sequence page's Worker: owns the engine's SequenceSession. While playing it trains in
// time slices (~12 ms of train(n) per tick), then gathers the views of the chosen test sample
// in ONE engine call (views) plus, for signals, one forecast call, and posts one frame.
import { createEngine } from '../engine.js';
import { PacedPlay } from '../worker/paced-play.js';
import { shippedTextLoader } from './seq-text.js';
import { BoundedHistory } from '../worker/bounded-history.js';

const enginePromise = createEngine();
const shippedText = shippedTextLoader();   // the character model's text, when first needed
let engine = null;
let session = null;
let info = null;
let sample = 0;
// Speed: training steps per second while playing; slices of ~12 ms keep the frames flowing
// and the page's messages answered.
const loop = new PacedPlay({
  stepsDone: () => session.last().step,
  train: (n) => session.train(n),
  frame: () => frame(),
  failed: (e) => post('error', { message: e.message }),
}, { speed: 100, sliceMs: 12 });
const chart = new BoundedHistory(3);   // the charts' records, bounded however long the run
let test = null;        // the last test-set evaluation
let lastTestStep = -1;

function post(type, payload = {}, transfer = []) { self.postMessage({ type, ...payload }, transfer); }

function frame(extra = {}) {
  const last = session.last();
  // The whole test set, at most every 100 steps while playing (it is the slowest view).
  if (last.step !== lastTestStep && (!loop.playing || last.step - lastTestStep >= 100 || lastTestStep < 0)) {
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
  chart.update(last.step, (from) => session.history(from));
  const history = chart.copy();
  post('frame', { last, test, testStep: lastTestStep, views, forecast, signal, history, playing: loop.playing, command: loop.command, ...extra },
    [history.buffer]);
}

async function build(config) {
  if (config.task.task === 'characters') config.task.text = await shippedText();
  const next = engine.createSequenceSession(config);
  if (session) session.dispose();
  session = next;
  described();
}

// After a new session or a loaded model: its description and config (without the text).
function described(extra = {}) {
  info = session.describe();
  chart.clear();   // a loaded model may stand at a later step than the charts' newest record
  test = null;
  lastTestStep = -1;
  post('info', { info, config: { ...session.config, task: { ...session.config.task, text: undefined } }, ...extra });
}

const handlers = {
  async text() {
    const text = await shippedText();
    const body = text.replace(/^(#[^\n]*\n)+\n?/, '');
    post('text', { alphabetSize: new Set(body).size });
  },
  async configure(m) {
    loop.stop();
    loop.speed = m.speed ?? loop.speed;
    sample = m.sample ?? sample;
    await build(m.config);
    frame();
  },
  live(m) {
    if (m.optimizer) session.setOptimizer(m.optimizer);
    if (m.speed !== undefined) loop.speed = m.speed;
    if (m.sample !== undefined) sample = m.sample;
    if (!loop.playing) frame();
  },
  play(m) { loop.play(m.command, m.until); },
  pause(m) { loop.pause(m.command); frame(); },
  step() { session.step(); frame(); },
  reset() { loop.stop(); session.reset(); test = null; lastTestStep = -1; frame(); },
  sampleText(m) { post('reply', { id: m.id, value: session.sampleText(m.prompt, m.count, m.temperature, m.seed) }); },
  evaluate(m) { post('reply', { id: m.id, value: session.evaluate() }); },
  // Model files: a loaded model replaces the session (a character model reads the shipped text).
  save(m) {
    if (!session) throw new Error('There is no model to save yet: wait until the first one is built.');
    post('reply', { id: m.id, value: session.saveModel() });
  },
  async load(m) {
    loop.stop();
    const text = await shippedText();
    if (!session) throw new Error('The model was not loaded: the page is still starting; try again in a moment.');
    try {
      session.loadModel(m.text, text);
    } catch (e) {
      throw new Error(`The model was not loaded: ${e.message}`);
    }
    described({ loaded: true, steps: session.last().step });
    frame();
  },
};

// Set synchronously so that no message is lost while the engine loads.
self.onmessage = async (event) => {
  engine = engine ?? await enginePromise;
  const m = event.data;
  try {
    await handlers[m.type](m);
  } catch (e) {
    loop.stop();
    post('error', { message: e.message, id: m.id });
  }
};
