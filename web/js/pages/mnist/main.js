// The real-data page: loads Fashion-MNIST (with progress), starts the training worker, builds
// the two views (classifier, autoencoder) and connects them. The main thread only draws and
// handles input; the worker trains, measures and answers the pad and the code plane. Everything
// the page holds lives in start()'s scope: entry.js calls it once.
import {
  loadFashionMnist, TrainingPanel, ConfusionView, TestGridView, WeightsView, DrawPad, ProbabilityBars,
  LatentView, MAP_RESOLUTION, PairsView, FrameQueue, paintGrey, PIXELS, ArchitectureEditor, FiltersView, FeatureMapsView, percentText,
} from '../../mnist/index.js';
import { PRESETS, inferShapes, encodeArchitecture, decodeArchitecture, parameterCount } from '../../ground/image-architecture.js';
import { MnistClient } from '../../worker/mnist-client.js';
import { VIEWS, DEFAULT_SETTINGS, CLASS_SHORT } from '../../ground/fashion-mnist-models.js';
import { SERIES } from '../../ground/palette.js';
import { formatNumber } from '../../ground/validate.js';
import { installTooltips } from '../../views/tooltip.js';
import { installShortcuts } from '../../views/keyboard.js';
import { Notices } from '../../views/notices.js';
import { downloadBlob, kerasImageScript, pytorchImageScript } from '../../export/index.js';
import { CnnLesson, showPageLesson } from '../../lessons/index.js';
import { TimelineView } from '../../insight/index.js';

