// Runs one app under load in its own process: Session Lab's built server
// (dist/server, via startServer; with --data-dir D it opens its to-do database
// there; with server-side sessions on SQLite or Redis too), the bare Express +
// cookie-session app, or that app behind the required hardening (bare-app.mjs).
// Talks to the bench over IPC: {type:'listening', url} once, then answers
// {type:'memory'} with its RSS after a full GC (start with --expose-gc),
// {type:'cpu'} with its CPU time so far (µs), and {type:'close'} by closing and
// exiting. No route is added to the product for this.
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBareApp, createHardenedApp } from './bare-app.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { app: { type: 'string' }, 'data-dir': { type: 'string' } } });
const key = process.env.BENCH_SESSION_KEY;
if (!key) throw new Error('server-child: BENCH_SESSION_KEY is not set.');
if (!process.send) throw new Error('server-child: start me with an IPC channel.');

async function start(app) {
  if (app === 'ours' || app === 'server-sqlite' || app === 'server-redis') {
    const { startServer } = createRequire(import.meta.url)(path.join(root, 'dist/server/index.js'));
    // Server-side sessions: the store of the same kind the app would use (SQLite in a data dir, or Redis).
    const sessions =
      app === 'server-sqlite'
        ? { sessions: 'server', store: { kind: 'sqlite', file: path.join(process.env.BENCH_DATA_DIR ?? '', 'sessions.sqlite') } }
        : app === 'server-redis'
          ? { sessions: 'server', store: { kind: 'redis', url: process.env.BENCH_REDIS_URL } }
          : {};
    // A write limit the load never reaches: its cost per request stays in the figures.
    const server = await startServer({
      keys: [key],
      port: 0,
      labDir: path.join(root, 'dist/renderer'),
      dataDir: values['data-dir'],
      todoWritesPerMinute: 1_000_000_000,
      ...sessions,
    });
    const notice = await server.todoNotice;
    if (values['data-dir'] !== undefined && notice !== null) throw new Error(`server-child: the to-do database did not open cleanly: ${notice}`);
    return { url: server.url, close: () => server.close() };
  }
  if (app === 'bare' || app === 'hardened') {
    const server = http.createServer((app === 'bare' ? createBareApp : createHardenedApp)([key]));
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return {
      url: `http://127.0.0.1:${server.address().port}`,
      close: () =>
        new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }
  throw new Error(`server-child: --app must be "ours", "bare", "hardened", "server-sqlite" or "server-redis", not ${JSON.stringify(app)}.`);
}

function memory() {
  // Two passes: the first may only queue finalizers that the second collects.
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers, gc: typeof globalThis.gc === 'function' };
}

const server = await start(values.app);
process.on('message', (message) => {
  if (message?.type === 'memory') process.send({ type: 'memory', ...memory() });
  if (message?.type === 'cpu') process.send({ type: 'cpu', ...process.cpuUsage() });
  if (message?.type === 'close') void server.close().then(() => process.exit(0));
});
// The bench going away (Ctrl-C, a crash) must not leave a server behind.
process.on('disconnect', () => process.exit(0));
process.send({ type: 'listening', url: server.url });
