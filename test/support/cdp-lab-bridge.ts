// The desktop bridge (LabBridge) for a Playwright page, backed by Chromium's own
// cookie store and network events over CDP, so the real lab page shows a real jar.
//
// Page side: an init script builds `window.sessionLab` with the preload's shape.
// Its calls go out through one CDP binding (Runtime.addBinding) and their
// answers and the events come back through Runtime.evaluate: straight over this
// CDP session, not through Playwright's exposeBinding/evaluate, whose own
// dispatch tripled the time of a listCookies() call (npm run bench).
// CDP has no cookie-change event, so the jar is diffed after every response and
// every bridge mutation, giving the JarChange[] Electron's 'changed' would give.
//
// Lab I's experiments run main's own code (main/lab-experiments.ts) over this
// CDP jar, the harness's ServerHost and the built crack worker, with main's
// argument parsers: only the jar and the transport differ from the app.
import { Buffer } from 'node:buffer';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { CookieInspection, CookieRow, CrackProgress, JarChange, LabBridge, SameSite, WireEntry } from '../../main/bridge-contract';
import { ARGUMENT_PARSERS } from '../../main/ipc-arguments';
import { createLabExperiments, type ExperimentJar, type LabExperiments } from '../../main/lab-experiments';
import type { ServerHost } from '../../main/server-host';
import type { ServerLab } from '../../main/server-lab';
import { labHeaderLines } from '../../main/wire-log';
import { crackInWorker } from '../../server/audit/crack-in-worker';
import { SESSION_COOKIE_NAME, SIGNATURE_COOKIE_NAME } from '../../server/index';
import { diffJar, EXPLICIT_CAUSES, NETWORK_CAUSES, type ChangeCauses } from './jar-diff';
import { strongKey } from './test-keys';

/** The crack worker as scripts/build.mjs builds it (the e2e suite needs dist/ anyway). */
export const BUILT_CRACK_WORKER = path.resolve('dist/server/audit/crack-worker.js');

/** The lab server as the bridge needs it: a restartable host, the keys it started with, and Lab II's switches over it. */
export interface BridgeServer {
  url: string;
  host: ServerHost;
  storedKeys: readonly string[];
  serverLab: ServerLab;
}

/** The fields of CDP's Network.Cookie we use. */
interface CdpCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  session: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
}

type CdpSameSite = NonNullable<CdpCookie['sameSite']>;
type Headers = Record<string, string>;

const FROM_CDP: Record<CdpSameSite, SameSite> = { Strict: 'strict', Lax: 'lax', None: 'no_restriction' };
const TO_CDP: Partial<Record<SameSite, CdpSameSite>> = { strict: 'Strict', lax: 'Lax', no_restriction: 'None' };

/** How long a finished request may wait for its *ExtraInfo events, which CDP may send late. */
const EXTRA_INFO_GRACE_MS = 1000;

type BridgeMethod = Exclude<keyof LabBridge, 'onJarChanged' | 'onWire' | 'onCrackProgress'>;
type EventChannel = 'jar' | 'wire' | 'crack';

interface PendingRequest {
  id: string;
  time: number;
  method?: string;
  url?: string;
  cookieSent?: string | null;
  status?: number | null;
  setCookies?: string[];
  labHeaders?: string[];
  finished?: boolean;
  timer?: NodeJS.Timeout;
}

