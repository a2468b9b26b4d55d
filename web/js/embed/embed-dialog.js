// The Embed dialog: the author picks the parts to show, whether settings are locked and the
// frame size; the dialog writes the <iframe> snippet for the current configuration, copies
// it, and shows a live preview of exactly that address at that size (scaled to fit).
import { el, checkbox, field, setFieldError } from '../views/form.js';
import { readNumber } from '../ground/validate.js';
import { EMBED_PARTS, DEFAULT_SHOW, writeEmbedParams } from './embed-options.js';
import { copyText } from '../export/index.js';

const SIZE_RULE = { name: 'Size', min: 240, max: 4000, integer: true };
const PREVIEW_DELAY_MS = 500;
const PREVIEW_MAX_HEIGHT = 300;   // CSS px of the preview box; the frame is scaled down to fit

export class EmbedDialog {
  /**
   * @param {{pageUrl: () => string, query: () => string}} source
   *   pageUrl: the page address without its query; query: the current configuration (?…)
   */
  constructor(source) {
    this.source = source;
    this.show = new Set(DEFAULT_SHOW);
    this.lock = false;
    this.size = { width: 720, height: 460, stretch: false };
    this.previewTimer = 0;
    this.build();
  }

  build() {
    const parts = EMBED_PARTS.map((p) => checkbox({
      id: `embed-part-${p.id}`, label: p.label, tip: `Show ${p.tip.toLowerCase()}`, checked: this.show.has(p.id),
      onChange: (on) => { if (on) this.show.add(p.id); else this.show.delete(p.id); this.refresh(); },
    }));
    const lock = checkbox({
      id: 'embed-lock', label: 'Lock the configuration', checked: false,
      tip: 'Learners can train, step and reset, but the settings, data, network and points are shown read-only',
      onChange: (on) => { this.lock = on; this.refresh(); },
    });
    const sizeInput = (key, label, tip) => {
      const input = el('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off' });
      input.value = String(this.size[key]);
      input.addEventListener('input', () => {
        const r = readNumber(input.value, { ...SIZE_RULE, name: label });
        setFieldError(input, r.ok ? '' : r.message);
        if (r.ok) { this.size[key] = r.value; this.refresh(); }
      });
      return field({ id: `embed-${key}`, label: `${label} (px)`, tip, control: input });
    };
    const stretch = checkbox({
      id: 'embed-stretch', label: 'Full width of the page', checked: false,
      tip: 'width="100%": the frame takes the width of the course page; the height stays as set',
      onChange: (on) => { this.size.stretch = on; this.refresh(); },
    });
    this.base = el('input', { type: 'text', spellcheck: 'false', autocomplete: 'off' });
    this.base.addEventListener('input', () => this.refresh());
    this.fileNote = el('p', { class: 'note', hidden: true },
      'This page was opened from a file, so its address works only on this computer. Put nnplay (or the single-file nnplay.html) on a web server or in your course system, and type its address above.');
    this.code = el('textarea', { class: 'code', readonly: true, rows: 4, spellcheck: 'false',
      tip: 'The HTML to paste into a course page: an iframe showing this configuration' });
    this.status = el('p', { class: 'status', role: 'status' });
    this.previewBox = el('div', { class: 'embed-preview', 'aria-label': 'Preview of the embedded playground' });
    this.previewCaption = el('p', { class: 'embed-preview-caption' });
    const copy = el('button', { class: 'primary', tip: 'Copy the iframe HTML to the clipboard', onclick: () => this.copy() }, 'Copy HTML');
    const copyLink = el('button', { tip: 'Copy only the address of the embedded page', onclick: () => this.copy(true) }, 'Copy address');
    this.openLink = el('a', { class: 'button', target: '_blank', rel: 'noopener', tip: 'Open the embedded page on its own, in a new tab' }, 'Open in a new tab');
    const close = el('button', { tip: 'Close this dialog (Escape)', onclick: () => this.close() }, 'Close');

