// The auditor's figures (issue 15): guesses per second per format on one core
// and on all, against a bare loop in the same Node; against flask-unsign on the
// same Flask cookie and list; and the peak RSS of a 14M-line wordlist.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signNew } from '../../server/audit/session-auditor';
import type { FormatId, FormatOptions } from '../../server/audit/formats/format';
import { BUDGET, type Verdict } from './budgets';
import { BENCH_DIR, ROOT } from './child-process';
import { log } from './log';
import type { Row } from './report';
import { round } from './stats';

const CLI = path.join(ROOT, 'dist', 'server', 'audit', 'cli.js');
const WORK = path.join(ROOT, 'test-results', 'bench', 'audit');
/** flask-unsign's rate as the issue measured it, when it cannot run here. */
export const FLASK_UNSIGN_QUOTED = 50_000;

interface FormatCase {
  format: FormatId;
  label: string;
  cookie: string;
  /** What the floor hashes and what it compares against. */
  data: string;
  expectedHex: string;
  lines: number;
}

export interface AuditFigures {
  cores: number;
  formats: Array<{
    format: FormatId;
    label: string;
    lines: number;
    oneCore: number;
    allCores: number;
    /** Start-up of the best run, until its workers were ready (not in the rates above). */
    startupMs: { oneCore: number; allCores: number };
    scaling: number;
    floorNode: number;
    floorWasm: number;
    overFloor: number;
    overOwnPrimitive: number;
  }>;
  flaskUnsign: { source: 'measured' | 'quoted'; keysPerSecond: number; threads: number | null; lines: number; ours: number; ratio: number };
  /** Each of two bare loops run at once, against one alone (1 = the machine has two free cores). */
  machineParallel: number;
  bigList: { lines: number; peakRssBytes: number; keysPerSecond: number; elapsedMs: number };
}

const b64u = (s: string) => Buffer.from(s, 'base64url').toString('hex');

function cases(lines: { fast: number; rails: number }): FormatCase[] {
  const key = crypto.randomBytes(32).toString('hex');
  const sign = (format: FormatId, name: string, payload: string, options: FormatOptions = {}, secret: Buffer = Buffer.from(key)) =>
    signNew(format, { name, payload, secret, options });
  const out: FormatCase[] = [];
  const cs = sign('cookie-session', 'session', '{"user":"alice","visits":3}');
  out.push({
    format: 'cookie-session',
    label: 'cookie-session (keygrip SHA-1)',
    cookie: cs.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    data: `session=${cs.cookies[0]!.value}`,
    expectedHex: b64u(cs.cookies[1]!.value),
    lines: lines.fast,
  });
  const fl = sign('flask', 'session', '{"user":"alice","visits":3}').cookies[0]!.value;
  out.push({
    format: 'flask',
    label: 'Flask (HMAC-SHA1, hmac-derived key)',
    cookie: fl,
    data: fl.slice(0, fl.lastIndexOf('.')),
    expectedHex: b64u(fl.slice(fl.lastIndexOf('.') + 1)),
    lines: lines.fast,
  });
  const ex = decodeURIComponent(sign('express-session', 'connect.sid', 'Yk3dQ3tZ2mD1ZpSYx0l3v1g7pQ2kT9rA').cookies[0]!.value);
  out.push({
    format: 'express-session',
    label: 'express-session (HMAC-SHA256)',
    cookie: ex,
    data: ex.slice(2, ex.lastIndexOf('.')),
    expectedHex: Buffer.from(ex.slice(ex.lastIndexOf('.') + 1), 'base64').toString('hex'),
    lines: lines.fast,
  });
  const dj = sign('django', 'sessionid', '{"_auth_user_id":"1"}', { digest: 'sha256' }).cookies[0]!.value;
  out.push({
    format: 'django',
    label: 'Django ≥ 3.1 (SHA-256 salted key)',
    cookie: dj,
    data: dj.slice(0, dj.lastIndexOf(':')),
    expectedHex: b64u(dj.slice(dj.lastIndexOf(':') + 1)),
    lines: lines.fast,
  });
  const jw = sign('jwt', 'token', '{"sub":"alice"}').cookies[0]!.value;
  out.push({
    format: 'jwt',
    label: 'JWT HS256',
    cookie: jw,
    data: jw.slice(0, jw.lastIndexOf('.')),
    expectedHex: b64u(jw.slice(jw.lastIndexOf('.') + 1)),
    lines: lines.fast,
  });
  const ra = decodeURIComponent(sign('rails', '_app_session', '{"user_id":1}').cookies[0]!.value);
  out.push({
    format: 'rails',
    label: 'Rails signed (PBKDF2 ×1000, SHA-1 and SHA-256)',
    cookie: ra,
    data: ra.split('--')[0]!,
    expectedHex: ra.split('--')[1]!,
    lines: lines.rails,
  });
  const la = sign('laravel', 'laravel_session', 'session-id', {}, crypto.randomBytes(32)).cookies[0]!.value;
  const lp = JSON.parse(Buffer.from(decodeURIComponent(la), 'base64').toString()) as { iv: string; value: string; mac: string };
  out.push({
    format: 'laravel',
    label: 'Laravel AES-256-CBC (HMAC-SHA256 MAC)',
    cookie: decodeURIComponent(la),
    data: lp.iv + lp.value,
    expectedHex: lp.mac,
    lines: lines.fast,
  });
  return out;
}

