// The GAN page: one state object mirrored in the URL; a Worker trains; each frame the
// worker sends is drawn once (no engine call on the main thread).
import { defaultState, engineSettings, optimizerOf, PRESETS, stateFromSettings, stateFromUrl, urlFromState } from './gan-state.js';
import { renderLayerStack } from './gan-layers.js';
import { FieldView, drawWarpedGrid, probabilityColor } from './gan-field.js';
import { drawLossChart } from './gan-chart.js';
import { PlayClient } from '../worker/play-client.js';
import { downloadText } from '../export/index.js';

/** Builds the GAN page (web/gan.html): its state, its Worker and its views live in this call. */
export function start() {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const embed = params.has('embed');
  if (embed) document.body.classList.add('embed');
  let state = stateFromUrl(location.search);
  const worker = new PlayClient(new URL('./gan-worker.js', import.meta.url), showPlaying);
  const field = new FieldView($('gan-field'));
  let pending = null;   // the newest frame not drawn yet
  let lastFrame = null;
  const page = (window.nnplay = { framesDrawn: 0, lastSteps: 0 });
  page.coverage = () => worker.request('coverage');
  page.state = () => structuredClone(state);
  // The worker has answered the newest Play or Pause and its last frame is drawn (tests).
  page.settled = () => worker.settled && !pending;
  // Plays until exactly n generator steps have been taken (tests and lesson checks).
  page.playUntil = (n) => worker.play(n);

  worker.on('frame', (data) => {
    if (pending === null) requestAnimationFrame(draw);
    pending = data;
  });
  worker.on('target', (data) => {
    field.setReal(data.points);
    if (!data.loaded) return;
    // A loaded model brings its own settings: show them and put them in the URL.
    const n = data.points.length / 2;
    const custom = data.settings.target === 'custom' ? Array.from({ length: n }, (_, i) => [data.points[i], data.points[n + i]]) : [];
    state = stateFromSettings(data.settings, state, custom);
    renderControls();
    syncUrl();
    $('gan-status').textContent = 'Model loaded.';
  });
  const showError = (data) => { $('gan-status').textContent = data.message; };
  worker.on('error', showError).on('fatal', showError);

  function draw() {
    const f = pending;
    pending = null;
    if (!f) return;
    lastFrame = f;
    field.draw(f);
    drawWarpedGrid($('gan-warp'), f, field.real);
    drawLossChart($('gan-loss'), f.history);
    const l = f.last;
    $('gan-steps').textContent = String(l.generatorSteps);
    $('gan-readout').textContent = `D loss ${l.discriminatorLoss.toFixed(3)} · G loss ${l.generatorLoss.toFixed(3)} · ` +
      `D(real) ${l.realScore.toFixed(2)} · D(fake) ${l.fakeScore.toFixed(2)} · D steps ${l.discriminatorSteps}`;
    page.lastSteps = l.generatorSteps;
    page.framesDrawn++;
  }

  // ---- state → controls, URL, worker ----
  function syncUrl() { if (!embed) history.replaceState(null, '', urlFromState(state) || location.pathname); }

  function renderControls() {
    $('gan-target').value = state.target;
    $('gan-seed').value = state.seed;
    $('gan-noise-dims').value = String(state.noiseDims);
    $('gan-noise').value = state.noise;
    $('gan-g-opt').value = state.gOptimizer;
    $('gan-g-lr').value = state.gLr;
    $('gan-d-opt').value = state.dOptimizer;
    $('gan-d-lr').value = state.dLr;
    $('gan-k').value = state.k;
    $('gan-loss-kind').value = state.loss;
    $('gan-speed').value = state.speed;
    $('gan-draw-hint').hidden = state.target !== 'custom';
    renderLayerStack($('gan-g-layers'), state.generator, 'generator', (layers) => rebuild({ generator: layers }));
    renderLayerStack($('gan-d-layers'), state.discriminator, 'discriminator', (layers) => rebuild({ discriminator: layers }));
  }

  function rebuild(change) {
    state = { ...state, ...change };
    renderControls();
    syncUrl();
    worker.send({ type: 'configure', settings: engineSettings(state), custom: state.custom });
  }

  function live(change, message) {
    state = { ...state, ...change };
    syncUrl();
    worker.send({ type: 'live', ...message });
  }

  function showPlaying(on) {
    const b = $('gan-play');
    b.querySelector('.label').textContent = on ? 'Pause' : 'Play';
    b.title = on ? 'Pause training (Space)' : 'Train continuously: k discriminator steps, then one generator step, again and again (Space)';
    b.setAttribute('aria-pressed', String(on));
  }

  // ---- wiring ----
  const onChange = (id, fn) => $(id).addEventListener('change', (e) => fn(e.target.value));
  onChange('gan-target', (v) => rebuild({ target: v }));
  onChange('gan-seed', (v) => rebuild({ seed: Math.max(0, Math.round(Number(v) || 0)) }));
  onChange('gan-noise-dims', (v) => rebuild({ noiseDims: Number(v) }));
  onChange('gan-noise', (v) => rebuild({ noise: v }));
  onChange('gan-g-opt', (v) => rebuild({ gOptimizer: v }));
  onChange('gan-d-opt', (v) => rebuild({ dOptimizer: v }));
  onChange('gan-g-lr', (v) => { const lr = Number(v); if (lr > 0) live({ gLr: lr }, { generatorOptimizer: optimizerOf(state.gOptimizer, lr) }); });
  onChange('gan-d-lr', (v) => { const lr = Number(v); if (lr > 0) live({ dLr: lr }, { discriminatorOptimizer: optimizerOf(state.dOptimizer, lr) }); });
  onChange('gan-k', (v) => { const k = Math.min(100, Math.max(1, Math.round(Number(v) || 1))); live({ k }, { k }); });
  onChange('gan-loss-kind', (v) => live({ loss: v }, { loss: v }));
  onChange('gan-speed', (v) => { const speed = Math.min(5000, Math.max(1, Math.round(Number(v) || 1))); live({ speed }, { speed }); });
  $('gan-play').addEventListener('click', () => worker.toggle());
  $('gan-step-d').addEventListener('click', () => worker.send({ type: 'step', which: 'discriminator' }));
  $('gan-step-g').addEventListener('click', () => worker.send({ type: 'step', which: 'generator' }));
  $('gan-step-both').addEventListener('click', () => worker.send({ type: 'step', which: 'both' }));
  $('gan-reset').addEventListener('click', () => worker.send({ type: 'reset' }));
  for (const key of ['heatmap', 'real', 'samples', 'arrows']) {
    $(`gan-show-${key}`).addEventListener('change', (e) => { field.show[key] = e.target.checked; if (lastFrame) { pending = lastFrame; draw(); } });
  }
  document.querySelectorAll('[data-preset]').forEach((b) => b.addEventListener('click', () => {
    worker.pause();
    state = { ...defaultState(), ...structuredClone(PRESETS[b.dataset.preset]) };
    rebuild({});
  }));
  $('gan-share').addEventListener('click', async () => {
    const link = location.origin + location.pathname + urlFromState(state);
    $('gan-status').textContent = 'Link copied: ' + link;
    try { await navigator.clipboard.writeText(link); } catch { /* the link is shown anyway */ }
  });
  $('gan-save').addEventListener('click', async () => {
    try {
      downloadText('nnplay-gan.json', await worker.request('save'), 'application/json');
    } catch (e) {
      $('gan-status').textContent = `The model was not saved: ${e.message}`;
    }
  });
  $('gan-load').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    worker.pause();
    worker.send({ type: 'load', text: await file.text() });
    e.target.value = '';
  });
  // The Load model label is the visible button: Enter and Space open the file chooser (and
  // Space does not also reach the page's Play/Pause shortcut).
  document.querySelector('label[for="gan-load"]').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.stopPropagation();
    $('gan-load').click();
  });
  // Draw your own target: click or drag on the field (custom target).
  const fieldCanvas = $('gan-field');
  let drawing = false;
  function addPoint(e) {
    const r = fieldCanvas.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * 2 - 1, y = 1 - ((e.clientY - r.top) / r.height) * 2;
    state.custom = [...state.custom, [x, y]].slice(-2000);
  }
  fieldCanvas.addEventListener('pointerdown', (e) => { if (state.target !== 'custom') return; drawing = true; addPoint(e); });
  fieldCanvas.addEventListener('pointermove', (e) => { if (drawing && e.buttons) addPoint(e); });
  window.addEventListener('pointerup', () => {
    if (!drawing) return;
    drawing = false;
    syncUrl();
    worker.send({ type: 'custom', points: state.custom });
  });
  $('gan-clear').addEventListener('click', () => { state.custom = []; rebuild({ target: 'custom' }); });
  document.addEventListener('keydown', (e) => {
    if (e.target.closest('input, select, textarea')) return;   // keys typed into a field stay there
    if (e.key === ' ') { if (!e.target.closest('button')) { e.preventDefault(); worker.toggle(); } }   // on a button, Space presses it
    else if (e.key === 'd') worker.send({ type: 'step', which: 'discriminator' });
    else if (e.key === 'g') worker.send({ type: 'step', which: 'generator' });
    else if (e.key === 'ArrowRight') worker.send({ type: 'step', which: 'both' });
    else if (e.key === 'r') worker.send({ type: 'reset' });
  });
  // The heatmap's legend.
  (function legend() {
    const c = $('gan-legend');
    const ctx = c.getContext('2d');
    for (let i = 0; i < c.width; i++) {
      const [r, g, b] = probabilityColor(i / (c.width - 1));
      ctx.fillStyle = `rgb(${r},${g},${b})`;
      ctx.fillRect(i, 0, 1, c.height);
    }
  })();

  renderControls();
  worker.send({ type: 'init', settings: engineSettings(state), custom: state.custom, speed: state.speed });
  if (params.has('play')) worker.play();
  window.addEventListener('resize', () => { if (lastFrame) { pending = lastFrame; draw(); } });
}
