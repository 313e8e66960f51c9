// Turns two snapshots of a cookie jar into the JarChange[] Electron's 'changed' events would give.
import type { CookieRow, JarChange } from '../../main/bridge-contract';

/** The causes to report, which depend on who changed the jar. */
export interface ChangeCauses {
  added: string;
  updated: string;
  removed: string;
}

/** A server's Set-Cookie: inserts, overwrites, and expired overwrites (how a server deletes). */
export const NETWORK_CAUSES: ChangeCauses = { added: 'inserted', updated: 'overwrite', removed: 'expired-overwrite' };
/** A change made through the bridge (cookies.set / cookies.remove in Electron). */
export const EXPLICIT_CAUSES: ChangeCauses = { added: 'inserted', updated: 'overwrite', removed: 'explicit' };

const key = (c: CookieRow): string => `${c.name}\u0000${c.domain}\u0000${c.path}`;

function sameCookie(a: CookieRow, b: CookieRow): boolean {
  return (
    a.value === b.value &&
    a.expirationDate === b.expirationDate &&
    a.secure === b.secure &&
    a.httpOnly === b.httpOnly &&
    a.sameSite === b.sameSite &&
    a.hostOnly === b.hostOnly
  );
}

export function diffJar(before: readonly CookieRow[], after: readonly CookieRow[], causes: ChangeCauses, time: number): JarChange[] {
  // In name order, as a server's Set-Cookie headers for a pair (x, then x.sig) come.
  const byKey = (list: readonly CookieRow[]) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const old = new Map(byKey(before).map((c) => [key(c), c]));
  const changes: JarChange[] = [];
  for (const cookie of byKey(after)) {
    const previous = old.get(key(cookie));
    old.delete(key(cookie));
    if (!previous) {
      changes.push({ time, name: cookie.name, kind: 'added', cause: causes.added, value: cookie.value, previousValue: null });
    } else if (!sameCookie(previous, cookie)) {
      changes.push({ time, name: cookie.name, kind: 'updated', cause: causes.updated, value: cookie.value, previousValue: previous.value });
    }
  }
  for (const gone of old.values()) {
    changes.push({ time, name: gone.name, kind: 'removed', cause: causes.removed, value: null, previousValue: gone.value });
  }
  return changes;
}
