// Server-side expiry with a fake clock: a replayed cookie is refused once too old.
import { describe, expect, it } from 'vitest';
import { BrowserClient, paragraphs } from '../../support/browser-client';
import { testServer } from '../../support/test-server';
import { strongKey } from '../../support/test-keys';
import { encodeSessionValue, signSessionValue } from '../../../server/session/session-codec';
import { expiryFromEnv, expiryVerdict, sessionExpiry } from '../../../server/session/session-expiry';

const MINUTE = 60_000;

/** A clock the test moves by hand. */
function fakeClock(start = Date.UTC(2026, 10, 25, 12)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const payloadOf = async (c: BrowserClient) => JSON.parse(Buffer.from((await c.cookie('lab_session')) ?? '', 'base64').toString()) as Record<string, unknown>;

describe('server-side expiry', () => {
  it('stamps issuedAt and lastSeen (seconds) inside the signed payload', async () => {
    const clock = fakeClock();
    const server = await testServer({ expiry: { idleMs: 30 * MINUTE, absoluteMs: null }, now: clock.now });
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'alice' });
    const t0 = clock.now() / 1000;
    expect(await payloadOf(c)).toEqual({ username: 'alice', issuedAt: t0, lastSeen: t0 });
    clock.advance(5 * MINUTE);
    await c.get('/counter');
    expect(await payloadOf(c)).toEqual({ username: 'alice', visits: 1, issuedAt: t0, lastSeen: t0 + 300 });
  });

  it('an idle session is refused after the idle timeout, and the response says why', async () => {
    const clock = fakeClock();
    const server = await testServer({ expiry: { idleMs: 30 * MINUTE, absoluteMs: null }, now: clock.now });
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'alice' });
    clock.advance(29 * MINUTE);
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as alice']);
    clock.advance(30 * MINUTE);
    const res = await c.get('/');
    expect(paragraphs(res.text)).toEqual(['You are not logged in']);
    expect(res.headers.get('session-lab-expired')).toBe('idle');
  });

  it('using the session keeps it alive (the idle clock restarts on every request)', async () => {
    const clock = fakeClock();
    const server = await testServer({ expiry: { idleMs: 10 * MINUTE, absoluteMs: null }, now: clock.now });
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'alice' });
    for (let i = 0; i < 6; i++) {
      clock.advance(9 * MINUTE);
      expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as alice']);
    }
  });

  it('the absolute timeout ends a session however busy, counted from login', async () => {
    const clock = fakeClock();
    const server = await testServer({ expiry: { idleMs: 10 * MINUTE, absoluteMs: 60 * MINUTE }, now: clock.now });
    const c = new BrowserClient(server.url);
    await c.get('/counter');
    clock.advance(30 * MINUTE);
    await c.postForm('/login', { username: 'alice' });
    for (let i = 0; i < 6; i++) {
      clock.advance(9 * MINUTE);
      expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as alice']);
    }
    clock.advance(9 * MINUTE);
    const res = await c.get('/');
    expect(paragraphs(res.text)).toEqual(['You are not logged in']);
    expect(res.headers.get('session-lab-expired')).toBe('absolute');
  });

  it('a cookie replayed after logout works without expiry, and is refused once expired with it', async () => {
    const clock = fakeClock();
    const server = await testServer({ expiry: { idleMs: 15 * MINUTE, absoluteMs: null }, now: clock.now });
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'alice' });
    const snapshot = { value: (await c.cookie('lab_session')) ?? '', sig: (await c.cookie('lab_session.sig')) ?? '' };
    await c.get('/logout');
    expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);

    // Put the snapshot back: a client-side session cannot be revoked...
    await c.setCookie('lab_session', snapshot.value);
    await c.setCookie('lab_session.sig', snapshot.sig);
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as alice']);

    // ...but its signed timestamps run out.
    clock.advance(16 * MINUTE);
    await c.setCookie('lab_session', snapshot.value);
    await c.setCookie('lab_session.sig', snapshot.sig);
    expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);
  });

  it('a session without timestamps (from before expiry was turned on) is refused', async () => {
    const keys = [strongKey()];
    const plain = await testServer({ keys });
    const c = new BrowserClient(plain.url);
    await c.postForm('/login', { username: 'alice' });
    await plain.close();
    // Same key, so the signature holds: only the missing timestamps refuse it.
    await testServer({ keys, port: plain.port, expiry: { idleMs: MINUTE, absoluteMs: null } });
    const res = await c.get('/');
    expect(paragraphs(res.text)).toEqual(['You are not logged in']);
    expect(res.headers.get('session-lab-expired')).toBe('unstamped');
  });

  it('a signed session stamped more than a minute in the future is refused; a few seconds of clock skew is not', async () => {
    const keys = [strongKey()];
    const clock = fakeClock();
    const expiry = { idleMs: 15 * MINUTE, absoluteMs: 60 * MINUTE };
    const server = await testServer({ keys, expiry, now: clock.now });
    const c = new BrowserClient(server.url);
    const signed = async (payload: Record<string, unknown>) => {
      const value = encodeSessionValue(payload);
      await c.setCookie('lab_session', value);
      await c.setCookie('lab_session.sig', signSessionValue('lab_session', value, keys[0]!));
      return c.get('/');
    };
    const nowS = clock.now() / 1000;
    // A key holder stamping the future would outlive any absolute limit.
    const future = await signed({ username: 'mallory', issuedAt: nowS + 365 * 24 * 3600, lastSeen: nowS + 365 * 24 * 3600 });
    expect(paragraphs(future.text)).toEqual(['You are not logged in']);
    expect(future.headers.get('session-lab-expired')).toBe('future');
    const justAhead = await signed({ username: 'mallory', issuedAt: nowS - 60, lastSeen: nowS + 61 });
    expect(justAhead.headers.get('session-lab-expired')).toBe('future');
    const skewed = await signed({ username: 'alice', issuedAt: nowS + 5, lastSeen: nowS + 5 });
    expect(paragraphs(skewed.text)).toEqual(['Logged in as alice']);
    expect(skewed.headers.get('session-lab-expired')).toBeNull();
  });

  it('forging the timestamps needs the key: edited timestamps fail the signature', async () => {
    const clock = fakeClock();
    const server = await testServer({ expiry: { idleMs: MINUTE, absoluteMs: null }, now: clock.now });
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'alice' });
    clock.advance(10 * MINUTE);
    const edited = { ...(await payloadOf(c)), lastSeen: clock.now() / 1000 };
    await c.setCookie('lab_session', Buffer.from(JSON.stringify(edited)).toString('base64'));
    expect(paragraphs((await c.get('/')).text)).toEqual(['You are not logged in']);
  });

  it('logging in as someone else starts a new absolute lifetime', async () => {
    const clock = fakeClock();
    const server = await testServer({ expiry: { idleMs: null, absoluteMs: 60 * MINUTE }, now: clock.now });
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'alice' });
    clock.advance(50 * MINUTE);
    await c.postForm('/login', { username: 'bob' });
    clock.advance(50 * MINUTE);
    expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as bob']);
  });
});

