// The to-do database's files as the file system sees them: what is there before SQLite opens it, whether it can be written, and setting a corrupt one aside.
import fs from 'node:fs/promises';
import path from 'node:path';
import { isErrno } from '../errno';
import { syncFolder } from './sync-folder';

/**
 * SQLite keeps a database's recent commits in `<file>-wal` (WAL mode) or an
 * unfinished transaction in `<file>-journal` (rollback mode); both belong to
 * the file and go wherever it goes. `<file>-shm` is only an index of the WAL,
 * rebuilt from it, and must never be paired with another file's WAL.
 */
const COMPANIONS = ['-wal', '-journal'] as const;
const WAL_INDEX = '-shm';

export type FoundFile =
  | { kind: 'missing' }
  | { kind: 'present' }
  | { kind: 'corrupt'; reason: string }
  /** Permissions, a folder in its place: not corruption, so nothing may be moved. */
  | { kind: 'unreadable'; err: NodeJS.ErrnoException };

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Looks at the file's first bytes: SQLite would report these cases only as a vague "not a database". */
export async function findTodoFile(file: string): Promise<FoundFile> {
  let head: Buffer;
  try {
    const handle = await fs.open(file, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(SQLITE_HEADER.length), 0, SQLITE_HEADER.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return { kind: 'missing' };
    return { kind: 'unreadable', err: err as NodeJS.ErrnoException };
  }
  // SQLite never leaves an empty database file once it has written one, so an
  // empty one is a lost write (e.g. a crash on a disk that does not honour
  // fsync): worth telling the person rather than quietly starting over.
  if (head.length === 0) return { kind: 'corrupt', reason: 'the file is empty' };
  if (!head.equals(SQLITE_HEADER)) return { kind: 'corrupt', reason: 'it is not an SQLite database' };
  return { kind: 'present' };
}

/**
 * Why the folder or the file cannot be written (EROFS, EACCES), or null. A
 * read-only database opens fine in SQLite and fails only at the first change,
 * so this is asked before opening, to say so at start. The folder counts too:
 * SQLite creates the WAL beside the file. (As root only a read-only mount
 * stops a write, and that is what access() reports.)
 */
export async function whyNotWritable(dir: string, file: string, exists: boolean): Promise<NodeJS.ErrnoException | null> {
  for (const target of exists ? [dir, file] : [dir]) {
    try {
      await fs.access(target, fs.constants.W_OK);
    } catch (err) {
      return err as NodeJS.ErrnoException;
    }
  }
  return null;
}

/**
 * Creates the database file empty and private to this user, unless it exists
 * by now (another process got there first). SQLite would create it 0644; its
 * WAL and WAL index take the database file's permissions, so they are private too.
 */
export async function createPrivateFile(file: string): Promise<void> {
  try {
    await (await fs.open(file, 'wx', 0o600)).close();
  } catch (err) {
    if (!isErrno(err, 'EEXIST')) throw err;
  }
}

/**
 * Companion files (a WAL or journal) with no database file beside them, or [].
 * The companions are looked for first: SQLite creates the database file before
 * its WAL, so a WAL seen while another process is creating the database comes
 * with a file that the second look then finds, and nothing is taken for an orphan.
 */
export async function orphanedCompanions(file: string): Promise<string[]> {
  const found: string[] = [];
  for (const suffix of COMPANIONS) if (await anyExists([file + suffix])) found.push(file + suffix);
  if (found.length === 0 || (await anyExists([file]))) return [];
  return found;
}

/**
 * Renames `file` to `<file>.<label>-<UTC time>`, never over an existing file,
 * so its bytes stay exactly as found for whoever wants to recover them. Its
 * WAL or journal keep their names relative to it (`….<label>-<time>-wal`), so
 * SQLite pairs them again when someone opens the copy, and can never replay
 * them into the new database that takes the old name. The WAL index is
 * dropped. Works as well when only the companions are there. Returns the new
 * name of the file.
 */
export async function setAside(file: string, label: 'corrupt' | 'orphan', when: Date): Promise<string> {
  // No ':' in the name: Windows forbids it.
  const stamp = when.toISOString().replace(/[:.]/g, '-');
  for (let n = 1; ; n++) {
    const target = `${file}.${label}-${stamp}${n === 1 ? '' : `-${n}`}`;
    if (await anyExists([target, ...COMPANIONS.map((suffix) => target + suffix)])) continue;
    await renameIfPresent(file, target);
    for (const suffix of COMPANIONS) await renameIfPresent(file + suffix, target + suffix);
    await fs.rm(file + WAL_INDEX, { force: true });
    // The renames live in the folder's entry list: flush it before a new file takes the old name.
    await syncFolder(path.dirname(file));
    return target;
  }
}

async function anyExists(files: string[]): Promise<boolean> {
  for (const file of files) {
    try {
      await fs.access(file);
      return true;
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err;
    }
  }
  return false;
}

async function renameIfPresent(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
}