/** Builds the real-data page (web/mnist.html). */
export function start() {
  const $ = (selector) => document.querySelector(selector);
  const notices = new Notices($('#notices'));
  const client = new MnistClient(new URL('../../worker/mnist-worker.js', import.meta.url));
  const queue = new FrameQueue();
  const page = {
    view: 'classifier', shownView: null, ready: false, busy: true, running: false,
    settings: structuredClone(DEFAULT_SETTINGS), framesDrawn: 0, latest: { classifier: null, autoencoder: null },
    prediction: null, decoded: null, data: null, views: null, opening: 0,
    architecture: structuredClone(PRESETS.mlp.layers), epochsQueued: 0, trainedMs: 0, lastRunningAt: null,
  };

  // ---- the classifier's layers named in the address (?arch=cnn | mlp | c8k5_m2_d64…) ----
  const askedArchitecture = new URLSearchParams(location.search).get('arch');
  if (askedArchitecture !== null) {
    try {
      const layers = decodeArchitecture(askedArchitecture);
      const { error } = inferShapes(layers);
      if (error) throw new Error(error.message);
      page.architecture = layers;
    } catch (error) {
      notices.show({ id: 'arch-link', kind: 'warning', text: `This link's architecture "${askedArchitecture}" cannot be built (${error.message}); showing the MLP preset.` });
    }
  }

  // ---- the view named in the address (?view=classifier | autoencoder) ----
  const requested = new URLSearchParams(location.search).get('view');
  if (requested !== null && !VIEWS.includes(requested)) {
    notices.show({ id: 'link', kind: 'warning', text: `This link asks for the view "${requested}", which does not exist; showing the classifier (the views are classifier and autoencoder).` });
  }
  page.view = VIEWS.includes(requested) ? requested : 'classifier';
  showView(page.view);
  // ?lesson=autoencoder (lesson 9): its bar and explanation under the top bar.
  // (?lesson=cnn is the CNN lesson's own panel, below.)
  const query = new URLSearchParams(location.search);
  const lessonProblem = query.get('lesson') === 'cnn' ? null : showPageLesson($('.topbar'), query, ['autoencoder']);
  if (lessonProblem) notices.show({ id: 'lesson', kind: 'warning', text: lessonProblem });

  // ---- tabs ----
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => switchView(tab.dataset.view));
    tab.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(tab);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      const target = tabs[(next + tabs.length) % tabs.length];
      target.focus();
      switchView(target.dataset.view);
    });
  }

  function showView(view) {
    for (const v of VIEWS) {
      document.getElementById(`${v}-view`).hidden = v !== view || !page.data;
      const tab = document.getElementById(`tab-${v}`);
      tab.setAttribute('aria-selected', String(v === view));
      tab.tabIndex = v === view ? 0 : -1;
    }
    page.shownView = view;
  }

  function switchView(view) {
    if (view === page.view) return;
    page.view = view;
    showView(view);
    showInAddress(view);
    if (!page.ready) return;
    setBusy(true, view === 'autoencoder' ? 'Preparing the autoencoder…' : 'Preparing the classifier…');
    openView(view);
  }

  /** ?view=…&arch=… in the address (other parameters, e.g. a single-file build's, stay). */
  function showInAddress(view) {
    const query = new URLSearchParams(location.search);
    query.set('view', view);
    // The default MLP keeps the address short; any other architecture is written out.
    const arch = encodeArchitecture(page.architecture);
    if (arch === 'mlp') query.delete('arch');
    else query.set('arch', arch);
    history.replaceState(null, '', `?${query}`);
  }

  /** Asks the worker for a view; 'opened' answers (several may be on their way). */
  function openView(view) {
    page.opening++;
    client.open(view, page.settings[view], view === 'classifier' ? page.architecture : undefined);
  }

  // ---- toolbar ----
  const playButton = $('#play');
  function setRunning(running) {
    page.running = running;
    playButton.classList.toggle('running', running);
    playButton.querySelector('.label').textContent = running ? 'Pause' : 'Play';
    playButton.dataset.tip = running ? 'Pause training (Space)' : 'Start training (Space)';
  }
  function setBusy(busy, message = '') {
    page.busy = busy;
    for (const id of ['#play', '#step-epoch', '#reset', '#save-model', '#model-file', '#export-keras', '#export-pytorch']) $(id).disabled = busy;
    page.views?.architecture.setDisabled(busy);
    $('label[for="model-file"]').setAttribute('aria-disabled', String(busy));
    if (busy && message) notices.show({ id: 'busy', kind: 'info', text: message });
    else notices.dismiss('busy');
  }
  const actions = {
    togglePlay: () => { if (!page.busy) { if (page.running) client.pause(); else client.play(); setRunning(!page.running); } },
    // Every click counts: the worker queues one more epoch per click, and the button says so.
    stepEpoch: () => { if (!page.busy) { client.stepEpoch(); showQueued(page.epochsQueued + 1); } },
    stepBatch: () => { if (!page.busy) client.stepBatch(); },
    reset: () => { if (!page.busy) { client.reset(); setRunning(false); } },
  };
  function showQueued(n) {
    page.epochsQueued = n;
    const button = $('#step-epoch');
    button.querySelector('.label').textContent = n > 0 ? `Step epoch (${n} to go)` : 'Step epoch';
    button.classList.toggle('running', n > 0);
  }
  playButton.addEventListener('click', actions.togglePlay);
  $('#step-epoch').addEventListener('click', actions.stepEpoch);
  $('#reset').addEventListener('click', actions.reset);
  installShortcuts(actions);

  for (const framework of ['keras', 'pytorch']) {
    $(`#export-${framework}`).addEventListener('click', () => {
      if (page.view !== 'classifier') {
        notices.show({ id: 'export', kind: 'error', title: 'Nothing to export here.', text: 'The Keras and PyTorch export is for the classifier: open the Classifier tab, then export.' });
        return;
      }
      $('#export-code').open = false;
      client.saveModel(framework);
      notices.show({ id: 'export', kind: 'info', text: `Preparing the ${framework === 'keras' ? 'Keras' : 'PyTorch'} script…`, timeout: 4000 });
    });
  }
  $('#export-code').addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && $('#export-code').open) { e.stopPropagation(); $('#export-code').open = false; $('#export-code summary').focus(); }
  });
  $('#save-model').addEventListener('click', () => { client.saveModel(); notices.show({ id: 'save', kind: 'info', text: 'Preparing the model file…', timeout: 4000 }); });
  const modelButton = $('label[for="model-file"]');
  modelButton.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('#model-file').click(); }
  });
  $('#model-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    if (!file || page.busy) return;
    setBusy(true, `Loading ${file.name}…`);
    client.loadModel(await file.text(), file.name);
  });

  // ---- worker events ----
  client
    .on('engine', (m) => { $('#engine-info').textContent = `Engine ${m.version}, SIMD: ${m.simd || 'none'}.`; })
    .on('opened', (m) => opened(m))
    .on('frame', (frame) => requestAnimationFrame(() => { render(frame); client.ack(); }))
    .on('prediction', (m) => predicted(m))
    .on('decoded', (m) => decoded(m))
    .on('decodedGrid', (m) => page.views?.autoencoder.latent.setMap(m.images, m.bounds, m.resolution))
    .on('model', (m) => (m.purpose === 'keras' || m.purpose === 'pytorch' ? exportScript(m) : download(m.text, `nnplay-fashion-mnist-${m.view}.json`)))
    .on('diverged', (m) => {
      setRunning(false);
      notices.show({ id: 'diverged', kind: 'error', title: 'Training diverged.', text: m.message, actions: [{ label: 'Reset', tip: 'New starting weights', onClick: actions.reset }] });
    })
    .on('error', (m) => {
      if (m.request === 'open') page.opening = Math.max(0, page.opening - 1);
      if (m.request === 'loadModel' || (m.request === 'open' && page.opening === 0)) setBusy(false);
      if (m.request === 'play') setRunning(false);
      if (m.request === 'architecture') { setBusy(false); page.views?.architecture.refused(m.message); return; }
      notices.show({ id: `error-${m.request}`, kind: 'error', title: m.request === 'loadModel' ? 'The model could not be loaded.' : 'Something went wrong.', text: m.message });
    })
    .on('fatal', (m) => { setBusy(true); notices.show({ id: 'fatal', kind: 'error', title: 'The page cannot train.', text: m.message }); });

  function predicted(m) {
    if (!m.probabilities) return;
    page.prediction = Array.from(m.probabilities);
    page.views?.bars.show(m.probabilities, page.announce);
    if (page.announce && page.tapHint) {
      $('#pad-status').textContent += ' You added a dot where you tapped: drag your finger to draw lines.';
      page.tapHint = false;
    }
    page.announce = false;
    if (m.maps) {
      page.featureMaps = m.maps.map((x) => ({ layer: x.layer, kind: x.kind, shape: x.shape }));
      queue.later('maps', () => page.views?.maps.update(m.maps, page.padSource ?? 'the drawing on the pad'));
    }
  }

  /** Shows the classifier's layers: the list, the address, the filter or weight view. */
  function showArchitecture(layers, count) {
    page.architecture = structuredClone(layers);
    const v = page.views;
    v.architecture.setApplied(layers);
    const cnn = layers.some((l) => l.kind === 'conv');
    $('#filters-panel').hidden = !cnn;
    $('#weights-panel').hidden = cnn;
    if (!cnn) { page.featureMaps = null; v.maps.clear('Feature maps appear here for networks with conv layers (try the small CNN preset).'); }
    v.filters.update(null);
    $('#c-network-line').textContent = `${layers.length} layers → 10 softmax, ${(count ?? parameterCount(layers)).toLocaleString('en')} weights and biases; cross-entropy loss, Adam.`;
    if (page.view === 'classifier') showInAddress('classifier');
  }

  function opened(m) {
    page.ready = true;
    if (m.rebuilt || m.loaded) { page.trainedMs = 0; page.lastRunningAt = null; }
    if (m.architecture) showArchitecture(m.architecture, m.parameterCount);
    if (m.rebuilt) notices.show({ id: 'arch', kind: 'info', text: 'Built the new network; training starts from new weights.', timeout: 5000 });
    page.settings[m.view] = m.settings;
    page.views[m.view].panel.setSettings(m.settings);
    if (!m.loaded) page.opening = Math.max(0, page.opening - 1);
    if (m.loaded && m.view !== page.view) {
      // A loaded model file chose the view.
      page.view = m.view;
      showInAddress(m.view);
    }
    if (page.opening > 0 || m.view !== page.view) return;  // the learner has already asked for another view
    showView(m.view);
    setRunning(false);
    setBusy(false);
    $('#loading').hidden = true;
    if (m.loaded && m.view === 'classifier') page.views.classifier.weights.forgetStart();
    if (m.loaded) notices.show({ id: 'loaded', kind: 'info', text: `Loaded ${m.loaded} (${m.view}).`, timeout: 6000 });
    if (m.view === 'classifier') page.views.pad.changed(false);  // classify the drawing with this network
  }

  function render(frame) {
    page.framesDrawn++;
    page.workerRunning = frame.running;
    if (frame.view !== page.shownView || !page.views) return;
    const v = page.views[frame.view];
    if (frame.running !== page.running && !page.busy) setRunning(frame.running);
    if (frame.epochsQueued !== page.epochsQueued) showQueued(frame.epochsQueued);
    // Training time of this network (for the lesson's table): the time between running frames.
    const now = performance.now();
    if (page.lastRunningAt !== null) page.trainedMs += now - page.lastRunningAt;
    page.lastRunningAt = frame.running ? now : null;
    if (frame.step === 0) page.trainedMs = 0;
    $('#epoch').textContent = String(frame.epoch);
    $('#batch-progress').textContent = `batch ${frame.batch} of ${frame.batchesPerEpoch}`;
    v.panel.addRecords(frame.records, frame.replaceRecords);
    const e = frame.evaluation;
    if (e) page.latest[frame.view] = e;
    v.panel.update(frame);
    if (frame.view === 'classifier') { page.timeline = frame.timeline; page.views.timeline.accept(frame); }
    if (!e) return;
    // The views that change with a measurement are drawn in the frames that follow, one each.
    if (frame.view === 'classifier') {
      if (e.weights) v.weights.noteStart(e.weights, e.step);
      queue.later('confusion', () => v.confusion.update(e.confusion));
      queue.later('grid', () => v.grid.update(e.predicted, e.confidence));
      if (e.weights) queue.later('weights', () => v.weights.update(e.weights, e.units));
      if (e.filters) queue.later('filters', () => page.views.filters.update(e.filters));
      if (!page.views.pad.isEmpty()) page.views.pad.changed(false);
      if (frame.timeline?.viewing === null) page.views.lesson?.record(page.architecture, e.epoch, e.testAccuracy, page.trainedMs / 1000);
    } else {
      queue.later('latent', () => v.latent.setCodes(e.codes ?? null));
      queue.later('pairs', () => v.pairs.update(e.pairs, e.reconstructions));
      if (page.decoded) client.decode(page.decoded.x, page.decoded.y);
    }
  }

  function decoded(m) {
    if (!m.image) return;
    page.decoded = { x: m.x, y: m.y, image: m.image };
    paintGrey($('#decoded'), m.image);
    $('#decoded-caption').textContent = `Decoded from the code (${formatNumber(m.x, 3)}, ${formatNumber(m.y, 3)}).`;
  }

  /** The classifier with its trained weights as a Keras or PyTorch script (m: the worker's model file). */
  function exportScript(m) {
    if (m.view !== 'classifier') {
      notices.show({ id: 'export', kind: 'error', title: 'Nothing to export here.', text: 'The Keras and PyTorch export is for the classifier: open the Classifier tab, then export.' });
      return;
    }
    try {
      const model = JSON.parse(m.text);
      const epochs = Number($('#epoch').textContent) || 0;
      const make = m.purpose === 'keras' ? kerasImageScript : pytorchImageScript;
      const text = make(page.architecture, model, { epochs });
      const name = `nnplay-fashion-mnist-${m.purpose}.py`;
      downloadBlob(name, new Blob([text], { type: 'text/x-python;charset=utf-8' }), 10000);   // up to a few MB
      notices.show({ id: 'export', kind: 'info', text: `Saved ${name} (${(text.length / 1e6).toFixed(1)} MB): it needs the Fashion-MNIST IDX files, see DATA_DIR in the script.`, timeout: 6000 });
    } catch (error) {
      notices.show({ id: 'export', kind: 'error', title: 'The script could not be made.', text: error.message });
    }
  }

  function download(text, name) {
    downloadBlob(name, new Blob([text], { type: 'application/json' }), 10000);   // a model of several MB
    notices.show({ id: 'save', kind: 'info', text: `Saved ${name} (${(text.length / 1e6).toFixed(1)} MB).`, timeout: 5000 });
  }

  // ---- views (built once the images are here) ----
  function buildViews(data) {
    const { classes, test } = data;
    const classifierPanel = new TrainingPanel('c', {
      lossLabel: 'loss (cross-entropy)', second: { id: 'accuracy-chart', label: 'accuracy (%)' },
      onSettings: (s) => { page.settings.classifier = s; client.settings(s); },
    });
    const autoencoderPanel = new TrainingPanel('a', {
      lossLabel: 'loss (MSE)',
      second: { id: 'separation-chart', label: 'separated (%)', series: [{ key: 'separation', label: 'test', colour: SERIES.test, dash: [5, 3] }] },
      onSettings: (s) => { page.settings.autoencoder = s; client.settings(s); },
    });
    classifierPanel.setSettings(page.settings.classifier);
    autoencoderPanel.setSettings(page.settings.autoencoder);
    const bars = new ProbabilityBars($('#probabilities'), $('#pad-status'), classes);
    const maps = new FeatureMapsView($('#feature-maps'), $('#maps-caption'));
    const pad = new DrawPad({
      canvas: $('#pad'), seen: $('#pad-seen'), centre: $('#pad-centre'), brush: $('#pad-brush'),
      onTap: () => {
        page.tapHint = true;  // added to the next answer, which rewrites the status line
        $('#pad-status').textContent = 'Added a dot where you tapped. Drag your finger to draw lines.';
        $('.pad-frame').classList.remove('tapped');
        void $('.pad-frame').offsetWidth;  // restart the flash
        $('.pad-frame').classList.add('tapped');
      },
      onChange: (pixels, settled) => {
        if (pad.isEmpty()) { page.prediction = null; bars.show(null, settled); maps.clear('Draw something or load a test image to see its feature maps.'); return; }
        if (!page.loadingTestImage) page.padSource = null;
        page.loadingTestImage = false;
        page.announce ||= settled;
        if (page.ready && page.view === 'classifier') client.predict(pixels);
      },
    });
    const testImage = (i) => test.images.subarray(i * PIXELS, (i + 1) * PIXELS);
    const openOnPad = (i) => {
      page.loadingTestImage = true;
      page.padSource = `test image ${i + 1} (a ${classes[test.labels[i]]})`;
      pad.load(testImage(i));
      $('#pad-status').textContent = `Test image ${i + 1} (a ${classes[test.labels[i]]}) is on the pad.`;
      page.announce = true;
      $('.pad-panel').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    };
    $('#pad-clear').addEventListener('click', () => pad.clear());
    $('#pad-sample').addEventListener('click', () => openOnPad(Math.floor(Math.random() * test.count)));
    const grid = new TestGridView({
      root: $('#test-grid'), filter: $('#test-filter'), more: $('#test-more'), count: $('#test-count'),
      images: test.images, labels: test.labels, classes, open: openOnPad,
    });
    const confusion = new ConfusionView($('#confusion'), $('#confusion-detail'), { classes, select: (t, p, text) => grid.showCell(t, p, text) });
    const weights = new WeightsView($('#weights'), $('#weights-detail'), $('#weights-mode'));
    const filters = new FiltersView($('#filters'));
    const architecture = new ArchitectureEditor({
      root: $('#arch-list'), preset: $('#arch-preset'), addKind: $('#arch-add-kind'), add: $('#arch-add'), build: $('#arch-build'), message: $('#arch-message'),
      onBuild: (layers) => {
        if (page.busy) return;
        setRunning(false);
        setBusy(true, 'Building the network…');
        client.architecture(layers);
      },
    });
    architecture.setApplied(page.architecture);
    // The rewind scrubber (insight/timeline-view.js), fed by the classifier's frames.
    const timeline = new TimelineView($('#timeline'), { command: (name, data) => { if (!page.busy) client.timeline(name, data); } }, {
      describe: (frame) => (frame.evaluation ? `test accuracy ${percentText(frame.evaluation.testAccuracy)}` : 'measuring…'),
    });
    let lesson = null;
    if (new URLSearchParams(location.search).get('lesson') === 'cnn') {
      $('#cnn-lesson').hidden = false;
      lesson = new CnnLesson($('#cnn-lesson'), (name) => {
        $('#arch-preset').value = name;
        $('#arch-preset').dispatchEvent(new Event('change'));
      });
    }
    const latent = new LatentView({
      canvas: $('#latent'), map: $('#latent-map'), legend: $('#latent-legend'), mapToggle: $('#latent-decoder-map'),
      labels: test.labels, classes, decode: (x, y) => client.decode(x, y), decodeMap: (b) => client.decodeGrid(b, MAP_RESOLUTION),
    });
    const pairs = new PairsView($('#pairs'), { images: test.images, labels: test.labels, classes });
    paintGrey($('#decoded'), new Uint8Array(PIXELS));
    let round = 0;
    client.pairs(pairs.choose(round));
    $('#pairs-more').addEventListener('click', () => client.pairs(pairs.choose(++round)));
    grid.render();
    page.views = {
      pad, bars, architecture, filters, maps, lesson, timeline,
      classifier: { panel: classifierPanel, confusion, grid, weights },
      autoencoder: { panel: autoencoderPanel, latent, pairs },
    };
  }

  // ---- loading ----
  async function load() {
    const progress = $('#load-progress'), status = $('#load-status');
    $('#loading').hidden = false;
    let shown = -1;
    try {
      const onProgress = (f) => {
        const percent = Math.floor(f * 100);
        if (percent === shown) return;
        shown = percent;
        progress.value = f;
        status.textContent = `Downloading Fashion-MNIST: ${percent} % of 9.4 MB`;
      };
      // Served pages: the worker downloads and keeps the images. The single-file build holds
      // them inline in the page, which hands them over.
      const inline = Boolean(globalThis.NNPLAY_INLINE_DATA?.['fashion-mnist']);
      const data = inline ? await loadFashionMnist({ onProgress }) : await client.load(location.href, onProgress);
      page.data = data;
      $('#data-size').textContent = `${data.train.count.toLocaleString('en')} training and ${data.test.count.toLocaleString('en')} test images`;
      status.textContent = 'Preparing the network in the background…';
      progress.removeAttribute('value');  // indeterminate while the worker converts the images
      // Separate tasks, not one: the download's end, the views, the copy to the worker and the
      // first draw each take tens of milliseconds, and together they froze the page for over 200 ms.
      const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
      await nextTask();
      buildViews(data);
      await nextTask();
      if (inline) {
        client.data(data);
        await nextTask();
      }
      showView(page.view);
      openView(page.view);
    } catch (error) {
      status.textContent = 'The images could not be loaded.';
      notices.show({ id: 'load', kind: 'error', title: 'Fashion-MNIST could not be loaded.', text: `${error.message}. Check the connection, then try again.`, actions: [{ label: 'Try again', onClick: load }] });
    }
  }

  installTooltips(document.body);
  setBusy(true);
  load();

  // For course authors and tests: what the page shows, read-only.
  window.nnplayMnist = Object.freeze({
    get view() { return page.view; },
    get ready() { return page.ready && !page.busy; },
    /** Training has stopped in the worker and every view shows its last measurement. */
    get settled() { return page.ready && !page.busy && !page.workerRunning && queue.idle; },
    get running() { return page.running; },
    get framesDrawn() { return page.framesDrawn; },
    get latest() { return page.latest; },
    get prediction() { return page.prediction; },
    get decoded() { return page.decoded; },
    /** The classifier's page layers (image-architecture.js) and the shapes of the last feature maps. */
    get architecture() { return structuredClone(page.architecture); },
    get featureMaps() { return page.featureMaps ?? null; },
    /** The classifier's rewind timeline: { epochs, viewing, canUndo, bytes, budget } (timeline-host.js). */
    get timeline() { return page.timeline ? structuredClone(page.timeline) : null; },
    get epochsQueued() { return page.epochsQueued; },
    get records() { return page.views?.[page.view].panel.records ?? []; },
    get testLabels() { return page.data?.test.labels; },
    get classes() { return page.data?.classes; },
    get shortClasses() { return CLASS_SHORT; },
    /** Where a code (x, y) is drawn on the code plane, in CSS pixels from its top-left corner. */
    codePlanePoint: (x, y) => page.views?.autoencoder.latent.toScreen(x, y),
  });
  document.documentElement.dataset.ready = 'true';
}
