// `npm run serve` as a person runs it: a child process, real signals, real ports.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BrowserClient, paragraphs } from '../support/browser-client';
import { strongKey } from '../support/test-keys';

const root = path.resolve(__dirname, '..', '..');
const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) signalJob(child, 'SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function serve(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-serve-'));
  dirs.push(dataDir);
  const baseEnv = { ...process.env };
  delete baseEnv.SESSION_SECRET;
  delete baseEnv.PORT;
  const child = spawn('npm', ['run', 'serve', '--', ...args], {
    cwd: root,
    env: { ...baseEnv, SESSION_LAB_DATA_DIR: dataDir, ...env },
    // Its own process group, like a terminal job: Ctrl-C signals the whole group.
    detached: true,
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Signals the job's whole process group, as a terminal's Ctrl-C or `kill %1` does. */
function signalJob(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): void {
  try {
    process.kill(-(child.pid ?? 0), signal);
  } catch {
    // Already gone.
  }
}

/**
 * What npm prints on stdout when the script fails: the project's .npmrc puts npm
 * in JSON mode (so its banner goes to stderr), and in that mode npm reports a
 * failed script as one JSON error object. Nothing of the server's own reaches stdout.
 */
function npmFailureOnly(run: Run): unknown {
  return JSON.parse(run.stdout());
}

async function firstLine(run: Run): Promise<string> {
  await expect.poll(() => run.stdout().includes('\n') || run.child.exitCode !== null, { timeout: 30_000 }).toBe(true);
  return run.stdout().split('\n')[0] ?? '';
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('npm run serve', () => {
  it('prints "Listening on http://127.0.0.1:<port>" first, serves the tutorial, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const run = serve(['--port', String(port)]);
    expect(await firstLine(run)).toBe(`Listening on http://127.0.0.1:${port}`);

    const c = new BrowserClient(`http://127.0.0.1:${port}`);
    await c.postForm('/login', { username: 'alice' });
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as alice']);
    expect(paragraphs((await c.get('/counter')).text)).toEqual(['Number of visits: 1']);

    signalJob(run.child, 'SIGTERM');
    // npm may exit before the server's last words reach the pipe (it re-raises
    // the signal itself): wait for the server to say it stopped and free the port.
    await expect.poll(() => run.stderr(), { timeout: 10_000 }).toContain('Stopped (SIGTERM).');
    await expect.poll(() => portIsFree(port), { timeout: 10_000 }).toBe(true);
  });

  it('the server process itself exits with status 0 on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-serve-'));
    dirs.push(dataDir);
    const child = spawn(process.execPath, [path.join(root, 'dist', 'server', 'serve.js'), '--port', '0'], {
      env: { ...process.env, SESSION_SECRET: '', SESSION_LAB_DATA_DIR: dataDir },
    });
    children.push(child);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    await expect.poll(() => out, { timeout: 15_000 }).toMatch(/^Listening on /);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('stops cleanly on Ctrl-C (SIGINT)', async () => {
    const run = serve(['--port', '0']);
    expect(await firstLine(run)).toMatch(/^Listening on http:\/\/127\.0\.0\.1:\d+$/);
    signalJob(run.child, 'SIGINT');
    await expect.poll(() => run.stderr(), { timeout: 10_000 }).toContain('Stopped (SIGINT).');
  });

  it('takes the port from PORT when --port is not given', async () => {
    const port = await freePort();
    const run = serve([], { PORT: String(port) });
    expect(await firstLine(run)).toBe(`Listening on http://127.0.0.1:${port}`);
  });

  it('keeps logins across a restart with the generated key', async () => {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-serve-'));
    dirs.push(dataDir);
    const first = serve(['--port', String(port)], { SESSION_LAB_DATA_DIR: dataDir });
    await firstLine(first);
    const c = new BrowserClient(`http://127.0.0.1:${port}`);
    await c.postForm('/login', { username: 'alice' });
    signalJob(first.child, 'SIGTERM');
    await first.exited;
    await expect.poll(() => portIsFree(port), { timeout: 10_000 }).toBe(true);

    const second = serve(['--port', String(port)], { SESSION_LAB_DATA_DIR: dataDir });
    await firstLine(second);
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as alice']);
  });

  it('a port already in use is a clear error and a non-zero exit', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const run = serve(['--port', String(port)]);
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toContain(`Session Lab cannot start: Port ${port} on 127.0.0.1 is already in use.`);
      expect(npmFailureOnly(run)).toEqual({ error: { code: 1, summary: '', detail: '' } });
    } finally {
      blocker.close();
    }
  });

  it('a weak SESSION_SECRET is refused at start with how to make a good one', async () => {
    const run = serve(['--port', '0'], { SESSION_SECRET: 'your_very_secret_key' });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('Session Lab cannot start: SESSION_SECRET is refused: it is a well-known');
    expect(run.stderr()).toContain('randomBytes(32)');
    expect(npmFailureOnly(run)).toEqual({ error: { code: 2, summary: '', detail: '' } });
  });

  it('a strong SESSION_SECRET is used', async () => {
    const run = serve(['--port', '0'], { SESSION_SECRET: strongKey() });
    expect(await firstLine(run)).toMatch(/^Listening on /);
    await expect.poll(() => run.stderr()).toContain('Signing with SESSION_SECRET.');
  });

  it.each([['--port', 'abc'], ['--port', '70000'], ['--bogus']])('bad arguments %j are refused with a message', async (...args) => {
    const run = serve(args);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(/Session Lab cannot start: (--port must be a port number from 0 to 65535|Unknown option)/);
  });

  it.each([
    [
      ['--sessions', 'nope'],
      {},
      'Session Lab cannot start: --sessions must be "client" (sessions in the signed cookie) or "server" (in a store, the cookie holding only an ID), not "nope".',
    ],
    [
      ['--sessions', 'server', '--store', 'mysql://x'],
      {},
      'Session Lab cannot start: --store must be "sqlite" (a file in the data dir, the default), "memory" (this process only) or a redis:// URL (redis://host:port/db), not "mysql://x".',
    ],
    [[], { SESSION_STORE: 'memory' }, 'Session Lab cannot start: SESSION_STORE chooses where server-side sessions are stored, but sessions are client-side'],
    [
      ['--sessions', 'server'],
      { SESSION_IDLE_TIMEOUT: '60' },
      'Session Lab cannot start: SESSION_IDLE_TIMEOUT and SESSION_ABSOLUTE_TIMEOUT are for client-side sessions',
    ],
  ])('a bad session choice %j %j is refused at start with exit 2 and a sentence', async (args, env, message) => {
    const run = serve(['--port', '0', ...args], env);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(message);
    expect(run.stderr()).not.toMatch(/at .*\.js:\d+/);
  });

  it('--sessions server says where sessions are kept, and serves the tutorial from the store', async () => {
    const run = serve(['--port', '0', '--sessions', 'server']);
    const url = (await firstLine(run)).replace('Listening on ', '');
    await expect
      .poll(() => run.stderr())
      .toMatch(/Sessions are server-side: in the SQLite file .*sessions\.sqlite; the cookie \(lab_sid\) holds only their ID\./);
    const c = new BrowserClient(url);
    await c.postForm('/login', { username: 'serve' });
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as serve']);
    expect(await c.cookie('lab_sid')).toBeDefined();
  });

  it('--help lists the session options', async () => {
    const run = serve(['--help']);
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('--sessions K    where sessions live');
    expect(run.stdout()).toContain('redis://host:port/db  a Redis server, shared by every instance');
  });
});