    this.node = el('dialog', { class: 'nn-dialog', id: 'embed-dialog', role: 'dialog', 'aria-labelledby': 'embed-dialog-title' },
      el('div', { class: 'nn-dialog-body' },
        el('div', { class: 'nn-dialog-head' }, el('h2', { id: 'embed-dialog-title' }, 'Embed this playground'), close),
        el('p', { class: 'hint' }, 'Paste the HTML below into a course page or a learning-management system. The frame opens with the current configuration and shows only the parts you choose.'),
        el('div', { class: 'columns' },
          el('div', {},
            el('fieldset', {}, el('legend', {}, 'Show'), el('div', { class: 'checks' }, parts)),
            el('fieldset', {}, el('legend', {}, 'Settings'), lock),
            el('fieldset', {}, el('legend', {}, 'Frame size'),
              el('div', { class: 'row' },
                sizeInput('width', 'Width', 'Width of the frame in CSS pixels (240 to 4000)'),
                sizeInput('height', 'Height', 'Height of the frame in CSS pixels (240 to 4000)'),
                stretch))),
          el('div', {}, this.previewBox, this.previewCaption)),
        field({ id: 'embed-base', label: 'Address of nnplay', control: this.base,
          tip: 'Where learners will load nnplay from: this page by default; change it if you host your own copy' }),
        this.fileNote,
        field({ id: 'embed-code', label: 'HTML to paste', control: this.code }),
        el('div', { class: 'actions' }, copy, copyLink, this.openLink),
        this.status));
    this.node.addEventListener('close', () => { this.clearPreview(); this.returnFocus?.focus(); });
    this.node.addEventListener('click', (e) => { if (e.target === this.node) this.close(); });   // backdrop
    document.body.append(this.node);
  }

  open(returnFocus) {
    this.returnFocus = returnFocus;
    const page = this.source.pageUrl();
    this.base.value = page;
    this.fileNote.hidden = !page.startsWith('file:');
    this.status.textContent = '';
    this.node.showModal();
    this.refresh();
  }

  close() {
    if (this.node.open) this.node.close();
  }

  /** The address of the embedded page. */
  url() {
    const base = this.base.value.trim().replace(/[?#].*$/, '') || this.source.pageUrl();
    const embed = writeEmbedParams({ show: this.show, lock: this.lock ? new Set(['surface', 'network', 'settings', 'data']) : new Set() });
    return `${base}?${this.source.query()}&${embed}`;
  }

  snippet() {
    const width = this.size.stretch ? '100%' : String(this.size.width);
    const src = this.url().replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    return `<iframe src="${src}" width="${width}" height="${this.size.height}" `
      + 'style="border: 1px solid #d9dde3; border-radius: 8px; max-width: 100%;" '
      + 'title="nnplay: an interactive neural network" loading="lazy"></iframe>';
  }

  refresh() {
    if (!this.node.open) return;
    this.code.value = this.snippet();
    this.openLink.href = this.url();
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => this.preview(), PREVIEW_DELAY_MS);
  }

  /** The embedded page itself, at the chosen size, scaled down to fit the box. */
  preview() {
    if (!this.node.open) return;
    const width = this.size.stretch ? Math.max(240, Math.round(this.previewBox.clientWidth * 1.6)) : this.size.width;
    const height = this.size.height;
    const scale = Math.min(1, (this.previewBox.clientWidth - 2) / width, (PREVIEW_MAX_HEIGHT - 2) / height);
    this.previewBox.style.height = `${Math.ceil(height * scale) + 2}px`;
    let frame = this.previewBox.querySelector('iframe');
    if (!frame) {
      frame = el('iframe', { title: 'Preview of the embedded playground', tabindex: '-1' });
      this.previewBox.append(frame);
    }
    frame.width = String(width);
    frame.height = String(height);
    frame.style.transform = `scale(${scale})`;
    const url = this.url();
    if (frame.dataset.src !== url) { frame.dataset.src = url; frame.src = url; }
    this.previewCaption.textContent = `Preview at ${width} × ${height} px${scale < 1 ? `, shown at ${Math.round(scale * 100)} %` : ''}.`;
  }

  clearPreview() {
    clearTimeout(this.previewTimer);
    this.previewBox.replaceChildren();   // stops the preview's training worker
  }

  async copy(addressOnly = false) {
    const text = addressOnly ? this.url() : this.snippet();
    const copied = await copyText(text);
    if (!copied && !addressOnly) { this.code.focus(); this.code.select(); }
    this.status.textContent = copied
      ? `${addressOnly ? 'Address' : 'HTML'} copied to the clipboard.`
      : 'The clipboard is not available here: the HTML is selected, press Ctrl+C (⌘C) to copy it.';
  }
}
