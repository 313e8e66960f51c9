// The lab's wiring, in one place for the Electron main process and the Chromium e2e harness.
//
// startLabServer starts the embedded server behind a restartable host, with the
// lab clock and Lab II's switches. attachLabSession then wires one browser
// session to it: the cookie jar, Lab I's experiments, every IPC handler (behind
// the sender check and the argument parsers) and the live events. Both take
// only Electron-shaped adapters (a cookie store, a webRequest tap, an ipcMain,
// event receivers), so main/index.ts passes Electron's and the harness passes
// ones backed by Chromium's DevTools protocol; everything else is this code.
import path from 'node:path';
import { crackInWorker, SESSIONS_DB_FILE_NAME, startServer, type RunningServer, type StoreChoice } from '../server';
import { SESSION_COOKIES, type EventVerb, type PayloadOf } from '../contract';
import { createCookieJar, type CookieJar, type CookieStore } from './jar/cookie-jar';
import { registerInvokeHandlers, sendEvent, type EventReceiver, type IpcMainLike } from './ipc/ipc';
import { createLabClock, type LabClock } from './labs/lab-clock';
import { createLabExperiments, type LabExperiments } from './labs/lab-experiments';
import { labHandlers } from './ipc/lab-handlers';
import { createRecentLines } from './labs/recent-lines';
import { isTrustedSender } from './ipc/sender-check';
import { startServerHost, type OptionsFor, type ServerHost } from './server-host';
import { createServerLab, type ServerLab } from './labs/server-lab';
import { watchTraffic, type WebRequestTap } from './jar/traffic';
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
  const sessionStore: StoreChoice = options.sessionStore ?? (options.dataDir === null ? { kind: 'memory' } : { kind: 'sqlite', file: path.join(options.dataDir, SESSIONS_DB_FILE_NAME) });
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
      startServer({ ...optionsFor(keys, settings), keys, port: 0, labDir: options.labDir, dataDir: options.dataDir, now: clock.now, warn, serverSidePeers: () => sessionKinds.peers() }),
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

export function attachLabSession(server: LabServer, adapters: LabAdapters): LabSession {
  const { origin } = server;
  const broadcast = <E extends EventVerb>(verb: E, payload: PayloadOf<E>): void => {
    for (const receiver of adapters.receivers()) sendEvent(receiver, verb, payload);
  };
  const names = SESSION_COOKIES;
  const jar = createCookieJar(adapters.cookies, server.url);
  const experiments = createLabExperiments({
    host: server.host,
    storedKeys: server.storedKeys,
    jar,
    names,
    // A worker thread: tens of thousands of HMACs never block the main process.
    crack: (job, onProgress, signal) => crackInWorker(job, { onProgress, signal, ...(adapters.crackWorkerPath === undefined ? {} : { workerPath: adapters.crackWorkerPath }) }),
    onCrackProgress: (progress) => broadcast('onCrackProgress', progress),
    newKey: server.newKey,
  });
  const unregister = registerInvokeHandlers(
    adapters.ipc,
    (event) => isTrustedSender(event, { origin, isLabContents: (id) => adapters.isLabContents(id), isServing: () => server.host.down === null }),
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
