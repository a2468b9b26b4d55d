// Hand-written types for web/js/engine.js (nnplay's JavaScript API). Guide: docs/api.md.
//
// Views: parameters(), gradients(), evaluateGrid() and evaluatePoints() return Float32Arrays
// that are VIEWS into WebAssembly memory. They are valid until the next call into the engine;
// memory growth detaches them (length 0). Re-fetch after every call; .slice() to keep a copy.

/** Loads the WebAssembly engine. In Node pass `{ wasmBinary }` (the bytes of engine.wasm). */
export function createEngine(options?: EngineOptions): Promise<Engine>;

/** Passed to the Emscripten module factory. */
export interface EngineOptions {
  /** The bytes of engine.wasm (Node cannot fetch a file path). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to find engine.wasm: (file, scriptDirectory) => URL. */
  locateFile?: (path: string, scriptDirectory: string) => string;
  [option: string]: unknown;
}

/** An error reported by the engine; `name` is its kind, `message` the engine's text. */
export class EngineError extends Error {
  constructor(name: EngineErrorName, message: string);
  name: EngineErrorName;
}
export type EngineErrorName = 'InvalidArgument' | 'ModelFormatError' | 'TrainingDiverged' | 'EngineError';

export interface Engine {
  /** nnplay version, e.g. "0.1.0". */
  readonly version: string;
  /** Eigen's SIMD instruction sets in use, e.g. "SSE, SSE2" (WASM SIMD underneath). */
  readonly simd: string;
  /** `new engine.Session(config?)`, the same as `engine.createSession(config)`. */
  readonly Session: new (config?: SessionConfig) => Session;
  createSession(config?: SessionConfig): Session;
  /** Rosenblatt's perceptron on a logic gate, trained one sample at a time (the lessons). */
  createPerceptron(options?: { gate?: 'and' | 'or' | 'xor'; learningRate?: number }): Perceptron;
  /** A GAN on 2-D data (types at the end of this file). */
  createGan(settings?: GanSettings): GanSession;
  ganPreset(name: 'default' | 'collapse'): GanSettings;
  /** A sequence model (RNN, LSTM, GRU, transformer) on a generated task (types at the end). */
  createSequenceSession(config: SequenceSessionConfig): SequenceSession;
  /** heapBytes: size of WebAssembly memory (only grows); allocatedBytes: in use by the engine. */
  memoryUsage(): { heapBytes: number; allocatedBytes: number };
  /** Every setting and layer kind the engine knows (a fresh object). */
  schema(): EngineSchema;
}

// ---- configuration: generated from the engine's schema (engine-config.d.ts) ----

import type { SessionConfig, DataConfig, LayerConfig } from './engine-config';
export * from './engine-config';

export type DatasetKind = NonNullable<DataConfig['kind']>;
export type Feature = NonNullable<DataConfig['features']>[number];
export type ActivationName = NonNullable<import('./engine-config').HiddenLayerConfig['activation']>;
export type LossName = NonNullable<import('./engine-config').NetworkConfig['loss']>;
export type InitializerName = NonNullable<import('./engine-config').NetworkConfig['initializer']>;
export type OptimizerKind = NonNullable<import('./engine-config').OptimizerConfig['kind']>;
export type LayerKind = LayerConfig['kind'];

/** engine.schema(): every setting and layer kind, as data (docs/api-reference.md). */
export interface SchemaField {
  name: string;
  type: 'integer' | 'number' | 'boolean' | 'choice' | 'choiceList';
  label: string;
  doc: string;
  default: unknown;
  unit?: string;
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** The narrower range the page's controls offer. */
  ui?: { min: number; max: number };
  choices?: string[];
  /** Defaults that depend on a variant (the optimizer kind). */
  defaultFor?: Record<string, unknown>;
  /** Only these variants (optimizer or dataset kinds) use the field. */
  appliesTo?: string[];
  required?: boolean;
}
export interface EngineSchema {
  version: number;
  sections: { name: string; path: string; label: string; doc: string; fields: SchemaField[] }[];
  layerKinds: { name: string; label: string; doc: string; category: string; fields: SchemaField[] }[];
}

