// Runs the built auditor CLI (dist/server/audit/cli.js) as a child process, as a
// script would: exact stdout, stderr and exit status (no npm in between).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** AUDIT_CLI points the same tests at another build (e.g. the CLI before a fix). */
export const BUILT_CLI = process.env.AUDIT_CLI ?? path.resolve('dist/server/audit/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  signal: NodeJS.Signals | null;
}

export function cli(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; nodeArgs?: string[]; timeoutMs?: number } = {}): CliRun {
  if (!fs.existsSync(BUILT_CLI)) throw new Error(`The CLI is not built at ${BUILT_CLI}: run "node scripts/build.mjs" first (npm test does).`);
  const spawnOptions: SpawnSyncOptions = {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...options.env },
  };
  if (options.input !== undefined) spawnOptions.input = options.input;
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BUILT_CLI, ...args], spawnOptions);
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), signal: r.signal };
}

/** No stack trace, no Node internals: what a user must never see. */
export const STACK = /\n\s+at .+:\d+|node:internal|Error: .*\n.*\^/;
