// Click-to-update and inspector latency on the real lab page in Chromium, with
// the CDP-backed desktop bridge from the e2e harness. Timed inside the page: the
// click is dispatched there (element.click()) and MutationObservers note when
// #visits shows the new count and when the jar table shows the new lab_session.
import type { Page } from 'playwright-core';
import { launchChromium, openLab, startLabServer } from '../../test/support/lab-harness';
import { log } from './log';
import { meterContention, type Contention } from './machine-load';

export interface ClickSample {
  /** click → #visits reads "Number of visits: N+1" (DOM mutation). */
  domMs: number;
  /** click → the first animation frame after that mutation (when it can be painted). */
  frameMs: number;
  /** click → the jar table's lab_session value decodes to visits N+1. */
  jarMs: number;
  /**
   * How long the inspector's first auditJar() call (the rows with their findings)
   * took through the harness's bridge (CDP binding → Network.getCookies → main's
   * audit → Runtime.evaluate back): the harness's share of jarMs. null where the
   * binding could not be timed.
   */
  bridgeCallMs: number | null;
  /**
   * The page's own share of jarMs: from the answer of the auditJar call that
   * brought the new cookie to the table showing it (rendering the jar, and
   * whatever else the page did meanwhile). null where the calls were not timed.
   */
  paintMs: number | null;
}

export interface ClickRun {
  chromium: string;
  samples: ClickSample[];
  /**
   * Other processes' CPU use while clicking, measured before Chromium closes:
   * its zygotes outlive the browser process and are reaped outside the bench's
   * process tree, so a meter spanning the close would count them as "other".
   */
  contention: Contention | null;
}

interface BridgeCall {
  method: string;
  start: number;
  end?: number;
}

/**
 * Runs in the page after the harness's bridge is installed (serialised): times
 * every call the page bridge makes, from its message to the CDP binding
 * (__sessionLabCall, one JSON string per call) to the harness's answer
 * (__sessionLabReply, which the bridge leaves configurable for this).
 */
function timeBridgeCalls(): void {
  type Reply = (id: number, outcome: unknown) => void;
  const w = window as unknown as { __sessionLabCall?: (payload: string) => void; __sessionLabReply?: Reply; __benchBridgeCalls?: BridgeCall[] };
  const calls: BridgeCall[] = (w.__benchBridgeCalls = []);
  const byId = new Map<number, BridgeCall>();
  const send = w.__sessionLabCall;
  const reply = w.__sessionLabReply;
  if (typeof send !== 'function' || typeof reply !== 'function') return;
  w.__sessionLabCall = (payload) => {
    // The harness's binding carries the IPC channel ("session-lab:<verb>").
    const { id, channel } = JSON.parse(payload) as { id: number; channel: string };
    const call: BridgeCall = { method: channel.replace(/^session-lab:/, ''), start: performance.now() };
    calls.push(call);
    byId.set(id, call);
    send.call(w, payload);
  };
  Object.defineProperty(window, '__sessionLabReply', {
    value: (id: number, outcome: unknown) => {
      const call = byId.get(id);
      if (call) call.end = performance.now();
      byId.delete(id);
      reply(id, outcome);
    },
  });
}

/**
 * Runs in the page (serialised, so self-contained). Resolves when both the
 * count and the jar have caught up with one click on "Count a visit".
 */
function measureOneClick(timeoutMs: number): Promise<ClickSample> {
  const calls = (window as unknown as { __benchBridgeCalls?: BridgeCall[] }).__benchBridgeCalls ?? null;
  const firstCall = calls?.length ?? 0;
  const visits = document.querySelector('#visits')!;
  const jar = document.querySelector('#jar')!;
  const button = document.querySelector<HTMLButtonElement>('#counter')!;
  const before = Number(/\d+/.exec(visits.textContent ?? '')?.[0] ?? '0');
  const want = before + 1;
  const jarVisits = (): number | null => {
    for (const row of jar.querySelectorAll('tbody tr')) {
      if (row.querySelector('th')?.textContent !== 'lab_session') continue;
      const cell = row.querySelector('.value-cell');
      const value = (cell?.querySelector('.value-full') ?? cell?.querySelector('code'))?.textContent ?? '';
      try {
        const payload = JSON.parse(atob(value)) as { visits?: unknown };
        return typeof payload.visits === 'number' ? payload.visits : null;
      } catch {
        return null;
      }
    }
    return null;
  };
  return new Promise((resolve, reject) => {
    let t0 = 0;
    let domMs: number | undefined;
    let frameMs: number | undefined;
    let jarMs: number | undefined;
    const finish = () => {
      if (domMs === undefined || frameMs === undefined || jarMs === undefined) return;
      observer.disconnect();
      clearTimeout(timer);
      const lists = calls?.slice(firstCall).filter((c) => c.method === 'auditJar' && c.end !== undefined) ?? [];
      const list = lists[0];
      // The reading the table painted is the last one answered before it did.
      const jarAt = t0 + jarMs;
      const painted = lists.reduce((latest, c) => (c.end! <= jarAt ? Math.max(latest, c.end!) : latest), -Infinity);
      resolve({
        domMs,
        frameMs,
        jarMs,
        bridgeCallMs: list?.end === undefined ? null : list.end - list.start,
        paintMs: painted === -Infinity ? null : jarAt - painted,
      });
    };
    const observer = new MutationObserver(() => {
      const now = performance.now();
      if (domMs === undefined && visits.textContent === `Number of visits: ${want}`) {
        domMs = now - t0;
        requestAnimationFrame(() => {
          frameMs = performance.now() - t0;
          finish();
        });
      }
      if (jarMs === undefined && jarVisits() === want) jarMs = now - t0;
      finish();
    });
    const watch = { childList: true, characterData: true, subtree: true };
    observer.observe(visits, watch);
    observer.observe(jar, watch);
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`Click ${want}: no update within ${timeoutMs} ms (dom ${domMs}, jar ${jarMs}).`));
    }, timeoutMs);
    t0 = performance.now();
    button.click();
  });
}

