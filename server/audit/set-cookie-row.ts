// A pasted Set-Cookie line as the jar row a browser would store from it, and the
// page it is judged as coming from, so the cookie audit's rules can read it as
// they read a jar's. The line does not say which page sent it: it is judged as a
// production site's, over https, on the host its Domain names (or none, for a
// host-only cookie, whose reach needs no host to judge).
import type { AuditedCookie, CookieRow, SameSite } from '../../contract';
import { auditCookie } from './cookie-findings';
import type { SetCookieLine } from './cookie-input';
import type { Decoded } from './formats/format';
import { plainPayload } from './formats/payload';

/** The host a host-only line is judged on: a reserved name (RFC 2606), never a real site. */
export const UNKNOWN_HOST = 'set-cookie.invalid';

const SAME_SITE: Record<NonNullable<SetCookieLine['sameSite']>, SameSite> = { strict: 'strict', lax: 'lax', none: 'no_restriction' };

/** The row a browser keeps from this line: Domain lower-cased with its dot, Max-Age before Expires (RFC 6265 5.3). */
export function setCookieRow(name: string, line: SetCookieLine, now: number): CookieRow {
  const domain = line.domain?.replace(/^\./, '').toLowerCase() ?? '';
  const hostOnly = domain === '';
  const expirationDate = line.maxAge !== null ? now + line.maxAge : line.expires;
  return {
    name,
    value: line.sentValue,
    domain: hostOnly ? '' : `.${domain}`,
    hostOnly,
    // Without Path the browser takes the request's directory; the line does not say it, so the root.
    path: line.path?.startsWith('/') ? line.path : '/',
    secure: line.secure,
    httpOnly: line.httpOnly,
    session: expirationDate === null,
    expirationDate,
    sameSite: line.sameSite === null ? 'unspecified' : SAME_SITE[line.sameSite],
    size: Buffer.byteLength(name + line.sentValue),
  };
}

/** The page the line is judged as coming from: https, on the host its Domain names. */
export function setCookiePage(row: CookieRow): string {
  const host = row.hostOnly ? UNKNOWN_HOST : row.domain.slice(1);
  try {
    return new URL(`https://${host}/`).href;
  } catch {
    return `https://${UNKNOWN_HOST}/`;
  }
}

/**
 * The cookie of a Set-Cookie line as a browser would store it (Max-Age counted
 * from `readAt`), audited by the jar's rules as sent over https; the weak-key
 * rule takes the crack's word (`weakKeyFound`), never cracking itself.
 */
export function auditSetCookie(
  name: string,
  line: SetCookieLine,
  decoded: Decoded | null,
  options: { readAt: number; now: number; weakKeyFound: boolean },
): AuditedCookie {
  const cookie = setCookieRow(name, line, options.readAt);
  const audit = auditCookie({
    cookie,
    pageUrl: setCookiePage(cookie),
    decoded: decoded ? { format: decoded.format, payload: plainPayload(decoded.payload), weakKeyFound: options.weakKeyFound } : null,
    now: options.now,
  });
  return { cookie, audit };
}
