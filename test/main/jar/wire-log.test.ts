import { describe, expect, it } from 'vitest';
import { createWireLog, headerValues } from '../../../main/jar/wire-log';

const origin = 'http://127.0.0.1:41234';
const cookieHeader = 'lab_session=eyJ2aXNpdHMiOjF9; lab_session.sig=Kq5n8k3wq0c2b9bVwH0Xq3v7f1Y';
const setCookies = [
  'lab_session=eyJ2aXNpdHMiOjIsInVzZXJuYW1lIjoiYWRhIn0=; path=/; expires=Thu, 02 Dec 2026 10:00:00 GMT; samesite=lax; httponly',
  'lab_session.sig=3xYcG0x1l2QbW1pPZ3m7dS8nQ4E; path=/; expires=Thu, 02 Dec 2026 10:00:00 GMT; samesite=lax; httponly',
];
const clock = () => 1_765_000_000_000;

describe('header lookup', () => {
  it('finds a header whatever its case, and every value of a repeated one', () => {
    expect(headerValues({ 'Set-Cookie': ['a=1'], 'set-cookie': ['b=2'], Other: ['x'] }, 'set-cookie')).toEqual(['a=1', 'b=2']);
    expect(headerValues({ Cookie: 'a=1' }, 'cookie')).toEqual(['a=1']);
    expect(headerValues(undefined, 'cookie')).toEqual([]);
  });
});

describe('the wire log', () => {
  it('a login request shows the Cookie it sent and both Set-Cookie headers it got', () => {
    const log = createWireLog(origin, clock);
    log.requestSent({ id: 7, url: `${origin}/api/login`, method: 'POST', requestHeaders: { Cookie: cookieHeader, 'Content-Type': 'application/json' } });
    const entry = log.responseReceived({
      id: 7,
      url: `${origin}/api/login`,
      statusCode: 200,
      responseHeaders: { 'Set-Cookie': setCookies, 'Content-Type': ['application/json'] },
    });
    expect(entry).toEqual({
      id: '7.1',
      time: 1_765_000_000_000,
      method: 'POST',
      path: '/api/login',
      status: 200,
      cookieSent: cookieHeader,
      setCookies,
      labHeaders: [],
    });
  });

  it("the lab's own headers (expiry, instance) are kept in a canonical case; other headers are not", () => {
    const log = createWireLog(origin, clock);
    log.requestSent({ id: 3, url: `${origin}/api/session`, method: 'GET', requestHeaders: {} });
    const entry = log.responseReceived({
      id: 3,
      url: `${origin}/api/session`,
      statusCode: 200,
      responseHeaders: { 'session-lab-instance': ['B'], 'Session-Lab-Expired': ['idle'], 'X-Session-Lab': ['no'], 'Content-Type': ['application/json'] },
    });
    expect(entry?.labHeaders).toEqual(['Session-Lab-Expired: idle', 'Session-Lab-Instance: B']);
  });

  it('a first visit sends no Cookie and the path keeps its query', () => {
    const log = createWireLog(origin, clock);
    log.requestSent({ id: 1, url: `${origin}/api/session?fresh=1`, method: 'GET', requestHeaders: { Accept: '*/*' } });
    expect(log.responseReceived({ id: 1, url: `${origin}/api/session?fresh=1`, statusCode: 200, responseHeaders: {} })).toMatchObject({
      path: '/api/session?fresh=1',
      cookieSent: null,
      setCookies: [],
    });
  });

  it('requests to another origin, even another port on the same host, are not logged', () => {
    const log = createWireLog(origin, clock);
    log.requestSent({ id: 2, url: 'http://127.0.0.1:9999/api/session', method: 'GET', requestHeaders: { Cookie: 'x=1' } });
    expect(log.responseReceived({ id: 2, url: 'http://127.0.0.1:9999/api/session', statusCode: 200 })).toBeNull();
  });

  it('a response for a request never seen is not logged', () => {
    expect(createWireLog(origin, clock).responseReceived({ id: 3, url: `${origin}/`, statusCode: 200 })).toBeNull();
  });

  it('each hop of a redirect is its own entry with its own id', () => {
    const log = createWireLog(origin, clock);
    log.requestSent({ id: 4, url: `${origin}/login`, method: 'POST', requestHeaders: {} });
    const first = log.responseReceived({ id: 4, url: `${origin}/login`, statusCode: 303, responseHeaders: { 'set-cookie': [setCookies[0]!] } });
    log.requestSent({ id: 4, url: `${origin}/`, method: 'GET', requestHeaders: { cookie: 'lab_session=x' } });
    const second = log.responseReceived({ id: 4, url: `${origin}/`, statusCode: 200 });
    expect(first).toMatchObject({ method: 'POST', status: 303, setCookies: [setCookies[0]] });
    expect(second).toMatchObject({ method: 'GET', status: 200, cookieSent: 'lab_session=x' });
    expect(first!.id).not.toBe(second!.id);
  });

  it('a request that fails before any response is logged without a status', () => {
    const log = createWireLog(origin, clock);
    log.requestSent({ id: 5, url: `${origin}/api/counter`, method: 'POST', requestHeaders: { Cookie: cookieHeader } });
    expect(log.requestFailed({ id: 5, url: `${origin}/api/counter` })).toMatchObject({ status: null, setCookies: [], cookieSent: cookieHeader });
    expect(log.responseReceived({ id: 5, url: `${origin}/api/counter`, statusCode: 200 })).toBeNull();
  });

  it('forgets the oldest unanswered requests instead of growing without bound', () => {
    const log = createWireLog(origin, clock);
    for (let id = 0; id < 300; id += 1) log.requestSent({ id, url: `${origin}/x`, method: 'GET', requestHeaders: {} });
    expect(log.responseReceived({ id: 0, url: `${origin}/x`, statusCode: 200 })).toBeNull();
    expect(log.responseReceived({ id: 299, url: `${origin}/x`, statusCode: 200 })).not.toBeNull();
  });
});
