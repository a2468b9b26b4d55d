// Combines the JSON lines of nnplay_bench (native, two builds) and bench.mjs (WASM through the
// JavaScript API), several processes each run alternately, into one table: per workload the
// median over ALL repetitions of all processes of each build, the range of the per-process
// medians (tiny nets are bimodal between processes), the WASM/native ratios against the
// native build of the same SIMD width (SSE2: -O3, no -march) and against -march=native, and
// the targets of issue 4. Written by build-scripts/bench-wasm; usable by hand:
//
//   node engine/bench/wasm/compare.mjs default=A.json native=B.json wasm=C.json [more...] [--json OUT]
//   Labels: default (nnplay_bench, SSE2), native (nnplay_bench_native, -march=native), wasm.
import { readFileSync, writeFileSync } from 'node:fs';

const LABELS = ['wasm', 'default', 'native'];
const NAMES = { wasm: 'WASM', default: 'native SSE2', native: 'native -march=native' };
// Issue 4's targets: WASM throughput ≥ factor × the named native build's.
const TARGETS = [
  { id: 'W1', against: 'native', factor: 0.8 },
  { id: 'W3', against: 'default', factor: 0.7 },
  { id: 'W3.trainer', against: 'default', factor: 0.7 },
  { id: 'W4', against: 'native', factor: 0.45 },
  { id: 'W6', against: 'default', factor: 0.7 },   // issue 12: the small CNN
];
const W5_TARGET = 600;  // evaluations/s of the default net at 100×100 (10 × what 60 fps needs)

const args = process.argv.slice(2);
let jsonOut = null;
const runs = { wasm: [], default: [], native: [] };
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') { jsonOut = args[++i]; continue; }
  const eq = args[i].indexOf('=');
  const label = args[i].slice(0, eq), file = args[i].slice(eq + 1);
  if (eq <= 0 || !runs[label]) fail(`expected default=FILE, native=FILE or wasm=FILE, got "${args[i]}"`);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  let run;
  try { run = JSON.parse(lines[lines.length - 1]); } catch (e) { fail(`${file}: last line is not JSON (${e.message})`); }
  if (run.schema !== 'nnplay-bench/1') fail(`${file}: not an nnplay bench result (schema ${run.schema})`);
  runs[label].push(run);
}
for (const label of LABELS) if (runs[label].length === 0) fail(`no ${label}=FILE given`);