export class CdpLabBridge {
  private snapshot: CookieRow[] = [];
  /** Jar reads and writes run one at a time, so each diff sees exactly one change. */
  private jarQueue: Promise<unknown> = Promise.resolve();
  private networkDiffQueued = false;
  private emitQueue: Promise<unknown> = Promise.resolve();
  private readonly requests = new Map<string, PendingRequest>();
  private readonly origin: string;
  private readonly experiments: LabExperiments;
  private readonly serverLab: ServerLab;
  private closed = false;

  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
    server: BridgeServer,
  ) {
    this.origin = new URL(server.url).origin;
    this.serverLab = server.serverLab;
    this.experiments = createLabExperiments({
      host: server.host,
      storedKeys: server.storedKeys,
      jar: this.experimentJar(),
      names: { session: SESSION_COOKIE_NAME, signature: SIGNATURE_COOKIE_NAME },
      crack: (job, onProgress, signal) => crackInWorker(job, { onProgress, signal, workerPath: BUILT_CRACK_WORKER }),
      onCrackProgress: (progress: CrackProgress) => this.emit('crack', progress),
      newKey: strongKey,
    });
  }

  /** Installs the bridge on `page`; call before the first navigation. */
  static async install(page: Page, server: BridgeServer): Promise<CdpLabBridge> {
    const cdp = await page.context().newCDPSession(page);
    const bridge = new CdpLabBridge(page, cdp, server);
    bridge.listen();
    await cdp.send('Network.enable');
    bridge.snapshot = await bridge.readJar();
    cdp.on('Runtime.bindingCalled', (e) => {
      if (e.name === CALL_BINDING) bridge.answer(e.executionContextId, e.payload);
    });
    // The binding reaches the page's future documents only with Runtime on for this session.
    await cdp.send('Runtime.enable');
    await cdp.send('Runtime.addBinding', { name: CALL_BINDING });
    // Runners that keep function names (tsx, esbuild keepNames) wrap them in
    // __name(); the page has no such helper, so give it a no-op one.
    await page.addInitScript({ content: `(() => { const __name = (f) => f; (${installPageBridge.toString()})(); })();` });
    return bridge;
  }

  async close(): Promise<void> {
    // As main does at quit: stop a crack, drop a cookie only a lab key signed.
    await this.experiments.prepareForQuit().catch(() => undefined);
    this.closed = true;
    for (const request of this.requests.values()) clearTimeout(request.timer);
    await this.cdp.detach().catch(() => undefined);
  }

  /** Runs one call from the page ({id, method, args} as JSON) and sends the outcome back to the context it came from. */
  private answer(contextId: number, payload: string): void {
    let request: { id?: unknown; method?: unknown; args?: unknown };
    try {
      request = JSON.parse(payload) as typeof request;
    } catch {
      return;
    }
    if (typeof request.id !== 'number') return;
    const id = request.id;
    void this.call(request.method, request.args)
      .then(
        (value: unknown): Outcome => ({ ok: true, value }),
        (err: unknown): Outcome => ({ ok: false, error: err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) } }),
      )
      .then((outcome) => this.evaluateInPage(`window.${REPLY_HOOK}(${id}, ${JSON.stringify(outcome)})`, contextId));
  }

  /** An expression in the page; a page that has navigated away or closed meanwhile just misses it. */
  private evaluateInPage(expression: string, contextId?: number): Promise<void> {
    if (this.closed || this.page.isClosed()) return Promise.resolve();
    return this.cdp.send('Runtime.evaluate', { expression, ...(contextId === undefined ? {} : { contextId }) }).then(
      () => undefined,
      () => undefined,
    );
  }

  // ---- LabBridge, as main implements it ----

  /** Dispatches one call from the page; arguments are checked like an IPC handler would (Lab I's with main's parsers). */
  private async call(method: unknown, args: unknown): Promise<unknown> {
    const list = Array.isArray(args) ? (args as unknown[]) : [];
    const text = (i: number): string => {
      const value = list[i];
      if (typeof value !== 'string') throw new TypeError(`${String(method)}: argument ${i + 1} must be a string.`);
      return value;
    };
    switch (method as BridgeMethod) {
      case 'listCookies':
        return this.readJar();
      case 'inspectSession':
        return this.inspectSession();
      case 'deleteCookie':
        return this.mutate(() => this.cdp.send('Network.deleteCookies', { name: text(0), url: `${this.origin}/` }));
      case 'clearCookies':
        return this.mutate(async () => {
          for (const c of await this.readJar()) await this.cdp.send('Network.deleteCookies', { name: c.name, domain: c.domain, path: c.path });
        });
      case 'setCookieValue': {
        const [name, value] = [text(0), text(1)];
        return this.mutate(() => this.setValue(name, value));
      }
      case 'experimentsState':
        ARGUMENT_PARSERS['experiments:state'](list);
        return this.experiments.state();
      case 'forgeSession': {
        const [payload, signer] = ARGUMENT_PARSERS['session:forge'](list);
        return this.experiments.forge(payload, signer);
      }
      case 'crackSessionKey':
        ARGUMENT_PARSERS['session:crack'](list);
        return this.experiments.crack();
      case 'startWeakKeyDemo': {
        const [choice] = ARGUMENT_PARSERS['keys:weak-demo'](list);
        return this.experiments.startWeakDemo(choice);
      }
      case 'restoreStoredKeys':
        ARGUMENT_PARSERS['keys:restore'](list);
        return this.experiments.restoreStoredKeys();
      case 'addSigningKey':
        ARGUMENT_PARSERS['keys:add'](list);
        return this.experiments.addKey();
      case 'dropOlderKeys':
        ARGUMENT_PARSERS['keys:drop-older'](list);
        return this.experiments.dropOlderKeys();
      case 'serverLabState':
        ARGUMENT_PARSERS['server-lab:state'](list);
        return this.serverLab.state();
      case 'setServerExpiry': {
        const [on] = ARGUMENT_PARSERS['server-lab:expiry'](list);
        return this.serverLab.setExpiry(on);
      }
      case 'advanceLabClock': {
        const [ms] = ARGUMENT_PARSERS['server-lab:clock'](list);
        return this.serverLab.advanceClock(ms);
      }
      case 'setCookieAttributes': {
        const [attributes] = ARGUMENT_PARSERS['server-lab:cookie'](list);
        return this.serverLab.setCookieAttributes(attributes);
      }
      case 'startSecondInstance': {
        const [sameKeys] = ARGUMENT_PARSERS['server-lab:instance-start'](list);
        return this.serverLab.startSecondInstance(sameKeys);
      }
      case 'stopSecondInstance':
        ARGUMENT_PARSERS['server-lab:instance-stop'](list);
        return this.serverLab.stopSecondInstance();
      case 'restoreServerDefaults':
        ARGUMENT_PARSERS['server-lab:restore'](list);
        return this.serverLab.restoreDefaults();
      default:
        throw new Error(`Unknown bridge method: ${String(method)}`);
    }
  }

  private async readJar(): Promise<CookieRow[]> {
    const { cookies } = await this.cdp.send('Network.getCookies', { urls: [`${this.origin}/`] });
    return (cookies as CdpCookie[]).map(toRow);
  }

  private async inspectSession(): Promise<CookieInspection> {
    const jar = await this.readJar();
    const find = (name: string) => jar.find((c) => c.name === name)?.value;
    // The server running now judges, as main's handler does: after a key change, the new ring.
    return this.experiments.inspect(find(SESSION_COOKIE_NAME), find(SIGNATURE_COOKIE_NAME));
  }

  private async setValue(name: string, value: string): Promise<void> {
    const existing = (await this.readJar()).find((c) => c.name === name);
    if (!existing) throw new Error(`There is no cookie named ${name} in the jar.`);
    await this.writeRow({ ...existing, value });
  }

  private async writeRow(row: CookieRow): Promise<void> {
    const sameSite = TO_CDP[row.sameSite];
    const { success } = await this.cdp.send('Network.setCookie', {
      name: row.name,
      value: row.value,
      // A host-only cookie is set by URL; giving a domain would make it a domain cookie.
      ...(row.hostOnly ? { url: `${this.origin}${row.path}` } : { domain: row.domain }),
      path: row.path,
      secure: row.secure,
      httpOnly: row.httpOnly,
      ...(sameSite ? { sameSite } : {}),
      ...(row.expirationDate === null ? {} : { expires: row.expirationDate }),
    });
    if (success === false) throw new Error('Chromium refused that value (cookie values cannot hold ; , spaces or control characters).');
  }

  /** The jar as main's cookie-jar.ts gives it to the experiments: root path first; writes reported like Electron's. */
  private experimentJar(): ExperimentJar {
    return {
      row: async (name) => {
        const named = (await this.readJar()).filter((c) => c.name === name);
        return named.find((c) => c.path === '/') ?? named[0];
      },
      write: (row) => this.mutate(() => this.writeRow(row)),
      delete: (name) => this.mutate(() => this.cdp.send('Network.deleteCookies', { name, url: `${this.origin}/` })),
    };
  }

  /** Runs a jar change, then reports it as Electron would: cause 'explicit' for removals. */
  private mutate(change: () => Promise<unknown>): Promise<void> {
    const run = this.jarQueue.then(async () => {
      await change();
      await this.diff(EXPLICIT_CAUSES);
    });
    this.jarQueue = run.catch(() => undefined);
    return run;
  }

  private scheduleNetworkDiff(): void {
    // One response brings two calls (its Set-Cookie, then its end). A diff still
    // waiting in the queue will read the jar as it is when it runs, so it covers both.
    if (this.networkDiffQueued) return;
    this.networkDiffQueued = true;
    this.jarQueue = this.jarQueue
      .then(() => {
        this.networkDiffQueued = false;
        return this.diff(NETWORK_CAUSES);
      })
      .catch(() => undefined);
  }

  private async diff(causes: ChangeCauses): Promise<void> {
    if (this.closed) return;
    const now = await this.readJar();
    const changes = diffJar(this.snapshot, now, causes, Date.now());
    this.snapshot = now;
    if (changes.length > 0) this.emit('jar', changes);
  }

  // ---- Network events → WireEntry ----

  private listen(): void {
    const pending = (id: string): PendingRequest => {
      let request = this.requests.get(id);
      if (!request) {
        request = { id, time: Date.now() };
        this.requests.set(id, request);
      }
      return request;
    };
    this.cdp.on('Network.requestWillBeSent', (e) => {
      const request = pending(e.requestId);
      request.method = e.request.method;
      request.url = e.request.url;
      request.time = e.wallTime * 1000;
    });
    this.cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
      const request = pending(e.requestId);
      request.cookieSent = header(e.headers, 'cookie');
      this.maybeFinish(request);
    });
    this.cdp.on('Network.responseReceived', (e) => {
      pending(e.requestId).status ??= e.response.status;
    });
    this.cdp.on('Network.responseReceivedExtraInfo', (e) => {
      const request = pending(e.requestId);
      request.status = e.statusCode;
      request.setCookies = header(e.headers, 'set-cookie')?.split('\n') ?? [];
      request.labHeaders = labHeaderLines(e.headers);
      // Set-Cookie is stored before this event is sent: the jar has changed now.
      if (request.setCookies.length > 0) this.scheduleNetworkDiff();
      this.maybeFinish(request);
    });
    this.cdp.on('Network.loadingFinished', (e) => {
      this.finish(pending(e.requestId));
    });
    this.cdp.on('Network.loadingFailed', (e) => {
      const request = pending(e.requestId);
      request.status ??= null;
      this.finish(request);
    });
  }

  private finish(request: PendingRequest): void {
    request.finished = true;
    this.scheduleNetworkDiff();
    if (!this.maybeFinish(request)) {
      // Served from cache, or the extra info is late: report what we have.
      request.timer = setTimeout(() => this.report(request), EXTRA_INFO_GRACE_MS);
    }
  }

  private maybeFinish(request: PendingRequest): boolean {
    if (!request.finished || request.cookieSent === undefined || request.setCookies === undefined) return false;
    clearTimeout(request.timer);
    this.report(request);
    return true;
  }

  private report(request: PendingRequest): void {
    if (!this.requests.delete(request.id) || request.url === undefined) return;
    const url = new URL(request.url);
    if (url.origin !== this.origin) return;
    const entry: WireEntry = {
      id: request.id,
      time: request.time,
      method: request.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      status: request.status ?? null,
      cookieSent: request.cookieSent ?? null,
      setCookies: request.setCookies ?? [],
      labHeaders: request.labHeaders ?? [],
    };
    this.emit('wire', entry);
  }

  /** Delivers an event to the page's listeners, in order; a page mid-navigation just misses it. */
  private emit(channel: EventChannel, payload: JarChange[] | WireEntry | CrackProgress): void {
    // In order, one at a time, to the page's current document.
    this.emitQueue = this.emitQueue.then(() => this.evaluateInPage(`window.${EMIT_HOOK}?.(${JSON.stringify(channel)}, ${JSON.stringify(payload)})`));
  }
}

