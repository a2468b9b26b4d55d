// The same engine.js, unchanged, in Chromium: in a page and in a module Worker (the module
// fetches engine.wasm next to itself). Node is covered by every other file here.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { startServer } from '../../build-scripts/static-server.mjs';
import { repoRoot } from './support/engine.mjs';

const { chromium } = createRequire(import.meta.url)('playwright-core');

let server, browser, page, origin;
before(async () => {
  ({ server, url: origin } = await startServer({ root: fileURLToPath(new URL('web/', repoRoot)), port: 0 }));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  await page.goto(`${origin}no-such-page`);  // an empty document of the server's origin
});
after(async () => {
  await browser?.close();
  server?.close();
});

// Runs in the page and in the worker: train, draw, fail, and report.
const exercise = `
  const engine = await createEngine();
  const s = engine.createSession({ data: { kind: 'spiral' }, network: { hidden: [{ units: 8 }, { units: 8 }] } });
  const before = s.evaluate().trainLoss;
  s.train(20 * s.batchesPerEpoch);
  const g = s.evaluateGrid({ resolution: 32 });
  let error = null;
  try { s.update({ data: { kind: 'galaxy' } }); } catch (e) { error = { name: e.name, message: e.message }; }
  const result = { simd: engine.simd, before, after: s.history().at(-1).trainLoss, rows: g.rows,
    layers: g.neuronLayers.map((l) => l.length), inRange: g.output.every((v) => v > 0 && v < 1), error,
    stillTrains: Number.isFinite(s.stepBatch().loss) };
  s.dispose();
`;

function check(r, where) {
  assert.match(r.simd, /SSE2/, where);
  assert.ok(r.after < r.before, `${where}: loss ${r.before} → ${r.after}`);
  assert.equal(r.rows, 32 * 32);
  assert.deepEqual(r.layers, [1024 * 8, 1024 * 8, 1024]);
  assert.ok(r.inRange, `${where}: sigmoid outputs in (0, 1)`);
  assert.equal(r.error?.name, 'InvalidArgument', `${where}: ${JSON.stringify(r.error)}`);
  assert.match(r.error.message, /data\.kind must be .*, found "galaxy"/);
  assert.ok(r.stillTrains);
}

test('engine.js works in a page', async () => {
  const r = await page.evaluate(`(async () => {
    const { createEngine } = await import('${origin}js/engine.js');
    ${exercise}
    return result;
  })()`);
  check(r, 'page');
});

test('engine.js works in a module Worker', async () => {
  const r = await page.evaluate(`new Promise((resolve, reject) => {
    const code = \`
      import { createEngine } from '${origin}js/engine.js';
      self.onmessage = async () => {
        try { ${exercise.replaceAll('`', '\\`')} self.postMessage(result); }
        catch (e) { self.postMessage({ failed: String(e) }); }
      };
    \`;
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })), { type: 'module' });
    worker.onmessage = (e) => { worker.terminate(); resolve(e.data); };
    worker.onerror = (e) => reject(new Error('worker error: ' + e.message));
    worker.postMessage('go');
  })`);
  assert.equal(r.failed, undefined, r.failed);
  check(r, 'worker');
});
