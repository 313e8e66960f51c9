// One table, both engines: the seed's nine-step flow and the guards pass the
// same way with client-side sessions (cookie-session) and server-side ones
// (express-session on SQLite), over real HTTP with cookies replayed.
import { describe, expect, it } from 'vitest';
import { SESSION_KINDS, type SessionKind } from '../../../contract';
import { BrowserClient, paragraphs } from '../../support/browser-client';
import { rawRequest } from '../../support/raw-http';
import { tempDir } from '../../support/temp-dir';
import { testServer } from '../../support/test-server';
import { runFlow } from '../../support/tutorial-flow';

const COOKIE: Record<SessionKind, string> = { client: 'lab_session', server: 'lab_sid' };

async function serverOf(kind: SessionKind) {
  return testServer({ sessions: kind, dataDir: tempDir() });
}

describe.each(SESSION_KINDS)('%s-side sessions', (kind) => {
  it('the seed’s nine-step flow: home, login form, login, home, counter ×2, logout, home, counter', async () => {
    const c = new BrowserClient((await serverOf(kind)).url);
    await runFlow(c);
    expect(await c.cookie(COOKIE[kind])).toBeDefined();
  });

  it('the session cookie is HttpOnly, SameSite=Lax, Path=/ and lasts seven days', async () => {
    const c = new BrowserClient((await serverOf(kind)).url);
    const res = await c.postForm('/login', { username: 'bob' });
    const line = res.setCookies.find((l) => l.startsWith(`${COOKIE[kind]}=`));
    expect(line).toBeDefined();
    expect(line).toMatch(/; path=\//i);
    expect(line).toMatch(/; httponly/i);
    expect(line).toMatch(/; samesite=lax/i);
    const expires = Date.parse(/expires=([^;]+)/i.exec(line!)?.[1] ?? '');
    expect(Math.abs(expires - (Date.now() + 7 * 24 * 3600 * 1000))).toBeLessThan(60_000);
  });

  it('an anonymous visit sets no cookie at all', async () => {
    const c = new BrowserClient((await serverOf(kind)).url);
    for (const path of ['/', '/login', '/api/session']) expect((await c.get(path)).setCookies, path).toEqual([]);
  });

  it.each([
    ['GET /counter', (c: BrowserClient, h: Record<string, string>) => c.get('/counter', h)],
    ['GET /logout', (c: BrowserClient, h: Record<string, string>) => c.get('/logout', h)],
    ['POST /login', (c: BrowserClient, h: Record<string, string>) => c.postForm('/login', { username: 'mallory' }, h)],
  ])('%s started by another site is refused with 403 and changes nothing', async (_what, send) => {
    const c = new BrowserClient((await serverOf(kind)).url);
    await c.postForm('/login', { username: 'carol' });
    const res = await send(c, { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(paragraphs(res.text)).toEqual(['Cross-site request refused (Sec-Fetch-Site: cross-site).']);
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as carol']);
    expect(paragraphs((await c.get('/counter')).text)).toEqual(['Number of visits: 1']);
  });

  it('a request for another Host is refused with 421', async () => {
    const server = await serverOf(kind);
    const res = await rawRequest(`${server.url}/`, { headers: { host: 'evil.example' } });
    expect(res.status).toBe(421);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('the JSON API answers the same sentences', async () => {
    const c = new BrowserClient((await serverOf(kind)).url);
    expect(JSON.parse((await c.postJson('/api/login', { username: 'dana' })).text)).toMatchObject({ loggedIn: true, message: 'Logged in as dana' });
    expect(JSON.parse((await c.postJson('/api/counter')).text)).toMatchObject({ visits: 1, visitsMessage: 'Number of visits: 1' });
    expect(JSON.parse((await c.postJson('/api/logout')).text)).toMatchObject({ loggedIn: false, visits: 1 });
    expect(JSON.parse((await c.postJson('/api/session/clear')).text)).toMatchObject({ loggedIn: false, visits: 0, visitsMessage: null });
    expect(JSON.parse((await c.get('/api/session')).text)).toMatchObject({ loggedIn: false, visits: 0 });
  });
});
