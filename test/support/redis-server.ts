// A real redis-server for one suite: Debian's binary on a free loopback port,
// its files in a temporary folder, stopped (and removed) after. Kill, stop and
// restart it mid-test to see what the lab's server does without its store.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? 'redis-server';

/** Why the Redis suites cannot run here, or null when they can. */
export const redisMissing: string | null =
  spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' }).status === 0
    ? null
    : `redis-server is not installed (apt-get install redis-server, or set REDIS_SERVER_PATH).`;

export interface TestRedis {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** SIGKILL: a crash; what was fsynced to the append-only file survives. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that hangs without closing its connections. */
  pause(): void;
  resume(): void;
  /** Whether it runs now (not killed or stopped). */
  readonly running: boolean;
  /** Starts it again on the same port with the same files. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      // PING: a Redis still loading its file answers LOADING, not PONG.
      socket.write('PING\r\n');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    socket.once('error', () => resolve(false));
  });
}

/** appendfsync always: Redis answers a write only once it is on disk, so nothing it acknowledged is lost to a SIGKILL. */
export async function startRedis(): Promise<TestRedis> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const exited = new Map<ChildProcess, Promise<void>>();

  const start = async (): Promise<void> => {
    // A second one would fail to bind while the first answers for it, and the first would be lost track of.
    if (child !== null) throw new Error(`redis-server is already running on 127.0.0.1:${port}.`);
    const proc = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir, '--protected-mode', 'yes'],
      { stdio: 'ignore' },
    );
    child = proc;
    // A test run or a bench cut short must not leave a redis-server behind.
    const orphaned = () => proc.kill('SIGKILL');
    process.once('exit', orphaned);
    exited.set(
      proc,
      new Promise((resolve) =>
        proc.once('exit', () => {
          process.removeListener('exit', orphaned);
          resolve();
        }),
      ),
    );
    const deadline = Date.now() + 10_000;
    while (!(await accepting(port))) {
      if (proc.exitCode !== null || Date.now() > deadline) {
        child = null;
        proc.kill('SIGKILL');
        throw new Error(`redis-server did not start on 127.0.0.1:${port}.`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const signal = async (name: NodeJS.Signals): Promise<void> => {
    const proc = child;
    if (proc === null) return;
    child = null;
    proc.kill('SIGCONT');
    proc.kill(name);
    await exited.get(proc);
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    dir,
    get running() {
      return child !== null;
    },
    kill: () => signal('SIGKILL'),
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    start,
    async stop() {
      await signal('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
