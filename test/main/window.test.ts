import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HandlerDetails } from 'electron';
import { createLabWindow, denyPermissions, devToolsAllowed, hardenContents, windowOptions, BACKGROUND } from '../../main/window';
import { MockBrowserWindow, MockSession, MockWebContents, mockEvent, resetElectronMock, shell } from '../support/electron-mock';

// The mock module is loaded through the factory: vi.mock is hoisted above the imports.
vi.mock('electron', async () => (await import('../support/electron-mock.js')).electron);

const origin = 'http://127.0.0.1:41234';
const preload = '/app/dist/main/preload.js';

beforeEach(() => resetElectronMock());

describe('window options', () => {
  const prefs = windowOptions(preload).webPreferences!;

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['devTools', false],
  ] as const)('%s is written out as %s', (option, value) => {
    expect(prefs).toHaveProperty(option, value);
  });

  it('enables no Blink features', () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('loads the bundled preload', () => {
    expect(prefs.preload).toBe(preload);
  });

  it('is titled Session Lab and hidden until painted', () => {
    expect(windowOptions(preload)).toMatchObject({ title: 'Session Lab', show: false });
  });

  it('paints a dark background in dark mode and a light one otherwise', () => {
    expect(windowOptions(preload, { devTools: false, dark: true }).backgroundColor).toBe(BACKGROUND.dark);
    expect(windowOptions(preload, { devTools: false, dark: false }).backgroundColor).toBe(BACKGROUND.light);
  });

  it('DevTools only in an unpackaged app with SESSION_LAB_DEVTOOLS=1', () => {
    expect(devToolsAllowed(false, { SESSION_LAB_DEVTOOLS: '1' })).toBe(true);
    expect(devToolsAllowed(true, { SESSION_LAB_DEVTOOLS: '1' })).toBe(false);
    expect(devToolsAllowed(false, {})).toBe(false);
    expect(devToolsAllowed(false, { SESSION_LAB_DEVTOOLS: 'yes' })).toBe(false);
    expect(windowOptions(preload, { devTools: true, dark: false }).webPreferences!.devTools).toBe(true);
  });
});

describe('the lab window', () => {
  it('opens on the given URL with the hardened options and shows once ready', () => {
    createLabWindow(`${origin}/lab/`, preload, { devTools: false, dark: false });
    const [window] = MockBrowserWindow.instances;
    expect(window!.options).toEqual(windowOptions(preload));
    expect(window!.loadURL).toHaveBeenCalledWith(`${origin}/lab/`);
    expect(window!.visible).toBe(false);
    window!.emit('ready-to-show');
    expect(window!.visible).toBe(true);
  });
});

describe('web contents guards', () => {
  const open = (contents: MockWebContents, url: string) => contents.windowOpenHandler!({ url } as HandlerDetails);

  it('window.open is denied for every URL, https included, and nothing reaches the browser', () => {
    const contents = new MockWebContents();
    hardenContents(contents, origin, () => undefined);
    for (const url of ['https://developer.mozilla.org/', 'http://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', `${origin}/lab/`]) {
      expect(open(contents, url)).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('navigation off the server origin is prevented, https links too: a page script needs no click to navigate', () => {
    const contents = new MockWebContents();
    const log: string[] = [];
    hardenContents(contents, origin, (m) => log.push(m));
    for (const url of ['http://evil.example/phish', 'https://github.com/expressjs/cookie-session']) {
      const away = mockEvent({ url });
      contents.emit('will-navigate', away);
      expect(away.defaultPrevented).toBe(true);
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(log).toEqual([
      'Session Lab: refused navigation to http://evil.example/phish',
      'Session Lab: refused navigation to https://github.com/expressjs/cookie-session',
    ]);
  });

  it('navigation within the server origin is allowed', () => {
    const contents = new MockWebContents();
    hardenContents(contents, origin, () => undefined);
    const inside = mockEvent({ url: `${origin}/login` });
    contents.emit('will-navigate', inside);
    expect(inside.defaultPrevented).toBe(false);
  });

  it('a redirect off the server origin is prevented, one within it is not', () => {
    const contents = new MockWebContents();
    hardenContents(contents, origin, () => undefined);
    const away = mockEvent({ url: 'https://evil.example/' });
    const inside = mockEvent({ url: `${origin}/` });
    contents.emit('will-redirect', away);
    contents.emit('will-redirect', inside);
    expect(away.defaultPrevented).toBe(true);
    expect(inside.defaultPrevented).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('a <webview> is never attached', () => {
    const contents = new MockWebContents();
    hardenContents(contents, origin, () => undefined);
    const attach = mockEvent();
    contents.emit('will-attach-webview', attach, {}, { src: 'https://evil.example/' });
    expect(attach.defaultPrevented).toBe(true);
  });
});

describe('permissions', () => {
  it('every permission request is answered no', () => {
    const ses = new MockSession();
    denyPermissions(ses);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      ses.permissionRequestHandler!(null, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
  });

  it('every permission check is answered no', () => {
    const ses = new MockSession();
    denyPermissions(ses);
    expect(ses.permissionCheckHandler!(null, 'clipboard-sanitized-write', origin, {})).toBe(false);
    expect(ses.permissionCheckHandler!(null, 'media', origin, {})).toBe(false);
  });
});
