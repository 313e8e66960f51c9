// Electron-shaped adapters over Chromium's DevTools protocol, so the e2e suite runs main's own code.
//
// main/lab-runtime.ts wires the lab from four Electron pieces: `session.cookies`,
// `session.webRequest`, `ipcMain` and the windows' web contents. In Debian's
// Chromium there is no Electron, so this file gives the runtime the same four
// shapes backed by CDP:
// - a cookie store over Network.getAllCookies / setCookie / deleteCookies, whose
//   'changed' events are made by diffing the jar (CDP has no cookie event) and
//   carry Electron's causes, so main's own grouping (jar-changes.ts) runs on them;
// - a webRequest tap fed by Network events, with Electron's detail shapes;
// - an ipcMain over one CDP binding: the page's call reaches main's registered
//   handler with a sender made from the calling frame, so the sender check,
//   the argument parsers and the handlers are main's;
// - an event receiver that evaluates in the page.
// The page side is the contract's own buildBridge, serialised into the page.
//
// The Your app tab's target is a second page in a browser context of its own (so
// a cookie jar of its own, as the view's partition is), with its own cookie store
// and webRequest tap over its own CDP session, and a view controller that drives
// that page (goto, back, forward, reload): attachTargetSession runs on those.
//
// The Decoder (attachDecoder) runs on the same ipc and window; its open dialog
// is a picker that answers with the file the test names.
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { Cookie, CookiesGetFilter, CookiesSetDetails, WebRequestFilter } from 'electron';
import type { CDPSession, Download, Frame, Page, Request } from 'playwright-core';
import { buildBridge, channelOf, EVENT_VERBS, INVOKE_VERBS, type InvokeVerb, type ViewRect } from '../../contract';
import type { CookieChangedListener, CookieStore } from '../../main/jar/cookie-jar';
import type { EventReceiver, IpcMainLike } from '../../main/ipc/ipc';
import type { WordlistPicker } from '../../main/decoder/decoder';
import {
  attachDecoder,
  attachLabSession,
  attachTargetSession,
  type DecoderSession,
  type LabServer,
  type LabSession,
  type TargetSession,
} from '../../main/lab-runtime';
import type { ReportSaver } from '../../main/target/target-inspector';
import type { TargetGuard, TargetViewController, TargetViewEvents } from '../../main/target/target-tab';
import type { SenderEvent } from '../../main/ipc/sender-check';
import type { WebRequestTap } from '../../main/jar/traffic';
import type { RequestFailed, RequestSent, ResponseReceived } from '../../main/jar/wire-log';

/** The crack worker as scripts/build.mjs builds it (the e2e suite needs dist/ anyway). */
export const BUILT_CRACK_WORKER = path.resolve('dist/server/audit/crack-worker.js');

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
type ElectronSameSite = Cookie['sameSite'];

const FROM_CDP: Record<CdpSameSite, ElectronSameSite> = { Strict: 'strict', Lax: 'lax', None: 'no_restriction' };
const TO_CDP: Partial<Record<ElectronSameSite, CdpSameSite>> = { strict: 'Strict', lax: 'Lax', no_restriction: 'None' };

/** How long a finished request may wait for its *ExtraInfo events, which CDP may send late. */
const EXTRA_INFO_GRACE_MS = 1000;

/** A cookie as Electron's session.cookies reports it. */
function toElectron(c: CdpCookie): Cookie {
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
    ...(c.session ? {} : { expirationDate: c.expires }),
    sameSite: c.sameSite ? FROM_CDP[c.sameSite] : 'unspecified',
  };
}

const identity = (c: Cookie): string => `${c.name}\u0000${c.domain ?? ''}\u0000${c.path ?? ''}`;

const sameAttributes = (a: Cookie, b: Cookie): boolean =>
  a.expirationDate === b.expirationDate && a.secure === b.secure && a.httpOnly === b.httpOnly && a.sameSite === b.sameSite && a.hostOnly === b.hostOnly;

/** Who changed the jar decides the cause Chromium gives a removal. */
type Remover = 'explicit' | 'expired-overwrite';

/**
 * Electron's 'changed' events between two jars, in the order Chromium sends
 * them: an overwrite is the old cookie removed ('overwrite') then the new one
 * inserted; a rewrite that keeps the value is one 'inserted-no-value-change-overwrite'.
 */
