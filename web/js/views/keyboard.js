// Keyboard shortcuts: Space play/pause, → step epoch, Shift+→ step batch, R reset. They are
// ignored while the learner types in a field (or when a button has focus and Space should
// press that button), and with Ctrl/Alt/Meta held (browser shortcuts stay untouched).

const TYPING = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

export function installShortcuts(actions) {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest(TYPING) || target?.closest('[role="dialog"]')) return;
    const onButton = target?.closest('button, [role="button"], a[href], summary');
    if (event.key === ' ' && !onButton) {
      event.preventDefault();
      actions.togglePlay();
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      if (event.shiftKey) actions.stepBatch(); else actions.stepEpoch();
    } else if (event.key === 'r' || event.key === 'R') {
      event.preventDefault();
      actions.reset();
    }
  });
}
