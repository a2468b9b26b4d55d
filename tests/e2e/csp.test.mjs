// The Content-Security-Policy (build-scripts/csp.mjs): every page ships it as a meta tag, the
// static server sends it as a header, the pages hold nothing it would refuse, and Chromium
// enforces it: injected inline script, inline handlers, javascript: URLs and code from strings
// (eval) do not run. Every other e2e
// test runs under the same policy and fails on any violation (support.mjs watchConsole).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PAGE_CSP, cspMeta } from '../../build-scripts/csp.mjs';
import { DESKTOP, ROOT, assertClean, startSuite, watchConsole } from './support.mjs';

const PAGES = (await readdir(ROOT)).filter((f) => f.endsWith('.html')).sort();

describe('the policy in the files (Node)', () => {
  test(`every page (${PAGES.join(', ')}) carries the policy before any script or stylesheet`, async () => {
    assert.ok(PAGES.length >= 4, PAGES.join());
    for (const page of PAGES) {
      const html = await readFile(join(ROOT, page), 'utf8');
      const meta = html.indexOf(cspMeta());
      assert.ok(meta > 0, `${page}: no <meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">`);
      const firstLoad = html.search(/<script|<link rel="stylesheet"/);
      assert.ok(firstLoad < 0 || meta < firstLoad, `${page}: the policy must come before the first script or stylesheet`);
      assert.deepEqual(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [], [], `${page}: inline script`);
      assert.deepEqual(html.match(/<style\b/g) ?? [], [], `${page}: inline <style>`);
      assert.deepEqual(html.match(/\s(?:on[a-z]+|style)="[^"]*"/g) ?? [], [], `${page}: inline handler or style attribute`);
    }
    assert.doesNotMatch(PAGE_CSP, /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*/, 'no inline code, no eval, no wildcard');
    assert.match(PAGE_CSP, /script-src 'self' 'wasm-unsafe-eval'/);
  });

  test('the engine glue needs no eval (built with -sDYNAMIC_EXECUTION=0)', async () => {
    const glue = await readFile(join(ROOT, 'wasm/engine.mjs'), 'utf8');
    assert.doesNotMatch(glue, /new Function\(|\beval\(/);
  });
});

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

describe('the policy in Chromium', () => {
  test('the server sends it as a header, also for worker scripts', async () => {
    for (const path of ['', 'mnist.html', 'js/worker/playground-worker.js']) {
      const response = await fetch(suite.url + path);
      assert.equal(response.headers.get('content-security-policy'), PAGE_CSP, path || 'index.html');
    }
  });

  for (const [page, ready] of [
    ['index.html?v=1&data=xor', () => (window.nnplay?.framesDrawn ?? 0) >= 1],
    ['mnist.html', () => document.documentElement.dataset.ready === 'true'],
    ['gan.html', () => (window.nnplay?.framesDrawn ?? 0) >= 1],
    ['embed-example.html', () => window.nnplayHost?.received.some((m) => m.type === 'nnplay:ready')],
  ]) {
    test(`${page.replace(/\?.*/, '')} loads and runs its engine under the policy; injected code does not run`, async (t) => {
      const context = await suite.browser.newContext(DESKTOP);
      t.after(() => context.close());
      const tab = await context.newPage();
      const problems = watchConsole(tab);
      await tab.goto(suite.url + page);
      await tab.waitForFunction(ready, null, { timeout: 15000 });
      assertClean(problems);

      const outcome = await tab.evaluate(async () => {
        const violations = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
        const script = document.createElement('script');
        script.textContent = 'window.__injected = "script"';
        document.body.append(script);
        const img = document.createElement('div');
        img.innerHTML = '<img src="data:," onerror="window.__injected = \'handler\'" onload="window.__injected = \'handler\'">';
        document.body.append(img);
        // Code from a string, run by the page itself (DevTools' own evaluation is exempt from CSP).
        setTimeout('window.__injected = "string timer"', 0);
        const link = document.createElement('a');
        link.href = 'javascript:window.__injected = "javascript: URL"';
        document.body.append(link);
        link.click();
        link.remove();
        await new Promise((resolve) => setTimeout(resolve, 200));
        img.remove();
        script.remove();
        return { injected: window.__injected ?? null, violations: [...new Set(violations)].sort() };
      });
      assert.deepEqual(outcome, { injected: null, violations: ['script-src', 'script-src-attr', 'script-src-elem'] });
      // The violations the test provoked are on the console too: exactly those, nothing else.
      assert.ok(problems.length > 0 && problems.every((p) => /CSP violation|Content Security Policy|unsafe-eval|unsafe-inline/.test(p)), problems.join('\n'));
    });
  }
});
