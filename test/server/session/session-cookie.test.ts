// The session cookie: its attributes, and what happens to cookies that are not ours.
import { describe, expect, it } from 'vitest';
import { BrowserClient, paragraphs, parseSetCookie } from '../../support/browser-client';
import { testServer } from '../../support/test-server';
import { strongKey } from '../../support/test-keys';
import { rawRequest } from '../../support/raw-http';
import { encodeSessionValue, signSessionValue } from '../../../server/session/session-codec';

describe('the session cookie', () => {
  it('is named lab_session, signed in lab_session.sig, HttpOnly, SameSite=Lax, Path=/, not Secure', async () => {
    const server = await testServer();
    const c = new BrowserClient(server.url);
    const res = await c.postForm('/login', { username: 'alice' });
    const cookies = res.setCookies.map(parseSetCookie);
    expect(cookies.map((x) => x.name)).toEqual(['lab_session', 'lab_session.sig']);
    for (const cookie of cookies) {
      expect(cookie.attrs.get('path')).toBe('/');
      expect(cookie.attrs.get('samesite')).toBe('lax');
      expect(cookie.attrs.has('httponly')).toBe(true);
      expect(cookie.attrs.has('secure')).toBe(false);
      expect(cookie.attrs.has('domain')).toBe(false);
      expect(Date.parse(cookie.attrs.get('expires') ?? '')).toBeGreaterThan(Date.now());
    }
  });

  it('holds the session as base64 JSON, readable by anyone', async () => {
    const server = await testServer();
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'alice' });
    await c.get('/counter');
    const value = (await c.cookie('lab_session')) ?? '';
    expect(JSON.parse(Buffer.from(value, 'base64').toString('utf8'))).toEqual({ username: 'alice', visits: 1 });
  });

  it('is a browser-session cookie (no Expires) when maxAgeMs is null', async () => {
    const server = await testServer({ maxAgeMs: null });
    const c = new BrowserClient(server.url);
    const res = await c.get('/counter');
    const [cookie] = res.setCookies.map(parseSetCookie);
    expect(cookie?.attrs.has('expires')).toBe(false);
  });

  it('is deleted when the session is cleared', async () => {
    const server = await testServer();
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'alice' });
    const res = await c.postJson('/api/session/clear');
    const cookie = res.setCookies.map(parseSetCookie).find((x) => x.name === 'lab_session');
    expect(cookie?.value).toBe('');
    expect(Date.parse(cookie?.attrs.get('expires') ?? '')).toBeLessThan(Date.now());
    expect(await c.cookie('lab_session')).toBeUndefined();
  });
});

