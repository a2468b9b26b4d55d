// "Export as code": a Keras (TensorFlow 2.16+, Keras 3) script that builds the playground's
// network with the same layers, initializers, optimizer, loss, regularization and batch
// size, regenerates comparable data and trains. Where Keras's conventions differ from the
// engine's (engine/optimizers/*.h quote the engine's formulas), the nearest Keras setting is
// written with a comment saying what differs.
import { dataCode, describeModel, header, py, pyFloat, settingsCode, targetCode } from './python-common.js';
import { IMAGE_IMPORTS, describeImageModel, idxLoaderCode, imageHeader, parametersCode } from './python-image.js';

const INITIALIZERS = {
  xavier_uniform: 'initializers.GlorotUniform()',
  // Keras's GlorotNormal and HeNormal draw from a TRUNCATED normal; the engine does not.
  xavier_normal: 'initializers.VarianceScaling(1.0, mode="fan_avg", distribution="untruncated_normal")',
  he_uniform: 'initializers.HeUniform()',
  he_normal: 'initializers.VarianceScaling(2.0, mode="fan_in", distribution="untruncated_normal")',
  uniform_small: 'initializers.RandomUniform(-0.05, 0.05)',
};

const LOSSES = {
  binary_cross_entropy: 'keras.losses.BinaryCrossentropy()',
  categorical_cross_entropy: 'keras.losses.CategoricalCrossentropy()',
  mse: 'keras.losses.MeanSquaredError()',
};

/** @param {object} state the page state; @param {{epochs?: number}} [info] */
export function kerasScript(state, info = {}) {
  const m = describeModel(state, info);
  const o = m.optimizer;
  const reg = m.regularization === 'l2' ? `regularizers.L2(${pyFloat(m.regularizationRate / 2)})`
    : m.regularization === 'l1' ? `regularizers.L1(${pyFloat(m.regularizationRate)})` : 'None';
  const dense = (units, activation, init, name) =>
    `    layers.Dense(${units}${activation ? `, activation="${activation}"` : ''}, kernel_initializer=${INITIALIZERS[init]},\n` +
    `                 bias_initializer="zeros", kernel_regularizer=REGULARIZER, name="${name}"),`;
  const stack = [`    keras.Input(shape=(${m.features.length},)),`];
  m.hidden.forEach((h, i) => {
    stack.push(dense(h.units, null, h.initializer, `dense_${i + 1}`));
    // Keras and the engine use the same convention: running = momentum·running + (1 − momentum)·batch.
    if (h.batchNorm) stack.push('    layers.BatchNormalization(momentum=0.9, epsilon=1e-5),');
    stack.push(h.activation === 'leaky_relu'
      ? '    layers.LeakyReLU(negative_slope=0.01),   # Keras 2 (TensorFlow ≤ 2.15): alpha=0.01'
      : `    layers.Activation("${h.activation}"),`);
    if (h.dropout > 0) stack.push(`    layers.Dropout(${pyFloat(h.dropout)}),`);
  });
  const outActivation = m.output.activation === 'linear' ? 'linear' : m.output.activation;
  stack.push(dense(m.output.units, outActivation, m.output.initializer, 'output'));

  const tanhAccuracy = m.targets === 'plus_minus_one';
  const metric = m.task === 'regression' ? '' : tanhAccuracy ? 'sign_accuracy'
    : m.task === 'multiclass' ? 'keras.metrics.CategoricalAccuracy(name="accuracy")'
      : 'keras.metrics.BinaryAccuracy(name="accuracy", threshold=0.5)';
  const hasTest = m.data.testPercent > 0;

  return `${header(m, 'Keras (TensorFlow)', 'pip install numpy tensorflow')}
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import initializers, layers, regularizers

${settingsCode(m)}


${dataCode(m)}
x_train, x_test = features(p_train), features(p_test)
y_train = ${targetCode(m, 'l_train')}
y_test = ${targetCode(m, 'l_test')}

keras.utils.set_random_seed(WEIGHT_SEED)
${regularizerComment(m)}REGULARIZER = ${reg}

model = keras.Sequential([
${stack.join('\n')}
])
${tanhAccuracy ? `

def sign_accuracy(y_true, y_pred):
    """A tanh output predicts class 1 above 0 (targets are −1 and +1)."""
    return tf.reduce_mean(tf.cast(tf.equal(y_true > 0, y_pred > 0), tf.float32), axis=-1)

` : ''}
${optimizerCode(o)}
model.compile(optimizer=optimizer, loss=${LOSSES[m.output.loss]}${metric ? `, metrics=[${metric}]` : ''})
model.summary()

# Keras reports the training loss averaged over the epoch's batches (training mode); the
# playground evaluates the whole training set after each epoch. Both include the penalty.
model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS, shuffle=True,
          ${hasTest ? 'validation_data=(x_test, y_test), ' : ''}verbose=2)
${hasTest ? 'print("test set:", model.evaluate(x_test, y_test, verbose=0))' : 'print("training set:", model.evaluate(x_train, y_train, verbose=0))'}
`;
}

