// The sequence page's compare settings in the URL (seq-state.js): a shared link opens the
// comparison with its models and steps; an invalid value falls back to the default race.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { COMPARE_DEFAULT, defaultState, parseCompare, stateFromUrl, urlFromState } from '../../web/js/sequence/seq-state.js';

test('compare mode and its steps survive a round trip through the link; the list reads as one', () => {
  const s = { ...defaultState(), task: 'reverse', length: 8, compare: ['lstm', 'gru', 'transformer'], compareSteps: 900 };
  const url = urlFromState(s);
  assert.match(url, /[?&]compare=lstm,gru,transformer(&|$)/);
  assert.match(url, /[?&]steps=900(&|$)/);
  assert.deepEqual(stateFromUrl(url), s);
  assert.equal(urlFromState(defaultState()), '', 'closed compare mode and 600 steps are the defaults: not in the link');
});

test('invalid compare values fall back: known architectures once each, in the page order; fewer than two: the default race', () => {
  assert.deepEqual(parseCompare('transformer,simple_rnn,transformer'), ['simple_rnn', 'transformer']);
  for (const text of ['', 'bogus', 'lstm', 'gru,gru', 'LSTM,GRU', '<script>', 'lstm;gru']) {
    assert.deepEqual(parseCompare(text), COMPARE_DEFAULT, text);
  }
  for (const steps of ['-5', 'abc', '1e9', '9', '5001', '12.5']) {
    assert.equal(stateFromUrl(`?compare=lstm,gru&steps=${encodeURIComponent(steps)}`).compareSteps, 600, steps);
  }
  assert.equal(stateFromUrl('?steps=10').compareSteps, 10);
  assert.equal(stateFromUrl('?task=copy').compare, null, 'no compare parameter: compare mode stays closed');
});
