// The layers of web/js point only down (docs/DEVELOPING.md, "The page's layers"):
//
//   pages/      composition roots (one folder per HTML page); nothing imports a page
//   compare/ lessons/ mnist/ embed/ export/ gan/ sequence/ features: each may use another feature only
//               through that feature's public entry, its index.js
//   views/      DOM and canvas views
//   worker/     Worker entry points, the worker host, the page's side of a Worker
//   engine.js   the JavaScript engine API (and the WebAssembly module under web/wasm/)
//   ground/     the shared vocabulary: state, rules, catalog, palette, validation…
//
// A module may import from its own folder (its own feature, its own page) and from any layer
// below its own. It reads `import … from '…'`, `export … from '…'`, `import('…')` and Worker
// scripts named as `new URL('…', import.meta.url)`.
//
// Second check: no module-level mutable state and no side effects at import. Outside entry
// modules (the HTML pages' module scripts and the Worker scripts) a module's top level holds
// only imports, exports, functions, classes and `const` declarations: a top-level `let`/`var`,
// a statement that does something (a call, an assignment, an `if`…) or a `const` created with
// `new` (a Map, a client, a Worker: state or a side effect) is reported.
//
// Usage: node build-scripts/check-layers.mjs [web directory]   (default: web/ of this repository)
// Exit status 1 with one line per problem; as a module: checkLayers(webDir) → { problems, modules }.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const FEATURES = ['compare', 'lessons', 'mnist', 'embed', 'export', 'gan', 'insight', 'sequence'];
const RANK = { ground: 0, wasm: 0.5, engine: 1, worker: 2, views: 3, feature: 4, pages: 5 };   // wasm: web/wasm/engine.mjs, engine.js's own loader

/** Where a file under web/ sits: { layer, unit } (unit = the folder that may import itself freely), or null. */
export function layerOf(webPath) {
  const parts = webPath.split('/');
  if (parts[0] === 'wasm') return { layer: 'wasm', unit: 'wasm' };
  if (parts[0] !== 'js') return null;
  if (parts.length === 2) return parts[1] === 'engine.js' ? { layer: 'engine', unit: 'engine' } : null;
  const top = parts[1];
  if (top === 'ground' || top === 'worker' || top === 'views') return { layer: top, unit: top };
  if (FEATURES.includes(top)) return { layer: 'feature', unit: top };
  if (top === 'pages') return parts.length > 3 ? { layer: 'pages', unit: `pages/${parts[2]}` } : { layer: 'pages', unit: 'pages' };
  return null;
}

/** Why importing `to` from `from` (both paths relative to web/) breaks the layering, or null. */
export function importProblem(from, to) {
  const a = layerOf(from);
  const b = layerOf(to);
  if (!a) return `${from} is in no layer`;
  if (!b) return `it imports ${to}, which is in no layer`;
  if (a.unit === b.unit) return null;
  if (b.layer === 'pages') return `it imports ${to}: nothing imports a page`;
  if (b.layer === 'feature') {
    if (a.layer === 'feature' || a.layer === 'pages') {
      return to === `js/${b.unit}/index.js` ? null
        : `it imports ${to}, an internal of the ${b.unit} feature: import its public entry js/${b.unit}/index.js`;
    }
  }
  if (RANK[b.layer] < RANK[a.layer]) return null;
  return `it imports ${to}: ${a.layer === 'feature' ? a.unit : a.layer} must not import from ${b.layer === 'feature' ? 'a feature' : b.layer} (a layer ${RANK[b.layer] === RANK[a.layer] ? 'beside' : 'above'} it)`;
}

// ---- reading modules ----

/**
 * The code of a module with comments, strings, template literals and regular expressions
 * blanked (same length; string contents kept in `strings`), so that braces and keywords can
 * be counted without a parser.
 */
