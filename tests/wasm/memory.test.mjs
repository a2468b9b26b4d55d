// Memory: nothing leaks across many sessions, many training steps or many calls that copy
// arrays in and out; the WASM heap stays at its warmed-up size.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadEngine } from './support/engine.mjs';

const MiB = 1024 * 1024;

test('creating and disposing 10,000 sessions leaks nothing', async () => {
  const engine = await loadEngine();
  const configs = [undefined, { data: { kind: 'spiral', points: 200 }, network: { hidden: [{ units: 8 }, { units: 8 }] } },
    { data: { kind: 'blobs', classes: 4 }, optimizer: { kind: 'adam' } }];
  const cycle = (i) => {
    const s = engine.createSession(configs[i % configs.length]);
    if (i % 100 === 0) {  // now and then, use it: training, a grid, a snapshot
      s.stepBatch();
      s.evaluateGrid({ resolution: 16 });
      s.takeSnapshot();
    }
    s.dispose();
  };
  for (let i = 0; i < 100; i++) cycle(i);  // warm-up
  const warm = engine.memoryUsage();
  for (let i = 0; i < 10000; i++) cycle(i);
  const end = engine.memoryUsage();
  assert.equal(end.heapBytes, warm.heapBytes, `heap grew from ${warm.heapBytes} to ${end.heapBytes} bytes`);
  assert.ok(end.allocatedBytes - warm.allocatedBytes <= 4096,
    `allocated bytes went from ${warm.allocatedBytes} to ${end.allocatedBytes}`);
});

test('100,000 training steps on one session: only the history grows', async () => {
  const engine = await loadEngine();
  const s = engine.createSession({ optimizer: { kind: 'adam', learningRate: 0.003 } });
  try {
    const perEpoch = s.batchesPerEpoch;
    const touch = () => {  // everything the page does between training slices
      s.evaluateGrid({ resolution: 32 });
      s.parameters();
      s.gradients();
      s.optimizerState();
      s.history();
      s.evaluate();
    };
    s.train(2 * perEpoch);
    touch();
    const warm = engine.memoryUsage();
    const epochsBefore = s.epoch;
    let steps = 0;
    for (let i = 0; i < 1000; i++) {
      s.train(90);
      for (let j = 0; j < 10; j++) s.stepBatch();
      steps += 100;
      if (i % 50 === 0) touch();
    }
    touch();
    assert.equal(steps, 100000);
    assert.equal(s.step, 2 * perEpoch + 100000);
    const end = engine.memoryUsage();
    const newEpochs = s.epoch - epochsBefore;
    // The history keeps one record per epoch (48 bytes, in a vector that doubles) and history()
    // copies it out through a reused buffer of 6 doubles per record (48 bytes, also doubling).
    const historyBound = newEpochs * 48 * 2 * 2 + 64 * 1024;
    assert.ok(end.allocatedBytes - warm.allocatedBytes <= historyBound,
      `allocated bytes grew by ${end.allocatedBytes - warm.allocatedBytes} over ${newEpochs} epochs (bound ${historyBound})`);
    assert.ok(end.heapBytes <= warm.heapBytes + MiB, `heap grew from ${warm.heapBytes} to ${end.heapBytes} bytes`);
    assert.ok(Number.isFinite(s.history().at(-1).trainLoss));
  } finally {
    s.dispose();
  }
});

test('arrays copied in and out (data, points, parameters, models) leak nothing', async () => {
  const engine = await loadEngine();
  const s = engine.createSession();
  try {
    const points = Float32Array.from({ length: 400 }, (_, i) => Math.sin(i) * 4);
    const labels = Float32Array.from({ length: 200 }, (_, i) => i % 2);
    const cycle = () => {
      s.setData({ points, labels, classes: 2 });
      s.data();
      s.evaluatePoints(points);
      s.setParameters(s.parameters().slice());
      s.loadModel(s.saveModel());
      s.describe();
      s.config;
      s.snapshots();
      s.checkGradients();
    };
    for (let i = 0; i < 20; i++) cycle();
    const warm = engine.memoryUsage();
    for (let i = 0; i < 300; i++) cycle();
    const end = engine.memoryUsage();
    assert.equal(end.heapBytes, warm.heapBytes, `heap grew from ${warm.heapBytes} to ${end.heapBytes}`);
    assert.ok(end.allocatedBytes - warm.allocatedBytes <= 4096,
      `allocated bytes went from ${warm.allocatedBytes} to ${end.allocatedBytes}`);
  } finally {
    s.dispose();
  }
});

test('a large data set is held at most about twice (the whole set and the trainer\'s split), classifier and autoencoder', async () => {
  const engine = await loadEngine();
  const n = 5000, dims = 784;
  const points = new Float32Array(n * dims);
  for (let i = 0; i < points.length; i++) points[i] = ((i * 7919) % 256) / 255;
  const labels = new Float32Array(n).map((_, i) => i % 10);
  const dataBytes = points.byteLength;
  for (const config of [
    { network: { hidden: [{ units: 128, activation: 'relu' }, { units: 64, activation: 'relu' }] } },
    { data: { task: 'autoencoder' }, network: { hidden: [{ units: 32, activation: 'relu' }, { units: 2, activation: 'linear' }, { units: 32, activation: 'relu' }] } },
  ]) {
    const before = engine.memoryUsage().allocatedBytes;
    const s = engine.createSession({ ...config, training: { batchSize: 64 } });
    s.setData({ points, labels, dims, classes: 10 });
    s.train(s.batchesPerEpoch + 1);  // one epoch, with its whole-set evaluation
    const held = engine.memoryUsage().allocatedBytes - before;
    assert.ok(held < 2.5 * dataBytes,
      `${config.data?.task ?? 'classifier'}: the engine holds ${(held / 1e6).toFixed(1)} MB for ${(dataBytes / 1e6).toFixed(1)} MB of data (limit 2.5×)`);
    s.dispose();
  }
});
