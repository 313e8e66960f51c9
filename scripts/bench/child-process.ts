// Spawning the bench's helper processes: plain Node (no tsx loader), optionally
// pinned to one CPU with taskset, with an IPC channel for typed messages.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const BENCH_DIR = __dirname;
export const ROOT = path.resolve(BENCH_DIR, '../..');

export const hasTaskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;

export interface NodeChildOptions {
  /** Node flags before the script (e.g. --expose-gc). */
  nodeArgs?: string[];
  /** Pin to this CPU (taskset -c); ignored where taskset is missing. */
  cpu?: number | null;
  env?: NodeJS.ProcessEnv;
}

/** A clean environment for children: whatever loader runs the bench must not follow them. */
function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

export function spawnNode(script: string, args: string[], options: NodeChildOptions = {}): ChildProcess {
  const argv = [...(options.nodeArgs ?? []), path.join(BENCH_DIR, script), ...args];
  const pinned = options.cpu !== undefined && options.cpu !== null && hasTaskset;
  const [command, commandArgs] = pinned ? ['taskset', ['-c', String(options.cpu), process.execPath, ...argv]] : [process.execPath, argv];
  return spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: childEnv(options.env) });
}

/** The next IPC message of `type` from `child`; rejects if the child exits first. */
export function nextMessage<T extends { type: string }>(child: ChildProcess, type: T['type'], timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type) {
        cleanup();
        resolve(message as T);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      reject(new Error(`${child.spawnargs.join(' ')} exited (${signal ?? code}) before sending "${type}".`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`No "${type}" message within ${timeoutMs} ms from ${child.spawnargs.join(' ')}.`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Runs a script to completion and returns its stdout; a non-zero exit is an error. */
export function runNode(script: string, args: string[], options: NodeChildOptions = {}): Promise<string> {
  const child = spawnNode(script, args, options);
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited (${signal ?? code}).`))));
  });
}

export function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