describe('cookies the server did not sign mean "no session", never an error', () => {
  it('a tampered payload with the old signature is ignored and the user is logged out', async () => {
    const server = await testServer();
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'alice' });
    await c.setCookie('lab_session', encodeSessionValue({ username: 'admin' }));
    const res = await c.get('/');
    expect(res.status).toBe(200);
    expect(paragraphs(res.text)).toEqual(['You are not logged in']);
  });

  it('a payload signed with some other key is ignored', async () => {
    const server = await testServer();
    const c = new BrowserClient(server.url);
    const value = encodeSessionValue({ username: 'mallory' });
    await c.setCookie('lab_session', value);
    await c.setCookie('lab_session.sig', signSessionValue('lab_session', value, strongKey()));
    expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);
  });

  it('a payload without its .sig cookie is ignored', async () => {
    const server = await testServer();
    const c = new BrowserClient(server.url);
    await c.setCookie('lab_session', encodeSessionValue({ username: 'mallory' }));
    expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);
  });

  it.each([
    ['not base64', '%%%not-base64%%%'],
    ['base64 of non-JSON', Buffer.from('not json').toString('base64')],
    ['base64 of a JSON string', Buffer.from('"just a string"').toString('base64')],
    ['empty', ''],
  ])('a garbage cookie (%s) answers 200 with no session', async (_what, value) => {
    const server = await testServer();
    const res = await rawRequest(`${server.url}/counter`, { headers: { cookie: `lab_session=${value}; lab_session.sig=abc` } });
    expect(res.status).toBe(200);
    expect(paragraphs(res.body)).toEqual(['Number of visits: 1']);
  });

  it('a correctly signed but nonsensical payload is read defensively', async () => {
    const key = strongKey();
    const server = await testServer({ keys: [key] });
    const value = encodeSessionValue({ username: 42, visits: 'lots' });
    const sig = signSessionValue('lab_session', value, key);
    const res = await rawRequest(`${server.url}/counter`, { headers: { cookie: `lab_session=${value}; lab_session.sig=${sig}` } });
    expect(res.status).toBe(200);
    expect(paragraphs(res.body)).toEqual(['Number of visits: 1']);
    const home = await rawRequest(`${server.url}/`, { headers: { cookie: `lab_session=${value}; lab_session.sig=${sig}` } });
    expect(paragraphs(home.body)).toEqual(['You are not logged in']);
  });

  it('an oversized cookie (over 4 KB), even correctly signed, is ignored', async () => {
    const key = strongKey();
    const server = await testServer({ keys: [key] });
    const value = encodeSessionValue({ username: 'alice', padding: 'x'.repeat(5000) });
    const sig = signSessionValue('lab_session', value, key);
    const res = await rawRequest(`${server.url}/`, { headers: { cookie: `other=1; lab_session=${value}; lab_session.sig=${sig}` } });
    expect(res.status).toBe(200);
    expect(paragraphs(res.body)).toEqual(['You are not logged in']);
  });

  it('a session just under the limit is still honoured', async () => {
    const key = strongKey();
    const server = await testServer({ keys: [key] });
    const value = encodeSessionValue({ username: 'alice', padding: 'x'.repeat(2500) });
    const sig = signSessionValue('lab_session', value, key);
    const res = await rawRequest(`${server.url}/`, { headers: { cookie: `lab_session=${value}; lab_session.sig=${sig}` } });
    expect(paragraphs(res.body)).toEqual(['Logged in as alice']);
  });
});

describe('key rotation', () => {
  it('a cookie signed with an older key is accepted and re-signed with the newest key', async () => {
    const oldKey = strongKey();
    const newKey = strongKey();
    const before = await testServer({ keys: [oldKey] });
    const c = new BrowserClient(before.url);
    await c.postForm('/login', { username: 'alice' });
    await before.close();

    // Same browser, same origin: restart on the same port with the new key first.
    const after = await testServer({ keys: [newKey, oldKey], port: before.port });
    const res = await c.get('/');
    expect(paragraphs(res.text)).toEqual(['Logged in as alice']);
    // Re-signed with the full attributes, not a bare .sig cookie.
    const sig = res.setCookies.map(parseSetCookie).find((x) => x.name === 'lab_session.sig');
    expect(sig?.attrs.get('samesite')).toBe('lax');
    expect(sig?.attrs.has('expires')).toBe(true);
    const value = (await c.cookie('lab_session')) ?? '';
    expect(await c.cookie('lab_session.sig')).toBe(signSessionValue('lab_session', value, newKey));
    expect(after.inspect(`lab_session=${value}; lab_session.sig=${(await c.cookie('lab_session.sig')) ?? ''}`).verdict).toEqual({
      state: 'valid',
      keyIndex: 0,
    });
  });

  it('once the old key is removed, a cookie still signed with it is rejected', async () => {
    const oldKey = strongKey();
    const before = await testServer({ keys: [oldKey] });
    const c = new BrowserClient(before.url);
    await c.postForm('/login', { username: 'alice' });
    await before.close();

    await testServer({ keys: [strongKey()], port: before.port });
    expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);
  });

  it('with only the newest key signing, the re-signed cookie survives dropping the old key', async () => {
    const oldKey = strongKey();
    const newKey = strongKey();
    const first = await testServer({ keys: [oldKey] });
    const c = new BrowserClient(first.url);
    await c.postForm('/login', { username: 'alice' });
    await first.close();
    const second = await testServer({ keys: [newKey, oldKey], port: first.port });
    await c.get('/');
    await second.close();
    await testServer({ keys: [newKey], port: first.port });
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as alice']);
  });
});
