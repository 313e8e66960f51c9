// Server-side sessions against client-side ones, on GET /counter, in the same
// run: Session Lab's server with cookie-session, and with express-session on
// SQLite (a temporary data dir) and on Redis (a redis-server of the bench's own,
// as the tests run it: append-only, fsync on every write). Each app in its own
// process, autocannon in another, ABCCBA rounds, medians.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { redisMissing, startRedis, type TestRedis } from '../../test/support/redis-server';
import { checkCounter, signedSession, startAppServer, type AppServer } from './load';
import type { Options } from './options';
import { loadRounds, type AppSummary, type ThroughputRun } from './throughput';

export const SESSION_APPS = ['ours', 'server-sqlite', 'server-redis'] as const;
export type SessionApp = (typeof SESSION_APPS)[number];

export interface SessionFigures {
  order: SessionApp[];
  runs: ThroughputRun[];
  perApp: Partial<Record<SessionApp, AppSummary>>;
  /** Server-side on SQLite ÷ client-side, requests per second: the budget. */
  sqliteRatio: number;
  /** Server-side on Redis ÷ client-side; null when Redis was not there to measure. */
  redisRatio: number | null;
  /** Why Redis was not measured, or null. */
  redisSkipped: string | null;
}

export async function measureSessions(o: Options, key: string): Promise<SessionFigures> {
  const cpus = o.pin ? { server: 0, load: 1 } : { server: null, load: null };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-bench-'));
  const redis: TestRedis | null = redisMissing ? null : await startRedis();
  const apps: SessionApp[] = redis === null ? ['ours', 'server-sqlite'] : [...SESSION_APPS];
  const servers: Partial<Record<SessionApp, AppServer>> = {};
  try {
    const env = { BENCH_DATA_DIR: dataDir, ...(redis === null ? {} : { BENCH_REDIS_URL: redis.url }) };
    for (const app of apps) servers[app] = await startAppServer(app, key, cpus.server, undefined, env);
    const cookies: Partial<Record<SessionApp, string>> = {};
    for (const app of apps) {
      const url = servers[app]!.url;
      // A real session on each: client-side the signed pair, server-side the signed ID (its record in the store).
      cookies[app] = await signedSession(url, app === 'ours' ? undefined : /lab_sid=s%3A/);
      await checkCounter(url, cookies[app]);
    }
    const { order, runs, perApp } = await loadRounds(o, apps, servers as Record<SessionApp, AppServer>, cookies as Record<SessionApp, string>, cpus.load);
    const client = perApp.ours.requestsPerSecond;
    return {
      order,
      runs,
      perApp,
      sqliteRatio: perApp['server-sqlite'].requestsPerSecond / client,
      redisRatio: redis === null ? null : perApp['server-redis'].requestsPerSecond / client,
      redisSkipped: redisMissing,
    };
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.close()));
    await redis?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
