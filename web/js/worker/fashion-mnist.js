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

// The browser assembles the body and reports progress itself (XMLHttpRequest's progress
// events): reading a clone of the body chunk by chunk in JavaScript to count bytes cost the
// page single tasks of 200-300 ms (the chunks' promises and garbage), and reading the body
// itself through a stream reader makes Chromium sometimes report the finished request as
// aborted (net::ERR_ABORTED; microsoft/playwright issue 42742).
function download(url, size, onProgress) {
  const name = url.pathname.split('/').pop();
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('GET', url);
    request.responseType = 'arraybuffer';
    request.onprogress = (e) => onProgress(Math.min(1, e.loaded / size));
    request.onerror = () => reject(new Error(`${name} could not be loaded (the connection failed)`));
    request.onload = () => {
      if (request.status !== 200) { reject(new Error(`${name} could not be loaded (HTTP ${request.status})`)); return; }
      const bytes = new Uint8Array(request.response);
      if (bytes.length < size) { reject(new Error(`the Fashion-MNIST file is incomplete (${bytes.length} of ${size} bytes)`)); return; }
      onProgress(1);
      resolve(bytes);
    };
    onProgress(0);
    request.send();
  });
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
