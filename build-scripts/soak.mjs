// Soak: the engine and the page over long runs (docs/DEVELOPING.md, "Soak").
//   Engine (Node, web/js/engine.js): 10⁵ training steps with grid evaluation, getters, save/load
//   and reconfiguration between slices, then 500 sessions created, used and disposed; WASM memory
//   (HEAP8.length and malloc's bytes) after the warm-up and at the end must be equal.
//   Page (Chromium): the playground trains at full speed for N minutes (default 10); the page's JS
//   heap (CDP Runtime.getHeapUsage after a forced GC) must stay under PAGE_HEAP_BOUND_MB, and grow by
//   less than PAGE_GROWTH_BOUND_MB from the first minute to the end. "Kept" is the least of three
//   measurements after a forced GC (what the page retains); the peak bound applies to the most.
// Usage: build-scripts/soak (runs this file) [--steps N] [--sessions N] [--minutes M] [--engine-only | --page-only]
// Exit status 1 when a bound is broken. Needs web/wasm (build-scripts/build-wasm).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../web/js/engine.js';
import { runSoak } from '../tests/wasm/support/soak.mjs';
import { startServer } from './static-server.mjs';

const PAGE_HEAP_BOUND_MB = 48;
const PAGE_GROWTH_BOUND_MB = 8;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!(v > 0)) { console.error(`soak: --${name} needs a positive number, got "${args[i + 1]}"`); process.exit(2); }
  return v;
};
const steps = option('steps', 100000);
const sessions = option('sessions', 500);
const minutes = option('minutes', 10);
const failures = [];
const MB = 1024 * 1024;

if (!args.includes('--page-only')) {
  const root = new URL('../', import.meta.url);
  const engine = await createEngine({ wasmBinary: await readFile(new URL('web/wasm/engine.wasm', root)) });
  console.log(`engine soak: ${steps} steps, ${sessions} sessions`);
  const r = runSoak(engine, { steps, sessions, log: (line) => console.log(`  ${line}`) });
  console.log(`engine soak: ${r.steps} steps in ${r.seconds.toFixed(1)} s; HEAP8 after warm-up ${r.heapWarm} bytes, at the end ${r.heapEnd} bytes; `
    + `malloc ${r.allocatedWarm} → ${r.allocatedEnd} bytes; ${r.sessions} sessions: HEAP8 ${r.sessionsHeapBefore} → ${r.sessionsHeapEnd}, malloc ${r.sessionsAllocatedBefore} → ${r.sessionsAllocatedEnd}`);
  if (r.heapEnd !== r.heapWarm || r.sessionsHeapEnd !== r.sessionsHeapBefore) failures.push('WASM memory (HEAP8) grew');
  if (r.allocatedEnd - r.allocatedWarm > 4096 || r.sessionsAllocatedEnd - r.sessionsAllocatedBefore > 4096) failures.push('malloc holds more than 4 KB more at the end');
}

if (!args.includes('--engine-only')) {
  const { chromium } = await import('playwright-core');
  const { server, url } = await startServer({ root: fileURLToPath(new URL('../web/', import.meta.url)), port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${url}?v=1&data=spiral&layers=8:tanh,8:tanh,4:tanh&speed=max`);
    await page.waitForFunction(() => (window.nnplay?.framesDrawn ?? 0) >= 1, null, { timeout: 20000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    // What the page keeps (the least of three measurements after a forced GC, a second apart) and
    // what it holds at a moment (the most: e.g. an autosave's model text on its way to IndexedDB).
    const heap = async () => {
      const sizes = [];
      for (let i = 0; i < 3; i++) {
        await cdp.send('HeapProfiler.collectGarbage');
        sizes.push((await cdp.send('Runtime.getHeapUsage')).usedSize);
        if (i < 2) await page.waitForTimeout(1000);
      }
      return { kept: Math.min(...sizes), held: Math.max(...sizes) };
    };
    await page.getByRole('button', { name: 'Play' }).click();
    const samples = [];
    const t0 = Date.now();
    const sample = async () => {
      const [{ kept: used, held }, info] = [await heap(), await page.evaluate(() => ({ epoch: document.querySelector('#epoch').textContent, frames: window.nnplay.framesDrawn }))];
      samples.push({ minute: (Date.now() - t0) / 60000, used, held, ...info });
      console.log(`page soak: ${((Date.now() - t0) / 60000).toFixed(1)} min, epoch ${info.epoch}, ${info.frames} frames, JS heap kept ${(used / MB).toFixed(2)} MB, held at most ${(held / MB).toFixed(2)} MB`);
    };
    await sample();
    const end = t0 + minutes * 60000;
    while (Date.now() < end) {
      await page.waitForTimeout(Math.min(30000, end - Date.now()));
      await sample();
    }
    const reference = samples.find((s) => s.minute >= Math.min(1, minutes / 2)) ?? samples[0];
    const last = samples.at(-1);
    const peak = Math.max(...samples.map((s) => s.held));
    console.log(`page soak: ${minutes} min, epoch ${last.epoch}; JS heap ${(reference.used / MB).toFixed(2)} MB at ${reference.minute.toFixed(1)} min → ${(last.used / MB).toFixed(2)} MB at the end, peak ${(peak / MB).toFixed(2)} MB (bounds: < ${PAGE_HEAP_BOUND_MB} MB, growth < ${PAGE_GROWTH_BOUND_MB} MB)`);
    if (peak > PAGE_HEAP_BOUND_MB * MB) failures.push(`the page's JS heap reached ${(peak / MB).toFixed(1)} MB`);
    if (last.used - reference.used > PAGE_GROWTH_BOUND_MB * MB) failures.push(`the page's JS heap grew by ${((last.used - reference.used) / MB).toFixed(1)} MB`);
    if (errors.length) failures.push(`page errors: ${errors.slice(0, 5).join(' | ')}`);
    if (Number(last.epoch) <= Number(samples[0].epoch)) failures.push('the page stopped training');
  } finally {
    await browser.close();
    server.close();
  }
}

if (failures.length) {
  console.error(`soak FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('soak: memory flat, bounds kept');
