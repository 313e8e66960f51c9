// Each user's to-do items in the to-do database: list, add, change, delete.
import type { Database, SqlValue } from 'sql.js';
import { openTodoDatabase, TodoDatabaseUnavailableError, type OpenTodoDatabaseOptions, type TodoDatabase } from './todo-db';

/** One to-do as the API returns it. Times are ISO 8601 UTC. */
export interface TodoItem {
  id: number;
  title: string;
  done: boolean;
  created: string;
  updated: string;
}

export interface TodoChanges {
  title?: string;
  done?: boolean;
}

/**
 * Every item belongs to one owner (a session's username); an item of another
 * owner behaves exactly like one that does not exist.
 */
export interface TodoStore {
  /** The database file, or null when to-dos are unavailable. */
  readonly file: string | null;
  /** What a person should know about the to-do database (set aside as corrupt, or unavailable), or null. */
  readonly notice: string | null;
  list(owner: string): Promise<TodoItem[]>;
  /** Rejects with TodoLimitError when the owner already has MAX_ITEMS_PER_OWNER items. */
  add(owner: string, title: string): Promise<TodoItem>;
  /** null: no such item for this owner. */
  update(owner: string, id: number, changes: TodoChanges): Promise<TodoItem | null>;
  /** false: no such item for this owner. */
  remove(owner: string, id: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Every change rewrites the whole database file (see todo-db.ts), so one list
 * may not grow without bound; a thousand is far beyond a person's to-do list.
 */
export const MAX_ITEMS_PER_OWNER = 1000;

export class TodoLimitError extends Error {
  override name = 'TodoLimitError';
}

export interface OpenTodoStoreOptions extends OpenTodoDatabaseOptions {
  /** The clock for created/updated. */
  clock?: () => Date;
}

export async function openTodoStore(options: OpenTodoStoreOptions): Promise<TodoStore> {
  return todoStore(await openTodoDatabase(options), options.clock);
}

export function todoStore(database: TodoDatabase, clock: () => Date = () => new Date()): TodoStore {
  return {
    file: database.file,
    notice: database.notice,
    list: (owner) => database.read((db) => rows(db, `${SELECT_ITEM} WHERE owner = ? ORDER BY id`, [owner])),
    add: (owner, title) =>
      database.write((db) => {
        const count = Number(db.exec('SELECT count(*) FROM items WHERE owner = ?', [owner])[0]?.values[0]?.[0] ?? 0);
        if (count >= MAX_ITEMS_PER_OWNER) {
          throw new TodoLimitError(`Your list already holds ${MAX_ITEMS_PER_OWNER} to-dos, the most it can; delete some first.`);
        }
        const now = clock().toISOString();
        db.run('INSERT INTO items (owner, title, done, created, updated) VALUES (?, ?, 0, ?, ?)', [owner, title, now, now]);
        const id = Number(db.exec('SELECT last_insert_rowid()')[0]?.values[0]?.[0]);
        const item = itemOf(db, owner, id);
        if (item === null) throw new Error(`The new to-do ${id} could not be read back.`);
        return item;
      }),
    update: (owner, id, changes) =>
      database.write((db) => {
        if (itemOf(db, owner, id) === null) return null;
        db.run('UPDATE items SET title = coalesce(?, title), done = coalesce(?, done), updated = ? WHERE id = ? AND owner = ?', [
          changes.title ?? null,
          changes.done === undefined ? null : Number(changes.done),
          clock().toISOString(),
          id,
          owner,
        ]);
        return itemOf(db, owner, id);
      }),
    remove: (owner, id) =>
      database.write((db) => {
        db.run('DELETE FROM items WHERE id = ? AND owner = ?', [id, owner]);
        return db.getRowsModified() > 0;
      }),
    close: () => database.close(),
  };
}

/** A store for a server without a usable database: every call rejects with the reason. */
export function unavailableTodoStore(reason: string): TodoStore {
  const refuse = (): Promise<never> => Promise.reject(new TodoDatabaseUnavailableError(reason));
  return { file: null, notice: reason, list: refuse, add: refuse, update: refuse, remove: refuse, close: () => Promise.resolve() };
}

/**
 * A store whose database is still opening: each call waits for it. It lets the
 * server listen before sql.js has compiled and the file is read (about 80 ms),
 * so the session lab answers at once and only /api/todos waits for the open.
 * `opening` must not reject: an open that fails resolves to unavailableTodoStore.
 */
export function pendingTodoStore(opening: Promise<TodoStore>): TodoStore {
  let opened: TodoStore | undefined;
  const ready = opening.then((store) => (opened = store));
  return {
    // Read by the routes only after a call has awaited the open, so they are settled then.
    get file() {
      return opened?.file ?? null;
    },
    get notice() {
      return opened?.notice ?? null;
    },
    list: async (owner) => (await ready).list(owner),
    add: async (owner, title) => (await ready).add(owner, title),
    update: async (owner, id, changes) => (await ready).update(owner, id, changes),
    remove: async (owner, id) => (await ready).remove(owner, id),
    close: async () => (await ready).close(),
  };
}

const SELECT_ITEM = 'SELECT id, title, done, created, updated FROM items';

function itemOf(db: Database, owner: string, id: number): TodoItem | null {
  return rows(db, `${SELECT_ITEM} WHERE id = ? AND owner = ?`, [id, owner])[0] ?? null;
}

function rows(db: Database, sql: string, params: SqlValue[]): TodoItem[] {
  // Prepared per call: sql.js frees every statement when the database is exported.
  const statement = db.prepare(sql, params);
  try {
    const items: TodoItem[] = [];
    while (statement.step()) {
      const [id, title, done, created, updated] = statement.get();
      items.push({ id: Number(id), title: String(title), done: done === 1, created: String(created), updated: String(updated) });
    }
    return items;
  } finally {
    statement.free();
  }
}
