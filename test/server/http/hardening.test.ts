// Each security rule of the server, over real HTTP.
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { BrowserClient, paragraphs } from '../../support/browser-client';
import { testServer } from '../../support/test-server';
import { rawRequest } from '../../support/raw-http';
import { errorHandler } from '../../../server/http/error-pages';
import { createApp } from '../../../server/app';
import { strongKey } from '../../support/test-keys';

describe('the server listens on loopback only', () => {
  it('binds 127.0.0.1 and reports a 127.0.0.1 URL', async () => {
    const server = await testServer();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });
});

describe('DNS rebinding: the Host header must be our own loopback name and port', () => {
  it.each(['evil.example', `evil.example:PORT`, '127.0.0.1', '127.0.0.1:1', 'localhost.evil.example:PORT', '0.0.0.0:PORT'])(
    'Host %s is refused with 421',
    async (host) => {
      const server = await testServer();
      const res = await rawRequest(`${server.url}/`, { headers: { host: host.replace('PORT', String(server.port)) } });
      expect(res.status).toBe(421);
      expect(res.body).toContain(`This server only answers to http://127.0.0.1:${server.port}/`);
    },
  );

  it.each(['127.0.0.1:PORT', 'localhost:PORT', 'LOCALHOST:PORT'])('Host %s is served', async (host) => {
    const server = await testServer();
    const res = await rawRequest(`${server.url}/`, { headers: { host: host.replace('PORT', String(server.port)) } });
    expect(res.status).toBe(200);
  });
});

