// `npm run bench`: Session Lab's performance figures against their budgets, side by
// side with bare Express + cookie-session, printed as a table and written to
// test-results/bench/report.json. A benchmark, not a test: `npm test` never runs it.
//
//   --duration S     seconds per throughput run (default 10; BENCH_DURATION)
//   --rounds N       throughput rounds, each running every app twice (default 3)
//   --clicks N       measured clicks in Chromium (default 50)
//   --cold-runs N    fresh processes per cold-start figure (default 10)
//   --pin            server on CPU 0, autocannon on CPU 1 (taskset) instead of letting them share
//   --quiet-wait S   wait up to S seconds (default 120) for other processes to leave the CPUs
//                    idle before each section; a section that starts busy is flagged
//   --quick          a smoke run: 1 round of 2 s loads, 10 clicks, 3 cold starts, 1k…10k memory requests
//   --strict         exit 1 when a budget is missed
//   --only A,B       run only these sections: cold-start, clicks, clicks-full-jar, throughput, sessions, memory,
//                    todos (the to-do writes), audit (the session-cookie auditor: guesses/s, floors,
//                    flask-unsign, 14M-line RSS) — no Chromium needed for those two; the bundle size is always read
//                    (the to-do writes stay 5 × 1,000 in --quick: their budgets are about the 5,000th item)
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUDGET, type Verdict } from './budgets';
import { bundleSizes, type FileSize } from './bundle-size';
import { ROOT } from './child-process';
import { measureClicks, type ClickRun } from './click-latency';
import { measureColdStarts, type ColdStartFigures } from './cold-start';
import { chromiumMissing } from '../../test/support/lab-harness';
import { log } from './log';
import { meterContention, QUIET_CORES, waitForQuiet, type Contention, type QuietCheck } from './machine-load';
import { live, measureMemory, type MemoryFigures } from './memory';
import { EXTRA_COOKIES, parseOptions, type Options, type Section } from './options';
import { printTable, writeJson, type Row } from './report';
import { mean, percentile, round } from './stats';
import type { AppName } from './load';
import { measureThroughput, type ThroughputFigures } from './throughput';
import { measureTodoWrites, SQLJS_RECORDED, todoRows, todoVerdicts, type TodoWriteFigures } from './todo-writes';
import { auditRows, judgeAudit, measureAudit, type AuditFigures } from './audit';
import { measureSessions, type SessionFigures } from './sessions';

const REPORT_FILE = path.join(ROOT, 'test-results', 'bench', 'report.json');

const ms = (x: number) => `${round(x, 1)} ms`;
const mb = (bytes: number) => `${round(bytes / 1024 / 1024, 1)} MB`;
const kb = (bytes: number) => `${round(bytes / 1000, 1)} kB`;
const pct = (f: number) => `${f >= 0 ? '+' : ''}${round(f * 100, 1)} %`;
const thousands = (n: number) => `${n / 1000}k`;

interface Figures {
  cold?: ColdStartFigures;
  clicks?: ClickRun;
  /** The same clicks with EXTRA_COOKIES more cookies in the jar. */
  clicksFullJar?: ClickRun;
  load?: ThroughputFigures;
  sessions?: SessionFigures;
  memory?: MemoryFigures;
  todos?: TodoWriteFigures;
  audit?: AuditFigures;
  bundle: FileSize[];
}

/** The click samples as percentiles. */
function clickSummary(clicks: ClickRun) {
  const dom = clicks.samples.map((s) => s.domMs);
  const frame = clicks.samples.map((s) => s.frameMs);
  const jar = clicks.samples.map((s) => s.jarMs);
  const bridge = clicks.samples.flatMap((s) => (s.bridgeCallMs === null ? [] : [s.bridgeCallMs]));
  const paint = clicks.samples.flatMap((s) => (s.paintMs === null ? [] : [s.paintMs]));
  return {
    click: {
      p50Ms: percentile(dom, 50),
      p95Ms: percentile(dom, 95),
      maxMs: Math.max(...dom),
      frameP50Ms: percentile(frame, 50),
      frameP95Ms: percentile(frame, 95),
      samplesMs: dom,
      frameSamplesMs: frame,
    },
    inspector: {
      p50Ms: percentile(jar, 50),
      p95Ms: percentile(jar, 95),
      maxMs: Math.max(...jar),
      samplesMs: jar,
      bridgeCall: bridge.length === 0 ? null : { p50Ms: percentile(bridge, 50), p95Ms: percentile(bridge, 95), samplesMs: bridge },
      pagePaint: paint.length === 0 ? null : { p50Ms: percentile(paint, 50), p95Ms: percentile(paint, 95), samplesMs: paint },
    },
  };
}

