// The to-do store on a real data dir: each owner's items, durable saves, old, corrupt and shared files.
import fs from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TODO_DB_FILE_NAME, TodoDatabaseUnavailableError, TodoSaveError } from '../../../server/todos/todo-db';
import { SCHEMA_VERSION } from '../../../server/todos/todo-schema';
import { MAX_ITEMS_PER_OWNER } from '../../../contract';
import {
  openTodoStore,
  pendingTodoStore,
  TodoLimitError,
  unavailableTodoStore,
  type OpenTodoStoreOptions,
  type TodoStore,
} from '../../../server/todos/todo-store';
import { tempDir } from '../../support/temp-dir';
import { readTodoFile } from '../../support/todo-file';

const open: TodoStore[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function store(dir: string, options: Partial<OpenTodoStoreOptions> = {}): Promise<TodoStore> {
  const s = await openTodoStore({ dir, log: () => {}, ...options });
  open.push(s);
  return s;
}

const dbFile = (dir: string) => path.join(dir, TODO_DB_FILE_NAME);

/** Runs SQL on the file through a connection of its own, as another program would. */
function withConnection<T>(file: string, use: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(file);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

describe('a new data dir', () => {
  it('gets todos.sqlite with the current schema and an empty list, and no notice', async () => {
    const dir = path.join(tempDir(), 'not-yet-created');
    const s = await store(dir);
    expect(s.file).toBe(dbFile(dir));
    expect(s.notice).toBeNull();
    expect(await s.list('alice')).toEqual([]);
    const onDisk = readTodoFile(dbFile(dir));
    expect(onDisk).toEqual({ integrity: 'ok', schemaVersion: SCHEMA_VERSION, rows: [] });
  });

  it.skipIf(process.platform === 'win32')('keeps the database and its WAL private to the user (mode 0600), as the key file is', async () => {
    const dir = tempDir();
    await (await store(dir)).add('alice', 'private');
    const modes = Object.fromEntries(fs.readdirSync(dir).map((name) => [name, (fs.statSync(path.join(dir, name)).mode & 0o777).toString(8)]));
    expect(modes).toEqual({ [TODO_DB_FILE_NAME]: '600', [`${TODO_DB_FILE_NAME}-wal`]: '600', [`${TODO_DB_FILE_NAME}-shm`]: '600' });
  });
});

describe('items', () => {
  it('are added, listed in order, changed and deleted, each with its times', async () => {
    let now = new Date('2026-03-01T10:00:00.000Z');
    const s = await store(tempDir(), { clock: () => now });
    const first = await s.add('alice', 'Buy milk');
    expect(first).toEqual({ id: 1, title: 'Buy milk', done: false, created: '2026-03-01T10:00:00.000Z', updated: '2026-03-01T10:00:00.000Z' });
    const second = await s.add('alice', 'Walk the dog');
    now = new Date('2026-03-01T11:00:00.000Z');
    expect(await s.update('alice', first.id, { done: true })).toEqual({ ...first, done: true, updated: '2026-03-01T11:00:00.000Z' });
    expect(await s.update('alice', second.id, { title: 'Walk the cat' })).toMatchObject({ title: 'Walk the cat', done: false });
    expect(await s.update('alice', first.id, { title: 'Buy oat milk', done: false })).toMatchObject({ title: 'Buy oat milk', done: false });
    expect((await s.list('alice')).map((i) => i.title)).toEqual(['Buy oat milk', 'Walk the cat']);
    expect(await s.remove('alice', first.id)).toBe(true);
    expect(await s.remove('alice', first.id)).toBe(false);
    expect((await s.list('alice')).map((i) => i.id)).toEqual([second.id]);
  });

  it("of one owner are invisible to another: listing, changing and deleting someone else's item all miss", async () => {
    const dir = tempDir();
    const s = await store(dir);
    const item = await s.add('alice', 'Secret plan');
    expect(await s.list('bob')).toEqual([]);
    expect(await s.update('bob', item.id, { done: true })).toBeNull();
    expect(await s.remove('bob', item.id)).toBe(false);
    // Owners are exact: a username differing only in case is someone else.
    expect(await s.list('Alice')).toEqual([]);
    expect(await s.list('alice')).toEqual([item]);
    expect(readTodoFile(dbFile(dir)).rows).toEqual([{ id: item.id, owner: 'alice', title: 'Secret plan', done: 0 }]);
  });

  it('never reuse the id of a deleted item', async () => {
    const s = await store(tempDir());
    const a = await s.add('alice', 'one');
    await s.remove('alice', a.id);
    const b = await s.add('alice', 'two');
    expect(b.id).toBeGreaterThan(a.id);
  });

  it(`are limited to ${MAX_ITEMS_PER_OWNER} per owner`, async () => {
    const s = await store(tempDir());
    for (let i = 0; i < MAX_ITEMS_PER_OWNER; i++) await s.add('alice', `item ${i}`);
    await expect(s.add('alice', 'one more')).rejects.toThrow(TodoLimitError);
    await expect(s.add('alice', 'one more')).rejects.toThrow(`Your list already holds ${MAX_ITEMS_PER_OWNER} to-dos`);
    expect(await s.add('bob', 'his first')).toMatchObject({ title: 'his first' });
  });
});

describe('saving', () => {
  it('every change is in the file on disk by the time it resolves', async () => {
    const dir = tempDir();
    const s = await store(dir);
    const item = await s.add('alice', 'Durable');
    expect(readTodoFile(dbFile(dir)).rows).toEqual([{ id: item.id, owner: 'alice', title: 'Durable', done: 0 }]);
    await s.update('alice', item.id, { done: true });
    expect(readTodoFile(dbFile(dir)).rows[0]?.done).toBe(1);
    await s.remove('alice', item.id);
    expect(readTodoFile(dbFile(dir)).rows).toEqual([]);
  });

  it('concurrent changes are applied one at a time, and every one is saved', async () => {
    const dir = tempDir();
    const s = await store(dir);
    const added = await Promise.all(Array.from({ length: 40 }, (_, i) => s.add(i % 2 ? 'alice' : 'bob', `item ${i}`)));
    expect(new Set(added.map((i) => i.id)).size).toBe(40);
    const onDisk = readTodoFile(dbFile(dir));
    expect(onDisk.integrity).toBe('ok');
    expect(onDisk.rows.map((r) => r.title).sort()).toEqual(added.map((i) => i.title).sort());
    // While open: the database, its WAL and the WAL's index, nothing else.
    expect(fs.readdirSync(dir).sort()).toEqual([TODO_DB_FILE_NAME, `${TODO_DB_FILE_NAME}-shm`, `${TODO_DB_FILE_NAME}-wal`]);
  });

  it('a change that fails inside SQLite is undone, rejects with TodoSaveError, and the next change is saved', async () => {
    const dir = tempDir();
    const s = await store(dir);
    await s.add('alice', 'kept');
    // Another program's trigger makes exactly this insert fail, the way a full disk would fail it.
    withConnection(dbFile(dir), (db) =>
      db.exec(`CREATE TRIGGER refuse AFTER INSERT ON items WHEN NEW.title = 'lost' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;`),
    );
    await expect(s.add('alice', 'lost')).rejects.toThrow(TodoSaveError);
    await expect(s.add('alice', 'lost')).rejects.toThrow(`Saving the to-do database ${dbFile(dir)} failed: database or disk is full`);
    expect((await s.list('alice')).map((i) => i.title)).toEqual(['kept']);
    await s.add('alice', 'after');
    expect(readTodoFile(dbFile(dir)).rows.map((r) => r.title)).toEqual(['kept', 'after']);
  });

  it('items survive closing and opening again', async () => {
    const dir = tempDir();
    const first = await store(dir);
    const item = await first.add('alice', 'Still here');
    await first.close();
    await expect(first.list('alice')).rejects.toThrow(TodoDatabaseUnavailableError);
    const second = await store(dir);
    expect(await second.list('alice')).toEqual([item]);
  });

  it('once closed, the whole database is todos.sqlite alone, safe to copy', async () => {
    const dir = tempDir();
    const s = await store(dir);
    await s.add('alice', 'Copied along');
    await s.close();
    expect(fs.readdirSync(dir)).toEqual([TODO_DB_FILE_NAME]);
    const copy = path.join(tempDir(), 'copy.sqlite');
    fs.copyFileSync(dbFile(dir), copy);
    expect(readTodoFile(copy).rows).toMatchObject([{ owner: 'alice', title: 'Copied along' }]);
  });
});

describe('a todos.sqlite written by the sql.js version (test/fixtures/todos-sqljs-v1.sqlite)', () => {
  it('opens without a notice and lists every item of both owners exactly, and new ids follow the old ones', async () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(__dirname, '..', '..', 'fixtures', 'todos-sqljs-v1.sqlite'), dbFile(dir));
    const s = await store(dir);
    expect(s.notice).toBeNull();
    expect(await s.list('alice')).toEqual([
      { id: 1, title: 'Buy milk', done: true, created: '2026-03-01T09:01:00.000Z', updated: '2026-03-01T09:05:00.000Z' },
      { id: 2, title: 'Crème brûlée for Zoë', done: false, created: '2026-03-01T09:02:00.000Z', updated: '2026-03-01T09:02:00.000Z' },
      { id: 5, title: 'Walk the dog', done: false, created: '2026-03-01T09:07:00.000Z', updated: '2026-03-01T09:07:00.000Z' },
    ]);
    expect(await s.list('Zoë')).toEqual([
      { id: 3, title: '日本語のメモ 📝 (done)', done: true, created: '2026-03-01T09:03:00.000Z', updated: '2026-03-01T09:06:00.000Z' },
      { id: 4, title: 'Ünïcödé “quotes” — and dashes', done: false, created: '2026-03-01T09:04:00.000Z', updated: '2026-03-01T09:04:00.000Z' },
    ]);
    // Id 6 was handed out and deleted under sql.js: it is never given again.
    expect((await s.add('Zoë', 'After the upgrade')).id).toBe(7);
    await s.close();
    const s2 = await store(dir);
    expect((await s2.list('Zoë')).map((i) => i.title)).toEqual(['日本語のメモ 📝 (done)', 'Ünïcödé “quotes” — and dashes', 'After the upgrade']);
  });
});

