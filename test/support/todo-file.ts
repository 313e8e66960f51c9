// Reads a to-do database file the way a recovery tool would: straight from disk, apart from any running store.
import fs from 'node:fs';
import { loadSqlite } from '../../server/todos/sqlite-wasm';

export interface TodoFileContents {
  integrity: string;
  schemaVersion: number;
  rows: { id: number; owner: string; title: string; done: number }[];
}

export async function readTodoFile(file: string): Promise<TodoFileContents> {
  const SQL = await loadSqlite();
  const db = new SQL.Database(fs.readFileSync(file));
  try {
    const integrity = String(db.exec('PRAGMA integrity_check')[0]?.values[0]?.[0]);
    const schemaVersion = Number(db.exec('PRAGMA user_version')[0]?.values[0]?.[0]);
    const rows = (db.exec('SELECT id, owner, title, done FROM items ORDER BY id')[0]?.values ?? []).map(([id, owner, title, done]) => ({
      id: Number(id),
      owner: String(owner),
      title: String(title),
      done: Number(done),
    }));
    return { integrity, schemaVersion, rows };
  } finally {
    db.close();
  }
}
