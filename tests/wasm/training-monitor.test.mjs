// The page's port of the engine's TrainingMonitor (web/js/ground/training-monitor.js) against the
// table the Catch2 tests use (tests/engine/training/training_monitor.cases.json): same reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { TrainingMonitor, describeStop, describeTrend } from '../../web/js/ground/training-monitor.js';

const table = JSON.parse(await readFile(new URL('../engine/training/training_monitor.cases.json', import.meta.url), 'utf8'));
const record = ([epoch, trainLoss, testLoss, trainAccuracy, testAccuracy]) => ({ epoch, trainLoss: trainLoss ?? NaN, testLoss: testLoss ?? NaN, trainAccuracy: trainAccuracy ?? NaN, testAccuracy: testAccuracy ?? NaN });

for (const c of table.cases) {
  test(`monitor case: ${c.name}`, () => {
    const monitor = new TrainingMonitor(c.conditions);
    const reports = c.records.map((r) => monitor.observe(record(r)));
    for (const x of c.expect ?? []) {
      const r = x.index !== undefined ? reports[x.index] : reports.find((p) => p.epoch === x.epoch);
      assert.ok(r, `a report for ${JSON.stringify(x)}`);
      const where = `${JSON.stringify(x)} vs ${JSON.stringify(r)}`;
      if (x.stop) assert.equal(r.stop, x.stop, where);
      if (x.bestEpoch !== undefined) assert.equal(r.bestEpoch, x.bestEpoch, where);
      if (x.bestLoss !== undefined) assert.ok(Math.abs(r.bestLoss - x.bestLoss) < 1e-9, where);
      if (x.epochsSinceBest !== undefined) assert.equal(r.epochsSinceBest, x.epochsSinceBest, where);
      if (x.monitorsTestSet !== undefined) assert.equal(r.monitorsTestSet, x.monitorsTestSet, where);
    }
    const first = reports.find((r) => r.trend !== 'healthy');
    if ('firstTrend' in c) {
      if (c.firstTrend === null) assert.equal(first, undefined, `never flagged, got ${JSON.stringify(first)}`);
      else assert.deepEqual([first?.epoch, first?.trend], [c.firstTrend.epoch, c.firstTrend.trend]);
    }
    if (c.firstTrendBy) {
      assert.ok(first && first.epoch <= c.firstTrendBy.epoch, `flagged by epoch ${c.firstTrendBy.epoch}, got ${JSON.stringify(first)}`);
      assert.equal(first.trend, c.firstTrendBy.trend);
    }
  });
}

test('messages match the engine\'s wording', () => {
  const m = new TrainingMonitor({ patience: 2 });
  const rec = (epoch, testLoss) => ({ epoch, trainLoss: 0.5, testLoss, trainAccuracy: 0.5, testAccuracy: 0.5 });
  m.observe(rec(1, 0.4)); m.observe(rec(2, 0.45));
  const r = m.observe(rec(3, 0.41));
  assert.equal(describeStop(r, m.conditions), 'Early stopping at epoch 3: the test loss has not improved for 2 epochs; the best was 0.4 at epoch 1.');
  assert.match(describeTrend({ trend: 'oscillating' }), /Lower the learning rate/);
  assert.throws(() => new TrainingMonitor({ targetAccuracy: 2 }), /target accuracy/);
});
