// The sequence page: one state object mirrored in the URL; a Worker trains; each frame the
// worker sends is drawn once (no engine call on the main thread).
import { installTooltips } from '../views/tooltip.js';
import { PlayClient } from '../worker/play-client.js';
import { drawHeatmap, drawLines, drawLogBars } from './seq-charts.js';
import { createCompare } from './seq-compare.js';
import { renderLayerList } from './seq-layers.js';
import { ARCHITECTURES, COMPARE_DEFAULT, TASKS, defaultState, engineConfig, presetLayers, stateFromUrl, taskKind, urlFromState } from './seq-state.js';
import { installModelFiles, stateFromConfig } from './seq-model.js';

/** Builds the sequence page (web/sequence.html): its state, its Worker and its views live in this call. */
export function start() {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const embed = params.has('embed');
  if (embed) document.body.classList.add('embed');
  let state = stateFromUrl(location.search);
  const worker = new PlayClient(new URL('./seq-worker.js', import.meta.url), showPlaying);
  let alphabetSize = 67;   // the shipped text's, until the worker reports it
  let info = null;
  let pending = null;   // the newest frame not drawn yet
  let lastFrame = null;
  let autoplay = params.has('play');   // ?play: start once the first model is built (the comparison, with ?compare)
  let compare = null;   // compare mode (seq-compare.js), made once the controls exist
  const tests = [];      // [step, loss, accuracy] of each test evaluation
  const page = (window.nnplay = { framesDrawn: 0, lastStep: 0 });
  page.state = () => structuredClone(state);
  page.evaluate = () => worker.request('evaluate');
  page.lastFrame = () => lastFrame;
  /** Plays until exactly n training steps have been taken (tests and lessons). */
  page.playUntil = (n) => worker.play(n);

  worker.on('frame', (data) => {
    if (pending === null) requestAnimationFrame(draw);
    pending = data;
  });
  worker.on('info', (data) => {
    info = data.info;
      tests.length = 0;
      $('seq-params').textContent = `${info.parameters.toLocaleString('en')} weights · input ${info.inputShape.join('×')} → output ${info.outputShape.join('×')}`;
      $('seq-status').textContent = '';
      renderLayerSelect();
      if (data.loaded) modelLoaded(data);
      if (autoplay) {
        autoplay = false;
        if (state.compare) compare.run(); else worker.play();
      }
  });
  worker.on('text', (data) => {
    alphabetSize = data.alphabetSize;
    renderControls();
    configure();
  });
  // A loaded model brings its own settings: show them and put them in the URL.
  function modelLoaded(data) {
    state = stateFromConfig(data.config, state, alphabetSize);
    renderControls();
    syncUrl();
    $('seq-status').textContent = `Model loaded: ${data.info.task}, ${data.info.parameters.toLocaleString('en')} weights, trained ${data.steps} steps.`;
  }
  const showError = (data) => { $('seq-status').textContent = data.message; };
  worker.on('error', showError).on('fatal', showError);

  const pct = (v) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '–');

  // A frame is drawn in three phases so the page is laid out once per frame, not once per
  // canvas: first what shows or hides figures, then the canvases (each reads its size), then
  // the text. A size read after a text change forces a layout of the whole page (up to
  // ~150 ms per frame on a busy 2-core machine).
  function draw() {
    const f = pending;
    pending = null;
    if (!f || !info) return;
    lastFrame = f;
    const hasAccuracy = !(info.target === 'value' && info.tolerance === 0);
    const layer = selectedLayer(f.views);
    const recurrent = layer && !layer.attention;
    const gates = recurrent && layer.kind !== 'simple_rnn' ? layer.gates.map((g, i) => [g, i]).filter(([g]) => g !== 'candidate') : [];
    // 1. Figures shown or hidden (only when that changes).
    showFigure($('seq-accuracy').closest('figure'), hasAccuracy);
    showFigure($('seq-signal-figure'), Boolean(f.signal));
    for (const id of ['seq-hidden-figure', 'seq-grad-figure']) showFigure($(id), recurrent);
    showFigure($('seq-gates-figure'), gates.length > 0);
    showFigure($('seq-attention-figure'), Boolean(layer && layer.attention));
    // 2. Canvases.
    const h = f.history;
    const n = h.length / 3;
    const steps = new Float64Array(n), loss = new Float64Array(n), accuracy = new Float64Array(n);
    for (let i = 0; i < n; i++) { steps[i] = h[3 * i]; loss[i] = h[3 * i + 1]; accuracy[i] = h[3 * i + 2]; }
    if (f.test && (tests.length === 0 || tests[tests.length - 1][0] !== f.testStep)) tests.push([f.testStep, f.test.loss, f.test.accuracy]);
    const testSeries = (k, color) => ({ xs: tests.map((t) => t[0]), ys: tests.map((t) => t[k]), color, label: 'test', dash: [4, 3] });
    drawLines($('seq-loss'), [{ xs: steps, ys: loss, color: '#3b6fb6', label: 'training batch', width: 1 }, testSeries(1, '#c2410c')],
      { xTitle: 'training steps', yTitle: info.target === 'value' ? 'loss (squared error)' : 'loss (cross-entropy, nats)', yLo: 0 });
    if (hasAccuracy) {
      drawLines($('seq-accuracy'), [{ xs: steps, ys: accuracy, color: '#3b6fb6', label: 'training batch', width: 1 }, testSeries(2, '#c2410c')],
        { xTitle: 'training steps', yTitle: 'accuracy (share right)', yLo: 0, yHi: 1 });
    }
    if (f.signal) drawSignal(f);
    drawViews(layer, gates);
    // 3. Text.
    const l = f.last;
    $('seq-steps').textContent = String(l.step);
    const t = f.test;
    $('seq-readout').textContent = t
      ? `step ${l.step} · ` + (l.step === 0 ? 'not trained yet' : `batch loss ${l.loss.toFixed(4)}${hasAccuracy ? ` · batch accuracy ${pct(l.accuracy)}` : ''}`) +
        ` · test loss ${t.loss.toFixed(4)}` +
        (hasAccuracy ? ` · test accuracy ${pct(t.accuracy)}` : '') +
        (Number.isFinite(t.relativeMse) ? ` · test MSE ${(100 * t.relativeMse).toFixed(2)} % of the signal's variance` : '') + ` (at step ${f.testStep})`
      : '';
    $('seq-sample-text').textContent = describeSample(f.views);
    page.lastStep = l.step;
    page.framesDrawn++;
  }

  function showFigure(element, on) {
    if (element.hidden === on) element.hidden = !on;
  }

  function drawSignal(f) {
    const T = info.inputShape[0];
    const total = f.forecast.length;
    const seen = total - 40;
    const xs = (count, from) => Array.from({ length: count }, (_, i) => from + i);
    const signal = Array.from(f.signal.slice(0, T + total));
    drawLines($('seq-signal'), [
      { xs: xs(signal.length, 0), ys: signal, color: '#9aa1ab', label: 'signal', width: 2 },
      { xs: xs(seen, T), ys: Array.from(f.forecast.slice(0, seen)), color: '#3b6fb6', label: 'prediction' },
      { xs: xs(total - seen, T + seen), ys: Array.from(f.forecast.slice(seen)), color: '#c2410c', label: 'free-running' },
      { xs: [T + seen - 0.5, T + seen - 0.5], ys: [-1.2, 1.2], color: '#555', label: '', dash: [3, 3], width: 1 },
    ], { xTitle: 'time step', yTitle: 'value', yLo: -1.2, yHi: 1.2 });
  }

  // The sample in words: tokens and characters as text, bits as 0/1.
  function describeSample(v) {
    const kind = taskKind(info.task);
    const show = (arr) => (kind === 'text' ? JSON.stringify(Array.from(arr, (i) => info.alphabet[i] ?? '?').join(''))
      : Array.from(arr, (x) => (Number.isInteger(x) ? x : x.toFixed(2))).join(' '));
    if (kind === 'signal') return `input: the last ${info.inputShape[0]} values; target ${v.target[0].toFixed(3)}, prediction ${v.output[0].toFixed(3)}`;
    if (info.task === 'add_marked') return `target ${v.target[0].toFixed(3)}, prediction ${v.output[0].toFixed(3)}`;
    const K = info.classes;
    const answers = [];
    for (let s = 0; s < v.output.length / K; s++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (v.output[s * K + k] > v.output[s * K + best]) best = k;
      answers.push(best);
    }
    const input = kind === 'text' ? show(v.input) : Array.from(v.input).join(' ');
    return `input ${input} → target ${show(v.target)} · model ${show(answers)}`;
  }

  function selectedLayer(views) {
    const wanted = Number($('seq-view-layer').value);
    return views.layers.find((l) => l.layer === wanted) ?? views.layers[0];
  }

  // The selected layer's views; `gates`: [name, index] of the gates shown (draw() decided).
  function drawViews(layer, gates) {
    if (layer && !layer.attention) {
      const { steps: T, units: H } = layer;
      drawHeatmap($('seq-hidden'), H, T, (u, t) => layer.hidden[t * H + u], { signed: true, lo: -1, hi: 1, xTitle: 'time step', yTitle: 'unit' });
      drawLogBars($('seq-grad'), layer.gradientNorms, { xTitle: 'time step', yTitle: '‖∂L/∂hₜ‖', empty: 'Train a step first' });
      const G = layer.gates.length;
      const root = $('seq-gates');
      if (root.childElementCount !== gates.length || root.dataset.kind !== layer.kind) {
        root.dataset.kind = layer.kind;
        root.replaceChildren(...gates.map(([g]) => {
          const fig = document.createElement('div');
          fig.className = 'seq-gate';
          fig.innerHTML = `<span class="seq-gate-name">${g} gate</span><canvas class="seq-heat" role="img" aria-label="${g} gate: units by steps"></canvas>`;
          return fig;
        }));
      }
      gates.forEach(([, gi], k) => {
        drawHeatmap(root.children[k].querySelector('canvas'), H, T, (u, t) => layer.gateValues[(t * G + gi) * H + u],
          { signed: false, lo: 0, hi: 1, xTitle: 'time step', yTitle: 'unit' });
      });
    }
    if (layer && layer.attention) {
      const T = layer.steps;
      const root = $('seq-attention');
      if (root.childElementCount !== layer.attention.length) {
        root.replaceChildren(...layer.attention.map((_, h) => {
          const fig = document.createElement('div');
          fig.className = 'seq-gate';
          fig.innerHTML = `<span class="seq-gate-name">head ${h + 1}</span><canvas class="seq-heat seq-square" role="img" aria-label="Attention of head ${h + 1}: query steps by key steps"></canvas>`;
          return fig;
        }));
      }
      layer.attention.forEach((a, h) => drawHeatmap(root.children[h].querySelector('canvas'), T, T, (q, k) => a[q * T + k],
        { signed: false, lo: 0, hi: 1, xTitle: 'key step (looked at)', yTitle: 'query step' }));
    }
  }

  function renderLayerSelect() {
    const select = $('seq-view-layer');
    const previous = select.value;
    select.replaceChildren();
    info.layers.forEach((l, i) => {
      if (['simple_rnn', 'lstm', 'gru', 'self_attention', 'transformer_block'].includes(l.kind)) select.append(new Option(`${i + 1}: ${l.kind}`, String(i)));
    });
    if ([...select.options].some((o) => o.value === previous)) select.value = previous;
    select.disabled = select.options.length === 0;
    $('seq-text-figure').hidden = info.task !== 'characters';
  }

  // ---- state → controls, URL, worker ----
  function syncUrl() { if (!embed) history.replaceState(null, '', urlFromState(state) || location.pathname); }

  function renderControls() {
    $('seq-task').value = state.task;
    $('seq-task-doc').textContent = TASKS.find((t) => t.value === state.task)?.doc ?? '';
    $('seq-length').value = String(state.length);
    $('seq-length-value').textContent = String(state.length);
    $('seq-symbols').value = String(state.symbols);
    $('seq-symbols-row').hidden = taskKind(state.task) !== 'tokens';
    $('seq-seed').value = String(state.seed);
    $('seq-lr').value = String(state.lr);
    $('seq-batch').value = String(state.batch);
    $('seq-speed').value = String(state.speed);
    $('seq-sample').value = String(state.sample);
    $('seq-temperature').value = String(state.temperature);
    $('seq-temperature-value').textContent = state.temperature.toFixed(2);
    for (const b of $('seq-archs').children) b.setAttribute('aria-checked', String(b.dataset.arch === state.arch && !state.layers));
    renderLayerList($('seq-layers'), state.layers ?? presetLayers(state, alphabetSize), (layers) => rebuild({ layers }));
    compare?.sync();
  }

  function configure() {
    worker.send({ type: 'configure', config: engineConfig(state, undefined, alphabetSize), speed: state.speed, sample: state.sample });
  }

  function rebuild(change) {
    worker.pause();
    state = { ...state, ...change };
    renderControls();
    syncUrl();
    configure();
  }

  function showPlaying(on) {
    const b = $('seq-play');
    b.querySelector('.label').textContent = on ? 'Pause' : 'Play';
    b.dataset.tip = on ? 'Pause training (Space)' : 'Train continuously, one mini-batch after another (Space)';
    b.setAttribute('aria-pressed', String(on));
  }

  // ---- wiring ----
  for (const t of TASKS) $('seq-task').append(new Option(t.label, t.value));
  for (const a of ARCHITECTURES) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = a.label;
    b.dataset.arch = a.value;
    b.setAttribute('role', 'radio');
    b.dataset.tip = `The ${a.label} preset for this task (replaces the layer list)`;
    b.addEventListener('click', () => rebuild({ arch: a.value, layers: null }));
    $('seq-archs').append(b);
  }
  const onChange = (id, fn) => $(id).addEventListener('change', (e) => fn(e.target.value));
  const clampInt = (v, lo, hi, d) => { const n = Math.round(Number(v)); return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : d; };
  onChange('seq-task', (v) => rebuild({ task: v, layers: null, length: taskKind(v) === 'tokens' ? Math.min(state.length, 12) : state.length }));
  $('seq-length').addEventListener('input', (e) => { $('seq-length-value').textContent = e.target.value; });
  onChange('seq-length', (v) => rebuild({ length: clampInt(v, 4, 60, state.length) }));
  onChange('seq-symbols', (v) => rebuild({ symbols: clampInt(v, 2, 64, state.symbols), layers: null }));
  onChange('seq-seed', (v) => rebuild({ seed: clampInt(v, 0, 2 ** 53 - 1, state.seed) }));
  onChange('seq-batch', (v) => rebuild({ batch: clampInt(v, 1, 512, state.batch) }));
  onChange('seq-lr', (v) => {
    const lr = Number(v);
    if (!(lr > 0 && lr <= 1)) { $('seq-status').textContent = 'The learning rate must be above 0 and at most 1.'; return; }
    state = { ...state, lr };
    syncUrl();
    worker.send({ type: 'live', optimizer: { kind: 'adam', learningRate: lr } });
  });
  onChange('seq-speed', (v) => { state = { ...state, speed: clampInt(v, 1, 5000, state.speed) }; syncUrl(); worker.send({ type: 'live', speed: state.speed }); });
  onChange('seq-sample', (v) => { state = { ...state, sample: clampInt(v, 0, 299, 0) }; $('seq-sample').value = String(state.sample); syncUrl(); worker.send({ type: 'live', sample: state.sample }); });
  onChange('seq-view-layer', () => { if (lastFrame) { pending = lastFrame; draw(); } });
  $('seq-temperature').addEventListener('input', (e) => {
    state = { ...state, temperature: Number(e.target.value) };
    $('seq-temperature-value').textContent = state.temperature.toFixed(2);
    syncUrl();
  });
  async function writeText() {
    try {
      $('seq-generated').textContent = $('seq-prompt').value + await worker.request('sampleText', { prompt: $('seq-prompt').value, count: 300, temperature: state.temperature, seed: state.seed });
    } catch (e) {
      $('seq-generated').textContent = e.message;
    }
  }
  $('seq-generate').addEventListener('click', writeText);
  $('seq-play').addEventListener('click', () => worker.toggle());
  $('seq-step').addEventListener('click', () => worker.send({ type: 'step' }));
  $('seq-reset').addEventListener('click', () => { worker.pause(); tests.length = 0; worker.send({ type: 'reset' }); });
  const LESSONS = {
    forget: { task: 'first_bit', length: 30, arch: 'simple_rnn', lr: 0.01 },
    gates: { task: 'first_bit', length: 30, arch: 'lstm', lr: 0.01 },
    attention: { task: 'reverse', length: 8, symbols: 8, arch: 'transformer', lr: 0.003 },
    race: { task: 'first_bit', length: 30, arch: 'lstm', lr: 0.01, compare: [...COMPARE_DEFAULT], compareSteps: 600 },
  };
  document.querySelectorAll('[data-lesson]').forEach((b) => b.addEventListener('click', () => {
    const lesson = LESSONS[b.dataset.lesson];
    rebuild({ ...defaultState(), compare: state.compare, compareSteps: state.compareSteps, ...lesson, layers: null });
    if (lesson.compare) compare.open(); else $('seq-main').scrollIntoView({ behavior: 'smooth' });
  }));
  $('seq-share').addEventListener('click', async () => {
    const link = location.origin + location.pathname + urlFromState(state);
    $('seq-status').textContent = 'Link copied: ' + link;
    try { await navigator.clipboard.writeText(link); } catch { /* the link is shown anyway */ }
  });
  document.addEventListener('keydown', (e) => {
    if (e.target.closest('input, select, textarea, button')) return;
    if (e.key === ' ') { e.preventDefault(); worker.toggle(); }
    else if (e.key === 'ArrowRight') worker.send({ type: 'step' });
    else if (e.key === 'r') $('seq-reset').click();
    else if (e.key === 'g' && state.task === 'characters') writeText();
  });

  compare = createCompare($('seq-compare'), {
    state: () => state,
    alphabetSize: () => alphabetSize,
    change: (patch) => { state = { ...state, ...patch }; syncUrl(); },
    beforeRun: () => { if (worker.playing) worker.pause(); },   // the two workers would share the cores
  });
  page.compare = compare.api;
  Object.defineProperty(page, 'compareFrames', { get: () => compare.api.frames() });
  $('seq-compare-open').addEventListener('click', () => compare.open());
  if (state.compare) $('seq-compare').scrollIntoView();   // a shared link that opens the comparison

  installModelFiles($, worker);
  installTooltips();
  renderControls();
  worker.send({ type: 'text' });   // the alphabet size, then the first configure
  window.addEventListener('resize', () => { if (lastFrame) { pending = lastFrame; draw(); } });
}
