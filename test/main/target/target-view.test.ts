import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HandlerDetails } from 'electron';
import type { TargetRequest } from '../../../main/target/target-navigation';
import type { TargetViewEvents } from '../../../main/target/target-tab';
import { createTargetView, TARGET_PARTITION, targetViewPreferences } from '../../../main/target/target-view';
import { lockedDownPreferences } from '../../../main/window';
import { MockBrowserWindow, MockWebContentsView, mockEvent, resetElectronMock, session } from '../../support/electron-mock';

vi.mock('electron', async () => (await import('../../support/electron-mock.js')).electron);

beforeEach(() => resetElectronMock());

describe("the Your app view's options", () => {
  const prefs = targetViewPreferences(false);

  it("has every one of the lab window's locked-down options (contextIsolation, sandbox, no Node, Auxclick off; window.test.ts checks each)", () => {
    expect(prefs).toMatchObject(lockedDownPreferences(false));
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  });

  it('and, for pages from elsewhere: its partition, no plugins, dialogs a person can stop, no autoplay without a gesture', () => {
    expect(prefs).toMatchObject({ partition: TARGET_PARTITION, plugins: false, safeDialogs: true, autoplayPolicy: 'user-gesture-required', devTools: false });
    expect(targetViewPreferences(true).devTools).toBe(true);
  });

  it('has no preload, so the page gets no bridge, and enables no Blink features', () => {
    expect('preload' in prefs).toBe(true);
    expect(prefs.preload).toBeUndefined();
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it("a persistent partition of its own, never the lab's (default) session", () => {
    expect(TARGET_PARTITION).toMatch(/^persist:/);
    expect(TARGET_PARTITION).not.toBe('');
  });
});

function setUp() {
  const window = new MockBrowserWindow();
  const partition = session.fromPartition(TARGET_PARTITION);
  const view = createTargetView(window as never, partition as never, { devTools: false });
  const requests: [TargetRequest, string][] = [];
  let allow = true;
  const events = { navigated: vi.fn(), title: vi.fn(), loading: vi.fn(), failed: vi.fn(), shortcut: vi.fn() } satisfies TargetViewEvents;
  view.attach((request, url) => {
    requests.push([request, url]);
    return allow && request !== 'new-window' && request !== 'download';
  }, events);
  const contents = () => MockWebContentsView.instances[0]!.webContents;
  return { window, partition, view, requests, events, contents, deny: () => (allow = false) };
}

describe('the Your app view', () => {
  it('is created on the first load, in the lab window, on its partition', () => {
    const { window, view, contents } = setUp();
    expect(MockWebContentsView.instances).toHaveLength(0);
    view.load('http://127.0.0.1:5000/');
    expect(MockWebContentsView.instances).toHaveLength(1);
    expect(MockWebContentsView.instances[0]!.options.webPreferences).toEqual(targetViewPreferences(false));
    expect(window.contentView.children).toEqual(MockWebContentsView.instances);
    expect(contents().loadURL).toHaveBeenCalledWith('http://127.0.0.1:5000/');
    expect(contents().session).toBe(session.fromPartition(TARGET_PARTITION));
    expect(contents().session).not.toBe(session.defaultSession);
  });

  it('sits over the placeholder, and hides (giving the keyboard back to the lab page) without one', () => {
    const { window, view, contents } = setUp();
    view.setBounds({ x: 10, y: 120, width: 600, height: 500 });
    view.load('http://127.0.0.1:5000/');
    const created = MockWebContentsView.instances[0]!;
    expect(created.bounds).toEqual({ x: 10, y: 120, width: 600, height: 500 });
    expect(created.visible).toBe(true);
    contents().focused = true;
    view.setBounds(null);
    expect(created.visible).toBe(false);
    expect(window.webContents.focus).toHaveBeenCalled();
    expect(view.contentSize()).toEqual({ width: 1280, height: 860 });
  });

  it('a new window is denied and reported', () => {
    const { view, contents, requests } = setUp();
    view.load('http://127.0.0.1:5000/');
    expect(contents().windowOpenHandler!({ url: 'https://example.com/' } as HandlerDetails)).toEqual({ action: 'deny' });
    expect(requests).toEqual([['new-window', 'https://example.com/']]);
  });

  it('a download is cancelled and reported', () => {
    const { view, partition, requests } = setUp();
    const download = mockEvent();
    partition.emit('will-download', download, { getURL: () => 'http://127.0.0.1:5000/a.zip' }, null, null);
    expect(download.defaultPrevented).toBe(true);
    expect(requests).toEqual([['download', 'http://127.0.0.1:5000/a.zip']]);
    void view;
  });

  it('a navigation or redirect the guard refuses is prevented; an allowed one goes ahead', () => {
    const { view, contents, requests, deny } = setUp();
    view.load('http://127.0.0.1:5000/');
    const allowed = mockEvent({ url: 'http://127.0.0.1:5000/next', isMainFrame: true });
    contents().emit('will-navigate', allowed);
    expect(allowed.defaultPrevented).toBe(false);
    deny();
    const refused = mockEvent({ url: 'file:///etc/passwd', isMainFrame: true });
    contents().emit('will-navigate', refused);
    const redirect = mockEvent({ url: 'data:text/html,x', isMainFrame: true });
    contents().emit('will-redirect', redirect);
    expect(refused.defaultPrevented).toBe(true);
    expect(redirect.defaultPrevented).toBe(true);
    expect(requests.slice(1)).toEqual([
      ['navigation', 'file:///etc/passwd'],
      ['redirect', 'data:text/html,x'],
    ]);
    const webview = mockEvent();
    contents().emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it("reports the main frame's pages, titles, loading and failures; a subframe's failure is not the page's", () => {
    const { view, contents, events } = setUp();
    view.load('http://127.0.0.1:5000/');
    contents().navigate('http://127.0.0.1:5000/');
    contents().emit('page-title-updated', mockEvent(), 'Home', true);
    contents().emit('did-navigate-in-page', mockEvent(), 'http://127.0.0.1:5000/#top', true, 1, 1);
    contents().emit('did-fail-load', mockEvent(), -102, 'ERR_CONNECTION_REFUSED', 'http://ads.example/frame', false, 1, 2);
    contents().fail('http://127.0.0.1:5999/', -102, 'ERR_CONNECTION_REFUSED');
    expect(events.navigated.mock.calls).toEqual([['http://127.0.0.1:5000/'], ['http://127.0.0.1:5000/#top']]);
    expect(events.title).toHaveBeenCalledWith('Home');
    expect(events.loading.mock.calls.map(([l]) => l)).toEqual([true, false, true, false]);
    expect(events.failed.mock.calls).toEqual([['http://127.0.0.1:5999/', 'ERR_CONNECTION_REFUSED']]);
    // A renderer that crashed or was killed is a page that no longer shows.
    contents().emit('render-process-gone', mockEvent(), { reason: 'crashed', exitCode: 11 });
    expect(events.failed).toHaveBeenLastCalledWith('http://127.0.0.1:5000/', 'ERR_RENDERER_GONE');
  });

  it('back, forward, reload and stop drive its history', async () => {
    const { view, contents } = setUp();
    expect(await view.history()).toEqual({ canGoBack: false, canGoForward: false });
    view.load('http://127.0.0.1:5000/');
    contents().navigate('http://127.0.0.1:5000/');
    contents().navigate('http://127.0.0.1:5000/login');
    expect(await view.history()).toEqual({ canGoBack: true, canGoForward: false });
    view.back();
    expect(await view.history()).toEqual({ canGoBack: false, canGoForward: true });
    view.forward();
    view.reload();
    view.stop();
    expect(contents().navigationHistory.goForward).toHaveBeenCalled();
    expect(contents().reload).toHaveBeenCalled();
    expect(contents().stop).toHaveBeenCalled();
  });

  it('its web contents are closed with the window', () => {
    const { view, contents } = setUp();
    view.load('http://127.0.0.1:5000/');
    view.destroy();
    expect(contents().close).toHaveBeenCalled();
  });

  it("a browser key inside the page is the tab's, not the page's; Ctrl+L gives the keyboard back to the lab page", () => {
    const { window, view, contents, events } = setUp();
    view.load('http://127.0.0.1:5000/');
    const key = (fields: Partial<{ key: string; alt: boolean; control: boolean; meta: boolean; shift: boolean; type: string }>) => {
      const event = mockEvent();
      contents().emit('before-input-event', event, { type: 'keyDown', key: '', alt: false, control: false, meta: false, shift: false, ...fields });
      return event.defaultPrevented;
    };
    expect(key({ key: 'ArrowLeft', alt: true })).toBe(true);
    expect(key({ key: 'l', control: true })).toBe(true);
    expect(key({ key: 'a' })).toBe(false);
    expect(key({ key: 'ArrowLeft' })).toBe(false);
    expect(events.shortcut.mock.calls).toEqual([['back'], ['address']]);
    expect(window.webContents.focus).toHaveBeenCalledTimes(1);
  });
});