export function cookieEvents(before: readonly Cookie[], after: readonly Cookie[], remover: Remover): { cookie: Cookie; cause: string; removed: boolean }[] {
  // In name order, as a server's Set-Cookie headers for a pair (x, then x.sig) come.
  const sorted = (list: readonly Cookie[]) => [...list].sort((a, b) => (identity(a) < identity(b) ? -1 : identity(a) > identity(b) ? 1 : 0));
  const old = new Map(sorted(before).map((c) => [identity(c), c]));
  const events: { cookie: Cookie; cause: string; removed: boolean }[] = [];
  for (const cookie of sorted(after)) {
    const previous = old.get(identity(cookie));
    old.delete(identity(cookie));
    if (previous === undefined) {
      events.push({ cookie, cause: 'inserted', removed: false });
    } else if (previous.value !== cookie.value) {
      events.push({ cookie: previous, cause: 'overwrite', removed: true }, { cookie, cause: 'inserted', removed: false });
    } else if (!sameAttributes(previous, cookie)) {
      events.push({ cookie, cause: 'inserted-no-value-change-overwrite', removed: false });
    }
  }
  for (const gone of old.values()) events.push({ cookie: gone, cause: remover, removed: true });
  return events;
}

/** Electron's CookiesGetFilter, applied to one cookie. */
function matchesFilter(c: Cookie, filter: CookiesGetFilter): boolean {
  const domain = (c.domain ?? '').replace(/^\./, '');
  if (filter.domain !== undefined) {
    const wanted = filter.domain.replace(/^\./, '');
    if (domain !== wanted && !domain.endsWith(`.${wanted}`)) return false;
  }
  if (filter.url !== undefined) {
    const url = new URL(filter.url);
    const hostMatches = c.hostOnly ? url.hostname === domain : url.hostname === domain || url.hostname.endsWith(`.${domain}`);
    if (!hostMatches || !url.pathname.startsWith(c.path ?? '/') || (c.secure === true && url.protocol !== 'https:')) return false;
  }
  if (filter.name !== undefined && c.name !== filter.name) return false;
  if (filter.path !== undefined && c.path !== filter.path) return false;
  if (filter.secure !== undefined && c.secure !== filter.secure) return false;
  if (filter.session !== undefined && c.session !== filter.session) return false;
  if (filter.httpOnly !== undefined && c.httpOnly !== filter.httpOnly) return false;
  return true;
}

/** `session.cookies` over CDP: list, set, remove, and 'changed' events made by diffing. */
class CdpCookieStore extends EventEmitter implements CookieStore {
  private snapshot: Cookie[] = [];
  /** Reads and writes run one at a time, so each diff sees exactly one change. */
  private queue: Promise<unknown> = Promise.resolve();
  private networkDiffQueued = false;
  closed = false;

  constructor(private readonly cdp: CDPSession) {
    super();
  }

  async start(): Promise<void> {
    this.snapshot = await this.all();
  }

  get(filter: CookiesGetFilter): Promise<Cookie[]> {
    return this.all().then((cookies) => cookies.filter((c) => matchesFilter(c, filter)));
  }

  set(details: CookiesSetDetails): Promise<void> {
    return this.change(async () => {
      const sameSite = details.sameSite === undefined ? undefined : TO_CDP[details.sameSite];
      const result = (await this.cdp.send('Network.setCookie', {
        name: details.name ?? '',
        value: details.value ?? '',
        // As Electron: with a domain the cookie is a domain cookie, without one it is host-only for the URL.
        ...(details.domain === undefined ? { url: details.url } : { domain: details.domain }),
        ...(details.path === undefined ? {} : { path: details.path }),
        secure: details.secure ?? false,
        httpOnly: details.httpOnly ?? false,
        ...(sameSite === undefined ? {} : { sameSite }),
        ...(details.expirationDate === undefined ? {} : { expires: details.expirationDate }),
      })) as { success?: boolean };
      // Electron rejects with this when Chromium refuses the cookie.
      if (result.success === false) throw new Error('Failed to set cookie');
    }, 'explicit');
  }

  remove(url: string, name: string): Promise<void> {
    return this.change(() => this.cdp.send('Network.deleteCookies', { name, url }), 'explicit');
  }

