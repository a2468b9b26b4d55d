// TensorFlow.js on its WASM backend for the peer benchmarks (peers-cnn.mjs, peers-sequence.mjs),
// loaded from node_modules with a check that nothing is downloaded: the backend must read its
// .wasm from a file, never fetch() it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** { tf, tfl, library (a description for the tables), wasmFile (the .wasm read, from the repository root) } */
export async function loadTfjsWasm() {
  const fetched = [], read = [];
  const realFetch = globalThis.fetch, realRead = fs.readFileSync;
  globalThis.fetch = (...args) => { fetched.push(String(args[0])); return realFetch(...args); };
  fs.readFileSync = (file, ...rest) => { if (String(file).endsWith('.wasm')) read.push(String(file)); return realRead(file, ...rest); };
  let tf, tfl;
  try {
    tf = require('@tensorflow/tfjs-core');
    tfl = require('@tensorflow/tfjs-layers');
    require('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm');
    await tf.ready();
  } finally {
    globalThis.fetch = realFetch;
    fs.readFileSync = realRead;
  }
  if (tf.getBackend() !== 'wasm') throw new Error(`tfjs runs on "${tf.getBackend()}", not wasm`);
  if (fetched.length) throw new Error(`the tfjs wasm backend fetched ${fetched.join(', ')}`);
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return {
    tf, tfl,
    library: `TensorFlow.js ${tf.version_core} layers, wasm backend (SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'on' : 'off'}, threads ${threads ? 'on' : 'off'})`,
    wasmFile: read.map((f) => f.replace(root + '/', '')).join(', '),
  };
}
