// The GAN page: one state object mirrored in the URL; a Worker trains; each frame the
// worker sends is drawn once (no engine call on the main thread).
import { defaultState, engineSettings, optimizerOf, PRESETS, stateFromSettings, stateFromUrl, urlFromState } from './gan-state.js';
import { renderLayerStack } from './gan-layers.js';
import { FieldView, drawWarpedGrid, probabilityColor } from './gan-field.js';
import { drawLossChart } from './gan-chart.js';

/** Builds the GAN page (web/gan.html): its state, its Worker and its views live in this call. */
export function start() {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const embed = params.has('embed');
  if (embed) document.body.classList.add('embed');
  let state = stateFromUrl(location.search);
  const worker = new Worker(new URL('./gan-worker.js', import.meta.url), { type: 'module' });
  const field = new FieldView($('gan-field'));
  let pending = null;   // the newest frame not drawn yet
  let lastFrame = null;
  let playing = false;
  const replies = new Map();
  let nextId = 1;
  const page = (window.nnplay = { framesDrawn: 0, lastSteps: 0 });

  function request(type, payload = {}) {
    const id = nextId++;
    return new Promise((resolve, reject) => { replies.set(id, { resolve, reject }); worker.postMessage({ type, id, ...payload }); });
  }
  page.coverage = () => request('coverage');
  page.state = () => structuredClone(state);
  // Plays until exactly n generator steps have been taken (tests and lesson checks).
  page.playUntil = (n) => { setPlaying(true, false); worker.postMessage({ type: 'play', until: n }); };

  worker.onmessage = ({ data }) => {
    if (data.type === 'frame') {
      if (pending === null) requestAnimationFrame(draw);
      pending = data;
    } else if (data.type === 'target') {
      field.setReal(data.points);
      if (data.loaded) {
        // A loaded model brings its own settings: show them and put them in the URL.
        const n = data.points.length / 2;
        const custom = data.settings.target === 'custom' ? Array.from({ length: n }, (_, i) => [data.points[i], data.points[n + i]]) : [];
        state = stateFromSettings(data.settings, state, custom);
        renderControls();
        syncUrl();
        $('gan-status').textContent = 'Model loaded.';
      }
    } else if (data.type === 'reply') {
      replies.get(data.id)?.resolve(data.value);
      replies.delete(data.id);
    } else if (data.type === 'error') {
      $('gan-status').textContent = data.message;
      if (data.id) { replies.get(data.id)?.reject(new Error(data.message)); replies.delete(data.id); }
      setPlaying(false, false);
    }
  };

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
    if (playing && !f.playing) setPlaying(false, false);  // the worker stopped (playUntil, an error)
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
    worker.postMessage({ type: 'configure', settings: engineSettings(state), custom: state.custom });
  }

  function live(change, message) {
    state = { ...state, ...change };
    syncUrl();
    worker.postMessage({ type: 'live', ...message });
  }

  function setPlaying(on, tell = true) {
    playing = on;
    const b = $('gan-play');
    b.querySelector('.label').textContent = on ? 'Pause' : 'Play';
    b.title = on ? 'Pause training (Space)' : 'Train continuously: k discriminator steps, then one generator step, again and again (Space)';
    b.setAttribute('aria-pressed', String(on));
    if (tell) worker.postMessage({ type: on ? 'play' : 'pause' });
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
  $('gan-play').addEventListener('click', () => setPlaying(!playing));
  $('gan-step-d').addEventListener('click', () => worker.postMessage({ type: 'step', which: 'discriminator' }));
  $('gan-step-g').addEventListener('click', () => worker.postMessage({ type: 'step', which: 'generator' }));
  $('gan-step-both').addEventListener('click', () => worker.postMessage({ type: 'step', which: 'both' }));
  $('gan-reset').addEventListener('click', () => worker.postMessage({ type: 'reset' }));
  for (const key of ['heatmap', 'real', 'samples', 'arrows']) {
    $(`gan-show-${key}`).addEventListener('change', (e) => { field.show[key] = e.target.checked; if (lastFrame) { pending = lastFrame; draw(); } });
  }
  document.querySelectorAll('[data-preset]').forEach((b) => b.addEventListener('click', () => {
    setPlaying(false);
    state = { ...defaultState(), ...structuredClone(PRESETS[b.dataset.preset]) };
    rebuild({});
  }));
  $('gan-share').addEventListener('click', async () => {
    const link = location.origin + location.pathname + urlFromState(state);
    $('gan-status').textContent = 'Link copied: ' + link;
    try { await navigator.clipboard.writeText(link); } catch { /* the link is shown anyway */ }
  });
  $('gan-save').addEventListener('click', async () => {
    const text = await request('save');
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    a.download = 'nnplay-gan.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  $('gan-load').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    setPlaying(false);
    worker.postMessage({ type: 'load', text: await file.text() });
    e.target.value = '';
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
    worker.postMessage({ type: 'custom', points: state.custom });
  });
  $('gan-clear').addEventListener('click', () => { state.custom = []; rebuild({ target: 'custom' }); });
  document.addEventListener('keydown', (e) => {
    if (e.target.closest('input, select, textarea')) return;
    if (e.key === ' ') { e.preventDefault(); setPlaying(!playing); }
    else if (e.key === 'd') worker.postMessage({ type: 'step', which: 'discriminator' });
    else if (e.key === 'g') worker.postMessage({ type: 'step', which: 'generator' });
    else if (e.key === 'ArrowRight') worker.postMessage({ type: 'step', which: 'both' });
    else if (e.key === 'r') worker.postMessage({ type: 'reset' });
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
  worker.postMessage({ type: 'init', settings: engineSettings(state), custom: state.custom, speed: state.speed });
  if (params.has('play')) setPlaying(true);
  window.addEventListener('resize', () => { if (lastFrame) { pending = lastFrame; draw(); } });
}
