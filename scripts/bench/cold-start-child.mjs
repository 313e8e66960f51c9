// One cold start, in a fresh process: from the first line of this script to a
// listening server. Prints one JSON line: times in ms from performance.now(),
// whose origin is this process's start (so `scriptStartMs` is Node's own boot).
// For ours, `todosReadyMs` is listening → the to-do database open (it opens
// alongside listening; only /api/todos waits for it).
//   --app ours        require dist/server/index.js, then startServer()
//   --app ours-data   the same with a data directory: opens the to-do database, as `npm run serve` does
//   --app bare        require express + cookie-session + the bare app, then listen
const t0 = performance.now();
const { createRequire } = await import('node:module');
const path = await import('node:path');
const { parseArgs } = await import('node:util');

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { app: { type: 'string' }, 'data-dir': { type: 'string' } } });
const key = process.env.BENCH_SESSION_KEY;
if (!key) throw new Error('cold-start-child: BENCH_SESSION_KEY is not set.');

let tImported;
let close;
let todosReady = Promise.resolve(null);
if (values.app === 'ours' || values.app === 'ours-data') {
  const { startServer } = require(path.join(root, 'dist/server/index.js'));
  tImported = performance.now();
  const dataDir = values.app === 'ours-data' ? values['data-dir'] : undefined;
  if (values.app === 'ours-data' && !dataDir) throw new Error('cold-start-child: ours-data needs --data-dir.');
  const server = await startServer({ keys: [key], port: 0, labDir: path.join(root, 'dist/renderer'), dataDir });
  todosReady = server.todoNotice;
  close = () => server.close();
} else if (values.app === 'bare') {
  const http = require('node:http');
  const { createBareApp } = await import('./bare-app.mjs');
  tImported = performance.now();
  const server = http.createServer(createBareApp([key]));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(resolve));
} else {
  throw new Error(`cold-start-child: unknown --app ${JSON.stringify(values.app)}`);
}
const tListening = performance.now();
const notice = await todosReady;
if (notice !== null && values.app === 'ours-data') throw new Error(`cold-start-child: the to-do database did not open: ${notice}`);
const todosReadyMs = performance.now() - tListening;
console.log(JSON.stringify({ scriptStartMs: t0, importMs: tImported - t0, listenMs: tListening - tImported, totalMs: tListening - t0, todosReadyMs }));
await close();
