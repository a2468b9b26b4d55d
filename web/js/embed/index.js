// Embedding in course material: embed mode (?embed&show=…&lock=…), the postMessage API for
// a host page, and the Embed dialog behind the header's Embed button. main.js calls
// installEmbedding() once and forwards worker events to the object it returns.
import { applyEmbedMode } from './embed-mode.js';
import { EmbedDialog } from './embed-dialog.js';
import { HostApi, allowedHostOrigins } from './host-api.js';

export { readEmbedOptions } from './embed-options.js';

/**
 * @param {ReturnType<import('./embed-options.js').readEmbedOptions>} embed
 * @param {{store, update, actions, notices, links}} app  links: the page's LinkFormat
 * @returns {{frame(frame): void, engineReady(info): void, problem(code, message): void, report: object|null}}
 *   report: the host API's count of ignored messages and their reasons (null when not framed)
 */
export function installEmbedding(embed, { store, update, actions, notices, links }) {
  const pageUrl = () => `${location.origin === 'null' ? 'file://' : location.origin}${location.pathname}`;
  const query = () => links.write(store.state);
  if (embed.enabled) applyEmbedMode(embed, { fullUrl: () => `${pageUrl()}?${query()}` });
  if (embed.problems.length) {
    notices.show({ id: 'embed-link', kind: 'warning', title: 'Part of the embed settings could not be used:', items: embed.problems, timeout: 15000 });
  }

  const button = document.querySelector('#embed');
  if (button) {
    let dialog = null;
    button.addEventListener('click', () => {
      dialog ??= new EmbedDialog({ pageUrl, query });
      dialog.open(button);
    });
  }

  // The API listens only when the page is framed by a host.
  const api = window.parent !== window
    ? new HostApi({ host: window.parent, origins: allowedHostOrigins(embed.origins), store, update, actions, links })
    : null;
  return {
    report: api?.report ?? null,
    frame: (frame) => api?.frame(frame),
    engineReady: (info) => api?.engineReady(info),
    problem: (code, message) => api?.problem(code, message),
  };
}