function fail(message) {
  console.error(`compare: ${message}`);
  process.exit(2);
}
const median = (v) => {
  const s = [...v].sort((a, b) => a - b), n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const human = (v) => !Number.isFinite(v) ? 'n/a'
  : v >= 1e9 ? `${(v / 1e9).toFixed(2)} G` : v >= 1e6 ? `${(v / 1e6).toFixed(2)} M`
  : v >= 1e3 ? `${(v / 1e3).toFixed(2)} k` : `${v.toFixed(1)}  `;
const pad = (s, n) => String(s).padStart(n);
const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;

// label -> id -> pooled figures
const summary = {};
for (const label of LABELS) {
  summary[label] = {};
  for (const run of runs[label]) {
    for (const w of run.workloads) {
      const s = (summary[label][w.id] ??= { ...w, rates: [], cpuRates: [], shares: [], processMedians: [], processCpuMedians: [] });
      s.rates.push(...w.rates);
      s.cpuRates.push(...w.cpuRates);
      s.shares.push(w.cpuShare);
      s.processMedians.push(w.median);
      s.processCpuMedians.push(w.cpuMedian);
    }
  }
  for (const s of Object.values(summary[label])) {
    s.median = median(s.rates);
    s.cpuMedian = median(s.cpuRates);
    s.busy = s.shares.some((x) => x < 0.95);
  }
}

const wasm0 = runs.wasm[0], native0 = runs.default[0], march0 = runs.native[0];
const out = [];
const print = (s = '') => out.push(s);
print(`nnplay WASM benchmark: the native benchmark's workloads through the JavaScript API in Node, vs native`);
print(`  WASM:   ${wasm0.compiler}; SIMD "${wasm0.simd}" (Eigen's SSE2 path on 128-bit WASM SIMD): ` +
      `${runs.wasm.every((r) => r.simdHasSse2) ? 'contains SSE2, ok' : 'NO SSE2: Eigen runs scalar code'}`);
print(`  native SSE2:    ${native0.compiler.split(' (')[0]}, flags "${native0.flags}", SIMD ${native0.simd}`);
print(`  native -march:  flags "${march0.flags}", SIMD ${march0.simd}`);
for (const label of ['wasm', 'default', 'native']) {
  const rs = runs[label];
  print(`  ${NAMES[label]}: ${rs.length} process(es) x ${rs[0].repetitions} repetitions x >= ${rs[0].minSeconds} s; ` +
        `load average ${rs.map((r) => `${r.loadAverage.before}->${r.loadAverage.after}`).join(', ')}`);
}
print('');
print('Throughput: median over all repetitions of all processes, wall clock and (cpu) per CPU second of the process;');
print('[range of the per-process wall medians]. cpu% below ~95 % means the machine was busy with other work.');
print(`${'id'.padEnd(15)}` + LABELS.map((l) => pad(NAMES[l], 34)).join('') + '  unit');
const rows = Object.values(summary.wasm);
for (const w of rows) {
  let line = w.id.padEnd(15);
  for (const label of LABELS) {
    const id = label === 'wasm' ? w.id : w.native;
    const s = id && summary[label][id];
    if (!s) { line += pad('-', 34); continue; }
    const share = median(s.rates.map((x, k) => x / s.cpuRates[k]));
    line += pad(`${human(s.median)} (${human(s.cpuMedian).trim()}) ${(100 * share).toFixed(0)}%`, 34);
  }
  print(line + '  ' + w.unit);
  let ranges = ''.padEnd(15);
  for (const label of LABELS) {
    const id = label === 'wasm' ? w.id : w.native;
    const s = id && summary[label][id];
    ranges += pad(s ? `[${human(Math.min(...s.processMedians)).trim()} - ${human(Math.max(...s.processMedians)).trim()}]` : '', 34);
  }
  print(ranges);
}
print('');

// Ratios of the pooled medians (the processes ran one after the other, so there are no
// same-moment pairs to divide): wall clock, and CPU time (the better estimate when busy).
print('WASM / native throughput (wall clock; cpu time in parentheses). Compared rows: the native row of the same id');
print('unless noted (see "what differs" below).');
print(`${'id'.padEnd(15)} ${pad('native row', 15)} ${pad('WASM/SSE2', 18)} ${pad('WASM/-march=native', 20)}  target`);
const ratios = {};
const verdicts = [];
for (const w of rows) {
  if (!w.native) continue;
  const a = summary.wasm[w.id], d = summary.default[w.native], n = summary.native[w.native];
  if (!d || !n) continue;
  const r = {
    native: w.native,
    sse2: a.median / d.median, sse2Cpu: a.cpuMedian / d.cpuMedian,
    march: a.median / n.median, marchCpu: a.cpuMedian / n.cpuMedian,
  };
  ratios[w.id] = r;
  let target = '';
  const t = TARGETS.find((x) => x.id === w.id);
  if (t && !w.diagnostic) {
    const wall = t.against === 'default' ? r.sse2 : r.march, cpu = t.against === 'default' ? r.sse2Cpu : r.marchCpu;
    const busy = a.busy || summary[t.against][w.native].busy;
    const decisive = busy ? cpu : wall;
    const met = decisive >= t.factor;
    target = `>= ${t.factor} x ${t.against === 'default' ? 'SSE2' : '-march=native'}: ${met ? 'met' : 'NOT MET'} ` +
             `(${busy ? 'cpu-time' : 'wall'} ratio ${decisive.toFixed(2)}; wall ${wall >= t.factor ? 'met' : 'not met'}, ` +
             `cpu ${cpu >= t.factor ? 'met' : 'not met'})`;
    verdicts.push({ id: w.id, factor: t.factor, against: t.against, wall, cpu, decidedBy: busy ? 'cpu' : 'wall', met });
  }
  print(`${w.id.padEnd(15)} ${pad(w.native, 15)} ${pad(`${r.sse2.toFixed(2)} (${r.sse2Cpu.toFixed(2)})`, 18)} ` +
        `${pad(`${r.march.toFixed(2)} (${r.marchCpu.toFixed(2)})`, 20)}  ${target}`);
}
const w5 = summary.wasm.W5;
if (w5) {
  const low = Math.min(...w5.rates);
  const met = w5.median >= W5_TARGET;
  print(`${'W5'.padEnd(15)} ${pad('-', 15)} ${pad('', 18)} ${pad('', 20)}  >= ${W5_TARGET} evaluations/s: ` +
        `${met ? 'met' : 'NOT MET'} (wall median ${w5.median.toFixed(0)}/s, slowest repetition ${low.toFixed(0)}/s, ` +
        `cpu ${w5.cpuMedian.toFixed(0)}/s)`);
  verdicts.push({ id: 'W5', target: W5_TARGET, median: w5.median, slowest: low, cpu: w5.cpuMedian, met });
}
print('');
print(`Targets: ${verdicts.filter((v) => v.met).length} of ${verdicts.length} met` +
      (verdicts.some((v) => !v.met) ? `; NOT met: ${verdicts.filter((v) => !v.met).map((v) => v.id).join(', ')}` : ''));
const busy = LABELS.some((label) => Object.values(summary[label]).some((x) => x.busy));
if (busy) {
  print('The machine was BUSY during this run (cpu% < 95 somewhere): verdicts use the CPU-time ratios, which remove');
  print('time-slicing but not contention for the shared core and caches; repeat when the load average is below ~1.');
}
print('');

print('Download sizes (what a page fetches; gzip -9 and brotli 11):');
for (const [name, s] of Object.entries(wasm0.sizes)) {
  print(`  ${name.padEnd(12)} ${pad(s.raw, 8)} B (${kb(s.raw)})   gzip ${pad(s.gzip, 7)} B (${kb(s.gzip)})   brotli ${pad(s.brotli, 7)} B   ${s.modified}`);
}
print('');
print('What differs from the native row each WASM row is compared with:');
for (const w of rows) print(`  ${w.id.padEnd(11)} ${w.differs}\n  ${''.padEnd(11)} driver: ${w.driver}`);
print('  (native rows: W1, W2, W3.trainer: Trainer::stepEpoch; W3: forward+backward+Optimizer::step on contiguous row');
print('   blocks, no shuffle, no per-epoch evaluation; W4: Network::forward(Eval) on a prebuilt 256x256 grid;');
print('   W7.lstm, W7.transformer: SequenceSession::step per batch, as the WASM rows)');

console.log(out.join('\n'));

if (jsonOut) {
  const j = { schema: 'nnplay-bench-wasm-summary/1', workloads: {}, ratios, targets: verdicts, sizes: wasm0.sizes,
              simd: wasm0.simd, node: wasm0.node, v8: wasm0.v8 };
  for (const label of LABELS) {
    j.workloads[label] = {};
    for (const [id, s] of Object.entries(summary[label])) {
      j.workloads[label][id] = { unit: s.unit, median: s.median, cpuMedian: s.cpuMedian, min: Math.min(...s.rates),
                                 max: Math.max(...s.rates), processMedians: s.processMedians, busy: s.busy };
    }
  }
  writeFileSync(jsonOut, JSON.stringify(j) + '\n');
}