export function scan(source) {
  const out = source.split('');
  const strings = [];   // { start, end, value } of each string literal
  const blank = (from, to) => { for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' '; };
  const templates = [];  // brace depth at which each open template's ${…} started
  let depth = 0;
  let i = 0;
  let previous = '';   // the last significant character, to tell a regex from a division
  const regexAllowed = () => previous === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(previous) || /\b(return|typeof|case|do|else|in|of|void|yield|await)$/.test(source.slice(Math.max(0, i - 8), i).trimEnd());
  const template = (start) => {   // scans a template body from `start` (after ` or }) to ` or ${
    let k = start;
    while (k < source.length && source[k] !== '`') {
      if (source[k] === '\\') { k += 2; continue; }
      if (source[k] === '$' && source[k + 1] === '{') { blank(start, k); templates.push(depth); depth++; return k + 2; }
      k++;
    }
    blank(start, k);
    return k + 1;
  };
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') { const end = source.indexOf('\n', i); const stop = end < 0 ? source.length : end; blank(i, stop); i = stop; continue; }
    if (c === '/' && next === '*') { const end = source.indexOf('*/', i + 2); const stop = end < 0 ? source.length : end + 2; blank(i, stop); i = stop; continue; }
    if (c === '"' || c === "'") {
      let k = i + 1;
      while (k < source.length && source[k] !== c && source[k] !== '\n') k += source[k] === '\\' ? 2 : 1;
      strings.push({ start: i, end: k + 1, value: source.slice(i + 1, k) });
      blank(i + 1, k);
      i = k + 1; previous = 'x'; continue;
    }
    if (c === '`') { i = template(i + 1); previous = 'x'; continue; }
    if (c === '}' && templates.length && templates.at(-1) === depth - 1) { templates.pop(); depth--; i = template(i + 1); previous = 'x'; continue; }
    if (c === '/' && regexAllowed()) {
      let k = i + 1, inClass = false;
      while (k < source.length && source[k] !== '\n') {
        if (source[k] === '\\') { k += 2; continue; }
        if (source[k] === '[') inClass = true;
        else if (source[k] === ']') inClass = false;
        else if (source[k] === '/' && !inClass) break;
        k++;
      }
      blank(i + 1, k);
      i = k + 1; previous = 'x'; continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    if (!/\s/.test(c)) previous = c;
    i++;
  }
  return { code: out.join(''), strings };
}

/** The modules a module refers to: [{ spec, kind: 'import' | 'dynamic' | 'worker', line }]. */
export function references(source) {
  const { code, strings } = scan(source);
  const found = [];
  const lineAt = (index) => source.slice(0, index).split('\n').length;
  for (const s of strings) {
    const before = code.slice(Math.max(0, s.start - 200), s.start);
    const after = code.slice(s.end, s.end + 40);
    let kind = null;
    if (/(?:^|[;\s}])(?:import|export)\b[^;()]*?\bfrom\s*$/.test(before) || /(?:^|[;\s}])import\s*$/.test(before)) kind = 'import';
    else if (/\bimport\s*\(\s*$/.test(before)) kind = 'dynamic';
    else if (/\bnew\s+URL\s*\(\s*$/.test(before) && /^\s*,\s*import\.meta\.url\s*\)/.test(after)) kind = 'worker';
    if (kind) found.push({ spec: s.value, kind, line: lineAt(s.start) });
  }
  return found;
}

