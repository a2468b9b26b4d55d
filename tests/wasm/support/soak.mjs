// The engine soak (build-scripts/soak runs the long one, tests/wasm/soak.test.mjs a bounded
// one): training steps with, between slices, everything the page does — grid evaluation, the
// getters, save/load of the model file and reconfiguration (a rebuild) — then sessions created,
// used and disposed. WASM memory (HEAP8.length, and the bytes malloc holds) is measured after a
// warm-up and at the end: it must not grow.

/** The configurations a soak cycles through (each reconfigure rebuilds the network). */
const CONFIGS = [
  { data: { kind: 'spiral', points: 300, seed: 3 }, network: { hidden: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }] }, optimizer: { kind: 'adam', learningRate: 0.01 } },
  { data: { kind: 'blobs', classes: 4, points: 240 }, network: { hidden: [{ units: 6, activation: 'relu', dropout: 0.1 }, { units: 4, activation: 'relu', batchNorm: true }] }, optimizer: { kind: 'sgd', learningRate: 0.05, momentum: 0.9 } },
  { data: { kind: 'regression_plane', points: 200 }, network: { hidden: [{ units: 5, activation: 'sigmoid' }] }, optimizer: { kind: 'rmsprop', learningRate: 0.01 } },
];
const CYCLE_STEPS = 2000;   // steps between reconfigurations (bounds the history)
const SLICE = 100;          // steps per train() call, as the worker's time slices
const TOUCH_EVERY = 500;    // steps between grid evaluations and getters

/**
 * @param engine from createEngine()
 * @param {{steps: number, sessions: number, warmupCycles?: number, log?: (line: string) => void}} options
 * @returns {{steps, sessions, heapWarm, heapEnd, allocatedWarm, allocatedEnd, sessionsHeapBefore, sessionsHeapEnd, seconds}}
 */
export function runSoak(engine, { steps, sessions, warmupCycles = 3, log = () => {} }) {
  const started = performance.now();
  const s = engine.createSession(CONFIGS[0]);
  let done = 0;
  let cycle = 0;
  const touch = () => {
    s.evaluateGrid({ resolution: 64 });
    s.parameters();
    s.gradients();
    s.optimizerState();
    s.history();
    s.evaluate();
    s.describe();
    s.data();
  };
  const runCycle = () => {
    for (let k = 0; k < CYCLE_STEPS; k += SLICE) {
      s.train(SLICE);
      if ((k + SLICE) % TOUCH_EVERY === 0) touch();
    }
    // Save and load the model file (the page's Save/Load and the autosave), then rebuild.
    const text = s.saveModel();
    s.loadModel(text);
    cycle += 1;
    s.configure(CONFIGS[cycle % CONFIGS.length]);
    return CYCLE_STEPS;
  };
  const memory = () => engine.memoryUsage();
  for (let i = 0; i < warmupCycles; i++) done += runCycle();
  const warm = memory();
  log(`after warm-up (${done} steps): HEAP8 ${warm.heapBytes} bytes, allocated ${warm.allocatedBytes} bytes`);
  while (done < steps) {
    done += runCycle();
    if (cycle % 10 === 0) log(`${done} steps: HEAP8 ${memory().heapBytes} bytes, allocated ${memory().allocatedBytes} bytes`);
  }
  // Back to the configuration the warm-up ended in, so the two measurements compare like with like.
  while (cycle % CONFIGS.length !== warmupCycles % CONFIGS.length) { cycle += 1; s.configure(CONFIGS[cycle % CONFIGS.length]); }
  const end = memory();
  s.dispose();

  const useSession = (i) => {
    const t = engine.createSession(CONFIGS[i % CONFIGS.length]);
    t.train(20);
    t.evaluateGrid({ resolution: 32 });
    t.takeSnapshot();
    t.loadModel(t.saveModel());
    t.dispose();
  };
  for (let i = 0; i < 20; i++) useSession(i);
  const sessionsBefore = memory();
  for (let i = 0; i < sessions; i++) useSession(i);
  const sessionsEnd = memory();
  log(`${sessions} sessions: HEAP8 ${sessionsBefore.heapBytes} → ${sessionsEnd.heapBytes} bytes, allocated ${sessionsBefore.allocatedBytes} → ${sessionsEnd.allocatedBytes} bytes`);
  return {
    steps: done,
    sessions,
    heapWarm: warm.heapBytes,
    heapEnd: end.heapBytes,
    allocatedWarm: warm.allocatedBytes,
    allocatedEnd: end.allocatedBytes,
    sessionsHeapBefore: sessionsBefore.heapBytes,
    sessionsHeapEnd: sessionsEnd.heapBytes,
    sessionsAllocatedBefore: sessionsBefore.allocatedBytes,
    sessionsAllocatedEnd: sessionsEnd.allocatedBytes,
    seconds: (performance.now() - started) / 1000,
  };
}
