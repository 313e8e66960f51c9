import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Cookie } from 'electron';
import type { CookieInspection, CrackOutcome, DecoderReading, ExperimentsState, JarChange, TargetInspection, TargetState, WireEntry } from '../../contract';
import { main } from '../../main/index';
import type { SenderEvent } from '../../main/ipc/sender-check';
import { app, defaultSession, dialog, ipcMain, MockBrowserWindow, MockWebContentsView, mockEvent, resetElectronMock, session } from '../support/electron-mock';
import { TARGET_PARTITION } from '../../main/target/target-view';
import { rawRequest } from '../support/raw-http';
import type * as CrackInWorker from '../../server/audit/crack-in-worker';
import type { CrackInWorkerOptions } from '../../server/audit/crack-in-worker';
import type { CrackJob } from '../../server/audit/crack-job';
import { signNew } from '../../server/audit/session-auditor';

// The mock module is loaded through the factory: vi.mock is hoisted above the imports.
vi.mock('electron', async () => (await import('../support/electron-mock.js')).electron);
// main() runs from sources here, where the crack worker exists only as built (npm test builds first).
vi.mock('../../server/audit/crack-in-worker', async (importOriginal) => {
  const real = await importOriginal<typeof CrackInWorker>();
  const workerPath = path.resolve('dist/server/audit/crack-worker.js');
  return { ...real, crackInWorker: (job: CrackJob, options: CrackInWorkerOptions = {}) => real.crackInWorker(job, { ...options, workerPath }) };
});

let userData: string;

beforeEach(() => {
  resetElectronMock();
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'session-lab-main-'));
  app.userData = userData;
  vi.stubEnv('SESSION_SECRET', crypto.randomBytes(32).toString('hex'));
  vi.stubEnv('SESSION_PREVIOUS_SECRETS', undefined);
  vi.stubEnv('SESSION_LAB_DATA_DIR', undefined);
});

afterEach(async () => {
  // Stop any server a test left running, the way the app itself would.
  if (app.listenerCount('will-quit') > 0 && app.exit.mock.calls.length === 0) {
    app.quit();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalled());
  }
  vi.unstubAllEnvs();
  fs.rmSync(userData, { recursive: true, force: true });
});

/** The one window main() opened, and the server URL it was pointed at. */
function labWindow() {
  expect(MockBrowserWindow.instances).toHaveLength(1);
  const window = MockBrowserWindow.instances[0]!;
  const url = String(window.loadURL.mock.calls[0]![0]);
  return { window, url, origin: new URL(url).origin };
}

function fromLab(window: MockBrowserWindow, origin: string): SenderEvent {
  return { sender: { id: window.webContents.id }, senderFrame: { url: `${origin}/lab/`, parent: null } };
}

/** Stores the server's Set-Cookie headers in the fake jar, as Chromium would. */
function storeSetCookies(headers: string[]): void {
  for (const header of headers) {
    const [pair, ...attributes] = header.split(';').map((s) => s.trim());
    // At the first '=' only: a base64 value ends in '=' padding.
    const name = pair!.slice(0, pair!.indexOf('='));
    const value = pair!.slice(pair!.indexOf('=') + 1);
    const attr = (n: string) => attributes.find((a) => a.toLowerCase().startsWith(n));
    const expires = attr('expires=');
    const cookie: Cookie = {
      name,
      value,
      domain: '127.0.0.1',
      hostOnly: true,
      path: attr('path=')?.slice(5) ?? '/',
      secure: attr('secure') !== undefined,
      httpOnly: attr('httponly') !== undefined,
      session: expires === undefined,
      ...(expires === undefined ? {} : { expirationDate: Date.parse(expires.slice(8)) / 1000 }),
      sameSite: 'lax',
    };
    defaultSession.cookies.store(cookie);
  }
}

