// web/index.html's module script: builds the playground page once.
import { start } from './main.js';

start();
