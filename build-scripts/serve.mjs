// Serves web/ for `npm start`. PORT (env) or --port N overrides 8080; HOST overrides 127.0.0.1.
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.mjs';

const args = process.argv.slice(2);
const flag = args.indexOf('--port');
const port = Number(flag >= 0 ? args[flag + 1] : process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`nnplay: the port must be a whole number from 0 to 65535, got "${flag >= 0 ? args[flag + 1] : process.env.PORT}"`);
  process.exit(2);
}
const root = fileURLToPath(new URL('../web/', import.meta.url));
try {
  const host = process.env.HOST ?? '127.0.0.1';
  const { url } = await startServer({ root, port, host });
  // Loopback is the default (nothing exposed to the network); HOST=0.0.0.0 serves phones on the LAN.
  const shown = host === '127.0.0.1' ? url.replace('127.0.0.1', 'localhost') : url;
  console.log(`nnplay is running at ${shown}  (Ctrl+C to stop)`);
} catch (error) {
  console.error(error.code === 'EADDRINUSE'
    ? `nnplay: port ${port} is already in use; try PORT=8081 npm start`
    : `nnplay: cannot start the server: ${error.message}`);
  process.exit(1);
}
