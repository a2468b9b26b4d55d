// "Export as code": a PyTorch script with the playground's network, initializers, optimizer,
// loss, regularization, weight decay and batch size, comparable data and a plain training
// loop that reports what the playground reports (whole-set loss and accuracy after each
// epoch, in eval mode). Differences in convention are commented where they occur.
import { dataCode, describeModel, header, py, pyFloat, settingsCode, targetCode } from './python-common.js';
import { IMAGE_IMPORTS, describeImageModel, idxLoaderCode, imageHeader, parametersCode } from './python-image.js';

const INITIALIZERS = {
  xavier_uniform: 'nn.init.xavier_uniform_(layer.weight)',
  xavier_normal: 'nn.init.xavier_normal_(layer.weight)',
  // gain √2 for any ReLU-family layer, as the engine (no leaky-slope correction).
  he_uniform: 'nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")',
  he_normal: 'nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")',
  uniform_small: 'nn.init.uniform_(layer.weight, -0.05, 0.05)',
};

const ACTIVATIONS = { tanh: 'nn.Tanh()', relu: 'nn.ReLU()', leaky_relu: 'nn.LeakyReLU(0.01)', sigmoid: 'nn.Sigmoid()' };

/** @param {object} state the page state; @param {{epochs?: number}} [info] */
export function pytorchScript(state, info = {}) {
  const m = describeModel(state, info);
  const o = m.optimizer;
  const out = m.output;
  // Sigmoid + BCE and softmax + CCE: the last layer gives logits and the loss applies the
  // activation (numerically stable; the engine fuses the two gradients the same way).
  const fused = (out.activation === 'sigmoid' && out.loss === 'binary_cross_entropy')
    || (out.activation === 'softmax' && out.loss === 'categorical_cross_entropy');
  const stack = [];
  let width = m.features.length;
  const inits = new Set();
  m.hidden.forEach((h) => {
    stack.push(`    dense(${width}, ${h.units}, "${h.initializer}"),`);
    inits.add(h.initializer);
    // PyTorch's momentum is the weight of the NEW batch: 1 − 0.9 = 0.1 is the playground's 0.9.
    if (h.batchNorm) stack.push(`    nn.BatchNorm1d(${h.units}, momentum=0.1, eps=1e-5),`);
    stack.push(`    ${ACTIVATIONS[h.activation] ?? 'nn.Identity()'},${h.activation === 'linear' ? '   # linear activation' : ''}`);
    if (h.dropout > 0) stack.push(`    nn.Dropout(${pyFloat(h.dropout)}),`);
    width = h.units;
  });
  inits.add(out.initializer);
  stack.push(`    dense(${width}, ${out.units}, "${out.initializer}"),`);
  if (!fused && out.activation !== 'linear') stack.push(`    ${ACTIVATIONS[out.activation]},`);

  const lossCode = out.loss === 'binary_cross_entropy' ? (fused ? 'nn.BCEWithLogitsLoss()   # sigmoid + binary cross-entropy, mean over all outputs' : 'nn.BCELoss()')
    : out.loss === 'categorical_cross_entropy' ? 'nn.CrossEntropyLoss()   # softmax + categorical cross-entropy, mean over samples'
      : 'nn.MSELoss()   # mean over all outputs, as the playground';
  // CrossEntropyLoss takes class indices; everything else the target matrix.
  const classIndices = fused && out.activation === 'softmax';
  const target = (name) => (classIndices ? `${name}.astype(np.int64)` : targetCode(m, name));
  const predict = out.activation === 'softmax' || m.targets === 'one_hot' ? 'outputs.argmax(dim=1)'
    : m.targets === 'plus_minus_one' ? '(outputs[:, 0] > 0).long()'
      : fused ? '(outputs[:, 0] > 0).long()   # logit > 0 ⇔ probability > 0.5' : '(outputs[:, 0] > 0.5).long()';
  const hasTest = m.data.testPercent > 0;
  const penalty = m.regularization === 'l2'
    ? `    # The playground's L2 penalty: (λ/2)·Σw² on weights only (not biases or batch-norm).\n    return ${pyFloat(m.regularizationRate / 2)} * sum((w ** 2).sum() for w in WEIGHTS)`
    : m.regularization === 'l1'
      ? `    # The playground's L1 penalty: λ·Σ|w| on weights only (not biases or batch-norm).\n    return ${pyFloat(m.regularizationRate)} * sum(w.abs().sum() for w in WEIGHTS)`
      : '    return torch.zeros(())   # no regularization';

  return `${header(m, 'PyTorch', 'pip install numpy torch')}
import numpy as np
import torch
from torch import nn

${settingsCode(m)}
WEIGHT_DECAY = ${pyFloat(o.weightDecay)}   # decoupled: w ← w − η·λ·w each step, weights only


${dataCode(m)}
x_train, x_test = torch.from_numpy(features(p_train)), torch.from_numpy(features(p_test))
y_train = torch.from_numpy(${target('l_train')})
y_test = torch.from_numpy(${target('l_test')})
labels_train, labels_test = torch.from_numpy(l_train).long(), torch.from_numpy(l_test).long()

torch.manual_seed(WEIGHT_SEED)


def dense(n_in, n_out, scheme):
    """A fully connected layer, initialized as in the playground (biases start at 0)."""
    layer = nn.Linear(n_in, n_out)
${[...inits].map((s, i) => `    ${i === 0 ? 'if' : 'elif'} scheme == "${s}":\n        ${INITIALIZERS[s]}`).join('\n')}
    nn.init.zeros_(layer.bias)
    return layer


model = nn.Sequential(
${stack.join('\n')}
)
print(model)
WEIGHTS = [layer.weight for layer in model if isinstance(layer, nn.Linear)]
loss_function = ${lossCode}
${optimizerCode(o)}


def penalty():
${penalty}


def evaluate(x, y, labels):
    """Whole-set loss (with the penalty, as the playground reports it) and accuracy."""
    model.eval()
    with torch.no_grad():
        outputs = model(x)
        loss = (loss_function(outputs, y) + penalty()).item()
${m.task === 'regression' ? '        return loss, None' : `        predicted = ${predict}\n        return loss, (predicted == labels).float().mean().item()`}


for epoch in range(1, EPOCHS + 1):
    model.train()
    order = torch.randperm(len(x_train))   # a new shuffle every epoch; the last batch may be smaller
    for start in range(0, len(x_train), BATCH_SIZE):
        batch = order[start:start + BATCH_SIZE]
${m.hidden.some((h) => h.batchNorm) ? '        if len(batch) == 1:\n            continue   # BatchNorm1d cannot train on one sample (the playground can)\n' : ''}        loss = loss_function(model(x_train[batch]), y_train[batch]) + penalty()
        optimizer.zero_grad()
        loss.backward()
        if WEIGHT_DECAY > 0:
            with torch.no_grad():
                for w in WEIGHTS:
                    w.mul_(1 - LEARNING_RATE * WEIGHT_DECAY)
        optimizer.step()
    if epoch % 10 == 0 or epoch == EPOCHS:
        train_loss, train_accuracy = evaluate(x_train, y_train, labels_train)
        report = f"epoch {epoch}: training loss {train_loss:.4f}"
${m.task === 'regression' ? '' : '        report += f", accuracy {100 * train_accuracy:.1f} %"\n'}${hasTest ? `        test_loss, test_accuracy = evaluate(x_test, y_test, labels_test)
        report += f"; test loss {test_loss:.4f}"
${m.task === 'regression' ? '' : '        report += f", accuracy {100 * test_accuracy:.1f} %"\n'}` : ''}        print(report)
`;
}

