import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_SETTINGS, startServerHost, ServerRestartError, type ServerHost } from '../../main/server-host';
import { startServer } from '../../server/index';
import { rawRequest } from '../support/raw-http';
import { strongKey } from '../support/test-keys';

const hosts: ServerHost[] = [];

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

async function host(keys: string[]): Promise<ServerHost> {
  const h = await startServerHost((k, settings) => startServer({ keys: k, port: 0, ...settings }), keys);
  hosts.push(h);
  return h;
}

async function login(url: string): Promise<string> {
  const res = await rawRequest(`${url}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify({ username: 'ada' }),
  });
  return (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
}

async function whoIs(url: string, cookie: string): Promise<string> {
  const res = await rawRequest(`${url}/api/session`, { headers: { Cookie: cookie } });
  return (JSON.parse(res.body) as { message: string }).message;
}

const status = async (url: string) => (await rawRequest(`${url}/api/session`)).status;

/** Another program on this computer that keeps trying to listen on `port` until stopped; resolves whether it ever got it. */
function competitor(port: number): { stop(): Promise<boolean> } {
  let running = true;
  let won = false;
  const attempt = (): Promise<void> =>
    new Promise((resolve) => {
      const s = net.createServer((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nhostile'));
      s.once('error', () => resolve());
      s.listen(port, '127.0.0.1', () => {
        won = true;
        s.close(() => resolve());
      });
    });
  const loop = (async () => {
    while (running) {
      await attempt();
      // Give the lab's requests their turn: a loop of failed listens alone would never yield to I/O.
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return won;
    },
  };
}

describe('the server host', () => {
  it('changes keys on the same port and URL; the old cookie no longer verifies', async () => {
    const h = await host([strongKey()]);
    const { url, port } = h;
    const cookie = await login(url);
    expect(await whoIs(url, cookie)).toBe('Logged in as ada');

    await h.restart([strongKey()]);
    expect(h.url).toBe(url);
    expect(h.current.port).toBe(port);
    expect(h.down).toBeNull();
    expect(await whoIs(url, cookie)).toBe('You are not logged in');
  });

  it('a change that keeps the old key second still accepts the old cookie, and inspect uses the new keys', async () => {
    const old = strongKey();
    const h = await host([old]);
    const cookie = await login(h.url);
    const [value, sig] = cookie.split('; ').map((pair) => pair.slice(pair.indexOf('=') + 1));
    await h.restart([strongKey(), old]);
    expect(await whoIs(h.url, cookie)).toBe('Logged in as ada');
    expect(h.current.inspect(`lab_session=${value}; lab_session.sig=${sig}`)).toMatchObject({ verdict: { state: 'valid', keyIndex: 1 }, keyCount: 2 });
  });

  it('reconfigure keeps the keys and port, changes only the settings asked for, and restart keeps the settings', async () => {
    const h = await host([strongKey()]);
    const cookie = await login(h.url);
    await h.reconfigure({ expiry: { idleMs: 60_000, absoluteMs: null } });
    expect(h.settings).toEqual({ ...DEFAULT_SERVER_SETTINGS, expiry: { idleMs: 60_000, absoluteMs: null } });
    expect(h.current.port).toBe(h.port);
    // Same keys: the signature holds; the unstamped session is refused by the new expiry check.
    expect(await whoIs(h.url, cookie)).toBe('You are not logged in');
    const keys = [strongKey()];
    await h.restart(keys);
    expect(h.keys).toEqual(keys);
    expect(h.settings.expiry).toEqual({ idleMs: 60_000, absoluteMs: null });
  });

  it('another program trying to take the port during many restarts never gets it, and every request is answered by the lab', async () => {
    const h = await host([strongKey()]);
    const other = competitor(h.port);
    const answers: number[] = [];
    for (let i = 0; i < 40; i++) {
      const restart = i % 2 === 0 ? h.restart([strongKey()]) : h.reconfigure({ expiry: i % 4 === 1 ? { idleMs: 60_000, absoluteMs: null } : null });
      answers.push(await status(h.url));
      await restart;
    }
    expect(await other.stop()).toBe(false);
    expect(answers.every((s) => s === 200)).toBe(true);
    expect((await rawRequest(`${h.url}/lab/`)).body).not.toContain('hostile');
  });

  it('a change the server cannot take on stops it serving the lab: an inert 503 page, and the host says so for good', async () => {
    const h = await host([strongKey()]);
    const reasons: string[] = [];
    h.onDown((reason) => reasons.push(reason));
    // An empty key ring is refused by createApp; the old app must not keep serving as if nothing happened.
    const error = await h.restart([]).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ServerRestartError);
    expect((error as Error).message).toMatch(
      /^The lab server could not take on the change \(createApp: options\.keys must be a non-empty array.*\), so it stopped serving the lab\. Quit Session Lab and start it again\.$/,
    );
    expect(h.down).toBe((error as Error).message);
    expect(reasons).toEqual([h.down]);

    const page = await rawRequest(`${h.url}/lab/`);
    expect(page.status).toBe(503);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('Quit Session Lab and start it again.');
    expect(page.body).not.toMatch(/<script/i);
    const api = await rawRequest(`${h.url}/api/session`);
    expect(api.status).toBe(503);
    expect(JSON.parse(api.body)).toEqual({ error: h.down });
    // Down is final: a later change is refused with the same sentence.
    await expect(h.restart([strongKey()])).rejects.toThrow(h.down!);
  });

  it('changes and close run one at a time, in order', async () => {
    const h = await host([strongKey()]);
    const first = h.restart([strongKey()]);
    const second = h.restart([strongKey()]);
    const closing = h.close();
    await Promise.all([first, second, closing]);
    await expect(status(h.url)).rejects.toThrow();
  });
});
