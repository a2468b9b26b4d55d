// Which stage the page shows — the playground, a lesson, compare mode — and the URL
// parameters that say so: lesson=ID, compare=SETTING&values=…&target=…&epochs=…, and the
// perceptron's gate=…&eta=…. A lesson's link needs nothing else (?lesson=xor-mlp): its
// settings are the starting point and any setting in the link goes on top, so the address
// the page writes (every setting) reopens exactly what is on screen.
//
// Switching stage within the page pushes a history entry (Back returns); the stages' own
// controllers are created the first time they are needed.
import { LESSONS, lessonById } from './lesson-catalog.js';
import { CompareController, defaultComparison, readComparisonParams, comparisonParams } from '../compare/index.js';
import { PerceptronLesson, gateIds } from './perceptron-lesson.js';
import { ETA_RULE } from '../views/perceptron-view.js';
import { LessonBar } from './lesson-bar.js';
import { LinkFormat } from '../ground/url-state.js';
import { readNumber } from '../ground/validate.js';

const KEYS = ['lesson', 'compare', 'values', 'target', 'epochs', 'gate', 'eta'];
const TYPING = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';
const TITLE = 'nnplay — a neural network playground';

export class PageMode {
  /** links: the page's LinkFormat; lessons and compare mode own their parameters in it. */
  constructor(search, links = new LinkFormat()) {
    this.links = links;
    links.register('lessons', { keys: KEYS, write: () => this.params() });
    Object.assign(this, read(search));
    this.explanationOpen = true;
    this.ctx = null;
  }

  /** 'playground' | 'perceptron' | 'compare' | 'link' */
  get mode() {
    const kind = this.lesson?.kind;
    if (kind === 'perceptron' || kind === 'link') return kind;
    return this.comparison ? 'compare' : 'playground';
  }

  /** The state a link starts from before its own settings apply (null: the defaults). */
  baseState() {
    return this.lesson?.state?.() ?? null;
  }

  params() {
    const out = [];
    if (this.lesson) out.push(['lesson', this.lesson.id]);
    if (this.mode === 'compare') out.push(...comparisonParams(this.comparison));
    if (this.mode === 'perceptron') out.push(['gate', this.perceptron.gate], ['eta', String(this.perceptron.learningRate)]);
    return out;
  }

  /** ctx: { store, update, client, notices, actions, urlSuffix } — after the playground's views exist. */
  start(ctx) {
    this.ctx = ctx;
    const $ = (s) => document.querySelector(s);
    this.stages = { compare: $('#compare-stage'), perceptron: $('#perceptron-stage') };
    this.bar = new LessonBar($('#lesson-bar'), $('#lesson-panel'), {
      open: (id) => this.open(id),
      compare: () => this.enterCompare(),
      leave: () => this.leave(),
      setExplanation: (open) => { this.explanationOpen = open; this.render(); },
    });
    window.addEventListener('keydown', (e) => this.key(e), { capture: true });
    window.addEventListener('popstate', () => this.followUrl());
    if (this.problems.length) {
      ctx.notices.show({ id: 'lesson-link', kind: 'warning', title: 'Part of this link could not be used:', items: this.problems });
    }
    this.apply();
  }

  // ---- switching ----

  open(id) {
    const lesson = lessonById(id);
    this.stopStages();
    Object.assign(this, { lesson, comparison: lesson.compare ? copy(lesson.compare) : null, perceptron: lesson.perceptron ? { ...lesson.perceptron } : null });
    this.explanationOpen = true;
    if (lesson.state) {
      const next = lesson.state();
      this.ctx.update((d) => { Object.assign(d, next); });
    }
    this.apply();
    this.pushUrl();
    document.querySelector('#lesson-title')?.focus();
  }

  enterCompare() {
    this.stopStages();
    Object.assign(this, { lesson: null, perceptron: null, comparison: this.comparison ?? defaultComparison() });
    this.apply();
    this.pushUrl();
    this.stages.compare.focus();
  }

  leave() {
    this.stopStages();
    Object.assign(this, { lesson: null, comparison: null, perceptron: null });
    this.apply();
    this.pushUrl();
    document.querySelector('#output-panel')?.focus();
  }

