// The lab's wiring, in one place for the Electron main process and the Chromium e2e harness.
//
// startLabServer starts the embedded server behind a restartable host, with the
// lab clock and Lab II's switches. attachLabSession then wires one browser
// session to it: the cookie jar, Lab I's experiments, every IPC handler (behind
// the sender check and the argument parsers) and the live events.
// attachTargetSession wires the Your app tab: its view, its own partition's jar,
// traffic and inspector, and its verbs behind the same sender check.
// attachDecoder wires the Decoder tab: the engine reading what was pasted, a
// wordlist picker, and its verbs behind the same sender check. All take
// only Electron-shaped adapters (a cookie store, a webRequest tap, an ipcMain,
// event receivers, a view controller), so main/index.ts passes Electron's and
// the harness passes ones backed by Chromium's DevTools protocol; everything
// else is this code.
import os from 'node:os';
import path from 'node:path';
import { crackInWorker, loadAuditEngine, SESSIONS_DB_FILE_NAME, startServer, type RunningServer, type StoreChoice } from '../server';
import { DECODER_VERBS, LAB_VERBS, SESSION_COOKIES, TARGET_VERBS, type EventVerb, type PayloadOf } from '../contract';
import type { CrackRun } from './audit/audit-keys';
import { createDecoder, type Decoder, type WordlistPicker } from './decoder/decoder';
import { decoderHandlers } from './ipc/decoder-handlers';
import { createCookieJar, type CookieJar, type CookieStore } from './jar/cookie-jar';
import { registerInvokeHandlers, sendEvent, type EventReceiver, type IpcMainLike } from './ipc/ipc';
import { createLabClock, type LabClock } from './labs/lab-clock';
import { createLabExperiments, type LabExperiments } from './labs/lab-experiments';
import { labHandlers } from './ipc/lab-handlers';
import { createRecentLines } from './labs/recent-lines';
import { isTrustedSender, type SenderEvent } from './ipc/sender-check';
import { startServerHost, type OptionsFor, type ServerHost } from './server-host';
import { createServerLab, type ServerLab } from './labs/server-lab';
import { watchTraffic, type WebRequestTap } from './jar/traffic';
import { WEB_SCOPE } from './jar/wire-log';
import { targetHandlers } from './ipc/target-handlers';
import { createTargetInspector, type ReportSaver, type TargetInspector, type TargetPartitionData } from './target/target-inspector';
import { createTargetTab, type TargetTab, type TargetViewController } from './target/target-tab';
import { startSessionKindsLab, type SessionKindsLab } from './labs/session-kinds-lab';

export interface LabServerOptions {
  /** The keys loaded at start (key file or environment), newest first. */
  keys: readonly string[];
  /** The to-do database's folder (todos.sqlite); null: to-dos unavailable. */
  dataDir: string | null;
  /** The built lab page, served at /lab/. */
  labDir: string | null;
  /** A fresh strong key, for Lab I's rotation and Lab II's instance B. */
  newKey: () => string;
  /** Also told every warning the servers log (main: console.warn). */
  onWarning?: (message: string) => void;
  /**
   * The store of Lab III's server-side instance (SESSION_STORE). Default:
   * sessions.sqlite in the data dir, or memory without one.
   */
  sessionStore?: StoreChoice;
}

export interface LabServer {
  host: ServerHost;
  storedKeys: readonly string[];
  clock: LabClock;
  serverLab: ServerLab;
  /** Lab III: the server-side instance(s) behind /server-side/. */
  sessionKinds: SessionKindsLab;
  newKey: () => string;
  /** The URL of the server, the same across restarts. */
  url: string;
  origin: string;
  /** Closes instance B, then the server, then the server-side instances. */
  close(): Promise<void>;
}

