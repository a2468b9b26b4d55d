// Hostile-input corpus through the pages: ≥ 100 seeded cases. Malformed and oversized address
// states (every parameter of ground/url-state.js and of the lessons and embed modes, with wrong
// types, NaN, huge values, unicode, markup, javascript: URLs, 100 KB), markup and javascript:
// payloads in every text that reaches the DOM (CSV headers and cells, file names, model file
// fields, postMessage queries), hostile postMessage payloads and origins, and corrupted files
// given to every <input type=file> of the playground, the real-data page and the GAN page.
// Each case must end with the page working and either a message the learner sees or nothing to
// say: never an uncaught exception, a WebAssembly abort (RuntimeError, unreachable, Aborted), a
// hang, an injected element or script (the pages' CSP would also report it as a violation).
// Every CHECK_EVERY cases the page must still train (the epoch advances). One page is reused per
// group. A failure prints the case; the summary line gives the counts for the test report.
// Reproduce: the cases come from BASE_SEED; HOSTILE_ONLY=<case id prefix> runs a subset.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { DESKTOP, startSuite, watchConsole } from './support.mjs';
import { rng } from '../wasm/support/seeded-random.mjs';

const BASE_SEED = 20261205;
const CHECK_EVERY = 20;
const CASE_TIME_MS = 8000;
const ONLY = (process.env.HOSTILE_ONLY ?? '').split(',').filter(Boolean);


/** Markup that would run or show if any text reached the DOM as HTML. */
const inject = (tag) => `<img src=x data-pwn="${tag}" onerror="window.__pwned='${tag}'"><script data-pwn>window.__pwned='${tag}'</script>`;
const JS_URL = 'javascript:window.__pwned=1//';
const HUGE = 'A'.repeat(100 * 1024);
/** Address values that no parameter accepts. */
const BAD_VALUES = ['NaN', 'Infinity', '-Infinity', '1e309', '0x1F', '١٢', '😀', '\u202e1', '%00', '[object Object]', '__proto__',
  JS_URL, inject('url'), HUGE, '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20'];
const URL_KEYS = ['v', 'data', 'classes', 'noise', 'n', 'test', 'seed', 'features', 'layers', 'head', 'init', 'wseed', 'opt', 'lr',
  'momentum', 'rho', 'beta1', 'beta2', 'eps', 'wd', 'batch', 'reg', 'regrate', 'stop', 'stoploss', 'stopacc', 'patience', 'speed',
  'discretize', 'showtest', 'log', 'box', 'pts'];

function urlCases(r) {
  const cases = [];
  for (const key of URL_KEYS) {
    const value = r.pick(BAD_VALUES);
    const params = new URLSearchParams({ v: '1', data: 'xor' });
    params.set(key, value);   // the hostile value replaces v= or data= rather than repeat them
    // A drawing box without points changes nothing: it may pass in silence.
    cases.push({ id: `url/${key}`, what: `?${key}=${describe(value)}`, query: `?${params}`, notice: key !== 'box' });
  }
  const extra = [
    ['url/version-2', '?v=2&data=xor', true],
    ['url/version-text', `?v=${encodeURIComponent(inject('v'))}&data=xor`, true],
    ['url/duplicates', '?v=1&data=xor&data=moons&lr=0.1&lr=abc', false],
    ['url/100kb-points', `?v=1&data=xor&box=-6,6,-6,6&pts=${HUGE}`, true],
    ['url/points-no-box', '?v=1&pts=AAAA', true],
    ['url/box-nan', '?v=1&box=NaN,NaN,NaN,NaN&pts=AAAA', true],
    ['url/2000-unknown', `?v=1&${Array.from({ length: 2000 }, (_, i) => `k${i}=${i}`).join('&')}`, true],
    ['url/bad-percent', '?v=1&data=%E0%A4%A&lr=%', true],
    ['url/5000-layers', `?v=1&layers=${'8:relu,'.repeat(5000)}`, true],
    ['url/million-units', '?v=1&layers=1000000:relu', true],
    ['url/million-points', '?v=1&n=1000000', true],
    ['url/layer-markup', `?v=1&layers=${encodeURIComponent(`4:${inject('act')}`)}`, true],
    ['url/lesson-markup', `?lesson=${encodeURIComponent(inject('lesson'))}`, true],
    ['url/lesson-js', `?lesson=${encodeURIComponent(JS_URL)}`, true],
    ['url/compare-markup', `?compare=${encodeURIComponent(inject('compare'))}&values=${encodeURIComponent(inject('values'))}`, true],
    ['url/gate-eta', `?lesson=perceptron-and&gate=${encodeURIComponent(inject('gate'))}&eta=NaN`, true],
    ['url/embed-show', `?v=1&embed&show=${encodeURIComponent(inject('show'))}&lock=${encodeURIComponent(JS_URL)}`, true],
    ['url/embed-origins', `?v=1&embed&origins=${encodeURIComponent(`${JS_URL},${inject('origin')},*`)}`, true],
    ['url/hash-markup', `?v=1&data=xor#${encodeURIComponent(inject('hash'))}`, false],
    ['url/only-unicode', `?${encodeURIComponent('ü😀\u0000')}=%ED%A0%80%FF`, false],
  ];
  for (const [id, query, notice] of extra) cases.push({ id, what: query.slice(0, 100), query, notice });
  return cases;
}

