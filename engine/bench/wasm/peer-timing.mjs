// How the peer benchmarks (peers-cnn.mjs, peers-sequence.mjs) time their peers, runner.cpp's
// scheme: warm each peer up, calibrate it to a number of batches per repetition that takes at
// least --min-time, interleave the repetitions of all peers, and keep the medians of the
// wall-clock and CPU-time samples/s.

export const median = (v) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

async function timeCalls(peer, calls) {
  const cpu0 = process.cpuUsage(), t0 = process.hrtime.bigint();
  let checksum = 0;
  for (let i = 0; i < calls; i++) checksum += await peer.batch();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuUsed = process.cpuUsage(cpu0);
  return { wall, cpu: (cpuUsed.user + cpuUsed.system) / 1e6, checksum };
}

/**
 * peers: { name, id?, batch() → loss, restart() }; batchSize: samples per batch() call.
 * Sets on each peer: rates, cpuRates, cpuShares, median, min, max, cpuMedian, cpuShare, lastLoss.
 */
export async function measurePeers(peers, options, batchSize) {
  for (const p of peers) {  // warm-up (JIT, wasm tiers), then calls per repetition ≥ minSeconds
    await timeCalls(p, 3);
    let calls = 1, t = 0;
    while ((t = (await timeCalls(p, calls)).wall) < options.minSeconds / 4) calls *= 2;
    p.calls = Math.max(1, Math.ceil(calls * options.minSeconds / t));
    p.rates = []; p.cpuRates = []; p.cpuShares = [];
  }
  for (let rep = 0; rep < options.reps; rep++) {
    for (const p of peers) {
      p.restart();
      const r = await timeCalls(p, p.calls);
      if (!Number.isFinite(r.checksum)) throw new Error(`${p.id ? `${p.id} ` : ''}${p.name}: the loss is not finite`);
      p.rates.push(p.calls * batchSize / r.wall);
      p.cpuRates.push(p.calls * batchSize / r.cpu);
      p.cpuShares.push(r.cpu / r.wall);
      p.lastLoss = r.checksum / p.calls;
    }
  }
  for (const p of peers) {
    p.median = median(p.rates); p.min = Math.min(...p.rates); p.max = Math.max(...p.rates);
    p.cpuMedian = median(p.cpuRates); p.cpuShare = median(p.cpuShares);
  }
}
