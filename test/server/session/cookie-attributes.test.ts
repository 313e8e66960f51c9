// The session cookie's attributes as server options (Lab II's switches), checked on the wire.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { cookieAttributes, DEFAULT_COOKIE_ATTRIBUTES } from '../../../server/session/session-cookie';
import { BrowserClient, parseSetCookie } from '../../support/browser-client';
import { strongKey } from '../../support/test-keys';
import { testServer } from '../../support/test-server';

async function setCookies(options: Parameters<typeof testServer>[0]) {
  const server = await testServer(options);
  const res = await new BrowserClient(server.url).postJson('/api/login', { username: 'alice' });
  expect(res.status).toBe(200);
  return res.setCookies.map(parseSetCookie);
}

describe('cookie attribute options', () => {
  it('the defaults are HttpOnly, SameSite=Lax and seven days', async () => {
    expect(DEFAULT_COOKIE_ATTRIBUTES).toEqual({ httpOnly: true, sameSite: 'lax', maxAgeMs: 7 * 24 * 60 * 60 * 1000 });
    const [session] = await setCookies({ cookie: {} });
    expect(session?.attrs.has('httponly')).toBe(true);
    expect(session?.attrs.get('samesite')).toBe('lax');
    const expires = Date.parse(session?.attrs.get('expires') ?? '');
    expect(expires - Date.now()).toBeGreaterThan(6.9 * 24 * 60 * 60 * 1000);
  });

  it('httpOnly: false leaves HttpOnly off both cookies', async () => {
    const cookies = await setCookies({ cookie: { httpOnly: false } });
    expect(cookies.map((c) => c.name)).toEqual(['lab_session', 'lab_session.sig']);
    for (const c of cookies) {
      expect(c.attrs.has('httponly')).toBe(false);
      expect(c.attrs.get('samesite')).toBe('lax');
    }
  });

  it.each(['strict', 'none'] as const)('sameSite: %s is sent as written, still without Secure', async (sameSite) => {
    for (const c of await setCookies({ cookie: { sameSite } })) {
      expect(c.attrs.get('samesite')).toBe(sameSite);
      expect(c.attrs.has('secure')).toBe(false);
    }
  });

  it('maxAgeMs: null makes a browser-session cookie; a number sets Expires that far ahead', async () => {
    const [session] = await setCookies({ cookie: { maxAgeMs: null } });
    expect(session?.attrs.has('expires')).toBe(false);
    const [hour] = await setCookies({ cookie: { maxAgeMs: 60 * 60 * 1000 } });
    const ahead = Date.parse(hour?.attrs.get('expires') ?? '') - Date.now();
    expect(ahead).toBeGreaterThan(59 * 60 * 1000);
    expect(ahead).toBeLessThanOrEqual(60 * 60 * 1000);
  });

  it('cookie.maxAgeMs wins over the older top-level maxAgeMs', async () => {
    const [session] = await setCookies({ maxAgeMs: null, cookie: { maxAgeMs: 60_000 } });
    expect(session?.attrs.has('expires')).toBe(true);
  });

  it.each([
    [{ httpOnly: 'no' }, 'cookie.httpOnly must be true or false, not no.'],
    [{ sameSite: 'Lax' }, 'cookie.sameSite must be one of lax, strict, none, not Lax.'],
    [{ maxAgeMs: 0 }, /cookie\.maxAgeMs must be null or whole milliseconds from 1000/],
    [{ maxAgeMs: 1.5e3 + 0.5 }, /cookie\.maxAgeMs must be null/],
    [{ maxAgeMs: 500 * 24 * 60 * 60 * 1000 }, /cookie\.maxAgeMs must be null/],
  ])('a bad attribute %o fails at construction, naming it', (cookie, message) => {
    expect(() => cookieAttributes(cookie as never)).toThrow(message);
    expect(() => createApp({ keys: [strongKey()], cookie: cookie as never })).toThrow(message);
  });
});
