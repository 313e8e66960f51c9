// Entry point of the main process: starts the server, opens the lab window, cleans up on quit.
import path from 'node:path';
import { app, dialog, ipcMain, nativeTheme, session, type BrowserWindow } from 'electron';
import { generateKey, loadKeys, startServer, SESSION_COOKIE_NAME, SIGNATURE_COOKIE_NAME } from '../server';
import { crackInWorker } from '../server/audit/crack-in-worker';
import type { EventChannel, EventContract } from './bridge-contract';
import { createCookieJar } from './cookie-jar';
import { registerInvokeHandlers, sendEvent } from './ipc';
import { createLabExperiments, type LabExperiments } from './lab-experiments';
import { labHandlers } from './lab-handlers';
import { createLabClock } from './lab-clock';
import { createRecentLines } from './recent-lines';
import { startServerHost, type ServerHost } from './server-host';
import { createServerLab, type ServerLab } from './server-lab';
import { isTrustedSender } from './sender-check';
import { installShutdown } from './shutdown';
import { describeStartupError, STARTUP_ERROR_TITLE } from './startup-error';
import { watchTraffic } from './traffic';
import { createLabWindow, denyPermissions, devToolsAllowed, hardenContents } from './window';

// dist/main/index.js sits beside the bundled preload, and the renderer is built to dist/renderer/.
const PRELOAD_PATH = path.join(__dirname, 'preload.js');
const LAB_DIR = path.join(__dirname, '..', 'renderer');

/** Starts the app: single instance, server and window on ready, cleanup on quit. Resolves once started. */
export async function main(): Promise<void> {
  // SESSION_LAB_DATA_DIR moves everything (key, cookies, the single-instance lock)
  // elsewhere, as it does for `npm run serve`: a second, separate lab, or a test's.
  const dataDir = process.env.SESSION_LAB_DATA_DIR?.trim();
  if (dataDir) app.setPath('userData', path.resolve(dataDir));

  if (!app.requestSingleInstanceLock()) {
    // The first instance gets 'second-instance' and comes to the front.
    app.quit();
    return;
  }

  let server: ServerHost | null = null;
  let experiments: LabExperiments | null = null;
  let serverLab: ServerLab | null = null;
  const windows = new Map<number, BrowserWindow>();

  const shutdown = installShutdown(app, async () => {
    // A cookie signed with a demo or lab key must not outlive the run (the keys
    // themselves only ever lived in memory).
    await experiments?.prepareForQuit();
    await serverLab?.close();
    // Chromium writes cookies lazily; without a flush the last login may be lost.
    // Before 'ready' there is no session to flush (and asking for one throws).
    if (app.isReady()) await session.defaultSession.cookies.flushStore();
    await server?.close();
  });

  app.on('second-instance', () => {
    const [window] = windows.values();
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // The server lives as long as the window: closing it ends the app on every platform.
  app.on('window-all-closed', () => shutdown.quit());

  await app.whenReady();

  let storedKeys: string[];
  // LAB ONLY: the clock server-side expiry reads; Lab II fast-forwards it (offset 0 otherwise).
  const clock = createLabClock();
  const warnings = createRecentLines();
  const warn = (message: string) => {
    console.warn(message);
    warnings.add(message);
  };
  try {
    const dataDir = app.getPath('userData');
    storedKeys = loadKeys(process.env, dataDir).keys;
    // The data dir also holds the to-do database (todos.sqlite). The host can
    // restart the server on other keys (Lab I) or settings (Lab II), on the same port.
    server = await startServerHost(
      (keys, port, settings) => startServer({ keys, port, labDir: LAB_DIR, dataDir, ...settings, instance: settings.balanceTo === null ? null : 'A', now: clock.now, warn }),
      storedKeys,
    );
  } catch (err) {
    dialog.showErrorBox(STARTUP_ERROR_TITLE, describeStartupError(err));
    shutdown.quit(1);
    return;
  }

  const running = server;
  const origin = new URL(running.url).origin;
  const labSession = session.defaultSession;

  denyPermissions(labSession);
  // Every web contents, not just ours: the checklist's catch-all for anything created later.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, origin));

  const broadcast = <C extends EventChannel>(channel: C, payload: EventContract[C]) => {
    for (const window of windows.values()) sendEvent(window.webContents, channel, payload);
  };

  const jar = createCookieJar(labSession.cookies, running.url);
  const names = { session: SESSION_COOKIE_NAME, signature: SIGNATURE_COOKIE_NAME };
  const lab = createLabExperiments({
    host: running,
    storedKeys,
    jar,
    names,
    // A worker thread: tens of thousands of HMACs never block the main process.
    crack: (job, onProgress, signal) => crackInWorker(job, { onProgress, signal }),
    onCrackProgress: (progress) => broadcast('crack:progress', progress),
    newKey: generateKey,
  });
  experiments = lab;
  const switches = createServerLab({
    host: running,
    clock,
    // Instance B: no lab page and no to-do database (to-dos stay on A), never a balancer itself.
    startPeer: (keys, settings) => startServer({ keys, port: 0, ...settings, balanceTo: null, instance: 'B', now: clock.now, warn }),
    newKey: generateKey,
    serverLog: () => warnings.lines(),
  });
  serverLab = switches;
  registerInvokeHandlers(ipcMain, (event) => isTrustedSender(event, { origin, isLabContents: (id) => windows.has(id) }), labHandlers(jar, lab, names, switches));
  jar.watch((changes) => broadcast('jar:changed', changes));
  watchTraffic(labSession.webRequest, origin, (entry) => broadcast('wire:entry', entry));

  // One window for the app's life: closing it quits (see window-all-closed).
  const window = createLabWindow(`${running.url}/lab/`, PRELOAD_PATH, {
    devTools: devToolsAllowed(app.isPackaged, process.env),
    dark: nativeTheme.shouldUseDarkColors,
  });
  // The id is read now: a closed window's webContents can no longer be asked.
  const id = window.webContents.id;
  windows.set(id, window);
  window.on('closed', () => windows.delete(id));
}

// Electron runs this file as its main script; tests import it and call main() themselves.
if (process.versions.electron !== undefined) {
  main().catch((err: unknown) => {
    console.error('Session Lab failed to start:', err);
    app.exit(1);
  });
}
