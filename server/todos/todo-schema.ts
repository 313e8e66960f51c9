// The to-do database's tables, versioned with PRAGMA user_version.
import type { DatabaseSync } from 'node:sqlite';

/**
 * Migration n (1-based) takes the schema from version n-1 to n. Append only:
 * a shipped migration never changes, since users' files already ran it.
 */
const MIGRATIONS: readonly string[] = [
  // 1: items. AUTOINCREMENT so an id is never reused after a delete: a stale
  // window acting on an old id can then only miss, never hit a newer item.
  `CREATE TABLE items (
     id      INTEGER PRIMARY KEY AUTOINCREMENT,
     owner   TEXT    NOT NULL,
     title   TEXT    NOT NULL,
     done    INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
     created TEXT    NOT NULL,
     updated TEXT    NOT NULL
   );
   CREATE INDEX items_by_owner ON items (owner, id);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The database says it was written by a newer Session Lab; this one must not touch it. */
export class NewerSchemaError extends Error {
  override name = 'NewerSchemaError';
  constructor(readonly found: number) {
    super(`it has schema version ${found}, and this Session Lab knows only up to ${SCHEMA_VERSION}`);
  }
}

export function schemaVersion(db: DatabaseSync): number {
  const value = db.prepare('PRAGMA user_version').get()?.user_version;
  return typeof value === 'number' ? value : 0;
}

/**
 * Brings the database up to SCHEMA_VERSION in one transaction, so a failed
 * migration leaves it as it was. Returns whether anything ran. Another process
 * may open the same file at the same moment: the version is read again under
 * the write lock (BEGIN IMMEDIATE), so only one of them migrates.
 */
export function migrate(db: DatabaseSync): boolean {
  const seen = schemaVersion(db);
  if (seen > SCHEMA_VERSION) throw new NewerSchemaError(seen);
  if (seen === SCHEMA_VERSION) return false;
  db.exec('BEGIN IMMEDIATE');
  try {
    const from = schemaVersion(db);
    if (from > SCHEMA_VERSION) throw new NewerSchemaError(from);
    for (let version = from + 1; version <= SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version - 1] ?? '');
    // PRAGMA takes no bound parameters; the value is our own integer.
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
    return from < SCHEMA_VERSION;
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
