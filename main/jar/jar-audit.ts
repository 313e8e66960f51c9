// The lab's own jar with the cookie audit's findings on every row: what the
// inspector's jar table lists. cookie-session pairs (`<name>` beside
// `<name>.sig`) are decoded here; the crack's result says whether a weak key signs them.
import type { AuditedCookie, CookieRow } from '../../contract';
import { auditCookie, decodeSessionValue, type DecodedCookie } from '../../server';

const SIG = '.sig';

export interface JarAuditOptions {
  /** The page every cookie of this jar was set for: the lab server's URL. */
  pageUrl: string;
  /** Whether the key the last crack found signs `name=value` with this signature (false when no crack found one). */
  signedWithCrackedKey(name: string, value: string, signature: string): boolean;
  /** Seconds since the epoch. */
  now?: () => number;
}

const pairKey = (name: string, row: CookieRow): string => `${name}\u0000${row.domain}\u0000${row.path}`;

export function auditJar(rows: readonly CookieRow[], options: JarAuditOptions): AuditedCookie[] {
  const byKey = new Map(rows.map((row) => [pairKey(row.name, row), row]));
  const now = options.now?.() ?? Date.now() / 1000;

  /** A cookie-session pair's reading: the session's payload, and whether the cracked key signs it. */
  const decodedOf = (row: CookieRow): DecodedCookie | null => {
    const isSig = row.name.endsWith(SIG) && row.name.length > SIG.length;
    const session = isSig ? byKey.get(pairKey(row.name.slice(0, -SIG.length), row)) : row;
    const signature = isSig ? row : byKey.get(pairKey(`${row.name}${SIG}`, row));
    if (session === undefined || signature === undefined) return null;
    const decoded = decodeSessionValue(session.value);
    if (!decoded.ok) return null;
    return {
      format: 'cookie-session',
      // The .sig half holds no payload of its own.
      payload: isSig ? null : decoded.payload,
      weakKeyFound: signature.value !== '' && options.signedWithCrackedKey(session.name, session.value, signature.value),
    };
  };

  return rows.map((cookie) => ({ cookie, audit: auditCookie({ cookie, pageUrl: options.pageUrl, decoded: decodedOf(cookie), now }) }));
}
