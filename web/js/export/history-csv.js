// The loss history as CSV: one row per record the charts hold (each completed epoch, and
// points within an epoch when training was stepped or paused there), with a header row that
// names each column's unit. Losses keep 6 significant digits; accuracies are percentages.
// Long runs are thinned by the chart history (history.js) to at most ~600 rows, keeping the
// first and the latest record.

/**
 * @param {{epoch: number, step: number, trainLoss: number|null, testLoss: number|null,
 *          trainAccuracy: number|null, testAccuracy: number|null}[]} records
 * @param {{lossName: string, regression: boolean}} info
 */
export function historyCsv(records, { lossName, regression }) {
  const columns = [
    ['epoch (passes over the training set)', (r) => String(Math.round(r.epoch * 1000) / 1000)],
    ['step (weight updates)', (r) => String(r.step)],
    [`training loss (${lossName})`, (r) => number(r.trainLoss, 6)],
    [`test loss (${lossName})`, (r) => number(r.testLoss, 6)],
  ];
  if (!regression) {
    columns.push(['training accuracy (%)', (r) => percent(r.trainAccuracy)], ['test accuracy (%)', (r) => percent(r.testAccuracy)]);
  }
  const lines = [columns.map(([name]) => quote(name)).join(',')];
  for (const r of records) lines.push(columns.map(([, value]) => value(r)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Empty for a missing value (no test set, regression accuracy, NaN). */
function number(v, digits) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(digits)));
}

function percent(v) {
  return v === null || v === undefined || !Number.isFinite(v) ? '' : (100 * v).toFixed(2);
}

function quote(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