  /** Clears the context's whole jar (and whatever else `alsoClear` does), with Electron's 'explicit' removals. */
  clearAll(alsoClear: () => Promise<void>): Promise<void> {
    return this.change(async () => {
      await this.cdp.send('Network.clearBrowserCookies');
      await alsoClear();
    }, 'explicit');
  }

  override on(event: 'changed', listener: CookieChangedListener): this {
    return super.on(event, listener);
  }

  override removeListener(event: 'changed', listener: CookieChangedListener): this {
    return super.removeListener(event, listener);
  }

  /** A response may have set cookies (or a page script did): diff once the queue gets there. */
  networkMayHaveChanged(): void {
    // One response brings two calls (its Set-Cookie, then its end); a diff still
    // waiting in the queue reads the jar as it is when it runs, so it covers both.
    if (this.networkDiffQueued) return;
    this.networkDiffQueued = true;
    this.queue = this.queue
      .then(() => {
        this.networkDiffQueued = false;
        return this.diff('expired-overwrite');
      })
      .catch(() => undefined);
  }

  private async all(): Promise<Cookie[]> {
    const { cookies } = (await this.cdp.send('Network.getAllCookies')) as { cookies: CdpCookie[] };
    return cookies.map(toElectron);
  }

  private change(work: () => Promise<unknown>, remover: Remover): Promise<void> {
    const run = this.queue.then(async () => {
      await work();
      await this.diff(remover);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async diff(remover: Remover): Promise<void> {
    if (this.closed) return;
    const now = await this.all();
    const events = cookieEvents(this.snapshot, now, remover);
    this.snapshot = now;
    // Electron emits each change as its own 'changed' event, asynchronously.
    for (const { cookie, cause, removed } of events) this.emit('changed', {}, cookie, cause, removed);
  }
}

type Listener<D, C> = ((details: D, callback: (response: C) => void) => void) | null;

/** One request through its hops (a redirect reuses the id, as in Electron). */
interface Hop {
  url: string;
  method: string;
  /** Headers from Network.requestWillBeSentExtraInfo (the Cookie header is only there). */
  requestHeaders?: Record<string, string>;
  sent: boolean;
  /** From Network.responseReceivedExtraInfo: the raw headers, Set-Cookie included. */
  response?: { statusCode: number; headers: Record<string, string[]> };
  /** From Network.responseReceived, for a response that gets no extra info (served from cache). */
  basic?: { statusCode: number; headers: Record<string, string[]> };
  done: boolean;
  timer?: NodeJS.Timeout;
}

/** Electron's match patterns as the traffic taps use them: scheme://host/path* (host "*": any), any port. */
function matchesPattern(url: string, pattern: string): boolean {
  const m = /^(\w+):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (m === null) return false;
  const parsed = new URL(url);
  const pathRe = new RegExp(
    `^${m[3]!
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return parsed.protocol === `${m[1]}:` && (m[2] === '*' || parsed.hostname === m[2]) && pathRe.test(`${parsed.pathname}${parsed.search}`);
}

/** `session.webRequest` over CDP Network events, with Electron's detail shapes. */
class CdpWebRequest implements WebRequestTap {
  private filter: WebRequestFilter | null = null;
  private beforeSend: Listener<RequestSent, unknown> = null;
  private headersReceived: Listener<ResponseReceived, unknown> = null;
  private errorOccurred: ((details: RequestFailed) => void) | null = null;
  private readonly hops = new Map<string, Hop>();
  /** Electron numbers requests; CDP names them. */
  private readonly ids = new Map<string, number>();
  /** ExtraInfo events that came before their requestWillBeSent. */
  private readonly earlyRequestHeaders = new Map<string, Record<string, string>[]>();
  private readonly earlyResponses = new Map<string, { statusCode: number; headers: Record<string, string[]> }[]>();

  constructor(cdp: CDPSession, onNetworkChange: () => void) {
    cdp.on('Network.requestWillBeSent', (e) => {
      const previous = this.hops.get(e.requestId);
      if (previous !== undefined && e.redirectResponse !== undefined) {
        // The redirect's own response ends the previous hop.
        previous.response ??= { statusCode: e.redirectResponse.status, headers: splitHeaders(e.redirectResponse.headers) };
        previous.done = true;
        this.advance(e.requestId, previous);
      }
      const hop: Hop = { url: e.request.url, method: e.request.method, sent: false, done: false };
      const early = this.earlyRequestHeaders.get(e.requestId)?.shift();
      if (early !== undefined) hop.requestHeaders = early;
      this.hops.set(e.requestId, hop);
      this.advance(e.requestId, hop);
    });
    cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
      const hop = this.hops.get(e.requestId);
      if (hop === undefined || hop.requestHeaders !== undefined) push(this.earlyRequestHeaders, e.requestId, e.headers as Record<string, string>);
      else {
        hop.requestHeaders = e.headers as Record<string, string>;
        this.advance(e.requestId, hop);
      }
    });
    cdp.on('Network.responseReceivedExtraInfo', (e) => {
      const response = { statusCode: e.statusCode, headers: splitHeaders(e.headers) };
      // Set-Cookie is stored before this event is sent: the jar has changed now.
      if (Object.keys(e.headers).some((k) => k.toLowerCase() === 'set-cookie')) onNetworkChange();
      const hop = this.hops.get(e.requestId);
      if (hop === undefined || hop.response !== undefined) push(this.earlyResponses, e.requestId, response);
      else {
        hop.response = response;
        this.advance(e.requestId, hop);
      }
    });
    cdp.on('Network.responseReceived', (e) => {
      const hop = this.hops.get(e.requestId);
      if (hop !== undefined) hop.basic = { statusCode: e.response.status, headers: splitHeaders(e.response.headers) };
    });
    cdp.on('Network.loadingFinished', (e) => {
      onNetworkChange();
      this.end(e.requestId, false);
    });
    cdp.on('Network.loadingFailed', (e) => {
      onNetworkChange();
      this.end(e.requestId, true);
    });
  }

  onBeforeSendHeaders(filter: WebRequestFilter, listener: Listener<RequestSent, unknown>): void {
    this.filter = listener === null ? null : filter;
    this.beforeSend = listener;
  }

  onHeadersReceived(filter: WebRequestFilter, listener: Listener<ResponseReceived, unknown>): void {
    this.filter = listener === null ? this.filter : filter;
    this.headersReceived = listener;
  }

  onErrorOccurred(filter: WebRequestFilter, listener: ((details: RequestFailed) => void) | null): void {
    this.filter = listener === null ? this.filter : filter;
    this.errorOccurred = listener;
  }

  private idOf(requestId: string): number {
    let id = this.ids.get(requestId);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(requestId, id);
    }
    return id;
  }

  private watched(url: string): boolean {
    return this.filter !== null && this.filter.urls.some((pattern) => matchesPattern(url, pattern));
  }

  private end(requestId: string, failed: boolean): void {
    const hop = this.hops.get(requestId);
    if (hop === undefined) return;
    hop.done = true;
    if (failed && hop.response === undefined) {
      this.send(requestId, hop);
      this.errorOccurred?.({ id: this.idOf(requestId), url: hop.url });
      this.hops.delete(requestId);
      return;
    }
    if (!this.advance(requestId, hop)) {
      // Served from cache, or the extra info is late: report what there is.
      hop.timer = setTimeout(() => this.advance(requestId, hop, true), EXTRA_INFO_GRACE_MS);
    }
  }

  /** Moves a hop on as far as its events allow; true once it is reported whole. */
  private advance(requestId: string, hop: Hop, late = false): boolean {
    if (!hop.sent && (hop.requestHeaders !== undefined || late)) this.send(requestId, hop);
    if (!hop.sent) return false;
    hop.response ??= this.earlyResponses.get(requestId)?.shift();
    if (hop.response === undefined && !late) return false;
    if (!hop.done && !late) return false;
    clearTimeout(hop.timer);
    if (this.hops.get(requestId) === hop) this.hops.delete(requestId);
    const response = hop.response ?? hop.basic;
    if (this.watched(hop.url)) {
      if (response === undefined) this.errorOccurred?.({ id: this.idOf(requestId), url: hop.url });
      else
        this.headersReceived?.({ id: this.idOf(requestId), url: hop.url, statusCode: response.statusCode, responseHeaders: response.headers }, () => undefined);
    }
    return true;
  }

  private send(requestId: string, hop: Hop): void {
    if (hop.sent) return;
    hop.sent = true;
    if (!this.watched(hop.url)) return;
    this.beforeSend?.({ id: this.idOf(requestId), url: hop.url, method: hop.method, requestHeaders: hop.requestHeaders ?? {} }, () => undefined);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

/** CDP joins repeated headers with newlines; Electron gives each header's values as a list. */
function splitHeaders(headers: Record<string, unknown>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value).split('\n')]));
}

// The names the page and this file share; the page script spells them out (it runs in the page, without this module).
const CALL_BINDING = '__sessionLabCall';
const REPLY_HOOK = '__sessionLabReply';
const EMIT_HOOK = '__sessionLabEmit';

type Outcome = { ok: true; value?: unknown } | { ok: false; message: string };

type IpcListener = (event: SenderEvent, ...args: unknown[]) => unknown;

/** One frame of the page, as the sender check needs it. */
interface FrameInfo {
  url: string;
  parentId: string | null;
}

/** The lab window's web contents id in the harness (Electron numbers them too). */
const LAB_CONTENTS_ID = 1;
/** The Your app view's web contents id in the harness: another contents, as in Electron. */
export const TARGET_CONTENTS_ID = 2;

/** `ipcMain` over one CDP binding: the page's calls reach main's handlers with a sender made from the calling frame. */
class CdpIpcMain implements IpcMainLike {
  private readonly handlers = new Map<string, IpcListener>();
  private readonly frames = new Map<string, FrameInfo>();
  /** Execution context id → the frame it belongs to. */
  private readonly contexts = new Map<number, string>();

  constructor(
    private readonly cdp: CDPSession,
    private readonly reply: (expression: string, contextId: number) => void,
  ) {
    cdp.on('Page.frameNavigated', (e) => this.frames.set(e.frame.id, { url: e.frame.url, parentId: e.frame.parentId ?? null }));
    cdp.on('Page.frameDetached', (e) => this.frames.delete(e.frameId));
    cdp.on('Runtime.executionContextCreated', (e) => {
      const frameId = (e.context.auxData as { frameId?: string } | undefined)?.frameId;
      if (frameId !== undefined) this.contexts.set(e.context.id, frameId);
    });
    cdp.on('Runtime.executionContextDestroyed', (e) => this.contexts.delete(e.executionContextId));
    cdp.on('Runtime.bindingCalled', (e) => {
      if (e.name === CALL_BINDING) this.call(e.executionContextId, e.payload);
    });
  }

  handle(channel: string, listener: IpcListener): void {
    // As Electron: one handler per channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Calls a verb's handler as Electron would for a message from `sender`: what a forged call meets. */
  async invokeAs(sender: SenderEvent, channel: string, args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(sender, ...args);
  }

  /** What Electron's IpcMainInvokeEvent would say about the frame behind this execution context. */
  private senderOf(contextId: number): SenderEvent {
    const frameId = this.contexts.get(contextId);
    const frame = frameId === undefined ? undefined : this.frames.get(frameId);
    const parent = frame?.parentId == null ? null : (this.frames.get(frame.parentId) ?? { url: '' });
    return { sender: { id: LAB_CONTENTS_ID }, senderFrame: frame === undefined ? null : { url: frame.url, parent } };
  }

  private call(contextId: number, payload: string): void {
    let request: { id?: unknown; channel?: unknown; args?: unknown };
    try {
      request = JSON.parse(payload) as typeof request;
    } catch {
      return;
    }
    if (typeof request.id !== 'number' || typeof request.channel !== 'string') return;
    const { id, channel } = request;
    const args = Array.isArray(request.args) ? (request.args as unknown[]) : [];
    const handler = this.handlers.get(channel);
    const event = this.senderOf(contextId);
    void Promise.resolve()
      .then(() => {
        if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
        return handler(event, ...args);
      })
      .then(
        (value: unknown): Outcome => ({ ok: true, value }),
        // Electron's own wording for a handler that threw, as the window receives it.
        (err: unknown): Outcome => ({
          ok: false,
          message: `Error invoking remote method '${channel}': ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
        }),
      )
      .then((outcome) => this.reply(`window.${REPLY_HOOK}(${id}, ${JSON.stringify(outcome)})`, contextId));
  }
}

