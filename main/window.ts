// The lab window: its locked-down options and the guards on its web contents and session.
import { BrowserWindow, type BrowserWindowConstructorOptions, type HandlerDetails, type WebPreferences, type WindowOpenHandlerResponse } from 'electron';
import { navigationVerdict } from './navigation-policy';

export const WINDOW_TITLE = 'Session Lab';

export interface WindowLook {
  /** DevTools only for development; see devToolsAllowed. */
  devTools: boolean;
  /** Paint the background dark before the page loads (no white flash in dark mode). */
  dark: boolean;
}

// Close to the page's own light and dark backgrounds.
export const BACKGROUND = { light: '#ffffff', dark: '#1b1c1f' } as const;

/** DevTools only in an unpackaged build and only when asked for with SESSION_LAB_DEVTOOLS=1. */
export function devToolsAllowed(isPackaged: boolean, env: NodeJS.ProcessEnv): boolean {
  return !isPackaged && env.SESSION_LAB_DEVTOOLS === '1';
}

/**
 * The security options of every web contents the app makes (the lab window, the
 * Your app view), each written out so none rests on a default that may change.
 */
export function lockedDownPreferences(devTools: boolean): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: undefined,
    // Middle-click would fire `auxclick` and could open links in new windows.
    disableBlinkFeatures: 'Auxclick',
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools,
  };
}

/** The lab window: the locked-down preferences and the bundled preload. */
export function windowOptions(preloadPath: string, look: WindowLook = { devTools: false, dark: false }): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 520,
    show: false,
    backgroundColor: look.dark ? BACKGROUND.dark : BACKGROUND.light,
    webPreferences: { preload: preloadPath, ...lockedDownPreferences(look.devTools) },
  };
}

interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** The part of a WebContents the guards hook into. */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

/** The part of a Session that answers permission requests and checks. */
export interface PermissionGate {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

/**
 * Guards one web contents: no new windows, no navigation or redirect off the
 * server's origin, no <webview>, and nothing handed to the system browser
 * (navigation-policy.ts says why). Applied to every web contents the app creates.
 */
export function hardenContents(contents: GuardedContents, origin: string, log: (message: string) => void = console.warn): void {
  const refuse = (what: string, url: string) => log(`Session Lab: refused ${what} to ${url.slice(0, 200)}`);
  contents.setWindowOpenHandler(({ url }) => {
    refuse('a new window', url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (navigationVerdict(event.url, origin) === 'stay') return;
    event.preventDefault();
    refuse('navigation', event.url);
  });
  contents.on('will-redirect', (event) => {
    if (navigationVerdict(event.url, origin) === 'stay') return;
    event.preventDefault();
    refuse('a redirect', event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The lab needs no camera, notifications, clipboard or any other permission: refuse all. */
export function denyPermissions(session: PermissionGate): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Opens the window on `url`, shown only once painted. */
export function createLabWindow(url: string, preloadPath: string, look: WindowLook): BrowserWindow {
  // The options come from windowOptions() and lockedDownPreferences() above, every one written out (contextIsolation, sandbox, Auxclick off)
  // and asserted in test/main/window.test.ts; Electronegativity cannot follow a function call, hence:
  const window = new BrowserWindow(windowOptions(preloadPath, look)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  window.once('ready-to-show', () => window.show());
  // Chromium shows its own error page in the window; the log says why.
  window.loadURL(url).catch((err: unknown) => console.error(`Session Lab: cannot load ${url}:`, err));
  return window;
}