function describe(value) {
  return value.length > 60 ? `${value.slice(0, 20)}… (${value.length} chars)` : value;
}

/** A valid model file of the playground, made by the page itself (for corrupting). */
const MODEL_PLACEHOLDER = '@model@';

function fileCases(r) {
  const cases = [];
  const csv = (id, name, text, notice = true) => cases.push({ id: `csv/${id}`, what: `${name}: ${describe(text)}`, input: '#csv-file', name, text, notice });
  csv('header-markup', 'points.csv', `x1,x2,${inject('csv-header')}\n1,2,0\n-1,-2,1\n`);
  csv('cell-markup', 'points.csv', `x1,x2,label\n1,2,${inject('csv-cell')}\n-1,-2,1\n`);
  csv('cell-js', 'points.csv', `${JS_URL},2,0\n1,${JS_URL},1\n`);
  csv('name-markup', `${inject('csv-name')}.csv`, '1,2,0\n-1,-2,1\n');
  csv('name-js', `${JS_URL}.csv`, 'garbage');
  csv('bom', 'bom.csv', '\ufeffx1,x2,label\n1,2,0\n-1,-2,1\n');
  csv('utf16-bom', 'utf16.csv', '\ufffe\u0000x\u00001\u0000');
  csv('bad-quotes', 'quotes.csv', 'x1,x2,label\n"1,2,0\n"-1","-2",1"\n""",""",""\n');
  csv('crlf-unicode', 'crlf.csv', 'x₁,x₂,ラベル\r\n１,２,０\r\n1.5,-2,1\r\n');
  csv('nan-infinity', 'nan.csv', 'NaN,1,0\nInfinity,-Infinity,1\n1e999,2,0\n');
  csv('label-huge', 'labels.csv', '1,2,99\n1,2,-5\n1,2,1e300\n');
  csv('empty', 'empty.csv', '');
  csv('only-commas', 'commas.csv', ',,,,\n,,\n');
  csv('binary', 'binary.csv', String.fromCharCode(...Array.from({ length: 2000 }, () => r.int(256))));
  csv('10mb-line', 'long.csv', `1,2,${'9'.repeat(10 * 1024 * 1024)}\n`);
  csv('many-rows', 'rows.csv', Array.from({ length: 50000 }, (_, i) => `${(i % 200) / 20 - 5},${(i % 37) / 4 - 4},${i % 2}`).join('\n'), false);
  for (let i = 0; i < 4; i++) {
    const text = Array.from({ length: 1 + r.int(30) }, () => Array.from({ length: r.int(5) }, () => r.pick(['1', '-2.5', '', '"', 'a', 'NaN', '1e5', '٣', ' ', inject('cell')])).join(r.pick([',', ';', '\t']))).join(r.pick(['\n', '\r\n', '\r']));
    csv(`random-${i}`, 'random.csv', text, false);
  }
  const model = (id, name, text, notice = true) => cases.push({ id: `model/${id}`, what: `${name}: ${describe(text)}`, input: '#model-file', name, text, notice });
  model('name-markup', `${inject('model-name')}.json`, '{');
  model('empty', 'empty.json', '');
  model('not-json', 'x.json', '<html><body onload="window.__pwned=1">');
  model('wrong-format', 'x.json', JSON.stringify({ format: inject('format'), version: 1 }));
  model('wrong-version', 'x.json', `${MODEL_PLACEHOLDER}version:99`);
  model('truncated-10', 'x.json', `${MODEL_PLACEHOLDER}truncate:0.1`);
  model('truncated-50', 'x.json', `${MODEL_PLACEHOLDER}truncate:0.5`);
  model('truncated-99', 'x.json', `${MODEL_PLACEHOLDER}truncate:0.99`);
  model('nan-weights', 'x.json', `${MODEL_PLACEHOLDER}weights:NaN`);
  model('huge-weights', 'x.json', `${MODEL_PLACEHOLDER}weights:1e999`);
  model('string-weights', 'x.json', `${MODEL_PLACEHOLDER}weights:markup`);
  model('kind-markup', 'x.json', `${MODEL_PLACEHOLDER}kind:markup`);
  model('proto-keys', 'x.json', `${MODEL_PLACEHOLDER}proto`);
  model('deep-nesting', 'deep.json', `${'['.repeat(10000)}${']'.repeat(10000)}`);
  model('deep-object', 'deep.json', `${'{"a":'.repeat(10000)}1${'}'.repeat(10000)}`);
  model('10mb-line', 'long.json', `{"format":"nnplay-model","version":1,"x":"${'x'.repeat(10 * 1024 * 1024)}"}`);
  model('huge-array', 'array.json', `{"format":"nnplay-model","version":1,"parameters":[${'0.5,'.repeat(1000000)}0]}`);
  model('utf8-garbage', 'x.json', '\ufeff{"format":"nnplay-model\ud800","version":1}');
  return cases;
}