export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  // LAB ONLY: the clock server-side expiry reads; Lab II fast-forwards it (offset 0 otherwise).
  const clock = createLabClock();
  const recent = createRecentLines();
  const warn = (message: string) => {
    options.onWarning?.(message);
    recent.add(message);
  };
  // Lab III's server-side instance starts first: the lab server passes /server-side/ on to it.
  const sessionStore: StoreChoice =
    options.sessionStore ?? (options.dataDir === null ? { kind: 'memory' } : { kind: 'sqlite', file: path.join(options.dataDir, SESSIONS_DB_FILE_NAME) });
  const sessionKinds = await startSessionKindsLab({
    store: sessionStore,
    // The stored keys sign its IDs; Lab I's key experiments change the lab server's keys only.
    start: (store, instance) => startServer({ keys: [...options.keys], port: 0, sessions: 'server', store, instance, warn }),
    log: (message) => (options.onWarning ?? console.warn)(message),
  });
  // The host changes the server's keys (Lab I) or settings (Lab II) on the same socket.
  // Instance A names itself only while it balances to a second instance.
  const optionsFor: OptionsFor = (keys, settings) => ({ keys: [...keys], ...settings, instance: settings.balanceTo === null ? null : 'A' });
  const host = await startServerHost(
    (keys, settings) =>
      startServer({
        ...optionsFor(keys, settings),
        keys,
        port: 0,
        labDir: options.labDir,
        dataDir: options.dataDir,
        now: clock.now,
        warn,
        serverSidePeers: () => sessionKinds.peers(),
      }),
    options.keys,
    { optionsFor },
  ).catch(async (err: unknown) => {
    await sessionKinds.close();
    throw err;
  });
  const serverLab = createServerLab({
    host,
    clock,
    // Instance B: no lab page and no to-do database (to-dos stay on A), never a balancer itself.
    startPeer: (keys, settings): Promise<RunningServer> => startServer({ keys, port: 0, ...settings, balanceTo: null, instance: 'B', now: clock.now, warn }),
    newKey: options.newKey,
    serverLog: () => recent.lines(),
  });
  return {
    host,
    storedKeys: [...options.keys],
    clock,
    serverLab,
    sessionKinds,
    newKey: options.newKey,
    url: host.url,
    origin: new URL(host.url).origin,
    close: () =>
      serverLab
        .close()
        .finally(() => host.close())
        .finally(() => sessionKinds.close()),
  };
}

/** The Electron-shaped pieces one browser session of the lab runs on. */
export interface LabAdapters {
  /** session.cookies */
  cookies: CookieStore;
  /** session.webRequest */
  webRequest: WebRequestTap;
  /** ipcMain */
  ipc: IpcMainLike;
  /** Whether a web contents id belongs to a lab window (the sender check's second half). */
  isLabContents(id: number): boolean;
  /** The lab windows' web contents, which every event goes to. */
  receivers(): Iterable<EventReceiver>;
  /** Where the built crack worker is, when not beside the server's code (tests running from sources). */
  crackWorkerPath?: string;
}

export interface LabSession {
  jar: CookieJar;
  experiments: LabExperiments;
  /** Before quitting: what lab-experiments.ts says (stop a crack, drop a cookie only a lab key signed). */
  prepareForQuit(): Promise<void>;
  /** Unregisters the handlers and stops watching the jar and the traffic. */
  detach(): void;
}

/** Pushes one event to every lab window. */
function broadcaster(adapters: Pick<LabAdapters, 'receivers'>) {
  return <E extends EventVerb>(verb: E, payload: PayloadOf<E>): void => {
    for (const receiver of adapters.receivers()) sendEvent(receiver, verb, payload);
  };
}

/** The one sender check: the main frame of a lab window, on the server's origin, while the server serves the lab. */
function senderCheck(server: LabServer, adapters: Pick<LabAdapters, 'isLabContents'>): (event: SenderEvent) => boolean {
  return (event) =>
    isTrustedSender(event, { origin: server.origin, isLabContents: (id) => adapters.isLabContents(id), isServing: () => server.host.down === null });
}

export function attachLabSession(server: LabServer, adapters: LabAdapters): LabSession {
  const { origin } = server;
  const broadcast = broadcaster(adapters);
  const names = SESSION_COOKIES;
  const jar = createCookieJar(adapters.cookies, server.url);
  const experiments = createLabExperiments({
    host: server.host,
    storedKeys: server.storedKeys,
    jar,
    names,
    // A worker thread: tens of thousands of HMACs never block the main process.
    crack: (job, onProgress, signal) =>
      crackInWorker(job, { onProgress, signal, ...(adapters.crackWorkerPath === undefined ? {} : { workerPath: adapters.crackWorkerPath }) }),
    onCrackProgress: (progress) => broadcast('onCrackProgress', progress),
    newKey: server.newKey,
  });
  const unregister = registerInvokeHandlers(
    adapters.ipc,
    senderCheck(server, adapters),
    LAB_VERBS,
    labHandlers(jar, experiments, server.serverLab, server.sessionKinds, server.url),
  );
  const unwatchJar = jar.watch((changes) => broadcast('onJarChanged', changes));
  const unwatchTraffic = watchTraffic(adapters.webRequest, origin, (entry) => broadcast('onWire', entry));
  return {
    jar,
    experiments,
    prepareForQuit: () => experiments.prepareForQuit(),
    detach() {
      unregister();
      unwatchJar();
      unwatchTraffic();
    },
  };
}

