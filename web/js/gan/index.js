// The gan page's public entry (pages/gan/entry.js starts it).
export { start } from './main.js';
