// The server warns when a session nears the size limit or holds sensitive-looking data.
import { describe, expect, it, vi } from 'vitest';
import { BrowserClient } from '../../support/browser-client';
import { testServer } from '../../support/test-server';
import { strongKey } from '../../support/test-keys';
import { sessionCookieBytes, sessionWarnings } from '../../../server/session/session-warnings';
import { encodeSessionValue, signSessionValue } from '../../../server/session/session-codec';

describe('session warnings', () => {
  it('counts the bytes the browser stores: name=value plus the .sig cookie', () => {
    const value = encodeSessionValue({ username: 'alice' });
    const sig = signSessionValue('lab_session', value, strongKey());
    expect(sessionCookieBytes('lab_session', value.length)).toBe(`lab_session=${value}`.length + `lab_session.sig=${sig}`.length);
  });

  it('says nothing about a small, harmless session', () => {
    expect(sessionWarnings('lab_session', { username: 'alice', visits: 3 })).toEqual([]);
  });

  it('warns from three quarters of the 4 KB limit', () => {
    expect(sessionWarnings('lab_session', { pad: 'x'.repeat(2100) })).toEqual([]);
    const payload = { pad: 'x'.repeat(2400) };
    const [warning] = sessionWarnings('lab_session', payload);
    // The size is worked out without encoding; it must match the cookie cookie-session writes.
    const value = encodeSessionValue(payload);
    const sig = signSessionValue('lab_session', value, strongKey());
    expect(warning).toMatchObject({ kind: 'size', limit: 4096, bytes: `lab_session=${value}`.length + `lab_session.sig=${sig}`.length });
    expect(warning?.message).toMatch(/^The session cookie is \d+ bytes, near the ~4096-byte limit/);
  });

  it.each(['password', 'userPassword', 'api_key', 'apiKey', 'authToken', 'secret', 'credit-card', 'profile.ssn'])('warns about a key named %j', (key) => {
    const payload = key.includes('.') ? { profile: { ssn: '123' } } : { [key]: 'x' };
    const warnings = sessionWarnings('lab_session', payload);
    expect(warnings).toContainEqual(expect.objectContaining({ kind: 'sensitive', key }));
  });

  it.each(['author', 'passport', 'username', 'visits', 'spinner'])('does not flag the harmless key %j', (key) => {
    expect(sessionWarnings('lab_session', { [key]: 'x' })).toEqual([]);
  });

  it.each([
    ['a JSON Web Token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123'],
    ['a bearer token', 'Bearer abc.def'],
    ['an API key', 'sk_live_0123456789abcdefXYZ'],
    ['a private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIB'],
  ])('warns about a value that looks like %s', (what, value) => {
    const [warning] = sessionWarnings('lab_session', { note: value });
    expect(warning?.message).toBe(`The session's "note" looks like ${what}: anyone with the cookie can read it (it is only base64).`);
  });

  it('the API state carries the warnings, and the server logs them when it writes the cookie', async () => {
    const warn = vi.fn();
    const server = await testServer({ warn });
    const c = new BrowserClient(server.url);
    const res = await c.postJson('/api/login', { username: 'password' });
    expect(JSON.parse(res.text)).toMatchObject({ warnings: [] });
    expect(warn).not.toHaveBeenCalled();

    // A session holding a token, signed with the server's key, as a careless app might write it.
    const key = strongKey();
    const other = await testServer({ keys: [key], warn });
    const value = encodeSessionValue({ username: 'alice', apiToken: 'abc' });
    const d = new BrowserClient(other.url);
    await d.setCookie('lab_session', value);
    await d.setCookie('lab_session.sig', signSessionValue('lab_session', value, key));
    const state = JSON.parse((await d.postJson('/api/counter')).text) as { warnings: string[] };
    expect(state.warnings).toEqual(['The session holds "apiToken", which looks sensitive: anyone with the cookie can read it (it is only base64).']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('POST /api/counter: The session holds "apiToken"'));

    // Reading without writing is not logged again.
    warn.mockClear();
    await d.get('/api/session');
    expect(warn).not.toHaveBeenCalled();
  });
});