/** Top-level statements that hold state or do something at import: [{ line, text, why }]. */
export function topLevelProblems(source) {
  const { code } = scan(source);
  const problems = [];
  let depth = 0;          // (), [] and {} together
  let start = 0;          // where the current top-level statement began
  const statements = [];
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      // A declaration ends with its body: `function f() {}` / `class C {}` need no semicolon.
      if (depth === 0 && c === '}' && /^\s*(export\s+(default\s+)?)?(async\s+)?(function|class)\b/.test(code.slice(start, i))) {
        statements.push([start, i + 1]); start = i + 1;
      }
    } else if (depth === 0 && (c === ';' || (c === '\n' && endsStatement(code, start, i)))) {
      statements.push([start, i + 1]); start = i + 1;
    }
  }
  statements.push([start, code.length]);
  for (const [from, to] of statements) {
    const text = code.slice(from, to).trim();
    if (!text || text === ';') continue;
    const codeStart = from + code.slice(from, to).search(/\S/);
    const shown = source.slice(codeStart, to).split('\n')[0].trim().slice(0, 80);
    const line = source.slice(0, codeStart).split('\n').length;
    const body = text.replace(/^export\s+(default\s+)?/, '');
    if (/^(import|export)\b/.test(text) && /^(import\b|export\s*(\*|\{))/.test(text)) continue;
    if (/^(async\s+)?function\b|^class\b/.test(body)) continue;
    if (/^(let|var)\b/.test(body)) { problems.push({ line, text: shown, why: 'module-level mutable state (a top-level let/var)' }); continue; }
    if (/^const\b/.test(body)) {
      // A Set or Map filled from a literal is a lookup table; an empty one is a cache (state).
      if (/^const\s[^=]*=\s*new\b/.test(body) && !/^const\s[^=]*=\s*new\s+(Set|Map)\s*\(\s*\[/.test(body)) {
        problems.push({ line, text: shown, why: 'a top-level object made with `new` (state or a side effect at import)' });
      }
      continue;
    }
    if (/^export\s+default\b/.test(text)) continue;   // export default <value>
    if (/^(if\s*\([^()]*\)\s*)?[\w$]+\.prototype\b[^;]*=/.test(text)) continue;   // completing a class (engine.js: Symbol.dispose)
    problems.push({ line, text: shown, why: 'a statement that runs at import (a call, an assignment…)' });
  }
  return problems;
}

/** A newline at depth 0 ends a statement unless the code obviously continues. */
function endsStatement(code, start, i) {
  const before = code.slice(start, i).trimEnd();
  if (!before) return false;
  if (/[=+\-*/%&|^!~?:,.(<>]$/.test(before) || /\b(from|import|export|const|let|var|return|new|extends)$/.test(before)) return false;
  const after = code.slice(i + 1).trimStart();
  return !/^[.?:,)\]}+\-*/%&|=<>]/.test(after) && !/^(from|as)\b/.test(after);
}

// ---- the whole tree ----

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The entry modules: the HTML pages' module scripts and every Worker script. */
function entries(webDir, modules) {
  const found = new Set();
  for (const html of readdirSync(webDir).filter((f) => f.endsWith('.html'))) {
    const text = readFileSync(join(webDir, html), 'utf8');
    for (const [, src] of text.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) found.add(relative(webDir, resolve(webDir, src)).split(sep).join('/'));
  }
  for (const m of modules) for (const r of m.refs) if (r.kind === 'worker') found.add(r.target);
  return found;
}

/** Checks every module under webDir/js; returns { problems: string[], modules: number }. */
export function checkLayers(webDir) {
  const files = walk(join(webDir, 'js')).filter((f) => /\.m?js$/.test(f));
  const modules = files.map((file) => {
    const path = relative(webDir, file).split(sep).join('/');
    const source = readFileSync(file, 'utf8');
    const refs = references(source)
      .filter((r) => r.spec.startsWith('.'))
      .map((r) => ({ ...r, target: relative(webDir, resolve(dirname(file), r.spec)).split(sep).join('/') }));
    return { path, source, refs };
  });
  const problems = [];
  for (const m of modules) {
    if (!layerOf(m.path)) { problems.push(`web/${m.path}: it is in no layer (put it under ground/, worker/, views/, a feature folder or pages/)`); continue; }
    for (const r of m.refs) {
      const why = importProblem(m.path, r.target);
      if (why) problems.push(`web/${m.path}:${r.line}: ${why}`);
    }
  }
  const entry = entries(webDir, modules);
  for (const m of modules) {
    if (entry.has(m.path)) continue;
    for (const p of topLevelProblems(m.source)) problems.push(`web/${m.path}:${p.line}: ${p.why}: ${p.text}`);
  }
  return { problems, modules: modules.length, entries: [...entry].sort() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const webDir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../web'));
  const { problems, modules, entries: entry } = checkLayers(webDir);
  if (problems.length) {
    console.error(`check-layers: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${modules} modules of ${webDir}/js:`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(`check-layers: ${modules} modules: every import points down; nothing runs at import but the ${entry.length} entry modules`);
}
