// nnplay's page: reads the state from the URL, starts the training worker, builds the views
// and connects them. The main thread only renders and handles input; the worker trains.
import { LinkFormat } from '../../ground/url-state.js';
import { Store } from '../../ground/store.js';
import { taskOf } from '../../ground/state.js';
import { OUTPUT_HEADS, DATASETS, GATE_KINDS } from '../../ground/catalog.js';
import { WorkerClient } from '../../worker/worker-client.js';
import { Renderer } from './renderer.js';
import { EngineSync } from './engine-sync.js';
import { Actions } from './actions.js';
import { installShortcuts } from '../../views/keyboard.js';
import { installTooltips } from '../../views/tooltip.js';
import { installToolsMenu } from '../../views/tools-menu.js';
import { Notices } from '../../views/notices.js';
import { PlaybackView } from '../../views/playback.js';
import { SettingsPanel } from '../../views/settings-panel.js';
import { DataPanel } from '../../views/data-panel.js';
import { NetworkPanel } from '../../views/network-panel.js';
import { NetworkDiagram } from '../../views/network-diagram.js';
import { SurfaceView } from '../../views/surface-view.js';
import { ChartView } from '../../views/chart-view.js';
import { Readouts } from '../../views/readouts.js';
import { WeightEditor } from '../../views/weight-editor.js';
import { SERIES } from '../../ground/palette.js';
import { quantisePoints } from '../../ground/points-codec.js';
import { installEmbedding, readEmbedOptions } from '../../embed/index.js';
import { installExport } from '../../export/index.js';
import { PageMode } from '../../lessons/index.js';
import { StopControl } from './stop-control.js';
import { installInsight } from '../../insight/index.js';
import { Recovery } from './recovery.js';

const RESOLUTION = 64;  // grid cells per side evaluated each frame (surface and thumbnails)

/** Keeps a state consistent after any change (e.g. an output head that fits the problem). */
function normalise(draft) {
  const heads = OUTPUT_HEADS[taskOf(draft)];
  if (!heads.some((h) => h.id === draft.network.head)) draft.network.head = 'auto';
  if (draft.data.custom) draft.data.custom = quantisePoints(draft.data.custom);
}