/**
 * Runs in the page before its scripts (serialised, so it must be self-contained):
 * builds window.sessionLab with the contract's buildBridge, over the CDP binding.
 */
function installPageBridge(build: typeof buildBridge, verbs: { invoke: string[]; events: string[] }, channel: (verb: string) => string): void {
  interface Hooks {
    __sessionLabCall(payload: string): void;
  }
  const hooks = window as unknown as Hooks;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  let lastId = 0;
  // Configurable (not writable): npm run bench wraps it to time each call.
  Object.defineProperty(window, '__sessionLabReply', {
    configurable: true,
    value: (id: number, outcome: { ok: true; value?: unknown } | { ok: false; message: string }) => {
      const waiting = pending.get(id);
      if (!waiting) return;
      pending.delete(id);
      if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(new Error(outcome.message));
    },
  });
  Object.defineProperty(window, '__sessionLabEmit', {
    value: (name: string, payload: unknown) => {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
  });
  const bridge = build(verbs, channel, {
    invoke: (name, args) =>
      new Promise((resolve, reject) => {
        const id = ++lastId;
        pending.set(id, { resolve, reject });
        hooks.__sessionLabCall(JSON.stringify({ id, channel: name, args }));
      }),
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  });
  // contextBridge hands the page a frozen, non-writable object; so do we.
  Object.defineProperty(window, 'sessionLab', { value: Object.freeze(bridge), enumerable: true });
}

/** A page's cookie store and webRequest tap over its own CDP session (one per browser context: one jar). */
async function cdpPartition(page: Page): Promise<{ cdp: CDPSession; cookies: CdpCookieStore; webRequest: CdpWebRequest }> {
  const cdp = await page.context().newCDPSession(page);
  const cookies = new CdpCookieStore(cdp);
  const webRequest = new CdpWebRequest(cdp, () => cookies.networkMayHaveChanged());
  await Promise.all([cdp.send('Network.enable'), cdp.send('Page.enable')]);
  await cookies.start();
  return { cdp, cookies, webRequest };
}

/**
 * The Your app view over a second Playwright page: what Electron's
 * WebContentsView does for target-view.ts, done with the page's own events.
 * Chromium has no window-open handler or download veto over CDP, so a popup is
 * closed the moment it exists and a download cancelled once it starts (Electron
 * refuses both before they begin: test/main/target/target-view.test.ts); a
 * main-frame navigation the guard refuses is aborted as it is requested, through
 * CDP's Fetch domain on documents.
 */
export class PageViewController implements TargetViewController {
  /** The bounds main last placed the view at (null: hidden). */
  bounds: ViewRect | null = null;
  /** Every origin the page loaded a document from, for clearing their storage. */
  readonly origins = new Set<string>();
  private hooks: { guard: TargetGuard; events: TargetViewEvents } | null = null;
  private mainFrameId: string | null = null;
  /** Settles once the document guard is in place (before the first load). */
  ready: Promise<void> = Promise.resolve();

  constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly labViewport: () => { width: number; height: number },
  ) {}

  attach(guard: TargetGuard, events: TargetViewEvents): () => void {
    this.hooks = { guard, events };
    const { page } = this;
    const main = () => page.mainFrame();
    const onNavigated = (frame: Frame) => {
      if (frame !== main()) return;
      const url = frame.url();
      if (/^https?:/.test(url)) this.origins.add(new URL(url).origin);
      this.hooks?.events.navigated(url);
    };
    const onLoad = () => {
      this.hooks?.events.loading(false);
      void page.title().then(
        (title) => this.hooks?.events.title(title),
        () => undefined,
      );
    };
    const onRequest = (request: Request) => {
      if (request.isNavigationRequest() && request.frame() === main()) this.hooks?.events.loading(true);
    };
    const onFailed = (request: Request) => {
      if (!request.isNavigationRequest() || request.frame() !== main()) return;
      this.hooks?.events.failed(request.url(), request.failure()?.errorText ?? 'ERR_FAILED');
      this.hooks?.events.loading(false);
    };
    // The opener's Page.windowOpen names what the page asked for; the popup itself is closed as soon as it exists.
    const onWindowOpen = (e: { url: string }) => this.hooks?.guard('new-window', e.url);
    const onPopup = (popup: Page) => void popup.close().catch(() => undefined);
    this.cdp.on('Page.windowOpen', onWindowOpen);
    const onDownload = (download: Download) => {
      this.hooks?.guard('download', download.url());
      void download.cancel().catch(() => undefined);
    };
    page.on('framenavigated', onNavigated);
    page.on('load', onLoad);
    page.on('request', onRequest);
    page.on('requestfailed', onFailed);
    page.on('popup', onPopup);
    page.on('download', onDownload);
    // Documents only (page.route would take every request, and fails favicons): each main-frame
    // request the guard refuses is dropped before it leaves.
    const onPaused = (e: { requestId: string; frameId: string; request: { url: string }; redirectedRequestId?: string }) => {
      const refused =
        e.frameId === this.mainFrameId &&
        this.hooks !== null &&
        !this.hooks.guard(e.redirectedRequestId === undefined ? 'navigation' : 'redirect', e.request.url);
      // Aborted, as Electron's preventDefault does: the page stays where it was (BlockedByClient would commit an error page).
      const answer = refused
        ? this.cdp.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'Aborted' })
        : this.cdp.send('Fetch.continueRequest', { requestId: e.requestId });
      void answer.catch(() => undefined);
    };
    this.cdp.on('Fetch.requestPaused', onPaused);
    this.ready = (async () => {
      const { frameTree } = (await this.cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
      this.mainFrameId = frameTree.frame.id;
      await this.cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }] });
    })();
    return () => {
      this.cdp.off('Fetch.requestPaused', onPaused);
      this.cdp.off('Page.windowOpen', onWindowOpen);
      this.hooks = null;
      page.off('framenavigated', onNavigated);
      page.off('load', onLoad);
      page.off('request', onRequest);
      page.off('requestfailed', onFailed);
      page.off('popup', onPopup);
      page.off('download', onDownload);
    };
  }

  load(url: string): void {
    // How it went arrives through the page's events, as did-fail-load does in Electron.
    void this.ready.then(() => this.page.goto(url)).catch(() => undefined);
  }

  back(): void {
    void this.page.goBack().catch(() => undefined);
  }

  forward(): void {
    void this.page.goForward().catch(() => undefined);
  }

  reload(): void {
    void this.page.reload().catch(() => undefined);
  }

  stop(): void {
    void this.cdp.send('Page.stopLoading').catch(() => undefined);
  }

  async history(): Promise<{ canGoBack: boolean; canGoForward: boolean }> {
    const { currentIndex, entries } = (await this.cdp.send('Page.getNavigationHistory')) as { currentIndex: number; entries: unknown[] };
    return { canGoBack: currentIndex > 0, canGoForward: currentIndex < entries.length - 1 };
  }

  setBounds(bounds: ViewRect | null): void {
    this.bounds = bounds;
    // The page lays out at the slot's size, as the view would.
    if (bounds !== null && !this.page.isClosed()) void this.page.setViewportSize({ width: bounds.width, height: bounds.height }).catch(() => undefined);
  }

  contentSize(): { width: number; height: number } {
    return this.labViewport();
  }
}

