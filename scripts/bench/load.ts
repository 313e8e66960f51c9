// Load runs against /counter: a server child, an autocannon child, and a real signed session.
import type { ChildProcess } from 'node:child_process';
import { nextMessage, spawnNode, waitForExit } from './child-process';

/**
 * ours: dist/server (client-side sessions); bare and hardened: the floors in
 * bare-app.mjs; server-sqlite and server-redis: dist/server with server-side
 * sessions on SQLite (a temporary data dir) and on Redis (BENCH_REDIS_URL).
 */
export type AppName = 'ours' | 'bare' | 'hardened' | 'server-sqlite' | 'server-redis';

export interface MemoryReading {
  type: 'memory';
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  gc: boolean;
}

export interface AppServer {
  app: AppName;
  url: string;
  memory(): Promise<MemoryReading>;
  /** The server process's CPU time so far, user + system, in µs. */
  cpuUs(): Promise<number>;
  close(): Promise<void>;
}

export interface LoadResult {
  type: 'result';
  requestsPerSecond: { mean: number; stddev: number; min: number; max: number };
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  bytesPerSecond: number;
  requests: number;
  durationS: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** The load generator's CPU time, µs. */
  cpuUs: number;
}

export interface LoadOptions {
  url: string;
  cookie: string;
  connections: number;
  /** Seconds; ignored when `amount` is given. */
  duration?: number;
  amount?: number;
  cpu?: number | null;
}

/**
 * @param dataDir ours only: open the to-do database there (none by default).
 * @param env more environment for the server's process (server-side sessions' data dir or Redis URL).
 */
export async function startAppServer(app: AppName, key: string, cpu: number | null = null, dataDir?: string, env: NodeJS.ProcessEnv = {}): Promise<AppServer> {
  const child: ChildProcess = spawnNode('server-child.mjs', ['--app', app, ...(dataDir === undefined ? [] : ['--data-dir', dataDir])], {
    nodeArgs: ['--expose-gc'],
    cpu,
    env: { ...env, BENCH_SESSION_KEY: key },
  });
  const { url } = await nextMessage<{ type: 'listening'; url: string }>(child, 'listening', 30_000);
  return {
    app,
    url,
    memory: () => {
      const reply = nextMessage<MemoryReading>(child, 'memory');
      child.send({ type: 'memory' });
      return reply;
    },
    cpuUs: async () => {
      const reply = nextMessage<{ type: 'cpu'; user: number; system: number }>(child, 'cpu');
      child.send({ type: 'cpu' });
      const { user, system } = await reply;
      return user + system;
    },
    close: async () => {
      if (child.connected) child.send({ type: 'close' });
      await waitForExit(child);
    },
  };
}

/** One autocannon run on GET /counter with `cookie` replayed on every request. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const config = {
    url: `${options.url}/counter`,
    connections: options.connections,
    headers: { cookie: options.cookie },
    ...(options.amount === undefined ? { duration: options.duration ?? 10 } : { amount: options.amount }),
  };
  const child = spawnNode('load-child.mjs', [JSON.stringify(config)], { cpu: options.cpu ?? null });
  const result = await nextMessage<LoadResult>(child, 'result', ((options.duration ?? 0) + 300) * 1000);
  await waitForExit(child);
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result.ok === 0) {
    throw new Error(`Load on ${config.url} was not all 200s: ${result.ok} ok, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts.`);
  }
  return result;
}

/** `previous` with the pairs a response set (name=value only), as a browser would send them next. */
export function cookieHeader(res: Response, previous: string): string {
  const set = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (set.length === 0) return previous;
  const pairs = new Map(previous === '' ? [] : previous.split('; ').map((p) => [p.split('=')[0]!, p] as const));
  for (const pair of set) pairs.set(pair.split('=')[0]!, pair);
  return [...pairs.values()].join('; ');
}

/** A real signed session from our server: log in, count one visit, keep the cookie pair (or, server-side, the ID cookie). */
export async function signedSession(url: string, expect: RegExp = /lab_session=[^;]+; lab_session\.sig=/): Promise<string> {
  const login = await fetch(`${url}/login`, { method: 'POST', body: new URLSearchParams({ username: 'bench' }), redirect: 'manual' });
  if (login.status !== 302) throw new Error(`POST /login answered ${login.status}, not 302.`);
  let cookie = cookieHeader(login, '');
  const counter = await fetch(`${url}/counter`, { headers: { cookie } });
  await counter.text();
  cookie = cookieHeader(counter, cookie);
  if (!expect.test(cookie)) throw new Error(`No signed session cookie from ${url}: ${cookie}`);
  return cookie;
}

/** Both apps must accept the session and answer the same page, or the comparison means nothing. */
export async function checkCounter(url: string, cookie: string): Promise<number> {
  const res = await fetch(`${url}/counter`, { headers: { cookie } });
  const body = await res.text();
  if (res.status !== 200 || !body.includes('Number of visits: 2')) {
    throw new Error(`GET ${url}/counter with the session answered ${res.status}: ${body.slice(0, 200)}`);
  }
  return Buffer.byteLength(body);
}