function optimizerCode(o) {
  const params = 'model.parameters(), lr=LEARNING_RATE';
  switch (o.kind) {
    case 'sgd':
      return `optimizer = torch.optim.SGD(${params})`;
    case 'momentum':
      return `# PyTorch keeps v ← α·v + g and steps w ← w − η·v; the playground keeps v ← α·v − η·g and
# steps w ← w + v. With a constant learning rate the two give the same weights.
optimizer = torch.optim.SGD(${params}, momentum=${pyFloat(o.momentum)})`;
    case 'nesterov':
      return `# Nesterov momentum in the same gradient-at-w form as the playground (Sutskever et al. 2013).
optimizer = torch.optim.SGD(${params}, momentum=${pyFloat(o.momentum)}, nesterov=True)`;
    case 'rmsprop':
      return `# The playground divides by sqrt(δ + r) with δ = ${py(o.epsilon)}; PyTorch divides by sqrt(r) + ε.
# ε = sqrt(δ) gives the same largest step (when r → 0) and the same steps once r ≫ δ.
optimizer = torch.optim.RMSprop(${params}, alpha=${pyFloat(o.rho)}, eps=${pyFloat(Number(Math.sqrt(o.epsilon).toPrecision(6)))})`;
    case 'adagrad':
      return `# Same update as the playground: r ← r + g², w ← w − η·g / (δ + sqrt(r)).
optimizer = torch.optim.Adagrad(${params}, initial_accumulator_value=0.0, eps=${pyFloat(o.epsilon)})`;
    case 'adam':
      return `# Same update as the playground: bias-corrected moments, w ← w − η·ŝ / (sqrt(r̂) + δ).
optimizer = torch.optim.Adam(${params}, betas=(${pyFloat(o.beta1)}, ${pyFloat(o.beta2)}), eps=${pyFloat(o.epsilon)})`;
    default:
      throw new Error(`pytorchScript: unknown optimizer "${o.kind}"`);
  }
}

