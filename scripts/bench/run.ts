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
//   --only audit     only the session-cookie auditor's figures (guesses/s, floors, flask-unsign, 14M-line RSS)
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
import { parseOptions, type Options } from './options';
import { printTable, writeJson, type Row } from './report';
import { mean, percentile, round } from './stats';
import type { AppName } from './load';
import { measureThroughput, type ThroughputFigures } from './throughput';
import { auditRows, judgeAudit, measureAudit } from './audit';

const REPORT_FILE = path.join(ROOT, 'test-results', 'bench', 'report.json');

const ms = (x: number) => `${round(x, 1)} ms`;
const mb = (bytes: number) => `${round(bytes / 1024 / 1024, 1)} MB`;
const kb = (bytes: number) => `${round(bytes / 1000, 1)} kB`;
const pct = (f: number) => `${f >= 0 ? '+' : ''}${round(f * 100, 1)} %`;
const thousands = (n: number) => `${n / 1000}k`;

interface Figures {
  cold: ColdStartFigures;
  clicks: ClickRun;
  load: ThroughputFigures;
  memory: MemoryFigures;
  bundle: FileSize[];
}

/** The click samples as percentiles. */
function clickSummary(clicks: ClickRun) {
  const dom = clicks.samples.map((s) => s.domMs);
  const frame = clicks.samples.map((s) => s.frameMs);
  const jar = clicks.samples.map((s) => s.jarMs);
  const bridge = clicks.samples.flatMap((s) => (s.bridgeCallMs === null ? [] : [s.bridgeCallMs]));
  return {
    click: { p50Ms: percentile(dom, 50), p95Ms: percentile(dom, 95), maxMs: Math.max(...dom), frameP50Ms: percentile(frame, 50), frameP95Ms: percentile(frame, 95), samplesMs: dom, frameSamplesMs: frame },
    inspector: {
      p50Ms: percentile(jar, 50),
      p95Ms: percentile(jar, 95),
      maxMs: Math.max(...jar),
      samplesMs: jar,
      bridgeCall: bridge.length === 0 ? null : { p50Ms: percentile(bridge, 50), p95Ms: percentile(bridge, 95), samplesMs: bridge },
    },
  };
}

function judge(f: Figures): Verdict[] {
  const { click, inspector } = clickSummary(f.clicks);
  const gzip = f.bundle.reduce((sum, file) => sum + file.gzip, 0);
  const ours = f.memory.perApp.ours;
  const [first, last] = [f.memory.checkpoints[0]!, f.memory.checkpoints[f.memory.checkpoints.length - 1]!];
  const cold = f.cold.median.ours.totalMs;
  const coldWithData = f.cold.median['ours-data'].totalMs;
  return [
    { figure: 'Throughput, ours / bare', value: `${round(f.load.ratio * 100, 1)} %`, budget: `≥ ${BUDGET.throughputRatio * 100} %`, pass: f.load.ratio >= BUDGET.throughputRatio },
    {
      figure: 'Throughput, ours / hardened floor (the lab’s own code)',
      value: `${round(f.load.oursOverHardened * 100, 1)} %`,
      budget: `≥ ${BUDGET.throughputOverHardenedRatio * 100} %`,
      pass: f.load.oursOverHardened >= BUDGET.throughputOverHardenedRatio,
    },
    { figure: 'Cold start, import → listening (median)', value: ms(cold), budget: `< ${BUDGET.coldStartMs} ms`, pass: cold < BUDGET.coldStartMs },
    {
      figure: 'Cold start with a data dir, import → listening (as main and serve start)',
      value: ms(coldWithData),
      budget: `< ${BUDGET.coldStartMs} ms`,
      pass: coldWithData < BUDGET.coldStartMs,
    },
    { figure: 'Click → count shown (p95)', value: ms(click.p95Ms), budget: `≤ ${BUDGET.clickP95Ms} ms`, pass: click.p95Ms <= BUDGET.clickP95Ms },
    { figure: 'Click → jar shows new cookie (p95)', value: ms(inspector.p95Ms), budget: `≤ ${BUDGET.inspectorP95Ms} ms`, pass: inspector.p95Ms <= BUDGET.inspectorP95Ms },
    { figure: 'Renderer bundle, gzip', value: kb(gzip), budget: `≤ ${kb(BUDGET.bundleGzipBytes)}`, pass: gzip <= BUDGET.bundleGzipBytes },
    {
      figure: `Memory growth ${thousands(first)} → ${thousands(last)} requests`,
      value: `live ${mb(ours.liveGrowthBytes)}, RSS ${pct(ours.rssGrowthFraction)}`,
      budget: `live < ${mb(BUDGET.memoryLiveGrowthBytes)}, RSS < ${BUDGET.memoryRssGrowthFraction * 100} %`,
      pass: ours.liveGrowthBytes < BUDGET.memoryLiveGrowthBytes && ours.rssGrowthFraction < BUDGET.memoryRssGrowthFraction,
    },
  ];
}