type InspectorSummary = ReturnType<typeof clickSummary>['inspector'];
const p50p95 = (figure: { p50Ms: number; p95Ms: number } | null) => (figure === null ? 'not timed' : `${ms(figure.p50Ms)} / ${ms(figure.p95Ms)}`);
/** What the jar figure is made of: the harness's bridge call, and the page's own work after the answer. */
const inspectorParts = (inspector: InspectorSummary): Row[] => [
  { figure: '  of which the harness bridge call (p50 / p95)', value: p50p95(inspector.bridgeCall) },
  { figure: '  of which the page, from the jar’s answer to the table (p50 / p95)', value: p50p95(inspector.pagePaint) },
];

/**
 * The printed table, section by section: each verdict among the figures that
 * explain it. Sections left out with --only are left out here too.
 */
function sectionRows(o: Options, f: Figures): Row[] {
  const rows: Row[] = [];
  const verdict = (figure: string, value: string, budget: string, pass: boolean): void => {
    rows.push({ figure, value, budget, pass });
  };
  const { load, cold, clicks, clicksFullJar, memory, todos, audit, sessions } = f;
  if (load) {
    const cores = (app: AppName) => {
      const mine = load.runs.filter((r) => r.app === app);
      return `${app} ${round(mean(mine.map((r) => r.serverCores)), 2)} / ${round(mean(mine.map((r) => r.loadCores)), 2)}`;
    };
    rows.push(
      {
        figure: `Throughput ours (GET /counter, ${o.connections} conn, ${load.perApp.ours.runs}×${o.durationS} s)`,
        value: `${Math.round(load.perApp.ours.requestsPerSecond)} req/s`,
      },
      { figure: 'Throughput bare Express + cookie-session', value: `${Math.round(load.perApp.bare.requestsPerSecond)} req/s` },
      { figure: 'Throughput bare + required hardening (guards, helmet, no-store)', value: `${Math.round(load.perApp.hardened.requestsPerSecond)} req/s` },
    );
    verdict('Throughput, ours / bare', `${round(load.ratio * 100, 1)} %`, `≥ ${BUDGET.throughputRatio * 100} %`, load.ratio >= BUDGET.throughputRatio);
    rows.push({ figure: '  hardened floor / bare: the required hardening alone', value: `${round(load.hardenedRatio * 100, 1)} %` });
    verdict(
      'Throughput, ours / hardened floor (the lab’s own code)',
      `${round(load.oursOverHardened * 100, 1)} %`,
      `≥ ${BUDGET.throughputOverHardenedRatio * 100} %`,
      load.oursOverHardened >= BUDGET.throughputOverHardenedRatio,
    );
    rows.push(
      {
        figure: '  server CPU per request ours / bare / hardened',
        value: (['ours', 'bare', 'hardened'] as const).map((app) => `${round(load.perApp[app].serverCpuPerRequestUs, 0)} µs`).join(' / '),
      },
      { figure: '  bare ÷ ours CPU per request', value: `${round(load.cpuRatio * 100, 1)} %` },
      {
        figure: `  range of the ${load.perApp.ours.runs} runs each (median counts) ours / bare / hardened`,
        value: (['ours', 'bare', 'hardened'] as const)
          .map((app) => {
            const rps = load.runs.filter((r) => r.app === app).map((r) => r.result.requestsPerSecond.mean);
            return `${Math.round(Math.min(...rps))}–${Math.round(Math.max(...rps))}`;
          })
          .join(' / '),
      },
      { figure: '  cores used, server / autocannon', value: `${cores('ours')}, ${cores('bare')}, ${cores('hardened')}` },
      { figure: 'Latency p99 ours / bare', value: `${ms(load.perApp.ours.p99Ms)} / ${ms(load.perApp.bare.p99Ms)}` },
      { figure: 'Latency p50 ours / bare', value: `${ms(load.perApp.ours.p50Ms)} / ${ms(load.perApp.bare.p50Ms)}` },
    );
  }
  if (cold) {
    const total = cold.median.ours.totalMs;
    const withData = cold.median['ours-data'].totalMs;
    verdict('Cold start, import → listening (median)', ms(total), `< ${BUDGET.coldStartMs} ms`, total < BUDGET.coldStartMs);
    rows.push({ figure: '  of which require() / startServer()', value: `${ms(cold.median.ours.importMs)} / ${ms(cold.median.ours.listenMs)}` });
    verdict(
      'Cold start with a data dir, import → listening (as main and serve start)',
      ms(withData),
      `< ${BUDGET.coldStartMs} ms`,
      withData < BUDGET.coldStartMs,
    );
    rows.push(
      { figure: '  then listening → to-do database open', value: ms(cold.median['ours-data'].todosReadyMs) },
      { figure: '  bare app, import → listening', value: ms(cold.median.bare.totalMs) },
      { figure: '  Node boot before the script', value: ms(cold.median.ours.scriptStartMs) },
      { figure: '  spawn serve.js → "Listening" line', value: ms(cold.serveSpawnToListening.medianMs) },
    );
  }
  if (clicks) {
    const { click, inspector } = clickSummary(clicks);
    rows.push({ figure: 'Click → count shown (p50)', value: ms(click.p50Ms) });
    verdict('Click → count shown (p95)', ms(click.p95Ms), `≤ ${BUDGET.clickP95Ms} ms`, click.p95Ms <= BUDGET.clickP95Ms);
    rows.push({ figure: '  click → next frame after it (p50 / p95)', value: `${ms(click.frameP50Ms)} / ${ms(click.frameP95Ms)}` });
    rows.push({ figure: 'Click → jar shows new cookie (p50)', value: ms(inspector.p50Ms) });
    verdict('Click → jar shows new cookie (p95)', ms(inspector.p95Ms), `≤ ${BUDGET.inspectorP95Ms} ms`, inspector.p95Ms <= BUDGET.inspectorP95Ms);
    rows.push(...inspectorParts(inspector));
  }
  if (clicksFullJar) {
    const { inspector } = clickSummary(clicksFullJar);
    rows.push({ figure: `Click → jar shows new cookie, ${EXTRA_COOKIES} more cookies in the jar (p50)`, value: ms(inspector.p50Ms) });
    verdict(
      `Click → jar shows new cookie, ${EXTRA_COOKIES} more cookies (p95)`,
      ms(inspector.p95Ms),
      `≤ ${BUDGET.inspectorFullJarP95Ms} ms`,
      inspector.p95Ms <= BUDGET.inspectorFullJarP95Ms,
    );
    rows.push(...inspectorParts(inspector));
  }
  const gzip = f.bundle.reduce((sum, file) => sum + file.gzip, 0);
  rows.push(...f.bundle.map((file) => ({ figure: `  ${file.file}`, value: `${kb(file.raw)} raw, ${kb(file.gzip)} gzip` })));
  verdict('Renderer bundle, gzip', kb(gzip), `≤ ${kb(BUDGET.bundleGzipBytes)}`, gzip <= BUDGET.bundleGzipBytes);
  if (memory) {
    const ours = memory.perApp.ours;
    const [first, last] = [memory.checkpoints[0]!, memory.checkpoints[memory.checkpoints.length - 1]!];
    rows.push(
      ...(['ours', 'bare'] as const).flatMap((app) => [
        {
          figure: `${app === 'ours' ? 'RSS' : '  RSS'} ${app} after ${memory.checkpoints.map(thousands).join(' / ')}`,
          value: memory.perApp[app].readings.map((r) => mb(r.rss)).join(' / '),
        },
        { figure: `  live (heap + external) ${app}`, value: memory.perApp[app].readings.map((r) => mb(live(r))).join(' / ') },
      ]),
    );
    verdict(
      `Memory growth ${thousands(first)} → ${thousands(last)} requests`,
      `live ${mb(ours.liveGrowthBytes)}, RSS ${pct(ours.rssGrowthFraction)}`,
      `live < ${mb(BUDGET.memoryLiveGrowthBytes)}, RSS < ${BUDGET.memoryRssGrowthFraction * 100} %`,
      ours.liveGrowthBytes < BUDGET.memoryLiveGrowthBytes && ours.rssGrowthFraction < BUDGET.memoryRssGrowthFraction,
    );
  }
  if (sessions) {
    const line = (label: string, app: 'ours' | 'server-sqlite' | 'server-redis') => {
      const figure = sessions.perApp[app];
      return {
        figure: label,
        value:
          figure === undefined
            ? `not measured: ${sessions.redisSkipped ?? ''}`
            : `${Math.round(figure.requestsPerSecond)} req/s, p99 ${ms(figure.p99Ms)}, ${round(figure.serverCpuPerRequestUs, 0)} µs CPU/req`,
      };
    };
    rows.push(
      line(`Sessions: client-side (cookie-session), GET /counter, ${o.connections} conn`, 'ours'),
      line('Sessions: server-side on SQLite (express-session, WAL)', 'server-sqlite'),
      line('Sessions: server-side on Redis (appendfsync always)', 'server-redis'),
    );
    verdict(
      'Server-side on SQLite / client-side',
      `${round(sessions.sqliteRatio * 100, 1)} %`,
      `≥ ${BUDGET.serverSqliteOverClientRatio * 100} %`,
      sessions.sqliteRatio >= BUDGET.serverSqliteOverClientRatio,
    );
    rows.push({
      figure: '  server-side on Redis / client-side',
      value: sessions.redisRatio === null ? 'not measured' : `${round(sessions.redisRatio * 100, 1)} %`,
    });
  }
  if (todos) rows.push(...todoRows(todos, todoVerdicts(todos)));
  if (audit) rows.push(...auditRows(audit, judgeAudit(audit)));
  return rows;
}

