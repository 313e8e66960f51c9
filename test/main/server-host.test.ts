import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_SETTINGS, startServerHost, ServerRestartError, type ServerHost } from '../../main/server-host';
import { startServer } from '../../server/index';
import { rawRequest } from '../support/raw-http';
import { strongKey } from '../support/test-keys';

// A fresh connection per request: a kept-alive one to the server a restart
// closed would fail for reasons that are the client's, not the host's.
const fresh = { Connection: 'close' };

const hosts: ServerHost[] = [];
const blockers: net.Server[] = [];

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  await Promise.all(blockers.splice(0).map((b) => new Promise((resolve) => b.close(resolve))));
});

async function host(keys: string[], retries = 2): Promise<ServerHost> {
  const h = await startServerHost((k, port) => startServer({ keys: k, port }), keys, { retries, retryDelayMs: 20 });
  hosts.push(h);
  return h;
}

/** Another program listening on the port the host just let go of. */
function occupy(port: number): Promise<net.Server> {
  const blocker = net.createServer((socket) => socket.destroy());
  blockers.push(blocker);
  return new Promise((resolve, reject) => {
    blocker.once('error', reject);
    blocker.listen(port, '127.0.0.1', () => resolve(blocker));
  });
}

async function login(url: string): Promise<string> {
  const res = await rawRequest(`${url}/api/login`, { method: 'POST', headers: { ...fresh, 'Content-Type': 'application/json', Origin: url }, body: JSON.stringify({ username: 'ada' }) });
  return (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
}

async function whoIs(url: string, cookie: string): Promise<string> {
  const res = await rawRequest(`${url}/api/session`, { headers: { ...fresh, Cookie: cookie } });
  return (JSON.parse(res.body) as { message: string }).message;
}

const status = async (url: string) => (await rawRequest(`${url}/api/session`, { headers: fresh })).status;

describe('the server host', () => {
  it('restarts on other keys on the same port and URL; the old cookie no longer verifies', async () => {
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

  it('a restart that keeps the old key second still accepts the old cookie, and inspect follows the new server', async () => {
    const old = strongKey();
    const h = await host([old]);
    const cookie = await login(h.url);
    const [value, sig] = cookie.split('; ').map((pair) => pair.slice(pair.indexOf('=') + 1));
    await h.restart([strongKey(), old]);
    expect(await whoIs(h.url, cookie)).toBe('Logged in as ada');
    expect(h.current.inspect(value, sig)).toMatchObject({ verdict: { state: 'valid', keyIndex: 1 }, keyCount: 2 });
  });

  it('reconfigure keeps the keys and port, changes only the settings asked for, and restart keeps the settings', async () => {
    const seen: unknown[] = [];
    const h = await startServerHost(async (k, port, settings) => {
      seen.push(settings);
      return startServer({ keys: k, port, ...settings });
    }, [strongKey()]);
    hosts.push(h);
    const cookie = await login(h.url);
    await h.reconfigure({ expiry: { idleMs: 60_000, absoluteMs: null } });
    expect(h.settings).toEqual({ ...DEFAULT_SERVER_SETTINGS, expiry: { idleMs: 60_000, absoluteMs: null } });
    expect(h.current.port).toBe(h.port);
    // Same keys: the signature holds; the unstamped session is refused by the new expiry check.
    expect(await whoIs(h.url, cookie)).toBe('You are not logged in');
    const keys = [strongKey()];
    await h.restart(keys);
    expect(h.keys).toEqual(keys);
    expect(seen.at(-1)).toEqual(h.settings);
  });

  /** A host whose next restart finds its port taken by another program, in the gap after close. */
  async function racedHost(retries: number) {
    let raceNext = false;
    const h = await startServerHost(
      async (keys, port) => {
        if (raceNext) {
          raceNext = false;
          await occupy(port);
        }
        return startServer({ keys, port });
      },
      [strongKey()],
      { retries, retryDelayMs: 20 },
    );
    hosts.push(h);
    return { h, raceNextRestart: () => (raceNext = true) };
  }

  it('when another program takes the port, it retries, then says so clearly and stays down until the port is free', async () => {
    const { h, raceNextRestart } = await racedHost(2);
    raceNextRestart();
    const error = await h.restart([strongKey()]).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ServerRestartError);
    expect((error as Error).message).toMatch(new RegExp(`^Another program took port ${h.port} .* Quit Session Lab and start it again`));
    expect(h.down).toBe((error as Error).message);
    // What answers now is the other program, not the lab.
    await expect(status(h.url)).rejects.toThrow();

    await Promise.all(blockers.splice(0).map((b) => new Promise((resolve) => b.close(resolve))));
    await h.restart([strongKey()]);
    expect(h.down).toBeNull();
    expect(await status(h.url)).toBe(200);
  });

  it('a port busy only for a moment is retried and the restart succeeds', async () => {
    const { h, raceNextRestart } = await racedHost(10);
    raceNextRestart();
    const restart = h.restart([strongKey()]);
    // Let the other program go while the host is still retrying.
    setTimeout(() => void Promise.all(blockers.splice(0).map((b) => new Promise((resolve) => b.close(resolve)))), 50);
    await restart;
    expect(h.down).toBeNull();
    expect(await status(h.url)).toBe(200);
  });

  it('restarts and close run one at a time, in order', async () => {
    const h = await host([strongKey()]);
    const first = h.restart([strongKey()]);
    const second = h.restart([strongKey()]);
    const closing = h.close();
    await Promise.all([first, second, closing]);
    await expect(status(h.url)).rejects.toThrow();
  });
});
