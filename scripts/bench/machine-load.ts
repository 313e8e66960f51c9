// How busy the machine is apart from the bench. On a 2-core machine another
// process's test run moves every figure, so sections wait for quiet first, and
// CPU time the bench's own process tree did not use is measured while they run
// (Linux /proc; elsewhere these checks are skipped and say so).
import fs from 'node:fs';

/** USER_HZ: /proc reports CPU time in 1/100 s on every Linux we run on. */
const TICKS_PER_S = 100;

interface SystemTicks {
  /** user + nice + system: CPU work done by some process. */
  work: number;
  /** Taken by the hypervisor for other machines. */
  steal: number;
  total: number;
}

function systemTicks(): SystemTicks | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is already in user)
    const n = line.trim().split(/\s+/).slice(1).map(Number);
    const at = (i: number) => n[i] ?? 0;
    return { work: at(0) + at(1) + at(2), steal: at(7), total: n.slice(0, 8).reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/** CPU ticks used so far by `root` and every descendant (reaped children count in cutime/cstime). */
function treeTicks(root: number): number {
  const procs = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // f[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
      const num = (field: number) => Number(f[field - 3] ?? 0);
      procs.set(Number(entry), { ppid: num(4), ticks: num(14) + num(15) + num(16) + num(17) });
    } catch {
      // The process ended between readdir and read.
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  let ticks = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    ticks += procs.get(pid)?.ticks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks;
}

export interface Contention {
  /** Cores' worth of CPU work done by processes outside the bench's tree, on average. */
  otherCores: number;
  /** Cores' worth taken by the hypervisor. */
  stealCores: number;
  seconds: number;
}

export interface ContentionMeter {
  stop(): Contention | null;
}

/** Starts measuring what the rest of the machine does until stop(). */
export function meterContention(): ContentionMeter {
  const start = systemTicks();
  if (start === null) return { stop: () => null };
  const tree0 = treeTicks(process.pid);
  const t0 = performance.now();
  return {
    stop() {
      const end = systemTicks();
      if (end === null) return null;
      const seconds = (performance.now() - t0) / 1000;
      const ours = treeTicks(process.pid) - tree0;
      return {
        // Our loopback traffic's kernel time can land outside our processes' accounts: never below 0.
        otherCores: Math.max(0, (end.work - start.work - ours) / TICKS_PER_S / seconds),
        stealCores: (end.steal - start.steal) / TICKS_PER_S / seconds,
        seconds,
      };
    },
  };
}

export interface QuietCheck {
  /** Cores' worth used by other processes in the last second before the section (the bench idle). */
  otherCoresBefore: number | null;
  waitedS: number;
  quiet: boolean;
}

/** Other processes may use this much (a tenth of a core) and the machine still counts as quiet. */
export const QUIET_CORES = 0.1;

async function otherCoresOverOneSecond(): Promise<number | null> {
  const meter = meterContention();
  await new Promise((r) => setTimeout(r, 1000));
  return meter.stop()?.otherCores ?? null;
}

/** Waits (up to maxWaitS) until other processes leave the CPUs alone, and says how it went. */
export async function waitForQuiet(maxWaitS: number, onWait: (otherCores: number) => void): Promise<QuietCheck> {
  const started = Date.now();
  let other = await otherCoresOverOneSecond();
  let told = false;
  while (other !== null && other > QUIET_CORES && Date.now() - started < maxWaitS * 1000) {
    if (!told) onWait(other);
    told = true;
    other = await otherCoresOverOneSecond();
  }
  return { otherCoresBefore: other, waitedS: Math.round((Date.now() - started) / 1000), quiet: other === null || other <= QUIET_CORES };
}
