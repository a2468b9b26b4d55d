// The module script of sequence.html: builds the page.
import { start } from '../../sequence/index.js';

start();