describe('a corrupt database file', () => {
  /** A real database with a few items, to damage. */
  async function validImage(): Promise<Buffer> {
    const source = tempDir();
    const s = await store(source);
    for (let i = 0; i < 30; i++) await s.add('alice', `item ${i} ${'x'.repeat(150)}`);
    await s.close();
    return fs.readFileSync(dbFile(source));
  }

  /** Readable, but its index no longer matches its rows: integrity_check answers, it does not throw. */
  async function badIndexImage(): Promise<Buffer> {
    const file = path.join(tempDir(), 'bad-index.sqlite');
    fs.writeFileSync(file, await validImage());
    withConnection(file, (db) => {
      // Defensive mode (node:sqlite's default) forbids exactly this kind of damage.
      db.enableDefensive(false);
      db.exec(`PRAGMA writable_schema = ON;
        UPDATE sqlite_master SET sql = 'CREATE INDEX items_by_owner ON items (title, id)' WHERE name = 'items_by_owner';
        PRAGMA writable_schema = OFF;`);
    });
    return fs.readFileSync(file);
  }

  const cases: [string, () => Promise<Buffer>, string][] = [
    ['text, not SQLite', () => Promise.resolve(Buffer.from('these are my to-dos, typed into the wrong file\n')), 'it is not an SQLite database'],
    ['empty', () => Promise.resolve(Buffer.alloc(0)), 'the file is empty'],
    ['an SQLite file cut short', async () => (await validImage()).subarray(0, 5000), 'SQLite says: database disk image is malformed'],
    ['an SQLite file with a page overwritten', async () => (await validImage()).fill(0x41, 4096, 8192), 'SQLite says: database disk image is malformed'],
    ['an SQLite file whose index does not match its rows', badIndexImage, 'the integrity check found: row 1 missing from index items_by_owner; row 2 missing'],
  ];

  it.each(cases)('(%s) is moved aside unchanged, reported, and a fresh list starts', async (_name, bytes, reason) => {
    const dir = tempDir();
    const damaged = await bytes();
    fs.writeFileSync(dbFile(dir), damaged);
    const logged: string[] = [];
    const fresh = await store(dir, { log: (m) => logged.push(m), now: () => new Date('2026-03-01T10:20:30.456Z') });

    const aside = `${dbFile(dir)}.corrupt-2026-03-01T10-20-30-456Z`;
    expect(fresh.notice).toContain(`The to-do database was corrupt (${reason}`);
    // The notice reaches the window: it names the file in the data folder; the log has the full path.
    expect(fresh.notice).toContain(
      `) and has been moved aside to ${TODO_DB_FILE_NAME}.corrupt-2026-03-01T10-20-30-456Z in the data folder; a new, empty to-do list was started. The old file is kept unchanged for recovery.`,
    );
    expect(fresh.notice).not.toContain(dir);
    expect(logged).toEqual([`Session Lab: ${(fresh.notice ?? '').replace(`${TODO_DB_FILE_NAME}.corrupt-2026-03-01T10-20-30-456Z in the data folder`, aside)}`]);
    expect(fs.readFileSync(aside).equals(damaged)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(dbFile(dir)).mode & 0o777).toBe(0o600);
    expect(await fresh.list('alice')).toEqual([]);
    await fresh.add('alice', 'a new start');
    expect(readTodoFile(dbFile(dir))).toMatchObject({ integrity: 'ok', rows: [{ title: 'a new start' }] });
  });

  it('moved aside twice in the same millisecond keeps both copies', async () => {
    const dir = tempDir();
    const when = () => new Date('2026-03-01T10:20:30.456Z');
    fs.writeFileSync(dbFile(dir), 'first garbage');
    await (await store(dir, { now: when })).close();
    fs.writeFileSync(dbFile(dir), 'second garbage');
    await store(dir, { now: when });
    const base = `${dbFile(dir)}.corrupt-2026-03-01T10-20-30-456Z`;
    expect(fs.readFileSync(base, 'utf8')).toBe('first garbage');
    expect(fs.readFileSync(`${base}-2`, 'utf8')).toBe('second garbage');
  });
});

