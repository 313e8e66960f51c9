// The to-do API over real HTTP: every status a client can get, users kept apart, and nothing in the cookie.
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MAX_ITEMS_IN_ALL, SESSION_COOKIE_NAME, TODO_WRITES_PER_MINUTE } from '../../../contract';
import { todoWritesFromEnv } from '../../../server/todos/todo-rate-limit';
import { NO_TODO_STORE, TODO_DB_FILE_NAME, type TodoStore } from '../../../server';
import { decodeSessionValue } from '../../../server/session/session-codec';
import { BUSY_WAIT_MS, TodoDatabaseUnavailableError, TodoSaveError } from '../../../server/todos/todo-db';
import { TodoLimitError } from '../../../server/todos/todo-store';
import { rawRequest } from '../../support/raw-http';
import { tempDir } from '../../support/temp-dir';
import { testServer } from '../../support/test-server';
import { json, TodoClient } from '../../support/todo-client';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

async function server(): Promise<{ url: string; dataDir: string }> {
  const dataDir = tempDir();
  const running = await testServer({ dataDir, log: () => {} });
  return { url: running.url, dataDir };
}

async function alice(): Promise<TodoClient> {
  return TodoClient.loggedIn((await server()).url, 'alice');
}

describe('a logged-in user', () => {
  it('starts with an empty list and no notice', async () => {
    const c = await alice();
    const res = await c.list();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(json(res)).toEqual({ items: [], notice: null });
  });

  it('adds a to-do: 201 with the item, its title trimmed', async () => {
    const c = await alice();
    const res = await c.add('  Buy milk \n');
    expect(res.status).toBe(201);
    const item = json(res);
    expect(item).toEqual({ id: 1, title: 'Buy milk', done: false, created: expect.stringMatching(ISO), updated: expect.stringMatching(ISO) });
    expect(json(await c.list())).toEqual({ items: [item], notice: null });
  });

  it('ticks, renames and deletes a to-do', async () => {
    const c = await alice();
    const { id } = json(await c.add('Walk the dog')) as { id: number };
    await c.add('Second');

    const ticked = await c.patch(id, { done: true });
    expect(ticked.status).toBe(200);
    expect(json(ticked)).toMatchObject({ id, title: 'Walk the dog', done: true });
    const renamed = await c.patch(id, { title: ' Walk the cat ', done: false });
    expect(json(renamed)).toMatchObject({ id, title: 'Walk the cat', done: false });

    const deleted = await c.delete(id);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((json(await c.list()) as { items: { title: string }[] }).items.map((i) => i.title)).toEqual(['Second']);
    expect((await c.delete(id)).status).toBe(404);
    expect((await c.patch(id, { done: true })).status).toBe(404);
  });

  it('accepts a title of exactly 200 characters, counting an emoji as one', async () => {
    const c = await alice();
    const title = `${'🦊'.repeat(100)}${'a'.repeat(100)}`;
    const res = await c.add(title);
    expect(res.status).toBe(201);
    expect(json(res)).toMatchObject({ title });
  });
});

describe('not logged in', () => {
  it.each([
    ['GET', '/api/todos'],
    ['POST', '/api/todos'],
    ['PATCH', '/api/todos/1'],
    ['DELETE', '/api/todos/1'],
  ])('%s %s answers 401 and says to log in', async (method, url) => {
    const { url: base } = await server();
    const c = new TodoClient(base);
    const res = await c.request(url, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{"title":"x","done":true}' }),
    });
    expect(res.status).toBe(401);
    expect(json(res)).toEqual({ error: 'Log in to see and change your to-dos.' });
  });

  it('after logging out, the list is out of reach, and back after logging in again', async () => {
    const c = await alice();
    await c.add('Mine');
    await c.postJson('/api/logout');
    expect((await c.list()).status).toBe(401);
    await c.postJson('/api/login', { username: 'alice' });
    expect((json(await c.list()) as { items: unknown[] }).items).toHaveLength(1);
  });
});