/** The Electron-shaped pieces the Your app tab runs on. */
export interface TargetAdapters {
  /** The view's own partition (never the lab's): its session.cookies, session.webRequest, and clearing it. */
  partition: TargetPartitionData & { webRequest: WebRequestTap };
  /** The view itself: a WebContentsView over the placeholder in the app, a second Chromium page in the harness. */
  view: TargetViewController;
  /** Where an exported report goes (main's save dialog in the app). */
  saver: ReportSaver;
  ipc: IpcMainLike;
  /** The lab windows' contents: only they may call (the view never can). */
  isLabContents(id: number): boolean;
  receivers(): Iterable<EventReceiver>;
  /** Where the built crack worker is, when not beside the server's code (tests running from sources). */
  crackWorkerPath?: string;
  /** Worker threads for the weak-key crack; all cores but one by default, so the window stays responsive. */
  crackThreads?: number;
}

export interface TargetSession {
  tab: TargetTab;
  inspector: TargetInspector;
  /** Before quitting: stop a crack, forget the typed key. */
  prepareForQuit(): void;
  /** Unregisters the verbs, stops watching the partition and unhooks the view. */
  detach(): void;
}

/** Where the crack runs: the worker and how many threads (all cores but one by default, so the window stays responsive). */
type CrackPlace = Pick<TargetAdapters, 'crackWorkerPath' | 'crackThreads'>;

/** The engine's pool over a list, every key form, on worker threads: the main process never computes an HMAC. */
function engineCrack(place: CrackPlace): CrackRun {
  const threads = place.crackThreads ?? Math.max(1, os.availableParallelism() - 1);
  return async (targets, onProgress, signal, source) =>
    (await loadAuditEngine()).crackCookies(targets, source, {
      threads,
      signal,
      onProgress,
      progressIntervalMs: 100,
      ...(place.crackWorkerPath === undefined ? {} : { workerPath: place.crackWorkerPath }),
    });
}

export function attachTargetSession(server: LabServer, adapters: TargetAdapters): TargetSession {
  const broadcast = broadcaster(adapters);
  const tab = createTargetTab({
    view: adapters.view,
    labOrigin: server.origin,
    onState: (state) => broadcast('onTargetState', state),
    onLog: (line) => broadcast('onTargetLog', line),
    onFocusAddress: () => broadcast('onTargetFocusAddress', null),
  });
  const inspector = createTargetInspector({
    partition: adapters.partition,
    crack: engineCrack(adapters),
    onCrackProgress: (progress) => broadcast('onTargetCrackProgress', progress),
    saver: adapters.saver,
    visited: () => tab.state().visited,
    pageUrl: () => tab.state().url,
  });
  const unregister = registerInvokeHandlers(adapters.ipc, senderCheck(server, adapters), TARGET_VERBS, targetHandlers(tab, inspector));
  const unwatchJar = inspector.watch((changes) => broadcast('onTargetJarChanged', changes));
  const unwatchTraffic = watchTraffic(adapters.partition.webRequest, WEB_SCOPE, (entry) => broadcast('onTargetWire', entry));
  return {
    tab,
    inspector,
    prepareForQuit: () => inspector.close(),
    detach() {
      unregister();
      unwatchJar();
      unwatchTraffic();
      tab.detach();
      inspector.close();
    },
  };
}

/** The Electron-shaped pieces the Decoder tab runs on. */
export interface DecoderAdapters extends CrackPlace {
  /** Where a wordlist comes from: main's open dialog on the lab window in the app. */
  picker: WordlistPicker;
  ipc: IpcMainLike;
  isLabContents(id: number): boolean;
  receivers(): Iterable<EventReceiver>;
}

export interface DecoderSession {
  decoder: Decoder;
  /** Before quitting: stop a crack, forget the typed key. */
  prepareForQuit(): void;
  /** Unregisters the verbs and forgets what was decoded. */
  detach(): void;
}

export function attachDecoder(server: LabServer, adapters: DecoderAdapters): DecoderSession {
  const broadcast = broadcaster(adapters);
  const decoder = createDecoder({
    crack: engineCrack(adapters),
    picker: adapters.picker,
    onCrackProgress: (progress) => broadcast('onDecoderCrackProgress', progress),
  });
  const unregister = registerInvokeHandlers(adapters.ipc, senderCheck(server, adapters), DECODER_VERBS, decoderHandlers(decoder));
  return {
    decoder,
    prepareForQuit: () => decoder.close(),
    detach() {
      unregister();
      decoder.close();
    },
  };
}
