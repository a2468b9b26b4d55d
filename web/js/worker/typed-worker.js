// The page's side of a module Worker with typed messages: send() commands out, on(type, handler)
// for the messages that come back (each carries its type). A worker that cannot start becomes a
// 'fatal' event and an unreadable message an 'error' event, so the page can say so.
// Shared by worker-client.js (the playground) and mnist/mnist-client.js (the real-data page).

export class TypedWorker {
  #worker;
  #handlers = new Map();

  constructor(url) {
    this.#worker = new Worker(url, { type: 'module' });
    this.#worker.onmessage = (event) => this.receive(event.data);
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.emit('fatal', { message: `The training worker stopped: ${event.message || 'it could not start'}` });
    };
    this.#worker.onmessageerror = () => this.emit('error', { message: 'A message from the training worker could not be read.' });
  }

  /** One handler per message type (a later one replaces it). */
  on(type, handler) {
    this.#handlers.set(type, handler);
    return this;
  }

  /** A message from the worker, to the handler of its type (subclasses may look at it first). */
  receive(message) {
    this.emit(message.type, message);
  }

  emit(type, data) {
    this.#handlers.get(type)?.(data);
  }

  send(message, transfer = []) {
    this.#worker.postMessage(message, transfer);
  }

  terminate() { this.#worker.terminate(); }
}
