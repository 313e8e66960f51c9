// The to-do database file: opening it (a corrupt one is set aside, never overwritten) and saving every change durably.
//
// sql.js keeps the whole database in memory; the file on disk is its exported
// image, replaced atomically after each change and before the change is
// acknowledged. One process owns the file at a time (a pid lock), because two
// in-memory copies writing whole images would silently undo each other.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { isTempFileOf, syncFolder, writeFileAtomic } from './atomic-file';
import { isErrno } from '../errno';
import { acquirePidLock, LockHeldError, type PidLock } from './pid-lock';
import { serialQueue } from '../serial-queue';
import { loadSqlite } from './sqlite-wasm';
import { migrate, NewerSchemaError } from './todo-schema';

export const TODO_DB_FILE_NAME = 'todos.sqlite';

export interface TodoDatabase {
  readonly file: string;
  /** What a person should know about the file found at start (it was corrupt and set aside), or null. */
  readonly notice: string | null;
  /** Runs a query after every change queued before it has been saved. */
  read<T>(query: (db: Database) => T): Promise<T>;
  /**
   * Runs `change` in a transaction and resolves once the result is on disk.
   * If it throws or the save fails, the database is as it was before.
   */
  write<T>(change: (db: Database) => T): Promise<T>;
  /** Waits for queued work, then closes the database and releases the file. */
  close(): Promise<void>;
}

export interface OpenTodoDatabaseOptions {
  /** The data dir; created if missing. */
  dir: string;
  log?: (message: string) => void;
  /** How an image reaches the disk; tests inject failures here. */
  save?: (file: string, bytes: Uint8Array) => Promise<void>;
  /** For the name of a set-aside corrupt file. */
  now?: () => Date;
}

/** The to-do database cannot be used; the message says why and what to do, for the person and the log. */
export class TodoDatabaseUnavailableError extends Error {
  override name = 'TodoDatabaseUnavailableError';
}

/** Saving a change failed; the change was undone. The cause is for the log, not the client. */
export class TodoSaveError extends Error {
  override name = 'TodoSaveError';
}

export async function openTodoDatabase(options: OpenTodoDatabaseOptions): Promise<TodoDatabase> {
  const { dir, log = console.error, save = writeFileAtomic, now = () => new Date() } = options;
  const file = path.join(dir, TODO_DB_FILE_NAME);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });

  let lock: PidLock;
  try {
    lock = acquirePidLock(`${file}.lock`);
  } catch (err) {
    if (!(err instanceof LockHeldError)) throw err;
    const who = err.pid === null ? 'another Session Lab that is starting' : `another Session Lab (process ${err.pid})`;
    throw new TodoDatabaseUnavailableError(
      `The to-do database ${file} is in use by ${who}. Close that one, then restart this one; until then to-dos are unavailable here. (If no other Session Lab is running, delete ${file}.lock.)`,
    );
  }

  try {
    const SQL = await loadSqlite();
    await removeStaleTempFiles(file);
    let notice: string | null = null;
    let db: Database;
    const opened = await readDatabase(SQL, file);
    if (opened.kind === 'corrupt') {
      const aside = await setAside(file, now());
      notice = `The to-do database was corrupt (${opened.reason}) and has been moved aside to ${aside}; a new, empty to-do list was started. The old file is kept unchanged for recovery.`;
      log(`Session Lab: ${notice}`);
      db = new SQL.Database();
    } else {
      db = opened.kind === 'ok' ? opened.db : new SQL.Database();
    }
    let migrated: boolean;
    try {
      migrated = migrate(db);
    } catch (err) {
      db.close();
      if (err instanceof NewerSchemaError) {
        throw new TodoDatabaseUnavailableError(
          `The to-do database ${file} was written by a newer Session Lab (${err.message}). Update Session Lab; the file is left untouched and to-dos are unavailable until then.`,
        );
      }
      throw err;
    }
    let savedImage: Uint8Array;
    if (opened.kind === 'ok' && !migrated) {
      savedImage = opened.bytes;
    } else {
      // Saved now, not on the first change: the file on disk always holds the current schema.
      savedImage = db.export();
      await save(file, savedImage);
    }
    return liveDatabase({ SQL, db, file, notice, save, lock, savedImage });
  } catch (err) {
    lock.release();
    throw err;
  }
}

interface LiveParts {
  SQL: SqlJsStatic;
  db: Database;
  file: string;
  notice: string | null;
  save: (file: string, bytes: Uint8Array) => Promise<void>;
  lock: PidLock;
  savedImage: Uint8Array;
}

