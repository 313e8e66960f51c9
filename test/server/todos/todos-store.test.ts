// The to-do store on a real data dir: each owner's items, durable saves, corrupt and locked files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TODO_DB_FILE_NAME, TodoDatabaseUnavailableError, TodoSaveError } from '../../../server/todos/todo-db';
import { loadSqlite } from '../../../server/todos/sqlite-wasm';
import { SCHEMA_VERSION } from '../../../server/todos/todo-schema';
import { MAX_ITEMS_PER_OWNER, openTodoStore, pendingTodoStore, TodoLimitError, unavailableTodoStore, type OpenTodoStoreOptions, type TodoStore } from '../../../server/todos/todo-store';
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

/** A pid that surely runs no process: one that has just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('a new data dir', () => {
  it('gets todos.sqlite with the current schema and an empty list, and no notice', async () => {
    const dir = path.join(tempDir(), 'not-yet-created');
    const s = await store(dir);
    expect(s.file).toBe(dbFile(dir));
    expect(s.notice).toBeNull();
    expect(await s.list('alice')).toEqual([]);
    const onDisk = await readTodoFile(dbFile(dir));
    expect(onDisk).toEqual({ integrity: 'ok', schemaVersion: SCHEMA_VERSION, rows: [] });
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
    expect((await readTodoFile(dbFile(dir))).rows).toEqual([{ id: item.id, owner: 'alice', title: 'Secret plan', done: 0 }]);
  });

  it('never reuse the id of a deleted item', async () => {
    const s = await store(tempDir());
    const a = await s.add('alice', 'one');
    await s.remove('alice', a.id);
    const b = await s.add('alice', 'two');
    expect(b.id).toBeGreaterThan(a.id);
  });

  it(`are limited to ${MAX_ITEMS_PER_OWNER} per owner`, async () => {
    // Saving is not what is under test here: skip the disk for speed.
    const s = await store(tempDir(), { save: () => Promise.resolve() });
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
    expect((await readTodoFile(dbFile(dir))).rows).toEqual([{ id: item.id, owner: 'alice', title: 'Durable', done: 0 }]);
    await s.update('alice', item.id, { done: true });
    expect((await readTodoFile(dbFile(dir))).rows[0]?.done).toBe(1);
    await s.remove('alice', item.id);
    expect((await readTodoFile(dbFile(dir))).rows).toEqual([]);
  });

  it('concurrent changes are applied one at a time, and every one is saved', async () => {
    const dir = tempDir();
    const s = await store(dir);
    const added = await Promise.all(Array.from({ length: 40 }, (_, i) => s.add(i % 2 ? 'alice' : 'bob', `item ${i}`)));
    expect(new Set(added.map((i) => i.id)).size).toBe(40);
    const onDisk = await readTodoFile(dbFile(dir));
    expect(onDisk.integrity).toBe('ok');
    expect(onDisk.rows.map((r) => r.title).sort()).toEqual(added.map((i) => i.title).sort());
    // No temp file is left behind.
    expect(fs.readdirSync(dir).sort()).toEqual([TODO_DB_FILE_NAME, `${TODO_DB_FILE_NAME}.lock`]);
  });

  it('a change whose save fails is undone: it is neither listed nor saved later', async () => {
    const dir = tempDir();
    let failNext = false;
    const s = await store(dir, {
      save: async (file, bytes) => {
        if (failNext) {
          failNext = false;
          throw new Error('ENOSPC: no space left on device');
        }
        fs.writeFileSync(file, bytes);
      },
    });
    await s.add('alice', 'kept');
    failNext = true;
    await expect(s.add('alice', 'lost')).rejects.toThrow(TodoSaveError);
    expect((await s.list('alice')).map((i) => i.title)).toEqual(['kept']);
    await s.add('alice', 'after');
    expect((await readTodoFile(dbFile(dir))).rows.map((r) => r.title)).toEqual(['kept', 'after']);
  });

  it('a change that matches nothing writes nothing', async () => {
    let saves = 0;
    const s = await store(tempDir(), { save: () => Promise.resolve(void saves++) });
    const before = saves;
    expect(await s.update('alice', 42, { done: true })).toBeNull();
    expect(await s.remove('alice', 42)).toBe(false);
    expect(saves).toBe(before);
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

  it('temp files a crash left behind are removed at open; other files are not', async () => {
    const dir = tempDir();
    await (await store(dir)).close();
    const stale = `${dbFile(dir)}.0123456789abcdef.tmp`;
    const unrelated = path.join(dir, 'notes.tmp');
    fs.writeFileSync(stale, 'half a database');
    fs.writeFileSync(unrelated, 'mine');
    await store(dir);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(unrelated)).toBe(true);
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
    const SQL = await loadSqlite();
    const db = new SQL.Database(await validImage());
    db.exec(`PRAGMA writable_schema = ON;
      UPDATE sqlite_master SET sql = 'CREATE INDEX items_by_owner ON items (title, id)' WHERE name = 'items_by_owner';
      PRAGMA writable_schema = OFF;`);
    const bytes = Buffer.from(db.export());
    db.close();
    return bytes;
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
    expect(fresh.notice).toContain(
      `) and has been moved aside to ${aside}; a new, empty to-do list was started. The old file is kept unchanged for recovery.`,
    );
    expect(logged).toEqual([`Session Lab: ${fresh.notice ?? ''}`]);
    expect(fs.readFileSync(aside).equals(damaged)).toBe(true);
    expect(await fresh.list('alice')).toEqual([]);
    await fresh.add('alice', 'a new start');
    expect(await readTodoFile(dbFile(dir))).toMatchObject({ integrity: 'ok', rows: [{ title: 'a new start' }] });
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

describe('a database the store must not touch', () => {
  it('from a newer Session Lab is refused and left as it is', async () => {
    const dir = tempDir();
    await (await store(dir)).close();
    const SQL = await loadSqlite();
    const db = new SQL.Database(fs.readFileSync(dbFile(dir)));
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    const newer = Buffer.from(db.export());
    db.close();
    fs.writeFileSync(dbFile(dir), newer);

    const attempt = openTodoStore({ dir, log: () => {} });
    await expect(attempt).rejects.toThrow(TodoDatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(`was written by a newer Session Lab (it has schema version ${SCHEMA_VERSION + 1}`);
    expect(fs.readFileSync(dbFile(dir)).equals(newer)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([TODO_DB_FILE_NAME]);
  });

  it('open in another live store is refused with the holder named, and free again once it closes', async () => {
    const dir = tempDir();
    const first = await store(dir);
    await expect(openTodoStore({ dir, log: () => {} })).rejects.toThrow(
      `The to-do database ${dbFile(dir)} is in use by another Session Lab (process ${process.pid}).`,
    );
    await first.close();
    await expect(store(dir)).resolves.toBeDefined();
  });

  it('a lock left by a process that died (a crash) is taken over', async () => {
    const dir = tempDir();
    fs.writeFileSync(`${dbFile(dir)}.lock`, `${deadPid()}\n`);
    const s = await store(dir);
    expect(fs.readFileSync(`${dbFile(dir)}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await s.close();
    expect(fs.existsSync(`${dbFile(dir)}.lock`)).toBe(false);
  });
});

describe('a database file that cannot be read', () => {
  it('is not mistaken for a corrupt one: the store is unavailable, saying why, and nothing is moved', async () => {
    const dir = tempDir();
    fs.mkdirSync(dbFile(dir));
    const attempt = openTodoStore({ dir, log: () => {} });
    await expect(attempt).rejects.toThrow(TodoDatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(`The to-do database ${dbFile(dir)} cannot be read (EISDIR`);
    expect(fs.readdirSync(dir)).toEqual([TODO_DB_FILE_NAME]);
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
