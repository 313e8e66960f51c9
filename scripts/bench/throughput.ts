// Throughput and latency on GET /counter: ours, the bare app and the hardened
// floor (bare-app.mjs), each in its own server process, autocannon in another,
// the same signed session replayed to all three.
import { log } from './log';
import { checkCounter, runLoad, signedSession, startAppServer, type AppName, type AppServer, type LoadResult } from './load';
import { meterContention, waitForQuiet, type Contention } from './machine-load';
import type { Options } from './options';
import { median, round } from './stats';

export interface ThroughputRun {
  app: AppName;
  result: LoadResult;
  /** Server CPU time per request (µs): what the app's code costs, whoever else wants the CPUs. */
  serverCpuPerRequestUs: number;
  /** CPUs' worth the server and autocannon each got during the run (1 = one whole core). */
  serverCores: number;
  loadCores: number;
  /** What other processes used meanwhile; a disturbed run is retried (see MAX_TRIES). */
  contention: Contention | null;
  tries: number;
}

/** A load run during which other processes used more than this many cores is run again. */
const DISTURBED_CORES = 0.15;
const MAX_TRIES = 3;

export interface ThroughputFigures {
  order: AppName[];
  runs: ThroughputRun[];
  perApp: Record<'ours' | 'bare' | 'hardened', AppSummary>;
  /** ours ÷ bare, requests per second: the budget. */
  ratio: number;
  /** bare's CPU per request ÷ ours: the throughput ratio if the server had the CPU to itself. */
  cpuRatio: number;
  /** hardened ÷ bare: what the required hardening alone costs. */
  hardenedRatio: number;
  /** ours ÷ hardened: what the lab's own layers cost on top of it. */
  oursOverHardened: number;
  bodyBytes: Record<'ours' | 'bare' | 'hardened', number>;
}

const APPS = ['ours', 'bare', 'hardened'] as const satisfies readonly AppName[];

/** One app's medians over its runs. */
export interface AppSummary {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuPerRequestUs: number;
  runs: number;
}

/**
 * Warms each app up, then runs the load in ABCCBA order (no app always first or
 * last, so drift in the background load hits all alike), `o.rounds` times, each
 * app with its own cookie; a run disturbed by other processes is run again.
 */
export async function loadRounds<A extends AppName>(
  o: Options,
  apps: readonly A[],
  servers: Record<A, AppServer>,
  cookies: Record<A, string>,
  loadCpu: number | null,
): Promise<{ order: A[]; runs: ThroughputRun[]; perApp: Record<A, AppSummary> }> {
  const once = async (app: A, duration: number, tries: number): Promise<ThroughputRun> => {
    const before = await servers[app].cpuUs();
    const meter = meterContention();
    const result = await runLoad({ url: servers[app].url, cookie: cookies[app], connections: o.connections, duration, cpu: loadCpu });
    const contention = meter.stop();
    const used = (await servers[app].cpuUs()) - before;
    return {
      app,
      result,
      serverCpuPerRequestUs: used / result.requests,
      serverCores: used / (result.durationS * 1e6),
      loadCores: result.cpuUs / (result.durationS * 1e6),
      contention,
      tries,
    };
  };
  const load = async (app: A, duration: number): Promise<ThroughputRun> => {
    for (let tries = 1; ; tries++) {
      const run = await once(app, duration, tries);
      const other = run.contention?.otherCores ?? 0;
      if (other <= DISTURBED_CORES || tries === MAX_TRIES) return run;
      log(`other processes used ${round(other, 2)} cores during that run: running it again`);
      await waitForQuiet(o.quietWaitS, () => undefined);
    }
  };
  // Warm-up: let every JIT settle before anything counts.
  const warmupS = Math.min(3, o.durationS);
  for (const app of apps) {
    log(`warming up ${app} (${warmupS} s)`);
    await load(app, warmupS);
  }
  const order: A[] = Array.from({ length: o.rounds }, () => [...apps, ...[...apps].reverse()]).flat();
  const runs: ThroughputRun[] = [];
  for (const app of order) {
    log(`load on ${app}: ${o.connections} connections, ${o.durationS} s`);
    runs.push(await load(app, o.durationS));
  }
  const summary = (app: A): AppSummary => {
    const mine = runs.filter((r) => r.app === app);
    // Medians: one run disturbed by the machine does not move the figure.
    return {
      requestsPerSecond: median(mine.map((r) => r.result.requestsPerSecond.mean)),
      p50Ms: median(mine.map((r) => r.result.latencyMs.p50)),
      p99Ms: median(mine.map((r) => r.result.latencyMs.p99)),
      serverCpuPerRequestUs: median(mine.map((r) => r.serverCpuPerRequestUs)),
      runs: mine.length,
    };
  };
  return { order, runs, perApp: Object.fromEntries(apps.map((app) => [app, summary(app)])) as Record<A, AppSummary> };
}

export async function measureThroughput(o: Options, key: string): Promise<ThroughputFigures> {
  const cpus = o.pin ? { server: 0, load: 1 } : { server: null, load: null };
  const servers: Record<(typeof APPS)[number], AppServer> = {
    ours: await startAppServer('ours', key, cpus.server),
    bare: await startAppServer('bare', key, cpus.server),
    hardened: await startAppServer('hardened', key, cpus.server),
  };
  try {
    // Same key in both apps, so the very same signed cookie pair is replayed to each.
    const cookie = await signedSession(servers.ours.url);
    const bodyBytes = {
      ours: await checkCounter(servers.ours.url, cookie),
      bare: await checkCounter(servers.bare.url, cookie),
      hardened: await checkCounter(servers.hardened.url, cookie),
    };
    const { order, runs, perApp } = await loadRounds(o, APPS, servers, { ours: cookie, bare: cookie, hardened: cookie }, cpus.load);
    return {
      order,
      runs,
      perApp,
      ratio: perApp.ours.requestsPerSecond / perApp.bare.requestsPerSecond,
      cpuRatio: perApp.bare.serverCpuPerRequestUs / perApp.ours.serverCpuPerRequestUs,
      hardenedRatio: perApp.hardened.requestsPerSecond / perApp.bare.requestsPerSecond,
      oursOverHardened: perApp.ours.requestsPerSecond / perApp.hardened.requestsPerSecond,
      bodyBytes,
    };
  } finally {
    await Promise.all(APPS.map((app) => servers[app].close()));
  }
}
