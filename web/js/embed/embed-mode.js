// Embed mode (?embed): the playground inside an iframe of any size. The header chrome goes,
// the parts the author listed in show= stay, laid out by embed.css to fill the frame (the
// surface as large a square as fits, the other parts beside or below it in one scrolling
// column), and the parts listed in lock= become read-only.
import { el } from '../views/form.js';

/** Where each part lives in index.html. */
const PART_SELECTORS = {
  playback: ['#toolbar'],
  surface: ['.surface-options', '.surface-frame', '.surface-key'],
  readouts: ['#readouts', '#loss-name'],
  chart: ['.charts'],
  network: ['#network-panel'],
  settings: ['#settings'],
  data: ['#data-panel'],
};

const CONTROLS = 'input, select, textarea, button, [role="button"]';

/**
 * Rearranges the page for embed mode.
 * @param {{show: Set<string>, lock: Set<string>}} options from readEmbedOptions
 * @param {{fullUrl: () => string}} hooks fullUrl: the same configuration in the full page
 */
export function applyEmbedMode(options, { fullUrl }) {
  const $ = (s) => document.querySelector(s);
  const root = document.documentElement;
  root.classList.add('embed');
  const shown = (id) => options.show.has(id);

  // Two regions: the surface ("main") and everything else ("side"), in reading order.
  const layout = $('main.layout');
  const main = el('div', { class: 'embed-main' });
  const side = el('div', { class: 'embed-side' });
  const output = $('#output-panel');
  main.append(...['.surface-options', '.surface-frame'].map((s) => output.querySelector(s)));
  side.append(output, $('#network-panel'), $('#settings'), $('#data-panel'));
  layout.replaceChildren(main, side);

  for (const [id, selectors] of Object.entries(PART_SELECTORS)) {
    for (const s of selectors) {
      const node = id === 'readouts' && s === '#loss-name' ? $(s)?.closest('p') : $(s);
      if (node) node.classList.toggle('embed-hidden', !shown(id));
    }
  }
  output.classList.toggle('embed-hidden', !shown('readouts') && !shown('chart'));
  main.classList.toggle('embed-hidden', !shown('surface'));
  const sideParts = ['readouts', 'chart', 'network', 'settings', 'data'].filter(shown);
  root.classList.toggle('embed-no-side', sideParts.length === 0);
  root.classList.toggle('embed-no-main', !shown('surface'));
  root.classList.toggle('embed-no-toolbar', !shown('playback'));

  // A way out to the full playground (same configuration, new tab).
  const open = el('a', { class: 'embed-open', target: '_blank', rel: 'noopener', href: fullUrl(),
    tip: 'Open this configuration in the full nnplay playground, in a new tab' }, 'nnplay ↗');
  open.addEventListener('pointerenter', () => { open.href = fullUrl(); });
  open.addEventListener('focus', () => { open.href = fullUrl(); });
  $('.topbar').append(open);

  lockParts(options.lock);
}

/** Makes the locked parts read-only: their controls stay visible but are disabled. */
function lockParts(lock) {
  if (lock.size === 0) return;
  document.documentElement.classList.add('embed-locked');
  const $ = (s) => document.querySelector(s);
  const note = (text) => el('p', { class: 'embed-lock-note', role: 'note' }, el('strong', {}, 'Locked: '), text);
  const roots = [];
  if (lock.has('settings')) roots.push($('#settings'));
  if (lock.has('data')) roots.push($('#data-panel'));
  if (lock.has('network')) roots.push($('#network-controls'));
  for (const r of roots) disableWithin(r);
  if (lock.has('settings')) $('#settings').prepend(note('the author of this page fixed these settings.'));
  if (lock.has('data')) $('#data-panel').prepend(note('the author of this page fixed the data.'));

  // The diagram's nodes stay focusable (hovering or focusing one still shows it large on the
  // surface), but clicks that would toggle an input or edit a weight are stopped.
  if (lock.has('network')) {
    const diagram = $('#diagram');
    const block = (e) => { e.stopPropagation(); e.preventDefault(); };
    diagram.addEventListener('click', block, true);
    const mark = () => {
      for (const n of diagram.querySelectorAll('.node')) {
        if (n.getAttribute('aria-disabled') !== 'true') n.setAttribute('aria-disabled', 'true');
      }
    };
    mark();
    new MutationObserver(mark).observe(diagram, { childList: true, subtree: true });
    $('#network-panel .hint')?.replaceWith(note('the author of this page fixed the network. Hover over or focus a neuron to see it large.'));
    // The diagram's link readout still reads weights, but must not invite a click to edit.
    const info = $('#network-panel .link-info');
    if (info) {
      const reword = () => {
        const text = info.textContent.replace(/; click it to edit\.$/, '.').replace(/ Click to edit\.$/, '');
        if (text !== info.textContent) info.textContent = text;
      };
      reword();
      new MutationObserver(reword).observe(info, { childList: true, characterData: true, subtree: true });
    }
  }
  if (lock.has('surface')) {
    const surface = $('#surface');
    for (const type of ['click', 'contextmenu']) surface.addEventListener(type, (e) => { e.stopPropagation(); e.preventDefault(); }, true);
    surface.classList.add('embed-surface-locked');
  }
}

/** Disables every control under root, now and whenever a view re-renders or re-enables one. */
function disableWithin(root) {
  const apply = () => {
    for (const c of root.querySelectorAll(CONTROLS)) {
      if ('disabled' in c && c.tagName !== 'LABEL') { if (!c.disabled) c.disabled = true; }
      else if (c.getAttribute('aria-disabled') !== 'true') { c.setAttribute('aria-disabled', 'true'); c.setAttribute('tabindex', '-1'); }
    }
  };
  apply();
  new MutationObserver(apply).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  // Labels styled as buttons (file pickers) must not open their input either.
  root.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('label[for], [role="button"], summary')) e.preventDefault();
  }, true);
}

