// Embedding in course material: ?embed at iframe sizes from 320×240 up, show=/lock=, the
// Embed dialog's snippet and preview, and the postMessage API driven by a host page on
// another origin (web/embed-example.html).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTIFACTS, DESKTOP, assertClean, openTestPage, screenshot, startSuite, watchConsole } from './support.mjs';
import { DEFAULT_SHOW, readEmbedOptions, writeEmbedParams } from '../../web/js/embed/embed-options.js';
import { readUrlState } from '../../web/js/ground/url-state.js';
import { createServer } from 'node:http';

/** The playground's frame inside a host page (it is served from localhost). */
const playgroundFrame = (page) => page.frames().find((f) => f.url().startsWith('http://localhost'));

describe('embed parameters (Node)', () => {
  test('are read apart from the state parameters, and written back after them', () => {
    const o = readEmbedOptions('?v=1&data=xor&embed&show=surface,chart&lock=settings,data&origins=https%3A%2F%2Fschool.example%2F,https://b.example:8443&lesson=xor-mlp');
    assert.deepEqual([o.enabled, [...o.show], [...o.lock], o.origins, o.problems], [true, ['surface', 'chart'], ['settings', 'data'], ['https://school.example', 'https://b.example:8443'], []]);
    assert.equal(o.search, 'v=1&data=xor&lesson=xor-mlp', 'other parameters (state, lessons) pass through untouched');
    assert.equal(o.suffix, '&embed=1&show=surface,chart&lock=settings,data&origins=https%3A%2F%2Fschool.example,https%3A%2F%2Fb.example%3A8443');
    assert.deepEqual(readUrlState('?v=1&data=xor').notices, []);
    const back = readEmbedOptions(`?${o.suffix.slice(1)}`);
    assert.deepEqual([[...back.show], [...back.lock], back.origins], [['surface', 'chart'], ['settings', 'data'], ['https://school.example', 'https://b.example:8443']]);
    // origin= (one origin, the older spelling) still works; no origins at all = null (the parent's origin is used).
    assert.deepEqual(readEmbedOptions('?embed&origin=http://127.0.0.1:8080').origins, ['http://127.0.0.1:8080']);
    assert.equal(readEmbedOptions('?embed').origins, null);
    assert.deepEqual(readEmbedOptions('?embed&origins=null').origins, ['null']);
    assert.equal(writeEmbedParams({ show: new Set(DEFAULT_SHOW), lock: new Set(['surface', 'network', 'settings', 'data']) }), 'embed=1&show=playback,surface,readouts,chart,network&lock=1');
  });

  test('outside embed mode nothing changes; bad values are named, never thrown', () => {
    const plain = readEmbedOptions('?v=1&data=moons');
    assert.deepEqual([plain.enabled, plain.suffix, plain.search, plain.problems], [false, '', 'v=1&data=moons', []]);
    assert.equal(readEmbedOptions('?embed=0').enabled, false);
    const bad = readEmbedOptions('?embed=yes&show=surface,wings,chart&lock=brain&origin=javascript:alert(1)');
    assert.equal(bad.enabled, true);
    assert.deepEqual([...bad.show], ['surface', 'chart']);
    assert.deepEqual([...bad.lock], []);
    assert.deepEqual(bad.origins, []);
    assert.equal(bad.problems.length, 5, bad.problems.join('\n'));
    assert.match(bad.problems.join('\n'), /"wings" is not one of playback, surface, readouts, chart, network, settings, data/);
    assert.match(bad.problems.join('\n'), /"lock": "brain" is not one of surface, network, settings, data/);
    assert.match(bad.problems.join('\n'), /"origins": "javascript:alert\(1\)" is not an origin such as https:\/\/school.example and was ignored/);
    assert.match(bad.problems.join('\n'), /"origins" names no usable origin: the postMessage API obeys no host page/);
    for (const notOrigin of ['https://a.example/path', 'ftp://a.example', 'data:text/html,x', '*', 'https://a.example?x']) {
      assert.deepEqual(readEmbedOptions(`?embed&origins=${encodeURIComponent(notOrigin)}`).origins, [], notOrigin);
    }
    for (const garbage of ['%', '?show=%E0%A4%A', '?embed&show=,,,', '?lock=1&embed']) assert.doesNotThrow(() => readEmbedOptions(garbage));
  });
});

