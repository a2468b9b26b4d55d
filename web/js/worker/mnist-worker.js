// The real-data page's training worker. onmessage is set synchronously (a message that
// arrives while the engine loads is queued by the host, not lost).
import { createEngine } from '../engine.js';
import { MnistHost } from './mnist-host.js';

const host = new MnistHost((message, transfer = []) => self.postMessage(message, transfer), () => createEngine());
self.onmessage = (event) => host.receive(event.data);
