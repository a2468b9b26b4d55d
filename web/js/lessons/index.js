// Lessons' public entry: the page mode (?lesson=…, ?compare=…) the playground installs.
export { PageMode } from './page-mode.js';
// The CNN lesson of the real-data page (mnist.html?lesson=cnn).
export { CnnLesson } from './cnn-lesson.js';
