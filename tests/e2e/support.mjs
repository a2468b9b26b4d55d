// Shared set-up for the browser tests: the static server (port 0), one headless Chromium per
// test file, a fresh context per page, and a console watcher — any console error or warning,
// page error, Content-Security-Policy violation or failed request fails the test that caused it.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../build-scripts/static-server.mjs';

export const ROOT = fileURLToPath(new URL('../../web/', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function startSuite() {
  const { server, url } = await startServer({ root: ROOT, port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  await mkdir(ARTIFACTS, { recursive: true });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/**
 * Collects the page's console errors and warnings, its uncaught errors and every
 * Content-Security-Policy violation (in any frame of the page) into `problems`.
 */
export function watchConsole(page, problems = []) {
  // Chromium logs most violations as console errors; the event catches every one, with its directive.
  page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'} (${e.sourceFile || location.href}:${e.lineNumber})`);
    });
  }).catch(() => {});
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** …and its failed requests and HTTP errors. */
export function watchRequests(page, problems) {
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return problems;
}

/** Main-thread long tasks from the page's start on, in window.__longTasks ({start, duration}). */
export async function recordLongTasks(page) {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * Over `ms` of training: how many times per second window.nnplay[counter] advanced (frames a
 * page drew) and the main-thread long tasks (ms) that started meanwhile (recordLongTasks first).
 */
export async function measureTraining(page, counter = 'framesDrawn', ms = 2500) {
  return page.evaluate(({ counter, ms }) => new Promise((resolve) => {
    const t0 = performance.now();
    const frames0 = window.nnplay[counter];
    setTimeout(() => resolve({
      rate: (window.nnplay[counter] - frames0) / ((performance.now() - t0) / 1000),
      long: window.__longTasks.filter((e) => e.start >= t0).map((e) => Math.round(e.duration)),
    }), ms);
  }), { counter, ms });
}

export function assertClean(problems) {
  assert.deepEqual(problems, [], `console errors/warnings during the test:\n${problems.join('\n')}`);
}

/**
 * Opens the playground and waits until the first frame from the training worker is drawn.
 * Returns { page, context, problems } where problems collects console errors/warnings.
 */
export async function openPage(suite, query = '', options = DESKTOP) {
  const context = await suite.browser.newContext({ ...options, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const problems = watchRequests(page, watchConsole(page));
  await recordLongTasks(page);
  await page.goto(suite.url + query);
  await waitForFrames(page, 1);
  return { page, context, problems };
}

/** openPage for one test `t`: the page's context closes when the test ends. */
export async function openTestPage(t, suite, query, options) {
  const opened = await openPage(suite, query, options);
  t.after(() => opened.context.close());
  return opened;
}

export async function waitForFrames(page, count) {
  await page.waitForFunction((n) => (window.nnplay?.framesDrawn ?? 0) >= n, count, { timeout: 10000 });
}

/** Waits until no new frame has been drawn for 200 ms (the worker has caught up with the page). */
export async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => {
    let last = window.nnplay.framesDrawn, quiet = 0;
    const timer = setInterval(() => {
      const now = window.nnplay.framesDrawn;
      quiet = now === last ? quiet + 1 : 0;
      last = now;
      if (quiet >= 4) { clearInterval(timer); resolve(); }
    }, 50);
  }));
}

export async function screenshot(page, name) {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: false });
}

/** A fingerprint of the decision surface's pixels. */
export async function surfaceHash(page) {
  // toDataURL, not getImageData: reading pixels back would make Chromium warn about it.
  return page.evaluate(() => {
    const d = document.querySelector('.surface-heat').toDataURL();
    let h = 0;
    for (let i = 0; i < d.length; i++) h = (h * 31 + d.charCodeAt(i)) | 0;
    return h;
  });
}

export const text = (page, selector) => page.locator(selector).textContent();
