// A small hand-written stand-in for the `electron` module (Electron Fiddle style),
// so main-process code runs under vitest where the Electron binary does not exist.
//
// Use it with:
//   vi.mock('electron', async () => (await import('../support/electron-mock')).electron);
// and call resetElectronMock() before each test. Objects keep their identity
// across resets, because the code under test holds on to them after import.
//
// The cookie store is a small fake of Chromium's: it keeps cookies, answers
// get/set/remove, and emits `changed` the way Chromium does (an overwrite is a
// removal with cause 'overwrite' followed by an insertion).
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type {
  BeforeSendResponse,
  BrowserWindowConstructorOptions,
  Cookie,
  CookiesGetFilter,
  CookiesSetDetails,
  HandlerDetails,
  HeadersReceivedResponse,
  WebRequestFilter,
  WindowOpenHandlerResponse,
} from 'electron';

/** An Electron event object: records preventDefault. */
export interface MockEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function mockEvent<T extends object>(fields: T = {} as T): T & MockEvent {
  let prevented = false;
  return {
    ...fields,
    preventDefault() {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}

// ---------------------------------------------------------------- cookies

function domainMatches(cookie: Cookie, host: string): boolean {
  const domain = (cookie.domain ?? '').replace(/^\./, '');
  return domain === host || (cookie.hostOnly !== true && host.endsWith(`.${domain}`));
}

function pathMatches(cookiePath: string, requestPath: string): boolean {
  return requestPath === cookiePath || requestPath.startsWith(cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`);
}

export class MockCookies extends EventEmitter {
  jar: Cookie[] = [];

  readonly get = vi.fn(async (filter: CookiesGetFilter): Promise<Cookie[]> => {
    return this.jar
      .filter((c) => {
        if (filter.url !== undefined) {
          const url = new URL(filter.url);
          if (!domainMatches(c, url.hostname) || !pathMatches(c.path ?? '/', url.pathname)) return false;
        }
        if (filter.domain !== undefined && !domainMatches(c, filter.domain.replace(/^\./, ''))) return false;
        if (filter.name !== undefined && c.name !== filter.name) return false;
        if (filter.path !== undefined && c.path !== filter.path) return false;
        if (filter.secure !== undefined && (c.secure ?? false) !== filter.secure) return false;
        if (filter.session !== undefined && (c.session ?? false) !== filter.session) return false;
        if (filter.httpOnly !== undefined && (c.httpOnly ?? false) !== filter.httpOnly) return false;
        return true;
      })
      .map((c) => ({ ...c }));
  });

  readonly set = vi.fn(async (details: CookiesSetDetails): Promise<void> => {
    const url = new URL(details.url);
    const domain = details.domain === undefined ? url.hostname : details.domain.startsWith('.') ? details.domain : `.${details.domain}`;
    const cookie: Cookie = {
      name: details.name ?? '',
      value: details.value ?? '',
      domain,
      hostOnly: details.domain === undefined,
      path: details.path ?? '/',
      secure: details.secure ?? false,
      httpOnly: details.httpOnly ?? false,
      session: details.expirationDate === undefined,
      ...(details.expirationDate === undefined ? {} : { expirationDate: details.expirationDate }),
      sameSite: details.sameSite ?? 'lax',
    };
    this.store(cookie);
  });

  readonly remove = vi.fn(async (url: string, name: string): Promise<void> => {
    const target = new URL(url);
    const gone = this.jar.filter((c) => c.name === name && domainMatches(c, target.hostname) && pathMatches(c.path ?? '/', target.pathname));
    this.jar = this.jar.filter((c) => !gone.includes(c));
    for (const c of gone) this.emit('changed', mockEvent(), { ...c }, 'explicit', true);
  });

  readonly flushStore = vi.fn(async (): Promise<void> => undefined);

  /** Stores a cookie as a Set-Cookie response or set() would, with Chromium's events. */
  store(cookie: Cookie): void {
    const same = (c: Cookie) => c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path;
    const old = this.jar.find(same);
    this.jar = this.jar.filter((c) => c !== old);
    this.jar.push(cookie);
    // Chromium since Electron 41: a rewrite that keeps the value is one insertion
    // with its own cause; a new value is the old cookie removed, then the new one inserted.
    if (old !== undefined && old.value === cookie.value) {
      this.emit('changed', mockEvent(), { ...cookie }, 'inserted-no-value-change-overwrite', false);
      return;
    }
    if (old !== undefined) this.emit('changed', mockEvent(), { ...old }, 'overwrite', true);
    this.emit('changed', mockEvent(), { ...cookie }, 'inserted', false);
  }

  reset(): void {
    this.jar = [];
    this.removeAllListeners();
    this.get.mockClear();
    this.set.mockClear();
    this.remove.mockClear();
    this.flushStore.mockClear();
    this.flushStore.mockImplementation(async () => undefined);
  }
}

// ---------------------------------------------------------------- webRequest

export interface SentDetails {
  id: number;
  url: string;
  method: string;
  requestHeaders: Record<string, string>;
}
export interface ReceivedDetails {
  id: number;
  url: string;
  statusCode: number;
  responseHeaders?: Record<string, string[]>;
}
export interface FailedDetails {
  id: number;
  url: string;
}

type BeforeSendListener = (details: SentDetails, callback: (response: BeforeSendResponse) => void) => void;
type HeadersListener = (details: ReceivedDetails, callback: (response: HeadersReceivedResponse) => void) => void;
type ErrorListener = (details: FailedDetails) => void;

/** Keeps the one listener per event Electron allows, and lets a test drive requests through it. */
export class MockWebRequest {
  filters: Partial<Record<'beforeSendHeaders' | 'headersReceived' | 'errorOccurred', WebRequestFilter>> = {};
  private beforeSend: BeforeSendListener | null = null;
  private headers: HeadersListener | null = null;
  private error: ErrorListener | null = null;

  onBeforeSendHeaders(filter: WebRequestFilter, listener: BeforeSendListener | null): void {
    this.filters.beforeSendHeaders = filter;
    this.beforeSend = listener;
  }
  onHeadersReceived(filter: WebRequestFilter, listener: HeadersListener | null): void {
    this.filters.headersReceived = filter;
    this.headers = listener;
  }
  onErrorOccurred(filter: WebRequestFilter, listener: ErrorListener | null): void {
    this.filters.errorOccurred = filter;
    this.error = listener;
  }

  get listening(): boolean {
    return this.beforeSend !== null || this.headers !== null || this.error !== null;
  }

  /** Runs onBeforeSendHeaders and returns what the listener told Chromium to send. */
  sendHeaders(details: SentDetails): BeforeSendResponse | undefined {
    let response: BeforeSendResponse | undefined;
    this.beforeSend?.(details, (r) => (response = r));
    return response;
  }

  /** Runs onHeadersReceived and returns what the listener told Chromium to keep. */
  receiveHeaders(details: ReceivedDetails): HeadersReceivedResponse | undefined {
    let response: HeadersReceivedResponse | undefined;
    this.headers?.(details, (r) => (response = r));
    return response;
  }

  fail(details: FailedDetails): void {
    this.error?.(details);
  }

  reset(): void {
    this.filters = {};
    this.beforeSend = null;
    this.headers = null;
    this.error = null;
  }
}

// ---------------------------------------------------------------- session

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean;

export class MockSession extends EventEmitter {
  readonly cookies = new MockCookies();
  readonly webRequest = new MockWebRequest();
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  /** clearStorageData: every cookie goes, with Chromium's 'explicit' removals. */
  readonly clearStorageData = vi.fn(async (): Promise<void> => {
    const gone = this.cookies.jar;
    this.cookies.jar = [];
    for (const c of gone) this.cookies.emit('changed', mockEvent(), { ...c }, 'explicit', true);
  });
  readonly clearCache = vi.fn(async (): Promise<void> => undefined);

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }

  reset(): void {
    this.cookies.reset();
    this.webRequest.reset();
    this.removeAllListeners();
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.clearStorageData.mockClear();
    this.clearCache.mockClear();
  }
}

// ---------------------------------------------------------------- windows

let nextContentsId = 1;

/** A web contents' history, as navigationHistory reports it. */
class MockNavigationHistory {
  entries: string[] = [];
  index = -1;
  canGoBack = (): boolean => this.index > 0;
  canGoForward = (): boolean => this.index < this.entries.length - 1;
  readonly goBack = vi.fn((): void => {
    if (this.canGoBack()) this.index -= 1;
  });
  readonly goForward = vi.fn((): void => {
    if (this.canGoForward()) this.index += 1;
  });
  push(url: string): void {
    this.entries = [...this.entries.slice(0, this.index + 1), url];
    this.index = this.entries.length - 1;
  }
}

export class MockWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  destroyed = false;
  focused = false;
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  readonly navigationHistory = new MockNavigationHistory();
  readonly send = vi.fn((channel: string, ...args: unknown[]): void => {
    void channel;
    void args;
  });
  /** Records the load; a test drives what happens next with navigate() or fail(). */
  readonly loadURL = vi.fn(async (url: string): Promise<void> => {
    void url;
  });
  readonly reload = vi.fn((): void => undefined);
  readonly stop = vi.fn((): void => undefined);
  readonly focus = vi.fn((): void => {
    this.focused = true;
  });
  readonly close = vi.fn((): void => {
    this.destroyed = true;
  });

  constructor(readonly session: MockSession = defaultSession) {
    super();
  }

  isFocused(): boolean {
    return this.focused;
  }
  getURL(): string {
    return this.navigationHistory.entries[this.navigationHistory.index] ?? '';
  }
  /** The main frame commits `url`, as Chromium reports it. */
  navigate(url: string): void {
    this.navigationHistory.push(url);
    this.emit('did-start-loading');
    this.emit('did-navigate', mockEvent(), url, 200, 'OK');
    this.emit('did-stop-loading');
  }
  /** The main frame's load fails with Chromium's error. */
  fail(url: string, code: number, description: string): void {
    this.emit('did-start-loading');
    this.emit('did-fail-load', mockEvent(), code, description, url, true, 1, 1);
    this.emit('did-stop-loading');
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** A window's view tree: the child views added to it, in order. */
export class MockContentView {
  children: MockWebContentsView[] = [];
  readonly addChildView = vi.fn((view: MockWebContentsView): void => {
    this.children.push(view);
  });
  readonly removeChildView = vi.fn((view: MockWebContentsView): void => {
    this.children = this.children.filter((v) => v !== view);
  });
}

/** A WebContentsView: its options, bounds and visibility; its contents on the partition it names. */
export class MockWebContentsView {
  static instances: MockWebContentsView[] = [];
  readonly webContents: MockWebContents;
  bounds: { x: number; y: number; width: number; height: number } | null = null;
  visible = true;

  constructor(readonly options: { webPreferences?: { partition?: string } } = {}) {
    const partition = options.webPreferences?.partition;
    this.webContents = new MockWebContents(partition === undefined ? defaultSession : session.fromPartition(partition));
    MockWebContentsView.instances.push(this);
    app.emit('web-contents-created', mockEvent(), this.webContents);
  }
  readonly setBounds = vi.fn((bounds: { x: number; y: number; width: number; height: number }): void => {
    this.bounds = bounds;
  });
  readonly setVisible = vi.fn((visible: boolean): void => {
    this.visible = visible;
  });
}

export class MockBrowserWindow extends EventEmitter {
  static instances: MockBrowserWindow[] = [];
  static getAllWindows(): MockBrowserWindow[] {
    return MockBrowserWindow.instances.filter((w) => !w.destroyed);
  }

  readonly webContents = new MockWebContents();
  readonly contentView = new MockContentView();
  contentSize: [number, number] = [1280, 860];
  getContentSize(): [number, number] {
    return this.contentSize;
  }
  destroyed = false;
  minimized = false;
  visible = false;
  readonly loadURL = vi.fn(async (url: string): Promise<void> => {
    void url;
  });
  readonly focus = vi.fn((): void => undefined);
  readonly restore = vi.fn((): void => {
    this.minimized = false;
  });
  readonly show = vi.fn((): void => {
    this.visible = true;
  });

  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super();
    MockBrowserWindow.instances.push(this);
    // Electron announces every new web contents on the app, synchronously.
    app.emit('web-contents-created', mockEvent(), this.webContents);
  }

  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Closes the window as the user would: contents destroyed, then 'closed'. */
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (MockBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

// ---------------------------------------------------------------- app

export class MockApp extends EventEmitter {
  isPackaged = false;
  userData = '/nonexistent/session-lab-test';
  private ready = false;

  readonly requestSingleInstanceLock = vi.fn((): boolean => true);
  readonly whenReady = vi.fn(async (): Promise<void> => {
    this.ready = true;
  });
  readonly getPath = vi.fn((name: string): string => {
    if (name === 'userData') return this.userData;
    if (name === 'downloads') return '/nonexistent/downloads';
    throw new Error(`MockApp.getPath: no path for "${name}"`);
  });
  readonly setPath = vi.fn((name: string, value: string): void => {
    if (name !== 'userData') throw new Error(`MockApp.setPath: no path for "${name}"`);
    this.userData = value;
  });
  /** Emits before-quit and will-quit like Electron; a listener may prevent either. */
  readonly quit = vi.fn((): void => {
    const before = mockEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    const will = mockEvent();
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.emit('quit', mockEvent(), 0);
  });
  readonly exit = vi.fn((exitCode?: number): void => {
    void exitCode;
  });

  isReady(): boolean {
    return this.ready;
  }

  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.userData = '/nonexistent/session-lab-test';
    this.ready = false;
    this.requestSingleInstanceLock.mockReset();
    this.requestSingleInstanceLock.mockReturnValue(true);
    this.whenReady.mockClear();
    this.getPath.mockClear();
    this.setPath.mockClear();
    this.quit.mockClear();
    this.exit.mockClear();
  }
}

// ---------------------------------------------------------------- IPC

/** What an invoke handler reads from its event: the sending contents and frame. */
export interface MockInvokeEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

type InvokeListener = (event: MockInvokeEvent, ...args: unknown[]) => unknown;

export class MockIpcMain {
  readonly handlers = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    // Electron refuses a second handler for one channel; so does the mock.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Calls a channel's handler as a renderer's invoke would reach it. */
  async invoke(channel: string, event: MockInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }

  reset(): void {
    this.handlers.clear();
  }
}

export class MockIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (channel: string, ...args: unknown[]): Promise<unknown> => {
    void channel;
    void args;
    return undefined;
  });

  reset(): void {
    this.removeAllListeners();
    this.invoke.mockClear();
  }
}

export const contextBridge = {
  /** What the preload exposed, by key, as the page would see it. */
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown): void => {
    contextBridge.exposed.set(key, api);
  }),
};

// ---------------------------------------------------------------- the module

export const app = new MockApp();
export const ipcMain = new MockIpcMain();
export const ipcRenderer = new MockIpcRenderer();
export const defaultSession = new MockSession();
/** session.fromPartition: one session per partition name, the same object each time (as Electron). */
const partitions = new Map<string, MockSession>();
export const session = {
  defaultSession,
  fromPartition(partition: string): MockSession {
    let found = partitions.get(partition);
    if (found === undefined) partitions.set(partition, (found = new MockSession()));
    return found;
  },
};
export const dialog = {
  showErrorBox: vi.fn((title: string, content: string): void => void [title, content]),
  /** Answers as a person who cancels, unless a test says otherwise. */
  showSaveDialog: vi.fn(async (...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => {
    void args;
    return { canceled: true };
  }),
  /** Likewise: the person closes the dialog without choosing. */
  showOpenDialog: vi.fn(async (...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> => {
    void args;
    return { canceled: true, filePaths: [] };
  }),
};
export const shell = { openExternal: vi.fn(async (url: string): Promise<void> => void url) };
export const nativeTheme = { shouldUseDarkColors: false };

/** What `import … from 'electron'` gives the code under test. */
export const electron = {
  app,
  BrowserWindow: MockBrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  nativeTheme,
  session,
  shell,
  WebContentsView: MockWebContentsView,
};

export function resetElectronMock(): void {
  app.reset();
  ipcMain.reset();
  ipcRenderer.reset();
  defaultSession.reset();
  for (const partition of partitions.values()) partition.reset();
  MockBrowserWindow.instances = [];
  MockWebContentsView.instances = [];
  contextBridge.exposed.clear();
  contextBridge.exposeInMainWorld.mockClear();
  dialog.showErrorBox.mockClear();
  dialog.showSaveDialog.mockReset();
  dialog.showSaveDialog.mockImplementation(async () => ({ canceled: true }));
  dialog.showOpenDialog.mockReset();
  dialog.showOpenDialog.mockImplementation(async () => ({ canceled: true, filePaths: [] }));
  shell.openExternal.mockClear();
  nativeTheme.shouldUseDarkColors = false;
}
