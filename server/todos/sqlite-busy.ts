// Tells node:sqlite's errors apart, and retries work that found the database locked by another connection.

/** An error raised by SQLite itself (node:sqlite's ERR_SQLITE_ERROR), with SQLite's extended result code. */
export interface SqliteError extends Error {
  code: 'ERR_SQLITE_ERROR';
  errcode: number;
  errstr: string;
}

export function isSqliteError(err: unknown): err is SqliteError {
  return err instanceof Error && (err as Partial<SqliteError>).code === 'ERR_SQLITE_ERROR' && typeof (err as Partial<SqliteError>).errcode === 'number';
}

/** SQLite's primary result code (the low byte of an extended code), or null for an error that is not SQLite's. */
export function sqliteCode(err: unknown): number | null {
  return isSqliteError(err) ? err.errcode & 0xff : null;
}

export const SQLITE_BUSY = 5;
export const SQLITE_READONLY = 8;
export const SQLITE_CORRUPT = 11;
export const SQLITE_NOTADB = 26;

/**
 * How long one SQLite call may wait inside SQLite for a lock. That wait
 * sleeps the whole thread, and node:sqlite is synchronous: it would freeze
 * every request of this server (and, in the desktop app, the main process).
 * So it is kept to a few milliseconds, which covers another connection's
 * ordinary commit; a longer wait happens here, between attempts, with the
 * event loop free.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 10;

/**
 * Runs `work` until it does not fail with SQLITE_BUSY, pausing between
 * attempts (5 ms, doubling up to 100 ms), for at most `waitMs` in all. Then
 * throws what `givenUp()` makes. Any other error is thrown at once. `work` must
 * leave nothing behind when it fails busy, so that running it again is safe.
 */
export async function retryWhileBusy<T>(work: () => T, waitMs: number, givenUp: () => Error): Promise<T> {
  const deadline = performance.now() + waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      return work();
    } catch (err) {
      if (sqliteCode(err) !== SQLITE_BUSY) throw err;
      const left = deadline - performance.now();
      if (left <= 0) throw givenUp();
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
    }
  }
}
