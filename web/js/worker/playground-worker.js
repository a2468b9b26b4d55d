// The training worker: owns the engine session so training never blocks the page.
// onmessage is set synchronously (a message arriving while the engine loads is queued by
// the host, not lost); the engine itself loads asynchronously.
import { createEngine } from '../engine.js';
import { TrainingHost } from './training-host.js';

const host = new TrainingHost((message, transfer = []) => self.postMessage(message, transfer), () => createEngine());
self.onmessage = (event) => host.receive(event.data);