function regularizerComment(m) {
  if (m.regularization === 'l2') return `# The playground's L2 penalty is (λ/2)·Σw² with λ = ${py(m.regularizationRate)}; Keras's L2(c) adds c·Σw², so c = λ/2.\n# Weights only (kernel_regularizer), not biases or batch-norm parameters, as in the playground.\n`;
  if (m.regularization === 'l1') return '# The playground\'s L1 penalty λ·Σ|w| on weights only: Keras\'s L1(λ) as kernel_regularizer.\n';
  return '';
}

function optimizerCode(o) {
  const lr = 'learning_rate=LEARNING_RATE';
  const wd = o.weightDecay > 0 ? `, weight_decay=${pyFloat(o.weightDecay)}` : '';
  const decayNote = o.weightDecay > 0
    ? '\n# Decoupled weight decay, as in the playground: w ← w − η·λ·w each step, on weights only.\noptimizer.exclude_from_weight_decay(var_names=["bias", "gamma", "beta", "moving_mean", "moving_variance"])'
    : '';
  let code;
  switch (o.kind) {
    case 'sgd':
      code = `optimizer = keras.optimizers.SGD(${lr}${wd})`;
      break;
    case 'momentum':
      code = `# Same update as the playground: v ← α·v − η·g, w ← w + v.\noptimizer = keras.optimizers.SGD(${lr}, momentum=${pyFloat(o.momentum)}${wd})`;
      break;
    case 'nesterov':
      code = `# Same update as the playground: v ← α·v − η·g, w ← w + α·v − η·g.\noptimizer = keras.optimizers.SGD(${lr}, momentum=${pyFloat(o.momentum)}, nesterov=True${wd})`;
      break;
    case 'rmsprop': {
      const eps = Math.sqrt(o.epsilon);
      code = `# The playground divides by sqrt(δ + r) with δ = ${py(o.epsilon)}; Keras divides by sqrt(r) + ε.
# ε = sqrt(δ) gives the same largest step (when r → 0) and the same steps once r ≫ δ.
optimizer = keras.optimizers.RMSprop(${lr}, rho=${pyFloat(o.rho)}, momentum=0.0, epsilon=${pyFloat(Number(eps.toPrecision(6)))}${wd})`;
      break;
    }
    case 'adagrad':
      code = `# Same update as the playground: r ← r + g², w ← w − η·g / (δ + sqrt(r)), with r starting at 0
# (Keras's default starts the accumulator at 0.1).
optimizer = keras.optimizers.Adagrad(${lr}, initial_accumulator_value=0.0, epsilon=${pyFloat(o.epsilon)}${wd})`;
      break;
    case 'adam':
      code = `# Keras adds ε to the square root of the UNcorrected second moment ("ε hat" in Kingma & Ba);
# the playground adds δ to sqrt(r̂) after bias correction. Same value: the two differ only in the
# first few steps, when (1 − β₂ᵗ) is far from 1.
optimizer = keras.optimizers.Adam(${lr}, beta_1=${pyFloat(o.beta1)}, beta_2=${pyFloat(o.beta2)}, epsilon=${pyFloat(o.epsilon)}${wd})`;
      break;
    default:
      throw new Error(`kerasScript: unknown optimizer "${o.kind}"`);
  }
  return code + decayNote;
}