/** Builds the playground page (web/index.html); entry.js calls it once. */
export function start() {
  const $ = (selector) => document.querySelector(selector);
  const notices = new Notices($('#notices'));
  const embed = readEmbedOptions(location.search);   // ?embed&show=…&lock=… (docs/embed.md)
  const links = new LinkFormat();
  const modes = new PageMode(embed.search, links);   // ?lesson=… / ?compare=…: lessons and compare mode (web/js/lessons/)
  const { state: initial, notices: linkProblems } = links.read(embed.search, modes.baseState());
  normalise(initial);
  const store = new Store(initial);
  const update = (mutate, options) => store.update((d) => { mutate(d); normalise(d); }, options);

  const client = new WorkerClient(new URL('../../worker/playground-worker.js', import.meta.url));
  const actions = new Actions({ store, update, client, notices, links });

  // Views.
  // While the step-through is open, a click on the surface picks the training point to follow.
  const surface = new SurfaceView($('#surface'), { click: (x, y, info) => { if (!insight.pick(x, y)) actions.surfaceClick(x, y, info); } });
  const weightEditor = new WeightEditor({ apply: (changes) => actions.applyWeights(changes) });
  const diagram = new NetworkDiagram($('#diagram'), {
    toggleFeature: (id) => actions.toggleFeature(id),
    hover: (selection) => surface.showNeuron(selection),
    editNeuron: (ref, anchor) => actions.editNeuron(ref, anchor),
    editLink: (ref, anchor) => actions.editLink(ref, anchor),
  });
  const playback = new PlaybackView($('#toolbar'), {
    play: () => actions.play(), pause: () => actions.pause(),
    stepEpoch: () => actions.stepEpoch(), stepBatch: () => actions.stepBatch(),
    reset: () => actions.reset(), speed: (v) => update((d) => { d.view.speed = v; }),
  });
  const series = (prefix) => [
    { key: `train${prefix}`, label: 'training', colour: SERIES.train },
    { key: `test${prefix}`, label: 'test', colour: SERIES.test, dash: [5, 3] },
  ];
  const lossChart = new ChartView($('#loss-chart'), { yLabel: 'loss', series: series('Loss') });
  const accuracyChart = new ChartView($('#accuracy-chart'), { yLabel: 'accuracy (%)', series: series('Accuracy'), percent: true });
  const readouts = new Readouts($('#output-panel'));
  const dataPanel = new DataPanel($('#data-panel'), store, {
    update, selectDataset: (e) => actions.selectDataset(e), regenerate: () => actions.regenerate(),
    clearPoints: () => actions.clearPoints(), importCsv: (text, name) => actions.importCsv(text, name),
    exportCsv: () => actions.exportCsv(),
  });
  new SettingsPanel($('#settings'), store, { update, setProblem: (p) => actions.setProblem(p) });
  new NetworkPanel($('#network-controls'), store, { update });

  const insight = installInsight({
    container: $('#insight'), timelineContainer: $('#timeline'), diagram, surface, client, pause: () => actions.pause(),
    optimizer: () => store.state.optimizer, points: () => renderer.data?.train,
  });
  const stopControl = new StopControl({ store, update, settings: $('#settings'), chart: lossChart, client });
  const renderer = new Renderer({ surface, diagram, readouts, playback, lossChart, accuracyChart }, () => client.ack(), {
    records: (frame) => stopControl.frame(frame),
    restarted: () => notices.dismiss('diverged'),
    drawn: (frame) => insight.frame(frame),
    // What the engine reports (its features, the grid's bounds) is drawn, not what the page
    // last asked for: the two differ for a moment while a change travels to the worker.
    structure: (structure, bounds) => {
      diagram.setStructure(structure, structure.features, bounds, RESOLUTION, store.read((s) => s.network.hidden));
      insight.structure(structure);
      surface.setBounds(bounds);
    },
  });
  actions.attach({ renderer, surface, weightEditor, diagram, dataPanel, playback });
  const sync = new EngineSync({ store, client, notices, resolution: RESOLUTION, onEmptyData: (empty) => {
    readouts.setEmpty(empty);
    if (!empty) return;
    const none = { points: new Float32Array(0), labels: new Float32Array(0) };
    surface.setData({ train: none, test: none });
    surface.render();
  } });
  actions.sync = sync;

  // View-only settings.
  const applyView = (s) => {
    surface.setOptions({ discretize: s.view.discretize, showTest: s.view.showTest });
    surface.render();
    renderer.setLogScale(s.view.logScale);
    playback.setSpeed(s.view.speed);
    $('#discretize').checked = s.view.discretize;
    $('#show-test').checked = s.view.showTest;
    $('#log-scale').checked = s.view.logScale;
  };
  $('#discretize').addEventListener('change', (e) => update((d) => { d.view.discretize = e.target.checked; }));
  $('#show-test').addEventListener('change', (e) => update((d) => { d.view.showTest = e.target.checked; }));
  $('#log-scale').addEventListener('change', (e) => update((d) => { d.view.logScale = e.target.checked; }));
  store.subscribe((s, changed) => { if (changed.has('view')) applyView(s); });
  applyView(store.state);

  // The address bar mirrors the configuration (debounced: a slider drag is one history entry).
  let urlTimer = 0;
  store.subscribe((s) => {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => history.replaceState(null, '', `?${links.write(s)}${embed.suffix}`), 300);
  });

  $('#share').addEventListener('click', () => actions.share());
  $('#share-close').addEventListener('click', () => { $('.share-box').hidden = true; $('#share').focus(); });
  const modelButton = $('label[for="model-file"]');
  modelButton.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('#model-file').click(); }
  });
  $('#save-model').addEventListener('click', () => client.saveModel());
  $('#model-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    if (file) actions.loadModel(await file.text(), file.name);
  });

  const embedding = installEmbedding(embed, { store, update, actions, notices, links });
  const recovery = new Recovery({ enabled: !embed.enabled && modes.mode === 'playground', store, update, client, notices, links, actions });
  installExport({ store, renderer, saveModel: () => client.saveModel() });
  installToolsMenu($('.tools'));
  installTooltips(document.body);
  installShortcuts({
    togglePlay: () => (playback.running ? actions.pause() : actions.play()),
    stepEpoch: () => actions.stepEpoch(), stepBatch: () => actions.stepBatch(), reset: () => actions.reset(),
  });

  client
    .on('ready', (m) => { $('#engine-info').textContent = `engine ${m.version}, SIMD: ${m.simd || 'none'}`; embedding.engineReady(m); })
    .on('frame', (frame) => { renderer.accept(frame); embedding.frame(frame); recovery.frame(frame); })
    .on('configured', (m) => sync.configured(m))
    .on('diverged', (m) => { actions.diverged(m); embedding.problem('diverged', m.message); })
    .on('restored', (m) => actions.restored(m))
    .on('error', (m) => { insight.failed(m); sync.failed(m); })
    .on('gradientCheck', (m) => insight.gradientCheck(m))
    .on('fatal', (m) => { if (!recovery.crashed(m.message)) { actions.fatal(m); embedding.problem('fatal', m.message); } })
    .on('pong', (m) => recovery.pong(m))
    .on('thumbnails', (m) => dataPanel.setThumbnails(m.items))
    .on('model', (m) => { if (!recovery.model(m)) actions.downloadModel(m.text); })
    .on('loaded', (m) => { actions.modelLoaded(m); recovery.loaded(m); });

  sync.start();
  recovery.start();
  modes.start({ store, update, client, notices, actions, urlSuffix: embed.suffix });
  client.thumbnails(DATASETS.map((d) => ({ id: d.id, kind: d.kind, classes: d.classes, points: GATE_KINDS.has(d.kind) ? 4 : 160, noise: d.kind.startsWith('regression') ? 0 : 0.15 })));
  if (linkProblems.length) {
    notices.show({ id: 'link', kind: 'warning', title: 'Part of this link could not be used; defaults were kept for:', items: linkProblems });
  }

  // For course authors and tests: a small scripting surface (the engine's own API is in js/engine.js).
  window.nnplay = Object.freeze({
    get state() { return store.state; },
    update,
    actions,
    get framesDrawn() { return renderer.framesDrawn; },
    get surfaceFrames() { return surface.framesDrawn; },
    get drawTiming() { return { average: renderer.drawMs, max: renderer.maxDrawMs }; },
    get history() { return renderer.history.view(); },
    get structure() { return renderer.structure; },
    get monitor() { return stopControl.report; },
    get data() { return renderer.data; },
    get insight() { return insight.state(); },
    get embedApi() { return embedding.report; },
    get autosave() { return recovery.report; },
  });
  document.documentElement.dataset.ready = 'true';
}