/** A wordlist of `n` distinct 32-byte lines (32 bytes, so each is also a possible Laravel key). */
function writeWordlist(file: string, n: number): void {
  if (fs.existsSync(file) && fs.statSync(file).size === n * 33) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  const perChunk = 100_000;
  for (let start = 0; start < n; start += perChunk) {
    const count = Math.min(perChunk, n - start);
    const buf = Buffer.alloc(count * 33);
    for (let i = 0; i < count; i++) {
      buf.write(`cand-${String(start + i).padStart(12, '0')}-xqzvwkjrtyp`.slice(0, 32), i * 33, 'latin1');
      buf[i * 33 + 32] = 10;
    }
    fs.writeSync(fd, buf);
  }
  fs.closeSync(fd);
}

interface CliRun {
  keys: number;
  keysPerSecond: number;
  elapsedMs: number;
  /** Until every worker was ready: threads started, engine loaded (in elapsedMs). */
  startupMs: number;
  peakRssBytes: number;
  candidates: number;
}

function crackRun(cookie: string, wordlist: string, threads: number): CliRun {
  const r = spawnSync(
    process.execPath,
    [CLI, 'crack', cookie, '--wordlist', wordlist, '--threads', String(threads), '--transforms', 'raw', '--json', '--quiet'],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (r.status !== 1) throw new Error(`audit bench: crack exited ${r.status}: ${r.stderr.trim()}`);
  const run = (JSON.parse(r.stdout.trim().split('\n')[0]!) as { run: CliRun }).run;
  return run;
}

function floorRun(c: FormatCase, wordlist: string, mode: 'node' | 'engine'): number {
  const jobFile = path.join(WORK, `floor-${c.format}-${mode}.json`);
  fs.writeFileSync(jobFile, JSON.stringify({ format: c.format, wordlist, limit: c.lines, data: c.data, expectedHex: c.expectedHex, mode, root: ROOT }));
  const r = spawnSync(process.execPath, [path.join(BENCH_DIR, 'audit-floor.mjs'), jobFile], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`audit bench: floor failed: ${r.stderr.trim()}`);
  const { keys, ms } = JSON.parse(r.stdout) as { keys: number; ms: number };
  return (keys / ms) * 1000;
}

/** Wall time of a command on `list`, minus its time on a one-line list (start-up), as a rate: the same yardstick for both tools. */
async function wallRate(command: string[], list: string, lines: number): Promise<number> {
  const time = async (wordlist: string): Promise<number> => {
    const started = performance.now();
    const child = spawn(command[0]!, [...command.slice(1), wordlist], { stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '' } });
    await new Promise((r) => child.on('exit', r));
    return performance.now() - started;
  };
  const one = path.join(WORK, 'one-line.txt');
  fs.writeFileSync(one, 'x\n');
  const startup = Math.min(await time(one), await time(one));
  // Best of three, for either tool: other processes on a shared machine only ever slow a run down.
  const total = Math.min(await time(list), await time(list), await time(list));
  return (lines / Math.max(1, total - startup)) * 1000;
}

/** flask-unsign on the same cookie and list, with the first python3 that imports it (Debian's first, as the tests' peers). */
async function flaskUnsign(cookie: string, wordlist: string, lines: number, threads: number): Promise<{ keysPerSecond: number; threads: number } | null> {
  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import flask_unsign'], { stdio: 'ignore' }).status === 0);
  if (python === undefined) return null;
  const rate = await wallRate(
    [python, '-m', 'flask_unsign', '--unsign', '--cookie', cookie, '--no-literal-eval', '--threads', String(threads), '--quiet', '--wordlist'],
    wordlist,
    lines,
  );
  return { keysPerSecond: rate, threads };
}

