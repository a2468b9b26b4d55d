// web/js/views/tip-placement.js: a tooltip never covers its control nor what it is told to keep clear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overlapArea, placeTip } from '../../web/js/views/tip-placement.js';

const rect = (left, top, width, height) => ({ left, top, right: left + width, bottom: top + height });
const boxOf = (p, tip) => rect(p.left, p.top, tip.width, tip.height);
const VIEW = { width: 360, height: 740 };

test('overlapArea counts only shared pixels', () => {
  assert.equal(overlapArea(rect(0, 0, 10, 10), rect(5, 5, 10, 10)), 25);
  assert.equal(overlapArea(rect(0, 0, 10, 10), rect(10, 0, 10, 10)), 0);
});

test('below the control when nothing is in the way', () => {
  const p = placeTip({ width: 120, height: 40 }, rect(100, 20, 60, 30), [], VIEW);
  assert.equal(p.side, 'below');
  assert.equal(p.top, 56);
  assert.equal(p.left, 70);   // centred under the control
});

test('a watched readout under the control sends the tip to another side', () => {
  const control = rect(100, 20, 60, 30), readout = rect(40, 56, 200, 30);
  const tip = { width: 120, height: 40 };
  const p = placeTip(tip, control, [readout], VIEW);
  assert.notEqual(p.side, 'below');
  assert.equal(overlapArea(boxOf(p, tip), readout), 0);
  assert.equal(overlapArea(boxOf(p, tip), control), 0);
});

test('a control at the top with a wide readout under it: past the readout, inside the viewport', () => {
  const control = rect(4, 4, 80, 30), readout = rect(4, 40, 352, 30);
  const tip = { width: 200, height: 48 };
  const p = placeTip(tip, control, [readout], VIEW);
  const box = boxOf(p, tip);
  assert.equal(box.top, 76);
  assert.equal(overlapArea(box, readout) + overlapArea(box, control), 0);
  assert.ok(box.left >= 4 && box.right <= 356 && box.top >= 4);
});

test('when every side covers something, the least covered one', () => {
  const control = rect(0, 0, 360, 700);
  const p = placeTip({ width: 100, height: 50 }, control, [], { width: 360, height: 740 });
  assert.equal(p.side, 'below');   // the only strip left free is at the bottom… partly
  assert.ok(p.top <= 740 - 50 - 4);
});
