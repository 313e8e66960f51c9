// Server-side sessions (express-session on SQLite) over real HTTP: the ID
// cookie, regeneration and destruction, bad IDs, the store's bounds and what
// each request costs it.
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import signature from 'cookie-signature';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES, type RunningServer, type StartOptions } from '../../../server/index';
import { openSqliteSessionStore } from '../../../server/session-store/sqlite-session-store';
import { BrowserClient, paragraphs } from '../../support/browser-client';
import { tempDir } from '../../support/temp-dir';
import { strongKey } from '../../support/test-keys';
import { testServer } from '../../support/test-server';

interface Setup {
  server: RunningServer;
  key: string;
  /** The rows of sessions.sqlite, as the store holds them. */
  rows(): { sid: string; record: string; username: string | null }[];
}

async function setup(options: Partial<StartOptions> = {}): Promise<Setup> {
  const dir = tempDir();
  const key = strongKey();
  const server = await testServer({ keys: [key], sessions: 'server', dataDir: dir, ...options });
  const file = path.join(dir, 'sessions.sqlite');
  return {
    server,
    key,
    rows() {
      const db = new DatabaseSync(file, { readOnly: true });
      try {
        return db.prepare('SELECT sid, record, username FROM sessions ORDER BY sid').all() as never;
      } finally {
        db.close();
      }
    },
  };
}

/** The ID inside a lab_sid value, checked against `key`. */
function sidOf(value: string | undefined, key: string): string | false {
  if (value === undefined) return false;
  const decoded = decodeURIComponent(value);
  return decoded.startsWith('s:') ? signature.unsign(decoded.slice(2), key) : false;
}

const say = async (c: BrowserClient, path = '/') => paragraphs((await c.get(path)).text);

describe('server-side sessions: the ID cookie', () => {
  it('holds only an ID, signed with the server’s key by cookie-signature; the data stays in the store', async () => {
    const { server, key, rows } = await setup();
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'alice' });
    const value = await c.cookie('lab_sid');
    expect(value).toMatch(/^s%3A[\w-]{32}\.[\w%]+$/);
    const sid = sidOf(value, key);
    expect(sid).toMatch(/^[\w-]{32}$/);
    expect(await c.cookie('lab_session')).toBeUndefined();
    expect(value).not.toContain('alice');
    expect(rows()).toEqual([{ sid, username: 'alice', record: expect.stringContaining('"username":"alice"') as unknown as string }]);
  });

  it('a cookie signed with an older key still verifies; one signed with another key is no session', async () => {
    const old = strongKey();
    const { server, rows } = await setup({ keys: [strongKey(), old] });
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'bob' });
    const sid = rows()[0]!.sid;
    const withOld = new BrowserClient(server.url);
    await withOld.setCookie('lab_sid', encodeURIComponent(`s:${signature.sign(sid, old)}`));
    expect(await say(withOld)).toEqual(['Logged in as bob']);
    const withOther = new BrowserClient(server.url);
    await withOther.setCookie('lab_sid', encodeURIComponent(`s:${signature.sign(sid, strongKey())}`));
    expect(await say(withOther)).toEqual(['You are not logged in']);
  });
});

