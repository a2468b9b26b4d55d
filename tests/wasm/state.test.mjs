// Rewind and model files: exactly the saved numbers back, and identical continuations.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadEngine, stateOf } from './support/engine.mjs';

const engine = await loadEngine();

// Adam (two state slots), dropout (its own random stream) and batch norm (running statistics).
const RICH = {
  data: { kind: 'moons', points: 200, noise: 0.2 },
  network: { hidden: [{ units: 6, activation: 'tanh', dropout: 0.1, batchNorm: true }, { units: 4, activation: 'relu' }] },
  optimizer: { kind: 'adam', learningRate: 0.01 },
  training: { batchSize: 16 },
};

function run(session, epochs) {
  const losses = [];
  for (let i = 0; i < epochs; i++) losses.push(session.stepEpoch().trainLoss);
  losses.push(session.stepBatch().loss);
  return { losses, parameters: session.parameters().slice(), optimizer: session.optimizerState() };
}

test('snapshot → train → restore gives back exactly the saved parameters and optimizer state', () => {
  const s = engine.createSession(RICH);
  try {
    s.stepEpoch();
    s.stepBatch();
    s.stepBatch();
    const saved = stateOf(s);
    const id = s.takeSnapshot();
    const first = run(s, 5);
    assert.notDeepEqual(s.parameters(), saved.parameters, 'training moved the weights');
    s.restoreSnapshot(id);
    const restored = stateOf(s);
    assert.deepEqual(restored.parameters, saved.parameters);
    assert.deepEqual(restored.optimizer, saved.optimizer);  // step and both Adam slots, bit for bit
    assert.equal(restored.epoch, 1);
    assert.equal(restored.batchCursor, 2);
    assert.deepEqual(restored.history, saved.history);
    // Same shuffle order and dropout masks after the rewind: the same run again, bit for bit.
    assert.deepEqual(run(s, 5), first);
  } finally {
    s.dispose();
  }
});

test('a model saved, loaded into a new session and continued gives identical numbers', () => {
  const a = engine.createSession(RICH);
  const b = engine.createSession();
  try {
    a.stepEpoch();
    a.stepBatch();
    const text = a.saveModel();
    b.loadModel(text);
    assert.deepEqual(stateOf(b), stateOf(a));
    assert.deepEqual(b.describe(), a.describe());
    assert.deepEqual(run(b, 3), run(a, 3));
    assert.deepEqual(b.history(), a.history());
    assert.equal(b.saveModel(), a.saveModel());
  } finally {
    a.dispose();
    b.dispose();
  }
});

test('a model with custom data carries the data; a new engine instance continues identically', async () => {
  const a = engine.createSession({ network: { hidden: [{ units: 3 }] } });
  const points = [];
  const labels = [];
  for (let i = 0; i < 40; i++) {
    const x = Math.cos(i) * (1 + (i % 3));
    const y = Math.sin(i * 1.7) * 2;
    points.push([x, y]);
    labels.push(x * y > 0 ? 1 : 0);
  }
  a.setData({ points, labels });
  a.stepEpoch();
  const model = JSON.parse(a.saveModel());
  const other = await loadEngine();  // a separate WebAssembly instance, like a page reload
  const b = other.createSession({ data: { kind: 'spiral' } });
  try {
    b.loadModel(model);
    assert.deepEqual(b.data(), a.data());
    assert.equal(b.config.data.source, 'custom');
    assert.deepEqual(run(b, 4), run(a, 4));
  } finally {
    a.dispose();
    b.dispose();
  }
});