let suite;
before(async () => { suite = await startSuite(); });
after(async () => { await suite.close(); });

const open = (t, query, options = DESKTOP) => openTestPage(t, suite, query, options);

/** Visible controls without an accessible name or a tooltip (same rule as playground.test.mjs). */
function unlabelledControls(page, scope = 'body') {
  return page.evaluate((scope) => {
    const out = [];
    for (const c of document.querySelector(scope).querySelectorAll('button, input, select, textarea, [role="button"], a[href]')) {
      if (c.closest('[hidden], .embed-hidden') || c.classList.contains('visually-hidden') || c.type === 'hidden' || !c.getClientRects().length) continue;
      const label = c.labels?.[0];
      const name = c.getAttribute('aria-label') || label?.textContent.trim() || c.textContent.trim();
      const tip = c.dataset.tip || label?.dataset.tip || c.closest('[data-tip]')?.dataset.tip || c.querySelector('option:checked')?.title;
      if (!name || !tip) out.push(`${c.tagName} #${c.id} name=${name} tip=${tip}`);
    }
    return out;
  }, scope);
}

describe('embed mode', () => {
  const SIZES = [[320, 240], [480, 360], [400, 600], [720, 460], [1280, 800]];
  test(`fits frames of ${SIZES.map((s) => s.join('×')).join(', ')} without page scrollbars`, async (t) => {
    const context = await suite.browser.newContext({ viewport: { width: 1300, height: 900 } });
    t.after(() => context.close());
    const page = await context.newPage();
    const problems = watchConsole(page);
    // A real host: the playground in an iframe, resized to each size in turn.
    await page.setContent(`<!doctype html><html><head><link rel="icon" href="data:,"></head><body style="margin:0">
      <iframe id="f" title="nnplay" style="border:0;display:block" src="${suite.url}?v=1&data=spiral&embed"></iframe></body></html>`);
    const frame = await (await page.$('#f')).contentFrame();
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width: Math.max(width, 400), height: Math.max(height, 300) });
      await page.evaluate(([w, h]) => Object.assign(document.querySelector('#f'), { width: w, height: h }), [width, height]);
      await frame.waitForFunction(([w, h]) => innerWidth === w && innerHeight === h && (window.nnplay?.framesDrawn ?? 0) >= 1, [width, height], { timeout: 10000 });
      await page.waitForTimeout(250);   // layout and the surface's ResizeObserver
      const m = await frame.evaluate(() => {
        const box = (s) => { const r = document.querySelector(s).getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height, right: r.right, bottom: r.bottom }; };
        const visible = (s) => { const e = document.querySelector(s); return Boolean(e && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden'); };
        return {
          scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight, document.body.scrollWidth, document.body.scrollHeight],
          view: [innerWidth, innerHeight],
          surface: box('.surface-heat'),
          play: box('#play'),
          chrome: ['.brand', '.tools', '.footer'].filter(visible),
        };
      });
      const [w, h] = m.view;
      assert.ok(m.scroll.every((v, i) => v <= (i % 2 ? h : w)), `${width}×${height}: the page scrolls (scroll sizes ${m.scroll})`);
      assert.deepEqual(m.chrome, [], `${width}×${height}: header chrome still shown`);
      for (const [name, b] of [['surface', m.surface], ['Play button', m.play]]) {
        assert.ok(b.x >= 0 && b.y >= 0 && b.right <= w + 0.5 && b.bottom <= h + 0.5, `${width}×${height}: the ${name} is not inside the frame: ${JSON.stringify(b)}`);
      }
      const side = Math.min(w, h);
      assert.ok(m.surface.w >= 0.45 * side, `${width}×${height}: the surface is only ${m.surface.w.toFixed(0)} px wide`);
      await page.screenshot({ path: `${ARTIFACTS}embed-${width}x${height}.png`, clip: { x: 0, y: 0, width, height } });
    }
    assertClean(problems);
  });

  test('show= picks the parts; lock=1 shows the configuration read-only', async (t) => {
    const { page, problems } = await open(t, '?v=1&data=circle&embed&show=surface,network,settings,wings&lock=1', { viewport: { width: 900, height: 560 } });
    assert.equal(await page.locator('#toolbar').isVisible(), false, 'playback was not listed');
    assert.equal(await page.locator('#settings').isVisible(), true);
    assert.equal(await page.locator('#data-panel').isVisible(), false);
    assert.equal(await page.locator('.charts').isVisible(), false);
    const notice = page.locator('[data-notice="embed-link"]');
    assert.match(await notice.textContent(), /"wings" is not one of playback, surface/);
    // Every settings and layer control is disabled, and stays so after a re-render.
    const enabled = () => page.evaluate(() => [...document.querySelectorAll('#settings :is(input, select, button), #network-controls :is(input, select, button)')]
      .filter((c) => !c.disabled).map((c) => c.outerHTML.slice(0, 60)));
    assert.deepEqual(await enabled(), []);
    assert.match(await page.locator('#settings').textContent(), /Locked: the author of this page fixed these settings/);
    // Clicking the surface adds no point; clicking an input node does not toggle a feature.
    const box = await page.locator('.surface-points').boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByRole('button', { name: 'Input x₁²' }).click({ force: true });
    await page.waitForTimeout(400);
    const state = await page.evaluate(() => ({ points: window.nnplay.structure.trainSize + window.nnplay.structure.testSize, features: window.nnplay.state.features, custom: window.nnplay.state.data.custom }));
    assert.deepEqual(state, { points: 300, features: ['x1', 'x2'], custom: null });
    assert.equal(await page.getByRole('button', { name: 'Input x₁²' }).getAttribute('aria-disabled'), 'true');
    assert.doesNotMatch(await page.locator('.link-info').textContent(), /click/i, 'the locked diagram does not invite edits');
    // The address keeps the embed parameters when the page rewrites it (after any change).
    await page.getByLabel('Show test points').uncheck();
    await page.waitForFunction(() => /&embed=1&show=surface,network,settings&lock=1$/.test(location.search));
    assert.deepEqual(await unlabelledControls(page), [], 'controls without a label or tooltip');
    await screenshot(page, 'embed-locked');
    const messages = problems.filter((p) => !/embed-link/.test(p));
    assertClean(messages);
  });

  test('the Embed dialog writes the iframe snippet for the current state, with a live preview', async (t) => {
    const { page, problems, context } = await open(t, '?v=1&data=xor&lr=0.1');
    const button = page.getByRole('button', { name: 'Embed', exact: true });
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Embed this playground' });
    await dialog.waitFor();
    await dialog.getByLabel('Charts').uncheck();
    await dialog.getByLabel('Lock the configuration').check();
    await dialog.getByLabel('Width (px)').fill('600');
    await dialog.getByLabel('Height (px)').fill('400');
    await dialog.getByLabel('Width (px)').fill('abc');   // refused, explained, the last good value kept
    assert.match(await dialog.locator('#embed-width-error').textContent(), /Width: "abc" is not a number/);
    const code = await dialog.getByLabel('HTML to paste').inputValue();
    assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?v=1&amp;data=xor&amp;/);
    assert.match(code, /&amp;lr=0\.1&amp;/);
    assert.match(code, /&amp;embed=1&amp;show=playback,surface,readouts,network&amp;lock=1" width="600" height="400" /);
    assert.match(code, /title="nnplay: an interactive neural network"/);
    await dialog.getByRole('button', { name: 'Copy HTML' }).click();
    await dialog.getByText('HTML copied to the clipboard.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
    // The preview is the embedded page itself, at 600×400.
    const preview = page.frameLocator('.embed-preview iframe');
    await preview.locator('html.embed').waitFor({ timeout: 10000 });
    await page.waitForFunction(() => document.querySelector('.embed-preview iframe')?.contentWindow?.nnplay?.framesDrawn >= 1, null, { timeout: 10000 });
    assert.equal(await page.locator('.embed-preview iframe').getAttribute('width'), '600');
    assert.deepEqual(await unlabelledControls(page, '#embed-dialog'), []);
    await screenshot(page, 'embed-dialog');
    // The snippet's address opens the same configuration, embedded and locked.
    const src = code.match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&');
    const other = await context.newPage();
    await other.goto(src);
    await other.waitForFunction(() => (window.nnplay?.framesDrawn ?? 0) >= 1);
    assert.deepEqual(await other.evaluate(() => [window.nnplay.state.data.kind, window.nnplay.state.optimizer.learningRate, document.documentElement.classList.contains('embed-locked')]), ['xor', 0.1, true]);
    await other.close();
    // Escape closes the dialog and gives the focus back to the Embed button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await button.evaluate((b) => b === document.activeElement), true, 'focus returns to the Embed button');
    assertClean(problems);
  });
});

