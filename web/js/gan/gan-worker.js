// The GAN page's Worker: owns the engine's GanSession. While playing it trains in time
// slices (~10 ms of train(n) per tick, n adapted to the speed), then evaluates every view
// in ONE engine call and posts one frame with transferred copies.
import { createEngine } from '../engine.js';

import { PacedPlay } from '../worker/paced-play.js';
import { BoundedHistory } from '../worker/bounded-history.js';

const enginePromise = createEngine();
let engine = null;
let gan = null;
let view = { resolution: 40, samples: 300, gridLines: 11 };
const chart = new BoundedHistory(4);   // the loss chart's records, bounded however long the run
// Speed: generator steps per second while playing; slices of ~10 ms keep the frames flowing.
const loop = new PacedPlay({
  stepsDone: () => gan.last().generatorSteps,
  train: (n) => gan.train(n),
  frame: () => frame(),
  failed: (e) => post('error', { message: e.message }),
}, { speed: 200, sliceMs: 10 });

function post(type, payload = {}, transfer = []) { self.postMessage({ type, ...payload }, transfer); }

function frame(extra = {}) {
  const v = gan.evaluate(view);
  const copy = (a) => a.slice();
  const probability = copy(v.probability), samples = copy(v.samples), arrows = copy(v.arrows), warped = copy(v.warpedGrid);
  chart.update(gan.last().generatorSteps, (from) => gan.history(from));
  const history = chart.copy();
  post('frame', {
    last: gan.last(), resolution: v.resolution, noiseDims: v.noiseDims, gridLines: v.gridLines,
    probability, samples, arrows, warped, history, playing: loop.playing, command: loop.command, ...extra,
  }, [probability.buffer, samples.buffer, arrows.buffer, warped.buffer, history.buffer]);
}

function build(settings, custom) {
  if (gan) gan.dispose();
  gan = engine.createGan(settings);
  if (custom && custom.length >= 2) gan.setCustomTarget(custom);
  post('target', { points: gan.targetPoints(), settings: gan.settings });
}

const handlers = {
  init(m) { build(m.settings, m.custom); view = { ...view, ...m.view }; loop.speed = m.speed ?? loop.speed; frame(); },
  configure(m) { build(m.settings, m.custom); frame(); },
  live(m) {
    if (m.k !== undefined) gan.setDiscriminatorSteps(m.k);
    if (m.loss !== undefined) gan.setLoss(m.loss);
    if (m.generatorOptimizer) gan.setOptimizer('generator', m.generatorOptimizer);
    if (m.discriminatorOptimizer) gan.setOptimizer('discriminator', m.discriminatorOptimizer);
    if (m.speed !== undefined) loop.speed = m.speed;
    if (!loop.playing) frame();
  },
  play(m) { loop.play(m.command, m.until); },
  pause(m) { loop.pause(m.command); frame(); },
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
    loop.stop();
    post('error', { message: e.message, id: m.id });
  }
};
