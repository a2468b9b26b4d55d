// Loads the Fashion-MNIST subset shipped with the page (built by build-scripts/build-data.mjs
// from Debian's dataset-fashion-mnist; MIT/Expat, © 2017 Zalando SE).
//
// CONTRACT (the single-file build relies on it):
//   loadFashionMnist({ onProgress }) → Promise<{ classes, train: { images, labels, count },
//     test: { images, labels, count }, licence, source }>
// images: Uint8Array of count × 784 pixels (28×28, row-major, 0 = background); labels:
// Uint8Array of class indices. A single-file build may provide the bytes inline as
// globalThis.NNPLAY_INLINE_DATA['fashion-mnist'] = { manifest, bytes: Uint8Array }; otherwise
// data/fashion-mnist.json and data/fashion-mnist.bin are fetched relative to the page, and
// onProgress(fraction) follows the download.
//
// The body is read natively (arrayBuffer) while a clone is read as a stream to count bytes:
// reading the body itself through a stream reader makes Chromium sometimes report the
// finished request as aborted (net::ERR_ABORTED; microsoft/playwright issue 42742).

/**
 * @param {{onProgress?: (fraction: number) => void, base?: string | URL}} [options]
 *   base: where data/ lives (default: the page's address)
 */
export async function loadFashionMnist({ onProgress = () => {}, base = globalThis.location?.href } = {}) {
  const inline = globalThis.NNPLAY_INLINE_DATA?.['fashion-mnist'];
  if (inline) {
    onProgress(1);
    return unpack(inline.manifest, inline.bytes);
  }
  const manifestUrl = new URL('data/fashion-mnist.json', base);
  const manifest = await (await checked(await fetch(manifestUrl), manifestUrl)).json();
  const binUrl = new URL(manifest.file ?? 'fashion-mnist.bin', manifestUrl);
  const bytes = await download(binUrl, expectedSize(manifest), onProgress);
  return unpack(manifest, bytes);
}

/** The bytes the manifest describes: the test labels end the file. */
function expectedSize(manifest) {
  return manifest.test.labelsOffset + manifest.test.count;
}

async function checked(response, url) {
  if (!response.ok) throw new Error(`${url.pathname.split('/').pop()} could not be loaded (HTTP ${response.status})`);
  return response;
}

// Reads the body natively (arrayBuffer) while a clone of it, read chunk by chunk, counts
// the bytes for the progress bar.
async function download(url, size, onProgress) {
  const response = await checked(await fetch(url), url);
  onProgress(0);
  const counter = response.body?.getReader ? response.clone().body.getReader() : null;
  const counting = (async () => {
    if (!counter) return;
    let received = 0;
    let since = performance.now();
    for (;;) {
      const { done, value } = await counter.read();
      if (done) return;
      received += value.length;
      onProgress(Math.min(1, received / size));
      // Chunks already downloaded resolve as microtasks, all inside one task: without a
      // break now and then, reading a fast (local) download froze the page for 250 ms.
      if (performance.now() - since > 30) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        since = performance.now();
      }
    }
  })();
  const [bytes] = await Promise.all([response.arrayBuffer(), counting]);
  if (bytes.byteLength < size) throw new Error(`the Fashion-MNIST file is incomplete (${bytes.byteLength} of ${size} bytes)`);
  onProgress(1);
  return new Uint8Array(bytes);
}

function unpack(manifest, bytes) {
  const part = ({ count, imagesOffset, labelsOffset }) => ({
    images: bytes.subarray(imagesOffset, imagesOffset + count * 784),
    labels: bytes.subarray(labelsOffset, labelsOffset + count),
    count,
  });
  if (bytes.length < expectedSize(manifest)) throw new Error('the Fashion-MNIST data is shorter than its manifest says');
  return {
    classes: manifest.classes.slice(),
    train: part(manifest.train),
    test: part(manifest.test),
    licence: manifest.licence,
    source: manifest.source,
  };
}
