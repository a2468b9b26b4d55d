// The GAN page's Worker: owns the engine's GanSession. While playing it trains in time
// slices (~10 ms of train(n) per tick, n adapted to the speed), then evaluates every view
// in ONE engine call and posts one frame with transferred copies.
import { createEngine } from '../engine.js';

const enginePromise = createEngine();
let engine = null;
let gan = null;
let playing = false;
let stepsPerTick = 1;
let speed = 200;  // generator steps per second while playing
let view = { resolution: 40, samples: 300, gridLines: 11 };
let timer = null;
let lastTick = 0;
let owed = 0;
let until = Infinity;  // play stops at this many generator steps (tests, lessons)

function post(type, payload = {}, transfer = []) { self.postMessage({ type, ...payload }, transfer); }

function frame(extra = {}) {
  const v = gan.evaluate(view);
  const copy = (a) => a.slice();
  const probability = copy(v.probability), samples = copy(v.samples), arrows = copy(v.arrows), warped = copy(v.warpedGrid);
  const history = gan.history();
  post('frame', {
    last: gan.last(), resolution: v.resolution, noiseDims: v.noiseDims, gridLines: v.gridLines,
    probability, samples, arrows, warped, history, playing, ...extra,
  }, [probability.buffer, samples.buffer, arrows.buffer, warped.buffer, history.buffer]);
}

function tick() {
  timer = null;
  if (!playing) return;
  const now = performance.now();
  owed += ((now - lastTick) / 1000) * speed;
  lastTick = now;
  const steps = Math.min(Math.floor(owed), Math.max(1, stepsPerTick), until - gan.last().generatorSteps);
  if (steps > 0) {
    const t0 = performance.now();
    try {
      gan.train(steps);
    } catch (e) {
      playing = false;
      post('error', { message: e.message });
    }
    owed -= steps;
    const ms = performance.now() - t0;
    // Keep a tick's training near 10 ms so frames keep flowing.
    stepsPerTick = Math.max(1, Math.round(ms > 0 ? steps * (10 / ms) : steps * 2));
  }
  if (owed > speed) owed = speed;  // do not pile up debt when the machine is slow
  if (gan.last().generatorSteps >= until) playing = false;
  frame();
  if (playing) timer = setTimeout(tick, 16);
}

function build(settings, custom) {
  if (gan) gan.dispose();
  gan = engine.createGan(settings);
  if (custom && custom.length >= 2) gan.setCustomTarget(custom);
  post('target', { points: gan.targetPoints(), settings: gan.settings });
}

const handlers = {
  init(m) { build(m.settings, m.custom); view = { ...view, ...m.view }; speed = m.speed ?? speed; frame(); },
  configure(m) { build(m.settings, m.custom); frame(); },
  live(m) {
    if (m.k !== undefined) gan.setDiscriminatorSteps(m.k);
    if (m.loss !== undefined) gan.setLoss(m.loss);
    if (m.generatorOptimizer) gan.setOptimizer('generator', m.generatorOptimizer);
    if (m.discriminatorOptimizer) gan.setOptimizer('discriminator', m.discriminatorOptimizer);
    if (m.speed !== undefined) speed = m.speed;
    if (!playing) frame();
  },
  play(m) { until = m.until ?? Infinity; if (!playing) { playing = true; lastTick = performance.now(); owed = 1; tick(); } },
  pause() { playing = false; frame(); },
  step(m) {
    if (m.which === 'discriminator') gan.stepDiscriminator();
    else if (m.which === 'generator') gan.stepGenerator();
    else gan.step();
    frame();
  },
  reset() { gan.reset(); frame(); },
  custom(m) { gan.setCustomTarget(m.points); post('target', { points: gan.targetPoints(), settings: gan.settings }); frame(); },
  coverage(m) { post('reply', { id: m.id, value: gan.coverage(1000) }); },
  save(m) { post('reply', { id: m.id, value: gan.saveModel() }); },
  load(m) { gan.loadModel(m.text); post('target', { points: gan.targetPoints(), settings: gan.settings, loaded: true }); frame(); },
};

// Set synchronously so that no message is lost while the engine loads.
self.onmessage = async (event) => {
  engine = engine ?? await enginePromise;
  const m = event.data;
  try {
    handlers[m.type](m);
  } catch (e) {
    post('error', { message: e.message, id: m.id });
  }
};
