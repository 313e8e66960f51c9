// Limits the server enforces and the window shows, declared once.

/** Browsers keep a cookie only while name + value stay within this many bytes. */
export const COOKIE_BYTES_LIMIT = 4096;
/** The session cookie's default lifetime: seven days. */
export const DEFAULT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** Longer than this is no session lifetime anyone should choose (browsers cap at 400 days). */
export const MAX_MAX_AGE_MS = 400 * 24 * 60 * 60 * 1000;
/** A username, in characters (code points). */
export const MAX_USERNAME_LENGTH = 64;
/** A to-do title, in characters (code points). */
export const MAX_TITLE_LENGTH = 200;
/** To-dos one user may keep. */
export const MAX_ITEMS_PER_OWNER = 1000;
/**
 * To-dos the database keeps in all. Usernames cost nothing, so a per-user cap
 * alone would not bound the file: this does (at most about 30 MB of rows).
 */
export const MAX_ITEMS_IN_ALL = 100_000;
/** To-do writes (add, change, delete) one client may make per minute. */
export const TODO_WRITES_PER_MINUTE = 120;

/** Characters as a person counts them (code points), the way every limit above counts. */
export function characterCount(text: string): number {
  return [...text].length;
}
