// web/mnist.html's module script: builds the real-data page once.
import { start } from './main.js';

start();