/** What the harness gives the Your app tab: its page, and where an exported report is saved. */
export interface CdpTargetOptions {
  page: Page;
  saver: ReportSaver;
  /** The lab page's viewport: the window's content area the view must stay in. */
  labViewport: () => { width: number; height: number };
}

/** The Your app tab's pieces, for the tests to look at. */
export interface CdpTarget {
  page: Page;
  view: PageViewController;
  session: TargetSession;
}

/** The Decoder's open dialog in the harness: it answers with the file the test names, or as a person who cancels (null, the default). */
export class HarnessPicker implements WordlistPicker {
  answer: string | null = null;
  /** How many times the dialog was opened. */
  opened = 0;

  async pickWordlist(): Promise<string | null> {
    this.opened += 1;
    return this.answer;
  }
}

/** The lab's desktop side for one Playwright page: main's runtime over the CDP adapters. */
export class CdpLab {
  private constructor(
    private readonly cdp: CDPSession,
    private readonly cookies: CdpCookieStore,
    readonly session: LabSession,
    /** The Decoder tab's side, and the dialog its wordlist comes from. */
    readonly decoder: { session: DecoderSession; picker: HarnessPicker },
    private readonly state: { closed: boolean },
    private readonly ipc: CdpIpcMain,
    /** The Your app tab, when the lab was opened with a target page. */
    readonly target: CdpTarget | null,
    private readonly targetParts: { cdp: CDPSession; cookies: CdpCookieStore } | null,
  ) {}

