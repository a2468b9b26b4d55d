// The module script of gan.html: builds the page.
import { start } from '../../gan/index.js';

start();
