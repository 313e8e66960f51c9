// Entry point of the main process: starts the server, opens the lab window, cleans up on quit.
import path from 'node:path';
import { app, dialog, ipcMain, nativeTheme, session, type BrowserWindow } from 'electron';
import { generateKey, loadKeys, parseStoreChoice } from '../server';
import { dialogPicker } from './decoder/wordlist-dialog';
import {
  attachDecoder,
  attachLabSession,
  attachTargetSession,
  startLabServer,
  type DecoderSession,
  type LabServer,
  type LabSession,
  type TargetSession,
} from './lab-runtime';
import { dialogSaver } from './target/report-file';
import { createTargetView, TARGET_PARTITION } from './target/target-view';
import { installShutdown } from './shutdown';
import { describeStartupError, STARTUP_ERROR_TITLE } from './startup-error';
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

  let server: LabServer | null = null;
  let labSession: LabSession | null = null;
  let targetSession: TargetSession | null = null;
  let decoderSession: DecoderSession | null = null;
  const windows = new Map<number, BrowserWindow>();

  const shutdown = installShutdown(app, async () => {
    // A cookie signed with a demo or lab key must not outlive the run (the keys
    // themselves only ever lived in memory).
    await labSession?.prepareForQuit();
    // The typed keys go with the app: they were only ever in this process's memory.
    targetSession?.prepareForQuit();
    decoderSession?.prepareForQuit();
    // Chromium writes cookies lazily; without a flush the last login may be lost.
    // Before 'ready' there is no session to flush (and asking for one throws).
    if (app.isReady()) await Promise.all([session.defaultSession.cookies.flushStore(), session.fromPartition(TARGET_PARTITION).cookies.flushStore()]);
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

  try {
    const userData = app.getPath('userData');
    // The data dir also holds the to-do database (todos.sqlite) and Lab III's server-side sessions (sessions.sqlite, unless SESSION_STORE names another store).
    const storeSetting = process.env.SESSION_STORE?.trim();
    const sessionStore = storeSetting ? parseStoreChoice(storeSetting, 'SESSION_STORE', userData) : undefined;
    server = await startLabServer({
      keys: loadKeys(process.env, userData).keys,
      dataDir: userData,
      labDir: LAB_DIR,
      newKey: generateKey,
      onWarning: console.warn,
      ...(sessionStore ? { sessionStore } : {}),
    });
  } catch (err) {
    dialog.showErrorBox(STARTUP_ERROR_TITLE, describeStartupError(err));
    shutdown.quit(1);
    return;
  }

  const { origin, url } = server;
  const defaultSession = session.defaultSession;
  // The Your app view's partition: never the lab's session, so its pages never see the lab's cookies.
  const yourApp = session.fromPartition(TARGET_PARTITION);
  denyPermissions(defaultSession);
  denyPermissions(yourApp);
  // Every web contents, not just ours: the checklist's catch-all for anything created later. The
  // Your app view (the only contents on its partition) has guards of its own: http(s), never the lab.
  app.on('web-contents-created', (_event, contents) => {
    if (contents.session !== yourApp) hardenContents(contents, origin);
  });

  labSession = attachLabSession(server, {
    cookies: defaultSession.cookies,
    webRequest: defaultSession.webRequest,
    ipc: ipcMain,
    isLabContents: (id) => windows.has(id),
    receivers: () => [...windows.values()].map((w) => w.webContents),
  });

  // A server that stopped serving the lab answers every path with an inert page
  // (no scripts); the window goes there rather than keep a live page.
  server.host.onDown(() => {
    for (const open of windows.values()) open.loadURL(`${url}/lab/`).catch(() => undefined);
  });

  // One window for the app's life: closing it quits (see window-all-closed).
  const window = createLabWindow(`${url}/lab/`, PRELOAD_PATH, {
    devTools: devToolsAllowed(app.isPackaged, process.env),
    dark: nativeTheme.shouldUseDarkColors,
  });
  // The id is read now: a closed window's webContents can no longer be asked.
  const id = window.webContents.id;
  windows.set(id, window);

  // The Your app tab's view lives in this window, over the placeholder the page reports.
  const view = createTargetView(window, yourApp, { devTools: devToolsAllowed(app.isPackaged, process.env) });
  targetSession = attachTargetSession(server, {
    partition: {
      cookies: yourApp.cookies,
      webRequest: yourApp.webRequest,
      clearData: async () => {
        await yourApp.clearStorageData();
        await yourApp.clearCache();
      },
    },
    view,
    saver: dialogSaver(window, app.getPath('downloads')),
    ipc: ipcMain,
    // Only the lab windows: the view's contents are never in this map, so the sender check refuses them.
    isLabContents: (contentsId) => windows.has(contentsId),
    receivers: () => [...windows.values()].map((w) => w.webContents),
  });
  // The Decoder's wordlist is picked in main's open dialog on this window; the page never names a path.
  decoderSession = attachDecoder(server, {
    picker: dialogPicker(window),
    ipc: ipcMain,
    isLabContents: (contentsId) => windows.has(contentsId),
    receivers: () => [...windows.values()].map((w) => w.webContents),
  });
  window.on('closed', () => {
    windows.delete(id);
    view.destroy();
  });
}

// Electron runs this file as its main script; tests import it and call main() themselves.
if (process.versions.electron !== undefined) {
  main().catch((err: unknown) => {
    console.error('Session Lab failed to start:', err);
    app.exit(1);
  });
}