/** The machine itself: a bare loop's rate as one process, and as two at once (1.0 = two free cores). */
function machineScaling(c: FormatCase, wordlist: string): Promise<number> {
  const jobFile = path.join(WORK, 'floor-machine.json');
  fs.writeFileSync(
    jobFile,
    JSON.stringify({ format: c.format, wordlist, limit: c.lines, data: c.data, expectedHex: c.expectedHex, mode: 'engine', root: ROOT }),
  );
  const run = () =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(BENCH_DIR, 'audit-floor.mjs'), jobFile], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => (code === 0 ? resolve((JSON.parse(out) as { keys: number; ms: number }).ms) : reject(new Error('audit bench: floor failed'))));
    });
  return (async () => {
    const alone = await run();
    const together = await Promise.all([run(), run()]);
    return alone / Math.max(...together);
  })();
}

export async function measureAudit(quick: boolean): Promise<AuditFigures> {
  if (!fs.existsSync(CLI)) throw new Error('dist/ is not built: run "node scripts/build.mjs" first (npm run bench does).');
  const cores = os.availableParallelism();
  const fast = quick ? 300_000 : 2_000_000;
  const railsLines = quick ? 1_000 : 6_000;
  const list = path.join(WORK, `list-${fast}.txt`);
  const railsList = path.join(WORK, `list-${railsLines}.txt`);
  const list200k = path.join(WORK, 'list-200000.txt');
  log(`auditor: writing wordlists (${fast} lines, ${railsLines}, 200k)`);
  writeWordlist(list, fast);
  writeWordlist(railsList, railsLines);
  writeWordlist(list200k, 200_000);

  const all = cases({ fast, rails: railsLines });
  log('auditor: the machine: one bare loop alone, then two at once');
  const machineParallel = await machineScaling(all[0]!, list);
  const formats: AuditFigures['formats'] = [];
  for (const c of cases({ fast, rails: railsLines })) {
    const file = c.format === 'rails' ? railsList : list;
    log(`auditor: ${c.label}: 1 thread, ${cores} threads, floors`);
    // Best of three: other processes on a shared machine only ever slow a run down.
    // The rate once the workers are ready: their start-up (tens of ms, more with more
    // threads) is a fixed cost per run that a 2M-line list does not amortise.
    const steady = (r: CliRun) => (r.keys / Math.max(1, r.elapsedMs - r.startupMs)) * 1000;
    const best = (threads: number) => [0, 1, 2].map(() => crackRun(c.cookie, file, threads)).reduce((b, r) => (steady(r) > steady(b) ? r : b));
    const oneRun = best(1);
    const allRun = best(cores);
    const one = steady(oneRun);
    const all = steady(allRun);
    const floorNode = Math.max(floorRun(c, file, 'node'), floorRun(c, file, 'node'));
    const floorWasm = Math.max(floorRun(c, file, 'engine'), floorRun(c, file, 'engine'));
    formats.push({
      format: c.format,
      label: c.label,
      lines: c.lines,
      oneCore: one,
      allCores: all,
      startupMs: { oneCore: oneRun.startupMs, allCores: allRun.startupMs },
      scaling: all / one,
      floorNode,
      floorWasm,
      overFloor: one / floorNode,
      overOwnPrimitive: one / floorWasm,
    });
  }

  const flaskCase = cases({ fast, rails: railsLines }).find((c) => c.format === 'flask')!;
  log('auditor: Flask cookie, 200k lines: ours on all cores, then flask-unsign if installed');
  const ours200k = await wallRate(
    [process.execPath, CLI, 'crack', flaskCase.cookie, '--threads', String(cores), '--transforms', 'raw', '--quiet', '--wordlist'],
    list200k,
    200_000,
  );
  const fu = await flaskUnsign(flaskCase.cookie, list200k, 200_000, 8);
  const flaskUnsignRate = fu?.keysPerSecond ?? FLASK_UNSIGN_QUOTED;

  const bigLines = quick ? 2_000_000 : 14_000_000;
  const big = path.join(WORK, `list-${bigLines}.txt`);
  log(`auditor: writing and cracking a ${bigLines}-line wordlist (peak RSS)`);
  writeWordlist(big, bigLines);
  const bigRun = crackRun(formats.length > 0 ? cases({ fast, rails: railsLines })[0]!.cookie : '', big, cores);
  return {
    cores,
    formats,
    machineParallel,
    flaskUnsign: {
      source: fu ? 'measured' : 'quoted',
      keysPerSecond: flaskUnsignRate,
      threads: fu?.threads ?? null,
      lines: 200_000,
      ours: ours200k,
      ratio: ours200k / flaskUnsignRate,
    },
    bigList: { lines: bigRun.candidates, peakRssBytes: bigRun.peakRssBytes, keysPerSecond: bigRun.keysPerSecond, elapsedMs: bigRun.elapsedMs },
  };
}

