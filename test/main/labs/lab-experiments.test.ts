// Lab I's experiments against a real server behind a real ServerHost, with an
// in-memory jar standing in for Chromium's and the crack run in-process.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CookieRow, CrackProgress } from '../../../contract';
import {
  createLabExperiments,
  ExperimentError,
  sessionCookieRows,
  type CrackRunner,
  type ExperimentJar,
  type LabExperiments,
} from '../../../main/labs/lab-experiments';
import { startServerHost, type ServerHost } from '../../../main/server-host';
import { runCrackJob, type CrackJobDone } from '../../../server/audit/crack-job';
import { startServer } from '../../../server/index';
import { rawRequest } from '../../support/raw-http';
import { strongKey } from '../../support/test-keys';

const names = { session: 'lab_session', signature: 'lab_session.sig' };

/** A jar like the browser's for one origin: Set-Cookie in, Cookie header out. */
class MemoryJar implements ExperimentJar {
  rows = new Map<string, CookieRow>();
  async row(name: string) {
    return this.rows.get(name);
  }
  async write(row: CookieRow) {
    this.rows.set(row.name, { ...row });
  }
  async delete(name: string) {
    this.rows.delete(name);
  }
  header(): string {
    return [...this.rows.values()].map((r) => `${r.name}=${r.value}`).join('; ');
  }
  /** Stores a response's Set-Cookie headers; an expiry in the past deletes. */
  store(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';').map((s) => s.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const expires = attributes.find((a) => a.toLowerCase().startsWith('expires='));
      const when = expires === undefined ? null : Date.parse(expires.slice(8)) / 1000;
      if (when !== null && when * 1000 < Date.now()) {
        this.rows.delete(name);
        continue;
      }
      const [valueRow] = sessionCookieRows(undefined, '127.0.0.1', { session: name, signature: `${name}.sig` }, value, '', Date.now());
      this.rows.set(name, { ...valueRow, expirationDate: when, session: when === null });
    }
  }
}

const crackInProcess: CrackRunner = (job, onProgress) =>
  new Promise<CrackJobDone>((resolve, reject) => {
    runCrackJob({ ...job, progressEvery: 10_000 }, (message) => {
      if (message.type === 'progress') onProgress(message);
      else if (message.type === 'done') resolve(message);
      else reject(new Error(message.message));
    });
  });

let host: ServerHost;
let stored: string[];
let jar: MemoryJar;
let lab: LabExperiments;
let progress: CrackProgress[];

beforeEach(async () => {
  stored = [strongKey()];
  host = await startServerHost((keys) => startServer({ keys, port: 0 }), stored);
  jar = new MemoryJar();
  progress = [];
  lab = createLabExperiments({ host, storedKeys: stored, jar, names, crack: crackInProcess, onCrackProgress: (p) => progress.push(p), newKey: strongKey });
});

afterEach(async () => {
  await host.close();
});