/** Makes the corrupted model file of a case from the page's own valid model file. */
function corruptModel(spec, valid) {
  const [kind, arg] = spec.slice(MODEL_PLACEHOLDER.length).split(':');
  const m = JSON.parse(valid);
  const params = findParameters(m);
  switch (kind) {
    case 'version': m.version = Number(arg); return JSON.stringify(m);
    case 'truncate': return valid.slice(0, Math.floor(valid.length * Number(arg)));
    case 'weights': {
      const text = JSON.stringify(m);
      if (!params) return text.replace(/\d\.\d+/, arg === 'markup' ? `"${inject('weight')}"` : arg);
      const needle = JSON.stringify(params.value);
      const bad = arg === 'markup' ? `"${inject('weight').replace(/"/g, '\\"')}"` : arg;
      return text.replace(needle, `[${bad},${needle.slice(1)}`.replace(/,]$/, ']'));
    }
    case 'kind': return JSON.stringify(m).replace(/"kind":"[^"]*"/, `"kind":${JSON.stringify(inject('kind'))}`);
    case 'proto': return JSON.stringify(m).replace(/^\{/, '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},');
    default: throw new Error(`unknown corruption ${spec}`);
  }
}

/** The first array of numbers in a model (its parameters). */
function findParameters(node) {
  if (Array.isArray(node) && node.length > 4 && node.every((v) => typeof v === 'number')) return { value: node };
  if (node && typeof node === 'object') {
    for (const v of Object.values(node)) {
      const found = findParameters(v);
      if (found) return found;
    }
  }
  return null;
}

function messageCases(r) {
  const deep = (n) => { let o = { type: 'nnplay:play' }; for (let i = 0; i < n; i++) o = { type: 'nnplay:load-config', config: o }; return o; };
  const list = [
    ['number', 42], ['null', null], ['array', ['nnplay:play']], ['markup-string', inject('msg')], ['js-string', JS_URL],
    ['markup-type', { type: inject('type') }], ['proto-type', { type: '__proto__' }], ['constructor-type', { type: 'constructor' }],
    ['toString-type', { type: 'toString' }], ['huge-type', { type: 'x'.repeat(1024 * 1024) }],
    ['id-object', { type: 'nnplay:get-state', id: { evil: inject('id') } }], ['speed-markup', { type: 'nnplay:play', speed: inject('speed') }],
    ['query-markup', { type: 'nnplay:load-config', query: `?v=1&data=${encodeURIComponent(inject('q'))}` }],
    ['query-js', { type: 'nnplay:load-config', query: JS_URL }],
    ['query-100kb', { type: 'nnplay:load-config', query: `?v=1&box=-6,6,-6,6&pts=${HUGE}` }],
    ['query-300kb', { type: 'nnplay:load-config', query: 'x'.repeat(300000) }],
    ['config-units', { type: 'nnplay:load-config', config: { network: { hidden: [{ units: 1e6, activation: 'relu' }] } } }],
    ['config-nan', { type: 'nnplay:load-config', config: { optimizer: { learningRate: NaN } } }],
    ['config-markup', { type: 'nnplay:load-config', config: { data: { kind: inject('kind') } } }],
    ['config-deep', deep(2000)],
    ['config-array', { type: 'nnplay:load-config', config: [1, 2, 3] }],
    ['config-date', { type: 'nnplay:load-config', config: { optimizer: new Date(0) } }],
  ];
  const cases = list.map(([id, message]) => ({ id: `message/${id}`, what: describe(JSON.stringify(message) ?? String(message)), message }));
  // The same payloads from origins that are not allowed: a sibling frame of a third origin.
  for (let i = 0; i < 6; i++) {
    const [id, message] = r.pick(list);
    cases.push({ id: `message/third-origin-${i}-${id}`, what: `from a third origin: ${describe(JSON.stringify(message) ?? String(message))}`, message, thirdOrigin: true });
  }
  return cases;
}