/** Weights of one conv2d layer: filters × channels × size × size, row-major (a VIEW). */
export interface ConvFilters {
  filters: number;
  channels: number;
  size: number;
  weights: Float32Array;
}

/** One layer's output for one image: shape [channels, height, width] or [n]; values a VIEW. */
export interface FeatureMap {
  kind: string;
  shape: number[];
  values: Float32Array;
}

/** A merge patch (RFC 7386): null removes a field so that its default returns. */
export type ConfigPatch = {
  [K in keyof SessionConfig]?: { [F in keyof NonNullable<SessionConfig[K]>]?: NonNullable<SessionConfig[K]>[F] | null } | null;
};

// ---- results ----

export interface EpochRecord {
  epoch: number;
  step: number;
  trainLoss: number | null;
  /** null without a test set */
  testLoss: number | null;
  /** null for regression */
  trainAccuracy: number | null;
  testAccuracy: number | null;
}

export interface BatchResult {
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  loss: number | null;
  epochCompleted: boolean;
}

export interface LayerInfo {
  kind: 'dense' | 'activation' | 'dropout' | 'batch_norm';
  inputs: number;
  outputs: number;
  parameterOffset: number;
  parameterCount: number;
  stateOffset: number;
  stateCount: number;
  activation?: string;
}

export interface NeuronLayerInfo {
  denseLayer: number;
  outputLayer: number;
  inputs: number;
  units: number;
  activation: string;
  /** W (inputs×units, column-major): weight(from, to) = parameters()[weightOffset + to·inputs + from] */
  weightOffset: number;
  biasOffset: number;
}

export interface Description {
  inputs: number;
  dimensions: number;
  features: Feature[];
  outputs: number;
  classes: number;
  task: 'binary' | 'multiclass' | 'regression' | 'autoencoder';
  outputActivation: string;
  loss: string;
  decisionThreshold: number;
  layers: LayerInfo[];
  neuronLayers: NeuronLayerInfo[];
  parameterCount: number;
  stateCount: number;
  trainSize: number;
  testSize: number;
  bounds: { xMin: number; xMax: number; yMin: number; yMax: number };
  optimizerSlots: string[];
  batchesPerEpoch: number;
}

/** Column-major (rows × width) views: neuron j of a layer is arr.subarray(j*rows, (j+1)*rows). */
export interface Evaluation {
  rows: number;
  /** rows × inputs (the features) */
  inputs: Float32Array;
  /** rows × outputs */
  output: Float32Array;
  /** one rows × units view per neuron layer (0 = first hidden layer; the last is the output) */
  neuronLayers: Float32Array[];
}

export interface GridEvaluation extends Evaluation {
  /** row r is cell (r % resolution, floor(r / resolution)); cell row 0 is at the top */
  resolution: number;
}

export interface GridOptions {
  /** 1–1024, default 50 */
  resolution?: number;
  /** default describe().bounds */
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
}

export type Points = Float32Array | ArrayLike<number> | ArrayLike<number>[];

export interface CustomData {
  /** n·dims values row-major, or n points [x1, x2, …] */
  points: Points;
  /** class indices, or values for regression */
  labels: ArrayLike<number>;
  /** default 2 (or the length of the first point) */
  dims?: number;
  /** 0 = regression; default max(label)+1 (≥ 2) for whole-number labels, else 0 */
  classes?: number;
}

export interface DataPart {
  /** n·dims, row-major (raw points, before features) */
  points: Float32Array;
  labels: Float32Array;
}

export interface Snapshot {
  id: number;
  epoch: number;
  step: number;
  trainLoss: number | null;
}

export interface GradientCheck {
  maxRelativeError: number;
  maxAbsoluteError: number;
  checked: number;
  worst: string;
  precision: 'float32' | 'float64';
}

