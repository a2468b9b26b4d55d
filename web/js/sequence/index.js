// The sequence page's public entry (pages/sequence/entry.js starts it).
export { start } from './main.js';
