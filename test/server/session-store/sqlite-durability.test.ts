// The SQLite session store across restarts and crashes of a real
// `node dist/server/serve.js --sessions server` process (SIGTERM and SIGKILL),
// and its sweep of expired rows.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionData } from 'express-session';
import { openSqliteSessionStore } from '../../../server/session-store/sqlite-session-store';
import { BrowserClient, paragraphs } from '../../support/browser-client';
import { tempDir } from '../../support/temp-dir';
import { strongKey } from '../../support/test-keys';

const SERVE = path.resolve('dist/server/serve.js');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

interface Serving {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
}

/** Starts serve.js on a free port and resolves with its URL from the "Listening on" line. */
function serve(dataDir: string, key: string, port = 0): Promise<Serving> {
  if (!fs.existsSync(SERVE)) throw new Error('dist/ is not built: run "node scripts/build.mjs" first (npm test does).');
  const child = spawn(process.execPath, [SERVE, '--sessions', 'server', '--port', String(port)], {
    env: { ...process.env, SESSION_LAB_DATA_DIR: dataDir, SESSION_SECRET: key, SESSION_KIND: '', SESSION_STORE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const url = /^Listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
      if (url) resolve({ child, url, exited });
    });
    child.once('exit', (code) => reject(new Error(`serve.js exited with ${code}: ${err}`)));
  });
}

const portOf = (url: string) => Number(new URL(url).port);

describe('the SQLite session store, durable', () => {
  it('sessions survive a restart (SIGTERM) and a crash (SIGKILL) of the server process', async () => {
    const [dir, key] = [tempDir(), strongKey()];
    let running = await serve(dir, key);
    const c = new BrowserClient(running.url);
    await c.postForm('/login', { username: 'alice' });
    for (const n of [1, 2, 3]) expect(paragraphs((await c.get('/counter')).text)).toEqual([`Number of visits: ${n}`]);

    running.child.kill('SIGTERM');
    await running.exited;
    running = await serve(dir, key, portOf(c.baseUrl));
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as alice']);
    expect(paragraphs((await c.get('/counter')).text)).toEqual(['Number of visits: 4']);

    // The last write was acknowledged a moment ago; the process gets no chance to close anything.
    running.child.kill('SIGKILL');
    await running.exited;
    expect(fs.existsSync(path.join(dir, 'sessions.sqlite-wal'))).toBe(true);
    running = await serve(dir, key, portOf(c.baseUrl));
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as alice']);
    expect(paragraphs((await c.get('/counter')).text)).toEqual(['Number of visits: 5']);
    expect(fs.statSync(path.join(dir, 'sessions.sqlite')).mode & 0o777).toBe(0o600);
  });

  it('killed in the middle of a stream of writes, it keeps every count it acknowledged', async () => {
    const [dir, key] = [tempDir(), strongKey()];
    const running = await serve(dir, key);
    const c = new BrowserClient(running.url);
    await c.postJson('/api/login', { username: 'bob' });
    let acknowledged = 0;
    let stop = false;
    const presser = (async () => {
      while (!stop) {
        try {
          const res = await c.postJson('/api/counter');
          if (res.status === 200) acknowledged = (JSON.parse(res.text) as { visits: number }).visits;
        } catch {
          return; // the server died under this request
        }
      }
    })();
    const deadline = Date.now() + 10_000;
    while (acknowledged < 50 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(acknowledged).toBeGreaterThanOrEqual(50);
    running.child.kill('SIGKILL');
    stop = true;
    await Promise.all([presser, running.exited]);

    const again = await serve(dir, key, portOf(c.baseUrl));
    expect(again.url).toBe(running.url);
    const next = JSON.parse((await c.postJson('/api/counter')).text) as { visits: number; username: string };
    expect(next.username).toBe('bob');
    // The write in flight when it died may have made it or not; none acknowledged was lost.
    expect(next.visits === acknowledged + 1 || next.visits === acknowledged + 2).toBe(true);
  });
});

describe('the SQLite session store, bounded in time', () => {
  const record = (expires: number, username?: string) =>
    ({
      cookie: { expires: new Date(expires).toISOString(), path: '/', httpOnly: true, originalMaxAge: 1000 },
      ...(username ? { username } : {}),
    }) as unknown as SessionData;
  const call = <T>(run: (done: (err?: unknown, value?: T) => void) => void) =>
    new Promise<T | undefined>((resolve, reject) => run((err, value) => (err ? reject(err as Error) : resolve(value))));

  it('an expired record is no session, and the sweep at open removes every expired row', async () => {
    const file = path.join(tempDir(), 'sessions.sqlite');
    let now = Date.parse('2026-01-01T00:00:00Z');
    const first = openSqliteSessionStore({ file, now: () => now });
    await call((done) => first.store.set('fresh', record(now + 60_000, 'amy'), done));
    await call((done) => first.store.set('stale', record(now + 1_000), done));
    await call((done) => first.store.set('old', record(now + 2_000), done));
    now += 5_000;
    expect(await call((done) => first.store.get('stale', done))).toBeNull();
    expect(await first.record('old')).toBeNull();
    expect(await call<SessionData | null>((done) => first.store.get('fresh', done))).toMatchObject({ username: 'amy' });
    await first.close();

    const second = openSqliteSessionStore({ file, now: () => now });
    await second.close();
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      expect(
        db
          .prepare('SELECT sid FROM sessions')
          .all()
          .map((r) => r.sid),
      ).toEqual(['fresh']);
    } finally {
      db.close();
    }
  });

  it('a file that is not a SQLite database is moved aside and a new one started, with a sentence in the log', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sessions.sqlite');
    fs.writeFileSync(file, 'this is not a database, just text that is long enough to not be one at all'.repeat(20));
    const logged: string[] = [];
    const handle = openSqliteSessionStore({ file, log: (m) => logged.push(m) });
    try {
      await call((done) => handle.store.set('a', record(Date.now() + 60_000, 'zoe'), done));
      expect(await handle.record('a')).toMatchObject({ json: expect.stringContaining('"zoe"') as unknown as string });
    } finally {
      await handle.close();
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      /^Session Lab: the sessions file .*sessions\.sqlite was not a SQLite database \(.*\); it was moved to .*sessions\.sqlite\.corrupt-.* and a new one started\. Everyone must log in again\.$/,
    );
    expect(fs.readdirSync(dir).some((f) => f.startsWith('sessions.sqlite.corrupt-'))).toBe(true);
  });
});
