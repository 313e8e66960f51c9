// Lab II's server switches against real servers behind a real ServerHost, with the lab clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLabClock, type LabClock } from '../../../main/labs/lab-clock';
import { createRecentLines } from '../../../main/labs/recent-lines';
import { startServerHost, type ServerHost, type ServerSettings } from '../../../main/server-host';
import { createServerLab, LAB_EXPIRY, type ServerLab } from '../../../main/labs/server-lab';
import { startServer, type RunningServer } from '../../../server/index';
import { parseSetCookie } from '../../support/browser-client';
import { rawRequest } from '../../support/raw-http';
import { strongKey } from '../../support/test-keys';

/**
 * A cookie-keeping client on fresh connections: the switches restart the server,
 * and a kept-alive socket to the closed one would fail for the client's own reasons.
 */
class Client {
  private readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await rawRequest(`${this.baseUrl}${path}`, {
      method,
      headers: {
        Connection: 'close',
        Origin: this.baseUrl,
        ...(cookie ? { Cookie: cookie } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const setCookies = res.headers['set-cookie'] ?? [];
    for (const line of setCookies) {
      const { name, value, attrs } = parseSetCookie(line);
      if (value === '' || Date.parse(attrs.get('expires') ?? '') < Date.now()) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const header = (name: string) => {
      const v = res.headers[name.toLowerCase()];
      return typeof v === 'string' ? v : null;
    };
    return { status: res.status, text: res.body, setCookies, headers: { get: header } };
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request('GET', path, undefined, headers);
  }

  postJson(path: string, body?: unknown) {
    return this.request('POST', path, body ?? {});
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

let host: ServerHost;
let clock: LabClock;
let lab: ServerLab;
let peers: RunningServer[];
const warnings = createRecentLines(5);

beforeEach(async () => {
  clock = createLabClock();
  peers = [];
  const optionsFor = (keys: readonly string[], settings: ServerSettings) => ({
    keys: [...keys],
    ...settings,
    instance: settings.balanceTo === null ? null : 'A',
  });
  host = await startServerHost(
    (keys, settings) => startServer({ ...optionsFor(keys, settings), keys, port: 0, now: clock.now, warn: warnings.add }),
    [strongKey()],
    { optionsFor },
  );
  lab = createServerLab({
    host,
    clock,
    startPeer: async (keys, settings) => {
      const peer = await startServer({ keys, port: 0, ...settings, instance: 'B', now: clock.now, warn: warnings.add });
      peers.push(peer);
      return peer;
    },
    newKey: strongKey,
    serverLog: () => warnings.lines(),
  });
});

afterEach(async () => {
  await lab.close();
  await host.close();
});

const post = (c: Client, path: string, body?: unknown) => c.postJson(path, body);
const message = async (res: Promise<{ text: string }>) => (JSON.parse((await res).text) as { message: string }).message;

describe('server-side expiry with the lab clock', () => {
  it('a replayed copy works until the lab clock passes the idle timeout; off restores real time', async () => {
    const state = await lab.setExpiry(true);
    expect(state).toMatchObject({ expiry: LAB_EXPIRY, clockOffsetMs: 0 });
    const c = new Client(host.url);
    await post(c, '/api/login', { username: 'dave' });
    const copy = { value: c.cookie('lab_session')!, sig: c.cookie('lab_session.sig')! };
    await post(c, '/api/logout');
    const replay = () => c.get('/api/session', { cookie: `lab_session=${copy.value}; lab_session.sig=${copy.sig}` });

    expect(await message(replay())).toBe('Logged in as dave');
    expect(lab.advanceClock(14 * 60 * 1000).clockOffsetMs).toBe(14 * 60 * 1000);
    expect(await message(replay())).toBe('Logged in as dave');
    lab.advanceClock(2 * 60 * 1000);
    const refused = await replay();
    expect(JSON.parse(refused.text)).toMatchObject({ message: 'You are not logged in' });
    expect(refused.headers.get('Session-Lab-Expired')).toBe('idle');

    expect(await lab.setExpiry(false)).toMatchObject({ expiry: null, clockOffsetMs: 0 });
    expect(await message(replay())).toBe('Logged in as dave');
  });

  it('the clock does not move while expiry is off, nor backwards, nor past a month', async () => {
    expect(() => lab.advanceClock(60_000)).toThrow('The lab clock only matters to server-side expiry: turn it on first.');
    await lab.setExpiry(true);
    expect(() => clock.advance(-1)).toThrow(/only moves forward/);
    for (let i = 0; i < 31; i++) lab.advanceClock(24 * 60 * 60 * 1000);
    expect(() => lab.advanceClock(1)).toThrow(/a month ahead/);
    await expect(lab.setExpiry(true)).rejects.toThrow('Server-side expiry is already on.');
  });
});

describe('cookie attributes', () => {
  it('a restart with HttpOnly off and no Max-Age changes the Set-Cookie; the same port and keys keep the session', async () => {
    const c = new Client(host.url);
    await post(c, '/api/login', { username: 'grace' });
    const url = host.url;
    const state = await lab.setCookieAttributes({ httpOnly: false, sameSite: 'strict', maxAgeMs: null });
    expect(state.cookie).toEqual({ httpOnly: false, sameSite: 'strict', maxAgeMs: null });
    expect(host.url).toBe(url);
    const res = await post(c, '/api/counter');
    expect(JSON.parse(res.text)).toMatchObject({ message: 'Logged in as grace', visits: 1 });
    const [session] = res.setCookies.map(parseSetCookie);
    expect(session?.attrs.has('httponly')).toBe(false);
    expect(session?.attrs.get('samesite')).toBe('strict');
    expect(session?.attrs.has('expires')).toBe(false);
  });
});

describe('the second instance', () => {
  it('with the same keys the count carries on across A and B; stopping B closes it', async () => {
    const state = await lab.startSecondInstance(true);
    expect(state.secondInstance).toEqual({ url: peers[0]!.url, sameKeys: true });
    const c = new Client(host.url);
    const instances: (string | null)[] = [];
    let last = 0;
    for (const path of ['/api/login', '/api/counter', '/api/counter']) {
      const res = await post(c, path, path === '/api/login' ? { username: 'frank' } : undefined);
      instances.push(res.headers.get('Session-Lab-Instance'));
      last = (JSON.parse(res.text) as { visits: number }).visits;
    }
    expect(instances).toEqual(['A', 'B', 'A']);
    expect(last).toBe(2);

    expect((await lab.stopSecondInstance()).secondInstance).toBeNull();
    await expect(fetch(`${peers[0]!.url}/api/session`)).rejects.toThrow();
    expect((await c.get('/api/session')).headers.get('Session-Lab-Instance')).toBeNull();
    await expect(lab.stopSecondInstance()).rejects.toThrow('Instance B is not running.');
  });

  it('with its own key B refuses A’s cookie; a settings change reaches B in place, on its own port; restore stops it', async () => {
    await lab.startSecondInstance(false);
    await expect(lab.startSecondInstance(true)).rejects.toThrow('Instance B is already running: stop it first.');
    const c = new Client(host.url);
    await post(c, '/api/login', { username: 'frank' });
    expect(await message(post(c, '/api/counter'))).toBe('You are not logged in');

    const before = peers[0]!.url;
    const state = await lab.setCookieAttributes({ httpOnly: true, sameSite: 'strict', maxAgeMs: null });
    // B took the change on its own socket: A never forwarded to a port B had let go of.
    expect(state.secondInstance?.url).toBe(before);
    expect(peers).toHaveLength(1);
    expect(state.secondInstance?.sameKeys).toBe(false);
    // B's turn now answers with B's new settings.
    await c.get('/api/session');
    const onB = await post(c, '/api/counter');
    expect(onB.headers.get('Session-Lab-Instance')).toBe('B');
    expect(parseSetCookie(onB.setCookies[0]!).attrs.get('samesite')).toBe('strict');

    const restored = await lab.restoreDefaults();
    expect(restored).toMatchObject({ expiry: null, clockOffsetMs: 0, secondInstance: null, cookie: { httpOnly: true, sameSite: 'lax' } });
    await expect(fetch(`${state.secondInstance!.url}/api/session`)).rejects.toThrow();
  });
});

describe('the server log', () => {
  it('carries the warnings the server logged when it wrote a sensitive session', async () => {
    const c = new Client(host.url);
    await post(c, '/api/login', { username: 'heidi' });
    await post(c, '/api/lab/stash', { name: 'password', value: 'hunter2' });
    expect(lab.state().serverLog.at(-1)).toBe(
      'Session Lab: POST /api/lab/stash: The session holds "password", which looks sensitive: anyone with the cookie can read it (it is only base64).',
    );
  });
});