function liveDatabase(parts: LiveParts): TodoDatabase {
  const { SQL, file, save, lock } = parts;
  let db: Database | null = parts.db;
  // The image last known to be on disk: after a failed save the in-memory
  // database goes back to it, so nothing unacknowledged is ever served.
  let savedImage = parts.savedImage;
  const queue = serialQueue();

  const open = (): Database => {
    if (db === null) throw new TodoDatabaseUnavailableError('The to-do database is closed: the server is shutting down.');
    return db;
  };

  return {
    file,
    notice: parts.notice,
    read: (query) => queue.run(() => query(open())),
    write: (change) =>
      queue.run(async () => {
        const current = open();
        const before = totalChanges(current);
        const result = inTransaction(current, change);
        // A change that matched nothing (someone else's id) has nothing to save.
        if (totalChanges(current) === before) return result;
        // export() closes and reopens sql.js's connection, so no prepared
        // statement may outlive a change; the store prepares per call.
        const image = current.export();
        try {
          await save(file, image);
        } catch (err) {
          current.close();
          db = new SQL.Database(savedImage);
          throw new TodoSaveError(`Saving the to-do database ${file} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        }
        savedImage = image;
        return result;
      }),
    close: () =>
      queue.run(() => {
        if (db === null) return;
        db.close();
        db = null;
        lock.release();
      }),
  };
}

function totalChanges(db: Database): number {
  return Number(db.exec('SELECT total_changes()')[0]?.values[0]?.[0] ?? 0);
}

function inTransaction<T>(db: Database, change: (db: Database) => T): T {
  db.exec('BEGIN');
  try {
    const result = change(db);
    db.exec('COMMIT');
    return result;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

type ReadResult = { kind: 'missing' } | { kind: 'ok'; db: Database; bytes: Uint8Array } | { kind: 'corrupt'; reason: string };

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Reads the file into sql.js and checks it; any unreadable file (permissions, a folder) is an error, not corruption. */
async function readDatabase(SQL: SqlJsStatic, file: string): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return { kind: 'missing' };
    throw new TodoDatabaseUnavailableError(
      `The to-do database ${file} cannot be read (${err instanceof Error ? err.message : String(err)}). Make it a file this user can read and write, then restart; until then to-dos are unavailable.`,
    );
  }
  // This app never writes an empty file (even a new database is a full image),
  // so an empty one is a lost write, e.g. a crash on a disk that does not
  // honour fsync: worth telling the person rather than quietly starting over.
  if (bytes.length === 0) return { kind: 'corrupt', reason: 'the file is empty' };
  if (bytes.length < SQLITE_HEADER.length || !bytes.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) {
    return { kind: 'corrupt', reason: 'it is not an SQLite database' };
  }
  let db: Database | null = null;
  try {
    db = new SQL.Database(bytes);
    const rows = db.exec('PRAGMA integrity_check')[0]?.values ?? [];
    const verdict = rows.map((row) => String(row[0])).join('; ');
    if (verdict !== 'ok') {
      db.close();
      return { kind: 'corrupt', reason: `the integrity check found: ${truncate(verdict, 200)}` };
    }
    return { kind: 'ok', db, bytes: new Uint8Array(bytes) };
  } catch (err) {
    db?.close();
    return { kind: 'corrupt', reason: `SQLite says: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * Renames a corrupt file to `<file>.corrupt-<UTC time>`, never over an existing
 * file, so its bytes stay exactly as found for whoever wants to recover them.
 */
async function setAside(file: string, when: Date): Promise<string> {
  // No ':' in the name: Windows forbids it.
  const stamp = when.toISOString().replace(/[:.]/g, '-');
  for (let n = 1; ; n++) {
    const target = `${file}.corrupt-${stamp}${n === 1 ? '' : `-${n}`}`;
    try {
      // We hold the lock, so nothing else creates names here between check and rename.
      await fs.access(target);
      continue;
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err;
    }
    await fs.rename(file, target);
    await syncFolder(path.dirname(file));
    return target;
  }
}

/** A crash between writing a temp file and renaming it leaves the temp behind; the real file is intact. */
async function removeStaleTempFiles(file: string): Promise<void> {
  const dir = path.dirname(file);
  for (const name of await fs.readdir(dir)) {
    if (isTempFileOf(file, name)) await fs.rm(path.join(dir, name), { force: true });
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