function otherPageCases() {
  const out = [];
  for (const [page, input] of [['mnist.html', '#model-file'], ['gan.html', '#gan-load']]) {
    for (const [id, name, text] of [
      ['truncated', `${inject(`${page}-name`)}.json`, '{"format":"nnplay-model","vers'],
      ['deep', 'deep.json', `${'['.repeat(10000)}${']'.repeat(10000)}`],
      ['markup-format', 'x.json', JSON.stringify({ format: inject(page), version: 1, generator: { parameters: [NaN] } })],
      ['10mb', 'long.json', `{"x":"${'y'.repeat(10 * 1024 * 1024)}"}`],
      ['binary', 'bin.json', '\u0000\u0001\u0002\uffff'],
    ]) out.push({ id: `${page.replace('.html', '')}/${id}`, what: `${input} ${name}: ${describe(text)}`, page, input, name, text, notice: true });
  }
  return out;
}

// ---- the run ----
const ABORT = /RuntimeError|unreachable|Aborted\(|memory access out of bounds|table index is out of bounds/;
const INJECTION_CONSOLE = /CSP violation|Content Security Policy|Refused to/;

let suite;
let thirdServer;
before(async () => {
  suite = await startSuite();
  thirdServer = createServer((req, res) => {
    // A page of another origin that forwards whatever its parent asks it to post to frames[0].
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><link rel="icon" href="data:,"><script>
      addEventListener('message', (e) => { if (e.source === parent) parent.frames[0].postMessage(e.data.payload, '*'); });
    </script>`);
  });
  await new Promise((resolve) => thirdServer.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await suite.close();
  await new Promise((resolve) => thirdServer.close(resolve));
});

const withTimeout = (promise, ms, what) => Promise.race([promise,
  new Promise((_, reject) => setTimeout(() => reject(Object.assign(new Error(`${what} took more than ${ms} ms`), { hang: true })), ms))]);

class Tally {
  constructor() { this.cases = 0; this.aborts = 0; this.hangs = 0; this.injections = 0; this.errors = 0; this.failures = []; this.checks = 0; }
  fail(c, kind, detail) {
    this[kind] += 1;
    this.failures.push(`[${c.id}] ${c.what.slice(0, 120)}\n    ${kind}: ${String(detail).slice(0, 400)}`);
  }
  summary() {
    return `${this.cases} cases, ${this.aborts} aborts, ${this.hangs} hangs, ${this.injections} injections, ${this.errors} other errors; training checked ${this.checks} times`;
  }
}

/** Runs one case on `frame` (a page or frame): action, then the checks every case must pass. */
async function runCase(tally, c, { page, frames, problems, allowConsole = null, action, expectNotice = null }) {
  if (ONLY.length && !ONLY.some((prefix) => c.id.startsWith(prefix))) return;
  tally.cases += 1;
  const start = problems.length;
  try {
    // Handing a 10 MB file to the page takes Playwright itself a while: allow for it (the page's own
    // responsiveness is checked right after, with the 5 s frame check).
    await withTimeout(action(), CASE_TIME_MS + (c.text?.length ?? 0) / 250, 'the case');
    for (const f of frames()) await withTimeout(f.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(1)))), 5000, 'a frame of the page');
    if (expectNotice) {
      const noticed = await withTimeout(expectNotice(), 5000, 'waiting for a message');
      if (!noticed) tally.fail(c, 'errors', 'no message was shown');
    }
  } catch (error) {
    tally.fail(c, error.hang ? 'hangs' : 'errors', error.message.split('\n')[0]);
  }
  for (const f of frames()) {
    const injected = await f.evaluate(() => {
      const found = [...document.querySelectorAll('[data-pwn], [onerror], [onload]:not(body), a[href^="javascript:" i], iframe[src^="javascript:" i]')].map((e) => e.outerHTML.slice(0, 80));
      return [...found, ...(window.__pwned !== undefined ? [`window.__pwned = ${window.__pwned}`] : []), ...(Object.prototype.polluted ? ['Object.prototype polluted'] : [])];
    }).catch((error) => [`(could not inspect: ${error.message})`]);
    if (injected.length) tally.fail(c, 'injections', injected.join(' | '));
  }
  for (const p of problems.slice(start)) {
    if (ABORT.test(p)) tally.fail(c, 'aborts', p.slice(0, 300));
    else if (INJECTION_CONSOLE.test(p)) tally.fail(c, 'injections', p.slice(0, 300));
    else if (!(allowConsole && allowConsole.test(p))) tally.fail(c, 'errors', p.slice(0, 300));
  }
}

/** The playground still trains: Step epoch advances the epoch counter. */
async function checkTrains(tally, frame, label) {
  if (ONLY.length) return;
  tally.checks += 1;
  try {
    await frame.waitForFunction(() => (window.nnplay?.framesDrawn ?? 0) >= 1, null, { timeout: 15000 });
    await frame.evaluate(() => window.nnplay.actions.pause());
    const before = Number(await frame.locator('#epoch').textContent());
    await frame.locator('#step-epoch').click();
    await frame.waitForFunction((e) => Number(document.querySelector('#epoch').textContent) > e, before, { timeout: 8000 });
  } catch (error) {
    tally.fail({ id: `train-check/${label}`, what: 'the page must still train' }, 'errors', error.message.split('\n')[0]);
  }
}

async function newPage() {
  const context = await suite.browser.newContext(DESKTOP);
  const page = await context.newPage();
  const problems = watchConsole(page);
  return { context, page, problems };
}

const r = rng(BASE_SEED);
const URL_CASES = urlCases(r);
const FILE_CASES = fileCases(r);
const MESSAGE_CASES = messageCases(r);
const OTHER_CASES = otherPageCases();
const tally = new Tally();

test(`hostile page corpus: ${URL_CASES.length + FILE_CASES.length + MESSAGE_CASES.length + OTHER_CASES.length} seeded cases (seed ${BASE_SEED})`, { timeout: 900000 }, async () => {
  const started = Date.now();
  // 1. Address states: each case is a fresh load of the playground.
  {
    const { context, page, problems } = await newPage();
    let n = 0;
    for (const c of URL_CASES) {
      await runCase(tally, c, {
        page, frames: () => [page], problems,
        // An embed-mode link outside a frame, and lessons, are allowed to be quiet; the rest must say what was ignored.
        // The page has read the address and built its views; the engine's first frame is checked
        // with the training checks (waiting for it on every load would triple the run).
        action: async () => {
          await page.goto(suite.url + c.query);
          await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 7000 });
        },
        expectNotice: c.notice ? () => page.evaluate(() => document.querySelectorAll('.notice').length > 0) : null,
      });
      if (++n % CHECK_EVERY === 0) await checkTrains(tally, page, c.id);
    }
    await checkTrains(tally, page, 'after the address states');
    await context.close();
  }

  // 2. Files and the texts in them: one playground page, reloaded between the CSV and the model groups.
  {
    const { context, page, problems } = await newPage();
    await page.goto(`${suite.url}?v=1&data=xor`);
    await page.waitForFunction(() => (window.nnplay?.framesDrawn ?? 0) >= 1);
    const saved = page.waitForEvent('download');
    await page.locator('#save-model').click();
    const validModel = await (await (await saved).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    let n = 0;
    let group = '';
    for (const c of FILE_CASES) {
      const g = c.id.split('/')[0];
      if (g !== group) {
        group = g;
        await page.goto(`${suite.url}?v=1&data=xor`);
        await page.waitForFunction(() => (window.nnplay?.framesDrawn ?? 0) >= 1);
      }
      const text = c.text.startsWith(MODEL_PLACEHOLDER) ? corruptModel(c.text, validModel) : c.text;
      await runCase(tally, c, {
        page, frames: () => [page], problems,
        action: async () => {
          await page.evaluate(() => document.querySelectorAll('.notice').forEach((n) => n.remove()));
          await page.setInputFiles(c.input, { name: c.name, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') }, { timeout: 120000 });
        },
        expectNotice: c.notice ? () => page.waitForFunction(() => document.querySelectorAll('.notice').length > 0, null, { timeout: 4000 }).then(() => true, () => false) : null,
      });
      if (++n % CHECK_EVERY === 0) await checkTrains(tally, page, c.id);
    }
    await checkTrains(tally, page, 'after the files');
    await context.close();
  }

  // 3. postMessage: the example host page on 127.0.0.1 with the playground from localhost, and a
  //    third origin beside it.
  {
    const { context, page, problems } = await newPage();
    const playground = suite.url.replace('127.0.0.1', 'localhost');
    await page.goto(`${suite.url}embed-example.html?frame=${encodeURIComponent(`${playground}index.html?v=1&data=circle&embed`)}`);
    await page.waitForFunction(() => window.nnplayHost.received.some((m) => m.type === 'nnplay:ready'), null, { timeout: 10000 });
    await page.evaluate((src) => new Promise((resolve) => {
      const f = Object.assign(document.createElement('iframe'), { title: 'third origin', src });
      f.addEventListener('load', resolve);
      document.body.append(f);
    }), `http://127.0.0.1:${thirdServer.address().port}/`);
    const frames = () => page.frames().filter((f) => f.url().startsWith(playground) || f === page.mainFrame());
    const nnplay = () => page.frames().find((f) => f.url().startsWith(playground));
    let n = 0;
    for (const c of MESSAGE_CASES) {
      await runCase(tally, c, {
        page, frames, problems,
        allowConsole: /nnplay embed: a message was ignored/,
        action: async () => {
          const ignoredBefore = await nnplay().evaluate(() => window.nnplay.embedApi.ignored);
          await page.evaluate(({ message, third }) => {
            if (third) document.querySelector('iframe[title="third origin"]').contentWindow.postMessage({ payload: message }, '*');
            else window.nnplayHost.send(message);
          }, { message: c.message, third: Boolean(c.thirdOrigin) }).catch((error) => {
            // The browser itself may refuse to clone a payload (e.g. too deep): nothing reached the playground.
            if (!/could not be cloned|call stack/i.test(error.message)) throw error;
          });
          await page.waitForTimeout(100);
          const answered = await nnplay().evaluate(() => window.nnplay.embedApi.ignored);
          c.result = answered > ignoredBefore ? 'ignored with a logged reason' : 'obeyed or refused with a reply';
        },
      });
      if (++n % CHECK_EVERY === 0) await checkTrains(tally, nnplay(), c.id);
    }
    await checkTrains(tally, nnplay(), 'after the messages');
    await context.close();
  }

  // 4. The other pages' file inputs.
  for (const pageName of ['mnist.html', 'gan.html']) {
    const { context, page, problems } = await newPage();
    await page.goto(suite.url + pageName);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' || (window.nnplay?.framesDrawn ?? 0) >= 1, null, { timeout: 15000 });
    for (const c of OTHER_CASES.filter((x) => x.page === pageName)) {
      await page.locator(c.input).waitFor({ state: 'attached' });
      await page.waitForFunction((s) => !document.querySelector(s).disabled, c.input, { timeout: 15000 });
      await runCase(tally, c, {
        page, frames: () => [page], problems,
        action: async () => {
          await page.evaluate(() => {
            document.querySelectorAll('.notice').forEach((n) => n.remove());
            const status = document.querySelector('#gan-status');
            if (status) status.textContent = '';
          });
          await page.setInputFiles(c.input, { name: c.name, mimeType: 'application/json', buffer: Buffer.from(c.text, 'utf8') }, { timeout: 120000 });
        },
        // The real-data page shows notices; the GAN page answers in its status line (#gan-status).
        expectNotice: () => page.waitForFunction(() => [...document.querySelectorAll('.notice, #gan-status')].some((n) => n.textContent.trim() !== '' && !/loaded\.$/.test(n.textContent)), null, { timeout: 5000 }).then(() => true, () => false),
      });
    }
    await context.close();
  }

  const seconds = (Date.now() - started) / 1000;
  console.log(`hostile page corpus: ${tally.summary()} (${seconds.toFixed(1)} s)`);
  assert.deepEqual(tally.failures, [], `${tally.summary()}\n${tally.failures.join('\n')}`);
  assert.ok(ONLY.length || tally.cases >= 100, `only ${tally.cases} cases`);
});
