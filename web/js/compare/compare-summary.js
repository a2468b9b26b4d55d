// What a comparison shows in words and numbers: the table's cells and the sentences under it
// ("with batch norm reached the target 3.1× sooner …"). Pure: the Node tests run it.
import { formatNumber } from '../ground/validate.js';

/**
 * @param {{label: string, epochsToTarget: number, diverged: string|null, weightNorm: number,
 *          history: {epoch: number, trainLoss: number|null, testLoss: number|null}[]}[]} runs
 * @param {{target: number, epoch: number, maxEpochs: number, finished: boolean}} progress
 */
export function summarise(runs, { target, epoch, maxEpochs, finished }) {
  const rows = runs.map((run) => {
    const last = run.history.at(-1) ?? null;
    const train = last?.trainLoss ?? null;
    const test = last?.testLoss ?? null;
    const gap = train !== null && test !== null ? test - train : null;
    let epochs;
    if (run.diverged) epochs = 'diverged';
    else if (run.epochsToTarget) epochs = String(run.epochsToTarget);
    else epochs = finished ? 'not reached' : epoch > 0 ? 'not yet' : '–';
    return {
      label: run.label, epochs, reached: run.epochsToTarget || 0,
      train: formatNumber(train, 3), test: test === null && last ? 'no test set' : formatNumber(test, 3),
      gap: gap === null ? '–' : `${gap >= 0 ? '+' : '−'}${formatNumber(Math.abs(gap), 3)}`,
      norm: formatNumber(run.weightNorm, 3), gapValue: gap,
    };
  });

  const sentences = [];
  let speedUp = null;
  const goal = `a training loss of ${formatNumber(target, 3)}`;
  const reached = rows.filter((r) => r.reached).sort((a, b) => a.reached - b.reached);
  if (epoch === 0) {
    sentences.push(`Press Run: each configuration trains for ${maxEpochs} epochs; the table records when each first reaches ${goal}.`);
  } else if (reached.length === 0) {
    sentences.push(finished ? `No configuration reached ${goal} within ${maxEpochs} epochs.` : `No configuration has reached ${goal} yet.`);
  } else {
    const first = reached[0];
    const tied = reached.filter((r) => r.reached === first.reached);
    const who = tied.map((r) => r.label).join(' and ');
    const others = rows.filter((r) => !tied.includes(r) && r.epochs !== 'diverged');
    // While training, sentences change only when a run reaches the target (a calm live region).
    const parts = others.map((r) => {
      if (r.reached) return `${r.label} needed ${r.reached} (${formatNumber(r.reached / first.reached, 2)}× as many)`;
      if (!finished) return `${r.label} has not reached it yet`;
      return `${r.label} did not reach it in ${maxEpochs} (over ${formatNumber(maxEpochs / first.reached, 2)}× as many)`;
    });
    sentences.push(`First to reach ${goal}: ${who}, after ${first.reached} epoch${first.reached === 1 ? '' : 's'}${parts.length ? `; ${parts.join('; ')}` : ''}.`);
    // The speed-up of the fastest over the slowest (a lower bound when one never got there).
    if (others.length) {
      const slowest = others.reduce((a, b) => (rank(b, finished ? maxEpochs : epoch) > rank(a, finished ? maxEpochs : epoch) ? b : a));
      const slowEpochs = slowest.reached || (finished ? maxEpochs : epoch);
      speedUp = { fastest: who, slowest: slowest.label, factor: slowEpochs / first.reached, lowerBound: !slowest.reached };
    }
  }
  const gaps = rows.filter((r) => r.gapValue !== null && r.epochs !== 'diverged');
  if (finished && gaps.length >= 2) {
    const sorted = [...gaps].sort((a, b) => a.gapValue - b.gapValue);
    const best = sorted[0], worst = sorted.at(-1);
    if (worst.gapValue - best.gapValue > 1e-3) {
      sentences.push(`Smallest gap between test and training loss: ${best.label} (${best.gap}); largest: ${worst.label} (${worst.gap}).`);
    }
  }
  for (const run of runs.filter((r) => r.diverged)) sentences.push(`${run.label} diverged: ${run.diverged}`);
  return { rows, sentences, speedUp };
}

function rank(row, limit) {
  return row.reached || limit + 1;
}