export interface Session {
  /** Replaces the whole configuration; true when the network was rebuilt. Atomic. */
  configure(config?: SessionConfig): boolean;
  /** Merges a patch into the configuration; true when the network was rebuilt. Atomic. */
  update(patch: ConfigPatch): boolean;
  /** The canonical configuration, every default filled in. */
  readonly config: Required<SessionConfig>;
  describe(): Description;

  setData(data: CustomData, options?: { keepNetwork?: boolean }): void;
  data(): { train: DataPart; test: DataPart };

  stepBatch(): BatchResult;
  stepEpoch(): EpochRecord;
  /** Many batches in one WASM call; returns the number of epochs completed. */
  train(batches: number): number;
  reset(seed?: number): void;
  evaluate(): EpochRecord;
  /** One record per completed epoch; with `from`, only the records from that index on. */
  history(from?: number): EpochRecord[];
  readonly epoch: number;
  readonly step: number;
  readonly batchCursor: number;
  readonly batchesPerEpoch: number;

  /** Views valid until the next engine call. */
  evaluateGrid(grid?: GridOptions): GridEvaluation;
  /** Views valid until the next engine call. */
  evaluatePoints(points: Points, dims?: number): Evaluation;
  /**
   * Feeds points of hidden neuron layer `layer`'s space through the layers after it (e.g. an
   * autoencoder's 2-D code plane through its decoder). inputs is null, and so is
   * neuronLayers[i] for i ≤ layer.
   */
  evaluateFrom(layer: number, values: Points): {
    rows: number; inputs: null; output: Float32Array; neuronLayers: (Float32Array | null)[];
  };

  /** The filters of conv2d layer `layer` (index into describe().layers); views. */
  convFilters(layer: number): ConvFilters;
  /** Every layer's output for ONE image (describe().dimensions values); views, one call. */
  featureMaps(image: ArrayLike<number>): FeatureMap[];

  /** A view valid until the next engine call. */
  parameters(): Float32Array;
  /** A view valid until the next engine call. */
  gradients(): Float32Array;
  setParameters(values: ArrayLike<number>): void;
  getWeight(layer: number, from: number, to: number): number;
  setWeight(layer: number, from: number, to: number, value: number): void;
  getBias(layer: number, neuron: number): number;
  setBias(layer: number, neuron: number, value: number): void;
  /** Copies. */
  optimizerState(): { step: number; slots: Record<string, Float32Array> };

  takeSnapshot(): number;
  restoreSnapshot(id: number): void;
  deleteSnapshot(id: number): void;
  snapshots(): Snapshot[];

  saveModel(): string;
  loadModel(model: string | object): void;

  checkGradients(): GradientCheck;
  /** One training point traced forward and back; changes nothing (copies). */
  traceSample(index: number): BackpropTrace;
  /** The backprop view's numbers for one frame, in one call (copies). */
  gradientFrame(): GradientFrame;

  /** Frees the engine's memory; later calls throw Error('this session was disposed'). */
  dispose(): void;
}

export interface PerceptronStep {
  sample: number;          // 0–3, in table order (0,0), (0,1), (1,0), (1,1)
  target: number;
  output: number;          // before the update
  changed: boolean;        // the rule moved the weights (a mistake)
  epoch: number;           // 1-based epoch of this step
  epochCompleted: boolean;
  mistakesInEpoch: number;
  converged: boolean;      // an epoch has passed without a mistake
}

export interface Perceptron {
  readonly gate: 'and' | 'or' | 'xor';
  readonly learningRate: number;
  step(): PerceptronStep;
  runEpoch(): PerceptronStep;
  train(maxEpochs?: number): PerceptronStep;
  reset(): void;
  /** convergedEpoch is 0 until an epoch passes without a mistake. */
  state(): { epoch: number; cursor: number; convergedEpoch: number; weights: number[]; bias: number; mistakesPerEpoch: number[] };
  /** Output 0/1 on a grid (row 0 at the top); defaults: resolution 50 over [−0.5, 1.5]². A copy. */
  evaluateGrid(grid?: GridOptions): Float32Array;
  dispose(): void;
}

