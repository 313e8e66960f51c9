// `npm run serve` option parsing.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../server/serve-args';

const DATA = '/data/Session Lab';

describe('serve options', () => {
  it('defaults to port 5000 and client-side sessions', () => {
    expect(parseServeArgs([], {}, DATA)).toEqual({ port: 5000, help: false, sessions: 'client', store: null });
  });
  it('takes --sessions server (or SESSION_KIND=server) with a SQLite store in the data dir by default', () => {
    const sqlite = { kind: 'sqlite', file: path.join(DATA, 'sessions.sqlite') };
    expect(parseServeArgs(['--sessions', 'server'], {}, DATA)).toMatchObject({ sessions: 'server', store: sqlite });
    expect(parseServeArgs([], { SESSION_KIND: 'server' }, DATA)).toMatchObject({ sessions: 'server', store: sqlite });
    expect(parseServeArgs(['--sessions=client'], { SESSION_KIND: 'server' }, DATA)).toMatchObject({ sessions: 'client', store: null });
  });
  it('takes --store memory, sqlite or a redis:// URL, before SESSION_STORE', () => {
    expect(parseServeArgs(['--sessions', 'server', '--store', 'memory'], { SESSION_STORE: 'sqlite' }, DATA).store).toEqual({ kind: 'memory' });
    expect(parseServeArgs(['--sessions', 'server'], { SESSION_STORE: 'redis://127.0.0.1:6390/2' }, DATA).store).toEqual({
      kind: 'redis',
      url: 'redis://127.0.0.1:6390/2',
    });
    expect(parseServeArgs(['--sessions', 'server', '--store=redis://user:pw@localhost:6379'], {}, DATA).store).toEqual({
      kind: 'redis',
      url: 'redis://user:pw@localhost:6379',
    });
  });
  it.each([
    [
      ['--sessions', 'cookie'],
      {},
      '--sessions must be "client" (sessions in the signed cookie) or "server" (in a store, the cookie holding only an ID), not "cookie".',
    ],
    [
      [],
      { SESSION_KIND: 'both' },
      'SESSION_KIND must be "client" (sessions in the signed cookie) or "server" (in a store, the cookie holding only an ID), not "both".',
    ],
    [
      ['--sessions', 'server', '--store', 'postgres'],
      {},
      '--store must be "sqlite" (a file in the data dir, the default), "memory" (this process only) or a redis:// URL (redis://host:port/db), not "postgres".',
    ],
    [
      ['--sessions', 'server', '--store', ''],
      {},
      '--store must be "sqlite" (a file in the data dir, the default), "memory" (this process only) or a redis:// URL (redis://host:port/db), not "".',
    ],
    [
      ['--sessions', 'server'],
      { SESSION_STORE: 'redis://127.0.0.1:6379/zero' },
      'SESSION_STORE: the database after the port must be a number (0 to 15 by Redis\'s default), not "zero".',
    ],
    [
      ['--sessions', 'server', '--store', 'redis://[::1'],
      {},
      '--store is not a valid URL: "redis://[::1". Write it as redis://host:port/db, e.g. redis://127.0.0.1:6379/0.',
    ],
    [
      ['--store', 'memory'],
      {},
      '--store chooses where server-side sessions are stored, but sessions are client-side (in the cookie, no store). Add --sessions server (or SESSION_KIND=server), or leave --store out.',
    ],
    [
      [],
      { SESSION_STORE: 'memory' },
      'SESSION_STORE chooses where server-side sessions are stored, but sessions are client-side (in the cookie, no store). Add --sessions server (or SESSION_KIND=server), or leave SESSION_STORE out.',
    ],
  ])('refuses %j with %j, saying why', (argv, env, message) => {
    expect(() => parseServeArgs(argv, env, DATA)).toThrow(message);
  });
  it('takes --port N, --port=N and -p N, before PORT', () => {
    expect(parseServeArgs(['--port', '8080'], { PORT: '9000' }).port).toBe(8080);
    expect(parseServeArgs(['--port=8081'], {}).port).toBe(8081);
    expect(parseServeArgs(['-p', '8082'], {}).port).toBe(8082);
    expect(parseServeArgs([], { PORT: '9000' }).port).toBe(9000);
  });
  it.each(['abc', '-1', '65536', '80.5', ''])('refuses --port %j', (value) => {
    expect(() => parseServeArgs([`--port=${value}`], {})).toThrow(/--port must be a port number from 0 to 65535/);
  });
  it('refuses a bad PORT, naming it', () => {
    expect(() => parseServeArgs([], { PORT: 'http' })).toThrow('PORT must be a port number from 0 to 65535, not "http".');
  });
  it('refuses unknown options and shows the usage', () => {
    expect(() => parseServeArgs(['--bogus'], {})).toThrow(/Unknown option '--bogus'[\s\S]*Usage: npm run serve/);
  });
});
