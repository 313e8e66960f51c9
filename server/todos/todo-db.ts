// The to-do database: one SQLite file (node:sqlite), each change its own durable transaction; a corrupt file is set aside, never overwritten.
//
// Journal: WAL with synchronous=FULL. A commit appends the change to
// todos.sqlite-wal and fsyncs it before the change is acknowledged, so a
// confirmed change survives the process being killed and a power cut alike
// (with NORMAL it would survive the kill but not the power cut; with a
// rollback journal the same promise costs several syncs per commit, not one:
// 0.55 ms per commit instead of 0.15 ms, measured on the bench machine).
// Readers never wait for a writer, so two processes on one file (the desktop
// app and `npm run serve` share the data dir) mostly do not block each other.
// The price is that todos.sqlite alone is not the whole database while one is
// open, or after a crash: its -wal belongs to it (see todo-db-files.ts). A
// clean close of the last connection folds the WAL back in and deletes it.
// SQLite does its own file I/O, not Electron's patched fs, which is fine: the
// database lives in the data dir, never inside app.asar, and WAL's shared
// memory needs only a local disk.
//
// Two processes: SQLite's own file locks let both use the file at once; each
// change is a transaction, so neither undoes the other's (the sql.js version
// had to refuse a second process with a pid lock, because it rewrote the
// whole file from memory). Writers take turns; a writer kept waiting longer
// than BUSY_WAIT_MS is answered "busy" (a 503) instead of hanging.
import fs from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { errorMessage } from '../../contract';
import { isSqliteError, retryWhileBusy, sqliteCode, SQLITE_BUSY, SQLITE_BUSY_TIMEOUT_MS, SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_READONLY } from './sqlite-busy';
import { createPrivateFile, findTodoFile, orphanedCompanions, setAside, whyNotWritable } from './todo-db-files';
import { migrate, NewerSchemaError, schemaVersion, SCHEMA_VERSION } from './todo-schema';

export const TODO_DB_FILE_NAME = 'todos.sqlite';

/** How long a read or a change waits, in all, for another connection's lock before it is answered "busy". */
export const BUSY_WAIT_MS = 3000;

/** What queries and changes get: the open connection, with each statement prepared once and reused. */
export interface TodoConnection {
  statement(sql: string): StatementSync;
}

export interface TodoDatabase {
  readonly file: string;
  /** What a person should know about the file found at start (it was corrupt and set aside), or null. */
  readonly notice: string | null;
  /** Runs a query on what is committed now. */
  read<T>(query: (db: TodoConnection) => T): Promise<T>;
  /**
   * Runs `change` in a transaction and resolves once it is committed and on
   * disk. If it throws or the commit fails, none of it is kept.
   */
  write<T>(change: (db: TodoConnection) => T): Promise<T>;
  /** Closes the database; the last connection to close folds the WAL into the file. */
  close(): Promise<void>;
}

export interface OpenTodoDatabaseOptions {
  /** The data dir; created if missing. */
  dir: string;
  log?: (message: string) => void;
  /** For the name of a set-aside corrupt file. */
  now?: () => Date;
}

/**
 * The to-do database cannot be used. The message says why and what to do, for
 * the person (it reaches the window and the 503's body, so it names files only
 * as "in the data folder"); logMessage says the same with the full paths.
 */
export class TodoDatabaseUnavailableError extends Error {
  override name = 'TodoDatabaseUnavailableError';
  constructor(
    message: string,
    readonly logMessage: string = message,
  ) {
    super(message);
  }
}

/** How a sentence names the database, its folder and its files: for the person, or for the log. */
interface Place {
  db: string;
  folder: string;
  name(file: string): string;
}

function places(dir: string, file: string): { shown: Place; logged: Place } {
  return {
    shown: {
      db: `The to-do database (${TODO_DB_FILE_NAME} in the data folder)`,
      folder: 'the data folder',
      name: (f) => `${path.basename(f)} in the data folder`,
    },
    logged: { db: `The to-do database ${file}`, folder: dir, name: (f) => f },
  };
}

/** A system error in words that name no path (its message does: "EACCES: permission denied, open '/home/…'"). */
function errnoWords(err: NodeJS.ErrnoException): string {
  return err.code === undefined ? 'a system error' : `${err.code}: ${err.syscall ?? 'file'} failed`;
}

/** A sentence made twice from one template: for the person, and for the log. */
type Sentence = (at: Place, err?: (e: NodeJS.ErrnoException) => string) => string;

/** Another connection held the database locked for longer than BUSY_WAIT_MS; nothing was done. */
export class TodoDatabaseBusyError extends TodoDatabaseUnavailableError {
  override name = 'TodoDatabaseBusyError';
}

