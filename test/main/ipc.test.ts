import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Cookie } from 'electron';
import { INVOKE_CHANNELS, type CookieInspection } from '../../main/bridge-contract';
import { createCookieJar } from '../../main/cookie-jar';
import { registerInvokeHandlers, sendEvent } from '../../main/ipc';
import { labHandlers, type SessionInspector } from '../../main/lab-handlers';
import { isTrustedSender, type SenderEvent } from '../../main/sender-check';
import { MockCookies, MockIpcMain, MockWebContents } from '../support/electron-mock';

const serverUrl = 'http://127.0.0.1:41234';
const names = { session: 'lab_session', signature: 'lab_session.sig' };
const labContentsId = 7;

const session: Cookie = { name: 'lab_session', value: 'eyJ1c2VybmFtZSI6ImFkYSJ9', domain: '127.0.0.1', hostOnly: true, path: '/', secure: false, httpOnly: true, session: true, sameSite: 'lax' };
const signature: Cookie = { ...session, name: 'lab_session.sig', value: 'pV0m8s6k3Xk9Q3rJ8Xy2rX8p1bE' };

const fromLabPage: SenderEvent = { sender: { id: labContentsId }, senderFrame: { url: `${serverUrl}/lab/`, parent: null } };
const fromOtherOrigin: SenderEvent = { sender: { id: labContentsId }, senderFrame: { url: 'https://evil.example/', parent: null } };
const fromSubframe: SenderEvent = { sender: { id: labContentsId }, senderFrame: { url: `${serverUrl}/lab/`, parent: { url: `${serverUrl}/lab/` } } };

const verdict: CookieInspection = {
  name: 'lab_session',
  received: true,
  value: session.value,
  signature: signature.value,
  sizeBytes: 80,
  sizeLimit: 4096,
  decoded: { ok: true, payload: { username: 'ada' }, json: '{"username":"ada"}' },
  verdict: { state: 'valid', keyIndex: 0 },
  keyCount: 1,
};

let ipc: MockIpcMain;
let cookies: MockCookies;
let inspect: ReturnType<typeof vi.fn<SessionInspector>>;

beforeEach(() => {
  ipc = new MockIpcMain();
  cookies = new MockCookies();
  cookies.store({ ...session });
  cookies.store({ ...signature });
  inspect = vi.fn<SessionInspector>(() => verdict);
  registerInvokeHandlers(
    ipc,
    (event) => isTrustedSender(event, { origin: serverUrl, isLabContents: (id) => id === labContentsId }),
    labHandlers(createCookieJar(cookies, serverUrl), inspect, names),
  );
});

describe('IPC handlers', () => {
  it('every channel of the contract has a handler', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('the lab page can list the jar', async () => {
    const rows = (await ipc.invoke('jar:list', fromLabPage)) as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual(['lab_session', 'lab_session.sig']);
  });

  it('a handler refuses a sender from another origin and leaves the jar alone', async () => {
    await expect(ipc.invoke('jar:clear', fromOtherOrigin)).rejects.toThrow('Refused jar:clear: the call did not come from the Session Lab page.');
    expect(cookies.jar).toHaveLength(2);
    expect(cookies.get).not.toHaveBeenCalled();
  });

  it('a handler refuses a subframe, even on the server origin', async () => {
    await expect(ipc.invoke('jar:set-value', fromSubframe, 'lab_session', 'forged')).rejects.toThrow(/Refused jar:set-value/);
    expect(cookies.set).not.toHaveBeenCalled();
  });

  it('the verdict is refused to a foreign sender, so it learns nothing about the keys', async () => {
    await expect(ipc.invoke('session:inspect', fromOtherOrigin)).rejects.toThrow(/Refused session:inspect/);
    expect(inspect).not.toHaveBeenCalled();
  });

  it('malformed arguments are refused before the jar is touched', async () => {
    await expect(ipc.invoke('jar:delete', fromLabPage, { name: 'lab_session' })).rejects.toThrow('A cookie name must be a string.');
    await expect(ipc.invoke('jar:set-value', fromLabPage, 'lab_session', 'x; Domain=evil.example')).rejects.toThrow(/cannot contain/);
    expect(cookies.get).not.toHaveBeenCalled();
  });

  it('the lab page can tamper with a cookie value', async () => {
    await ipc.invoke('jar:set-value', fromLabPage, 'lab_session', 'eyJ1c2VybmFtZSI6ImFkbWluIn0=');
    expect(cookies.jar.find((c) => c.name === 'lab_session')).toMatchObject({ value: 'eyJ1c2VybmFtZSI6ImFkbWluIn0=', httpOnly: true });
  });

  it('the lab page can delete one cookie', async () => {
    await ipc.invoke('jar:delete', fromLabPage, 'lab_session.sig');
    expect(cookies.jar.map((c) => c.name)).toEqual(['lab_session']);
  });

  it('the session verdict judges the cookie pair in the jar', async () => {
    expect(await ipc.invoke('session:inspect', fromLabPage)).toEqual(verdict);
    expect(inspect).toHaveBeenCalledWith(session.value, signature.value);
  });

  it('without a session cookie the verdict is asked about nothing', async () => {
    cookies.jar = [];
    await ipc.invoke('session:inspect', fromLabPage);
    expect(inspect).toHaveBeenCalledWith(undefined, undefined);
  });

  it('unregistering removes every handler', () => {
    const other = new MockIpcMain();
    const stop = registerInvokeHandlers(other, () => true, labHandlers(createCookieJar(cookies, serverUrl), inspect, names));
    stop();
    expect(other.handlers.size).toBe(0);
  });
});

describe('events to the window', () => {
  it('are sent on their contract channel with the payload alone', () => {
    const contents = new MockWebContents();
    const entry = { id: '1.1', time: 1, method: 'GET', path: '/api/session', status: 200, cookieSent: null, setCookies: [] };
    sendEvent(contents, 'wire:entry', entry);
    expect(contents.send).toHaveBeenCalledWith('wire:entry', entry);
  });

  it('are dropped for a window that is gone', () => {
    const contents = new MockWebContents();
    contents.destroyed = true;
    sendEvent(contents, 'jar:changed', []);
    expect(contents.send).not.toHaveBeenCalled();
  });
});
