// The character model's text for the sequence workers: web/data/moby-dick.txt (public domain;
// its '#' header names the source), fetched once, when a character model first needs it. The
// single-file build has no files beside it: its workers start with the text inline
// (self.NNPLAY_INLINE_TEXT, build-scripts/single/workers.js).

/**
 * A function that gives the text (a promise); a failed download is tried again on the next call.
 * Data, not a module: resolved against the worker script's address (both workers sit in js/sequence/).
 */
export function shippedTextLoader() {
  let text = null;
  return () => {
    if (typeof self.NNPLAY_INLINE_TEXT === 'string') return Promise.resolve(self.NNPLAY_INLINE_TEXT);
    text ??= fetch(new URL('../../data/moby-dick.txt', self.location.href)).then((response) => {
      if (!response.ok) throw new Error(`The character model's text could not be loaded (HTTP ${response.status}).`);
      return response.text();
    }).catch((error) => { text = null; throw error; });
    return text;
  };
}
