// Workers inside the single-file build. bundle.mjs replaces each
// `new URL('./x.js', import.meta.url)` in web/js by `__nnplayWorkerUrl(source)`, where source
// is x.js bundled as a classic script. A page opened from file:// cannot start a module
// worker (the module fetch fails for its opaque origin), but it can start a classic worker
// from a Blob URL: the Worker constructor below starts these URLs as classic workers.
// Each worker's Blob begins with the engine's bytes (base64) for engine-inline.js, and the
// character model's text (web/js/sequence/seq-text.js reads it).
import wasmBase64 from 'nnplay:wasm-base64';
import shippedText from 'nnplay:shipped-text';

const urls = new Map();      // source → Blob URL
const bundled = new Set();   // Blob URLs made here
let prelude = null;

export function __nnplayWorkerUrl(source) {
  let url = urls.get(source);
  if (!url) {
    prelude ??= `self.NNPLAY_WASM_BASE64 = ${JSON.stringify(wasmBase64)};\nself.NNPLAY_INLINE_TEXT = ${JSON.stringify(shippedText)};\n`;
    url = URL.createObjectURL(new Blob([prelude, source], { type: 'text/javascript' }));
    urls.set(source, url);
    bundled.add(url);
  }
  return new URL(url);
}

const NativeWorker = globalThis.Worker;
if (NativeWorker) {
  globalThis.Worker = class Worker extends NativeWorker {
    constructor(url, options) {
      super(url, bundled.has(String(url)) ? { ...options, type: 'classic' } : options);
    }
  };
}
