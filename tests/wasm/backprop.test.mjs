// Session.traceSample and Session.gradientFrame: the numbers the backprop view and the
// step-through draw (issue 11). The engine's own Catch2 tests check them against hand
// computations; here: the bindings' shapes, that nothing changes, and clear errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadEngine, sessionFactory } from './support/engine.mjs';

const engine = await loadEngine();
const session = sessionFactory(engine);

test('gradientFrame returns the last step\'s gradients, per-layer norms, the next update and the optimizer state', () => {
  const s = session({ optimizer: { kind: 'adam', learningRate: 0.01 }, network: { hidden: [{ units: 4 }, { units: 3 }] } });
  s.stepEpoch();
  const g = s.gradientFrame();
  assert.deepEqual(g.gradients, s.gradients().slice());
  const layers = s.describe().layers;
  assert.equal(g.layerNorms.length, layers.length);
  assert.ok(g.layerNorms instanceof Float64Array);
  for (const n of s.describe().neuronLayers) assert.ok(g.layerNorms[n.denseLayer] > 0, 'every dense layer was pushed');
  assert.equal(g.update.length, g.gradients.length);
  assert.deepEqual(Object.keys(g.slots).sort(), ['first_moment', 'second_moment']);
  assert.equal(g.step, s.optimizerState().step);
  // Previewing changes nothing: the next real step makes exactly that update.
  const before = s.parameters().slice();
  const again = s.gradientFrame();
  assert.deepEqual(again.update, g.update);
  assert.deepEqual(s.optimizerState().slots.first_moment, g.slots.first_moment);
  assert.deepEqual(s.parameters().slice(), before);
});

test('traceSample follows one point forward and back and leaves the session as it was', () => {
  const s = session({ network: { hidden: [{ units: 3 }] }, optimizer: { kind: 'momentum', learningRate: 0.1 } });
  for (let i = 0; i < 3; i++) s.stepEpoch();
  const params = s.parameters().slice();
  const grads = s.gradients().slice();
  const state = s.optimizerState();
  const t = s.traceSample(5);
  const layers = s.describe().layers;
  assert.equal(t.outputs.length, layers.length);
  assert.equal(t.deltas.length, layers.length);
  assert.equal(t.deltas.at(-1).length, 0, 'sigmoid + cross-entropy: δ starts below the output activation');
  assert.equal(t.deltas.at(-2).length, 1);
  assert.equal(t.gradients.length, params.length);
  assert.ok(Number.isFinite(t.loss) && t.loss > 0);
  // Momentum: Δθ = αv − ηg with this point's gradients.
  const v = state.slots.velocity;
  for (let i = 0; i < params.length; i++) assert.ok(Math.abs(t.update[i] - (0.9 * v[i] - 0.1 * t.gradients[i])) < 1e-6);
  assert.deepEqual(s.parameters().slice(), params);
  assert.deepEqual(s.gradients().slice(), grads);
  assert.deepEqual(s.optimizerState(), state);
  // The same point, the same trace.
  assert.deepEqual(s.traceSample(5), t);
});

test('traceSample refuses a point that does not exist with a clear message', () => {
  const s = session();
  const size = s.describe().trainSize;
  assert.throws(() => s.traceSample(size), { name: 'RangeError', message: new RegExp(`training point ${size} does not exist`) });
  assert.throws(() => s.traceSample(-1), RangeError);
  assert.throws(() => s.traceSample(1.5), RangeError);
});
