// Compare mode's public entry (lessons open comparisons through it): the controller that
// shows and runs a comparison, and the comparison's link parameters.
export { CompareController } from './compare-controller.js';
export { defaultComparison, readComparisonParams, comparisonParams } from './compare-config.js';
