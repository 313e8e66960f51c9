// What every store behind server-side sessions offers: the connect-style store
// express-session drives, plus what the lab asks of it directly (a record as
// stored, "log out everywhere"), and the bounds every store keeps.
import type { Store } from 'express-session';
import type { SessionStoreKind, SessionStoreView, StoredSessionRecord } from '../../contract';

/** One session's record, express-session's cookie options included: ten times what a cookie can hold. */
export const MAX_RECORD_BYTES = 32 * 1024;
/** Sessions one embedded store (SQLite, memory) keeps at most; a new one past this is refused, never an old one dropped. */
export const MAX_STORED_SESSIONS = 10_000;
/**
 * How long a record lives when its cookie has no expiry (a browser-session
 * cookie): the store cannot see the browser close, so it bounds the record itself.
 */
export const BROWSER_SESSION_RECORD_MS = 24 * 60 * 60 * 1000;

export interface SessionStoreHandle {
  readonly view: SessionStoreView;
  /** The store express-session reads and writes. */
  readonly store: Store;
  /**
   * Settles once the store can answer, or once it is clear it cannot yet (a
   * Redis that is down): a server waits for it before it listens, so its first
   * requests do not fail for a connection still being made. Never rejects.
   */
  readonly ready: Promise<void>;
  /** The record for `sid` exactly as the store holds it, or null (none, or expired). */
  record(sid: string): Promise<StoredSessionRecord | null>;
  /** Ends every session whose username is `username`; resolves with how many there were. */
  destroyUser(username: string): Promise<number>;
  close(): Promise<void>;
}

/** Which store, as `--store` / SESSION_STORE name it. */
export type StoreChoice = { kind: 'sqlite'; file: string } | { kind: 'memory' } | { kind: 'redis'; url: string };

/** A store refused a write because of one of its bounds; the message is for the person. */
export class StoreLimitError extends Error {
  override name = 'StoreLimitError';
  constructor(
    readonly status: 413 | 503,
    message: string,
  ) {
    super(message);
  }
}

/** When a record's cookie says it expires (ms since the epoch), or when a browser-session record should. */
export function recordExpiry(session: { cookie?: { expires?: unknown } }, now: number): number {
  const expires = session.cookie?.expires;
  const at = expires instanceof Date ? expires.getTime() : typeof expires === 'string' ? Date.parse(expires) : NaN;
  return Number.isFinite(at) ? at : now + BROWSER_SESSION_RECORD_MS;
}

/** The username a record holds, for "log out everywhere"; null when it holds none. */
export function recordUsername(session: Record<string, unknown>): string | null {
  return typeof session.username === 'string' && session.username !== '' ? session.username : null;
}

export function storeKindLabel(kind: SessionStoreKind): string {
  return kind === 'sqlite' ? 'SQLite' : kind === 'redis' ? 'Redis' : 'memory';
}
