// The lesson bar under the top bar: the Lessons menu (one link per lesson, each a URL of its
// own), the Compare button, and — inside a lesson — where you are, Previous / Next, Leave
// and the button that hides or re-opens the explanation panel below it.
import { LESSONS, lessonNumber } from './lesson-catalog.js';
import { el } from '../views/form.js';

export class LessonBar {
  /**
   * bar: the <nav>; panel: the explanation <section>.
   * actions: { open(lessonId), compare(), leave(), setExplanation(open) }
   * base: the playground's address for the links ('' on the playground itself, 'index.html'
   * on another page); here: the id of a lesson taught on this page, not on the playground.
   */
  constructor(bar, panel, actions, { base = '', here = null } = {}) {
    this.bar = bar;
    this.panel = panel;
    this.actions = actions;
    this.here = here;   // the lesson this page itself teaches (its explanation needs no link out)
    this.menuButton = el('button', { id: 'lessons-button', class: 'lessons-button', 'aria-expanded': 'false', 'aria-controls': 'lessons-menu',
      tip: 'Guided exercises, from the perceptron to batch normalization: each sets everything up and explains what to watch',
      onclick: () => this.toggleMenu() }, 'Lessons', el('span', { class: 'caret', 'aria-hidden': 'true' }, '▾'));
    this.links = LESSONS.map((lesson) => el('a', { href: lesson.id === here ? lesson.href : `${base}?lesson=${lesson.id}`, 'data-lesson': lesson.id, tip: lesson.short,
      onclick: (e) => this.follow(e, () => actions.open(lesson.id)) },
    el('span', { class: 'lesson-number', 'aria-hidden': 'true' }, String(lessonNumber(lesson))),
    el('span', {}, el('span', { class: 'visually-hidden' }, `Lesson ${lessonNumber(lesson)}: `), lesson.title)));
    const compareLink = el('a', { href: `${base}?compare=optimizer`, class: 'menu-extra', tip: 'Run two to four configurations side by side on the current data and seed',
      onclick: (e) => this.follow(e, () => actions.compare()) }, 'Compare mode: your own comparison');
    const playgroundLink = el('a', { href: base || '?', class: 'menu-extra', tip: 'The free playground, without a lesson',
      onclick: (e) => this.follow(e, () => actions.leave()) }, 'Free playground');
    this.menu = el('div', { id: 'lessons-menu', class: 'lessons-menu', hidden: true },
      el('ol', {}, this.links.map((a) => el('li', {}, a))),
      el('ul', { class: 'menu-extras' }, el('li', {}, compareLink), el('li', {}, playgroundLink)));
    this.compareButton = el('button', { id: 'compare-button', tip: 'Compare mode: train two to four variants of the current settings side by side',
      onclick: () => actions.compare() }, 'Compare runs');
    this.where = el('span', { class: 'lesson-where', 'aria-live': 'polite' });
    this.explanationButton = el('button', { id: 'lesson-explanation-button', 'aria-controls': 'lesson-panel', 'aria-expanded': 'true',
      onclick: () => actions.setExplanation(this.panel.hidden) });
    this.previous = el('button', { id: 'lesson-previous', 'aria-label': 'Previous lesson', tip: 'The previous lesson', onclick: () => this.step(-1) },
      el('span', { 'aria-hidden': 'true' }, '‹'), el('span', { class: 'label', 'aria-hidden': 'true' }, 'Previous'));
    this.next = el('button', { id: 'lesson-next', 'aria-label': 'Next lesson', tip: 'The next lesson', onclick: () => this.step(1) },
      el('span', { class: 'label', 'aria-hidden': 'true' }, 'Next'), el('span', { 'aria-hidden': 'true' }, '›'));
    this.leaveButton = el('button', { id: 'lesson-leave', onclick: () => actions.leave() }, 'Leave');
    this.current = el('div', { class: 'lesson-current' }, this.where,
      el('div', { class: 'lesson-buttons' }, this.explanationButton, this.previous, this.next, this.leaveButton));
    bar.append(el('div', { class: 'lesson-menu-wrap' }, this.menuButton, this.menu), this.compareButton, this.current);

    this.menu.addEventListener('keydown', (e) => this.menuKey(e));
    // Tabbing out of the open menu (or clicking elsewhere) closes it.
    bar.querySelector('.lesson-menu-wrap').addEventListener('focusout', (e) => {
      if (!e.relatedTarget?.closest?.('.lesson-menu-wrap')) this.closeMenu(false);
    });
    document.addEventListener('pointerdown', (e) => { if (!this.menu.hidden && !e.target.closest('.lesson-menu-wrap')) this.closeMenu(false); });
    this.lesson = null;
  }

