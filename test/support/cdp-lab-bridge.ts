// The desktop bridge (LabBridge) for a Playwright page, backed by Chromium's own
// cookie store and network events over CDP, so the real lab page shows a real jar.
//
// Page side: an init script builds `window.sessionLab` with the preload's shape;
// its calls go to one exposed binding, and events come back through page.evaluate.
// CDP has no cookie-change event, so the jar is diffed after every response and
// every bridge mutation, giving the JarChange[] Electron's 'changed' would give.
import { Buffer } from 'node:buffer';
import type { CDPSession, Page } from 'playwright-core';
import type { CookieInspection, CookieRow, JarChange, LabBridge, SameSite, WireEntry } from '../../main/bridge-contract';
import { SESSION_COOKIE_NAME, SIGNATURE_COOKIE_NAME, type RunningServer } from '../../server/index';
import { diffJar, EXPLICIT_CAUSES, NETWORK_CAUSES, type ChangeCauses } from './jar-diff';

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

type BridgeMethod = Exclude<keyof LabBridge, 'onJarChanged' | 'onWire'>;
type EventChannel = 'jar' | 'wire';

interface PendingRequest {
  id: string;
  time: number;
  method?: string;
  url?: string;
  cookieSent?: string | null;
  status?: number | null;
  setCookies?: string[];
  finished?: boolean;
  timer?: NodeJS.Timeout;
}

export class CdpLabBridge {
  private snapshot: CookieRow[] = [];
  /** Jar reads and writes run one at a time, so each diff sees exactly one change. */
  private jarQueue: Promise<unknown> = Promise.resolve();
  private emitQueue: Promise<unknown> = Promise.resolve();
  private readonly requests = new Map<string, PendingRequest>();
  private readonly origin: string;
  private closed = false;

  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly server: RunningServer,
  ) {
    this.origin = new URL(server.url).origin;
  }

  /** Installs the bridge on `page`; call before the first navigation. */
  static async install(page: Page, server: RunningServer): Promise<CdpLabBridge> {
    const cdp = await page.context().newCDPSession(page);
    const bridge = new CdpLabBridge(page, cdp, server);
    bridge.listen();
    await cdp.send('Network.enable');
    bridge.snapshot = await bridge.readJar();
    await page.exposeBinding('__sessionLabCall', (_source, method: unknown, args: unknown) => bridge.call(method, args));
    // Runners that keep function names (tsx, esbuild keepNames) wrap them in
    // __name(); the page has no such helper, so give it a no-op one.
    await page.addInitScript({ content: `(() => { const __name = (f) => f; (${installPageBridge.toString()})(); })();` });
    return bridge;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const request of this.requests.values()) clearTimeout(request.timer);
    await this.cdp.detach().catch(() => undefined);
  }

  // ---- LabBridge, as main implements it ----

  /** Dispatches one call from the page; arguments are checked like an IPC handler would. */
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
    return this.server.inspect(find(SESSION_COOKIE_NAME), find(SIGNATURE_COOKIE_NAME));
  }

  private async setValue(name: string, value: string): Promise<void> {
    const existing = (await this.readJar()).find((c) => c.name === name);
    if (!existing) throw new Error(`There is no cookie named ${name} in the jar.`);
    const sameSite = TO_CDP[existing.sameSite];
    const { success } = await this.cdp.send('Network.setCookie', {
      name,
      value,
      // A host-only cookie is set by URL; giving a domain would make it a domain cookie.
      ...(existing.hostOnly ? { url: `${this.origin}${existing.path}` } : { domain: existing.domain }),
      path: existing.path,
      secure: existing.secure,
      httpOnly: existing.httpOnly,
      ...(sameSite ? { sameSite } : {}),
      ...(existing.expirationDate === null ? {} : { expires: existing.expirationDate }),
    });
    if (success === false) throw new Error('Chromium refused that value (cookie values cannot hold ; , spaces or control characters).');
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

  private scheduleDiff(causes: ChangeCauses): void {
    this.jarQueue = this.jarQueue.then(() => this.diff(causes)).catch(() => undefined);
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
      // Set-Cookie is stored before this event is sent: the jar has changed now.
      if (request.setCookies.length > 0) this.scheduleDiff(NETWORK_CAUSES);
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
    this.scheduleDiff(NETWORK_CAUSES);
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
    };
    this.emit('wire', entry);
  }

  /** Delivers an event to the page's listeners, in order; a page mid-navigation just misses it. */
  private emit(channel: EventChannel, payload: JarChange[] | WireEntry): void {
    this.emitQueue = this.emitQueue
      .then(() =>
        this.closed || this.page.isClosed()
          ? undefined
          : this.page.evaluate(([ch, data]) => (window as unknown as PageHooks).__sessionLabEmit?.(ch, data), [channel, payload] as const),
      )
      .catch(() => undefined);
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

interface PageHooks {
  __sessionLabCall(method: string, args: unknown[]): Promise<unknown>;
  __sessionLabEmit?(channel: EventChannel, payload: unknown): void;
}

/**
 * Runs in the page before its scripts (serialised by Playwright, so it must be
 * self-contained): builds window.sessionLab with the preload's exact shape.
 */
function installPageBridge(): void {
  const hooks = window as unknown as PageHooks;
  const listeners: Record<EventChannel, Set<(payload: never) => void>> = { jar: new Set(), wire: new Set() };
  const call =
    (method: string) =>
    (...args: unknown[]): Promise<never> =>
      hooks.__sessionLabCall(method, args) as Promise<never>;
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
    onJarChanged: subscribe('jar'),
    onWire: subscribe('wire'),
  };
  // contextBridge hands the page a frozen, non-writable object; so do we.
  Object.defineProperty(window, 'sessionLab', { value: Object.freeze(bridge), enumerable: true });
}
