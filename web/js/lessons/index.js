// Lessons' public entry: the page mode (?lesson=…, ?compare=…) the playground installs.
export { PageMode } from './page-mode.js';
