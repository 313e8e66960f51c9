// The Your app view in Electron: a WebContentsView in the lab window, over the
// placeholder the page reports, on a partition of its own. Thin on purpose: it
// only turns Electron's events into TargetViewEvents and asks the tab's guard
// (target-tab.ts, target-navigation.ts) before the page goes anywhere.
import { WebContentsView, type BrowserWindow, type Event, type Session, type WebContents, type WebPreferences } from 'electron';
import type { ViewRect } from '../../contract';
import { lockedDownPreferences } from '../window';
import type { TargetGuard, TargetViewController, TargetViewEvents } from './target-tab';
import { viewShortcut } from './view-shortcuts';

/** The view's own persistent partition: its cookies and storage survive a restart, and are never the lab's. */
export const TARGET_PARTITION = 'persist:your-app';

/**
 * The lab window's locked-down preferences (lockedDownPreferences, each option
 * written out), on the view's own partition, and no preload: the page has no
 * bridge to main at all. Plus what a page from elsewhere should not have.
 */
export function targetViewPreferences(devTools: boolean): WebPreferences {
  return {
    partition: TARGET_PARTITION,
    preload: undefined,
    ...lockedDownPreferences(devTools),
    plugins: false,
    // A page that opens alert() after alert() gets a box to stop them.
    safeDialogs: true,
    autoplayPolicy: 'user-gesture-required',
  };
}

/** What the lab window offers the view: a place among its child views, and its size. */
export type TargetHostWindow = Pick<BrowserWindow, 'contentView' | 'getContentSize' | 'webContents'>;

interface NavigationDetails {
  url: string;
  isMainFrame: boolean;
}

/**
 * The controller over a WebContentsView created on the first load (a tab never
 * used costs no renderer process). `session` must be the TARGET_PARTITION's.
 */
export function createTargetView(
  window: TargetHostWindow,
  session: Pick<Session, 'on' | 'removeListener'>,
  options: { devTools: boolean },
): TargetViewController & { destroy(): void } {
  let view: WebContentsView | null = null;
  let hooks: { guard: TargetGuard; events: TargetViewEvents } | null = null;
  let bounds: ViewRect | null = null;

  const onDownload = (event: Event, item: { getURL(): string }): void => {
    event.preventDefault();
    hooks?.guard('download', item.getURL());
  };

  const hookUp = (contents: WebContents): void => {
    const guard: TargetGuard = (request, url) => hooks?.guard(request, url) ?? false;
    const events = (): TargetViewEvents | undefined => hooks?.events;
    contents.setWindowOpenHandler(({ url }) => {
      guard('new-window', url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event: Event<NavigationDetails>) => {
      if (event.isMainFrame && !guard('navigation', event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event: Event<NavigationDetails>) => {
      if (event.isMainFrame && !guard('redirect', event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('did-navigate', (_event, url) => events()?.navigated(url));
    contents.on('did-navigate-in-page', (_event, url, isMainFrame) => {
      if (isMainFrame) events()?.navigated(url);
    });
    contents.on('page-title-updated', (_event, title) => events()?.title(title));
    contents.on('did-start-loading', () => events()?.loading(true));
    contents.on('did-stop-loading', () => events()?.loading(false));
    contents.on('did-fail-load', (_event, _code, description, url, isMainFrame) => {
      if (isMainFrame) events()?.failed(url, description);
    });
    contents.on('render-process-gone', () => events()?.failed(contents.getURL(), 'ERR_RENDERER_GONE'));
    contents.on('before-input-event', (event, input) => {
      const key = viewShortcut(input);
      if (key === null) return;
      event.preventDefault();
      // The address bar is the lab page's: the keyboard goes back to it first.
      if (key === 'address') window.webContents.focus();
      events()?.shortcut(key);
    });
  };

  const place = (): void => {
    if (view === null) return;
    if (bounds === null) {
      // A hidden view must not keep the keyboard: give it back to the lab page.
      if (view.webContents.isFocused()) window.webContents.focus();
      view.setVisible(false);
      return;
    }
    view.setBounds(bounds);
    view.setVisible(true);
  };

  const ensure = (): WebContentsView => {
    if (view !== null) return view;
    // The options come from targetViewPreferences() above and window.ts's lockedDownPreferences(), every one written out (contextIsolation, sandbox, Auxclick off)
    // and asserted in test/main/target/target-view.test.ts. Electronegativity 1.10 checks BrowserWindow and BrowserView,
    // not yet WebContentsView; once it does, it cannot follow a function call either, hence the lab window's suppression:
    view = new WebContentsView({ webPreferences: targetViewPreferences(options.devTools) }); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    hookUp(view.webContents);
    window.contentView.addChildView(view);
    place();
    return view;
  };

  return {
    attach(guard, events) {
      hooks = { guard, events };
      session.on('will-download', onDownload);
      return () => {
        hooks = null;
        session.removeListener('will-download', onDownload);
      };
    },
    load(url) {
      // did-fail-load reports a failure, with Chromium's reason; the promise's rejection says the same.
      ensure()
        .webContents.loadURL(url)
        .catch(() => undefined);
    },
    back: () => view?.webContents.navigationHistory.goBack(),
    forward: () => view?.webContents.navigationHistory.goForward(),
    reload: () => view?.webContents.reload(),
    stop: () => view?.webContents.stop(),
    history: async () => ({
      canGoBack: view?.webContents.navigationHistory.canGoBack() ?? false,
      canGoForward: view?.webContents.navigationHistory.canGoForward() ?? false,
    }),
    setBounds(next) {
      bounds = next;
      place();
    },
    contentSize() {
      const [width = 0, height = 0] = window.getContentSize();
      return { width, height };
    },
    /** With the lab window closed: its child views go with it, but a view's web contents must be closed. */
    destroy() {
      if (view !== null && !view.webContents.isDestroyed()) view.webContents.close();
      view = null;
    },
  };
}
