// Lab II's session endpoints over real HTTP: stuffing the session, stashing a field, and undoing both.
import { describe, expect, it } from 'vitest';
import { MAX_STASHED_FIELDS, MAX_STUFF_BYTES } from '../../../server/routes/lab-routes';
import { BrowserClient } from '../../support/browser-client';
import { testServer } from '../../support/test-server';

interface Report {
  state: { loggedIn: boolean; username: string | null; visits: number; warnings: string[] };
  paddingBytes: number;
  cookieBytes: number;
}

async function loggedIn(): Promise<BrowserClient> {
  const server = await testServer();
  const c = new BrowserClient(server.url);
  await c.postJson('/api/login', { username: 'erin' });
  return c;
}

const report = (text: string) => JSON.parse(text) as Report;

describe('POST /api/lab/stuff', () => {
  it('grows the session step by step; the reported size is the lab_session cookie the server sends', async () => {
    const c = await loggedIn();
    const first = await c.postJson('/api/lab/stuff', { bytes: 1000 });
    expect(first.status).toBe(200);
    const one = report(first.text);
    expect(one).toMatchObject({ paddingBytes: 1000, state: { loggedIn: true, username: 'erin', warnings: [] } });
    const sent = first.setCookies.find((c) => c.startsWith('lab_session='))!.split(';')[0]!;
    expect(one.cookieBytes).toBe(Buffer.byteLength(sent));
    // The padding comes back with the cookie on the next request.
    expect(report((await c.get('/api/lab/session')).text)).toMatchObject({ paddingBytes: 1000, cookieBytes: one.cookieBytes });
  });

  it('warns from three quarters of the 4 KB budget, and keeps writing past the limit (the browser is what refuses)', async () => {
    const c = await loggedIn();
    await c.postJson('/api/lab/stuff', { bytes: 2000 });
    const near = report((await c.postJson('/api/lab/stuff', { bytes: 1000 })).text);
    expect(near.state.warnings).toEqual([expect.stringMatching(/^The session cookie is \d+ bytes, near the ~4096-byte limit/)]);
    const past = await c.postJson('/api/lab/stuff', { bytes: 1000 });
    expect(past.status).toBe(200);
    expect(report(past.text).cookieBytes).toBeGreaterThan(4096);
    expect(past.setCookies.find((s) => s.startsWith('lab_session='))!.split(';')[0]!.length).toBeGreaterThan(4096);
  });

  it.each([
    [{ bytes: 0 }, 400, `"bytes" must be a whole number from 1 to ${MAX_STUFF_BYTES}.`],
    [{ bytes: MAX_STUFF_BYTES + 1 }, 400, /must be a whole number/],
    [{ bytes: 1.5 }, 400, /must be a whole number/],
    [{ bytes: '1000' }, 400, /must be a whole number/],
    [{ bytes: 10, extra: 1 }, 400, 'Unknown field(s): extra.'],
    [[1000], 400, 'Send a JSON object, like {"bytes": 1000}.'],
  ])('%o is refused with %i and a sentence; the session is unchanged', async (body, status, message) => {
    const c = await loggedIn();
    const res = await c.postJson('/api/lab/stuff', body);
    expect(res.status).toBe(status);
    expect((JSON.parse(res.text) as { error: string }).error).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
    expect(res.setCookies).toEqual([]);
  });

  it('a form body is 415', async () => {
    const c = await loggedIn();
    expect((await c.postForm('/api/lab/stuff', { bytes: '10' })).status).toBe(415);
  });

  it('cannot grow without end: a cookie past 4 KB that comes back is dropped, so the session starts over', async () => {
    // tough-cookie keeps cookies of any size, unlike a browser: the server's own guard is what stops it.
    const c = await loggedIn();
    const sizes: number[] = [];
    for (let i = 0; i < 4; i++) sizes.push(report((await c.postJson('/api/lab/stuff', { bytes: MAX_STUFF_BYTES })).text).paddingBytes);
    expect(sizes).toEqual([2048, 4096, 2048, 4096]);
  });

  it('a cross-site stuff is refused', async () => {
    const c = await loggedIn();
    const res = await c.postJson('/api/lab/stuff', { bytes: 10 }, { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
  });

  it('unstuff takes the padding out; the login and the count stay', async () => {
    const c = await loggedIn();
    await c.postJson('/api/counter');
    await c.postJson('/api/lab/stuff', { bytes: 2000 });
    const res = report((await c.postJson('/api/lab/unstuff')).text);
    expect(res).toMatchObject({ paddingBytes: 0, state: { username: 'erin', visits: 1 } });
    expect(res.cookieBytes).toBeLessThan(100);
  });
});

describe('POST /api/lab/stash and /api/lab/forget', () => {
  it.each([
    ['client', ['isNew', 'isChanged', 'isPopulated', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf']],
    // express-session's Session keeps its cookie options, ID and methods under these.
    ['server', ['cookie', 'id', 'req', 'save', 'regenerate', 'destroy', 'reload', 'touch', 'resetMaxAge', 'constructor', 'toString']],
  ] as const)('%s-side: a field named as the session object’s own members is refused with a 400 and a sentence', async (sessions, names) => {
    const server = await testServer({ sessions });
    const c = new BrowserClient(server.url);
    await c.postJson('/api/login', { username: 'ada' });
    for (const name of names) {
      const res = await c.postJson('/api/lab/stash', { name, value: 'x' });
      expect(res.status, name).toBe(400);
      expect(JSON.parse(res.text), name).toEqual({
        error: `"${name}" is a name the session object uses itself (its session library's or JavaScript's); choose another name.`,
      });
    }
    // The session is as it was: still logged in, nothing stashed.
    const after = JSON.parse((await c.get('/api/lab/session')).text) as { state: { message: string }; paddingBytes: number };
    expect(after.state.message).toBe('Logged in as ada');
    expect((await c.postJson('/api/counter')).status).toBe(200);
  });

  it('a stored password and an API-key-shaped value are warned about; forget removes them and the warnings', async () => {
    const c = await loggedIn();
    const password = report((await c.postJson('/api/lab/stash', { name: 'password', value: 'hunter2' })).text);
    expect(password.state.warnings).toEqual(['The session holds "password", which looks sensitive: anyone with the cookie can read it (it is only base64).']);
    const key = report((await c.postJson('/api/lab/stash', { name: 'note', value: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' })).text);
    expect(key.state.warnings).toContain('The session\'s "note" looks like an API key: anyone with the cookie can read it (it is only base64).');
    // Readable by anyone holding the cookie: no key needed.
    expect(JSON.parse(Buffer.from((await c.cookie('lab_session'))!, 'base64').toString())).toEqual({
      username: 'erin',
      password: 'hunter2',
      note: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
    });

    const forgot = report((await c.postJson('/api/lab/forget')).text);
    expect(forgot.state).toMatchObject({ username: 'erin', warnings: [] });
    expect(JSON.parse(Buffer.from((await c.cookie('lab_session'))!, 'base64').toString())).toEqual({ username: 'erin' });
  });

  it.each([
    [{ name: 'username', value: 'admin' }, '"username" belongs to the app; choose another name.'],
    [{ name: 'visits', value: '1000' }, '"visits" belongs to the app; choose another name.'],
    [{ name: 'issuedAt', value: '1' }, '"issuedAt" belongs to the app; choose another name.'],
    [{ name: '__proto__', value: 'x' }, /"name" must be 1 to 32 letters/],
    [{ name: 'a b', value: 'x' }, /"name" must be 1 to 32 letters/],
    [{ name: 'x'.repeat(33), value: 'x' }, /"name" must be 1 to 32 letters/],
    [{ name: 'note', value: '' }, '"value" must be 1 to 256 printable characters.'],
    [{ name: 'note', value: 'a\u0000b' }, /printable/],
    [{ name: 'note', value: 'x'.repeat(257) }, /printable/],
    [{ name: 'note', value: 42 }, /printable/],
    [{ name: 'note', value: 'x', admin: true }, 'Unknown field(s): admin.'],
  ])('%o is refused with 400 and the session is unchanged', async (body, message) => {
    const c = await loggedIn();
    const res = await c.postJson('/api/lab/stash', body);
    expect(res.status).toBe(400);
    expect((JSON.parse(res.text) as { error: string }).error).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
    expect(res.setCookies).toEqual([]);
    expect((JSON.parse((await c.get('/api/session')).text) as { username: string }).username).toBe('erin');
  });

  it(`at most ${MAX_STASHED_FIELDS} extra fields; overwriting one is fine`, async () => {
    const c = await loggedIn();
    for (let i = 0; i < MAX_STASHED_FIELDS; i++) expect((await c.postJson('/api/lab/stash', { name: `f${i}`, value: 'x' })).status).toBe(200);
    expect((await c.postJson('/api/lab/stash', { name: 'f0', value: 'y' })).status).toBe(200);
    expect((await c.postJson('/api/lab/stash', { name: 'more', value: 'x' })).status).toBe(409);
  });
});
