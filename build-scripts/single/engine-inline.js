// The engine module inside the single-file build: the normal Emscripten loader
// (web/wasm/engine.mjs, same build and flags as the served page) given the WebAssembly bytes
// inline, so it fetches nothing. __BASE64__ is replaced by bundle.mjs: the shared base64
// module in the page, the copy the worker's Blob starts with in a worker.
import createModule from __ENGINE_MJS__;
__BASE64__

let bytes = null;

/** Same signature as the Emscripten factory: options are passed through. */
export default function createInlineModule(options = {}) {
  if (!bytes) {
    const text = atob(wasmBase64);
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  }
  // locateFile keeps the loader from resolving engine.wasm against import.meta.url.
  return createModule({ wasmBinary: bytes, locateFile: (name) => name, ...options });
}
