// build-scripts/check-layers.mjs on small fake trees: every kind of violation is reported
// (with its file and line), and what the layering allows passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

import { checkLayers, references, topLevelProblems } from '../../build-scripts/check-layers.mjs';

const roots = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A web/ directory holding `files` ({ 'js/ground/a.js': source, 'index.html': … }). */
function tree(files) {
  const root = mkdtempSync(join(tmpdir(), 'nnplay-layers-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const CLEAN = {
  'index.html': '<script type="module" src="js/pages/play/entry.js"></script>',
  'js/ground/state.js': "import { RULES } from './rules.js';\nexport const LIMIT = 3;\nexport function f() { return RULES; }\n",
  'js/ground/rules.js': "export const RULES = Object.freeze({ a: 1 });\nexport const KINDS = new Set(['a', 'b']);\n",
  'js/engine.js': "import create from '../wasm/engine.mjs';\nimport { LIMIT } from './ground/state.js';\nexport class Engine {}\n",
  'wasm/engine.mjs': 'export default function create() {}\n',
  'js/worker/host.js': "import { Engine } from '../engine.js';\nexport class Host { run() { let n = 0; return n; } }\n",
  'js/worker/play-worker.js': "import { Host } from './host.js';\nconst host = new Host();\nself.onmessage = (e) => host.run(e);\n",
  'js/views/form.js': "import { LIMIT } from '../ground/state.js';\nexport const el = (tag) => document.createElement(tag);\n",
  'js/compare/index.js': "export { Controller } from './controller.js';\n",
  'js/compare/controller.js': "import { el } from '../views/form.js';\nexport class Controller {}\n",
  'js/lessons/index.js': "import { Controller } from '../compare/index.js';\nconst later = () => import('../engine.js');\nexport class Lessons {}\n",
  'js/pages/play/main.js': "import { Lessons } from '../../lessons/index.js';\nimport { Host } from '../../worker/host.js';\n"
    + "export function start() {\n  const url = new URL('../../worker/play-worker.js', import.meta.url);\n  let state = 1;\n  return [url, state];\n}\n",
  'js/pages/play/entry.js': "import { start } from './main.js';\nstart();\n",
};

test('a tree that follows the layers passes', () => {
  const result = checkLayers(tree(CLEAN));
  assert.deepEqual(result.problems, []);
  assert.equal(result.modules, 11);
  assert.deepEqual(result.entries, ['js/pages/play/entry.js', 'js/worker/play-worker.js']);
});

test('every import that points up or into another feature is reported with its file and line', () => {
  const root = tree({
    ...CLEAN,
    'js/ground/state.js': "import { el } from '../views/form.js';\nexport const LIMIT = 3;\n",                     // ground → views
    'js/worker/host.js': "export class Host {}\nexport async function f() { return import('../compare/index.js'); }\n", // dynamic, worker → feature
    'js/views/form.js': "export const el = 1;\nexport const w = () => new URL('../pages/play/entry.js', import.meta.url);\n", // views → a page
    'js/lessons/index.js': "import { Controller } from '../compare/controller.js';\nexport class Lessons {}\n",  // a feature's internals
    'js/compare/controller.js': "export { Lessons } from '../lessons/index.js';\nexport class Controller {}\n",   // allowed: a public entry
    'js/pages/other/main.js': "import { start } from '../play/main.js';\nexport { start };\n",                     // another page
    'js/misc/thing.js': 'export const x = 1;\n',                                                                   // no layer
  });
  const { problems } = checkLayers(root);
  const expected = [
    /^web\/js\/ground\/state\.js:1: it imports js\/views\/form\.js: ground must not import from views/,
    /^web\/js\/worker\/host\.js:2: it imports js\/compare\/index\.js: worker must not import from a feature/,
    /^web\/js\/views\/form\.js:2: it imports js\/pages\/play\/entry\.js: nothing imports a page/,
    /^web\/js\/lessons\/index\.js:1: it imports js\/compare\/controller\.js, an internal of the compare feature/,
    /^web\/js\/pages\/other\/main\.js:1: it imports js\/pages\/play\/main\.js: nothing imports a page/,
    /^web\/js\/misc\/thing\.js.*is in no layer/,
  ];
  for (const pattern of expected) assert.ok(problems.some((p) => pattern.test(p)), `no problem matches ${pattern}:\n${problems.join('\n')}`);
  assert.equal(problems.length, expected.length, problems.join('\n'));
});

test('module-level state and side effects at import are reported outside entry modules', () => {
  const root = tree({
    ...CLEAN,
    'js/views/counter.js': 'let count = 0;\nexport function next() { return ++count; }\n',
    'js/views/exported.js': 'export let shared = [];\n',
    'js/views/effect.js': "import { el } from './form.js';\ndocument.body.append(el('p'));\n",
    'js/views/cache.js': 'const cache = new Map();\nexport const get = (k) => cache.get(k);\n',
    'js/views/client.js': "import { Host } from '../worker/host.js';\nexport const host = new Host();\n",
    'js/pages/play/main.js': "export function start() { return new URL('../../worker/play-worker.js', import.meta.url); }\nstart();\n",   // a root that runs itself
  });
  const { problems } = checkLayers(root);
  const expected = [
    /counter\.js:1: module-level mutable state/,
    /exported\.js:1: module-level mutable state/,
    /effect\.js:2: a statement that runs at import/,
    /cache\.js:1: a top-level object made with `new`/,
    /client\.js:2: a top-level object made with `new`/,
    /pages\/play\/main\.js:2: a statement that runs at import/,
  ];
  for (const pattern of expected) assert.ok(problems.some((p) => pattern.test(p)), `no problem matches ${pattern}:\n${problems.join('\n')}`);
  assert.equal(problems.length, expected.length, problems.join('\n'));
});

test('imports are read from code only, not from comments, strings or templates', () => {
  const source = [
    "// import { x } from '../pages/a.js';",
    "/* import('../pages/b.js') */",
    "const text = \"import y from '../pages/c.js'\";",
    "const t = `import z from '../pages/d.js' ${1 + 1} new URL('../pages/e.js', import.meta.url)`;",
    "const re = /import\\('..\\/pages\\/f.js'\\)/;",
    "import {",
    "  a,",
    "} from './real.js';",
    "export * from './again.js';",
    "import './side.js';",
  ].join('\n');
  assert.deepEqual(references(source).map((r) => [r.spec, r.kind, r.line]), [['./real.js', 'import', 8], ['./again.js', 'import', 9], ['./side.js', 'import', 10]]);
});

test('a multi-line top-level declaration, function or class is one statement', () => {
  const source = [
    'export const TABLE = Object.freeze({',
    '  a: [1, 2],',
    '});',
    'export function f(x) {',
    '  let y = x;',
    '  return y',
    '}',
    'class C {',
    '  #n = 0;',
    '}',
    'export const g = (a) =>',
    '  a + 1;',
    'export default C;',
  ].join('\n');
  assert.deepEqual(topLevelProblems(source), []);
});
