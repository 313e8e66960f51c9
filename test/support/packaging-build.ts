// Packages the app the way `npm run pack` does, but runnable on a machine where
// the Electron binary cannot be downloaded: electron-builder gets a stand-in
// `electronDist` and writes to a temporary folder, never to release/ or the
// shared dist/ (which is rebuilt in place, not cleaned).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(__dirname, '..', '..');

// @electron/fuses' wire layout: this sentinel, then the wire version (1), the
// number of fuses, and one byte per fuse: '0' off, '1' on, 'r' removed.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * The stand-in binary starts with Electron's own default fuse states, so a fuse
 * reads hardened afterwards only if electron-builder flipped it:
 * RunAsNode on, CookieEncryption off, NodeOptions on, NodeCliInspect on,
 * EmbeddedAsarIntegrity off, OnlyLoadAppFromAsar off, BrowserV8Snapshot off,
 * GrantFileProtocolExtraPrivileges on.
 */
export const ELECTRON_DEFAULT_FUSES = '10110001';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, collecting its output; rejects only if it cannot start. */
export function runCommand(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? root, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A folder shaped like an unpacked Linux Electron zip: an executable named
 * `electron` (a shell script that refuses to run, carrying a fuse wire) and an
 * empty resources/.
 */
export function makeStandInElectron(dir: string): string {
  const dist = path.join(dir, 'electron-stand-in');
  fs.mkdirSync(path.join(dist, 'resources'), { recursive: true });
  const script = '#!/bin/sh\necho "Stand-in for the Electron binary (packaging test); it cannot run the app." >&2\nexit 1\n';
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES, 'latin1'),
  ]);
  fs.writeFileSync(path.join(dist, 'electron'), Buffer.concat([Buffer.from(script), wire]), { mode: 0o755 });
  return dist;
}

/** The fuse wire of a binary, one character per fuse ('0', '1' or 'r'), in @electron/fuses' order. */
export function readFuseWire(binary: string): string {
  const bytes = fs.readFileSync(binary);
  const at = bytes.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at === -1) throw new Error(`${binary} has no fuse wire`);
  const start = at + FUSE_SENTINEL.length;
  if (bytes[start] !== 1) throw new Error(`${binary}: unknown fuse wire version ${bytes[start]}`);
  const length = bytes[start + 1] ?? 0;
  return bytes.toString('latin1', start + 2, start + 2 + length);
}

export interface PackagedApp {
  /** release/linux-unpacked's equivalent in the temp dir. */
  appOutDir: string;
  asarPath: string;
  executable: string;
  log: string;
}

/** `node scripts/build.mjs`, then `electron-builder --linux dir --x64` into outDir with a stand-in Electron. */
export async function packageApp(workDir: string): Promise<PackagedApp> {
  const built = await runCommand(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
  if (built.code !== 0) throw new Error(`scripts/build.mjs failed:\n${built.stderr}`);

  const electronDist = makeStandInElectron(workDir);
  const outDir = path.join(workDir, 'release');
  const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  // Nothing may reach for a token or a signing identity in a test build; and
  // electron-builder silences its log when it sees VITEST, but the test reads it.
  for (const key of Object.keys(env)) {
    if (/^(VITEST|FORCE_COLOR$|GH_TOKEN$|GITHUB_TOKEN$|CSC_)/.test(key)) delete env[key];
  }
  const result = await runCommand(
    process.execPath,
    [cli, '--linux', 'dir', '--x64', '--projectDir', root, `-c.directories.output=${outDir}`, `-c.electronDist=${electronDist}`],
    { env },
  );
  const log = `${result.stdout}${result.stderr}`;
  if (result.code !== 0) throw new Error(`electron-builder failed (exit ${result.code}):\n${log}`);

  const appOutDir = path.join(outDir, 'linux-unpacked');
  return {
    appOutDir,
    asarPath: path.join(appOutDir, 'resources', 'app.asar'),
    executable: path.join(appOutDir, 'session-lab'),
    log,
  };
}

export interface RunningPackagedServer {
  url: string;
  stderr: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>;
  /** Sends SIGKILL (a crash: no handler runs) and resolves once the process is gone. */
  kill: () => Promise<void>;
}

/**
 * Starts `node <serveJs> --port 0` with a clean environment (no NODE_PATH, so
 * modules resolve only from beside the extracted app) and waits for its
 * "Listening on …" line. `wrap` runs it through another command that ends by
 * exec-ing it (so signals still reach the server itself).
 */
export async function startPackagedServer(serveJs: string, env: NodeJS.ProcessEnv, wrap: string[] = []): Promise<RunningPackagedServer> {
  const base = { ...process.env };
  for (const key of ['NODE_PATH', 'NODE_OPTIONS', 'SESSION_SECRET', 'PORT']) delete base[key];
  const [command = process.execPath, ...args] = [...wrap, process.execPath, serveJs, '--port', '0'];
  const child: ChildProcessWithoutNullStreams = spawn(command, args, {
    cwd: path.dirname(serveJs),
    env: { ...base, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const settle = (err: Error | null, value = ''): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err === null) resolve(value);
      else {
        child.kill('SIGKILL');
        reject(err);
      }
    };
    const timer = setTimeout(() => settle(new Error(`no "Listening on" line within 15 s; stderr:\n${stderr}`)), 15_000);
    child.stdout.on('data', () => {
      const match = /^Listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (match?.[1] !== undefined) settle(null, match[1]);
      else if (stdout.includes('\n')) settle(new Error(`unexpected first line: ${stdout.split('\n')[0]}`));
    });
    void exited.then((code) => settle(new Error(`server exited with ${code} before listening; stderr:\n${stderr}`)));
  });

  // serve.js installs its SIGTERM handler just after printing the line; one
  // answered request proves it has, so stop() is a clean shutdown, not a kill.
  await (await fetch(`${url}/`)).text();

  return {
    url,
    stderr: () => stderr,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs `node <serveJs> --port 0` expecting it to refuse to start; resolves with its exit code and stderr. */
export async function refusedStart(serveJs: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const base = { ...process.env };
  for (const key of ['NODE_PATH', 'NODE_OPTIONS', 'SESSION_SECRET', 'PORT']) delete base[key];
  return runCommand(process.execPath, [serveJs, '--port', '0'], { cwd: path.dirname(serveJs), env: { ...base, ...env } });
}