describe('cross-site state changes are refused', () => {
  it.each([
    ['POST /login', 'post', '/login'],
    ['POST /api/login', 'json', '/api/login'],
    ['POST /api/counter', 'json', '/api/counter'],
    ['GET /logout', 'get', '/logout'],
    ['GET /counter', 'get', '/counter'],
  ])('%s from another site (Sec-Fetch-Site: cross-site) gets 403', async (_what, kind, path) => {
    const server = await testServer();
    const c = new BrowserClient(server.url);
    const headers = { 'sec-fetch-site': 'cross-site' };
    const res =
      kind === 'post'
        ? await c.postForm(path, { username: 'x' }, headers)
        : kind === 'json'
          ? await c.postJson(path, { username: 'x' }, headers)
          : await c.get(path, headers);
    expect(res.status).toBe(403);
    expect(res.text).toContain('Cross-site request refused');
    expect(res.setCookies).toEqual([]);
  });

  // Express matches routes regardless of case and of a trailing slash: every
  // spelling the router answers must meet the same guard, and none may change the session.
  it.each(['/LOGOUT', '/logout/', '/Logout', '/Counter', '/counter/', '/COUNTER/', '/counter?x=1', '/logout//'])(
    'GET %s from another site gets 403 and changes nothing, as /logout and /counter do',
    async (path) => {
      const server = await testServer();
      const c = new BrowserClient(server.url);
      await c.postJson('/api/login', { username: 'ada' });
      const before = await c.cookie('lab_session');
      const res = await c.get(path, { 'sec-fetch-site': 'cross-site' });
      // Either the route matched and its guard refused it, or nothing matched at all.
      expect([403, 404]).toContain(res.status);
      expect(res.setCookies).toEqual([]);
      expect(await c.cookie('lab_session')).toBe(before);
      expect(paragraphs((await c.get('/')).text)).toEqual(['Logged in as ada']);
    },
  );

  it('the same spellings from this origin still reach the tutorial routes', async () => {
    const server = await testServer();
    const c = new BrowserClient(server.url);
    expect(paragraphs((await c.get('/Counter', { 'sec-fetch-site': 'same-origin' })).text)).toEqual(['Number of visits: 1']);
    expect(paragraphs((await c.get('/counter/', { 'sec-fetch-site': 'same-origin' })).text)).toEqual(['Number of visits: 2']);
  });

  it('a POST whose Origin is another site gets 403', async () => {
    const server = await testServer();
    const c = new BrowserClient(server.url);
    const res = await c.postForm('/login', { username: 'x' }, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(paragraphs(res.text)).toEqual(['Cross-origin request refused (Origin: http://evil.example).']);
  });

  it('a POST with Origin: null (sandboxed frame, data: URL) gets 403', async () => {
    const server = await testServer();
    const res = await new BrowserClient(server.url).postJson('/api/logout', undefined, { origin: 'null' });
    expect(res.status).toBe(403);
  });

  it('a same-site but different-origin POST (Sec-Fetch-Site: same-site) gets 403', async () => {
    const server = await testServer();
    const res = await new BrowserClient(server.url).postJson('/api/counter', undefined, { 'sec-fetch-site': 'same-site' });
    expect(res.status).toBe(403);
  });

  it('same-origin requests, and requests with neither header (curl), are served', async () => {
    const server = await testServer();
    const c = new BrowserClient(server.url);
    const same = await c.postJson('/api/counter', undefined, { origin: server.url, 'sec-fetch-site': 'same-origin' });
    expect(same.status).toBe(200);
    const typed = await c.get('/counter', { 'sec-fetch-site': 'none' });
    expect(typed.status).toBe(200);
    const curl = await c.postForm('/login', { username: 'x' });
    expect(curl.status).toBe(302);
  });

  it('a cross-site GET of a page that changes nothing is served', async () => {
    const server = await testServer();
    const res = await new BrowserClient(server.url).get('/', { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(200);
  });
});

describe('request bodies', () => {
  it('an oversized form body gets 413 with a message', async () => {
    const server = await testServer();
    const res = await new BrowserClient(server.url).postForm('/login', { username: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(paragraphs(res.text)).toEqual(['The request body is too large (the limit is 4096 bytes).']);
  });

  it('an oversized JSON body gets 413 with a JSON message', async () => {
    const server = await testServer();
    const res = await new BrowserClient(server.url).postJson('/api/login', { username: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toEqual({ error: 'The request body is too large (the limit is 4096 bytes).' });
  });

  it('malformed JSON gets 400 with a message', async () => {
    const server = await testServer();
    const res = await new BrowserClient(server.url).request('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": ',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ error: 'The request body is malformed: it could not be parsed.' });
  });

  it('an unsupported charset gets 415', async () => {
    const server = await testServer();
    const res = await new BrowserClient(server.url).request('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=klingon' },
      body: '{"username":"x"}',
    });
    expect(res.status).toBe(415);
  });

  it('a form with too many fields gets 413', async () => {
    const server = await testServer();
    const fields = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, '1']));
    const res = await new BrowserClient(server.url).postForm('/login', fields);
    expect(res.status).toBe(413);
  });

  it('a login form posted with no body at all gets 400 "Username is required."', async () => {
    const server = await testServer();
    const res = await rawRequest(`${server.url}/login`, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(paragraphs(res.body)[0]).toBe('Username is required.');
  });
});

describe('response headers', () => {
  it('x-powered-by is off and the security headers are set, with a CSP that fits the lab page', async () => {
    const server = await testServer();
    const res = await rawRequest(`${server.url}/`);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it.each(['/', '/login', '/counter', '/api/session', '/api/session/cookie'])('%s is sent with Cache-Control: no-store', async (path) => {
    const server = await testServer();
    const res = await rawRequest(`${server.url}${path}`);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('errors never show a stack', () => {
  it('an unknown page gets a 404 HTML page', async () => {
    const server = await testServer();
    const res = await rawRequest(`${server.url}/nope?x=<b>`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(paragraphs(res.body)).toEqual(['Not found: GET /nope']);
  });

  it('an unknown API path gets a 404 JSON error', async () => {
    const server = await testServer();
    const res = await rawRequest(`${server.url}/api/nope`);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toEqual({ error: 'Not found: GET /api/nope' });
  });

  it('a malformed URL escape gets a 4xx, not a crash', async () => {
    const server = await testServer();
    const res = await rawRequest(`${server.url}/%E0%A4%A`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('the lab page answers 404 with a hint when it has not been built', async () => {
    const server = await testServer({ labDir: '/nonexistent/session-lab-renderer' });
    const res = await rawRequest(`${server.url}/lab/`);
    expect(res.status).toBe(404);
    expect(res.body).toContain('The lab page is not built. Run &quot;npm run build&quot;');
  });

  it('an unexpected exception becomes a plain 500 sentence; the stack goes to the log only', async () => {
    const log = vi.fn();
    const app = express();
    app.get('/boom', () => {
      throw new Error('secret internals at /srv/app.js:12');
    });
    app.use(errorHandler(log));
    const server = http.createServer(app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await rawRequest(`http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`);
      expect(res.status).toBe(500);
      expect(paragraphs(res.body)).toEqual(['Something went wrong in the server. The error was logged.']);
      expect(res.body).not.toContain('secret internals');
      expect(res.body).not.toMatch(/at .*\.js:\d+/);
      expect(log).toHaveBeenCalledWith(expect.stringContaining('secret internals'));
    } finally {
      server.close();
    }
  });
});

describe('createApp', () => {
  it('refuses to build without keys, saying why', () => {
    expect(() => createApp({ keys: [] })).toThrow('createApp: options.keys must be a non-empty array of non-empty strings.');
    expect(() => createApp({ keys: [strongKey(), ''] })).toThrow(/non-empty strings/);
  });

  it('does not listen when imported or built', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    createApp({ keys: [strongKey()] });
    expect(process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length).toBe(before);
  });
});