describe('server-side sessions: fixation and revocation', () => {
  it('a login gives a new ID, and the ID from before the login opens nothing', async () => {
    const { server, key, rows } = await setup();
    const c = new BrowserClient(server.url);
    await c.get('/counter');
    const planted = await c.cookie('lab_sid');
    const before = sidOf(planted, key);
    expect(before).not.toBe(false);
    await c.postForm('/login', { username: 'victim' });
    const after = sidOf(await c.cookie('lab_sid'), key);
    expect(after).not.toBe(before);
    expect(rows().map((r) => r.sid)).toEqual([after]);
    // The attacker's copy of the planted ID: no record, no login.
    const attacker = new BrowserClient(server.url);
    await attacker.setCookie('lab_sid', planted!);
    expect(await say(attacker)).toEqual(['You are not logged in']);
    expect(await say(c)).toEqual(['Logged in as victim']);
  });

  it('a logout destroys the record: a copy of the cookie taken before it is refused, and the count carries on under a new ID', async () => {
    const { server, key, rows } = await setup();
    const c = new BrowserClient(server.url);
    await c.postForm('/login', { username: 'carol' });
    await c.get('/counter');
    const copy = await c.cookie('lab_sid');
    await c.get('/logout');
    expect(rows().map((r) => r.sid)).not.toContain(sidOf(copy, key));
    const thief = new BrowserClient(server.url);
    await thief.setCookie('lab_sid', copy!);
    expect(await say(thief)).toEqual(['You are not logged in']);
    expect(await say(c, '/counter')).toEqual(['Number of visits: 2']);
  });

  it('clearing the session destroys the record and clears the cookie', async () => {
    const { server, rows } = await setup();
    const c = new BrowserClient(server.url);
    await c.postJson('/api/login', { username: 'erin' });
    const res = await c.postJson('/api/session/clear');
    expect(res.setCookies.find((l) => l.startsWith('lab_sid=;'))).toMatch(/expires=Thu, 01 Jan 1970/i);
    expect(rows()).toEqual([]);
    expect(await c.cookie('lab_sid')).toBeUndefined();
  });

  it('"log out everywhere" ends every session of the user, on every device, and no other user’s', async () => {
    const { server, rows } = await setup();
    const [laptop, phone, other] = [new BrowserClient(server.url), new BrowserClient(server.url), new BrowserClient(server.url)];
    await laptop.postJson('/api/login', { username: 'frank' });
    await phone.postJson('/api/login', { username: 'frank' });
    await other.postJson('/api/login', { username: 'grace' });
    expect(rows()).toHaveLength(3);
    const res = await phone.postJson('/api/logout/everywhere');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ ended: 2, state: { loggedIn: false } });
    expect(await say(laptop)).toEqual(['You are not logged in']);
    expect(await say(phone)).toEqual(['You are not logged in']);
    expect(await say(other)).toEqual(['Logged in as grace']);
    expect(rows().map((r) => r.username)).toEqual(['grace']);
  });

  it('"log out everywhere" needs a login, and client-side sessions cannot do it at all', async () => {
    const { server } = await setup();
    const anonymous = await new BrowserClient(server.url).postJson('/api/logout/everywhere');
    expect(anonymous.status).toBe(409);
    expect(JSON.parse(anonymous.text)).toEqual({ error: 'Log in first: this ends every session of the user you are logged in as.' });
    const client = new BrowserClient((await testServer()).url);
    await client.postJson('/api/login', { username: 'heidi' });
    const res = await client.postJson('/api/logout/everywhere');
    expect(res.status).toBe(409);
    expect(JSON.parse(res.text).error).toMatch(/^A client-side session cannot be ended on other devices: the server keeps nothing to delete/);
    expect(await say(client)).toEqual(['Logged in as heidi']);
  });
});