describe('users are kept apart', () => {
  it("bob neither sees nor changes nor deletes alice's to-do: 404, as if it did not exist", async () => {
    const { url } = await server();
    const a = await TodoClient.loggedIn(url, 'alice');
    const b = await TodoClient.loggedIn(url, 'bob');
    const item = json(await a.add('Alice only'));
    const { id } = item as { id: number };
    await b.add('Bob only');

    expect((json(await b.list()) as { items: { title: string }[] }).items.map((i) => i.title)).toEqual(['Bob only']);
    const patch = await b.patch(id, { done: true });
    expect(patch.status).toBe(404);
    expect(json(patch)).toEqual({ error: `You have no to-do with id ${id}.` });
    expect(json(await b.patch(99, { done: true }))).toEqual({ error: 'You have no to-do with id 99.' });
    expect((await b.delete(id)).status).toBe(404);
    expect(json(await a.list())).toEqual({ items: [item], notice: null });
  });
});

describe('bad requests', () => {
  it.each([
    [{}, 'Title is required.'],
    [{ title: null }, 'Title is required.'],
    [{ title: '' }, 'Title cannot be empty.'],
    [{ title: ' \t\n ' }, 'Title cannot be empty.'],
    [{ title: 'x'.repeat(201) }, 'Title must be at most 200 characters.'],
    [{ title: 42 }, 'Title must be text.'],
    [{ title: ['a'] }, 'Title must be text.'],
    [{ title: 'tab\tinside' }, 'Title may only contain printable characters.'],
    [{ title: 'a', done: true }, 'Unknown field "done": a new to-do takes only "title".'],
    [{ title: 'a', owner: 'bob' }, 'Unknown field "owner": a new to-do takes only "title".'],
    [['a'], 'Send the new to-do as a JSON object, like {"title": "Buy milk"}.'],
    // express.json is strict: a top-level string or null does not even parse.
    ['a', 'The request body is malformed: it could not be parsed.'],
    [null, 'The request body is malformed: it could not be parsed.'],
  ])('POST %j answers 400 %j', async (body, error) => {
    const c = await alice();
    const res = await c.postJson('/api/todos', body);
    expect(res.status).toBe(400);
    expect(json(res)).toEqual({ error });
    expect(json(await c.list())).toEqual({ items: [], notice: null });
  });

  it.each([
    [{}, 'Nothing to change: send "title", "done" or both.'],
    [{ done: 'yes' }, 'Done must be true or false.'],
    [{ done: 1 }, 'Done must be true or false.'],
    [{ done: null }, 'Done must be true or false.'],
    [{ title: '' }, 'Title cannot be empty.'],
    [{ title: 'y'.repeat(201), done: true }, 'Title must be at most 200 characters.'],
    [{ title: false }, 'Title must be text.'],
    [{ id: 2 }, 'Unknown field "id": a to-do has only "title" and "done".'],
    [{ done: true, created: 'now' }, 'Unknown field "created": a to-do has only "title" and "done".'],
    [[true], 'Send the changes as a JSON object, like {"done": true}.'],
  ])('PATCH %j answers 400 %j and changes nothing', async (body, error) => {
    const c = await alice();
    const item = json(await c.add('Unchanged'));
    const res = await c.patch(1, body);
    expect(res.status).toBe(400);
    expect(json(res)).toEqual({ error });
    expect(json(await c.list())).toEqual({ items: [item], notice: null });
  });

  it('malformed JSON answers 400', async () => {
    const c = await alice();
    for (const res of [
      await c.request('/api/todos', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title": "unclosed' }),
      await c.request('/api/todos/1', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{done: true}' }),
    ]) {
      expect(res.status).toBe(400);
      expect(json(res)).toEqual({ error: 'The request body is malformed: it could not be parsed.' });
    }
  });

  it('an empty body answers 400', async () => {
    const c = await alice();
    // express.json reads an empty JSON body as {}.
    const res = await c.request('/api/todos', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(json(res)).toEqual({ error: 'Title is required.' });
  });

  it('a body that is not JSON answers 415 and says to send JSON', async () => {
    const c = await alice();
    const form = await c.postForm('/api/todos', { title: 'x' });
    expect(form.status).toBe(415);
    expect(json(form)).toEqual({ error: 'Send the new to-do as JSON: {"title": "…"}.' });
    const text = await c.request('/api/todos/1', { method: 'PATCH', headers: { 'content-type': 'text/plain' }, body: '{"done":true}' });
    expect(text.status).toBe(415);
    expect(json(text)).toEqual({ error: 'Send the changes as JSON, like {"done": true}.' });
  });

  it('a body over 4 KB answers 413', async () => {
    const c = await alice();
    const res = await c.add('x'.repeat(5000));
    expect(res.status).toBe(413);
    expect(json(res)).toEqual({ error: 'The request body is too large (the limit is 4096 bytes).' });
  });

  it.each(['abc', '0', '-1', '1.5', '01', '1e3', '99999999999999999999', '%20'])('id %j is not a to-do: 404', async (id) => {
    const c = await alice();
    await c.add('One');
    for (const res of [await c.patch(id, { done: true }), await c.delete(id)]) {
      expect(res.status).toBe(404);
      expect((json(res) as { error: string }).error).toMatch(/^You have no to-do with id /);
    }
  });

  it('PUT answers 405 with the methods that are allowed', async () => {
    const c = await alice();
    const list = await c.request('/api/todos', { method: 'PUT' });
    expect(list.status).toBe(405);
    expect(list.headers.get('allow')).toBe('GET, POST');
    expect(json(list)).toEqual({ error: 'PUT is not allowed here; use GET or POST.' });
    const one = await c.request('/api/todos/1', { method: 'PUT' });
    expect(one.headers.get('allow')).toBe('PATCH, DELETE');
  });
});

describe('cross-site writes are refused (403) and change nothing', () => {
  it.each([
    ['POST with Origin: http://evil.example', (c: TodoClient) => c.postJson('/api/todos', { title: 'forged' }, { origin: 'http://evil.example' })],
    ['PATCH with Sec-Fetch-Site: cross-site', (c: TodoClient) => c.patch(1, { title: 'forged' }, { 'sec-fetch-site': 'cross-site' })],
    ['DELETE with Origin: null', (c: TodoClient) => c.delete(1, { origin: 'null' })],
    ['DELETE with Sec-Fetch-Site: same-site', (c: TodoClient) => c.delete(1, { 'sec-fetch-site': 'same-site' })],
  ])('%s', async (_what, send) => {
    const c = await alice();
    const item = json(await c.add('Original'));
    const res = await send(c);
    expect(res.status).toBe(403);
    expect((json(res) as { error: string }).error).toMatch(/^Cross-(origin|site) request refused/);
    expect(json(await c.list())).toEqual({ items: [item], notice: null });
  });

  it('the same request from the page itself (same origin) is served', async () => {
    const c = await alice();
    const res = await c.postJson('/api/todos', { title: 'mine' }, { origin: c.baseUrl, 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(201);
  });

  it('a foreign Host (DNS rebinding) is refused before anything else', async () => {
    const { url } = await server();
    const res = await rawRequest(`${url}/api/todos`, { headers: { host: 'evil.example' } });
    expect(res.status).toBe(421);
  });
});

describe('the session cookie', () => {
  it('holds only the username, never the items, and to-do requests do not touch it', async () => {
    const c = await alice();
    const cookieBefore = await c.cookie(SESSION_COOKIE_NAME);
    for (let i = 0; i < 5; i++) expect((await c.add(`item ${i} ${'z'.repeat(100)}`)).setCookies).toEqual([]);
    expect((await c.patch(1, { done: true })).setCookies).toEqual([]);
    expect((await c.delete(2)).setCookies).toEqual([]);
    expect((await c.list()).setCookies).toEqual([]);

    const cookie = await c.cookie(SESSION_COOKIE_NAME);
    expect(cookie).toBe(cookieBefore);
    const decoded = decodeSessionValue(cookie ?? '');
    expect(decoded).toMatchObject({ ok: true, payload: { username: 'alice' } });
    expect(decoded.ok && Object.keys(decoded.payload)).toEqual(['username']);
    expect(cookie?.length).toBeLessThan(100);
  });
});

describe('storage', () => {
  it('items survive a server restart on the same data dir', async () => {
    const dataDir = tempDir();
    const first = await testServer({ dataDir });
    const c = await TodoClient.loggedIn(first.url, 'alice');
    const kept = json(await c.add('Survives'));
    const { id } = json(await c.add('Ticked')) as { id: number };
    const ticked = json(await c.patch(id, { done: true }));
    await first.close();
    expect(fs.existsSync(path.join(dataDir, TODO_DB_FILE_NAME))).toBe(true);

    const second = await testServer({ dataDir });
    // The same browser: its cookie is signed with another key now, so it logs in again.
    const again = await TodoClient.loggedIn(second.url, 'alice');
    expect(json(await again.list())).toEqual({ items: [kept, ticked], notice: null });
    expect((json(await again.add('Next')) as { id: number }).id).toBe(id + 1);
  });

  it('the server listens while the database opens: a to-do call made at once waits for it rather than failing', async () => {
    const dataDir = tempDir();
    const running = await testServer({ dataDir });
    // No await on todoNotice: these requests race the open, and must still be served.
    const c = await TodoClient.loggedIn(running.url, 'alice');
    const added = await c.add('First thing');
    expect(added.status).toBe(201);
    expect(json(await c.list())).toMatchObject({ items: [{ title: 'First thing' }], notice: null });
    expect(await running.todoNotice).toBeNull();
  });

  it('a server closed before its database finished opening still lets go of it', async () => {
    const dataDir = tempDir();
    const first = await testServer({ dataDir });
    await first.close();
    const second = await testServer({ dataDir });
    expect(await second.todoNotice).toBeNull();
    expect((await (await TodoClient.loggedIn(second.url, 'alice')).add('kept')).status).toBe(201);
  });

  it('a server started without a data dir answers 503 and says why', async () => {
    const running = await testServer();
    expect(await running.todoNotice).toBe(NO_TODO_STORE);
    const c = await TodoClient.loggedIn(running.url, 'alice');
    for (const res of [await c.list(), await c.add('x'), await c.patch(1, { done: true }), await c.delete(1)]) {
      expect(res.status).toBe(503);
      expect(json(res)).toEqual({ error: 'To-dos need a data directory, and this server was started without one.' });
    }
  });

  it('two servers on one data dir share one list: what one adds, ticks or deletes, the other lists', async () => {
    const dataDir = tempDir();
    const first = await testServer({ dataDir });
    const second = await testServer({ dataDir });
    expect(await first.todoNotice).toBeNull();
    expect(await second.todoNotice).toBeNull();
    const c1 = await TodoClient.loggedIn(first.url, 'alice');
    const c2 = await TodoClient.loggedIn(second.url, 'alice');
    const { id } = json(await c1.add('from the app')) as { id: number };
    expect((await c2.add('from serve')).status).toBe(201);
    expect((await c2.patch(id, { done: true })).status).toBe(200);
    const seen = (c: TodoClient) => c.list().then((res) => (json(res) as { items: { title: string; done: boolean }[] }).items.map((i) => [i.title, i.done]));
    expect(await seen(c1)).toEqual([
      ['from the app', true],
      ['from serve', false],
    ]);
    expect((await c1.delete(id)).status).toBe(204);
    expect(await seen(c2)).toEqual([['from serve', false]]);
  });

  it(`a database another connection keeps write-locked: a change answers 503 "busy" after ${BUSY_WAIT_MS / 1000} s, never hangs; reads go on; it works again once let go`, async () => {
    const dataDir = tempDir();
    const running = await testServer({ dataDir });
    expect(await running.todoNotice).toBeNull();
    const c = await TodoClient.loggedIn(running.url, 'alice');
    const kept = json(await c.add('before the lock'));
    const file = path.join(dataDir, TODO_DB_FILE_NAME);

    // Another program in the middle of a change: it holds the write lock and does not let go.
    const other = new DatabaseSync(file);
    other.exec(`BEGIN IMMEDIATE; INSERT INTO items (owner, title, created, updated) VALUES ('alice', 'not committed', 'x', 'x');`);
    try {
      const started = performance.now();
      const refused = await c.add('during the lock');
      const waited = performance.now() - started;
      expect(refused.status).toBe(503);
      // The sentence names no path: it reaches the window, and the data folder is no one else's business.
      expect(json(refused)).toEqual({
        error: `The to-do database is busy: another program has held it locked for over ${BUSY_WAIT_MS / 1000} seconds (another Session Lab, or an SQLite tool in the middle of a change). Nothing was done; try again in a moment.`,
      });
      expect(waited).toBeGreaterThanOrEqual(BUSY_WAIT_MS);
      expect(waited).toBeLessThan(BUSY_WAIT_MS + 1500);
      // A reader never waits for a writer (WAL), and sees only what is committed.
      const listed = await c.list();
      expect(listed.status).toBe(200);
      expect(json(listed)).toEqual({ items: [kept], notice: null });
      // The session lab on the same server is not held up either.
      expect((await c.get('/api/session')).status).toBe(200);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await c.add('after the lock')).status).toBe(201);
    expect((json(await c.list()) as { items: { title: string }[] }).items.map((i) => i.title)).toEqual(['before the lock', 'after the lock']);
  });

  it('a database file found corrupt at start is moved aside, and GET /api/todos says so', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, TODO_DB_FILE_NAME);
    const garbage = Buffer.from('SQLite format 3\0 but then nothing a database would hold '.repeat(40));
    fs.writeFileSync(file, garbage);
    const logged: string[] = [];
    const running = await testServer({ dataDir, log: (m) => logged.push(m) });
    // The database opens alongside listening; its notice settles once the file has been dealt with.
    const reported = await running.todoNotice;

    const aside = fs.readdirSync(dataDir).filter((f) => f.startsWith(`${TODO_DB_FILE_NAME}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^todos\.sqlite\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    const asidePath = path.join(dataDir, aside[0] ?? '');
    expect(fs.readFileSync(asidePath).equals(garbage)).toBe(true);

    // The window is told the file's name in the data folder; only the log has the full path.
    const notice = `The to-do database was corrupt (SQLite says: file is not a database) and has been moved aside to ${aside[0]} in the data folder; a new, empty to-do list was started. The old file is kept unchanged for recovery.`;
    expect(reported).toBe(notice);
    expect(reported).not.toContain(dataDir);
    expect(logged).toEqual([`Session Lab: ${notice.replace(`${aside[0]} in the data folder`, asidePath)}`]);
    const c = await TodoClient.loggedIn(running.url, 'alice');
    expect(json(await c.list())).toEqual({ items: [], notice });
    expect((await c.add('a fresh start')).status).toBe(201);
  });
});

describe('store failures become clear answers', () => {
  function failing(err: Error): TodoStore {
    const reject = () => Promise.reject(err);
    return { file: null, notice: null, list: reject, add: reject, update: reject, remove: reject, close: () => Promise.resolve() };
  }

  it('a full list answers 409 with the reason', async () => {
    const running = await testServer({ todoStore: failing(new TodoLimitError('Your list already holds 1000 to-dos, the most it can; delete some first.')) });
    const res = await (await TodoClient.loggedIn(running.url, 'alice')).add('one more');
    expect(res.status).toBe(409);
    expect(json(res)).toEqual({ error: 'Your list already holds 1000 to-dos, the most it can; delete some first.' });
  });

  it('a failed save answers 503 without its cause, which goes to the log', async () => {
    const logged: string[] = [];
    const cause = 'Saving the to-do database /data/todos.sqlite failed: ENOSPC: no space left on device';
    const running = await testServer({ todoStore: failing(new TodoSaveError(cause)), log: (m) => logged.push(m) });
    const res = await (await TodoClient.loggedIn(running.url, 'alice')).add('x');
    expect(res.status).toBe(503);
    expect(json(res)).toEqual({ error: 'Your change could not be saved to the to-do database, so it was not made. The error was logged; try again.' });
    expect(logged).toEqual([`Session Lab: ${cause}`]);
  });

  it('an unexpected failure is a plain 500, logged, with no stack in the answer', async () => {
    const logged: string[] = [];
    const running = await testServer({ todoStore: failing(new Error('boom at /secret/path')), log: (m) => logged.push(m) });
    const res = await (await TodoClient.loggedIn(running.url, 'alice')).list();
    expect(res.status).toBe(500);
    expect(json(res)).toEqual({ error: 'Something went wrong in the server. The error was logged.' });
    expect(logged.join('\n')).toContain('boom at /secret/path');
  });

  it('a store closed under a request answers 503', async () => {
    const running = await testServer({ todoStore: failing(new TodoDatabaseUnavailableError('The to-do database is closed: the server is shutting down.')) });
    const res = await (await TodoClient.loggedIn(running.url, 'alice')).list();
    expect(res.status).toBe(503);
  });
});

describe('growth is bounded', () => {
  it(`a database holding ${MAX_ITEMS_IN_ALL.toLocaleString('en-US')} to-dos in all refuses one more with 507 and a sentence, for every user; a delete makes room`, async () => {
    const dataDir = tempDir();
    const first = await testServer({ dataDir });
    // The schema as the server makes it; then fill it to the cap in one transaction, as many users would have.
    expect((await (await TodoClient.loggedIn(first.url, 'seed')).add('first')).status).toBe(201);
    await first.close();
    const db = new DatabaseSync(path.join(dataDir, TODO_DB_FILE_NAME));
    const insert = db.prepare(
      "INSERT INTO items (owner, title, done, created, updated) VALUES (?, 'x', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
    );
    db.exec('BEGIN');
    for (let i = 1; i < MAX_ITEMS_IN_ALL; i++) insert.run(`user${i % 997}`);
    db.exec('COMMIT');
    db.close();

    const running = await testServer({ dataDir });
    const c = await TodoClient.loggedIn(running.url, 'newcomer');
    const refused = await c.add('one too many');
    expect(refused.status).toBe(507);
    expect(json(refused)).toEqual({
      error: `The to-do database is full: it holds ${MAX_ITEMS_IN_ALL.toLocaleString('en-US')} to-dos in all, the most it keeps, so no more can be added until some are deleted.`,
    });
    expect(json(await c.list())).toEqual({ items: [], notice: null });
    // The seed's own item goes: there is room for one again.
    const seed = await TodoClient.loggedIn(running.url, 'seed');
    const [item] = (json(await seed.list()) as { items: { id: number }[] }).items;
    expect((await seed.delete(item!.id)).status).toBe(204);
    expect((await c.add('now it fits')).status).toBe(201);
  });

  it('a client making more than its writes a minute gets 429 with a sentence and Retry-After; reading goes on', async () => {
    const running = await testServer({ dataDir: tempDir(), todoWritesPerMinute: 3 });
    const c = await TodoClient.loggedIn(running.url, 'alice');
    for (let i = 1; i <= 3; i++) expect((await c.add(`item ${i}`)).status).toBe(201);
    const refused = await c.add('item 4');
    expect(refused.status).toBe(429);
    expect(json(refused)).toEqual({ error: 'Too many to-do changes: at most 3 a minute from one client. Wait a moment and try again.' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another user from the same computer shares the client's budget: usernames cost nothing.
    expect((await (await TodoClient.loggedIn(running.url, 'mallory')).add('sneak in')).status).toBe(429);
    expect((await c.list()).status).toBe(200);
    expect((json(await c.list()) as { items: unknown[] }).items).toHaveLength(3);
  });

  it.each([
    [undefined, TODO_WRITES_PER_MINUTE],
    ['', TODO_WRITES_PER_MINUTE],
    ['0', null],
    ['30', 30],
  ])('SESSION_LAB_TODO_WRITES_PER_MINUTE=%j means %j', (raw, expected) => {
    expect(todoWritesFromEnv({ SESSION_LAB_TODO_WRITES_PER_MINUTE: raw })).toBe(expected);
  });

  it.each(['-1', 'ten', '1.5', '9999999999'])('SESSION_LAB_TODO_WRITES_PER_MINUTE=%j is refused at start with a sentence', (raw) => {
    expect(() => todoWritesFromEnv({ SESSION_LAB_TODO_WRITES_PER_MINUTE: raw })).toThrow(
      `SESSION_LAB_TODO_WRITES_PER_MINUTE must be a whole number of writes a minute (0 for no limit), not ${JSON.stringify(raw)}.`,
    );
  });
});
