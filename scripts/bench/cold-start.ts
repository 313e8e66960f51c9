// Server cold start, each run in a fresh process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runNode } from './child-process';
import { log } from './log';
import type { Options } from './options';
import { median } from './stats';

export interface ColdStartSample {
  /** Process start → first line of the script (Node's own boot). */
  scriptStartMs: number;
  /** require() of the server (or express + cookie-session for the bare app). */
  importMs: number;
  /** startServer() / listen() until listening. */
  listenMs: number;
  /** import → listening: importMs + listenMs. */
  totalMs: number;
  /** listening → the to-do database open (ours-data); ~0 for the others, which open none. */
  todosReadyMs: number;
}

export type ColdStartApp = 'ours' | 'ours-data' | 'bare';

export async function coldStart(app: ColdStartApp, key: string): Promise<ColdStartSample> {
  const dataDir = app === 'ours-data' ? fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-bench-')) : null;
  try {
    const out = await runNode('cold-start-child.mjs', ['--app', app, ...(dataDir ? ['--data-dir', dataDir] : [])], { env: { BENCH_SESSION_KEY: key } });
    return JSON.parse(out.trim()) as ColdStartSample;
  } finally {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * For context: `node dist/server/serve.js --port 0` from spawn() to its first
 * stdout line ("Listening on …"), as a user or a script waiting for it sees it.
 * It loads the key and opens the to-do database in a fresh data directory.
 */
export async function serveToListening(key: string): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env, SESSION_SECRET: key, SESSION_LAB_DATA_DIR: dataDir };
  delete env.NODE_OPTIONS;
  delete env.SESSION_PREVIOUS_SECRETS;
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/serve.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  try {
    return await new Promise<number>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('\n')) {
          const ms = performance.now() - t0;
          if (out.startsWith('Listening on ')) resolve(ms);
          else reject(new Error(`serve.js printed ${JSON.stringify(out)} instead of "Listening on …"`));
        }
      });
      child.on('exit', (code) => reject(new Error(`serve.js exited (${code}) before listening: ${err}`)));
    });
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface ColdStartFigures {
  runs: number;
  samples: Record<ColdStartApp, ColdStartSample[]>;
  median: Record<ColdStartApp, ColdStartSample>;
  serveSpawnToListening: { samples: number[]; medianMs: number };
}

export async function measureColdStarts(o: Options, key: string): Promise<ColdStartFigures> {
  const apps: ColdStartApp[] = ['ours', 'ours-data', 'bare'];
  const samples: Record<ColdStartApp, ColdStartSample[]> = { ours: [], 'ours-data': [], bare: [] };
  const serve: number[] = [];
  // One throwaway start of each kind: the first reads every file from disk, not from the page cache.
  for (const app of apps) await coldStart(app, key);
  await serveToListening(key);
  log(`cold starts: ${o.coldRuns} fresh processes each`);
  for (let i = 0; i < o.coldRuns; i++) {
    for (const app of apps) samples[app].push(await coldStart(app, key));
    serve.push(await serveToListening(key));
  }
  const med = (list: ColdStartSample[]) => ({
    scriptStartMs: median(list.map((s) => s.scriptStartMs)),
    importMs: median(list.map((s) => s.importMs)),
    listenMs: median(list.map((s) => s.listenMs)),
    totalMs: median(list.map((s) => s.totalMs)),
    todosReadyMs: median(list.map((s) => s.todosReadyMs)),
  });
  return {
    runs: o.coldRuns,
    samples,
    median: { ours: med(samples.ours), 'ours-data': med(samples['ours-data']), bare: med(samples.bare) },
    serveSpawnToListening: { samples: serve, medianMs: median(serve) },
  };
}