describe('postMessage API', () => {
  /** The example host page on 127.0.0.1 with the playground from localhost: two origins. */
  async function openHost(t, frameQuery) {
    const context = await suite.browser.newContext({ viewport: { width: 1100, height: 900 } });
    t.after(() => context.close());
    const page = await context.newPage();
    const problems = watchConsole(page);
    const playground = suite.url.replace('127.0.0.1', 'localhost');
    await page.goto(`${suite.url}embed-example.html?frame=${encodeURIComponent(`${playground}index.html${frameQuery}`)}`);
    const received = (type) => page.evaluate((type) => window.nnplayHost.received.filter((m) => !type || m.type === type), type);
    const send = (message) => page.evaluate((m) => window.nnplayHost.send(m), message);
    /** Sends a message with an id and waits for the reply to it. */
    const ask = async (message) => {
      const id = `q${Math.random().toString(36).slice(2)}`;
      await send({ ...message, id });
      await page.waitForFunction((id) => window.nnplayHost.received.some((m) => m.replyTo === id), id, { timeout: 5000 });
      return (await received()).find((m) => m.replyTo === id);
    };
    return { page, problems, received, send, ask };
  }

  test('a host page on another origin plays, pauses, steps, resets and hears epochs', async (t) => {
    const { page, problems, received, send, ask } = await openHost(t, '?v=1&data=circle&embed&show=playback,surface,readouts,chart');
    await page.waitForFunction(() => window.nnplayHost.received.some((m) => m.type === 'nnplay:ready'), null, { timeout: 10000 });
    const [ready] = await received('nnplay:ready');
    assert.equal(ready.apiVersion, 1);
    assert.match(ready.query, /^v=1&data=circle&/);
    assert.equal(ready.config.data.kind, 'circle');

    await send({ type: 'nnplay:play' });
    await page.waitForFunction(() => window.nnplayHost.received.some((m) => m.type === 'nnplay:epoch' && m.running && m.epoch >= 40), null, { timeout: 10000 });
    const t0 = Date.now();
    const before = (await received('nnplay:epoch')).length;
    await page.waitForTimeout(1000);
    const during = (await received('nnplay:epoch')).length - before;
    await send({ type: 'nnplay:pause' });
    await page.waitForFunction(() => window.nnplayHost.received.at(-1)?.type === 'nnplay:epoch' && window.nnplayHost.received.at(-1).running === false, null, { timeout: 5000 });
    const seconds = (Date.now() - t0) / 1000;
    assert.ok(during >= 3 && during <= 12 * seconds + 2, `${during} epoch events in about ${seconds.toFixed(1)} s (throttled to 10/s)`);
    const epochs = await received('nnplay:epoch');
    const first = epochs[0], last = epochs.at(-1);
    assert.ok(last.trainLoss < 0.7 * first.trainLoss, `training loss ${first.trainLoss} → ${last.trainLoss} after ${last.epoch} epochs`);
    for (const key of ['epoch', 'step', 'trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy']) assert.equal(typeof last[key], 'number', key);

    const paused = await ask({ type: 'nnplay:get-state' });
    assert.equal(paused.running, false);
    await send({ type: 'nnplay:step-epoch' });
    await page.waitForFunction((e) => window.nnplayHost.received.some((m) => m.type === 'nnplay:epoch' && m.epoch === e), paused.epoch + 1);
    const stepped = await ask({ type: 'nnplay:get-state' });
    await send({ type: 'nnplay:step-batch' });
    await page.waitForFunction((s) => window.nnplayHost.received.some((m) => m.type === 'nnplay:epoch' && m.step === s), stepped.step + 1);
    await send({ type: 'nnplay:reset' });
    await page.waitForFunction(() => window.nnplayHost.received.filter((m) => m.type === 'nnplay:epoch').at(-1)?.step === 0);
    // The playground's own Play button follows the host's commands.
    const frame = page.frameLocator('#nnplay');
    await send({ type: 'nnplay:play', speed: 'max' });
    await frame.getByRole('button', { name: 'Pause' }).waitFor();
    assert.equal((await ask({ type: 'nnplay:get-state' })).query.includes('speed=max'), true);
    await send({ type: 'nnplay:pause' });
    await frame.getByRole('button', { name: 'Play' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}embed-host-page.png` });
    assertClean(problems);
  });

  test('load-config applies a link or an engine configuration; malformed messages get nnplay:error', async (t) => {
    const { page, problems, ask, send, received } = await openHost(t, '?v=1&data=circle&embed');
    await page.waitForFunction(() => window.nnplayHost.received.some((m) => m.type === 'nnplay:ready'), null, { timeout: 10000 });
    const xor = await ask({ type: 'nnplay:load-config', query: 'https://anywhere.example/nnplay/?v=1&data=xor&features=x1,x2,x1_x2&layers=3:relu' });
    assert.equal(xor.type, 'nnplay:state');
    assert.equal(xor.config.data.kind, 'xor');
    assert.deepEqual(xor.config.data.features, ['x1', 'x2', 'x1_x2']);
    assert.deepEqual(xor.config.network.hidden.map((h) => [h.units, h.activation]), [[3, 'relu']]);
    const adam = await ask({ type: 'nnplay:load-config', config: { optimizer: { kind: 'adam', learningRate: 0.01 }, training: { batchSize: 20 } } });
    assert.deepEqual([adam.config.optimizer.kind, adam.config.optimizer.learningRate, adam.config.training.batchSize, adam.config.data.kind], ['adam', 0.01, 20, 'xor']);
    const frame = page.frameLocator('#nnplay');

    const bad = [
      ['a string', 'play', /must be an object/],
      ['no type', { speed: 1 }, /needs a "type" string/],
      ['unknown type', { type: 'nnplay:fly' }, /"nnplay:fly" is not a command; use one of nnplay:play/],
      ['extra field', { type: 'nnplay:pause', now: true }, /nnplay:pause does not take "now"/],
      ['bad speed', { type: 'nnplay:play', speed: 7 }, /speed number 7 is not one of 1, 2, 5/],
      ['both', { type: 'nnplay:load-config', query: 'v=1', config: {} }, /exactly one of "query"/],
      ['bad link', { type: 'nnplay:load-config', query: '?v=1&data=moons&lr=-1' }, /not loaded: "lr" was ignored: Learning rate: "-1" is out of range/],
      ['bad config', { type: 'nnplay:load-config', config: { optimizer: { kind: 'lbfgs' } } }, /not loaded: its optimizer "lbfgs" is unknown here/],
      ['prototype key', { type: 'nnplay:load-config', config: { optimizer: { constructor: { prototype: { polluted: 1 } } } } }, /"config" may not contain the key "constructor"/],
    ];
    for (const [what, message, pattern] of bad) {
      const id = `bad-${what}`;
      const errors = (await received('nnplay:error')).length;
      await send(typeof message === 'object' ? { ...message, id } : message);
      if (typeof message !== 'object' || !('type' in message)) {
        // Without a usable id the reply cannot name it: take the newest error.
        await page.waitForFunction((n) => window.nnplayHost.received.filter((m) => m.type === 'nnplay:error').length > n, errors);
        assert.match((await received('nnplay:error')).at(-1).message, pattern, what);
        continue;
      }
      await page.waitForFunction((id) => window.nnplayHost.received.some((m) => m.replyTo === id), id);
      const reply = (await received()).find((m) => m.replyTo === id);
      assert.equal(reply.type, 'nnplay:error', what);
      assert.match(reply.message, pattern, what);
    }
    // Nothing changed, and the page still works.
    const after = await ask({ type: 'nnplay:get-state' });
    assert.deepEqual([after.config.data.kind, after.config.optimizer.kind], ['xor', 'adam']);
    await frame.getByRole('button', { name: 'Step epoch' }).click();
    await page.waitForFunction(() => window.nnplayHost.received.some((m) => m.type === 'nnplay:epoch' && m.epoch === 1));
    // Each malformed message was also logged with its reason and counted (invalid configurations are answered, not logged).
    const report = await playgroundFrame(page).evaluate(() => window.nnplay.embedApi);
    assert.equal(report.ignored, 7, report.reasons.join('\n'));
    assert.equal(report.from, 'parent');
    assert.equal(problems.length, 7, problems.join('\n'));
    assert.ok(problems.every((p) => /^console warning: nnplay embed: a message was ignored: /.test(p)), problems.join('\n'));
  });

  test('origins= lists the host origins; the default is the embedding page\'s own origin', async (t) => {
    const host = suite.url.replace(/\/$/, '');
    const listed = await openHost(t, `?v=1&embed&origins=${encodeURIComponent('https://course.example')},${encodeURIComponent(host)}`);
    await listed.page.waitForFunction(() => window.nnplayHost.received.some((m) => m.type === 'nnplay:ready'), null, { timeout: 10000 });
    assert.equal((await listed.ask({ type: 'nnplay:get-state' })).type, 'nnplay:state');
    const report = await playgroundFrame(listed.page).evaluate(() => window.nnplay.embedApi);
    assert.deepEqual([report.from, report.allowed, report.ignored], ['link', ['https://course.example', host], 0]);
    assertClean(listed.problems);

    // Node: where the default comes from.
    const { allowedHostOrigins } = await import('../../web/js/embed/host-api.js');
    assert.deepEqual(allowedHostOrigins(null, { ancestorOrigins: ['https://lms.example'] }, 'https://x.example/page'), { allowed: ['https://lms.example'], parent: 'https://lms.example', from: 'parent' });
    assert.deepEqual(allowedHostOrigins(null, {}, 'https://lms.example/course/7?x=1'), { allowed: ['https://lms.example'], parent: 'https://lms.example', from: 'parent' });
    assert.deepEqual(allowedHostOrigins(null, {}, ''), { allowed: [], parent: null, from: 'none' }, 'no referrer (referrerpolicy="no-referrer"): nothing is obeyed');
    assert.deepEqual(allowedHostOrigins(['https://a.example'], {}, 'https://lms.example/').allowed, ['https://a.example']);
  });

  test('a frame of a third origin is ignored, counted and logged; the page keeps working', async (t) => {
    // A second server: another port is another origin. Its page posts commands to its sibling frame.
    const attacker = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><link rel="icon" href="data:,"><script>
        const target = parent.frames[0];
        target.postMessage({ type: 'nnplay:step-epoch' }, '*');
        target.postMessage({ type: 'nnplay:load-config', query: '?v=1&data=xor' }, '*');
        target.postMessage('<img src=x onerror="parent.document.title=1">', '*');
      </script>`);
    });
    await new Promise((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise((resolve) => attacker.close(resolve)));
    const attackerOrigin = `http://127.0.0.1:${attacker.address().port}`;

    const { page, problems, received } = await openHost(t, '?v=1&data=circle&embed');
    await page.waitForFunction(() => window.nnplayHost.received.some((m) => m.type === 'nnplay:ready'), null, { timeout: 10000 });
    await page.evaluate((src) => { const f = document.createElement('iframe'); f.title = 'another site'; f.src = src; document.body.append(f); }, `${attackerOrigin}/`);
    const frame = playgroundFrame(page);
    await frame.waitForFunction(() => window.nnplay.embedApi.ignored >= 3, null, { timeout: 5000 });
    const report = await frame.evaluate(() => window.nnplay.embedApi);
    assert.equal(report.ignored, 3);
    for (const reason of report.reasons) assert.match(reason, new RegExp(`came from another window or frame \\(${attackerOrigin.replace(/[.:/]/g, '\\$&')}\\), not from the page that embeds`));
    assert.equal(problems.length, 3, problems.join('\n'));
    await page.waitForTimeout(300);
    assert.equal(await frame.evaluate(() => [window.nnplay.state.data.kind, document.querySelector('#epoch').textContent, document.title.startsWith('nnplay')].join()), 'circle,0,true');
    assert.equal(await page.evaluate(() => document.title), 'nnplay embed example: a course page that drives the playground');
    assert.deepEqual((await received('nnplay:error')), [], 'no reply goes to the third origin or the host');
  });

  test('origin= restricts the API to one host origin', async (t) => {
    const host = suite.url.replace(/\/$/, '');
    const allowed = await openHost(t, `?v=1&embed&origin=${encodeURIComponent(host)}`);
    await allowed.page.waitForFunction(() => window.nnplayHost.received.some((m) => m.type === 'nnplay:ready'), null, { timeout: 10000 });
    assert.equal((await allowed.ask({ type: 'nnplay:get-state' })).type, 'nnplay:state');
    assertClean(allowed.problems);

    const other = await openHost(t, '?v=1&embed&origin=https%3A%2F%2Fcourse.example');
    // Events go only to https://course.example: this host hears nothing, and its commands are ignored.
    const frame = other.page.frameLocator('#nnplay');
    await frame.locator('html[data-ready="true"]').waitFor();
    await other.send({ type: 'nnplay:step-epoch', id: 'ignored' });
    await other.page.waitForTimeout(800);
    assert.deepEqual(await other.received(), []);
    assert.equal(await frame.locator('#epoch').textContent(), '0');
    const report = await playgroundFrame(other.page).evaluate(() => window.nnplay.embedApi);
    assert.equal(report.ignored, 1);
    assert.match(report.reasons[0], new RegExp(`its origin ${host.replace(/[.:/]/g, '\\$&')} is not allowed; the embed address allows https://course\\.example \\(add origins=`));
    // Chromium reports the blocked events (wrong target origin) on the console, and the page logs the ignored command: expected here.
    assert.ok(other.problems.some((p) => /nnplay embed: a message was ignored: its origin/.test(p)), other.problems.join('\n'));
    assert.ok(other.problems.every((p) => /target origin provided \('https:\/\/course\.example'\) does not match|nnplay embed: a message was ignored/.test(p)), other.problems.join('\n'));
  });
});