// ---- GAN (issue 14) ----
export interface GanLayer { units: number; activation?: 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' }
export interface GanOptimizer { kind: 'sgd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adagrad' | 'adam'; learningRate?: number; momentum?: number; rho?: number; beta1?: number; beta2?: number; epsilon?: number; weightDecay?: number }
export interface GanSettings {
  target?: 'ring' | 'moons' | 'line' | 'spiral' | 'mixture' | 'custom';
  targetPoints?: number;
  seed?: number;
  batchSize?: number;
  noise?: { dims?: 1 | 2; distribution?: 'uniform' | 'gaussian' };
  generator?: { layers?: GanLayer[]; optimizer?: GanOptimizer };
  discriminator?: { layers?: GanLayer[]; optimizer?: GanOptimizer };
  /** k: discriminator steps per generator step */
  discriminatorSteps?: number;
  loss?: 'non_saturating' | 'minimax';
}
export interface GanStepResult { discriminatorLoss: number; generatorLoss: number; realScore: number; fakeScore: number; generatorSteps: number; discriminatorSteps: number }
/** Views into WebAssembly memory, valid until the next engine call. Points are n×2 column-major. */
export interface GanViews { resolution: number; probability: Float32Array; samples: Float32Array; arrows: Float32Array; warpedGrid: Float32Array; noiseDims: 1 | 2; gridLines: number }
export interface GanSession {
  readonly settings: Required<GanSettings>;
  stepDiscriminator(): GanStepResult;
  stepGenerator(): GanStepResult;
  step(): GanStepResult;
  train(steps: number): GanStepResult;
  last(): GanStepResult;
  reset(seed?: number): void;
  setOptimizer(network: 'generator' | 'discriminator', optimizer: GanOptimizer): void;
  setDiscriminatorSteps(k: number): void;
  setLoss(loss: 'non_saturating' | 'minimax'): void;
  setCustomTarget(points: number[][] | ArrayLike<number>): void;
  targetPoints(): Float32Array;
  evaluate(options?: { resolution?: number; xMin?: number; xMax?: number; yMin?: number; yMax?: number; samples?: number; gridLines?: number }): GanViews;
  coverage(count?: number): { covered: number; modes: number; share: number[]; outside: number };
  history(from?: number): Float64Array;
  saveModel(): string;
  loadModel(text: string): void;
  dispose(): void;
}

/** Session.traceSample: per layer of the engine's stack (describe().layers). */
export interface BackpropTrace {
  input: Float32Array;       // the point as the network sees it (after features)
  target: Float32Array;
  loss: number;              // this point's data loss
  outputs: Float32Array[];   // each layer's output
  deltas: Float32Array[];    // dL/d(output) of each layer; empty for a fused output activation
  gradients: Float32Array;   // dL/dθ for this point, laid out like parameters()
  update: Float32Array;      // Δθ the optimizer's next step would apply with these gradients
}

export interface GradientFrame {
  gradients: Float32Array;   // the last step's dL/dθ
  layerNorms: Float64Array;  // L2 norm of each layer's gradients (0: no parameters)
  update: Float32Array;      // Δθ of the next step if the gradients stayed as they are
  step: number;              // optimizer steps taken
  slots: Record<string, Float32Array>;  // optimizer state, e.g. velocity, first_moment, second_moment
}

// ---- sequences (issue 13) ----
export type SequenceTaskName = 'sum_of_sines' | 'square_wave' | 'noisy_sine' | 'first_bit' | 'parity' | 'add_marked'
  | 'copy' | 'reverse' | 'sort' | 'characters';
export interface SequenceTaskSettings {
  task: SequenceTaskName;
  /** Steps per input sequence, 2–1000 (default 20). */
  length?: number;
  /** copy / reverse / sort: vocabulary size, 2–256 (default 8). */
  symbols?: number;
  /** noisy_sine: standard deviation of the input noise, 0–2 (default 0.1). */
  noise?: number;
  trainSamples?: number;
  testSamples?: number;
  seed?: number;
  /** characters: the text to learn (leading '#' lines are dropped). */
  text?: string;
}
/** One layer: its registry kind and settings, e.g. {kind: 'lstm', units: 16, returnSequences: true}. */
export interface SequenceLayer {
  kind: 'embedding' | 'positional_encoding' | 'simple_rnn' | 'lstm' | 'gru' | 'self_attention' | 'layer_norm'
    | 'transformer_block' | 'dense_per_step' | 'dense' | 'activation' | 'dropout' | string;
  [setting: string]: unknown;
}
export interface SequenceSessionConfig {
  task: SequenceTaskSettings;
  /** inputShape defaults to the task's [length, features]. End with a linear layer. */
  network: { layers: SequenceLayer[]; seed?: number; inputShape?: [number, number]; initializer?: string };
  optimizer?: GanOptimizer;
  batchSize?: number;
  /** Gradient norm clipping (0 = off; default 1). */
  clipNorm?: number;
}
export interface SequenceStepResult { step: number; loss: number; accuracy: number }
export interface SequenceEvaluation { loss: number; accuracy: number; mse: number; relativeMse: number }
export interface SequenceDescription {
  task: SequenceTaskName; description: string; target: 'value' | 'class' | 'class_per_step'; classes: number;
  alphabet: string; inputShape: number[]; outputShape: number[]; trainSamples: number; testSamples: number;
  targetVariance: number; tolerance: number; parameters: number;
  layers: { kind: string; outputShape: number[]; parameters: number }[];
}
export interface SequenceRecurrentView {
  layer: number; kind: 'simple_rnn' | 'lstm' | 'gru'; steps: number; units: number; gates: string[];
  /** T·H, step t at t·H. */ hidden: Float32Array;
  /** T·G·H, gate g of step t at (t·G + g)·H. */ gateValues: Float32Array;
  /** ‖dL/dh_t‖ per step from the last training step. */ gradientNorms: Float32Array;
}
export interface SequenceAttentionView {
  layer: number; kind: 'self_attention' | 'transformer_block'; steps: number;
  /** One T×T row-major map per head: row = query step, column = key step. */ attention: Float32Array[];
}
export interface SequenceViews {
  sample: number; input: Float32Array; target: Float32Array; output: Float32Array;
  layers: (SequenceRecurrentView | SequenceAttentionView)[];
}
export interface SequenceSession {
  readonly config: SequenceSessionConfig;
  describe(): SequenceDescription;
  step(): SequenceStepResult;
  train(steps: number): SequenceStepResult;
  last(): SequenceStepResult;
  evaluate(): SequenceEvaluation;
  reset(seed?: number): void;
  setOptimizer(optimizer: GanOptimizer): void;
  /** (step, loss, accuracy) per training step. */
  history(from?: number): Float64Array;
  views(sample?: number): SequenceViews;
  forecast(seen: number, free?: number): Float32Array;
  testSignal(): Float32Array;
  sampleText(prompt: string, count?: number, temperature?: number, seed?: number): string;
  /**
   * The session as a model file (JSON text, format "nnplay-sequence"): config (a character
   * model's alphabet, not its text), weights, optimizer state, step count and the loss history
   * (thinned to at most 2001 records).
   */
  saveModel(): string;
  /**
   * Replaces the whole session by a saved model. A character model needs its text (`text`, or
   * this session's own text); the text's alphabet must be the file's. A bad file throws an
   * Error naming the problem and leaves the session unchanged.
   */
  loadModel(model: string | object, text?: string): void;
  dispose(): void;
}