describe('a WAL found without its database', () => {
  it('is moved aside unchanged and reported, never replayed into (or wiped by) the new database', async () => {
    const dir = tempDir();
    const s = await store(dir);
    await s.add('alice', 'only in the WAL');
    // As a crash leaves it: the change is committed to the WAL, not yet folded into the file.
    const wal = fs.readFileSync(`${dbFile(dir)}-wal`);
    await s.close();
    fs.rmSync(dbFile(dir));
    fs.writeFileSync(`${dbFile(dir)}-wal`, wal);

    const logged: string[] = [];
    const fresh = await store(dir, { log: (m) => logged.push(m), now: () => new Date('2026-03-01T10:20:30.456Z') });
    const aside = `${dbFile(dir)}.orphan-2026-03-01T10-20-30-456Z-wal`;
    expect(fresh.notice).toBe(
      `Found ${TODO_DB_FILE_NAME}-wal without the to-do database it belongs to (was ${TODO_DB_FILE_NAME} in the data folder moved or deleted on its own?); moved it aside, unchanged, to ${TODO_DB_FILE_NAME}.orphan-2026-03-01T10-20-30-456Z-wal in the data folder, and started a new, empty to-do list.`,
    );
    expect(logged).toEqual([
      `Session Lab: Found ${TODO_DB_FILE_NAME}-wal without the to-do database it belongs to (was ${dbFile(dir)} moved or deleted on its own?); moved it aside, unchanged, to ${aside}, and started a new, empty to-do list.`,
    ]);
    expect(fs.readFileSync(aside).equals(wal)).toBe(true);
    expect(await fresh.list('alice')).toEqual([]);
  });
});