  /** Back / Forward: the stage and the settings of that address. */
  followUrl() {
    this.stopStages();
    const next = read(location.search);
    Object.assign(this, next);
    const { state } = this.links.read(location.search, this.baseState());
    this.ctx.update((d) => { Object.assign(d, state); });
    this.apply();
  }

  stopStages() {
    this.compareController?.deactivate();
    this.perceptronLesson?.deactivate();
  }

  /** Shows the stage of the current mode. */
  apply() {
    const mode = this.mode;
    document.body.dataset.mode = mode;
    if (mode !== 'playground') this.ctx.actions.pause();
    this.stages.compare.hidden = mode !== 'compare';
    this.stages.perceptron.hidden = mode !== 'perceptron';
    if (mode === 'compare') {
      this.compareController ??= new CompareController(this.stages.compare, this.ctx, (c) => { this.comparison = c; this.replaceUrl(); });
      this.compareController.activate(this.comparison);
    }
    if (mode === 'perceptron') {
      this.perceptronLesson ??= new PerceptronLesson(this.stages.perceptron, this.ctx, (p) => { this.perceptron = p; this.replaceUrl(); });
      this.perceptronLesson.activate(this.perceptron);
    }
    document.title = this.lesson ? `${this.lesson.title} — nnplay` : mode === 'compare' ? `Compare mode — nnplay` : TITLE;
    this.render();
  }

  render() {
    this.bar.render({ mode: this.mode, lesson: this.lesson, explanationOpen: this.explanationOpen });
  }

  url() {
    return `?${this.links.write(this.ctx.store.state)}${this.ctx.urlSuffix ?? ''}`;
  }

  pushUrl() {
    if (this.url() !== location.search) history.pushState(null, '', this.url());
  }

  replaceUrl() {
    history.replaceState(null, '', this.url());
  }

  // ---- keyboard: in the lesson stages Space, → and R drive the stage, not the hidden playground ----

  key(e) {
    const mode = this.mode;
    if (mode === 'playground' || e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest(TYPING) || target?.closest('[role="dialog"]')) return;
    const onButton = target?.closest('button, [role="button"], a[href], summary');
    let action = null;
    if (e.key === ' ' && !onButton) action = 'play';
    else if (e.key === 'ArrowRight') action = e.shiftKey ? 'epoch' : 'step';
    else if (e.key === 'r' || e.key === 'R') action = 'reset';
    if (!action) return;
    e.preventDefault();   // the playground's shortcuts (keyboard.js) skip handled keys
    if (mode === 'perceptron') this.perceptronLesson.key(action);
    else if (mode === 'compare') {
      const c = this.compareController;
      if (action === 'play') c.togglePlay();
      else if (action === 'reset') c.reset();
      else c.stepEpoch();
    }
  }
}

/** The stage an address asks for, and what in it could not be used. */
function read(search) {
  const problems = [];
  let params;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { lesson: null, comparison: null, perceptron: null, problems };
  }
  let lesson = null;
  if (params.has('lesson')) {
    lesson = lessonById(params.get('lesson'));
    if (!lesson) problems.push(`"lesson": "${params.get('lesson')}" is not a lesson; the lessons are ${LESSONS.map((l) => l.id).join(', ')}.`);
  }
  let comparison = null;
  if (lesson?.kind === 'compare' || (!lesson && params.has('compare'))) {
    const r = readComparisonParams(params, lesson?.compare ?? null);
    comparison = r.comparison;
    problems.push(...r.problems);
  }
  let perceptron = null;
  if (lesson?.kind === 'perceptron') {
    perceptron = { ...lesson.perceptron };
    if (params.has('gate')) {
      const gate = params.get('gate');
      if (gateIds.includes(gate)) perceptron.gate = gate;
      else problems.push(`"gate" was ignored: "${gate}" is not one of ${gateIds.join(', ')}.`);
    }
    if (params.has('eta')) {
      const r = readNumber(params.get('eta'), ETA_RULE);
      if (r.ok) perceptron.learningRate = r.value;
      else problems.push(`"eta" was ignored: ${r.message}`);
    }
  }
  return { lesson, comparison, perceptron, problems };
}

function copy(c) {
  return { ...c, values: [...c.values] };
}
