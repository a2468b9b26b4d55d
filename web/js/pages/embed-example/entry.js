// The example host page (web/embed-example.html): sends the buttons' commands to the embedded
// playground and shows the events it sends back. A host page of your own can copy this.
const frame = document.querySelector('#nnplay');
// For the tests: ?frame=… loads the playground from another address (e.g. another origin)
// instead of the one in data-src; set before anything has loaded.
frame.src = new URLSearchParams(location.search).get('frame') ?? frame.dataset.src;
// Send to, and accept from, the playground's origin only ("null" when it is a file: use "*").
const playgroundOrigin = new URL(frame.src, location.href).origin;
const target = playgroundOrigin === 'null' ? '*' : playgroundOrigin;

const received = [];   // every nnplay message, newest last (the tests read it)
window.nnplayHost = { received, send };

function send(message) {
  frame.contentWindow.postMessage(message, target);
}

for (const button of document.querySelectorAll('[data-send]')) {
  button.addEventListener('click', () => send(JSON.parse(button.dataset.send)));
}

const show = (id, text) => { document.getElementById(id).textContent = text; };
const fixed = (v, digits = 4) => (typeof v === 'number' ? v.toFixed(digits) : '–');
const log = document.querySelector('#log');

window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow) return;                    // only our playground
  if (playgroundOrigin !== 'null' && event.origin !== playgroundOrigin) return;
  const m = event.data;
  if (!m || typeof m.type !== 'string' || !m.type.startsWith('nnplay:')) return;
  received.push(m);
  if (m.type === 'nnplay:ready') show('ready', `yes (API ${m.apiVersion}, engine ${m.engine})`);
  if (m.type === 'nnplay:epoch' || m.type === 'nnplay:state' || m.type === 'nnplay:ready') {
    show('epoch', String(m.epoch));
    show('train-loss', fixed(m.trainLoss));
    show('test-loss', fixed(m.testLoss));
    show('test-accuracy', typeof m.testAccuracy === 'number' ? `${(100 * m.testAccuracy).toFixed(1)} %` : '–');
  }
  if (m.type === 'nnplay:epoch' && m.running) return;   // keep the log readable while training
  const item = document.createElement('li');
  if (m.type === 'nnplay:error') item.className = 'error';
  const detail = m.type === 'nnplay:error' ? m.message
    : m.type === 'nnplay:state' || m.type === 'nnplay:ready' ? `?${m.query.slice(0, 90)}…`
      : `epoch ${m.epoch}, training loss ${fixed(m.trainLoss)}`;
  item.textContent = `${m.type}${m.replyTo !== undefined ? ` (reply to ${m.replyTo})` : ''}: ${detail}`;
  log.append(item);
  log.scrollTop = log.scrollHeight;
});