// ---- the Fashion-MNIST page's classifier (conv, pooling, dense…) with its trained weights ----

/**
 * A Keras script that rebuilds the page's classifier, copies the trained weights into it and
 * evaluates it on the Fashion-MNIST test set. Keras is channels-last: the images are
 * transposed, conv kernels go [F, C, k, k] → [k, k, C, F], dense weights [out, in] → [in, out],
 * and a Permute before each Flatten restores the engine's channels-first order.
 * @param {object[]} pageLayers @param {{parameters: number[], state: number[]}} model @param {{epochs?: number}} [info]
 */
export function kerasImageScript(pageLayers, model, { epochs = 0 } = {}) {
  const steps = describeImageModel(pageLayers, model);
  const stack = ['    keras.Input(shape=(28, 28, 1)),   # height × width × channels'];
  const loads = [];
  for (const st of steps) {
    const image = st.input.length === 3;
    switch (st.kind) {
      case 'conv2d':
        stack.push(`    layers.Conv2D(${st.filters}, ${st.kernel}, strides=${st.stride}, padding=${py(st.padding)}, name=${py(st.name)}),`);
        loads.push(`model.get_layer(${py(st.name)}).set_weights([parameter(${py(`${st.name}.weight`)}).transpose(2, 3, 1, 0), parameter(${py(`${st.name}.bias`)})])`);
        break;
      case 'max_pool2d': stack.push(`    layers.MaxPooling2D(${st.size}),`); break;
      case 'average_pool2d': stack.push(`    layers.AveragePooling2D(${st.size}),`); break;
      case 'global_average_pool': stack.push('    layers.GlobalAveragePooling2D(),'); break;
      case 'flatten':
        stack.push('    layers.Permute((3, 1, 2)),   # channels first again, so Flatten orders the values as the engine');
        stack.push('    layers.Flatten(),');
        break;
      case 'dense':
        stack.push(`    layers.Dense(${st.units}, name=${py(st.name)}),`);
        loads.push(`model.get_layer(${py(st.name)}).set_weights([parameter(${py(`${st.name}.weight`)}).T, parameter(${py(`${st.name}.bias`)})])`);
        break;
      case 'activation': stack.push(`    layers.Activation(${py(st.activation)}),`); break;
      case 'dropout': stack.push(`    layers.Dropout(${pyFloat(st.rate)}),`); break;
      case 'batch_norm': {
        // The engine normalizes every value on its own: for an image, per channel AND pixel.
        // Keras 3 takes one axis only, so an image is flattened in the engine's channels-first
        // order around the layer (its statistics then keep the engine's layout).
        const [c, h, w] = st.input;
        if (image) stack.push('    layers.Permute((3, 1, 2)),', `    layers.Reshape((${c * h * w},)),`);
        stack.push(`    layers.BatchNormalization(axis=-1, momentum=0.9, epsilon=1e-5, name=${py(st.name)}),`);
        if (image) stack.push(`    layers.Reshape((${c}, ${h}, ${w})),`, '    layers.Permute((2, 3, 1)),   # back to height × width × channels');
        const order = image ? '.reshape(-1)' : '';
        loads.push(`model.get_layer(${py(st.name)}).set_weights([${['gamma', 'beta', 'running_mean', 'running_variance'].map((k) => `parameter(${py(`${st.name}.${k}`)})${order}`).join(', ')}])`);
        break;
      }
      default: throw new Error(`kerasImageScript: unknown layer kind "${st.kind}"`);
    }
  }
  return `${imageHeader(steps, 'Keras (TensorFlow)', 'pip install numpy tensorflow', epochs)}
${IMAGE_IMPORTS}
from tensorflow import keras
from tensorflow.keras import layers

${idxLoaderCode()}


${parametersCode(steps)}


model = keras.Sequential([
${stack.join('\n')}
])
${loads.join('\n')}
model.summary()

images, labels = load_fashion_mnist("t10k")
probabilities = model.predict(images.transpose(0, 2, 3, 1), batch_size=500, verbose=0)   # N × 28 × 28 × 1
accuracy = float(np.mean(probabilities.argmax(axis=1) == labels))
print(f"test accuracy: {100 * accuracy:.2f} % on {len(labels)} images")
`;
}