/** Saving a change failed; none of it was kept. The cause is for the log, not the client. */
export class TodoSaveError extends Error {
  override name = 'TodoSaveError';
}

export async function openTodoDatabase(options: OpenTodoDatabaseOptions): Promise<TodoDatabase> {
  const { dir, log = console.error, now = () => new Date() } = options;
  const file = path.join(dir, TODO_DB_FILE_NAME);
  const here = places(dir, file);
  const unavailable = (sentence: Sentence) =>
    new TodoDatabaseUnavailableError(
      sentence(here.shown, errnoWords),
      sentence(here.logged, (e) => e.message),
    );
  const notWritable = (err: NodeJS.ErrnoException) =>
    unavailable(
      (at, words = errnoWords) =>
        `${at.db} cannot be written (${words(err)}). Session Lab keeps to-dos there and needs to write both the file and its folder, ${at.folder}: make them writable by this user, then restart; until then to-dos are unavailable.`,
    );

  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw notWritable(err as NodeJS.ErrnoException);
  }
  const found = await findTodoFile(file);
  if (found.kind === 'unreadable') {
    const err = found.err;
    throw unavailable(
      (at, words = errnoWords) =>
        `${at.db} cannot be read (${words(err)}). Make it a file this user can read and write, then restart; until then to-dos are unavailable.`,
    );
  }
  const readOnly = await whyNotWritable(dir, file, found.kind !== 'missing');
  if (readOnly !== null) throw notWritable(readOnly);

  const busy = () =>
    unavailable(
      (at) =>
        `${at.db} stayed locked by another program for over ${BUSY_WAIT_MS / 1000} seconds while Session Lab started. Close that program (another Session Lab, or an SQLite tool), then restart; until then to-dos are unavailable here.`,
    );
  // SQLite's own messages ("attempt to write a readonly database") name no file.
  const sqliteFailed = (err: unknown) =>
    sqliteCode(err) === SQLITE_READONLY
      ? unavailable(
          (at) =>
            `${at.db} cannot be written (SQLite says: ${errorMessage(err)}). Make it and its folder, ${at.folder}, writable by this user, then restart; until then to-dos are unavailable.`,
        )
      : unavailable(
          (at) => `${at.db} could not be opened (SQLite says: ${errorMessage(err)}); to-dos are unavailable until that is fixed and Session Lab restarts.`,
        );

  let notice: { shown: string; logged: string } | null = null;
  let db: DatabaseSync | null = null;
  try {
    let corrupt = found.kind === 'corrupt' ? found.reason : null;
    if (found.kind === 'present') {
      const checked = await retryWhileBusy(() => checkExisting(file), BUSY_WAIT_MS, busy);
      if ('corrupt' in checked) corrupt = checked.corrupt;
      else db = checked.db;
    }
    if (corrupt !== null) {
      const aside = await setAside(file, 'corrupt', now());
      const sentence = (at: Place) =>
        `The to-do database was corrupt (${corrupt}) and has been moved aside to ${at.name(aside)}; a new, empty to-do list was started. The old file is kept unchanged for recovery.`;
      notice = { shown: sentence(here.shown), logged: sentence(here.logged) };
    } else if (found.kind === 'missing') {
      notice = await setAsideOrphans(file, now, here);
    }
    // No database kept (none found, or set aside): a new one starts here.
    if (db === null) await createPrivateFile(file);
    if (notice !== null) log(`Session Lab: ${notice.logged}`);
    const conn = (db ??= connect(file));
    await retryWhileBusy(() => prepareForWrites(conn), BUSY_WAIT_MS, busy);
  } catch (err) {
    db?.close();
    if (err instanceof TodoDatabaseUnavailableError) throw err;
    if (err instanceof NewerSchemaError) {
      const why = err.message;
      throw unavailable(
        (at) => `${at.db} was written by a newer Session Lab (${why}). Update Session Lab; the file is left untouched and to-dos are unavailable until then.`,
      );
    }
    if (isSqliteError(err)) throw sqliteFailed(err);
    throw err;
  }
  return liveDatabase(db, file, notice?.shown ?? null);
}

/**
 * A WAL or journal whose database was moved or deleted would be replayed into
 * the new database that takes its name: set it aside first. Returns the notice, or null.
 */
async function setAsideOrphans(file: string, now: () => Date, here: { shown: Place; logged: Place }): Promise<{ shown: string; logged: string } | null> {
  const orphans = await orphanedCompanions(file);
  if (orphans.length === 0) return null;
  const aside = await setAside(file, 'orphan', now());
  const names = orphans.map((f) => path.basename(f)).join(' and ');
  const sentence = (at: Place) =>
    `Found ${names} without the to-do database it belongs to (was ${at.name(file)} moved or deleted on its own?); moved it aside, unchanged, to ${orphans
      .map((f) => at.name(aside + f.slice(file.length)))
      .join(' and ')}, and started a new, empty to-do list.`;
  return { shown: sentence(here.shown), logged: sentence(here.logged) };
}