const rate = (n: number) => (n >= 1e6 ? `${round(n / 1e6, 2)} M/s` : `${round(n / 1e3, 1)} k/s`);

export function judgeAudit(f: AuditFigures): Verdict[] {
  const worstScaling = f.formats.reduce((w, x) => (x.scaling < w.scaling ? x : w));
  const worstFloor = f.formats.reduce((w, x) => (x.overFloor < w.overFloor ? x : w));
  return [
    {
      figure: `Auditor: ${f.cores} cores ÷ 1 core, worst format (${worstScaling.format})`,
      value: `${round(worstScaling.scaling, 2)}×`,
      budget: `≥ ${BUDGET.auditScaling}×`,
      pass: f.cores < 2 ? false : worstScaling.scaling >= BUDGET.auditScaling,
    },
    {
      figure: `Auditor: 1 core ÷ bare node:crypto loop, worst format (${worstFloor.format})`,
      value: `${round(worstFloor.overFloor, 2)}×`,
      budget: `≥ ${BUDGET.auditOverFloor}×`,
      pass: worstFloor.overFloor >= BUDGET.auditOverFloor,
    },
    {
      figure: `Auditor ÷ flask-unsign, Flask cookie, 200k lines (${f.flaskUnsign.source === 'measured' ? 'measured' : 'flask-unsign not installed: its quoted ~50k/s'})`,
      value: `${round(f.flaskUnsign.ratio, 1)}×`,
      budget: `≥ ${BUDGET.auditOverFlaskUnsign}×`,
      pass: f.flaskUnsign.ratio >= BUDGET.auditOverFlaskUnsign,
    },
    {
      figure: `Auditor: peak RSS cracking a ${round(f.bigList.lines / 1e6, 1)}M-line wordlist`,
      value: `${round(f.bigList.peakRssBytes / 1024 / 1024, 1)} MB`,
      budget: `< ${BUDGET.auditPeakRssBytes / 1024 / 1024} MB`,
      pass: f.bigList.peakRssBytes < BUDGET.auditPeakRssBytes,
    },
  ];
}

export function auditRows(f: AuditFigures, verdicts: Verdict[]): Row[] {
  const [scaling, floor, fu, rss] = verdicts as [Verdict, Verdict, Verdict, Verdict];
  return [
    { figure: 'Machine: two bare loops at once, each against one alone (1.0 = two free cores)', value: `${round(f.machineParallel, 2)}` },
    ...f.formats.flatMap((x) => [
      {
        figure: `Auditor ${x.label}: 1 core / ${f.cores} cores (${x.lines} lines, key form raw, best of 3)`,
        value: `${rate(x.oneCore)} / ${rate(x.allCores)} (${round(x.scaling, 2)}×)`,
      },
      {
        figure: `  start-up until the workers are ready (not in the rates), 1 / ${f.cores} threads`,
        value: `${x.startupMs.oneCore} ms / ${x.startupMs.allCores} ms`,
      },
      {
        figure: '  bare loop on 1 core: node:crypto / the engine’s own primitives',
        value: `${rate(x.floorNode)} / ${rate(x.floorWasm)}; ours ${round(x.overFloor, 2)}× / ${round(x.overOwnPrimitive, 2)}×`,
      },
    ]),
    scaling,
    floor,
    {
      figure: `flask-unsign (${f.flaskUnsign.source}${f.flaskUnsign.threads ? `, ${f.flaskUnsign.threads} threads` : ''}) / auditor on ${f.cores} cores, wall time less start-up`,
      value: `${rate(f.flaskUnsign.keysPerSecond)} / ${rate(f.flaskUnsign.ours)}`,
    },
    fu,
    { figure: `  ${round(f.bigList.lines / 1e6, 1)}M lines: time, rate`, value: `${round(f.bigList.elapsedMs / 1000, 1)} s, ${rate(f.bigList.keysPerSecond)}` },
    rss,
  ];
}