/** The printed table: each verdict among the figures that explain it. */
function tableRows(o: Options, f: Figures, verdicts: Verdict[], machineLoad: MachineLoad): Row[] {
  const [throughputV, hardenedV, coldV, coldDataV, clickV, inspectorV, bundleV, memoryV] = verdicts as [Verdict, Verdict, Verdict, Verdict, Verdict, Verdict, Verdict, Verdict];
  const { click, inspector } = clickSummary(f.clicks);
  const { load, cold, memory } = f;
  const cores = (app: AppName) => {
    const mine = load.runs.filter((r) => r.app === app);
    return `${app} ${round(mean(mine.map((r) => r.serverCores)), 2)} / ${round(mean(mine.map((r) => r.loadCores)), 2)}`;
  };
  return [
    { figure: `Throughput ours (GET /counter, ${o.connections} conn, ${load.perApp.ours.runs}×${o.durationS} s)`, value: `${Math.round(load.perApp.ours.requestsPerSecond)} req/s` },
    { figure: 'Throughput bare Express + cookie-session', value: `${Math.round(load.perApp.bare.requestsPerSecond)} req/s` },
    { figure: 'Throughput bare + required hardening (guards, helmet, no-store)', value: `${Math.round(load.perApp.hardened.requestsPerSecond)} req/s` },
    throughputV,
    { figure: '  hardened floor / bare: the required hardening alone', value: `${round(load.hardenedRatio * 100, 1)} %` },
    hardenedV,
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
    coldV,
    { figure: '  of which require() / startServer()', value: `${ms(cold.median.ours.importMs)} / ${ms(cold.median.ours.listenMs)}` },
    coldDataV,
    { figure: '  then listening → to-do database open', value: ms(cold.median['ours-data'].todosReadyMs) },
    { figure: '  bare app, import → listening', value: ms(cold.median.bare.totalMs) },
    { figure: '  Node boot before the script', value: ms(cold.median.ours.scriptStartMs) },
    { figure: '  spawn serve.js → "Listening" line', value: ms(cold.serveSpawnToListening.medianMs) },
    { figure: 'Click → count shown (p50)', value: ms(click.p50Ms) },
    clickV,
    { figure: '  click → next frame after it (p50 / p95)', value: `${ms(click.frameP50Ms)} / ${ms(click.frameP95Ms)}` },
    { figure: 'Click → jar shows new cookie (p50)', value: ms(inspector.p50Ms) },
    inspectorV,
    {
      figure: '  of which the harness bridge call (p50 / p95)',
      value: inspector.bridgeCall === null ? 'not timed' : `${ms(inspector.bridgeCall.p50Ms)} / ${ms(inspector.bridgeCall.p95Ms)}`,
    },
    ...f.bundle.map((file) => ({ figure: `  ${file.file}`, value: `${kb(file.raw)} raw, ${kb(file.gzip)} gzip` })),
    bundleV,
    ...(['ours', 'bare'] as const).flatMap((app) => [
      { figure: `${app === 'ours' ? 'RSS' : '  RSS'} ${app} after ${memory.checkpoints.map(thousands).join(' / ')}`, value: memory.perApp[app].readings.map((r) => mb(r.rss)).join(' / ') },
      { figure: `  live (heap + external) ${app}`, value: memory.perApp[app].readings.map((r) => mb(live(r))).join(' / ') },
    ]),
    memoryV,
    {
      figure: 'Other processes on the CPUs (cores)',
      value: Object.entries(machineLoad)
        .map(([name, m]) => `${name} ${m.during === null ? 'n/a' : round(m.during.otherCores, 2)}`)
        .join(', '),
    },
  ];
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
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server', 'index.js'))) throw new SetupError('dist/ is not built: run "node scripts/build.mjs" first (npm run bench does).');
  if (o.only === 'audit') {
    await auditOnly(o);
    return;
  }
  // Fail before minutes of load, not after: the click figures need the browser.
  if (chromiumMissing) throw new SetupError(`${chromiumMissing} The bench needs it for the click and inspector figures.`);
  // One strong key for every server in this run; never stored.
  const key = crypto.randomBytes(32).toString('hex');
  const startedAt = new Date();

  const machineLoad: MachineLoad = {};
  /** @param ownMeter where the section measures other processes' CPU use itself (see ClickRun). */
  const section = async <T>(name: string, run: () => Promise<T>, ownMeter?: (result: T) => Contention | null): Promise<T> => {
    const check = await waitForQuiet(o.quietWaitS, (other) => log(`other processes are using ${round(other, 2)} cores; waiting up to ${o.quietWaitS} s before "${name}"`));
    if (!check.quiet) log(`still busy: "${name}" runs on a contended machine`);
    const meter = meterContention();
    const result = await run();
    const during = meter.stop();
    machineLoad[name] = { ...check, during: ownMeter ? ownMeter(result) : during };
    return result;
  };

  const bundle = bundleSizes();
  const cold = await section('cold start', () => measureColdStarts(o, key));
  const clicks = await section('clicks', () => measureClicks(o.clicks, o.warmupClicks), (run) => run.contention);
  const load = await section('throughput', () => measureThroughput(o, key));
  const memory = await section('memory', () => measureMemory(o, key));
  const figures: Figures = { cold, clicks, load, memory, bundle };
  const audit = await section('auditor', () => measureAudit(o.quick));
  const auditVerdicts = judgeAudit(audit);

  const verdicts = [...judge(figures), ...auditVerdicts];
  const env = machine(clicks.chromium);
  const sharing = o.pin ? 'server on CPU 0, autocannon on CPU 1' : 'server and autocannon share the CPUs';
  printTable(`Session Lab bench · ${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB, Node ${env.node}, Chromium ${env.chromium} · ${sharing}`, [...tableRows(o, figures, verdicts, machineLoad), ...auditRows(audit, auditVerdicts)]);

  const { click, inspector } = clickSummary(clicks);
  writeJson(REPORT_FILE, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    revision: revision(),
    machine: env,
    options: o,
    machineLoad,
    budgets: BUDGET,
    verdicts,
    throughput: load,
    coldStart: cold,
    clickToUpdate: click,
    inspector,
    bundle: { files: bundle, raw: bundle.reduce((sum, file) => sum + file.raw, 0), gzip: bundle.reduce((sum, file) => sum + file.gzip, 0) },
    memory,
    audit,
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

/** `--only audit`: the auditor's section alone, with its own table and report file. */
async function auditOnly(o: Options): Promise<void> {
  const check = await waitForQuiet(o.quietWaitS, (other) => log(`other processes are using ${round(other, 2)} cores; waiting up to ${o.quietWaitS} s`));
  const meter = meterContention();
  const audit = await measureAudit(o.quick);
  const during = meter.stop();
  const verdicts = judgeAudit(audit);
  const env = machine('not used');
  printTable(`Session Lab bench, auditor only · ${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB, Node ${env.node}`, auditRows(audit, verdicts));
  const file = path.join(ROOT, 'test-results', 'bench', 'audit-report.json');
  writeJson(file, { finishedAt: new Date().toISOString(), revision: revision(), machine: env, quiet: check.quiet, otherCores: during?.otherCores ?? null, budgets: BUDGET, verdicts, audit });
  console.log(`\nReport: ${path.relative(process.cwd(), file)}`);
  const missed = verdicts.filter((v) => !v.pass);
  console.log(missed.length === 0 ? 'Every budget met.' : `Budgets missed: ${missed.map((v) => v.figure.trim()).join('; ')}.`);
  if (o.strict && missed.length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof SetupError ? `bench: ${err.message}` : err);
  process.exit(1);
});
