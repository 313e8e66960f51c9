import { describe, expect, it, vi } from 'vitest';
import type { TargetLogLine, TargetState } from '../../../contract';
import { createTargetTab, TargetUrlError, type TargetGuard, type TargetViewController, type TargetViewEvents } from '../../../main/target/target-tab';

const lab = 'http://127.0.0.1:41234';

/** A view that does what it is told and lets the test play the page's events. */
function fakeView() {
  let hooks: { guard: TargetGuard; events: TargetViewEvents } | null = null;
  const history = { canGoBack: false, canGoForward: false };
  const view = {
    attach: vi.fn((guard: TargetGuard, events: TargetViewEvents) => {
      hooks = { guard, events };
      return () => (hooks = null);
    }),
    load: vi.fn((url: string) => void url),
    back: vi.fn(),
    forward: vi.fn(),
    reload: vi.fn(),
    stop: vi.fn(),
    history: vi.fn(async () => ({ ...history })),
    setBounds: vi.fn(),
    contentSize: () => ({ width: 1000, height: 800 }),
  } satisfies TargetViewController;
  return {
    view,
    history,
    get events() {
      return hooks!.events;
    },
    get guard() {
      return hooks!.guard;
    },
  };
}

function tab() {
  const fake = fakeView();
  const states: TargetState[] = [];
  const log: TargetLogLine[] = [];
  const onFocusAddress = vi.fn();
  const t = createTargetTab({ view: fake.view, labOrigin: lab, onState: (s) => states.push(s), onLog: (l) => log.push(l), onFocusAddress, now: () => 7 });
  return { fake, t, states, log, onFocusAddress };
}

describe('the Your app tab', () => {
  it('opens a checked address and follows the page: address, title, loading, origins visited', async () => {
    const { fake, t, states } = tab();
    expect(t.open('127.0.0.1:5000')).toMatchObject({ url: 'http://127.0.0.1:5000/', loading: true, error: null });
    expect(fake.view.load).toHaveBeenCalledWith('http://127.0.0.1:5000/');
    fake.events.navigated('http://127.0.0.1:5000/login');
    fake.events.title('Log in');
    fake.history.canGoBack = true;
    fake.events.loading(false);
    await vi.waitFor(() => expect(t.state().canGoBack).toBe(true));
    expect(t.state()).toEqual({
      url: 'http://127.0.0.1:5000/login',
      title: 'Log in',
      loading: false,
      canGoBack: true,
      canGoForward: false,
      error: null,
      visited: ['http://127.0.0.1:5000'],
    });
    expect(states.at(-1)).toEqual(t.state());
  });

  it('refuses an address it will not open, with the sentence, and loads nothing', () => {
    const { fake, t } = tab();
    expect(() => t.open('javascript:alert(1)')).toThrow(TargetUrlError);
    expect(() => t.open(`${lab}/lab/`)).toThrow('That is Session Lab’s own server');
    expect(fake.view.load).not.toHaveBeenCalled();
  });

  it('a page that does not load says why, in the state and in the log', () => {
    const { fake, t, log } = tab();
    t.open('http://127.0.0.1:5999/');
    fake.events.failed('http://127.0.0.1:5999/', 'ERR_CONNECTION_REFUSED');
    // Chromium's error page commits next; the address bar keeps what was asked for.
    fake.events.navigated('chrome-error://chromewebdata/');
    expect(t.state()).toMatchObject({
      url: 'http://127.0.0.1:5999/',
      loading: false,
      error: expect.stringMatching(/^Could not open http:\/\/127\.0\.0\.1:5999\/: nothing answered/),
      visited: [],
    });
    expect(log).toEqual([{ time: 7, kind: 'failed', text: t.state().error }]);
  });

  it('an aborted load is not an error', () => {
    const { fake, t, log } = tab();
    t.open('http://127.0.0.1:5000/');
    fake.events.failed('http://127.0.0.1:5000/', 'ERR_ABORTED');
    expect(t.state().error).toBeNull();
    expect(log).toEqual([]);
  });

  it('reload after a failure loads the address again; after a page, reloads it', () => {
    const { fake, t } = tab();
    t.open('http://127.0.0.1:5999/');
    fake.events.failed('http://127.0.0.1:5999/', 'ERR_CONNECTION_REFUSED');
    t.reload();
    expect(fake.view.load).toHaveBeenCalledTimes(2);
    expect(t.state().error).toBeNull();
    fake.events.navigated('http://127.0.0.1:5999/');
    t.reload();
    expect(fake.view.reload).toHaveBeenCalledTimes(1);
  });

  it('back and forward go only where the history allows', async () => {
    const { fake, t } = tab();
    t.back();
    t.forward();
    expect(fake.view.back).not.toHaveBeenCalled();
    expect(fake.view.forward).not.toHaveBeenCalled();
    fake.history.canGoBack = true;
    fake.events.navigated('http://127.0.0.1:5000/b');
    await vi.waitFor(() => expect(t.state().canGoBack).toBe(true));
    t.back();
    expect(fake.view.back).toHaveBeenCalledTimes(1);
  });

  it("every refusal of the page's own requests is logged", () => {
    const { fake, log } = tab();
    expect(fake.guard('new-window', 'https://example.com/')).toBe(false);
    expect(fake.guard('download', 'http://127.0.0.1:5000/a.zip')).toBe(false);
    expect(fake.guard('navigation', 'file:///etc/passwd')).toBe(false);
    expect(fake.guard('navigation', 'http://127.0.0.1:5000/next')).toBe(true);
    expect(log.map((l) => [l.kind, l.text.split(':')[0]])).toEqual([
      ['refused', 'Refused a new window to https'],
      ['refused', 'Refused a download to http'],
      ['refused', 'Refused navigation to file'],
    ]);
  });

  it('the placeholder becomes the view bounds, clipped to the window', () => {
    const { fake, t } = tab();
    t.setBounds({ x: 10.2, y: 700, width: 500, height: 400 });
    expect(fake.view.setBounds).toHaveBeenLastCalledWith({ x: 10, y: 700, width: 500, height: 100 });
    t.setBounds(null);
    expect(fake.view.setBounds).toHaveBeenLastCalledWith(null);
  });

  it("a browser key pressed inside the view works as it would in a browser's", async () => {
    const { fake, onFocusAddress } = tab();
    fake.history.canGoBack = true;
    fake.events.navigated('http://127.0.0.1:5000/b');
    await vi.waitFor(() => expect(fake.view.history).toHaveBeenCalled());
    await Promise.resolve();
    fake.events.shortcut('back');
    fake.events.shortcut('reload');
    fake.events.shortcut('address');
    expect(fake.view.back).toHaveBeenCalledTimes(1);
    expect(fake.view.reload).toHaveBeenCalledTimes(1);
    expect(onFocusAddress).toHaveBeenCalledTimes(1);
  });
});