// ---- the Fashion-MNIST page's classifier (conv, pooling, dense…) with its trained weights ----

const IMAGE_ACTIVATIONS = { relu: 'nn.ReLU()', tanh: 'nn.Tanh()', sigmoid: 'nn.Sigmoid()', softmax: 'nn.Softmax(dim=1)' };

/**
 * A PyTorch script that rebuilds the page's classifier, copies the trained weights into it and
 * evaluates it on the Fashion-MNIST test set. PyTorch is channels-first like the engine, so
 * the weights keep their layout; 'same' padding with an odd total gets an explicit ZeroPad2d
 * (the extra row and column at the bottom and right, as the engine and Keras).
 * @param {object[]} pageLayers @param {{parameters: number[], state: number[]}} model @param {{epochs?: number}} [info]
 */
export function pytorchImageScript(pageLayers, model, { epochs = 0 } = {}) {
  const steps = describeImageModel(pageLayers, model);
  const stack = [];
  const loads = [];
  const at = () => stack.length;   // the index in nn.Sequential of the next module
  const copy = (index, attribute, key) => loads.push(`    model[${index}].${attribute}.copy_(torch.from_numpy(parameter(${py(key)})))`);
  for (const st of steps) {
    switch (st.kind) {
      case 'conv2d': {
        const [[top, bottom], [left, right]] = [st.pad.top, st.pad.left];
        let padding = '';
        if (top === bottom && left === right) {
          if (top > 0) padding = `, padding=${top === left ? top : `(${top}, ${left})`}`;
        } else {
          stack.push(`    nn.ZeroPad2d((${left}, ${right}, ${top}, ${bottom})),   # 'same': left, right, top, bottom`);
        }
        const index = at();
        stack.push(`    nn.Conv2d(${st.input[0]}, ${st.filters}, ${st.kernel}, stride=${st.stride}${padding}),   # ${st.name}`);
        copy(index, 'weight', `${st.name}.weight`);
        copy(index, 'bias', `${st.name}.bias`);
        break;
      }
      case 'max_pool2d': stack.push(`    nn.MaxPool2d(${st.size}),`); break;
      case 'average_pool2d': stack.push(`    nn.AvgPool2d(${st.size}),`); break;
      case 'global_average_pool': stack.push('    nn.AdaptiveAvgPool2d(1),', '    nn.Flatten(),'); break;
      case 'flatten': stack.push('    nn.Flatten(),'); break;
      case 'dense': {
        const index = at();
        stack.push(`    nn.Linear(${st.input.reduce((a, b) => a * b, 1)}, ${st.units}),   # ${st.name}`);
        copy(index, 'weight', `${st.name}.weight`);
        copy(index, 'bias', `${st.name}.bias`);
        break;
      }
      case 'activation': stack.push(`    ${IMAGE_ACTIVATIONS[st.activation]},`); break;
      case 'dropout': stack.push(`    nn.Dropout(${pyFloat(st.rate)}),`); break;
      case 'batch_norm': {
        // The engine normalizes every value on its own (for an image: per channel AND pixel),
        // which is BatchNorm1d over the flattened values. PyTorch's momentum weighs the NEW
        // batch: 0.1 is the engine's 0.9.
        const n = st.input.reduce((a, b) => a * b, 1);
        const image = st.input.length === 3;
        if (image) stack.push('    nn.Flatten(),');
        const index = at();
        stack.push(`    nn.BatchNorm1d(${n}, momentum=0.1, eps=1e-5),   # ${st.name}`);
        if (image) stack.push(`    nn.Unflatten(1, (${st.input.join(', ')})),`);
        for (const [attribute, key] of [['weight', 'gamma'], ['bias', 'beta'], ['running_mean', 'running_mean'], ['running_var', 'running_variance']]) {
          loads.push(`    model[${index}].${attribute}.copy_(torch.from_numpy(parameter(${py(`${st.name}.${key}`)}).reshape(-1)))`);
        }
        break;
      }
      default: throw new Error(`pytorchImageScript: unknown layer kind "${st.kind}"`);
    }
  }
  return `${imageHeader(steps, 'PyTorch', 'pip install numpy torch', epochs)}
${IMAGE_IMPORTS}
import torch
from torch import nn

${idxLoaderCode()}


${parametersCode(steps)}


model = nn.Sequential(
${stack.join('\n')}
)
with torch.no_grad():
${loads.join('\n')}
model.eval()
print(model)

images, labels = load_fashion_mnist("t10k")
with torch.no_grad():
    probabilities = torch.cat([model(torch.from_numpy(images[i:i + 500])) for i in range(0, len(images), 500)])
accuracy = (probabilities.argmax(dim=1).numpy() == labels).mean()
print(f"test accuracy: {100 * accuracy:.2f} % on {len(labels)} images")
`;
}
