// One tooltip for the whole page: any element with data-tip shows it on hover (after a short
// delay), on keyboard focus, and briefly on touch. Escape hides it. The text is also given
// to assistive technology as the element's description. Where the tip goes: tip-placement.js.
import { placeTip } from './tip-placement.js';

export function installTooltips(root = document.body) {
  const tip = document.createElement('div');
  tip.className = 'tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.append(tip);
  let timer = 0;
  let current = null;

  const targetOf = (node) => (node instanceof Element ? node.closest('[data-tip]') : null);
  const show = (target) => {
    current = target;
    tip.textContent = target.dataset.tip;
    tip.hidden = false;
    place();
  };
  // Beside the control, clear of the control, of what it declares it changes (data-tip-watch:
  // a selector, e.g. Play → the epoch counter) and of an open dialog (the weight editor).
  const place = () => {
    if (!current || tip.hidden) return;
    const watched = current.dataset.tipWatch ? [...document.querySelectorAll(current.dataset.tipWatch)] : [];
    const avoid = [...watched, ...document.querySelectorAll('.popover:not([hidden])')]
      .map((node) => node.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0);
    tip.style.left = tip.style.top = '0px';   // measured unsqueezed by the viewport's right edge
    const t = tip.getBoundingClientRect();
    const p = placeTip({ width: t.width, height: t.height }, current.getBoundingClientRect(), avoid,
      { width: document.documentElement.clientWidth, height: window.innerHeight });
    tip.style.left = `${p.left + window.scrollX}px`;
    tip.style.top = `${p.top + window.scrollY}px`;
  };
  const hide = () => {
    clearTimeout(timer);
    tip.hidden = true;
    current = null;
  };

  root.addEventListener('pointerover', (e) => {
    const target = targetOf(e.target);
    if (target === current) return;
    clearTimeout(timer);
    if (!target) { hide(); return; }
    const touch = e.pointerType === 'touch';
    timer = setTimeout(() => {
      show(target);
      if (touch) timer = setTimeout(hide, 2500);
    }, touch ? 0 : 450);
  });
  root.addEventListener('pointerleave', hide);
  // A click changes what is around the tip (Play becomes Pause, a dialog opens): place it again.
  root.addEventListener('click', () => requestAnimationFrame(place));
  root.addEventListener('focusin', (e) => {
    const target = targetOf(e.target);
    if (target && e.target.matches(':focus-visible')) show(target);
    else hide();
  });
  root.addEventListener('focusout', hide);
  root.addEventListener('keydown', (e) => { if (e.key === 'Escape') hide(); });
  window.addEventListener('scroll', hide, { passive: true });

  // Descriptions for screen readers, kept in step with data-tip.
  const describe = (node) => {
    for (const n of node.querySelectorAll?.('[data-tip]') ?? []) n.setAttribute('aria-description', n.dataset.tip);
  };
  describe(root);
  new MutationObserver((list) => {
    for (const m of list) {
      if (m.type === 'attributes') {
        m.target.setAttribute('aria-description', m.target.dataset.tip ?? '');
        if (m.target === current) { tip.textContent = m.target.dataset.tip ?? ''; place(); }
      }
      else for (const n of m.addedNodes) if (n.nodeType === 1) { if (n.dataset.tip) n.setAttribute('aria-description', n.dataset.tip); describe(n); }
    }
  }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-tip'] });
}