describe('server-side sessions: bad input', () => {
  it.each([
    ['garbage', 'not-a-session'],
    ['a forged signature', 's%3Aabcdefghijklmnopqrstuvwxyz012345.forged'],
    ['an unsigned ID', 'abcdefghijklmnopqrstuvwxyz012345'],
    ['broken URL-encoding', 's%3A%E0%A4%A.x'],
    ['an empty value', ''],
  ])('%s in lab_sid means no session: a 200, no cookie, no row', async (_what, value) => {
    const { server, rows } = await setup();
    const c = new BrowserClient(server.url);
    await c.setCookie('lab_sid', value);
    const res = await c.get('/');
    expect(res.status).toBe(200);
    expect(paragraphs(res.text)).toEqual(['You are not logged in']);
    expect(res.setCookies).toEqual([]);
    expect((await c.get('/api/session')).status).toBe(200);
    expect(rows()).toEqual([]);
  });

  it('an unknown ID signed with the server’s key is no session, and is never adopted: the first write gets a new ID', async () => {
    const { server, key, rows } = await setup();
    const c = new BrowserClient(server.url);
    const planted = 'attackerchoseniddddddddddddddddd';
    await c.setCookie('lab_sid', encodeURIComponent(`s:${signature.sign(planted, key)}`));
    expect(await say(c)).toEqual(['You are not logged in']);
    expect(rows()).toEqual([]);
    expect(await say(c, '/counter')).toEqual(['Number of visits: 1']);
    const sid = sidOf(await c.cookie('lab_sid'), key);
    expect(sid).not.toBe(planted);
    expect(rows().map((r) => r.sid)).toEqual([sid]);
  });

  it('a flood of anonymous requests creates no rows (saveUninitialized is off)', async () => {
    const { server, rows } = await setup();
    const paths = ['/', '/login', '/api/session', '/api/session/cookie', '/api/lab/session', '/nowhere'];
    await Promise.all(
      Array.from({ length: 120 }, (_v, i) =>
        fetch(`${server.url}${paths[i % paths.length]}`, { headers: { cookie: `lab_sid=s%3Ajunk${i}.x` } }).then((r) => r.text()),
      ),
    );
    expect(rows()).toEqual([]);
  });

  it(`a session is capped at ${MAX_RECORD_BYTES.toLocaleString('en-US')} bytes: the write that would pass it is refused with 413, and the session stays as it was`, async () => {
    const { server, rows } = await setup();
    const c = new BrowserClient(server.url);
    await c.postJson('/api/login', { username: 'ivan' });
    let last = await c.postJson('/api/lab/stuff', { bytes: 2048 });
    let stuffed = 0;
    while (last.status === 200 && stuffed < 40) {
      stuffed += 1;
      last = await c.postJson('/api/lab/stuff', { bytes: 2048 });
    }
    expect(last.status).toBe(413);
    expect(JSON.parse(last.text).error).toMatch(/^The session would hold [\d,]+ bytes; the store keeps at most 32,768 per session\. Nothing was changed\.$/);
    expect(last.setCookies).toEqual([]);
    const report = JSON.parse((await c.get('/api/lab/session')).text) as { paddingBytes: number; state: { username: string } };
    expect(report.paddingBytes).toBe(2048 * stuffed);
    expect(report.state.username).toBe('ivan');
    expect(Buffer.byteLength(rows()[0]!.record)).toBeLessThanOrEqual(MAX_RECORD_BYTES);
  });

  it('a store that is full refuses a new session with 503 and a sentence; the sessions it holds carry on', async () => {
    const dir = tempDir();
    const handle = openSqliteSessionStore({ file: path.join(dir, 'sessions.sqlite'), maxSessions: 2 });
    try {
      const server = await testServer({ sessions: 'server', sessionStore: handle });
      const [a, b, c] = [new BrowserClient(server.url), new BrowserClient(server.url), new BrowserClient(server.url)];
      expect((await a.postForm('/login', { username: 'a' })).status).toBe(302);
      expect((await b.postForm('/login', { username: 'b' })).status).toBe(302);
      const refused = await c.postForm('/login', { username: 'c' });
      expect(refused.status).toBe(503);
      expect(paragraphs(refused.text)).toEqual([
        'The session store is full (2 sessions), so no new session can start. Existing sessions carry on; try again once some have expired.',
      ]);
      expect(refused.setCookies).toEqual([]);
      expect(refused.headers.get('location')).toBeNull();
      expect(await say(a, '/counter')).toEqual(['Number of visits: 1']);
    } finally {
      await handle.close();
    }
  });
});

describe('server-side sessions: what each request costs the store', () => {
  const ops = (res: { headers: Headers }) => res.headers.get('session-lab-store')?.replace(/ ms=[\d.]+$/, '');

  it('counts the reads and writes of each request in Session-Lab-Store', async () => {
    const { server } = await setup();
    const c = new BrowserClient(server.url);
    expect(ops(await c.get('/'))).toBe('reads=0 writes=0');
    expect(ops(await c.postForm('/login', { username: 'judy' }))).toBe('reads=0 writes=1');
    expect(ops(await c.get('/'))).toBe('reads=1 writes=0');
    expect(ops(await c.get('/counter'))).toBe('reads=1 writes=1');
    // A logout: the old record destroyed, the count saved under a new ID.
    expect(ops(await c.get('/logout'))).toBe('reads=1 writes=2');
    expect((await c.get('/')).headers.get('session-lab-store')).toMatch(/^reads=1 writes=0 ms=\d+\.\d\d$/);
  });

  it('client-side sessions never touch a store: no header', async () => {
    const c = new BrowserClient((await testServer()).url);
    expect((await c.get('/counter')).headers.get('session-lab-store')).toBeNull();
  });
});