function machineRow(machineLoad: MachineLoad): Row {
  return {
    figure: 'Other processes on the CPUs (cores)',
    value: Object.entries(machineLoad)
      .map(([name, m]) => `${name} ${m.during === null ? 'n/a' : round(m.during.otherCores, 2)}`)
      .join(', '),
  };
}

function machine(chromium: string) {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
  };
}

/** The commit measured, and whether the working tree differed from it. */
function revision(): { commit: string; dirty: boolean } | null {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git('rev-parse', 'HEAD');
  if (head.status !== 0) return null;
  return { commit: head.stdout.trim(), dirty: git('status', '--porcelain').stdout.trim() !== '' };
}

/** Something to install or build first: the message says what, a stack would not help. */
class SetupError extends Error {}

type MachineLoad = Record<string, QuietCheck & { during: Contention | null }>;

async function main(): Promise<void> {
  const o = parseOptions();
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server', 'index.js')))
    throw new SetupError('dist/ is not built: run "node scripts/build.mjs" first (npm run bench does).');
  // Fail before minutes of load, not after: the click figures need the browser.
  if (chromiumMissing && (o.sections.includes('clicks') || o.sections.includes('clicks-full-jar')))
    throw new SetupError(`${chromiumMissing} The bench needs it for the click and inspector figures.`);
  // One strong key for every server in this run; never stored.
  const key = crypto.randomBytes(32).toString('hex');
  const startedAt = new Date();

  const machineLoad: MachineLoad = {};
  /** @param ownMeter where the section measures other processes' CPU use itself (see ClickRun). */
  const section = async <T>(name: string, run: () => Promise<T>, ownMeter?: (result: T) => Contention | null): Promise<T> => {
    const check = await waitForQuiet(o.quietWaitS, (other) =>
      log(`other processes are using ${round(other, 2)} cores; waiting up to ${o.quietWaitS} s before "${name}"`),
    );
    if (!check.quiet) log(`still busy: "${name}" runs on a contended machine`);
    const meter = meterContention();
    const result = await run();
    const during = meter.stop();
    machineLoad[name] = { ...check, during: ownMeter ? ownMeter(result) : during };
    return result;
  };

  const bundle = bundleSizes();
  const run = (name: Section) => o.sections.includes(name);
  const cold = run('cold-start') ? await section('cold start', () => measureColdStarts(o, key)) : undefined;
  const clicks = run('clicks')
    ? await section(
        'clicks',
        () => measureClicks(o.clicks, o.warmupClicks),
        (r) => r.contention,
      )
    : undefined;
  const clicksFullJar = run('clicks-full-jar')
    ? await section(
        'clicks, full jar',
        () => measureClicks(o.clicks, o.warmupClicks, EXTRA_COOKIES),
        (r) => r.contention,
      )
    : undefined;
  const load = run('throughput') ? await section('throughput', () => measureThroughput(o, key)) : undefined;
  const sessions = run('sessions') ? await section('sessions', () => measureSessions(o, key)) : undefined;
  const memory = run('memory') ? await section('memory', () => measureMemory(o, key)) : undefined;
  const todos = run('todos') ? await section('to-do writes', () => measureTodoWrites(key)) : undefined;
  const audit = run('audit') ? await section('auditor', () => measureAudit(o.quick)) : undefined;
  const figures: Figures = { cold, clicks, clicksFullJar, load, sessions, memory, todos, audit, bundle };

  const rows = sectionRows(o, figures);
  const verdicts = rows.filter((r): r is Verdict => typeof r.pass === 'boolean');
  const env = machine((clicks ?? clicksFullJar)?.chromium ?? 'not run');
  const sharing = o.pin ? 'server on CPU 0, autocannon on CPU 1' : 'server and autocannon share the CPUs';
  printTable(`Session Lab bench · ${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB, Node ${env.node}, Chromium ${env.chromium} · ${sharing}`, [
    ...rows,
    machineRow(machineLoad),
  ]);

  writeJson(REPORT_FILE, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    revision: revision(),
    machine: env,
    options: o,
    machineLoad,
    budgets: BUDGET,
    verdicts,
    throughput: load ?? null,
    coldStart: cold ?? null,
    clickToUpdate: clicks ? clickSummary(clicks).click : null,
    inspector: clicks ? clickSummary(clicks).inspector : null,
    inspectorFullJar: clicksFullJar ? { extraCookies: EXTRA_COOKIES, ...clickSummary(clicksFullJar).inspector } : null,
    bundle: { files: bundle, raw: bundle.reduce((sum, file) => sum + file.raw, 0), gzip: bundle.reduce((sum, file) => sum + file.gzip, 0) },
    sessions: sessions ?? null,
    memory: memory ?? null,
    todoWrites: todos ? { ...todos, sqljsRecorded: SQLJS_RECORDED } : null,
    audit: audit ?? null,
  });

  const disturbed = Object.entries(machineLoad).filter(([, m]) => !m.quiet || (m.during?.otherCores ?? 0) > QUIET_CORES);
  if (disturbed.length > 0) {
    const detail = disturbed.map(([name, m]) => `${name} (${round(m.during?.otherCores ?? 0, 2)} cores)`).join(', ');
    console.log(`\nWarning: other processes used the CPUs during ${detail}. Those figures are disturbed; run again on a quiet machine.`);
  }
  console.log(`\nReport: ${path.relative(process.cwd(), REPORT_FILE)}`);
  const missed = verdicts.filter((v) => !v.pass);
  console.log(missed.length === 0 ? 'Every budget met.' : `Budgets missed: ${missed.map((v) => v.figure.trim()).join('; ')}.`);
  if (o.strict && missed.length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof SetupError ? `bench: ${err.message}` : err);
  process.exit(1);
});