function connect(file: string): DatabaseSync {
  return new DatabaseSync(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
}

/**
 * Opens an existing file and checks it before anything is written to it: it
 * must be sound, and of a schema this version knows. Only a file SQLite calls
 * corrupt, or one failing the integrity check, counts as corrupt; any other
 * failure (a lock, an I/O error) is thrown, so nothing is moved aside for it.
 */
function checkExisting(file: string): { db: DatabaseSync } | { corrupt: string } {
  const db = connect(file);
  try {
    let verdict: string;
    try {
      // Reading also replays a WAL left by a crash into this connection's view.
      verdict = db
        .prepare('PRAGMA integrity_check')
        .all()
        .map((row) => String(row.integrity_check))
        .join('; ');
    } catch (err) {
      const code = sqliteCode(err);
      if (code === SQLITE_CORRUPT || code === SQLITE_NOTADB) {
        db.close();
        return { corrupt: `SQLite says: ${errorMessage(err)}` };
      }
      throw err;
    }
    if (verdict !== 'ok') {
      db.close();
      return { corrupt: `the integrity check found: ${truncate(verdict, 200)}` };
    }
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) throw new NewerSchemaError(version);
    return { db };
  } catch (err) {
    if (db.isOpen) db.close();
    throw err;
  }
}

/** Settings that live with the connection or the file, then the schema. Runs only on a file already checked. */
function prepareForWrites(db: DatabaseSync): void {
  // Persistent in the file; a no-op once set. A file from the sql.js version (rollback journal) is converted here.
  db.prepare('PRAGMA journal_mode = WAL').get();
  // fullfsync: on macOS a plain fsync leaves the data in the drive's cache;
  // Node's own fsync used F_FULLFSYNC there, and so does this. Ignored elsewhere.
  db.exec('PRAGMA synchronous = FULL; PRAGMA fullfsync = ON; PRAGMA checkpoint_fullfsync = ON;');
  migrate(db);
}

function liveDatabase(db: DatabaseSync, file: string, notice: string | null): TodoDatabase {
  let open: DatabaseSync | null = db;
  const statements = new Map<string, StatementSync>();
  const current = (): DatabaseSync => {
    if (open === null) throw new TodoDatabaseUnavailableError('The to-do database is closed: the server is shutting down.');
    return open;
  };
  const connection: TodoConnection = {
    statement(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) statements.set(sql, (statement = current().prepare(sql)));
      return statement;
    },
  };
  const busy = () =>
    new TodoDatabaseBusyError(
      `The to-do database is busy: another program has held it locked for over ${BUSY_WAIT_MS / 1000} seconds (another Session Lab, or an SQLite tool in the middle of a change). Nothing was done; try again in a moment.`,
      `The to-do database ${file} is busy: another program has held it locked for over ${BUSY_WAIT_MS / 1000} seconds. Nothing was done.`,
    );

  return {
    file,
    notice,
    read: (query) =>
      retryWhileBusy(
        () => {
          current();
          try {
            return query(connection);
          } catch (err) {
            if (!isSqliteError(err) || sqliteCode(err) === SQLITE_BUSY) throw err;
            throw new TodoDatabaseUnavailableError(
              `Reading the to-do database failed (SQLite says: ${err.message}). Try again; if it keeps failing, restart Session Lab.`,
              `Reading the to-do database ${file} failed (SQLite says: ${err.message}).`,
            );
          }
        },
        BUSY_WAIT_MS,
        busy,
      ),
    write: (change) => retryWhileBusy(() => inTransaction(current(), file, () => change(connection)), BUSY_WAIT_MS, busy),
    close: () => {
      if (open !== null) {
        open.close();
        open = null;
        statements.clear();
      }
      return Promise.resolve();
    },
  };
}

/**
 * BEGIN IMMEDIATE takes the write lock first, so a busy database fails here,
 * before `change` runs, and the whole attempt can simply be made again.
 */
function inTransaction<T>(db: DatabaseSync, file: string, change: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = change();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    // SQLite may have rolled back already (a full disk, an I/O error).
    if (db.isTransaction) db.exec('ROLLBACK');
    if (!isSqliteError(err) || sqliteCode(err) === SQLITE_BUSY) throw err;
    throw new TodoSaveError(`Saving the to-do database ${file} failed: ${err.message}`, { cause: err });
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
