// The sequence page's compare mode (issue 13): the page's presets (RNN, LSTM, GRU, transformer)
// raced on the page's task, length, seed, learning rate and batch size. A second Worker
// (seq-compare-worker.js) trains them in interleaved slices; here: the choice of models and
// steps, Run / Pause / Stop / Run again, the test accuracy and test loss charts (one line per
// model, in the model's colour and dash), the results table and a one-line summary.
import { el } from '../views/form.js';
import { PlayClient } from '../worker/play-client.js';
import { drawLines } from './seq-charts.js';
import { ARCHITECTURES, COMPARE_DEFAULT, COMPARE_STEPS, TASKS, engineConfig, taskKind } from './seq-state.js';

// One colour (Okabe–Ito, safe for colour-blind eyes) and one dash per architecture, whatever is compared.
export const MODEL_STYLE = {
  simple_rnn: { color: '#D55E00', dash: [] },
  lstm: { color: '#0072B2', dash: [8, 4] },
  gru: { color: '#009E73', dash: [2, 3] },
  transformer: { color: '#CC79A7', dash: [10, 3, 2, 3] },
};
const labelOf = (arch) => ARCHITECTURES.find((a) => a.value === arch)?.label ?? arch;
const pct = (v) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '–');
// Text changed only when it differs: every frame would otherwise dirty the layout.
const setText = (node, text) => { if (node.textContent !== text) node.textContent = text; };
const seconds = (ms) => (ms >= 10000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(1)} s`);

/** The run's setting in words: what every model shares. */
export function settingText(state) {
  const task = TASKS.find((t) => t.value === state.task)?.label ?? state.task;
  const symbols = taskKind(state.task) === 'tokens' ? ` · ${state.symbols} symbols` : '';
  return `${task} · length ${state.length}${symbols} · seed ${state.seed} · learning rate ${state.lr} · batch ${state.batch}`;
}

/**
 * Builds compare mode into `root` (an empty section). hooks: state() → the page's state;
 * alphabetSize(); change(patch) stores compare/compareSteps in the page's state (and URL);
 * beforeRun() pauses the page's own training. Returns { sync(), open(), api } (api: for tests).
 */
export function createCompare(root, hooks) {
  let client = null;        // the compare Worker, started by the first Run (a second engine only when needed)
  let phase = 'idle';       // idle | running | paused | finished | stopped
  let run = null;           // { archs, steps, setting, target, tolerance }: what the figures show
  let latest = null;        // the newest frame
  let pending = false;
  let frames = 0;
  let runs = 0;             // numbers the comparisons: frames of an earlier one are dropped

  // ---- the controls ----
  const title = el('h2', { id: 'seq-compare-title' }, 'Compare architectures');
  const toggle = el('button', { type: 'button', id: 'seq-compare-toggle', 'aria-expanded': 'false', 'aria-controls': 'seq-compare-body',
    tip: 'Show or hide compare mode: RNN, LSTM, GRU and transformer on this task, one seed', onclick: () => setOpen(body.hidden) }, 'Open');
  const setting = el('p', { class: 'seq-hint', id: 'seq-compare-setting' });
  const boxes = ARCHITECTURES.map((a) => {
    const input = el('input', { type: 'checkbox', id: `seq-compare-${a.value}`, value: a.value, onchange: () => choose() });
    const label = el('label', { for: input.id, class: 'seq-compare-model', tip: `Race the page's ${a.label} preset for this task` },
      input, el('i', { class: 'seq-swatch', 'aria-hidden': 'true' }), a.label);
    label.style.setProperty('--run', MODEL_STYLE[a.value].color);
    return { arch: a.value, input, label };
  });
  const stepsInput = el('input', { type: 'number', id: 'seq-compare-steps', min: COMPARE_STEPS.min, max: COMPARE_STEPS.max, step: 10,
    tip: `Training steps (mini-batches) for every model, ${COMPARE_STEPS.min} to ${COMPARE_STEPS.max}`,
    onchange: () => {
      const n = Math.round(Number(stepsInput.value));
      const steps = Number.isFinite(n) ? Math.min(COMPARE_STEPS.max, Math.max(COMPARE_STEPS.min, n)) : hooks.state().compareSteps;
      stepsInput.value = String(steps);
      hooks.change({ compareSteps: steps });
    } });
  const runButton = el('button', { type: 'button', id: 'seq-compare-run', class: 'primary', onclick: () => runOrPause() }, 'Run');
  const stopButton = el('button', { type: 'button', id: 'seq-compare-stop', tip: 'End the comparison here; the lines and the table stay', onclick: () => stop() }, 'Stop');
  const progress = el('output', { id: 'seq-compare-progress', class: 'seq-compare-progress', 'aria-live': 'off' });
  const status = el('p', { id: 'seq-compare-status', class: 'seq-status', role: 'status' });
  const legend = el('ul', { class: 'seq-compare-legend', id: 'seq-compare-legend', 'aria-label': 'Chart key: one line per model' });
  const accuracyCanvas = el('canvas', { id: 'seq-compare-accuracy', class: 'seq-chart', role: 'img', 'aria-label': 'Test accuracy of every model over the training steps' });
  const lossCanvas = el('canvas', { id: 'seq-compare-loss', class: 'seq-chart', role: 'img', 'aria-label': 'Test loss of every model over the training steps' });
  const accuracyFigure = el('figure', { class: 'seq-figure' }, el('figcaption', {}, 'Test accuracy by training step (share of the answers right on the 300 test sequences)'), accuracyCanvas);
  const logBox = el('input', { type: 'checkbox', id: 'seq-compare-log', onchange: () => requestDraw() });
  const lossFigure = el('figure', { class: 'seq-figure' },
    el('figcaption', { class: 'seq-compare-caption' }, el('span', { id: 'seq-compare-loss-caption' }, 'Test loss by training step'),
      el('label', { for: logBox.id, class: 'seq-compare-log', tip: 'Logarithmic loss axis: small losses late in training stay visible, and an early spike no longer flattens the rest' }, logBox, 'Log scale')),
    lossCanvas);
  const tableTitle = el('h3', { id: 'seq-compare-table-title', class: 'seq-compare-table-title', hidden: true }, 'Results');
  const tbody = el('tbody');
  const th = (text, tip) => el('th', { scope: 'col', tip }, text);
  const table = el('table', { id: 'seq-compare-table', class: 'seq-compare-table', 'aria-labelledby': 'seq-compare-table-title' },
    el('thead', {}, el('tr', {},
      th('Model', 'The page\'s preset for this task'),
      th('Test accuracy', 'Share of the test sequences answered right, at the last evaluation'),
      th('Test loss', 'Loss on the test set at the last evaluation'),
      th('Weights', 'Trainable parameters of the model'),
      th('Time', 'Time spent training (evaluations excluded), in seconds; the models share the worker'))),
    tbody);
  const summary = el('p', { id: 'seq-compare-summary', class: 'seq-compare-summary', 'aria-live': 'polite' });
  const body = el('div', { id: 'seq-compare-body', class: 'seq-compare-body', hidden: true },
    el('p', { class: 'seq-compare-intro' }, 'Every model is this page\'s preset for the task, trained from the same seed on the same data and batches, for the same number of steps.'),
    setting,
    el('div', { class: 'seq-compare-setup' },
      el('fieldset', { class: 'seq-compare-models' }, el('legend', { tip: 'Which presets race (at least two)' }, 'Models'), boxes.map((b) => b.label)),
      el('div', { class: 'seq-row seq-compare-steps-row' }, el('label', { for: stepsInput.id, tip: stepsInput.dataset.tip }, 'Steps'), stepsInput)),
    el('div', { class: 'seq-compare-controls', role: 'toolbar', 'aria-label': 'Comparison' }, runButton, stopButton, progress),
    status,
    legend,
    el('div', { class: 'seq-compare-charts' }, accuracyFigure, lossFigure),
    tableTitle,
    el('div', { class: 'seq-compare-table-wrap', hidden: true }, table),
    summary);
  root.append(el('div', { class: 'seq-compare-head' }, title, toggle), body);

  function startWorker() {
    client = new PlayClient(new URL('./seq-compare-worker.js', import.meta.url), showPlaying);
    client.on('frame', (f) => {
      if (!run || f.run !== run.id) return;
      latest = f;
      if (!client.playing && f.done && phase !== 'stopped' && phase !== 'finished') { phase = 'finished'; renderButtons(); }
      requestDraw();
    });
    client.on('setup', (m) => { if (run && m.run === run.id) { run.target = m.target; run.tolerance = m.tolerance; } });
    const showError = (m) => { status.textContent = m.message; };
    client.on('error', showError).on('fatal', showError);
  }

  // ---- state ----
  function chosen() { return boxes.filter((b) => b.input.checked).map((b) => b.arch); }

  function choose() {
    const archs = chosen();
    if (archs.length >= 2) hooks.change({ compare: archs });
    renderButtons();
  }

  function setOpen(open) {
    body.hidden = !open;
    toggle.textContent = open ? 'Close' : 'Open';
    toggle.setAttribute('aria-expanded', String(open));
    if (open && !hooks.state().compare) hooks.change({ compare: [...COMPARE_DEFAULT] });
    if (!open) {
      if (phase === 'running') pause();
      hooks.change({ compare: null });
    }
    sync();
    if (open) requestDraw();
  }

  /** The page's state → the controls (after a URL load, a lesson, a setting changed). */
  function sync() {
    const state = hooks.state();
    const open = Boolean(state.compare);
    if (open === body.hidden) {
      body.hidden = !open;
      toggle.textContent = open ? 'Close' : 'Open';
      toggle.setAttribute('aria-expanded', String(open));
    }
    const archs = state.compare ?? COMPARE_DEFAULT;
    for (const b of boxes) b.input.checked = archs.includes(b.arch);
    stepsInput.value = String(state.compareSteps);
    const now = settingText(state);
    setting.textContent = `Shared setting: ${now}.` +
      (run && run.setting !== now ? ' The figures below are from the setting named above the table: Run again to compare on this one.' : '');
    renderButtons();
  }

  function renderButtons() {
    const label = { idle: 'Run', running: 'Pause', paused: 'Resume', finished: 'Run again', stopped: 'Run again' }[phase];
    runButton.textContent = label;
    runButton.dataset.tip = {
      idle: 'Train every chosen model on this task, side by side',
      running: 'Pause every model',
      paused: 'Go on training every model',
      finished: 'Start a new comparison from step 0 with the settings shown',
      stopped: 'Start a new comparison from step 0 with the settings shown',
    }[phase];
    runButton.setAttribute('aria-pressed', String(phase === 'running'));
    const fresh = phase === 'idle' || phase === 'finished' || phase === 'stopped';
    runButton.disabled = fresh && chosen().length < 2;
    stopButton.disabled = !(phase === 'running' || phase === 'paused');
    if (fresh && chosen().length < 2) status.textContent = 'Choose at least two models to compare.';
    else if (status.textContent === 'Choose at least two models to compare.') status.textContent = '';
  }

  // ---- training ----
  function runOrPause() {
    if (phase === 'running') pause();
    else if (phase === 'paused') { hooks.beforeRun(); client.play(); }
    else start();
  }

  function start() {
    const state = hooks.state();
    const archs = chosen();
    if (archs.length < 2) return;
    hooks.beforeRun();
    const steps = state.compareSteps;
    run = { id: ++runs, archs, steps, evalEvery: Math.max(1, Math.round(steps / 30)), setting: settingText(state), target: 'class', tolerance: 0 };
    latest = null;
    status.textContent = '';
    summary.textContent = '';
    sync();
    if (!client) startWorker();
    const models = archs.map((arch) => ({ arch, config: engineConfig({ ...state, arch, layers: null }, undefined, hooks.alphabetSize()) }));
    client.send({ type: 'setup', run: run.id, models, steps, evalEvery: run.evalEvery });
    renderLegend();
    renderRows();
    tableTitle.hidden = table.parentElement.hidden = false;
    client.play();
  }

  function pause() { client.pause(); }

  function stop() {
    client.pause();
    client.send({ type: 'stop' });
    phase = 'stopped';
    renderButtons();
    requestDraw();
  }

  function showPlaying(on) {
    if (on) phase = 'running';
    else if (phase === 'running') phase = 'paused';   // a frame that says 'done' makes it 'finished'
    renderButtons();
  }

  // ---- drawing ----
  function requestDraw() {
    if (!pending) { pending = true; requestAnimationFrame(draw); }
  }

  function renderLegend() {
    legend.replaceChildren(...run.archs.map((arch) => {
      // The key copies the line: the model's colour and dash.
      const key = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      key.setAttribute('class', 'seq-key');
      key.setAttribute('viewBox', '0 0 32 6');
      key.setAttribute('aria-hidden', 'true');
      const line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
      for (const [k, v] of Object.entries({ x1: 0, y1: 3, x2: 32, y2: 3, stroke: MODEL_STYLE[arch].color, 'stroke-width': 2.5, 'stroke-dasharray': MODEL_STYLE[arch].dash.join(' ') || 'none' })) line.setAttribute(k, String(v));
      key.append(line);
      const item = el('li', { 'data-arch': arch }, key, labelOf(arch));
      item.style.setProperty('--run', MODEL_STYLE[arch].color);
      return item;
    }));
  }

  function renderRows() {
    tbody.replaceChildren(...run.archs.map((arch) => {
      const row = el('tr', { 'data-arch': arch },
        el('th', { scope: 'row' }, el('i', { class: 'seq-swatch', 'aria-hidden': 'true' }), labelOf(arch)),
        ...Array.from({ length: 4 }, () => el('td', {}, '–')));
      row.style.setProperty('--run', MODEL_STYLE[arch].color);
      return row;
    }));
  }

  /** Per model: { arch, label, step, steps[], loss[], accuracy[], final loss/accuracy, parameters, trainMs, error }. */
  function results() {
    if (!run || !latest) return [];
    return latest.models.map((m) => {
      const n = m.evals.length / 3;
      const steps = [], loss = [], accuracy = [];
      for (let i = 0; i < n; i++) { steps.push(m.evals[3 * i]); loss.push(m.evals[3 * i + 1]); accuracy.push(m.evals[3 * i + 2]); }
      return { arch: m.arch, label: labelOf(m.arch), step: m.step, steps, loss, accuracy,
        finalLoss: loss.at(-1), finalAccuracy: accuracy.at(-1), testedAt: steps.at(-1), parameters: m.parameters, trainMs: m.trainMs, error: m.error };
    });
  }

  const hasAccuracy = () => !(run && run.target === 'value' && run.tolerance === 0);

  function draw() {
    pending = false;
    if (body.hidden) return;
    const list = results();
    const steps = run?.steps ?? hooks.state().compareSteps;
    const series = (key, scale) => list.filter((m) => !m.error).map((m) => ({
      xs: m.steps, ys: m[key].map((v) => v * scale), color: MODEL_STYLE[m.arch].color, dash: MODEL_STYLE[m.arch].dash, width: 2, label: '' }));
    const empty = 'Press Run to train every chosen model';
    accuracyFigure.hidden = !hasAccuracy();
    if (hasAccuracy()) {
      drawLines(accuracyCanvas, series('accuracy', 100), { xTitle: 'training steps (mini-batches)', yTitle: 'test accuracy (%)', yLo: 0, yHi: 100, xMax: steps, empty });
    }
    const lossTitle = run?.target === 'value' ? 'test loss (squared error)' : 'test loss (cross-entropy, nats)';
    const log = logBox.checked;
    drawLines(lossCanvas, series('loss', 1), { xTitle: 'training steps (mini-batches)', yTitle: lossTitle, yLo: 0, xMax: steps, log, empty });
    if (!run) return;
    const done = Math.min(...list.filter((m) => !m.error).map((m) => m.step), steps);
    setText(progress, latest ? `step ${Number.isFinite(done) ? done : 0} of ${steps}` : 'building the models…');
    setText(tableTitle, `${phase === 'finished' ? `Results after ${steps} steps` : phase === 'stopped' ? `Results (stopped at step ${done})` : 'So far'}: ${run.setting}`);
    list.forEach((m, i) => {
      const cells = tbody.children[i]?.querySelectorAll('td');
      if (!cells) return;
      const values = m.error ? [m.error, '–', '–', '–']
        : [hasAccuracy() ? pct(m.finalAccuracy) : '–', Number.isFinite(m.finalLoss) ? m.finalLoss.toFixed(4) : '–',
          m.parameters.toLocaleString('en'), seconds(m.trainMs)];
      values.forEach((v, k) => setText(cells[k], v));
    });
    setText(summary, phase === 'finished' ? summarise(list, steps) : '');
    frames++;
  }

  function summarise(list, steps) {
    const ok = list.filter((m) => !m.error);
    if (!hasAccuracy()) {
      const ranked = [...ok].sort((a, b) => a.finalLoss - b.finalLoss);
      return `After ${steps} steps, lowest test loss first: ${ranked.map((m) => `${m.label} ${m.finalLoss.toFixed(4)}`).join(', ')}.`;
    }
    const ranked = [...ok].sort((a, b) => b.finalAccuracy - a.finalAccuracy);
    const best = ranked[0];
    const first95 = (m) => { const i = m.accuracy.findIndex((a) => a >= 0.95); return i < 0 ? null : m.steps[i]; };
    const reached = ranked.map((m) => [m, first95(m)]).filter(([, s]) => s !== null);
    return `After ${steps} steps: ${ranked.map((m) => `${m.label} ${pct(m.finalAccuracy)}`).join(', ')} test accuracy. ` +
      (reached.length ? `First at 95 % (the test set is checked every ${run.evalEvery} steps): ${reached.sort((a, b) => a[1] - b[1]).map(([m, s]) => `${m.label} (step ${s})`).join(', ')}.`
        : `No model reached 95 %; ${best.label} came closest.`);
  }

  window.addEventListener('resize', requestDraw);
  sync();
  requestDraw();

  return {
    sync,
    /** Opens compare mode and brings it into view. */
    open() { if (body.hidden) setOpen(true); root.scrollIntoView({ behavior: 'smooth', block: 'start' }); toggle.focus({ preventScroll: true }); },
    run: () => { if (body.hidden) setOpen(true); start(); },
    api: {
      frames: () => frames,
      state: () => ({ phase, settled: Boolean(client?.settled), open: !body.hidden, run: run && { archs: run.archs, steps: run.steps, setting: run.setting }, models: results() }),
    },
  };
}
