// @vitest-environment happy-dom
// The Your app tab's stateful parts: the address bar (refusals, the address
// following the page, the history buttons, the keyboard), the slot that tells
// main where the view goes, the key card (the key sent once and never shown
// again, the crack's progress and Stop) and the jar card (clear, export).
import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { LabBridge, TargetCrackOutcome, TargetCrackProgress, TargetInspection, TargetState, ViewRect } from '../../contract';
import { createLabWindow } from '../../renderer/lab-window';
import { YourAppPanel } from '../../renderer/your-app';
import { bridgeWith, renderInWindow } from './page';

const STATE: TargetState = { url: '', title: '', loading: false, canGoBack: false, canGoForward: false, error: null, visited: [] };
const EMPTY: TargetInspection = { findings: [], cookies: [], key: { set: false, encoding: null, bytes: 0 }, cracking: false, lastCrack: null, visited: [] };
const FLASK_COOKIE: TargetInspection['cookies'][number] = {
  cookie: {
    name: 'session',
    value: 'eyJ1c2VybmFtZSI6ImFsaWNlIn0.aw8IWw.sig',
    domain: '127.0.0.1',
    hostOnly: true,
    path: '/',
    secure: false,
    httpOnly: true,
    session: true,
    expirationDate: null,
    sameSite: 'unspecified',
    size: 45,
  },
  signatureCookie: null,
  signatureOf: null,
  decoded: {
    format: 'flask',
    title: 'Flask session (itsdangerous URLSafeTimedSerializer)',
    facts: [{ label: 'compressed', value: 'no' }],
    payload: { kind: 'json', text: '{\n  "username": "alice"\n}' },
    notes: [],
    unverifiable: null,
  },
  verdict: { state: 'no-key' },
  weakKey: null,
  findings: [],
};

/** A desktop window whose main process is the test: every verb a spy, events pushed by hand. */
function desktop(verbs: Partial<LabBridge> = {}) {
  const listeners = new Map<string, (payload: never) => void>();
  const on =
    (name: string) =>
    (listener: (payload: never) => void): (() => void) => {
      listeners.set(name, listener);
      return () => listeners.delete(name);
    };
  const lab = bridgeWith({
    targetState: async () => STATE,
    inspectTarget: async () => EMPTY,
    setTargetBounds: vi.fn(async (rect: ViewRect | null) => void rect),
    onTargetState: on('onTargetState'),
    onTargetCrackProgress: on('onTargetCrackProgress'),
    onTargetLog: on('onTargetLog'),
    onTargetFocusAddress: on('onTargetFocusAddress'),
    ...verbs,
  });
  const win = createLabWindow(lab);
  const stop = win.target!.listen();
  const emit = <T,>(name: string, payload: T) => act(() => listeners.get(name)?.(payload as never));
  return { lab, win, stop, emit };
}

const address = () => screen.getByLabelText<HTMLInputElement>('Address of your app');
const problem = () => document.getElementById('target-problem')!.textContent;

