// Reads a to-do database file the way a recovery tool would: straight from disk, apart from any running store.
import { DatabaseSync } from 'node:sqlite';

export interface TodoFileContents {
  integrity: string;
  schemaVersion: number;
  rows: { id: number; owner: string; title: string; done: number }[];
}

/**
 * Read-only, so it never changes what it inspects: it does not fold a WAL left
 * by a crash into the file, as a read-write connection closing last would. It
 * still reads that WAL, as SQLite itself does: committed changes live there
 * until a checkpoint.
 */
export function readTodoFile(file: string): TodoFileContents {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const integrity = db
      .prepare('PRAGMA integrity_check')
      .all()
      .map((row) => String(row.integrity_check))
      .join('; ');
    const schemaVersion = Number(db.prepare('PRAGMA user_version').get()?.user_version);
    const rows = db
      .prepare('SELECT id, owner, title, done FROM items ORDER BY id')
      .all()
      .map((row) => ({ id: Number(row.id), owner: String(row.owner), title: String(row.title), done: Number(row.done) }));
    return { integrity, schemaVersion, rows };
  } finally {
    db.close();
  }
}
