// The engine Session of the real-data page together with its images, and the page's model
// files. The session holds either all training images (10,000 × 784 floats) or just ten:
// networks are built, swapped and saved on the ten (cheap, and the engine never holds two
// copies of the big set at once), then given the full set again, keeping weights, optimizer
// state and epoch count (setData with keepNetwork).
//
// Model files are the engine's saveModel() format WITHOUT the images (saveModel() would
// write all 7.8 million pixel values): they are saved while the session holds ten images,
// and the page that loads one supplies the images itself. The page adds its own section,
// session.fashionMnist = { view, trainImages, records }.

const PIXELS = 784;
const TINY = 10;

export class ModelError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ModelFormatError';
  }
}

export class ImageSession {
  /** train: { images: Uint8Array, labels: Uint8Array, count }. */
  constructor(engine, train) {
    this.trainX = toFloat(train.images);
    this.trainY = train.labels;
    this.session = engine.createSession({ data: { kind: 'circle', points: 20 }, network: { hidden: [] } });
    this.holdsAll = true;
    this.shrink();
  }

  shrink() {
    if (!this.holdsAll) return;
    const tiny = { points: this.trainX.subarray(0, TINY * PIXELS), labels: this.trainY.subarray(0, TINY), dims: PIXELS, classes: 10 };
    this.session.setData(tiny, { keepNetwork: true });
    this.holdsAll = false;
  }

  restoreAll() {
    if (this.holdsAll) return;
    this.session.setData({ points: this.trainX, labels: this.trainY, dims: PIXELS, classes: 10 }, { keepNetwork: true });
    this.holdsAll = true;
  }

  /** Runs change(session) on the ten images, then gives the session all of them again. */
  rebuild(change) {
    this.shrink();
    try {
      return change(this.session);
    } finally {
      this.restoreAll();
    }
  }

  /**
   * The current model as a parsed model file (the current epoch's batch order restarts).
   * Leaves the session on the ten images unless restore is set (a rebuild follows).
   */
  modelFile(page, restore = false) {
    this.shrink();
    let model;
    try {
      model = JSON.parse(this.session.saveModel());
    } finally {
      if (restore) this.restoreAll();
    }
    delete model.session.customData;
    if (model.progress) Object.assign(model.progress, { order: identity(this.trainY.length), cursor: 0 });
    model.session.fashionMnist = { ...page, trainImages: this.trainY.length };
    return model;
  }

  /** Loads a model file (parsed) atomically: a refused file leaves the current model. */
  load(model) {
    // The file's batch order must match the images the session holds while it loads: ten.
    if (model.progress) Object.assign(model.progress, { order: identity(TINY), cursor: 0 });
    this.rebuild((s) => s.loadModel(model));
  }
}

/**
 * A model file's text → { model, view }, or a ModelError that says what is wrong with it.
 * @param {string} name the file's name, for the message
 */
export function readModelFile(text, name) {
  let model;
  try {
    model = JSON.parse(text);
  } catch {
    throw new ModelError(`${name} is not a model file (it is not JSON).`);
  }
  const config = model?.session?.config;
  if (model?.format !== 'nnplay-model' || !config) throw new ModelError(`${name} is not an nnplay model file.`);
  if (model.session.customData || config.data?.source !== 'custom' || !model.session.fashionMnist) {
    throw new ModelError(`${name} was saved by the playground for its own 2-D data; this page loads models saved here, on Fashion-MNIST.`);
  }
  return { model, view: config.data.task === 'autoencoder' ? 'autoencoder' : 'classifier' };
}

/** Pixels 0–255 → floats 0–1. */
export function toFloat(bytes) {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] / 255;
  return out;
}

function identity(n) {
  return Array.from({ length: n }, (_, i) => i);
}
