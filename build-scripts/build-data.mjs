// Converts Debian's Fashion-MNIST (dataset-fashion-mnist, MIT/Expat, © 2017 Zalando SE) into the
// compact, class-balanced subset the page loads: web/data/fashion-mnist.bin + .json + licence.
// Deterministic: the first N images of each class, in file order. Skips work when up to date.
//
// fashion-mnist.bin layout (all uint8): train images (trainCount × 784, row-major 28×28),
// train labels (trainCount), test images (testCount × 784), test labels (testCount).
import { readFile, writeFile, mkdir, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SOURCE = '/usr/share/datasets/fashion-mnist';
const COPYRIGHT = '/usr/share/doc/dataset-fashion-mnist/copyright';
const OUT = fileURLToPath(new URL('../web/data/', import.meta.url));
const TRAIN_PER_CLASS = 1000;
const TEST_PER_CLASS = 200;
const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const VERSION = 1;

async function idx(name, magic) {
  const bytes = gunzipSync(await readFile(`${SOURCE}/${name}`));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== magic) throw new Error(`${name}: unexpected IDX magic number ${view.getUint32(0).toString(16)}`);
  const dims = magic & 0xff;
  const shape = Array.from({ length: dims }, (_, i) => view.getUint32(4 + 4 * i));
  return { shape, data: bytes.subarray(4 + 4 * dims) };
}

async function balancedSubset(imagesFile, labelsFile, perClass) {
  const images = await idx(imagesFile, 0x803);
  const labels = await idx(labelsFile, 0x801);
  const [count, rows, cols] = images.shape;
  if (rows !== 28 || cols !== 28 || labels.shape[0] !== count) throw new Error(`${imagesFile}: unexpected shape`);
  const taken = new Array(CLASSES.length).fill(0);
  const outImages = new Uint8Array(perClass * CLASSES.length * 784);
  const outLabels = new Uint8Array(perClass * CLASSES.length);
  let n = 0;
  for (let i = 0; i < count && n < outLabels.length; ++i) {
    const label = labels.data[i];
    if (taken[label] >= perClass) continue;
    taken[label]++;
    outImages.set(images.data.subarray(i * 784, (i + 1) * 784), n * 784);
    outLabels[n++] = label;
  }
  if (n !== outLabels.length) throw new Error(`${imagesFile}: not enough images per class`);
  return { images: outImages, labels: outLabels };
}

const manifestPath = `${OUT}fashion-mnist.json`;
const existing = await readFile(manifestPath, 'utf8').then(JSON.parse).catch(() => null);
const binExists = await stat(`${OUT}fashion-mnist.bin`).catch(() => null);
if (existing?.version === VERSION && binExists) process.exit(0);

const train = await balancedSubset('train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', TRAIN_PER_CLASS);
const test = await balancedSubset('t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz', TEST_PER_CLASS);
await mkdir(OUT, { recursive: true });
await writeFile(`${OUT}fashion-mnist.bin`, Buffer.concat([train.images, train.labels, test.images, test.labels]));
await writeFile(`${OUT}FASHION-MNIST-LICENSE.txt`,
  'Fashion-MNIST subset shipped with nnplay: the first ' + TRAIN_PER_CLASS + ' training and ' + TEST_PER_CLASS +
  ' test images of each class,\nconverted from Debian\'s dataset-fashion-mnist package.\n' +
  'Source: https://github.com/zalandoresearch/fashion-mnist — Copyright 2017 Zalando SE.\n\n' +
  (await readFile(COPYRIGHT, 'utf8')));
await writeFile(manifestPath, JSON.stringify({
  version: VERSION,
  name: 'Fashion-MNIST (subset)',
  source: 'Zalando Research, Fashion-MNIST (Xiao, Rasul & Vollgraf 2017), via Debian dataset-fashion-mnist',
  licence: 'MIT (Expat), © 2017 Zalando SE — see FASHION-MNIST-LICENSE.txt',
  file: 'fashion-mnist.bin',
  width: 28, height: 28, classes: CLASSES,
  train: { count: train.labels.length, imagesOffset: 0, labelsOffset: train.images.length },
  test: {
    count: test.labels.length,
    imagesOffset: train.images.length + train.labels.length,
    labelsOffset: train.images.length + train.labels.length + test.images.length,
  },
}, null, 2) + '\n');
console.log(`web/data: Fashion-MNIST subset written (${train.labels.length} train, ${test.labels.length} test images)`);
