// The lab window's JSON API: one round trip per action, the new state in the answer.
import { describe, expect, it } from 'vitest';
import { BrowserClient } from '../../support/browser-client';
import { testServer } from '../../support/test-server';
import { strongKey } from '../../support/test-keys';
import { encodeSessionValue } from '../../../server/session/session-codec';

async function client(keys?: string[]): Promise<BrowserClient> {
  const server = await testServer(keys ? { keys } : {});
  return new BrowserClient(server.url);
}

const json = (text: string): unknown => JSON.parse(text);

describe('the JSON API', () => {
  it('GET /api/session describes a new visitor', async () => {
    const c = await client();
    const res = await c.get('/api/session');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json(res.text)).toEqual({ loggedIn: false, username: null, visits: 0, message: 'You are not logged in', visitsMessage: null, warnings: [] });
  });

  it('login, counter, logout and clear each answer with the new state', async () => {
    const c = await client();
    expect(json((await c.postJson('/api/login', { username: 'alice' })).text)).toEqual({
      loggedIn: true,
      username: 'alice',
      visits: 0,
      message: 'Logged in as alice',
      visitsMessage: null,
      warnings: [],
    });
    await c.postJson('/api/counter');
    expect(json((await c.postJson('/api/counter')).text)).toMatchObject({ visits: 2, visitsMessage: 'Number of visits: 2', username: 'alice' });
    expect(json((await c.postJson('/api/logout')).text)).toMatchObject({ loggedIn: false, username: null, visits: 2, message: 'You are not logged in' });
    expect(json((await c.postJson('/api/session/clear')).text)).toMatchObject({ loggedIn: false, visits: 0, visitsMessage: null });
    expect(json((await c.get('/api/session')).text)).toMatchObject({ loggedIn: false, visits: 0 });
  });

  it('the API and the tutorial pages share one session', async () => {
    const c = await client();
    await c.postJson('/api/login', { username: 'alice' });
    await c.get('/counter');
    expect(json((await c.get('/api/session')).text)).toMatchObject({ username: 'alice', visits: 1 });
  });

  it.each([
    [{}, 'Username is required.'],
    [{ username: '' }, 'Username is required.'],
    [{ username: 7 }, 'Username must be text.'],
    [{ username: ['a'] }, 'Username must be text.'],
    [['alice'], 'Username is required.'],
    [{ username: 'y'.repeat(65) }, 'Username must be at most 64 characters.'],
  ])('POST /api/login with %j answers 400 %j', async (body, error) => {
    const c = await client();
    const res = await c.postJson('/api/login', body);
    expect(res.status).toBe(400);
    expect(json(res.text)).toEqual({ error });
    expect(res.setCookies).toEqual([]);
  });

  it('POST /api/login with a form body answers 415 and says to send JSON', async () => {
    const c = await client();
    const res = await c.postForm('/api/login', { username: 'alice' });
    expect(res.status).toBe(415);
    expect(json(res.text)).toEqual({ error: 'Send the login as JSON: {"username": "…"}.' });
  });

  it('GET on a POST-only endpoint is a 404, not a state change', async () => {
    const c = await client();
    const res = await c.get('/api/counter');
    expect(res.status).toBe(404);
    expect(res.setCookies).toEqual([]);
  });
});

describe("GET /api/session/cookie: the server's own view of the cookie it received", () => {
  it('says nothing was received from a new visitor', async () => {
    const c = await client();
    expect(json((await c.get('/api/session/cookie')).text)).toMatchObject({
      name: 'lab_session',
      received: false,
      value: null,
      decoded: null,
      verdict: { state: 'missing' },
      keyCount: 1,
      sizeLimit: 4096,
    });
  });

  it('decodes the payload and says the signature holds with the newest key', async () => {
    const c = await client();
    await c.postJson('/api/login', { username: 'alice' });
    const view = json((await c.get('/api/session/cookie')).text) as Record<string, unknown>;
    expect(view).toMatchObject({
      received: true,
      decoded: { ok: true, payload: { username: 'alice' }, json: '{"username":"alice"}' },
      verdict: { state: 'valid', keyIndex: 0 },
    });
    const value = (await c.cookie('lab_session')) ?? '';
    const sig = (await c.cookie('lab_session.sig')) ?? '';
    expect(view.sizeBytes).toBe(`lab_session=${value}`.length + `lab_session.sig=${sig}`.length);
    expect(JSON.stringify(view)).not.toContain('key"');
  });

  it('says a tampered cookie does not verify, and still decodes it', async () => {
    const c = await client();
    await c.postJson('/api/login', { username: 'alice' });
    await c.setCookie('lab_session', encodeSessionValue({ username: 'admin' }));
    expect(json((await c.get('/api/session/cookie')).text)).toMatchObject({
      decoded: { ok: true, payload: { username: 'admin' } },
      verdict: { state: 'invalid' },
    });
  });

  it('reports which key verified a cookie signed with an older key', async () => {
    const oldKey = strongKey();
    const first = await testServer({ keys: [oldKey] });
    const c = new BrowserClient(first.url);
    await c.postJson('/api/login', { username: 'alice' });
    await first.close();
    await testServer({ keys: [strongKey(), oldKey], port: first.port });
    expect(json((await c.get('/api/session/cookie')).text)).toMatchObject({ verdict: { state: 'valid', keyIndex: 1 }, keyCount: 2 });
  });

  it('says why a garbage cookie cannot be decoded', async () => {
    const c = await client();
    await c.setCookie('lab_session', Buffer.from('nope').toString('base64'));
    expect(json((await c.get('/api/session/cookie')).text)).toMatchObject({
      received: true,
      decoded: { ok: false, error: 'The base64 does not decode to JSON.' },
      verdict: { state: 'missing' },
    });
  });
});
