// One seed, one run: WebAssembly in Node gives the native engine's numbers. The native side is
// the CLI (build/native/engine/cli/nnplay, built by build-scripts/build-native). Its `train`
// command builds exactly what a Session builds from the configuration below (engine/cli/main.cpp,
// trainCommand): the data set from (kind, points, noise, classes, seed), split with the same
// seed and test fraction; mlpSpec(2 inputs, hidden, the default output head, seed, auto
// initializer); SGD defaults with learning rate 0.03; batch 10; shuffle seeded with the seed.
// The CLI prints 6 decimals, so each comparison allows that rounding (≤ 5e-7) on top of the
// relative tolerance.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { loadEngine, repoRoot } from './support/engine.mjs';

const engine = await loadEngine();
const cli = fileURLToPath(new URL('build/native/engine/cli/nnplay', repoRoot));
const PRINT_ROUNDING = 5e-7;

function cliHistory(args) {
  assert.ok(existsSync(cli), `the native CLI ${cli} is missing: run build-scripts/build-native first`);
  const out = execFileSync(cli, ['train', ...args, '--every', '1'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => /^\s+\d+\s/.test(l)).map((l) => {
    const [epoch, trainLoss, testLoss] = l.trim().split(/\s+/).map(Number);
    return { epoch, trainLoss, testLoss };
  });
}

function sessionFor({ kind, layers, activation, seed, points, noise, classes, epochs }) {
  const s = engine.createSession({
    data: { kind, points, noise, classes, testFraction: 0.3, seed },
    network: { hidden: layers.map((units) => ({ units, activation })), seed },
    optimizer: { kind: 'sgd', learningRate: 0.03 },
    training: { batchSize: 10, seed },
  });
  const history = [];
  for (let e = 0; e < epochs; e++) history.push(s.stepEpoch());
  s.dispose();
  return history;
}

function compare(native, wasm, relative, label) {
  assert.equal(wasm.length, native.length, `${label}: epochs`);
  let worst = 0;
  native.forEach((n, i) => {
    const w = wasm[i];
    assert.equal(w.epoch, n.epoch);
    for (const key of ['trainLoss', 'testLoss']) {
      const diff = Math.abs(w[key] - n[key]);
      worst = Math.max(worst, diff / Math.abs(n[key]));
      assert.ok(diff <= relative * Math.abs(n[key]) + PRINT_ROUNDING,
        `${label}, epoch ${n.epoch} ${key}: WASM ${w[key]} vs native ${n[key]} (difference ${diff})`);
    }
  });
  return worst;
}

test('spiral, 8-8 tanh, 50 epochs, seed 1: the native loss history to 1e-5 relative', (t) => {
  const native = cliHistory(['--dataset', 'spiral', '--layers', '8,8', '--activation', 'tanh', '--epochs', '50', '--seed', '1']);
  assert.equal(native.length, 50);
  // The relative tolerance must dominate the print's rounding: losses well above 0.05.
  assert.ok(native.every((n) => n.trainLoss > 0.05 && n.testLoss > 0.05), 'losses large enough for 6 decimals');
  const wasm = sessionFor({ kind: 'spiral', layers: [8, 8], activation: 'tanh', seed: 1, points: 500, noise: 0.1, classes: 3, epochs: 50 });
  const worst = compare(native, wasm, 1e-5, 'spiral');
  t.diagnostic(`largest relative difference over 50 epochs of train and test loss: ${worst.toExponential(2)}`);
});

test('every data set kind (noisy, seed 3): the same numbers natively and in WebAssembly', () => {
  const kinds = ['circle', 'xor', 'gaussians', 'spiral', 'moons', 'and', 'or', 'xor_gate', 'blobs', 'multi_spiral',
    'regression_plane', 'regression_gaussians'];
  for (const kind of kinds) {
    const native = cliHistory(['--dataset', kind, '--layers', '6', '--activation', 'relu', '--epochs', '4', '--seed', '3',
      '--points', '120', '--noise', '0.3', '--classes', '3']);
    const wasm = sessionFor({ kind, layers: [6], activation: 'relu', seed: 3, points: 120, noise: 0.3, classes: 3, epochs: 4 });
    compare(native, wasm, 1e-5, kind);
  }
});
