// Each user's to-do items in the to-do database: list, add, change, delete.
import { MAX_ITEMS_IN_ALL, MAX_ITEMS_PER_OWNER, type TodoChanges, type TodoItem } from '../../contract';
import { openTodoDatabase, TodoDatabaseUnavailableError, type OpenTodoDatabaseOptions, type TodoDatabase } from './todo-db';

export type { TodoChanges, TodoItem };

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
  /**
   * Rejects with TodoLimitError when the owner already has MAX_ITEMS_PER_OWNER
   * items, and with TodoStoreFullError when the database holds MAX_ITEMS_IN_ALL.
   */
  add(owner: string, title: string): Promise<TodoItem>;
  /** null: no such item for this owner. */
  update(owner: string, id: number, changes: TodoChanges): Promise<TodoItem | null>;
  /** false: no such item for this owner. */
  remove(owner: string, id: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * GET /api/todos answers with the whole list, so one list may not grow without
 * bound (MAX_ITEMS_PER_OWNER, far beyond a person's to-do list). The owner's list is full.
 */
export class TodoLimitError extends Error {
  override name = 'TodoLimitError';
}

/** The database holds MAX_ITEMS_IN_ALL to-dos, of every owner together: nothing more is added. */
export class TodoStoreFullError extends Error {
  override name = 'TodoStoreFullError';
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
    list: (owner) => database.read((db) => db.statement(`${SELECT_ITEM} FROM items WHERE owner = ? ORDER BY id`).all(owner).map(toItem)),
    add: (owner, title) =>
      database.write((db) => {
        const count = Number(db.statement('SELECT count(*) AS n FROM items WHERE owner = ?').get(owner)?.n ?? 0);
        if (count >= MAX_ITEMS_PER_OWNER) {
          throw new TodoLimitError(`Your list already holds ${MAX_ITEMS_PER_OWNER} to-dos, the most it can; delete some first.`);
        }
        // count(*) walks the smallest index: about 10 µs for 100,000 rows, measured.
        const total = Number(db.statement('SELECT count(*) AS n FROM items').get()?.n ?? 0);
        if (total >= MAX_ITEMS_IN_ALL) {
          throw new TodoStoreFullError(
            `The to-do database is full: it holds ${MAX_ITEMS_IN_ALL.toLocaleString('en-US')} to-dos in all, the most it keeps, so no more can be added until some are deleted.`,
          );
        }
        const now = clock().toISOString();
        const row = db
          .statement(`INSERT INTO items (owner, title, done, created, updated) VALUES (?, ?, 0, ?, ?) RETURNING ${ITEM_COLUMNS}`)
          .get(owner, title, now, now);
        if (row === undefined) throw new Error('The new to-do could not be read back.');
        return toItem(row);
      }),
    update: (owner, id, changes) =>
      database.write((db) => {
        const row = db
          .statement(`UPDATE items SET title = coalesce(?, title), done = coalesce(?, done), updated = ? WHERE id = ? AND owner = ? RETURNING ${ITEM_COLUMNS}`)
          .get(changes.title ?? null, changes.done === undefined ? null : Number(changes.done), clock().toISOString(), id, owner);
        return row === undefined ? null : toItem(row);
      }),
    remove: (owner, id) => database.write((db) => Number(db.statement('DELETE FROM items WHERE id = ? AND owner = ?').run(id, owner).changes) > 0),
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
 * server listen before the file is opened and checked (its integrity check
 * reads every page), so the session lab answers at once and only /api/todos
 * waits for the open.
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

const ITEM_COLUMNS = 'id, title, done, created, updated';
const SELECT_ITEM = `SELECT ${ITEM_COLUMNS}`;

function toItem(row: Record<string, unknown>): TodoItem {
  return { id: Number(row.id), title: String(row.title), done: row.done === 1, created: String(row.created), updated: String(row.updated) };
}