  follow(event, go) {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button > 0) return;  // a new tab: let it
    event.preventDefault();
    this.closeMenu(false);
    go();
  }

  toggleMenu() {
    if (this.menu.hidden) this.openMenu(); else this.closeMenu(true);
  }

  openMenu() {
    this.menu.hidden = false;
    this.menuButton.setAttribute('aria-expanded', 'true');
    (this.links.find((a) => a.getAttribute('aria-current')) ?? this.links[0]).focus();
  }

  closeMenu(focusButton) {
    if (this.menu.hidden) return;
    this.menu.hidden = true;
    this.menuButton.setAttribute('aria-expanded', 'false');
    if (focusButton) this.menuButton.focus();
  }

  menuKey(e) {
    const items = [...this.menu.querySelectorAll('a')];
    const i = items.indexOf(document.activeElement);
    if (e.key === 'Escape') { e.preventDefault(); this.closeMenu(true); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); items[(i + 1) % items.length].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); items[(i - 1 + items.length) % items.length].focus(); }
    else if (e.key === 'Home') { e.preventDefault(); items[0].focus(); }
    else if (e.key === 'End') { e.preventDefault(); items.at(-1).focus(); }
  }

  step(delta) {
    const i = LESSONS.indexOf(this.lesson) + delta;
    if (LESSONS[i]) this.actions.open(LESSONS[i].id);
  }

  /** mode: 'playground' | 'perceptron' | 'compare' | 'link'; lesson or null. */
  render({ mode, lesson, explanationOpen }) {
    this.lesson = lesson;
    for (const a of this.links) {
      if (lesson && a.dataset.lesson === lesson.id) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    this.compareButton.hidden = mode === 'compare';
    this.current.hidden = !lesson && mode !== 'compare';
    const n = lesson ? lessonNumber(lesson) : 0;
    this.where.replaceChildren(...(lesson
      ? [el('span', { class: 'lesson-count' }, `Lesson ${n} of ${LESSONS.length}`), ' ', el('strong', {}, lesson.title)]
      : [el('strong', {}, 'Compare mode'), ' ', el('span', { class: 'lesson-count' }, 'same data and seed, one setting varied')]));
    this.explanationButton.hidden = !lesson;
    this.explanationButton.textContent = explanationOpen ? 'Hide explanation' : 'Show explanation';
    this.explanationButton.setAttribute('aria-expanded', String(explanationOpen));
    this.explanationButton.dataset.tip = explanationOpen ? 'Fold the explanation away (the lesson stays open)' : 'Show the lesson\'s explanation again';
    this.previous.hidden = this.next.hidden = !lesson;
    this.previous.disabled = n <= 1;
    this.next.disabled = n >= LESSONS.length;
    this.leaveButton.textContent = lesson ? 'Leave lesson' : 'Back to the playground';
    this.leaveButton.dataset.tip = lesson
      ? 'Back to the free playground (its settings stay as the lesson left them)'
      : 'Back to the free playground with these settings';
    this.renderPanel(lesson, explanationOpen);
  }

  renderPanel(lesson, open) {
    this.panel.hidden = !lesson || !open;
    if (!lesson || this.panel.dataset.lesson === lesson.id) return;
    this.panel.dataset.lesson = lesson.id;
    const block = (title, text) => el('div', { class: 'lesson-block' }, el('h3', {}, title), el('p', {}, text));
    this.panel.replaceChildren(...[
      el('h2', { id: 'lesson-title', tabindex: '-1' }, `${lessonNumber(lesson)}. ${lesson.title}`),
      el('div', { class: 'lesson-blocks' },
        block('What to do', lesson.todo), block('What to watch', lesson.watch), block('Why it happens', lesson.why)),
      lesson.href && lesson.id !== this.here ? el('p', { class: 'lesson-link' }, el('a', { class: 'button primary', href: lesson.href, id: 'lesson-open-link',
        tip: lesson.open.tip }, lesson.open.text)) : null,
    ].filter(Boolean));
  }
}