/** One request from "the browser": sends the jar, stores what comes back, returns the server's sentence. */
async function request(method: 'GET' | 'POST', path: string, body?: object): Promise<{ message: string; visitsMessage: string | null }> {
  const res = await rawRequest(`${host.url}${path}`, {
    method,
    headers: { Connection: 'close', Origin: host.url, Cookie: jar.header(), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status).toBe(200);
  jar.store(res.headers['set-cookie'] ?? []);
  return JSON.parse(res.body) as { message: string; visitsMessage: string | null };
}

const verdict = async () => {
  const [session, sig] = [await jar.row('lab_session'), await jar.row('lab_session.sig')];
  return lab.inspect(session === undefined ? undefined : `lab_session=${session.value}; lab_session.sig=${sig?.value ?? ''}`).verdict;
};

describe('forging with the key', () => {
  it("the server's own key makes a session the server accepts, with the jar cookie's attributes kept", async () => {
    await request('POST', '/api/login', { username: 'alice' });
    const before = (await jar.row('lab_session'))!;
    const outcome = await lab.forge({ username: 'admin', visits: 1000 }, 'server');
    expect(outcome).toMatchObject({ value: Buffer.from('{"username":"admin","visits":1000}').toString('base64'), signer: 'server' });
    const after = (await jar.row('lab_session'))!;
    expect(after).toMatchObject({ value: outcome.value, path: before.path, httpOnly: true, sameSite: before.sameSite, expirationDate: before.expirationDate });
    expect((await jar.row('lab_session.sig'))!.value).toBe(outcome.signature);
    expect(await verdict()).toEqual({ state: 'valid', keyIndex: 0 });
    expect(await request('GET', '/api/session')).toMatchObject({ message: 'Logged in as admin', visitsMessage: 'Number of visits: 1000' });
  });

  it('with an empty jar the cookies get the attributes cookie-session gives them', async () => {
    await lab.forge({ username: 'admin' }, 'server');
    const row = (await jar.row('lab_session'))!;
    expect(row).toMatchObject({ hostOnly: true, path: '/', httpOnly: true, secure: false, sameSite: 'lax', session: false });
    expect(row.expirationDate! * 1000 - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(await request('GET', '/api/session')).toMatchObject({ message: 'Logged in as admin' });
  });

  it('during a rotation the forgery is signed with the newest key, the one the server signs with', async () => {
    await lab.addKey();
    await lab.forge({ username: 'admin' }, 'server');
    expect(await verdict()).toEqual({ state: 'valid', keyIndex: 0 });
  });

  it('forging with a cracked key before any crack is refused', async () => {
    await expect(lab.forge({ username: 'admin' }, 'cracked')).rejects.toThrow(
      new ExperimentError('No key has been cracked yet: crack the session cookie first.'),
    );
    expect(jar.rows.size).toBe(0);
  });
});

describe('the weak-secret audit', () => {
  it('weak key, log in, crack, forge admin with the cracked key, restore: the forgery stops working', async () => {
    const { url } = host;
    expect(await lab.startWeakDemo('tutorial')).toMatchObject({ mode: 'weak-demo', keys: [{ kind: 'weak-demo' }], serverDown: null });
    expect(host.url).toBe(url);
    await request('POST', '/api/login', { username: 'bob' });

    const outcome = await lab.crack();
    expect(outcome).toMatchObject({ found: true, secret: 'your_very_secret_key', tried: 1 });
    expect(outcome.total).toBeGreaterThan(40_000);
    expect(progress.at(-1)).toMatchObject({ tried: 1 });
    expect(lab.state()).toMatchObject({ cracked: true, cracking: false });

    await lab.forge({ username: 'admin' }, 'cracked');
    expect(await request('GET', '/api/session')).toMatchObject({ message: 'Logged in as admin' });

    expect(await lab.restoreStoredKeys()).toMatchObject({ mode: 'stored', keys: [{ kind: 'stored', label: 'Stored key' }] });
    expect(await verdict()).toEqual({ state: 'invalid' });
    expect(await request('GET', '/api/session')).toMatchObject({ message: 'You are not logged in' });
  });

  it('tells the cookie audit whether the cracked key signs a cookie, and only once a crack found it', async () => {
    await lab.startWeakDemo('tutorial');
    await request('POST', '/api/login', { username: 'bob' });
    const signs = async () => lab.signedWithCrackedKey('lab_session', (await jar.row('lab_session'))!.value, (await jar.row('lab_session.sig'))!.value);
    expect(await signs()).toBe(false);
    await lab.crack();
    expect(await signs()).toBe(true);
    // Back on the strong key, a new login's cookie is not the weak key's.
    await lab.restoreStoredKeys();
    await request('POST', '/api/login', { username: 'bob' });
    expect(await signs()).toBe(false);
  });

  it('a key deep in the list is found too, with progress along the way', async () => {
    await lab.startWeakDemo('password');
    await request('POST', '/api/login', { username: 'bob' });
    const outcome = await lab.crack();
    expect(outcome).toMatchObject({ found: true, secret: 'legends1' });
    expect(outcome.tried).toBeGreaterThan(20_000);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.map((p) => p.tried)).toEqual([...progress.map((p) => p.tried)].sort((a, b) => a - b));
  });

  it('the strong stored key is never found; the crack says how many it tried', async () => {
    await request('POST', '/api/login', { username: 'bob' });
    const outcome = await lab.crack();
    expect(outcome).toMatchObject({ found: false, secret: null });
    expect(outcome.tried).toBe(outcome.total);
    expect(lab.state().cracked).toBe(false);
  });

  it('cracking needs a signed session cookie, and one crack at a time', async () => {
    await expect(lab.crack()).rejects.toThrow('There is no signed lab_session cookie in the jar to crack: log in first.');
    await request('POST', '/api/login', { username: 'bob' });
    const first = lab.crack();
    await expect(lab.crack()).rejects.toThrow('A crack is already running.');
    await first;
  });

  it('nothing in the state the window gets holds a key', async () => {
    await lab.startWeakDemo('tutorial');
    const text = JSON.stringify(lab.state());
    expect(text).not.toContain('your_very_secret_key');
    await lab.restoreStoredKeys();
    await lab.addKey();
    expect(JSON.stringify(lab.state())).not.toContain(stored[0]);
  });
});

describe('key rotation', () => {
  it('add a key: the old cookie verifies with key #2; a write re-signs it with #1; drop: the old copy is refused', async () => {
    await request('POST', '/api/login', { username: 'carol' });
    expect(await lab.addKey()).toMatchObject({ mode: 'rotated', keys: [{ kind: 'added' }, { kind: 'stored' }] });
    expect(await verdict()).toEqual({ state: 'valid', keyIndex: 1 });
    const snapshot = [(await jar.row('lab_session'))!, (await jar.row('lab_session.sig'))!];

    expect(await request('POST', '/api/counter')).toMatchObject({ message: 'Logged in as carol', visitsMessage: 'Number of visits: 1' });
    expect(await verdict()).toEqual({ state: 'valid', keyIndex: 0 });

    expect(await lab.dropOlderKeys()).toMatchObject({ keys: [{ kind: 'added' }] });
    expect(await verdict()).toEqual({ state: 'valid', keyIndex: 0 });
    for (const row of snapshot) await jar.write(row);
    expect(await verdict()).toEqual({ state: 'invalid' });
    expect(await request('GET', '/api/session')).toMatchObject({ message: 'You are not logged in' });
  });

  it('steps that do not apply are refused, and the server keeps running as it was', async () => {
    await expect(lab.dropOlderKeys()).rejects.toThrow('There is only one key');
    await expect(lab.restoreStoredKeys()).rejects.toThrow('The server already uses the stored key.');
    await lab.addKey();
    await expect(lab.startWeakDemo('tutorial')).rejects.toThrow(/restore the stored key first/);
    expect(lab.state().mode).toBe('rotated');
  });

  it('a restart that fails leaves the ring as it was and reports the server down', async () => {
    const failing: ServerHost = {
      ...host,
      current: host.current,
      down: 'Another program took port 1.',
      restart: vi.fn(async () => {
        throw new Error('Another program took port 1.');
      }),
    };
    const broken = createLabExperiments({ host: failing, storedKeys: stored, jar, names, crack: crackInProcess, newKey: strongKey });
    await expect(broken.addKey()).rejects.toThrow('Another program took port 1.');
    expect(broken.state()).toMatchObject({ mode: 'stored', serverDown: 'Another program took port 1.' });
  });
});

describe('quitting', () => {
  it('a cookie signed with the weak demo key is removed; the weak key is written nowhere', async () => {
    await lab.startWeakDemo('tutorial');
    await request('POST', '/api/login', { username: 'bob' });
    await lab.prepareForQuit();
    expect(jar.rows.size).toBe(0);
  });

  it('after a restore, a session the stored key signed stays', async () => {
    await lab.startWeakDemo('tutorial');
    await lab.restoreStoredKeys();
    await request('POST', '/api/login', { username: 'alice' });
    await lab.prepareForQuit();
    expect([...jar.rows.keys()]).toEqual(['lab_session', 'lab_session.sig']);
  });

  it('when the keys never changed, even a tampered cookie is left as the person made it', async () => {
    await request('POST', '/api/login', { username: 'alice' });
    await jar.write({ ...(await jar.row('lab_session'))!, value: Buffer.from('{"username":"admin"}').toString('base64') });
    await lab.prepareForQuit();
    expect(jar.rows.size).toBe(2);
  });
});
