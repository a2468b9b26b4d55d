// Allowed values of every numeric setting, shared by the form fields and the URL reader so a
// link can never hold what a control would refuse (and vice versa). They come from the
// engine's schema (engine-schema.js, generated from engine/schema/): the range the page
// offers is the field's "ui" range when it has one (a playground draws at most 16 neurons a
// layer), else the engine's own. Only the page's own settings are written here.
import { ENGINE_SCHEMA } from './engine-schema.js';

/** The schema's field `name` of section `section` ("optimizer", "hiddenLayer"…). */
export function schemaField(section, name) {
  const fields = ENGINE_SCHEMA.sections.find((s) => s.name === section)?.fields ?? [];
  const field = fields.find((f) => f.name === name);
  if (!field) throw new Error(`the engine's schema has no setting ${section}.${name}`);
  return field;
}

// A rule for readNumber(): the page's range of a schema field, in the page's unit (`scale`
// 100 shows a fraction as a percentage).
function ruleOf(section, name, { scale = 1, integer } = {}) {
  const f = schemaField(section, name);
  const range = f.ui ?? f;
  const rule = { name: f.label, min: range.min * scale, max: range.max * scale, integer: integer ?? f.type === 'integer', doc: f.doc };
  // An excluded end stays excluded only where the page's range reaches the engine's end.
  if (f.minExclusive && range.min === f.min) rule.minExclusive = true;
  if (f.maxExclusive && range.max === f.max) rule.maxExclusive = true;
  return rule;
}

export const RULES = {
  noise: ruleOf('data', 'noise'),
  points: ruleOf('data', 'points'),
  testPercent: ruleOf('data', 'testFraction', { scale: 100, integer: true }),
  seed: ruleOf('data', 'seed'),
  classes: ruleOf('data', 'classes'),
  networkSeed: ruleOf('network', 'seed'),
  units: ruleOf('hiddenLayer', 'units'),
  dropout: ruleOf('hiddenLayer', 'dropout'),
  learningRate: ruleOf('optimizer', 'learningRate'),
  momentum: ruleOf('optimizer', 'momentum'),
  rho: ruleOf('optimizer', 'rho'),
  beta1: ruleOf('optimizer', 'beta1'),
  beta2: ruleOf('optimizer', 'beta2'),
  epsilon: ruleOf('optimizer', 'epsilon'),
  weightDecay: ruleOf('optimizer', 'weightDecay'),
  batchSize: ruleOf('training', 'batchSize'),
  regularizationRate: ruleOf('training', 'regularizationRate'),
  stopEpoch: ruleOf('stop', 'stopEpoch'),
  stopLoss: ruleOf('stop', 'targetLoss'),
  stopAccuracy: ruleOf('stop', 'targetAccuracy', { scale: 100 }),
  patience: ruleOf('stop', 'patience'),
  // The page's own: the target value of a custom regression point.
  customValue: { name: 'Target value', min: -100, max: 100 },
};