describe('expiry configuration', () => {
  it('reads SESSION_IDLE_TIMEOUT and SESSION_ABSOLUTE_TIMEOUT in seconds', () => {
    expect(expiryFromEnv({})).toBeNull();
    expect(expiryFromEnv({ SESSION_IDLE_TIMEOUT: '900' })).toEqual({ idleMs: 900_000, absoluteMs: null });
    expect(expiryFromEnv({ SESSION_IDLE_TIMEOUT: '60', SESSION_ABSOLUTE_TIMEOUT: '3600' })).toEqual({ idleMs: 60_000, absoluteMs: 3_600_000 });
  });

  it.each(['0', '-5', '1.5', 'ten'])('refuses SESSION_IDLE_TIMEOUT=%j with a message', (value) => {
    expect(() => expiryFromEnv({ SESSION_IDLE_TIMEOUT: value })).toThrow(
      `SESSION_IDLE_TIMEOUT must be a whole number of seconds greater than 0, not "${value}".`,
    );
  });

  it('refuses nonsensical option values when the app is built', () => {
    expect(() => sessionExpiry({ idleMs: -1, absoluteMs: null })).toThrow('expiry.idleMs must be a positive number of milliseconds or null');
  });

  it('judges payloads: fresh, idle, absolute, unstamped', () => {
    const opts = { idleMs: 60_000, absoluteMs: 600_000 };
    const now = 1_000_000_000;
    expect(expiryVerdict({ issuedAt: now / 1000 - 10, lastSeen: now / 1000 - 10 }, opts, now)).toBe('fresh');
    expect(expiryVerdict({ issuedAt: now / 1000 - 100, lastSeen: now / 1000 - 60 }, opts, now)).toBe('idle');
    expect(expiryVerdict({ issuedAt: now / 1000 - 600, lastSeen: now / 1000 }, opts, now)).toBe('absolute');
    expect(expiryVerdict({ username: 'a' }, opts, now)).toBe('unstamped');
    expect(expiryVerdict({ issuedAt: '1', lastSeen: 2 }, opts, now)).toBe('unstamped');
  });
});