describe('starting the app', () => {
  it('starts the server and opens one window on its lab page', async () => {
    await main();
    const { url, origin } = labWindow();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/lab\/$/);
    const response = await fetch(`${origin}/api/session`);
    expect(response.status).toBe(200);
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('the window is the hardened one, with the preload beside the entry point', async () => {
    await main();
    const { window } = labWindow();
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    expect(path.basename(window.options.webPreferences!.preload!)).toBe('preload.js');
    // Guards attached through web-contents-created, and permissions denied.
    expect(window.webContents.windowOpenHandler).not.toBeNull();
    expect(defaultSession.permissionCheckHandler!(null, 'media', 'x', {})).toBe(false);
  });

  it("generates the secret in Electron's userData folder when none is set", async () => {
    vi.stubEnv('SESSION_SECRET', undefined);
    await main();
    expect(fs.readFileSync(path.join(userData, 'session-secret'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('SESSION_LAB_DATA_DIR moves userData (and so the key) before anything uses it', async () => {
    const elsewhere = path.join(userData, 'elsewhere');
    vi.stubEnv('SESSION_SECRET', undefined);
    vi.stubEnv('SESSION_LAB_DATA_DIR', elsewhere);
    await main();
    expect(app.setPath).toHaveBeenCalledWith('userData', elsewhere);
    expect(app.setPath.mock.invocationCallOrder[0]).toBeLessThan(app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
    expect(fs.readFileSync(path.join(elsewhere, 'session-secret'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('a server that cannot start shows the reason in an error dialog and quits with a failure code', async () => {
    vi.stubEnv('SESSION_SECRET', 'secret');
    await main();
    expect(dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith('Session Lab cannot start', expect.stringContaining('SESSION_SECRET is refused'));
    expect(MockBrowserWindow.instances).toHaveLength(0);
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1));
  });

  it('a corrupt secret file is reported the same way', async () => {
    vi.stubEnv('SESSION_SECRET', undefined);
    fs.writeFileSync(path.join(userData, 'session-secret'), 'not a key\n');
    await main();
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Session Lab cannot start', expect.stringContaining('is corrupt'));
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1));
  });

  it('a second launch quits at once and starts nothing', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    await main();
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(MockBrowserWindow.instances).toHaveLength(0);
  });

  it('a second launch brings the first window back to the front', async () => {
    await main();
    const { window } = labWindow();
    window.minimized = true;
    app.emit('second-instance', {}, [], '/');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(MockBrowserWindow.instances).toHaveLength(1);
  });
});

describe('quitting', () => {
  it('flushes the cookie store, then closes the server, then exits', async () => {
    await main();
    const { origin } = labWindow();
    const steps: string[] = [];
    defaultSession.cookies.flushStore.mockImplementation(async () => {
      // Still serving while the cookies are written out.
      steps.push(`flush (server up: ${(await fetch(`${origin}/api/session`)).ok})`);
    });
    app.exit.mockImplementation(() => void steps.push('exit'));
    app.quit();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(steps).toEqual(['flush (server up: true)', 'exit']);
    await expect(fetch(`${origin}/api/session`)).rejects.toThrow();
  });

  it('closing the window quits the app', async () => {
    await main();
    labWindow().window.close();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(defaultSession.cookies.flushStore).toHaveBeenCalled();
  });

  it('quitting twice cleans up once and does not loop', async () => {
    await main();
    app.quit();
    app.quit();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalled());
    expect(defaultSession.cookies.flushStore).toHaveBeenCalledTimes(1);
    expect(app.exit).toHaveBeenCalledTimes(1);
  });

  it('a flush that fails still lets the app quit', async () => {
    await main();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    defaultSession.cookies.flushStore.mockRejectedValue(new Error('disk full'));
    app.quit();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(log).toHaveBeenCalledWith(expect.stringContaining('cleanup failed'), expect.any(Error));
    log.mockRestore();
  });
});

describe('the running lab', () => {
  async function login(origin: string, username: string): Promise<string[]> {
    const response = await fetch(`${origin}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({ username }),
    });
    expect(response.status).toBe(200);
    return response.headers.getSetCookie();
  }

  it('judges the real session cookie valid, and a tampered one invalid, without sending keys', async () => {
    await main();
    const { window, origin } = labWindow();
    storeSetCookies(await login(origin, 'ada'));
    const event = fromLab(window, origin);

    const genuine = (await ipcMain.invoke('session-lab:inspectSession', event)) as CookieInspection;
    expect(genuine.verdict).toEqual({ state: 'valid', keyIndex: 0 });
    expect(genuine.decoded).toMatchObject({ ok: true, payload: { username: 'ada' } });
    expect(JSON.stringify(genuine)).not.toContain(process.env.SESSION_SECRET);

    const forged = Buffer.from(JSON.stringify({ username: 'admin' })).toString('base64');
    await ipcMain.invoke('session-lab:setCookieValue', event, 'lab_session', forged);
    const tampered = (await ipcMain.invoke('session-lab:inspectSession', event)) as CookieInspection;
    expect(tampered.verdict).toEqual({ state: 'invalid' });
    expect(tampered.decoded).toMatchObject({ ok: true, payload: { username: 'admin' } });
  });

  it('pushes jar changes to the window, an overwrite as one update', async () => {
    await main();
    const { window, origin } = labWindow();
    storeSetCookies(await login(origin, 'ada'));
    await vi.waitFor(() => expect(window.webContents.send).toHaveBeenCalledWith('session-lab:onJarChanged', expect.anything()));
    window.webContents.send.mockClear();

    await ipcMain.invoke('session-lab:setCookieValue', fromLab(window, origin), 'lab_session', 'e30=');
    await vi.waitFor(() => expect(window.webContents.send).toHaveBeenCalledWith('session-lab:onJarChanged', expect.anything()));
    const changes = window.webContents.send.mock.calls[0]![1] as JarChange[];
    expect(changes).toMatchObject([{ name: 'lab_session', kind: 'updated', value: 'e30=' }]);
  });

  it("pushes each of the window's requests to the server to the wire log", async () => {
    await main();
    const { window, origin } = labWindow();
    defaultSession.webRequest.sendHeaders({ id: 11, url: `${origin}/api/counter`, method: 'POST', requestHeaders: { Cookie: 'lab_session=e30=' } });
    defaultSession.webRequest.receiveHeaders({
      id: 11,
      url: `${origin}/api/counter`,
      statusCode: 200,
      responseHeaders: { 'Set-Cookie': ['lab_session=eyJ2aXNpdHMiOjF9; path=/'] },
    });
    expect(window.webContents.send).toHaveBeenCalledWith(
      'session-lab:onWire',
      expect.objectContaining<Partial<WireEntry>>({
        method: 'POST',
        path: '/api/counter',
        status: 200,
        cookieSent: 'lab_session=e30=',
        setCookies: ['lab_session=eyJ2aXNpdHMiOjF9; path=/'],
      }),
    );
  });

  it('refuses the jar to a page from another origin', async () => {
    await main();
    const { window } = labWindow();
    const foreign: SenderEvent = { sender: { id: window.webContents.id }, senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(ipcMain.invoke('session-lab:listCookies', foreign)).rejects.toThrow(/Refused listCookies/);
  });
});

describe("Lab I's experiments in the app", () => {
  /** A request as the window makes it, with the fake jar's cookies, on a fresh connection (the server may have restarted). */
  async function send(origin: string, method: string, pathname: string, body?: object): Promise<{ message: string }> {
    const cookie = defaultSession.cookies.jar.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await rawRequest(`${origin}${pathname}`, {
      method,
      headers: { Connection: 'close', Origin: origin, ...(cookie ? { Cookie: cookie } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    storeSetCookies([res.headers['set-cookie'] ?? []].flat());
    return JSON.parse(res.body) as { message: string };
  }

  /** Every file under the data dir, as text, to look for a key that must not be there. */
  function dataDirText(): string {
    return fs
      .readdirSync(userData, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'latin1'))
      .join('\n');
  }

  it('weak key on the same origin, crack in a worker with progress to the window, forge admin; quitting leaves the weak key nowhere', async () => {
    vi.stubEnv('SESSION_SECRET', undefined);
    await main();
    const { window, origin } = labWindow();
    const keyFile = fs.readFileSync(path.join(userData, 'session-secret'), 'utf8');
    const event = fromLab(window, origin);

    const demo = (await ipcMain.invoke('session-lab:startWeakKeyDemo', event, 'tutorial')) as ExperimentsState;
    expect(demo).toMatchObject({ mode: 'weak-demo', serverDown: null });
    expect(await send(origin, 'POST', '/api/login', { username: 'bob' })).toMatchObject({ message: 'Logged in as bob' });

    const cracked = (await ipcMain.invoke('session-lab:crackSessionKey', event)) as CrackOutcome;
    expect(cracked).toMatchObject({ found: true, secret: 'your_very_secret_key', tried: 1 });
    expect(window.webContents.send).toHaveBeenCalledWith('session-lab:onCrackProgress', expect.objectContaining({ tried: 1, total: cracked.total }));

    await ipcMain.invoke('session-lab:forgeSession', event, { username: 'admin' }, 'cracked');
    expect(await send(origin, 'GET', '/api/session')).toMatchObject({ message: 'Logged in as admin' });

    const steps: string[] = [];
    defaultSession.cookies.flushStore.mockImplementation(async () => {
      steps.push(`flush: ${defaultSession.cookies.jar.map((c) => c.name).join(',') || 'no cookies'}`);
    });
    app.quit();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    // The forged, weak-key session was removed before the jar was written to disk.
    expect(steps).toEqual(['flush: no cookies']);
    expect(fs.readFileSync(path.join(userData, 'session-secret'), 'utf8')).toBe(keyFile);
    expect(dataDirText()).not.toContain('your_very_secret_key');
  });

  it('rotation is in memory only: the key file stays as it was', async () => {
    vi.stubEnv('SESSION_SECRET', undefined);
    await main();
    const { window, origin } = labWindow();
    const keyFile = fs.readFileSync(path.join(userData, 'session-secret'), 'utf8');
    const event = fromLab(window, origin);
    await send(origin, 'POST', '/api/login', { username: 'carol' });

    expect(await ipcMain.invoke('session-lab:addSigningKey', event)).toMatchObject({ mode: 'rotated', keys: [{ kind: 'added' }, { kind: 'stored' }] });
    expect(((await ipcMain.invoke('session-lab:inspectSession', event)) as CookieInspection).verdict).toEqual({ state: 'valid', keyIndex: 1 });
    await send(origin, 'POST', '/api/counter');
    expect(((await ipcMain.invoke('session-lab:inspectSession', event)) as CookieInspection).verdict).toEqual({ state: 'valid', keyIndex: 0 });
    await ipcMain.invoke('session-lab:dropOlderKeys', event);
    expect(fs.readFileSync(path.join(userData, 'session-secret'), 'utf8')).toBe(keyFile);

    app.quit();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(fs.readFileSync(path.join(userData, 'session-secret'), 'utf8')).toBe(keyFile);
    // Signed with a key that dies with this run: not kept for the next one.
    expect(defaultSession.cookies.jar.map((c) => c.name)).toEqual([]);
  });

  it('the experiment channels are refused to a page from another origin, and steps that do not apply are refused', async () => {
    await main();
    const { window, origin } = labWindow();
    const foreign: SenderEvent = { sender: { id: window.webContents.id }, senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(ipcMain.invoke('session-lab:startWeakKeyDemo', foreign, 'tutorial')).rejects.toThrow(/Refused startWeakKeyDemo/);
    await expect(ipcMain.invoke('session-lab:forgeSession', foreign, { username: 'admin' }, 'server')).rejects.toThrow(/Refused forgeSession/);

    const event = fromLab(window, origin);
    await expect(ipcMain.invoke('session-lab:crackSessionKey', event)).rejects.toThrow(
      'There is no signed lab_session cookie in the jar to crack: log in first.',
    );
    await expect(ipcMain.invoke('session-lab:forgeSession', event, { username: 'admin' }, 'cracked')).rejects.toThrow('No key has been cracked yet');
    await expect(ipcMain.invoke('session-lab:dropOlderKeys', event)).rejects.toThrow('There is only one key');
    await expect(ipcMain.invoke('session-lab:restoreStoredKeys', event)).rejects.toThrow('The server already uses the stored key.');
    expect(((await ipcMain.invoke('session-lab:experimentsState', event)) as ExperimentsState).mode).toBe('stored');
    expect(defaultSession.cookies.jar).toEqual([]);
  });
});

describe('the Your app tab in the app', () => {
  const yourApp = () => session.fromPartition(TARGET_PARTITION);

  it('opens the address in a view of its own, on its own partition, in the lab window', async () => {
    await main();
    const { window, origin } = labWindow();
    const state = (await ipcMain.invoke('session-lab:openTarget', fromLab(window, origin), '127.0.0.1:5000')) as TargetState;
    expect(state).toMatchObject({ url: 'http://127.0.0.1:5000/', loading: true, error: null });
    const [view] = MockWebContentsView.instances;
    expect(window.contentView.children).toEqual([view]);
    expect(view!.webContents.session).toBe(yourApp());
    expect(view!.webContents.session).not.toBe(defaultSession);
    expect(view!.webContents.loadURL).toHaveBeenCalledWith('http://127.0.0.1:5000/');
    expect(view!.options.webPreferences).toMatchObject({
      partition: TARGET_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      preload: undefined,
    });
  });

  it("a call from the view's web contents is refused by the sender check, the lab's verbs and the tab's alike", async () => {
    await main();
    const { window, origin } = labWindow();
    await ipcMain.invoke('session-lab:openTarget', fromLab(window, origin), 'http://127.0.0.1:5000/');
    const view = MockWebContentsView.instances[0]!.webContents;
    view.navigate('http://127.0.0.1:5000/');
    const fromView: SenderEvent = { sender: { id: view.id }, senderFrame: { url: 'http://127.0.0.1:5000/', parent: null } };
    await expect(ipcMain.invoke('session-lab:inspectTarget', fromView)).rejects.toThrow(
      'Refused inspectTarget: the call did not come from the Session Lab page.',
    );
    await expect(ipcMain.invoke('session-lab:setTargetKey', fromView, 'k', 'text')).rejects.toThrow(/Refused setTargetKey/);
    await expect(ipcMain.invoke('session-lab:listCookies', fromView)).rejects.toThrow(/Refused listCookies/);
    // Not even with a frame on the lab's origin: the contents is not a lab window's.
    await expect(ipcMain.invoke('session-lab:listCookies', { ...fromView, senderFrame: { url: `${origin}/lab/`, parent: null } })).rejects.toThrow(
      /Refused listCookies/,
    );
  });

  it("the view keeps its own guards, not the lab window's: a link to another http page is allowed, file: and the lab are not", async () => {
    await main();
    const { window, origin } = labWindow();
    await ipcMain.invoke('session-lab:openTarget', fromLab(window, origin), 'http://127.0.0.1:5000/');
    const view = MockWebContentsView.instances[0]!.webContents;
    const outside = mockEvent({ url: 'https://example.com/docs', isMainFrame: true });
    const file = mockEvent({ url: 'file:///etc/passwd', isMainFrame: true });
    const lab = mockEvent({ url: `${origin}/lab/`, isMainFrame: true });
    for (const e of [outside, file, lab]) view.emit('will-navigate', e);
    expect([outside.defaultPrevented, file.defaultPrevented, lab.defaultPrevented]).toEqual([false, true, true]);
    // The lab window's rules are unchanged: it still refuses an outside page.
    const away = mockEvent({ url: 'https://example.com/docs' });
    window.webContents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    // Each refusal reached the window's log.
    const logged = window.webContents.send.mock.calls
      .filter(([channel]) => channel === 'session-lab:onTargetLog')
      .map(([, line]) => (line as { text: string }).text);
    expect(logged).toEqual([
      expect.stringMatching(/^Refused navigation to file:\/\/\/etc\/passwd/),
      expect.stringMatching(/^Refused navigation to http:\/\/127\.0\.0\.1:\d+\/lab\/: that is Session Lab’s own server/),
    ]);
  });

  it("every permission of the view's partition is denied", async () => {
    await main();
    const callback = vi.fn();
    yourApp().permissionRequestHandler!(null, 'geolocation', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(yourApp().permissionCheckHandler!(null, 'clipboard-read', 'http://127.0.0.1:5000', {})).toBe(false);
  });

  it("Clear empties the view's partition and never the lab's jar", async () => {
    await main();
    const { window, origin } = labWindow();
    yourApp().cookies.store({
      name: 'session',
      value: 'x',
      domain: '127.0.0.1',
      hostOnly: true,
      path: '/',
      secure: false,
      httpOnly: true,
      session: true,
      sameSite: 'lax',
    });
    defaultSession.cookies.store({
      name: 'lab_session',
      value: 'e30=',
      domain: '127.0.0.1',
      hostOnly: true,
      path: '/',
      secure: false,
      httpOnly: true,
      session: true,
      sameSite: 'lax',
    });
    expect(((await ipcMain.invoke('session-lab:inspectTarget', fromLab(window, origin))) as TargetInspection).cookies.map((c) => c.cookie.name)).toEqual([
      'session',
    ]);
    await ipcMain.invoke('session-lab:clearTarget', fromLab(window, origin));
    expect(yourApp().clearStorageData).toHaveBeenCalled();
    expect(yourApp().clearCache).toHaveBeenCalled();
    expect(defaultSession.clearStorageData).not.toHaveBeenCalled();
    expect(defaultSession.cookies.jar.map((c) => c.name)).toEqual(['lab_session']);
  });

  it("the report is saved where main's save dialog says, readable by its owner only, without the typed key", async () => {
    await main();
    const { window, origin } = labWindow();
    const event = fromLab(window, origin);
    await ipcMain.invoke('session-lab:setTargetKey', event, 'my-typed-key', 'text');
    expect(await ipcMain.invoke('session-lab:exportTargetReport', event, 'markdown')).toEqual({ saved: false });
    const file = path.join(userData, 'report.md');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: file });
    expect(await ipcMain.invoke('session-lab:exportTargetReport', event, 'markdown')).toMatchObject({ saved: true, fileName: 'report.md' });
    expect(dialog.showSaveDialog.mock.calls[1]![0]).toBe(window);
    expect(fs.readFileSync(file, 'utf8')).toContain('# Session Lab report');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('my-typed-key');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('the Decoder in the app', () => {
  const flaskCookie = signNew('flask', { name: 'session', payload: '{"username":"alice"}', secret: Buffer.from('your_very_secret_key') }).cookies[0]!.value;

  it('reads what the lab page pasted; a call from another page, a subframe or the view is refused before anything is read', async () => {
    await main();
    const { window, origin } = labWindow();
    const reading = (await ipcMain.invoke('session-lab:decodeCookies', fromLab(window, origin), `session=${flaskCookie}`)) as DecoderReading;
    expect(reading.cookies.map((c) => [c.name, c.decoded?.format])).toEqual([['session', 'flask']]);
    const elsewhere: SenderEvent = { sender: { id: window.webContents.id }, senderFrame: { url: 'https://evil.example/', parent: null } };
    const subframe: SenderEvent = { sender: { id: window.webContents.id }, senderFrame: { url: `${origin}/lab/`, parent: {} } };
    await ipcMain.invoke('session-lab:openTarget', fromLab(window, origin), 'http://127.0.0.1:5000/');
    const fromView: SenderEvent = { sender: { id: MockWebContentsView.instances[0]!.webContents.id }, senderFrame: { url: `${origin}/lab/`, parent: null } };
    for (const sender of [elsewhere, subframe, fromView]) {
      await expect(ipcMain.invoke('session-lab:decodeCookies', sender, 'a=b')).rejects.toThrow(
        'Refused decodeCookies: the call did not come from the Session Lab page.',
      );
      await expect(ipcMain.invoke('session-lab:setDecoderKey', sender, 'k', 'text')).rejects.toThrow(/Refused setDecoderKey/);
      await expect(ipcMain.invoke('session-lab:crackDecoded', sender, 'file')).rejects.toThrow(/Refused crackDecoded/);
    }
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    // The refused calls changed nothing: the lab page's cookie is still the one main holds.
    expect(((await ipcMain.invoke('session-lab:decoderReading', fromLab(window, origin))) as DecoderReading).cookies.map((c) => c.name)).toEqual(['session']);
  });

  it("a wordlist is picked in main's open dialog on the lab window, files only; cancelling it cracks nothing", async () => {
    await main();
    const { window, origin } = labWindow();
    await ipcMain.invoke('session-lab:decodeCookies', fromLab(window, origin), `session=${flaskCookie}`);
    expect(await ipcMain.invoke('session-lab:crackDecoded', fromLab(window, origin), 'file')).toEqual({ outcome: 'cancelled', list: 'file' });
    expect(dialog.showOpenDialog).toHaveBeenCalledTimes(1);
    const [parent, options] = dialog.showOpenDialog.mock.calls[0] as [unknown, { properties: string[] }];
    expect(parent).toBe(window);
    expect(options.properties).toContain('openFile');
    expect(options.properties).not.toContain('openDirectory');
    expect(options.properties).not.toContain('multiSelections');
  });
});