function header(headers: Headers, name: string): string | null {
  const found = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return found === undefined ? null : (headers[found] ?? null);
}

function toRow(c: CdpCookie): CookieRow {
  return {
    name: c.name,
    value: c.value,
    domain: c.domain,
    // Chromium writes a domain cookie's domain with a leading dot; a host-only one without.
    hostOnly: !c.domain.startsWith('.'),
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    session: c.session,
    expirationDate: c.session ? null : c.expires,
    sameSite: c.sameSite ? FROM_CDP[c.sameSite] : 'unspecified',
    size: Buffer.byteLength(c.name + c.value),
  };
}

// The names the page and this file share; installPageBridge spells them out (it runs in the page, without this module).
const CALL_BINDING = '__sessionLabCall';
const REPLY_HOOK = '__sessionLabReply';
const EMIT_HOOK = '__sessionLabEmit';

type Outcome = { ok: true; value?: unknown } | { ok: false; error: { name: string; message: string } };

interface PageHooks {
  /** The CDP binding: one JSON string per call. */
  __sessionLabCall(payload: string): void;
}

/**
 * Runs in the page before its scripts (serialised by Playwright, so it must be
 * self-contained): builds window.sessionLab with the preload's exact shape.
 */
function installPageBridge(): void {
  const hooks = window as unknown as PageHooks;
  const listeners: Record<EventChannel, Set<(payload: never) => void>> = { jar: new Set(), wire: new Set(), crack: new Set() };
  const pending = new Map<number, { resolve: (value: never) => void; reject: (err: Error) => void }>();
  let lastId = 0;
  const call =
    (method: string) =>
    (...args: unknown[]): Promise<never> =>
      new Promise<never>((resolve, reject) => {
        const id = ++lastId;
        pending.set(id, { resolve, reject });
        hooks.__sessionLabCall(JSON.stringify({ id, method, args }));
      });
  // Configurable (not writable): npm run bench wraps it to time each call.
  Object.defineProperty(window, '__sessionLabReply', {
    configurable: true,
    value: (id: number, outcome: Outcome) => {
      const waiting = pending.get(id);
      if (!waiting) return;
      pending.delete(id);
      if (outcome.ok) waiting.resolve(outcome.value as never);
      else waiting.reject(Object.assign(new Error(outcome.error.message), { name: outcome.error.name }));
    },
  });
  const subscribe =
    (channel: EventChannel) =>
    (listener: (payload: never) => void): (() => void) => {
      listeners[channel].add(listener);
      return () => {
        listeners[channel].delete(listener);
      };
    };
  Object.defineProperty(window, '__sessionLabEmit', {
    value: (channel: EventChannel, payload: never) => {
      for (const listener of listeners[channel]) listener(payload);
    },
  });
  const bridge: LabBridge = {
    listCookies: call('listCookies'),
    deleteCookie: call('deleteCookie'),
    clearCookies: call('clearCookies'),
    setCookieValue: call('setCookieValue'),
    inspectSession: call('inspectSession'),
    experimentsState: call('experimentsState'),
    forgeSession: call('forgeSession'),
    crackSessionKey: call('crackSessionKey'),
    startWeakKeyDemo: call('startWeakKeyDemo'),
    restoreStoredKeys: call('restoreStoredKeys'),
    addSigningKey: call('addSigningKey'),
    dropOlderKeys: call('dropOlderKeys'),
    serverLabState: call('serverLabState'),
    setServerExpiry: call('setServerExpiry'),
    advanceLabClock: call('advanceLabClock'),
    setCookieAttributes: call('setCookieAttributes'),
    startSecondInstance: call('startSecondInstance'),
    stopSecondInstance: call('stopSecondInstance'),
    restoreServerDefaults: call('restoreServerDefaults'),
    onJarChanged: subscribe('jar'),
    onWire: subscribe('wire'),
    onCrackProgress: subscribe('crack'),
  };
  // contextBridge hands the page a frozen, non-writable object; so do we.
  Object.defineProperty(window, 'sessionLab', { value: Object.freeze(bridge), enumerable: true });
}
