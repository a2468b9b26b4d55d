// Combines the JSON lines of several nnplay_bench runs (several processes per variant, run
// alternately) into one table: per variant and workload the median over ALL repetitions of
// all its processes, the range of the per-process medians (tiny nets are bimodal between
// processes, so one process is not enough), and the ratios between variants and to the
// hand-written baseline.
//
// usage: node summarize.mjs LABEL=FILE.json [LABEL=FILE.json ...] [--json OUT.json]
//   The first label is the reference for the variant ratios (e.g. default, then native).
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
let jsonOut = null;
const runs = new Map(); // label -> [parsed run]
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--json') { jsonOut = args[++i]; continue; }
  const eq = args[i].indexOf('=');
  if (eq <= 0) fail(`expected LABEL=FILE, got "${args[i]}"`);
  const label = args[i].slice(0, eq), file = args[i].slice(eq + 1);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  let run;
  try { run = JSON.parse(lines[lines.length - 1]); } catch (e) { fail(`${file}: last line is not JSON (${e.message})`); }
  if (run.schema !== 'nnplay-bench/1') fail(`${file}: not an nnplay_bench result (schema ${run.schema})`);
  if (!runs.has(label)) runs.set(label, []);
  runs.get(label).push(run);
}
if (runs.size === 0) fail('no result files given');

function fail(message) {
  console.error(`summarize: ${message}`);
  process.exit(2);
}
const median = (v) => {
  const s = [...v].sort((a, b) => a - b), n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const human = (v) => !Number.isFinite(v) ? 'n/a'
  : v >= 1e9 ? `${(v / 1e9).toFixed(3)} G` : v >= 1e6 ? `${(v / 1e6).toFixed(3)} M`
  : v >= 1e3 ? `${(v / 1e3).toFixed(3)} k` : `${v.toFixed(3)}  `;
const pad = (s, n) => String(s).padStart(n);

// label -> id -> {unit, driver, rates (pooled), processMedians}
const labels = [...runs.keys()];
const summary = {};
const ids = [];
for (const label of labels) {
  summary[label] = {};
  for (const run of runs.get(label)) {
    for (const w of run.workloads) {
      if (!ids.includes(w.id)) ids.push(w.id);
      const s = (summary[label][w.id] ??= { unit: w.unit, driver: w.driver, title: w.title, rates: [], cpuRates: [], processMedians: [] });
      s.rates.push(...w.rates);
      s.cpuRates.push(...(w.cpuRates ?? []));
      s.processMedians.push(w.median);
    }
  }
  for (const s of Object.values(summary[label])) {
    s.median = median(s.rates);
    s.min = Math.min(...s.rates);
    s.max = Math.max(...s.rates);
    s.cpuMedian = median(s.cpuRates);
  }
}

const first = runs.get(labels[0])[0];
console.log(`nnplay native benchmark summary (${first.scalar}, Eigen ${first.eigen}, ${first.compiler})`);
for (const label of labels) {
  const rs = runs.get(label);
  const loads = rs.map((r) => `${r.loadAverage.before}->${r.loadAverage.after}`).join(', ');
  console.log(`  ${label}: flags "${rs[0].flags}", SIMD ${rs[0].simd}; ${rs.length} process(es) x ` +
              `${rs[0].repetitions} repetitions x >= ${rs[0].minSeconds} s; load average ${loads}`);
}
console.log('');
console.log('wall-clock median over all repetitions of all processes; [range of the per-process medians];');
console.log('cpu: median of work per CPU second (leaves out time the OS gave to other processes)');
let header = 'id         ' + labels.map((l) => pad(l, 12) + pad('per-process range', 24) + pad('cpu', 12)).join('');
if (labels.length > 1) header += labels.slice(1).map((l) => pad(`${l}/${labels[0]}`, 16) + pad('(cpu)', 7)).join('');
console.log(header + '  unit');
for (const id of ids) {
  let line = id.padEnd(11);
  let unit = '';
  for (const label of labels) {
    const s = summary[label][id];
    if (!s) { line += pad('-', 36); continue; }
    unit = s.unit;
    line += pad(human(s.median), 12) +
      pad(`[${human(Math.min(...s.processMedians))} - ${human(Math.max(...s.processMedians))}]`, 24) +
      pad(human(s.cpuMedian), 12);
  }
  for (const label of labels.slice(1)) {
    const a = summary[labels[0]][id], b = summary[label][id];
    line += pad(a && b ? (b.median / a.median).toFixed(3) : '-', 16) +
      pad(a && b ? (b.cpuMedian / a.cpuMedian).toFixed(2) : '-', 7);
  }
  console.log(line + '  ' + unit);
}
console.log('');

// Engine/baseline: both ran in the same repetition of the same process, one after the other,
// so the per-repetition ratio cancels most of the machine's slow spells; its median over all
// repetitions of all processes is the headline.
const ratios = {};
const pairs = [['W3', 'W3.base', 1 / 1.3], ['W1.loop', 'W1.base', null]];
for (const [engine, base, target] of pairs) {
  for (const label of labels) {
    const pooled = [], perProcess = [];
    for (const run of runs.get(label)) {
      const e = run.workloads.find((w) => w.id === engine), b = run.workloads.find((w) => w.id === base);
      if (!e || !b) continue;
      const r = e.rates.map((x, k) => x / b.rates[k]);
      pooled.push(...r);
      perProcess.push(median(r));
    }
    if (pooled.length === 0) continue;
    const r = median(pooled);
    const e = summary[label][engine], b = summary[label][base];
    (ratios[label] ??= {})[`${engine}/${base}`] = {
      medianOfPairs: r, min: Math.min(...pooled), max: Math.max(...pooled), perProcess,
      ofMedians: e.median / b.median, ofCpuMedians: e.cpuMedian / b.cpuMedian };
    let text = `${label}: ${engine} engine/baseline throughput ${r.toFixed(3)} (median of ${pooled.length} ` +
               `per-repetition ratios; per process ${perProcess.map((x) => x.toFixed(3)).join(', ')}; ` +
               `cpu-time ${(e.cpuMedian / b.cpuMedian).toFixed(3)})`;
    const cpuRatio = e.cpuMedian / b.cpuMedian;
    if (target) {
      text += `; target >= ${target.toFixed(3)} (within 1.3x): ${r >= target ? 'met' : 'NOT MET'}` +
              ` (cpu-time: ${cpuRatio >= target ? 'met' : 'NOT MET'})`;
    }
    const shares = runs.get(label).flatMap((run) => run.workloads.filter((w) => w.id === engine || w.id === base)
      .map((w) => w.cpuShare));
    if (shares.some((x) => x < 0.95)) text += '\n  (the machine was busy: the cpu-time ratio is the better estimate)';
    console.log(text);
  }
}

if (jsonOut) {
  const out = { schema: 'nnplay-bench-summary/1', labels, workloads: {}, ratios };
  for (const label of labels) {
    out.workloads[label] = {};
    for (const [id, s] of Object.entries(summary[label])) {
      out.workloads[label][id] = { unit: s.unit, median: s.median, min: s.min, max: s.max, cpuMedian: s.cpuMedian,
                                   processMedians: s.processMedians };
    }
  }
  writeFileSync(jsonOut, JSON.stringify(out) + '\n');
}