  /** A call that reaches main's handler from `sender`, as Electron would deliver it: the sender check decides. */
  invokeAs<V extends InvokeVerb>(sender: SenderEvent, verb: V, ...args: unknown[]): Promise<unknown> {
    return this.ipc.invokeAs(sender, channelOf(verb), args);
  }

  /** Installs the bridge on `page` and attaches main's runtime to it; call before the first navigation. */
  static async install(page: Page, server: LabServer, targetOptions: CdpTargetOptions | null = null): Promise<CdpLab> {
    const cdp = await page.context().newCDPSession(page);
    const state = { closed: false };
    let emits: Promise<unknown> = Promise.resolve();
    const evaluate = (expression: string, contextId?: number): Promise<void> => {
      if (state.closed || page.isClosed()) return Promise.resolve();
      return cdp.send('Runtime.evaluate', { expression, ...(contextId === undefined ? {} : { contextId }) }).then(
        () => undefined,
        // A page that has navigated away or closed meanwhile just misses it.
        () => undefined,
      );
    };
    const cookies = new CdpCookieStore(cdp);
    const webRequest = new CdpWebRequest(cdp, () => cookies.networkMayHaveChanged());
    const ipc = new CdpIpcMain(cdp, (expression, contextId) => void evaluate(expression, contextId));
    const receiver: EventReceiver = {
      isDestroyed: () => state.closed || page.isClosed(),
      send(channel, payload) {
        // In order, one at a time, to the page's current document.
        emits = emits.then(() => evaluate(`window.${EMIT_HOOK}?.(${JSON.stringify(channel)}, ${JSON.stringify(payload)})`));
      },
    };

    await Promise.all([cdp.send('Network.enable'), cdp.send('Page.enable')]);
    await cookies.start();
    // The binding reaches the page's future documents only with Runtime on for this session.
    await cdp.send('Runtime.enable');
    await cdp.send('Runtime.addBinding', { name: CALL_BINDING });
    const verbs = { invoke: INVOKE_VERBS, events: EVENT_VERBS };
    // Runners that keep function names (tsx, esbuild keepNames) wrap them in
    // __name(); the page has no such helper, so give it a no-op one.
    await page.addInitScript({
      content: `(() => { const __name = (f) => f; (${installPageBridge.toString()})(${buildBridge.toString()}, ${JSON.stringify(verbs)}, ${channelOf.toString()}); })();`,
    });
    const session = attachLabSession(server, {
      cookies,
      webRequest,
      ipc,
      isLabContents: (id) => id === LAB_CONTENTS_ID,
      receivers: () => [receiver],
      crackWorkerPath: BUILT_CRACK_WORKER,
    });
    const picker = new HarnessPicker();
    const decoder = {
      session: attachDecoder(server, {
        picker,
        ipc,
        isLabContents: (id) => id === LAB_CONTENTS_ID,
        receivers: () => [receiver],
        crackWorkerPath: BUILT_CRACK_WORKER,
      }),
      picker,
    };
    if (targetOptions === null) return new CdpLab(cdp, cookies, session, decoder, state, ipc, null, null);

    // The Your app view: its own context's jar and traffic, the same ipc and window as the lab's.
    const part = await cdpPartition(targetOptions.page);
    const view = new PageViewController(targetOptions.page, part.cdp, targetOptions.labViewport);
    const targetSession = attachTargetSession(server, {
      partition: {
        cookies: part.cookies,
        webRequest: part.webRequest,
        clearData: () =>
          part.cookies.clearAll(async () => {
            for (const origin of view.origins) await part.cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
          }),
      },
      view,
      saver: targetOptions.saver,
      ipc,
      isLabContents: (id) => id === LAB_CONTENTS_ID,
      receivers: () => [receiver],
      crackWorkerPath: BUILT_CRACK_WORKER,
    });
    return new CdpLab(
      cdp,
      cookies,
      session,
      decoder,
      state,
      ipc,
      { page: targetOptions.page, view, session: targetSession },
      { cdp: part.cdp, cookies: part.cookies },
    );
  }

  async close(): Promise<void> {
    // As main does at quit: stop a crack, drop a cookie only a lab key signed, forget the typed key.
    await this.session.prepareForQuit().catch(() => undefined);
    this.target?.session.prepareForQuit();
    this.decoder.session.prepareForQuit();
    this.session.detach();
    this.target?.session.detach();
    this.decoder.session.detach();
    this.state.closed = true;
    this.cookies.closed = true;
    if (this.targetParts !== null) this.targetParts.cookies.closed = true;
    await Promise.all([this.cdp.detach().catch(() => undefined), this.targetParts?.cdp.detach().catch(() => undefined)]);
  }
}
