import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Cookie } from 'electron';
import type { JarChange } from '../../../contract';
import { createCookieJar } from '../../../main/jar/cookie-jar';
import { MockCookies } from '../../support/electron-mock';

const serverUrl = 'http://127.0.0.1:41234';
const expiry = 1_790_000_000;

// As Chromium stores what the lab server sends after a login.
const session: Cookie = {
  name: 'lab_session',
  value: 'eyJ1c2VybmFtZSI6ImFkYSJ9',
  domain: '127.0.0.1',
  hostOnly: true,
  path: '/',
  secure: false,
  httpOnly: true,
  session: false,
  expirationDate: expiry,
  sameSite: 'lax',
};
const signature: Cookie = { ...session, name: 'lab_session.sig', value: 'pV0m8s6k3Xk9Q3rJ8Xy2rX8p1bE' };
const pageCookie: Cookie = {
  name: 'note',
  value: 'hi',
  domain: '127.0.0.1',
  hostOnly: true,
  path: '/lab',
  secure: false,
  httpOnly: false,
  session: true,
  sameSite: 'unspecified',
};
const foreign: Cookie = {
  name: 'lab_session',
  value: 'other-app',
  domain: 'example.com',
  hostOnly: true,
  path: '/',
  secure: true,
  httpOnly: true,
  session: true,
  sameSite: 'lax',
};

let store: MockCookies;

beforeEach(() => {
  store = new MockCookies();
  for (const c of [session, signature, pageCookie, foreign]) store.store({ ...c });
});

describe('the cookie jar', () => {
  it("lists the server's cookies on every path, with their attributes, and nobody else's", async () => {
    const rows = await createCookieJar(store, serverUrl).list();
    expect(rows.map((r) => `${r.name} ${r.path}`)).toEqual(['lab_session /', 'lab_session.sig /', 'note /lab']);
    expect(rows[0]).toMatchObject({ httpOnly: true, sameSite: 'lax', session: false, expirationDate: expiry, hostOnly: true, domain: '127.0.0.1' });
    expect(rows[2]).toMatchObject({ httpOnly: false, session: true, expirationDate: null });
  });

  it('deleting a cookie removes it (on its own path) and leaves the rest', async () => {
    const jar = createCookieJar(store, serverUrl);
    await jar.delete('note');
    expect(store.remove).toHaveBeenCalledWith('http://127.0.0.1:41234/lab', 'note');
    expect((await jar.list()).map((r) => r.name)).toEqual(['lab_session', 'lab_session.sig']);
  });

  it('deleting a name that is not there changes nothing', async () => {
    await createCookieJar(store, serverUrl).delete('nothing');
    expect(store.remove).not.toHaveBeenCalled();
  });

  it("clearing removes every server cookie but not other sites' cookies", async () => {
    const jar = createCookieJar(store, serverUrl);
    await jar.clear();
    expect(await jar.list()).toEqual([]);
    expect(store.jar.map((c) => c.domain)).toEqual(['example.com']);
  });

  it('a new value keeps HttpOnly, SameSite, path, expiry and host-only', async () => {
    const jar = createCookieJar(store, serverUrl);
    await jar.setValue('lab_session', 'eyJ1c2VybmFtZSI6ImFkbWluIn0=');
    const [row] = (await jar.list()).filter((r) => r.name === 'lab_session');
    expect(row).toMatchObject({
      value: 'eyJ1c2VybmFtZSI6ImFkbWluIn0=',
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      expirationDate: expiry,
      hostOnly: true,
      domain: '127.0.0.1',
    });
    expect(await jar.list()).toHaveLength(3);
  });

  it('changing a cookie that does not exist is refused with a message', async () => {
    await expect(createCookieJar(store, serverUrl).setValue('missing', 'x')).rejects.toThrow('There is no cookie named "missing" to change.');
    expect(store.set).not.toHaveBeenCalled();
  });

  it('gives the root-path row with its attributes, and writes a row back exactly', async () => {
    const jar = createCookieJar(store, serverUrl);
    const row = (await jar.row('lab_session'))!;
    expect(row).toMatchObject({ name: 'lab_session', path: '/', httpOnly: true, sameSite: 'lax', expirationDate: expiry, hostOnly: true });
    expect(await jar.row('absent')).toBeUndefined();

    await jar.write({ ...row, name: 'lab_session.sig', value: 'forged-signature' });
    expect(store.set).toHaveBeenCalledWith({
      url: 'http://127.0.0.1:41234/',
      name: 'lab_session.sig',
      value: 'forged-signature',
      path: '/',
      secure: false,
      httpOnly: true,
      sameSite: 'lax',
      expirationDate: expiry,
    });
    await jar.write({ ...row, name: 'fresh', value: 'v', expirationDate: null, session: true });
    expect((await jar.row('fresh'))!).toMatchObject({ session: true, httpOnly: true, hostOnly: true });
  });

  it('reads the session cookie the server would see', async () => {
    const jar = createCookieJar(store, serverUrl);
    expect(await jar.read('lab_session')).toBe(session.value);
    expect(await jar.read('absent')).toBeUndefined();
  });
});

describe('watching the jar', () => {
  it('an overwrite reaches the listener as one update with the old and new value', async () => {
    const listener = vi.fn<(changes: JarChange[]) => void>();
    const jar = createCookieJar(store, serverUrl, { batchMs: 5, now: () => 42 });
    jar.watch(listener);
    await jar.setValue('lab_session', 'tampered');
    await vi.waitFor(() => expect(listener).toHaveBeenCalled());
    expect(listener.mock.calls[0]![0]).toEqual([
      { time: 42, name: 'lab_session', domain: '127.0.0.1', kind: 'updated', cause: 'overwrite', value: 'tampered', previousValue: session.value },
    ]);
  });

  it("changes to other sites' cookies are not reported", async () => {
    const listener = vi.fn<(changes: JarChange[]) => void>();
    createCookieJar(store, serverUrl, { batchMs: 5 }).watch(listener);
    await store.remove('https://example.com/', 'lab_session');
    store.store({ ...pageCookie, name: 'late' });
    await vi.waitFor(() => expect(listener).toHaveBeenCalled());
    expect(listener.mock.calls.flat(2).map((c) => c.name)).toEqual(['late']);
  });

  it('after unsubscribing nothing more arrives and the listener is detached', async () => {
    const listener = vi.fn<(changes: JarChange[]) => void>();
    const stop = createCookieJar(store, serverUrl, { batchMs: 5 }).watch(listener);
    expect(store.listenerCount('changed')).toBe(1);
    stop();
    expect(store.listenerCount('changed')).toBe(0);
    store.store({ ...pageCookie, name: 'after' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(listener).not.toHaveBeenCalled();
  });
});
