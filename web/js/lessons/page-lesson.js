// A lesson taught on a page other than the playground (lesson 9 on the Fashion-MNIST page,
// opened as mnist.html?…&lesson=autoencoder): the same lesson bar and explanation as lessons
// 1–8, placed under the page's top bar. Its Lessons menu, Previous and Next lead back to the
// playground's lessons; Leave lesson removes the bar and the ?lesson= parameter.
import { el } from '../views/form.js';
import { LessonBar } from './lesson-bar.js';
import { LESSONS, lessonById } from './lesson-catalog.js';

const PLAYGROUND = 'index.html';

/**
 * Shows the lesson named in `query` (a URLSearchParams) after `anchor` when it is one of
 * `pageLessons` (ids taught on this page). Returns a sentence for the page to show when the
 * lesson does not exist or belongs elsewhere, else null.
 */
export function showPageLesson(anchor, query, pageLessons) {
  const id = query.get('lesson');
  if (id === null) return null;
  const lesson = lessonById(id);
  if (!lesson || !pageLessons.includes(id)) {
    return lesson
      ? `The lesson "${lesson.title}" is taught on the playground: open it from the Lessons menu there.`
      : `This link asks for the lesson "${id}", which does not exist. The lessons: ${LESSONS.map((l) => l.id).join(', ')}.`;
  }
  const bar = el('nav', { id: 'lesson-bar', class: 'lesson-bar', 'aria-label': 'Lessons' });
  const panel = el('section', { id: 'lesson-panel', class: 'lesson-panel', 'aria-labelledby': 'lesson-title', hidden: true });
  anchor.after(bar, panel);
  let explanationOpen = true;
  const hrefOf = (other) => (pageLessons.includes(other) ? lessonById(other).href : `${PLAYGROUND}?lesson=${other}`);
  const lessonBar = new LessonBar(bar, panel, {
    open: (other) => { if (other !== id) location.assign(hrefOf(other)); },
    compare: () => location.assign(`${PLAYGROUND}?compare=optimizer`),
    leave: () => {
      query.delete('lesson');
      history.replaceState(null, '', `?${query}`);
      bar.remove();
      panel.remove();
      document.title = document.title.replace(`${lesson.title} — `, '');
    },
    setExplanation: (open) => { explanationOpen = open; render(); },
  }, { base: PLAYGROUND, here: id });
  const render = () => {
    lessonBar.render({ mode: 'link', lesson, explanationOpen });
    lessonBar.compareButton.hidden = true;   // compare mode is the playground's
  };
  render();
  document.title = `${lesson.title} — ${document.title}`;
  return null;
}
