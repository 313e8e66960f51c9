// Sessions in a SQLite file through node:sqlite: a connect-style store for express-session.
//
// No store on node:sqlite exists in the ecosystem (connect-sqlite3 needs the
// native sqlite3 module, which would have to be rebuilt for Electron), so this
// is a small Store subclass. One row per session: its ID, the record's JSON,
// when it expires, and its username (for "log out everywhere").
//
// Journal: WAL with synchronous=NORMAL. A commit is in the WAL file before the
// write is acknowledged, so a crashed or killed process (SIGKILL) loses nothing
// it acknowledged: the next open replays the WAL. Only a power cut or an OS
// crash can lose the last commits (never corrupt the file); synchronous=FULL
// would close that too, at an fsync of the WAL on every commit (every counted
// visit). WAL also lets two instances share the file: readers never wait for a
// writer.
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import session, { type SessionData } from 'express-session';
import { errorMessage, type StoredSessionRecord } from '../../contract';
import { MAX_STORED_SESSIONS, recordExpiry, recordUsername, StoreLimitError, type SessionStoreHandle } from './session-store';

export const SESSIONS_DB_FILE_NAME = 'sessions.sqlite';
/** How often expired rows are swept, besides at open. */
export const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

type Callback<T = void> = (err?: unknown, value?: T) => void;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  sid TEXT PRIMARY KEY,
  record TEXT NOT NULL,
  expires INTEGER NOT NULL,
  username TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires);
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (username) WHERE username IS NOT NULL;
`;

export interface SqliteStoreOptions {
  file: string;
  /** Sessions kept at most (default MAX_STORED_SESSIONS). */
  maxSessions?: number;
  now?: () => number;
  log?: (message: string) => void;
}

class SqliteSessionStore extends session.Store {
  private readonly statements: Record<'get' | 'update' | 'insert' | 'destroy' | 'count' | 'sweep' | 'destroyUser' | 'raw', StatementSync>;

  constructor(
    private readonly db: DatabaseSync,
    private readonly maxSessions: number,
    private readonly now: () => number,
  ) {
    super();
    this.statements = {
      get: db.prepare('SELECT record, expires FROM sessions WHERE sid = ?'),
      raw: db.prepare('SELECT record, expires FROM sessions WHERE sid = ? AND expires > ?'),
      update: db.prepare('UPDATE sessions SET record = ?, expires = ?, username = ? WHERE sid = ?'),
      insert: db.prepare('INSERT INTO sessions (sid, record, expires, username) VALUES (?, ?, ?, ?)'),
      destroy: db.prepare('DELETE FROM sessions WHERE sid = ?'),
      count: db.prepare('SELECT count(*) AS n FROM sessions'),
      sweep: db.prepare('DELETE FROM sessions WHERE expires <= ?'),
      destroyUser: db.prepare('DELETE FROM sessions WHERE username = ?'),
    };
  }

  // Each method answers its callback outside its try: an exception thrown by
  // express-session's continuation is its own, not a store failure.
  override get(sid: string, callback: Callback<SessionData | null>): void {
    let found: SessionData | null = null;
    try {
      const row = this.statements.get.get(sid) as { record: string; expires: number } | undefined;
      if (row !== undefined) {
        found = row.expires > this.now() ? parseRecord(row.record) : null;
        // Expired or unreadable: gone, as if swept already.
        if (found === null) this.statements.destroy.run(sid);
      }
    } catch (err) {
      return callback(err);
    }
    callback(null, found);
  }

  override set(sid: string, record: SessionData, callback: Callback = () => undefined): void {
    try {
      const json = JSON.stringify(record);
      const expires = recordExpiry(record, this.now());
      const username = recordUsername(record);
      // An existing session is one UPDATE; only a new one is counted against the cap.
      if (this.statements.update.run(json, expires, username, sid).changes === 0) {
        if (this.count() >= this.maxSessions) {
          this.sweep();
          if (this.count() >= this.maxSessions) {
            throw new StoreLimitError(
              503,
              `The session store is full (${this.maxSessions.toLocaleString('en-US')} sessions), so no new session can start. Existing sessions carry on; try again once some have expired.`,
            );
          }
        }
        this.statements.insert.run(sid, json, expires, username);
      }
    } catch (err) {
      return callback(err);
    }
    callback(null);
  }

  override destroy(sid: string, callback: Callback = () => undefined): void {
    try {
      this.statements.destroy.run(sid);
    } catch (err) {
      return callback(err);
    }
    callback(null);
  }

  override length(callback: Callback<number>): void {
    let n: number;
    try {
      n = this.count();
    } catch (err) {
      return callback(err);
    }
    callback(null, n);
  }

  count(): number {
    return Number((this.statements.count.get() as { n: number }).n);
  }

  /** Removes every expired row; how many went. */
  sweep(): number {
    return Number(this.statements.sweep.run(this.now()).changes);
  }

  destroyUser(username: string): number {
    return Number(this.statements.destroyUser.run(username).changes);
  }

  raw(sid: string): StoredSessionRecord | null {
    const row = this.statements.raw.get(sid, this.now()) as { record: string; expires: number } | undefined;
    return row === undefined ? null : { json: row.record, bytes: Buffer.byteLength(row.record), expiresAt: row.expires };
  }
}

function parseRecord(json: string): SessionData | null {
  try {
    const parsed: unknown = JSON.parse(json);
    const cookie = typeof parsed === 'object' && parsed !== null ? (parsed as { cookie?: unknown }).cookie : undefined;
    // express-session rebuilds the cookie from the record: without one it would throw.
    return typeof cookie === 'object' && cookie !== null ? (parsed as SessionData) : null;
  } catch {
    return null;
  }
}

/** Opens (or creates) the sessions file. A file that is not a SQLite database is moved aside, and a new one started. */
export function openSqliteSessionStore(options: SqliteStoreOptions): SessionStoreHandle {
  const { file, maxSessions = MAX_STORED_SESSIONS, now = Date.now, log = console.error } = options;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let db: DatabaseSync;
  try {
    db = openDatabase(file);
  } catch (err) {
    if (!/not a database|malformed/i.test(errorMessage(err))) throw err;
    // Sessions are disposable (everyone logs in again); the old file is kept for a look.
    const aside = `${file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    log(
      `Session Lab: the sessions file ${file} was not a SQLite database (${errorMessage(err)}); it was moved to ${aside} and a new one started. Everyone must log in again.`,
    );
    db = openDatabase(file);
  }
  const store = new SqliteSessionStore(db, maxSessions, now);
  store.sweep();
  const timer = setInterval(() => {
    try {
      store.sweep();
    } catch (err) {
      log(`Session Lab: sweeping expired sessions in ${file} failed: ${errorMessage(err)}`);
    }
  }, SWEEP_INTERVAL_MS);
  // The sweep never holds the process open.
  timer.unref();
  let closed = false;
  return {
    view: { kind: 'sqlite', description: `SQLite file ${file}` },
    store,
    ready: Promise.resolve(),
    record: (sid) => Promise.resolve(store.raw(sid)),
    destroyUser: (username) => Promise.resolve(store.destroyUser(username)),
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      clearInterval(timer);
      db.close();
      return Promise.resolve();
    },
  };
}

function openDatabase(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  try {
    // A second instance on the same file waits briefly for a writer rather than failing.
    db.exec('PRAGMA busy_timeout = 2000');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec(SCHEMA);
    fs.chmodSync(file, 0o600);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
