// Lessons' public entry: the page mode (?lesson=…, ?compare=…) the playground installs, and
// the lesson bar another page shows for a lesson taught there (?lesson=autoencoder on mnist.html).
export { PageMode } from './page-mode.js';
// The CNN lesson of the real-data page (mnist.html?lesson=cnn).
export { CnnLesson } from './cnn-lesson.js';
export { showPageLesson } from './page-lesson.js';