describe('a database the store must not touch', () => {
  it('from a newer Session Lab is refused and left as it is', async () => {
    const dir = tempDir();
    await (await store(dir)).close();
    withConnection(dbFile(dir), (db) => db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`));
    const newer = fs.readFileSync(dbFile(dir));

    const attempt = openTodoStore({ dir, log: () => {} });
    await expect(attempt).rejects.toThrow(TodoDatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(`was written by a newer Session Lab (it has schema version ${SCHEMA_VERSION + 1}`);
    expect(fs.readFileSync(dbFile(dir)).equals(newer)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([TODO_DB_FILE_NAME]);
  });
});

describe('two stores on one file (two connections, as the desktop app and npm run serve are)', () => {
  it('both open it, and each lists what the other changed, with no id given twice', async () => {
    const dir = tempDir();
    const first = await store(dir);
    const second = await store(dir);
    expect(second.notice).toBeNull();
    const a = await first.add('alice', 'from the app');
    const b = await second.add('alice', 'from serve');
    expect(b.id).toBe(a.id + 1);
    await second.update('alice', a.id, { done: true });
    expect((await first.list('alice')).map((i) => [i.title, i.done])).toEqual([
      ['from the app', true],
      ['from serve', false],
    ]);
    const together = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).add('bob', `item ${i}`)));
    expect(new Set(together.map((i) => i.id)).size).toBe(20);
    expect(await first.list('bob')).toEqual(await second.list('bob'));
  });
});

describe('a database file that cannot be read', () => {
  it('is not mistaken for a corrupt one: the store is unavailable, saying why, and nothing is moved', async () => {
    const dir = tempDir();
    fs.mkdirSync(dbFile(dir));
    const attempt = openTodoStore({ dir, log: () => {} });
    await expect(attempt).rejects.toThrow(TodoDatabaseUnavailableError);
    await expect(attempt).rejects.toThrow('The to-do database (todos.sqlite in the data folder) cannot be read (EISDIR: read failed).');
    await expect(attempt).rejects.toMatchObject({
      logMessage: expect.stringContaining(`The to-do database ${dbFile(dir)} cannot be read (EISDIR: illegal operation on a directory`) as unknown,
    });
    expect(fs.readdirSync(dir)).toEqual([TODO_DB_FILE_NAME]);
  });

  it('in a data dir that cannot be created is unavailable, saying why', async () => {
    // A file where a parent folder should be: mkdir fails even for root.
    const blocker = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const dir = path.join(blocker, 'Session Lab');
    const attempt = openTodoStore({ dir, log: () => {} });
    await expect(attempt).rejects.toThrow(TodoDatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(
      'The to-do database (todos.sqlite in the data folder) cannot be written (ENOTDIR: mkdir failed). Session Lab keeps to-dos there and needs to write both the file and its folder, the data folder: make them writable by this user, then restart; until then to-dos are unavailable.',
    );
    await expect(attempt).rejects.toMatchObject({
      logMessage: `The to-do database ${dbFile(dir)} cannot be written (ENOTDIR: not a directory, mkdir '${dir}'). Session Lab keeps to-dos there and needs to write both the file and its folder, ${dir}: make them writable by this user, then restart; until then to-dos are unavailable.`,
    });
  });
});

describe('a store whose database is still opening', () => {
  it('holds every call until the open settles, then answers from the opened store', async () => {
    const dir = tempDir();
    let finishOpen!: (s: TodoStore) => void;
    const pending = pendingTodoStore(new Promise<TodoStore>((resolve) => (finishOpen = resolve)));
    expect(pending.notice).toBeNull();
    expect(pending.file).toBeNull();

    let answered = false;
    const adding = pending.add('alice', 'Early').then((item) => ((answered = true), item));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);

    finishOpen(await store(dir));
    expect(await adding).toMatchObject({ id: 1, title: 'Early', done: false });
    expect((await pending.list('alice')).map((i) => i.title)).toEqual(['Early']);
    expect(pending.file).toBe(dbFile(dir));
  });

  it('passes on the reason when the open ended unavailable', async () => {
    const pending = pendingTodoStore(Promise.resolve(unavailableTodoStore('The disk is gone.')));
    await expect(pending.list('alice')).rejects.toThrow(new TodoDatabaseUnavailableError('The disk is gone.'));
    expect(pending.notice).toBe('The disk is gone.');
  });
});
