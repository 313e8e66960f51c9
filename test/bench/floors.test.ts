// The bench's floors are what its report says they are: the same page as ours,
// the bare app with none of the hardening, the hardened floor with all of it.
// If either drifted, "ours / bare" and "ours / hardened" would compare the wrong things.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBareApp, createHardenedApp } from '../../scripts/bench/bare-app.mjs';
import { parseOptions } from '../../scripts/bench/options';
import { startServer, type RunningServer } from '../../server/index';
import { rawRequest } from '../support/raw-http';
import { strongKey } from '../support/test-keys';

const key = strongKey();
const servers: http.Server[] = [];
const url: Record<'ours' | 'bare' | 'hardened', string> = { ours: '', bare: '', hardened: '' };
let ours: RunningServer;

async function listen(app: http.RequestListener): Promise<string> {
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // The hardened floor takes its guards from the built server, as the bench runs it.
  if (!fs.existsSync('dist/server/http/host-guard.js')) throw new Error('dist/ is not built: run "node scripts/build.mjs" first (npm test does).');
  // For the whole file (testServer stops its servers after each test).
  ours = await startServer({ keys: [key], port: 0 });
  url.ours = ours.url;
  url.bare = await listen(createBareApp([key]));
  url.hardened = await listen(createHardenedApp([key]));
});

afterAll(async () => {
  await ours.close();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A session with one visit, signed by ours: all three share the key, as in the bench. */
async function signedCookie(): Promise<string> {
  const res = await fetch(`${ours.url}/counter`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('the bench floors', () => {
  it('all three answer GET /counter with the same page for the same signed session', async () => {
    const cookie = await signedCookie();
    const bodies = await Promise.all(
      (['ours', 'bare', 'hardened'] as const).map(async (app) => {
        const res = await rawRequest(`${url[app]}/counter`, { headers: { cookie } });
        expect(res.status, app).toBe(200);
        expect(res.headers['set-cookie']?.[0], app).toMatch(/^lab_session=[\w=+/-]+; path=\/; expires=.*; samesite=lax; httponly$/);
        return res.body;
      }),
    );
    expect(bodies[0]).toContain('Number of visits: 2');
    expect(bodies[1]).toBe(bodies[0]);
    expect(bodies[2]).toBe(bodies[0]);
  });

  it('the hardened floor sends the same hardening headers as ours; the bare app sends none of them', async () => {
    const [o, b, h] = await Promise.all((['ours', 'bare', 'hardened'] as const).map((app) => rawRequest(`${url[app]}/counter`)));
    for (const name of ['content-security-policy', 'cache-control', 'x-content-type-options', 'referrer-policy', 'cross-origin-opener-policy']) {
      expect(o!.headers[name], name).toBeDefined();
      expect(h!.headers[name], name).toBe(o!.headers[name]);
      expect(b!.headers[name], name).toBeUndefined();
    }
    expect(h!.headers['x-powered-by']).toBeUndefined();
  });

  it('the hardened floor refuses a foreign Host and a cross-site GET /counter as ours does; the bare app serves both', async () => {
    for (const app of ['ours', 'hardened', 'bare'] as const) {
      const port = new URL(url[app]).port;
      const rebound = await rawRequest(`${url[app]}/counter`, { headers: { host: `evil.example:${port}` } });
      const crossSite = await rawRequest(`${url[app]}/counter`, { headers: { 'sec-fetch-site': 'cross-site' } });
      if (app === 'bare') {
        expect([rebound.status, crossSite.status]).toEqual([200, 200]);
      } else {
        expect(rebound.status, app).toBe(421);
        expect(crossSite.status, app).toBe(403);
      }
    }
  });
});

describe('bench options', () => {
  it('refuse a count that is not a positive whole number, naming the flag', () => {
    expect(() => parseOptions(['--rounds', '0'])).toThrow('--rounds must be a positive whole number, not "0".');
    expect(() => parseOptions(['--duration', '2.5'])).toThrow('--duration must be a positive whole number, not "2.5".');
  });

  it('default to 3 rounds of 10 s, and 1 round of 2 s with --quick', () => {
    expect(parseOptions([])).toMatchObject({ rounds: 3, durationS: 10, connections: 32, clicks: 50 });
    expect(parseOptions(['--quick'])).toMatchObject({ rounds: 1, durationS: 2, clicks: 10 });
  });

  it('run one section alone with --only, the sessions section included, and refuse one they do not have', () => {
    expect(parseOptions(['--only', 'sessions']).sections).toEqual(['sessions']);
    expect(parseOptions(['--only', 'sessions,throughput']).sections).toEqual(['throughput', 'sessions']);
    expect(() => parseOptions(['--only', 'session'])).toThrow(
      '--only takes a comma-separated list of cold-start, clicks, clicks-full-jar, throughput, sessions, memory, todos, audit, not "session".',
    );
  });
});
