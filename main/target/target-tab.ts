// The Your app tab's view as main keeps it: the address, loading, history, the
// last error and the origins visited, and the guard every request of the page
// passes. Plain logic over a view controller: Electron's WebContentsView in the
// app (target-view.ts), a second Chromium page in the e2e harness.
import type { TargetLogLine, TargetState, ViewRect } from '../../contract';
import { isAbort, loadErrorSentence } from './load-errors';
import { targetVerdict, type TargetRequest } from './target-navigation';
import { checkTargetUrl } from './target-url';
import { fitViewBounds, type ContentSize } from './view-bounds';
import type { ViewShortcut } from './view-shortcuts';

/** What the view reports about its page. */
export interface TargetViewEvents {
  /** The main frame committed a page, or moved within one (history.pushState, #fragment). */
  navigated(url: string): void;
  title(title: string): void;
  loading(loading: boolean): void;
  /** The main frame's page did not load: Chromium's net error name (ERR_CONNECTION_REFUSED, …). */
  failed(url: string, errorName: string): void;
  /** A browser key pressed while the view had the keyboard (view-shortcuts.ts). */
  shortcut(key: ViewShortcut): void;
}

/** Asked before the page goes anywhere, opens a window or downloads: true lets it. */
export type TargetGuard = (request: TargetRequest, url: string) => boolean;

/** The view, as the tab drives it. */
export interface TargetViewController {
  /** Hooks the guard and the events up (once); returns an unhook. */
  attach(guard: TargetGuard, events: TargetViewEvents): () => void;
  /** Starts loading `url` (checked already); how it goes arrives through the events. */
  load(url: string): void;
  back(): void;
  forward(): void;
  reload(): void;
  stop(): void;
  history(): Promise<{ canGoBack: boolean; canGoForward: boolean }>;
  /** Places the view over the placeholder (window coordinates); null hides it. */
  setBounds(bounds: ViewRect | null): void;
  /** The lab window's content area, which the view must stay inside. */
  contentSize(): ContentSize;
}

/** An address the tab will not open; the message is the sentence to show. */
export class TargetUrlError extends Error {
  override name = 'TargetUrlError';
}

export interface TargetTab {
  state(): TargetState;
  /** Opens what the person typed, or throws TargetUrlError with the reason. */
  open(typed: string): TargetState;
  back(): TargetState;
  forward(): TargetState;
  reload(): TargetState;
  stop(): TargetState;
  setBounds(rect: ViewRect | null): void;
  /** A line for the tab's log (a clear, a saved report). */
  note(kind: TargetLogLine['kind'], text: string): void;
  /** Forgets the origins visited (the partition was cleared). */
  forgetVisits(): void;
  detach(): void;
}

export interface TargetTabOptions {
  view: TargetViewController;
  /** The lab server's origin: the view never opens it. */
  labOrigin: string;
  onState(state: TargetState): void;
  onLog(line: TargetLogLine): void;
  /** The person asked for the address bar from inside the view (Ctrl+L): the window should focus it. */
  onFocusAddress(): void;
  now?: () => number;
}

const isWebUrl = (url: string): boolean => /^https?:\/\//i.test(url);

export function createTargetTab(options: TargetTabOptions): TargetTab {
  const { view, labOrigin } = options;
  const now = options.now ?? Date.now;
  let state: TargetState = { url: '', title: '', loading: false, canGoBack: false, canGoForward: false, error: null, visited: [] };

  const change = (next: Partial<TargetState>): void => {
    state = { ...state, ...next };
    options.onState(state);
  };
  const note = (kind: TargetLogLine['kind'], text: string): void => options.onLog({ time: now(), kind, text });
  const refreshHistory = (): void => {
    view.history().then(
      (h) => {
        if (h.canGoBack !== state.canGoBack || h.canGoForward !== state.canGoForward) change(h);
      },
      () => undefined,
    );
  };

  const guard: TargetGuard = (request, url) => {
    const verdict = targetVerdict(request, url, labOrigin);
    if (!verdict.allow) note('refused', verdict.log);
    return verdict.allow;
  };

  const detach = view.attach(guard, {
    navigated(url) {
      // A failed load commits Chromium's error page (chrome-error://…): the address bar keeps what was asked for.
      if (!isWebUrl(url)) return;
      const origin = new URL(url).origin;
      change({ url, error: null, visited: state.visited.includes(origin) ? state.visited : [...state.visited, origin] });
      refreshHistory();
    },
    title: (title) => change({ title }),
    loading(loading) {
      change({ loading });
      if (!loading) refreshHistory();
    },
    failed(url, errorName) {
      // Replaced by another load, or stopped: nothing to say.
      if (isAbort(errorName)) return;
      const sentence = loadErrorSentence(url, errorName);
      change({ url, error: sentence, loading: false, title: '' });
      note('failed', sentence);
    },
    shortcut(key) {
      if (key === 'address') options.onFocusAddress();
      else tab[key]();
    },
  });

  const tab: TargetTab = {
    state: () => state,
    open(typed) {
      const checked = checkTargetUrl(typed, labOrigin);
      if (!checked.ok) throw new TargetUrlError(checked.reason);
      change({ url: checked.url, error: null, loading: true, title: '' });
      view.load(checked.url);
      return state;
    },
    back() {
      if (state.canGoBack) view.back();
      return state;
    },
    forward() {
      if (state.canGoForward) view.forward();
      return state;
    },
    reload() {
      if (state.url !== '') {
        // After a failure the view holds Chromium's error page: load the address again rather than reload that.
        const failed = state.error !== null;
        change({ error: null, loading: true });
        if (failed) view.load(state.url);
        else view.reload();
      }
      return state;
    },
    stop() {
      view.stop();
      return state;
    },
    setBounds: (rect) => view.setBounds(fitViewBounds(rect, view.contentSize())),
    note,
    forgetVisits: () => change({ visited: [] }),
    detach,
  };
  return tab;
}
