// Decoding, encoding and signing cookie-session values, checked against cookie-session itself.
import { describe, expect, it } from 'vitest';
import { BrowserClient } from '../../support/browser-client';
import { testServer } from '../../support/test-server';
import { strongKey } from '../../support/test-keys';
import { decodeSessionValue, encodeSessionValue, signSessionValue, verifySessionSignature } from '../../../server/session/session-codec';
import type { CookieInspection } from '../../../contract';
import { rawRequest } from '../../support/raw-http';

describe('the session codec', () => {
  it('produces exactly the value and signature cookie-session sets', async () => {
    const key = strongKey();
    const server = await testServer({ keys: [key] });
    const c = new BrowserClient(server.url);
    await c.postJson('/api/login', { username: 'alice' });
    await c.postJson('/api/counter');
    const value = await c.cookie('lab_session');
    expect(value).toBe(encodeSessionValue({ username: 'alice', visits: 1 }));
    expect(await c.cookie('lab_session.sig')).toBe(signSessionValue('lab_session', value ?? '', key));
  });

  it('decodes unicode payloads', () => {
    const value = encodeSessionValue({ username: 'Zoë 👩‍💻' });
    expect(decodeSessionValue(value)).toEqual({ ok: true, payload: { username: 'Zoë 👩‍💻' }, json: '{"username":"Zoë 👩‍💻"}' });
  });

  it.each([
    ['', 'The cookie is empty.'],
    ['a b', 'The value is not base64.'],
    [Buffer.from('{"a":').toString('base64'), 'The base64 does not decode to JSON.'],
    [Buffer.from('[1,2]').toString('base64'), 'The JSON is not an object.'],
    [Buffer.from('null').toString('base64'), 'The JSON is not an object.'],
  ])('refuses %j: %s', (value, error) => {
    expect(decodeSessionValue(value)).toEqual({ ok: false, error });
  });

  it('names the key that verifies, newest first, and refuses others', () => {
    const [a, b] = [strongKey(), strongKey()];
    const value = encodeSessionValue({ username: 'alice' });
    expect(verifySessionSignature('lab_session', value, signSessionValue('lab_session', value, b), [a, b])).toEqual({ state: 'valid', keyIndex: 1 });
    expect(verifySessionSignature('lab_session', value, signSessionValue('lab_session', value, a), [a, b])).toEqual({ state: 'valid', keyIndex: 0 });
    expect(verifySessionSignature('lab_session', value, signSessionValue('lab_session', value, strongKey()), [a, b])).toEqual({ state: 'invalid' });
    expect(verifySessionSignature('lab_session', value, undefined, [a])).toEqual({ state: 'missing' });
  });

  it('binds the signature to the cookie name', () => {
    const key = strongKey();
    const value = encodeSessionValue({ username: 'alice' });
    const sig = signSessionValue('other_name', value, key);
    expect(verifySessionSignature('lab_session', value, sig, [key])).toEqual({ state: 'invalid' });
  });

  it('inspects a Cookie header among other cookies and counts both cookies in the size', async () => {
    const key = strongKey();
    const value = encodeSessionValue({ visits: 3 });
    const sig = signSessionValue('lab_session', value, key);
    const server = await testServer({ keys: [key] });
    const res = await rawRequest(`${server.url}/api/session/cookie`, { headers: { cookie: `theme=dark; lab_session=${value}; lab_session.sig=${sig}` } });
    const view = JSON.parse(res.body) as CookieInspection;
    expect(view).toMatchObject({
      received: true,
      value,
      signature: sig,
      verdict: { state: 'valid', keyIndex: 0 },
      decoded: { ok: true, payload: { visits: 3 } },
    });
    expect(view.sizeBytes).toBe(`lab_session=${value}`.length + `lab_session.sig=${sig}`.length);
  });
});