describe('the Your app address bar', () => {
  it('offers the usual local ports, and says why main refused an address', async () => {
    const openTarget = vi.fn(async (url: string): Promise<TargetState> => {
      throw new Error(url.startsWith('javascript:') ? 'javascript: addresses are refused: they run a script instead of opening a page.' : 'unexpected');
    });
    const { win } = desktop({ openTarget });
    renderInWindow(<YourAppPanel />, win);
    expect([...document.querySelectorAll('#target-suggestions option')].map((o) => o.getAttribute('value'))).toEqual([
      'http://127.0.0.1:3000/',
      'http://127.0.0.1:5000/',
      'http://127.0.0.1:8000/',
      'http://127.0.0.1:8080/',
    ]);
    fireEvent.input(address(), { target: { value: 'javascript:alert(1)' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(problem()).toBe('javascript: addresses are refused: they run a script instead of opening a page.'));
    expect(openTarget).toHaveBeenCalledWith('javascript:alert(1)');
    expect(address().getAttribute('aria-invalid')).toBe('true');
    // Escape puts back the page's address and the sentence goes.
    fireEvent.keyDown(address(), { key: 'Escape' });
    expect(address().value).toBe('');
    expect(problem()).toBe('');
  });

  it('follows the page: its address, a load error, and which of back, forward, reload and stop apply', async () => {
    const { win, emit } = desktop({ openTarget: async (url) => ({ ...STATE, url, loading: true }) });
    renderInWindow(<YourAppPanel />, win);
    expect((screen.getByRole('button', { name: 'Back' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Reload' }) as HTMLButtonElement).disabled).toBe(true);
    await emit('onTargetState', { ...STATE, url: 'http://127.0.0.1:5000/login', loading: true });
    expect(address().value).toBe('http://127.0.0.1:5000/login');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
    await emit('onTargetState', { ...STATE, url: 'http://127.0.0.1:5000/', canGoBack: true, title: 'Home' });
    expect((screen.getByRole('button', { name: 'Back' }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole('button', { name: 'Forward' }) as HTMLButtonElement).disabled).toBe(true);
    expect(document.getElementById('target-status')!.textContent).toBe('Home');
    const sentence = 'Could not open http://127.0.0.1:5999/: nothing answered at that address (connection refused). Is your app running, on that port?';
    await emit('onTargetState', { ...STATE, url: 'http://127.0.0.1:5999/', error: sentence });
    expect(problem()).toBe(sentence);
    expect(document.getElementById('target-view')!.textContent).toContain('The page did not load');
  });

  it('Alt+Left and Alt+Right go through the history; Ctrl+L takes the keyboard to the address', async () => {
    const targetBack = vi.fn(async () => STATE);
    const targetForward = vi.fn(async () => STATE);
    const { win, emit } = desktop({ targetBack, targetForward });
    renderInWindow(<YourAppPanel />, win);
    const panel = document.querySelector('.your-app')!;
    fireEvent.keyDown(panel, { key: 'ArrowLeft', altKey: true });
    expect(targetBack).not.toHaveBeenCalled();
    await emit('onTargetState', { ...STATE, url: 'http://127.0.0.1:5000/', canGoBack: true, canGoForward: true });
    fireEvent.keyDown(panel, { key: 'ArrowLeft', altKey: true });
    fireEvent.keyDown(panel, { key: 'ArrowRight', altKey: true });
    expect(targetBack).toHaveBeenCalledTimes(1);
    expect(targetForward).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Reload' }), { key: 'l', ctrlKey: true });
    expect(document.activeElement).toBe(address());
    // Ctrl+L pressed inside the view reaches the page as main's event.
    screen.getByRole('button', { name: 'Reload' }).focus();
    await emit('onTargetFocusAddress', null);
    expect(document.activeElement).toBe(address());
  });
});

describe('the slot the view is drawn over', () => {
  it('tells main its rectangle once a page shows, nothing before or after a failure, and null when it goes', async () => {
    const box = vi
      .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
      .mockReturnValue({ x: 24, y: 140, left: 24, top: 140, width: 700, height: 560, right: 724, bottom: 700, toJSON: () => ({}) } as DOMRect);
    const setTargetBounds = vi.fn(async (rect: ViewRect | null) => void rect);
    const { win, emit } = desktop({ setTargetBounds });
    const { unmount } = renderInWindow(<YourAppPanel />, win);
    // No page yet: the slot says what to do, and the view stays hidden.
    expect(setTargetBounds).toHaveBeenLastCalledWith(null);
    expect(document.getElementById('target-view')!.textContent).toContain('Open your own web app here');
    await emit('onTargetState', { ...STATE, url: 'http://127.0.0.1:5000/' });
    expect(setTargetBounds).toHaveBeenLastCalledWith({ x: 24, y: 140, width: 700, height: 560 });
    const calls = setTargetBounds.mock.calls.length;
    // The same place again is not sent again.
    await emit('onTargetState', { ...STATE, url: 'http://127.0.0.1:5000/', title: 'Home' });
    expect(setTargetBounds).toHaveBeenCalledTimes(calls);
    await emit('onTargetState', { ...STATE, url: 'http://127.0.0.1:5999/', error: 'Could not open it.' });
    expect(setTargetBounds).toHaveBeenLastCalledWith(null);
    await emit('onTargetState', { ...STATE, url: 'http://127.0.0.1:5000/' });
    unmount();
    expect(setTargetBounds).toHaveBeenLastCalledWith(null);
    box.mockRestore();
  });
});

describe('the key card', () => {
  it('sends the typed key once, then empties the field; the status says only that main holds one', async () => {
    const setTargetKey = vi.fn(async () => ({ ...EMPTY, key: { set: true, encoding: 'text' as const, bytes: 20 } }));
    const forgetTargetKey = vi.fn(async () => EMPTY);
    const { win } = desktop({ setTargetKey, forgetTargetKey });
    renderInWindow(<YourAppPanel />, win);
    const field = screen.getByLabelText<HTMLInputElement>('Your app’s secret key');
    expect(field.type).toBe('password');
    fireEvent.input(field, { target: { value: 'your_very_secret_key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check signatures' }));
    await waitFor(() => expect(document.getElementById('target-key-status')!.textContent).toMatch(/^A key of 20 bytes \(text\) is held in main’s memory/));
    expect(setTargetKey).toHaveBeenCalledWith('your_very_secret_key', 'text');
    expect(field.value).toBe('');
    expect(document.body.textContent).not.toContain('your_very_secret_key');
    fireEvent.click(screen.getByRole('button', { name: 'Forget the key' }));
    await waitFor(() => expect(document.getElementById('target-key-status')!.textContent).toBe('No key given: signatures are not checked.'));
  });

  it('a key that does not read in its encoding shows main’s sentence', async () => {
    const { win } = desktop({
      setTargetKey: async () => {
        throw new Error('That is not hex: use pairs of the digits 0-9 and a-f, or choose "text".');
      },
    });
    renderInWindow(<YourAppPanel />, win);
    fireEvent.input(screen.getByLabelText('Your app’s secret key'), { target: { value: 'zz' } });
    fireEvent.change(screen.getByLabelText('Written as'), { target: { value: 'hex' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check signatures' }));
    await waitFor(() =>
      expect(document.getElementById('target-key-error')!.textContent).toBe('That is not hex: use pairs of the digits 0-9 and a-f, or choose "text".'),
    );
  });

  it('the crack shows its progress, can be stopped, and says how it ended', async () => {
    let finish!: (outcome: TargetCrackOutcome) => void;
    const stopTargetCrack = vi.fn(async () => undefined);
    const { win, emit } = desktop({ crackTargetKeys: () => new Promise((resolve) => (finish = resolve)), stopTargetCrack });
    renderInWindow(<YourAppPanel />, win);
    fireEvent.click(screen.getByRole('button', { name: 'Try the known weak keys' }));
    expect(document.getElementById('target-crack-status')!.textContent).toBe('Loading the list…');
    const progress: TargetCrackProgress = { tried: 40_000, total: 101_291, keys: 160_000, keysPerSecond: 800_000, elapsedMs: 200, etaMs: 1500, found: 0 };
    await emit('onTargetCrackProgress', progress);
    expect(document.getElementById('target-crack-status')!.textContent).toBe('40,000 of 101,291 tried · 800,000 keys/s · about 1.5 s left');
    expect((document.getElementById('target-crack-progress') as HTMLProgressElement).value).toBe(40_000);
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(stopTargetCrack).toHaveBeenCalled();
    await act(() => finish({ ...progress, outcome: 'stopped', cookies: 1, threads: 1, etaMs: null }));
    await waitFor(() => expect(document.getElementById('target-crack-status')!.textContent).toBe('Stopped: 40,000 of 101,291 known keys tried in 200 ms.'));
    expect(document.getElementById('target-crack-stop')!.hidden).toBe(true);
  });
});

describe("the partition's jar card", () => {
  it('lists each cookie decoded, opens onto its payload, and clears only after a confirmation', async () => {
    const clearTarget = vi.fn(async () => STATE);
    let jar: TargetInspection = { ...EMPTY, cookies: [FLASK_COOKIE] };
    const { win } = desktop({ inspectTarget: async () => jar, clearTarget });
    renderInWindow(<YourAppPanel />, win);
    await waitFor(() => expect(document.getElementById('target-jar-summary')!.textContent).toMatch(/^1 cookie on 1 domain/));
    const item = document.querySelector('#target-cookies li[data-cookie="session"]')!;
    expect(item.querySelector('summary')!.textContent).toContain('Flask session (itsdangerous URLSafeTimedSerializer)');
    expect(item.querySelector('pre')!.textContent).toBe('{\n  "username": "alice"\n}');
    fireEvent.click(screen.getByRole('button', { name: 'Clear…' }));
    expect(clearTarget).not.toHaveBeenCalled();
    jar = EMPTY;
    fireEvent.click(screen.getByRole('button', { name: 'Clear cookies and storage' }));
    await waitFor(() =>
      expect(document.getElementById('target-jar-summary')!.textContent).toBe('The view’s partition holds no cookies. Open your app and log in.'),
    );
    expect(clearTarget).toHaveBeenCalledTimes(1);
    expect(document.getElementById('target-jar-message')!.textContent).toBe('Cleared: the view’s partition holds no cookies and no storage now.');
  });

  it('says where an export went, or that it was cancelled', async () => {
    const exportTargetReport = vi.fn(async (format: 'markdown' | 'json') =>
      format === 'json' ? { saved: false as const } : { saved: true as const, fileName: 'report.md', bytes: 2048, cookies: 3 },
    );
    const { win } = desktop({ exportTargetReport });
    renderInWindow(<YourAppPanel />, win);
    fireEvent.click(screen.getByRole('button', { name: 'Export Markdown…' }));
    await waitFor(() =>
      expect(document.getElementById('target-jar-message')!.textContent).toBe(
        'Saved the Markdown report as report.md: 3 cookies, 2,048 bytes. It holds cookie values: treat it like a password.',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON…' }));
    await waitFor(() => expect(document.getElementById('target-jar-message')!.textContent).toBe('Export cancelled: nothing was saved.'));
  });
});

describe('in a plain browser', () => {
  it('the tab says it needs the desktop app', () => {
    renderInWindow(<YourAppPanel />, createLabWindow(null));
    expect(document.body.textContent).toContain('Opening your own web app needs the desktop app');
  });
});