/** tsx keeps function names by wrapping them in __name(); the page has no such helper. */
const inPage = (fn: (...args: never[]) => unknown, arg = '') => `(() => { const __name = (f) => f; return (${fn.toString()})(${arg}); })()`;

async function clickOnce(page: Page): Promise<ClickSample> {
  return (await page.evaluate(inPage(measureOneClick, '5000'))) as ClickSample;
}

/**
 * Runs in the page (serialised): resolves once no bridge call has been open or
 * started for `quietMs`, so the late wire-log and jar events of one click land
 * between samples, not inside the next one. Gives up waiting after 2 s.
 */
function bridgeIdle(quietMs: number): Promise<void> {
  const calls = (window as unknown as { __benchBridgeCalls?: BridgeCall[] }).__benchBridgeCalls ?? [];
  const t0 = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      const now = performance.now();
      const open = calls.some((c) => c.end === undefined);
      const last = calls.reduce((latest, c) => Math.max(latest, c.start, c.end ?? 0), t0);
      if ((!open && now - last >= quietMs) || now - t0 > 2000) resolve();
      else setTimeout(check, 10);
    };
    check();
  });
}

/** Quiet time after a click's last bridge call before the next click. */
const SETTLE_MS = 100;

/**
 * Cookies a real site's jar might hold beside the session: short, distinct
 * values, all on the lab's origin and path /, so the page sends them with every
 * request and the inspector lists them all.
 */
export function extraCookies(origin: string, count: number): { name: string; value: string; url: string }[] {
  return Array.from({ length: count }, (_, i) => ({ name: `bench_${String(i).padStart(3, '0')}`, value: `v${i}-${(i * 2654435761) % 1e9}`, url: origin }));
}

/** @param extra cookies put in the jar before measuring (the inspector then lists extra + 2 rows). */
export async function measureClicks(clicks: number, warmup: number, extra = 0): Promise<ClickRun> {
  log(`Chromium: ${warmup} warm-up + ${clicks} measured clicks${extra > 0 ? `, ${extra} extra cookies in the jar` : ''}`);
  const server = await startLabServer();
  const browser = await launchChromium();
  try {
    const lab = await openLab(browser, server);
    const { page } = lab;
    if (extra > 0) await lab.context.addCookies(extraCookies(server.url, extra));
    // openLab has already loaded the page: load it again with the bridge calls timed.
    await page.addInitScript({ content: inPage(timeBridgeCalls) });
    await page.reload();
    // Loaded: the panel has asked the server and the inspector has read the jar.
    await page.locator('#visits').filter({ hasText: /\S/ }).waitFor();
    await page.locator('#jar > *').first().waitFor();
    if (extra > 0)
      await page
        .locator('#jar tbody tr')
        .nth(extra - 1)
        .waitFor();
    const samples: ClickSample[] = [];
    const meter = meterContention();
    for (let i = 0; i < warmup + clicks; i++) {
      const sample = await clickOnce(page);
      if (i >= warmup) samples.push(sample);
      await page.evaluate(inPage(bridgeIdle, String(SETTLE_MS)));
    }
    const contention = meter.stop();
    // Chromium evicts past 180 cookies per host: a figure over a smaller jar than asked would mislead.
    const rows = await page.locator('#jar tbody tr').count();
    if (extra > 0 && rows < extra + 2) throw new Error(`The jar held ${rows} cookies, not the ${extra} extra plus the session pair: Chromium evicted some.`);
    if (lab.problems.length > 0) throw new Error(`The lab page reported problems: ${lab.problems.join('; ')}`);
    await lab.close();
    return { chromium: browser.version(), samples, contention };
  } finally {
    await browser.close();
    await server.close();
  }
}
